"""Which kind of unit may hang under which: the shape of Vietnamese public administration
as Dienhinh keeps it (documented in docs/units.md). A ministry under a department, or a
province under a ward, is a slip of the mouse, refused with the kinds that would fit.

Any kind may stand at the top of the tree (an installation may start at a province, a
ministry or a single board). The central board coordinates the ministries and provinces
that report to it, so both may hang under it, as the seeds' tree does.
"""

from django.utils.translation import gettext as _

from dienhinh.common.errors import ApplicationError

from .models import UnitKind

K = UnitKind
_LOCAL_BODIES = {K.OFFICE, K.PARTY_BOARD, K.MASS_ORGANISATION, K.PUBLIC_SERVICE_UNIT, K.ENTERPRISE}
_GRASSROOTS = {K.WARD, K.COMMUNE, K.SPECIAL_ZONE}

ROOT_KINDS = frozenset(UnitKind.values)
CHILD_KINDS: dict[str, frozenset[str]] = {
    K.CENTRAL_BOARD: frozenset({K.MINISTRY, K.PROVINCE, K.BOARD, *_LOCAL_BODIES}),
    K.MINISTRY: frozenset({K.CENTRAL_BOARD, K.DEPARTMENT, K.BOARD, *_LOCAL_BODIES}),
    K.PROVINCE: frozenset({K.DEPARTMENT, K.BOARD, K.DISTRICT, *_GRASSROOTS, *_LOCAL_BODIES}),
    K.DEPARTMENT: frozenset({K.BOARD, K.OFFICE, K.PUBLIC_SERVICE_UNIT, K.ENTERPRISE}),
    K.BOARD: frozenset({K.OFFICE, K.PUBLIC_SERVICE_UNIT}),
    K.DISTRICT: frozenset({K.BOARD, *_GRASSROOTS, *_LOCAL_BODIES}),
    # A ward's boards: its military command, its emulation council…
    K.WARD: frozenset({K.BOARD, *_LOCAL_BODIES}),
    K.COMMUNE: frozenset({K.BOARD, *_LOCAL_BODIES}),
    K.SPECIAL_ZONE: frozenset({K.BOARD, *_LOCAL_BODIES}),
    K.OFFICE: frozenset({K.PUBLIC_SERVICE_UNIT}),
    K.PARTY_BOARD: frozenset(),
    K.MASS_ORGANISATION: frozenset({K.MASS_ORGANISATION, K.PUBLIC_SERVICE_UNIT}),
    K.PUBLIC_SERVICE_UNIT: frozenset({K.PUBLIC_SERVICE_UNIT}),
    K.ENTERPRISE: frozenset({K.ENTERPRISE}),
}


def kinds_allowed_under(parent_kind: str | None) -> frozenset[str]:
    return ROOT_KINDS if parent_kind is None else CHILD_KINDS.get(parent_kind, frozenset())


def check_child_kind(*, parent, kind: str, field: str = "kind") -> None:
    """Refuse a unit of `kind` under `parent` (None: at the top of the tree)."""
    allowed = kinds_allowed_under(parent.kind if parent is not None else None)
    if kind in allowed:
        return
    labels = ", ".join(str(UnitKind(k).label).lower() for k in UnitKind.values if k in allowed)
    if parent is None:
        message = _("A %(kind)s cannot stand at the top of the tree; only: %(allowed)s.")
    elif not allowed:
        message = _("Nothing can be placed under a %(parent_kind)s such as %(parent)s.")
    else:
        message = _(
            "A %(kind)s cannot be placed under a %(parent_kind)s; under %(parent)s: %(allowed)s."
        )
    raise ApplicationError(
        message
        % {
            "kind": str(UnitKind(kind).label).lower(),
            "parent_kind": str(UnitKind(parent.kind).label).lower() if parent else "",
            "parent": parent.name if parent else "",
            "allowed": labels,
        },
        field=field,
        code="unit_kind",
    )
