"""Putting a registered dispatch in motion: relaying a received one down the tree, or
turning a unit's own dispatch into its programme, after the deadline-cascade check.

The page (views.programme) and the API ask here who may act as which unit, what to
propose, and then call `dispatch_put_in_motion`, which checks everything again and
refuses, with the warnings to confirm, a relay whose deadlines do not fit the level above
or that repeats a programme this unit already made from the same dispatch.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from dienhinh.accounts.scope import Action, can
from dienhinh.common.dates import vn_date
from dienhinh.common.errors import ApplicationError
from dienhinh.cycles import rules as cycle_rules
from dienhinh.cycles import services as cycle_services
from dienhinh.cycles.models import Programme
from dienhinh.cycles.services import ProgrammeSpec
from dienhinh.units.models import Unit

from . import cascade, services
from .models import Direction, Dispatch, Status
from .proposal import Proposal, propose


@dataclass
class Motion:
    """What the user chose on the page: who sends, to whom, with which programme."""

    spec: ProgrammeSpec
    addressees: list[Unit]
    number: str = ""
    document_date: dt.date | None = None
    subject: str = ""
    confirmed: bool = False  # the user saw the warnings and keeps the dates


@dataclass
class Check:
    warnings: list[str] = field(default_factory=list)
    suggestion: cascade.Suggestion | None = None


def is_relay(dispatch: Dispatch, sender: Unit) -> bool:
    """A received dispatch, or one addressed to `sender` from above, is relayed further
    down; a unit's own outgoing dispatch becomes its programme."""
    return dispatch.direction == Direction.INCOMING or sender.pk != dispatch.unit_id


def _has_units_below(unit: Unit) -> bool:
    return Unit.objects.filter(parent=unit, valid_to__isnull=True).exists()


def possible_senders(*, dispatch: Dispatch) -> list[Unit]:
    """The units that can put this dispatch in motion: its registry's unit and the units it
    was addressed to, while they exist and have units below them to send to."""
    if dispatch.status != Status.REGISTERED:
        return []
    senders = []
    for unit in [dispatch.unit, *dispatch.addressee_units.order_by("path")]:
        if unit in senders or not unit.is_current or not _has_units_below(unit):
            continue
        if not is_relay(dispatch, unit) and dispatch.programme_id:
            continue  # its own dispatch already has its programme
        senders.append(unit)
    return senders


def relay_senders(*, user, dispatch: Dispatch) -> list[Unit]:
    """Those of the possible senders where `user` runs programmes."""
    return [
        unit
        for unit in possible_senders(dispatch=dispatch)
        if can(user, unit, Action.MANAGE_PROGRAMMES)
    ]


def proposal_for(*, dispatch: Dispatch, sender: Unit) -> Proposal:
    return propose(dispatch=dispatch, sender=sender, relaying=is_relay(dispatch, sender))


def initial_spec(proposal: Proposal) -> ProgrammeSpec:
    """The proposal as a programme, for checking the cascade before the user edits it."""
    data = proposal.initial
    return ProgrammeSpec(
        title=data.get("title", ""),
        cadence=data.get("cadence", "monthly"),
        starts_on=data["starts_on"],
        unit_relation=data.get("unit_relation", "before"),
        unit_day=data.get("unit_day"),
        unit_month=data.get("unit_month"),
        unit_date=data.get("unit_date"),
        forward_relation=data.get("forward_relation", ""),
        forward_day=data.get("forward_day"),
        forward_month=data.get("forward_month"),
        forward_date=data.get("forward_date"),
    )


def cascade_check(*, spec: ProgrammeSpec, proposal: Proposal) -> Check:
    """Do the units' deadline and the sender's own fit the level above's, with the working
    days a compiler needs between them?"""
    draft = Programme(**{k: v for k, v in spec.__dict__.items() if k != "parent"})
    try:
        unit_rule = cycle_rules.unit_rule(draft)
        forward_rule = cycle_rules.forward_rule(draft)
    except (TypeError, ValueError):  # an incomplete rule: the form says what is missing
        return Check()
    result = cascade.check(
        cadence=spec.cadence,
        starts_on=spec.starts_on,
        ends_on=spec.ends_on,
        unit_rule=unit_rule,
        forward_rule=forward_rule,
        parent_rule=proposal.parent_rule,
        parent_label=proposal.parent_label,
    )
    return Check(warnings=list(result.warnings), suggestion=result.suggestion)


def _repeat_warning(dispatch: Dispatch, sender: Unit) -> str | None:
    earlier = Programme.objects.filter(
        owner=sender, dispatches__parent=dispatch, dispatches__unit=sender, is_active=True
    ).first()
    if earlier is None:
        return None
    return _(
        "%(unit)s already relayed this dispatch as the programme “%(programme)s” "
        "(from %(day)s): a second programme would ask the same units twice a period."
    ) % {"unit": sender.name, "programme": earlier.title, "day": vn_date(earlier.starts_on)}


def motion_check(*, dispatch: Dispatch, sender: Unit, motion: Motion) -> Check:
    """Everything that makes the motion impossible raises; what is allowed but probably
    wrong comes back as warnings for the user to confirm."""
    spec = motion.spec
    spec.expected_kinds = sorted({u.kind for u in motion.addressees}) or spec.expected_kinds
    cycle_services.programme_errors(owner=sender, spec=spec)
    check = cascade_check(spec=spec, proposal=proposal_for(dispatch=dispatch, sender=sender))
    repeat = _repeat_warning(dispatch, sender) if is_relay(dispatch, sender) else None
    if repeat:
        check.warnings.insert(0, repeat)
    return check


@transaction.atomic
def dispatch_put_in_motion(
    *, actor, dispatch: Dispatch, sender: Unit, motion: Motion
) -> Dispatch | Programme:
    """Relay the dispatch below `sender` (an outgoing dispatch citing it, and the programme
    of the sender's subtree) or make it the sender's programme. Refuses with the warnings
    (code "needs_confirmation") until the user confirms them."""
    if sender not in possible_senders(dispatch=dispatch):
        raise ApplicationError(
            _("%(unit)s cannot relay this dispatch.") % {"unit": sender.name},
            code="not_a_sender",
        )
    check = motion_check(dispatch=dispatch, sender=sender, motion=motion)
    if check.warnings and not motion.confirmed:
        raise ApplicationError(
            _("Check the warnings, then confirm."),
            code="needs_confirmation",
            extra={"warnings": check.warnings, "suggestion": check.suggestion},
        )
    if is_relay(dispatch, sender):
        return services.dispatch_relay(
            actor=actor,
            parent=dispatch,
            sender=sender,
            spec=services.RelaySpec(
                programme=motion.spec,
                addressees=motion.addressees,
                number=motion.number,
                document_date=motion.document_date,
                subject=motion.subject,
            ),
        )
    parent = proposal_for(dispatch=dispatch, sender=sender).parent
    if parent is not None and parent.programme_id:
        motion.spec.parent = parent.programme
    return services.dispatch_create_programme(
        actor=actor,
        dispatch=dispatch,
        spec=motion.spec,
        addressees=motion.addressees,
        parent=parent,
    )
