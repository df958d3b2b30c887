"""Programmes and their periods: create, check, open periods, follow restructures.

Each function that changes state is atomic and audited. Opening periods is idempotent and
catches up: the worker calls `periods_open_due` every day, and it opens whatever period
should exist by then and does not yet (after the worker was down, on a new programme).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from dienhinh.audit.actions import AuditAction
from dienhinh.audit.services import acting_user, audit_record
from dienhinh.common.dates import today as local_today
from dienhinh.common.dates import vn_date
from dienhinh.common.errors import ApplicationError
from dienhinh.units.models import Unit, UnitKind, UnitLineage, UnitVersion
from dienhinh.units.selectors import unit_ancestors, unit_children_on, unit_subtree, valid_on_q
from dienhinh.units.services import check_valid_on

from . import rules
from .compliance import expected_refresh
from .deadlines import PeriodSpan, periods_between
from .models import (
    Cadence,
    ExpectedReach,
    ExpectedUnit,
    Period,
    Programme,
    ProgrammeUnitChoice,
    Relation,
    Roll,
)

# A unit introduces a handful of examples a period; more is a typo (the column is small).
QUOTA_MAX = 99


@dataclass
class ProgrammeSpec:
    title: str
    cadence: str
    starts_on: dt.date
    quota: int = 1
    ends_on: dt.date | None = None
    legal_basis: str = ""
    parent: Programme | None = None
    expected_kinds: list[str] = field(default_factory=list)
    expected_reach: str = ExpectedReach.CHILDREN
    unit_relation: str = Relation.BEFORE
    unit_day: int | None = 15
    unit_month: int | None = None
    unit_date: dt.date | None = None
    forward_relation: str = ""
    forward_day: int | None = None
    forward_month: int | None = None
    forward_date: dt.date | None = None
    roll: str = Roll.KEEP
    lock_after_deadline: bool = False
    expects_photos: bool = False
    expects_report: bool = False


def _check_day(value: int | None, name: str) -> None:
    if value is None or not 1 <= value <= 31:
        raise ApplicationError(_("A deadline day must be between 1 and 31."), field=name)


def _check_rule(spec: ProgrammeSpec, prefix: str) -> None:
    relation = getattr(spec, f"{prefix}_relation")
    if relation not in Relation.values:
        raise ApplicationError(_("Choose 'before day' or 'on day'."), field=f"{prefix}_relation")
    if spec.cadence == Cadence.ONCE:
        if getattr(spec, f"{prefix}_date") is None:
            raise ApplicationError(
                _("A one-off programme needs a deadline date."), field=f"{prefix}_date"
            )
        return
    _check_day(getattr(spec, f"{prefix}_day"), f"{prefix}_day")
    if spec.cadence == Cadence.YEARLY:
        month = getattr(spec, f"{prefix}_month")
        if month is None or not 1 <= month <= 12:
            raise ApplicationError(
                _("A yearly deadline needs a month between 1 and 12."), field=f"{prefix}_month"
            )


def programme_errors(*, owner: Unit, spec: ProgrammeSpec) -> None:
    """Raise ApplicationError for the first thing that makes the programme impossible."""
    if not spec.title.strip():
        raise ApplicationError(_("A programme needs a title."), field="title")
    if spec.cadence not in Cadence.values:
        raise ApplicationError(_("Choose how often the units report."), field="cadence")
    if spec.quota is None or spec.quota < 1:
        raise ApplicationError(
            _("The minimum per unit and period must be at least 1."), field="quota"
        )
    if spec.quota > QUOTA_MAX:
        raise ApplicationError(
            _("At most %(limit_value)s examples per unit and period.") % {"limit_value": QUOTA_MAX},
            field="quota",
        )
    if spec.ends_on is not None and spec.ends_on < spec.starts_on:
        raise ApplicationError(_("The programme cannot end before it starts."), field="ends_on")
    if spec.cadence == Cadence.ONCE and spec.ends_on is None:
        raise ApplicationError(_("A one-off programme needs an end date."), field="ends_on")
    if not spec.expected_kinds or set(spec.expected_kinds) - set(UnitKind.values):
        raise ApplicationError(
            _("Choose the kinds of units that must report."), field="expected_kinds"
        )
    if spec.expected_reach not in ExpectedReach.values:
        raise ApplicationError(_("Choose which units are expected."), field="expected_reach")
    if spec.roll not in Roll.values:
        raise ApplicationError(_("Choose what happens to a deadline on a holiday."), field="roll")
    _check_rule(spec, "unit")
    if spec.forward_relation:
        _check_rule(spec, "forward")
    check_valid_on(owner, spec.starts_on)
    if spec.parent is not None and spec.parent.owner_id not in {
        a.pk for a in unit_ancestors(unit=owner)
    }:
        raise ApplicationError(
            _("A programme can only relay the programme of a unit above it."), field="parent"
        )


def _draft(owner: Unit, spec: ProgrammeSpec) -> Programme:
    return Programme(owner=owner, **{k: v for k, v in spec.__dict__.items()})


def programme_warnings(*, owner: Unit, spec: ProgrammeSpec, periods: int = 12) -> list[str]:
    """What is allowed but probably wrong, checked on the first `periods` periods:
    units due after the programme's own forwarding deadline, or a forwarding deadline after
    the deadline the programme above set (the seeds: the city wants material before the
    15th, the district forwards on the 17th)."""
    draft = _draft(owner, spec)
    warnings: list[str] = []
    for span in _first_spans(draft, periods):
        unit_due, forward_due = rules.deadlines_for(draft, span)
        if forward_due is not None and unit_due > forward_due:
            warnings.append(
                _(
                    "In %(period)s the units are due on %(unit)s, after your own forwarding "
                    "deadline %(forward)s."
                )
                % {"period": span.key, "unit": vn_date(unit_due), "forward": vn_date(forward_due)}
            )
            break
    if spec.parent is not None:
        for span in _first_spans(draft, periods):
            parent_due, _forward = rules.deadlines_for(
                spec.parent, rules.span_for(spec.parent, span.starts_on)
            )
            own_due = rules.deadlines_for(draft, span)[1] or rules.deadlines_for(draft, span)[0]
            if own_due > parent_due:
                warnings.append(
                    _(
                        "In %(period)s you forward on %(own)s, but %(parent)s asks for the "
                        "material by %(due)s."
                    )
                    % {
                        "period": span.key,
                        "own": vn_date(own_due),
                        "parent": spec.parent.owner.name,
                        "due": vn_date(parent_due),
                    }
                )
                break
    return warnings


def _first_spans(programme: Programme, count: int) -> list[PeriodSpan]:
    spans = []
    end = programme.ends_on or programme.starts_on + dt.timedelta(days=31 * 12 * 3)
    for span in periods_between(
        programme.cadence,
        programme.starts_on,
        end,
        once_start=programme.starts_on,
        once_end=programme.ends_on or programme.starts_on,
    ):
        spans.append(span)
        if len(spans) == count:
            break
    return spans


@transaction.atomic
def programme_create(*, actor, owner: Unit, spec: ProgrammeSpec) -> Programme:
    programme_errors(owner=owner, spec=spec)
    programme = _draft(owner, spec)
    programme.title = spec.title.strip()
    programme.created_by = acting_user(actor)
    programme.save()
    programme.chain_id = spec.parent.chain_id if spec.parent else programme.pk
    programme.save(update_fields=["chain"])
    warnings = programme_warnings(owner=owner, spec=spec)
    audit_record(
        actor=actor,
        action=AuditAction.PROGRAMME_CREATE,
        obj=programme,
        unit=owner,
        changes={
            "title": programme.title,
            "cadence": programme.cadence,
            "quota": programme.quota,
            "starts_on": spec.starts_on.isoformat(),
            "unit_deadline": rules.describe_unit_rule(programme),
            "forward_deadline": rules.describe_forward_rule(programme),
            "warnings_accepted": warnings,
        },
    )
    periods_open_due(today=local_today(), programme=programme)
    return programme


@transaction.atomic
def programme_set_unit_choice(
    *, actor, programme: Programme, unit: Unit, included: bool | None
) -> None:
    """Add a unit to the expected set (True), leave it out (False), or follow the rule (None).
    The periods under way from today are redrawn at once; periods that have ended keep their
    figures."""
    if included and not unit.path.startswith(programme.owner.path):
        raise ApplicationError(
            _("Only units under %(owner)s can be expected in its programme.")
            % {"owner": programme.owner.name}
        )
    ProgrammeUnitChoice.objects.filter(programme=programme, unit=unit).delete()
    if included is not None:
        ProgrammeUnitChoice.objects.create(programme=programme, unit=unit, included=included)
    audit_record(
        actor=actor,
        action=AuditAction.PROGRAMME_EXPECTED_EDIT,
        obj=programme,
        unit=programme.owner,
        changes={"unit": unit.name, "included": included},
    )
    day = local_today()
    reason = _("edited by hand on %(day)s") % {"day": vn_date(day)}
    for period in programme.periods.filter(ends_on__gte=day).select_related("programme"):
        _redraw_expected(
            period, on=max(day, period.starts_on), event=None, actor=actor, reason=reason
        )


def expected_unit_ids(programme: Programme, on: dt.date) -> set[int]:
    """The units the programme's rule expects on a day, with the hand-made choices."""
    if programme.expected_reach == ExpectedReach.CHILDREN:
        ids = {
            v.unit_id
            for v in unit_children_on(unit=programme.owner, on=on)
            if v.unit.kind in programme.expected_kinds
        }
    else:
        ids = set(
            unit_subtree(unit=programme.owner, on=on, include_self=False)
            .filter(kind__in=programme.expected_kinds)
            .values_list("pk", flat=True)
        )
    for choice in programme.choices.all():
        if choice.included and Unit.objects.filter(valid_on_q(on), pk=choice.unit_id).exists():
            ids.add(choice.unit_id)
        elif not choice.included:
            ids.discard(choice.unit_id)
    return ids


def _open_period(programme: Programme, span: PeriodSpan) -> Period | None:
    unit_due, forward_due = rules.deadlines_for(programme, span)
    snapshot_day = max(span.starts_on, programme.starts_on)
    try:
        with transaction.atomic():
            period = Period.objects.create(
                programme=programme,
                key=span.key,
                starts_on=span.starts_on,
                ends_on=span.ends_on,
                unit_deadline=unit_due,
                forward_deadline=forward_due,
            )
    except IntegrityError:
        return None  # another worker opened it first: nothing to do
    ids = expected_unit_ids(programme, snapshot_day)
    paths = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "path"))
    ExpectedUnit.objects.bulk_create(
        ExpectedUnit(
            period=period,
            unit_id=pk,
            added_on=snapshot_day,
            period_key=span.key,
            programme_chain=programme.chain_id,
            unit_path=paths[pk],
        )
        for pk in sorted(ids)
    )
    audit_record(
        actor=None,
        action=AuditAction.PERIOD_OPEN,
        obj=period,
        unit=programme.owner,
        changes={
            "key": span.key,
            "expected": len(ids),
            "unit_deadline": unit_due.isoformat(),
            "forward_deadline": forward_due.isoformat() if forward_due else None,
        },
    )
    return period


@transaction.atomic
def periods_open_due(*, today: dt.date, programme: Programme | None = None) -> list[Period]:
    """Open every period that should have opened by `today` and has not (idempotent)."""
    programmes = [programme] if programme else Programme.objects.filter(is_active=True)
    opened = []
    for prog in programmes:
        last = min(today, prog.ends_on) if prog.ends_on else today
        if last < prog.starts_on:
            continue
        existing = set(prog.periods.values_list("key", flat=True))
        spans = periods_between(
            prog.cadence,
            prog.starts_on,
            last,
            once_start=prog.starts_on,
            once_end=prog.ends_on or prog.starts_on,
        )
        for span in spans:
            if span.key not in existing and (period := _open_period(prog, span)):
                opened.append(period)
    return opened


def _affected_unit_ids(event) -> set[int]:
    ids = {event.subject_id} if event.subject_id else set()
    for link in UnitLineage.objects.filter(event=event):
        ids |= {link.predecessor_id, link.successor_id}
    # A dissolution with cascade ends the whole subtree on the same day.
    if event.subject_id:
        subject = Unit.objects.get(pk=event.subject_id)
        ids |= set(
            unit_subtree(unit=subject)
            .filter(valid_to=event.effective_date)
            .values_list("pk", flat=True)
        )
    return ids


def expected_follow_restructure(*, event, actor) -> None:
    """Re-draw the expected set of the periods under way on (or after) the restructure's
    date, for the programmes of the units above the ones it touched."""
    on = event.effective_date
    affected = _affected_unit_ids(event)
    if not affected:
        return
    owners: set[int] = set()
    for unit in Unit.objects.filter(pk__in=affected):
        owners |= {int(step) for step in unit.path.split(".") if step}
    # A moved unit's old parent (and its ancestors) lose it: read them from the version that
    # closed on the restructure's date.
    old_parents = UnitVersion.objects.filter(unit_id__in=affected, valid_to=on).exclude(parent=None)
    for parent in Unit.objects.filter(pk__in=old_parents.values("parent_id")):
        owners |= {int(step) for step in parent.path.split(".") if step}
    # Periods that ended before the date keep their figures. Later periods already open (a
    # restructure recorded after the fact) are redrawn as of their own first day.
    periods = Period.objects.filter(ends_on__gte=on, programme__owner_id__in=owners)
    for period in periods.select_related("programme"):
        _redraw_expected(period, on=max(on, period.starts_on), event=event, actor=actor)


def _redraw_expected(period: Period, *, on: dt.date, event, actor, reason: str = "") -> None:
    active = dict(period.expected.filter(removed_on__isnull=True).values_list("unit_id", "pk"))
    wanted = expected_unit_ids(period.programme, on)
    removed = set(active) - wanted
    added = wanted - set(active)
    if not removed and not added:
        return
    reason = reason or _("%(kind)s on %(day)s") % {
        "kind": event.get_kind_display(),
        "day": vn_date(event.effective_date),
    }
    ExpectedUnit.objects.filter(pk__in=[active[u] for u in removed]).update(
        removed_on=on, reason=reason
    )
    paths = dict(Unit.objects.filter(pk__in=added).values_list("pk", "path"))
    for unit_id in added:
        ExpectedUnit.objects.update_or_create(
            period=period,
            unit_id=unit_id,
            defaults={
                "added_on": on,
                "removed_on": None,
                "reason": reason,
                "period_key": period.key,
                "programme_chain": period.programme.chain_id,
                "unit_path": paths[unit_id],
            },
        )
        expected_refresh(unit_id=unit_id, period=period)
    names = dict(Unit.objects.filter(pk__in=removed | added).values_list("pk", "name"))
    audit_record(
        actor=actor,
        action=AuditAction.PERIOD_EXPECTED_CHANGE,
        obj=period,
        unit=period.programme.owner,
        changes={
            "removed": sorted(names[u] for u in removed),
            "added": sorted(names[u] for u in added),
            "reason": reason,
        },
    )


@transaction.atomic
def holiday_add(*, actor, date: dt.date, name: str) -> None:
    from .models import Holiday

    name = name.strip()
    if not name:
        raise ApplicationError(_("Give the holiday a name."), field="name")
    if Holiday.objects.filter(date=date).exists():
        raise ApplicationError(
            _("%(day)s is already in the list.") % {"day": vn_date(date)}, field="date"
        )
    holiday = Holiday.objects.create(date=date, name=name)
    audit_record(
        actor=actor,
        action=AuditAction.HOLIDAY_ADD,
        obj=holiday,
        changes={"date": date.isoformat(), "name": name},
    )


@transaction.atomic
def holiday_remove(*, actor, holiday) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.HOLIDAY_REMOVE,
        obj=holiday,
        changes={"date": holiday.date.isoformat(), "name": holiday.name},
    )
    holiday.delete()
