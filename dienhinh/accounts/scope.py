"""The one place that decides which units a user may see and act on.

Every view and service entry point asks here. A role gives a set of actions, and a reach:
its own unit only, or the unit's whole subtree. Reach also covers the units that ended into
the membership's unit (its predecessors), because a successor inherits their records. A
role in a unit that has ended, or a membership a restructure ended, only reads history.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from dienhinh.common.dates import today
from dienhinh.common.errors import ApplicationError
from dienhinh.system.denials import access_denied_record
from dienhinh.units.models import Unit
from dienhinh.units.selectors import unit_all_predecessor_ids

from .models import Membership, Role


class Action(StrEnum):
    VIEW = "view"  # the unit, its history, its sub-units
    VIEW_MEMBERS = "view_members"
    READ_AUDIT = "read_audit"
    MANAGE_UNITS = "manage_units"  # create, correct and restructure units
    MANAGE_MEMBERS = "manage_members"  # grant and withdraw roles, invite accounts
    MANAGE_PROGRAMMES = "manage_programmes"  # run reporting programmes for the units below
    ENTER_NOMINATIONS = "enter_nominations"  # write and send the unit's nominations
    CONFIRM_NOMINATIONS = "confirm_nominations"  # a leader confirms what the unit sends
    REVIEW_NOMINATIONS = "review_nominations"  # accept or return what units below sent
    SELECT_FOR_MEDIA = "select_for_media"  # choose nominations for the board's channels
    MANAGE_DISPATCHES = "manage_dispatches"  # register the unit's incoming/outgoing dispatches
    VIEW_SYSTEM = "view_system"  # the worker's health page, read-only (system administrators act)
    # Publishing (dienhinh/publishing/): the unit's own media outlets.
    PUBLISH = "publish"  # choose stories for the unit's outlets, edit, schedule, record them
    APPROVE_PUBLICATION = "approve_publication"  # approve a story's text for an outlet
    MANAGE_OUTLETS = "manage_outlets"  # add and correct the unit's outlets
    MEDIA_REPORT = "media_report"  # the monthly media report of the unit and the units below


class Reach(StrEnum):
    SELF = "self"
    SUBTREE = "subtree"


_SEE = {Action.VIEW, Action.VIEW_MEMBERS}
# A unit leader and a board officer run their unit's media: edit, approve, keep the outlets.
_PUBLISHING = {
    Action.PUBLISH,
    Action.APPROVE_PUBLICATION,
    Action.MANAGE_OUTLETS,
    Action.MEDIA_REPORT,
}
ROLE_RULES: dict[str, tuple[Reach, frozenset[Action]]] = {
    Role.REPORTER: (Reach.SELF, frozenset(_SEE | {Action.ENTER_NOMINATIONS, Action.PUBLISH})),
    Role.UNIT_LEADER: (
        Reach.SELF,
        frozenset(
            _SEE
            | {
                Action.READ_AUDIT,
                Action.ENTER_NOMINATIONS,
                Action.CONFIRM_NOMINATIONS,
                Action.MANAGE_DISPATCHES,
                *_PUBLISHING,
            }
        ),
    ),
    Role.COMPILER: (
        Reach.SUBTREE,
        frozenset(
            _SEE
            | {
                Action.MANAGE_PROGRAMMES,
                Action.REVIEW_NOMINATIONS,
                Action.MANAGE_DISPATCHES,
                Action.MEDIA_REPORT,
            }
        ),
    ),
    Role.BOARD_OFFICER: (
        Reach.SUBTREE,
        frozenset(
            _SEE
            | {
                Action.MANAGE_PROGRAMMES,
                Action.REVIEW_NOMINATIONS,
                Action.SELECT_FOR_MEDIA,
                Action.MANAGE_DISPATCHES,
                *_PUBLISHING,
            }
        ),
    ),
    Role.ADMINISTRATOR: (Reach.SUBTREE, frozenset(Action)),
}
# What a role keeps once its unit has ended (merged, dissolved): reading the history.
HISTORY_ONLY = frozenset(_SEE)


def _active(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active


def _grants(user) -> list[tuple[Reach, frozenset[Action], list[Unit]]]:
    """(reach, actions, root units) per membership, cached on the user for the request."""
    cached = getattr(user, "_scope_grants", None)
    if cached is not None:
        return cached
    grants = []
    day = today()
    memberships = Membership.objects.filter(user=user, valid_from__lte=day).select_related("unit")
    for membership in memberships:
        reach, actions = ROLE_RULES[membership.role]
        if not membership.acts_on(day):
            actions = actions & HISTORY_ONLY
        inherited = unit_all_predecessor_ids(unit_ids={membership.unit_id})
        roots = [membership.unit, *Unit.objects.filter(pk__in=inherited)]
        grants.append((reach, actions, roots))
    user._scope_grants = grants
    return grants


def units_for(user, action: Action = Action.VIEW) -> QuerySet[Unit]:
    """The units on which `user` may perform `action`."""
    if not _active(user):
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    condition = Q()
    for reach, actions, roots in _grants(user):
        if action not in actions:
            continue
        for root in roots:
            condition |= Q(path__startswith=root.path) if reach == Reach.SUBTREE else Q(pk=root.pk)
    if not condition:
        return Unit.objects.none()
    return Unit.objects.filter(condition)


def can(user, unit: Unit, action: Action = Action.VIEW) -> bool:
    """Whether `user` may perform `action` on `unit`, decided without a query per unit."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    for reach, actions, roots in _grants(user):
        if action not in actions:
            continue
        for root in roots:
            if root.pk == unit.pk or (reach == Reach.SUBTREE and unit.path.startswith(root.path)):
                return True
    return False


def scope_roots(user, action: Action = Action.VIEW) -> list[Unit]:
    """The top units of a user's reach: where the tree browser starts."""
    if not _active(user):
        return []
    if user.is_superuser:
        current_first = F("valid_to").asc(nulls_first=True)  # PostgreSQL puts NULLs last
        return list(Unit.objects.filter(parent__isnull=True).order_by(current_first, "name"))
    roots: dict[int, Unit] = {}
    for _reach, actions, units in _grants(user):
        if action in actions:
            roots.update({u.pk: u for u in units})
    # Drop a root that already lies inside another root's subtree.
    tops = [
        u
        for u in roots.values()
        if not any(o.pk != u.pk and u.path.startswith(o.path) for o in roots.values())
    ]
    return sorted(tops, key=lambda u: (u.valid_to is not None, u.path))


def require(request, unit: Unit, action: Action = Action.VIEW) -> None:
    """Raise 403, and log the attempt, unless the request's user may do `action` on `unit`."""
    if not can(request.user, unit, action):
        deny(request, action, unit=unit)


def deny(request, action: Action | str, *, unit: Unit | None = None):
    """Log a refused attempt (filed under the unit concerned, if any) and raise 403. The
    first of a user's refusals on a path in an hour is audited, the repeats only counted."""
    access_denied_record(request=request, action=str(action), unit=unit)
    raise PermissionDenied


def require_create_under(user, parent: Unit | None, *, field: str) -> None:
    """A merge or split creates units under `parent`: the user must manage it (a unit at
    the top of the tree needs a system administrator)."""
    allowed = user.is_superuser if parent is None else can(user, parent, Action.MANAGE_UNITS)
    if not allowed:
        raise ApplicationError(
            _("You may not create units under %(unit)s.")
            % {"unit": parent.name if parent else _("the top of the tree")},
            field=field,
        )
