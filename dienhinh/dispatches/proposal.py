"""From a registered dispatch to the programme it implies, ready for the user to correct.

Two cases, one form:

- an **incoming** dispatch is relayed: the level above's deadline becomes the sender's own
  forwarding deadline, and the units below get the latest deadline that leaves the compiler
  the working days the setting asks for;
- an **outgoing** dispatch (the unit's own, e.g. seed 002 at the district) already states
  both tiers: "vào ngày 15" for the units, "vào ngày 17" for the office that forwards.

The parent (the level above) is the dispatch relayed, or for an own dispatch the first
registered dispatch it cites. Its deadline comes from its programme when it has one in
Dienhinh, else from what was read in its text.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from dienhinh.common.dates import today, vn_date
from dienhinh.cycles import rules
from dienhinh.cycles.deadlines import DeadlineRule, period_containing
from dienhinh.units.models import Unit

from . import cascade
from .matching import Match, match_addressees
from .models import Direction, Dispatch, Status

CADENCE_ANCHOR = {
    "monthly": "month",
    "quarterly": "last_month_of_quarter",
    "yearly": "year",
    "once": "date",
}


@dataclass
class Proposal:
    initial: dict
    parent: Dispatch | None
    parent_rule: DeadlineRule | None
    parent_label: str
    matches: list[Match] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def parent_of(dispatch: Dispatch) -> Dispatch | None:
    """The level above of an own dispatch: the one it relays, or the first it cites that is
    registered here."""
    if dispatch.parent_id:
        return dispatch.parent
    for reference in dispatch.references.select_related("cited"):
        if reference.cited and reference.cited.status == Status.REGISTERED:
            return reference.cited
    return None


def rule_from_parsed(item: dict) -> DeadlineRule:
    date = dt.date.fromisoformat(item["date"]) if item.get("date") else None
    return DeadlineRule(
        relation=item["relation"],
        day=item.get("day") or 1,
        anchor=item.get("in") or "month",
        month=item.get("month"),
        date=date,
    )


def _addressee_deadline(parsed: dict) -> dict | None:
    """The deadline the dispatch sets for its addressees (not its own office's)."""
    deadlines = parsed.get("deadlines") or []
    for item in deadlines:
        if not item.get("from"):
            return item
    return deadlines[0] if deadlines else None


def parent_rule_of(parent: Dispatch | None) -> DeadlineRule | None:
    if parent is None:
        return None
    if parent.programme_id:
        return rules.unit_rule(parent.programme)
    item = _addressee_deadline(parent.parsed or {})
    return rule_from_parsed(item) if item else None


def describe_rule(rule: DeadlineRule) -> str:
    return rules.describe(
        relation=rule.relation, day=rule.day, anchor=rule.anchor, month=rule.month, date=rule.date
    )


def legal_basis(dispatch: Dispatch) -> str:
    parts = [_("Dispatch %(number)s") % {"number": dispatch.number or "…"}]
    if dispatch.document_date:
        parts.append(_("of %(date)s") % {"date": vn_date(dispatch.document_date)})
    if dispatch.issuer_name:
        parts.append(_("by %(issuer)s") % {"issuer": dispatch.issuer_name})
    return " ".join(parts)[:255]


def _rule_fields(prefix: str, item: dict | None, rule: DeadlineRule | None) -> dict:
    if item:
        return {
            f"{prefix}_relation": item["relation"],
            f"{prefix}_day": item.get("day"),
            f"{prefix}_month": item.get("month"),
            f"{prefix}_date": dt.date.fromisoformat(item["date"]) if item.get("date") else None,
        }
    if rule:
        return {
            f"{prefix}_relation": rule.relation,
            f"{prefix}_day": rule.day,
            f"{prefix}_month": rule.month,
            f"{prefix}_date": rule.date,
        }
    return {}


def propose(*, dispatch: Dispatch, sender: Unit, relaying: bool | None = None) -> Proposal:
    """`relaying`: the sender relays the dispatch further down (a received one, or one
    addressed to it from above), so the dispatch itself is the level above."""
    parsed = dispatch.parsed or {}
    if relaying is None:
        relaying = dispatch.direction == Direction.INCOMING
    parent = dispatch if relaying else parent_of(dispatch)
    parent_rule = parent_rule_of(parent)
    parent_label = (parent.number or parent.issuer_name) if parent else ""
    cadence = parsed.get("cadence") or (
        parent.programme.cadence if parent and parent.programme_id else "monthly"
    )
    quota = (parsed.get("quota") or {}).get("min") or 1
    start = period_containing(cadence, today(), once_start=today(), once_end=today()).starts_on
    initial = {
        "title": (dispatch.subject[:1].upper() + dispatch.subject[1:])[:255]
        if dispatch.subject
        else _("Introducing exemplary people and good deeds"),
        "legal_basis": legal_basis(dispatch),
        "cadence": cadence,
        "quota": quota,
        "starts_on": start,
        "roll": "keep",
        "subject": dispatch.subject,
        "document_date": today(),
    }
    notes: list[str] = []
    if relaying:
        # The level above's deadline becomes ours to forward by; units go earlier.
        if parent_rule:
            initial.update(_rule_fields("forward", None, parent_rule))
            suggestion = cascade.suggest_units(
                cadence=cadence, starts_on=start, forward_rule=parent_rule
            )
            if suggestion:
                initial.update(_rule_fields("unit", None, suggestion))
            notes.append(
                _("%(parent)s asks for the material %(rule)s: that is your forwarding deadline.")
                % {"parent": parent_label, "rule": describe_rule(parent_rule)}
            )
        children = list(Unit.objects.filter(parent=sender, valid_to__isnull=True).order_by("path"))
        matches = [Match(u, "") for u in children]
    else:
        deadlines = parsed.get("deadlines") or []
        own = [d for d in deadlines if d.get("from")]
        units = _addressee_deadline(parsed)
        initial.update(_rule_fields("unit", units, None))
        if own:
            initial.update(_rule_fields("forward", own[0], None))
        matches = match_addressees(sender=sender, recipients=dispatch.recipients, on=today())
        if parent is None and dispatch.references.exists():
            notes.append(
                _(
                    "The dispatch it cites (%(number)s) is not in the registry, so its deadline "
                    "cannot be checked. Register it first to check the cascade."
                )
                % {"number": dispatch.references.first().number}
            )
    if initial.get("unit_relation") is None:
        initial.pop("unit_relation", None)
    if cadence in CADENCE_ANCHOR:
        initial["cadence"] = cadence
    return Proposal(
        initial=initial,
        parent=parent,
        parent_rule=parent_rule,
        parent_label=parent_label,
        matches=matches,
        notes=notes,
    )
