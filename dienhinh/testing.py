"""Helpers for the test suite: a small named cast on a small tree.

The cast (see `build_cast`): a ward reporter and leader, the district compiler above them,
a city board officer and administrator, and an outsider in another district who must see
nothing of Dương Kinh.
"""

import datetime as dt
from types import SimpleNamespace

from dienhinh.accounts.models import Membership, Role, User
from dienhinh.units.models import Unit, UnitKind
from dienhinh.units.services import NewUnit, unit_create

PASSWORD = "mat-khau-thu-nghiem-2025"
START = dt.date(2020, 1, 1)


def make_unit(name: str, kind: str, parent: Unit | None = None, *, on=START, **fields) -> Unit:
    spec = NewUnit(name=name, kind=kind, parent=parent, **fields)
    return unit_create(actor=None, spec=spec, valid_from=on)


def make_user(username: str, *, unit: Unit | None = None, role: str | None = None, **fields):
    user = User.objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.vn", **fields
    )
    if unit is not None and role is not None:
        Membership.objects.create(user=user, unit=unit, role=role, valid_from=START)
    return user


def build_cast() -> SimpleNamespace:
    c = SimpleNamespace()
    c.central = make_unit("Ban Thi đua - Khen thưởng Trung ương", UnitKind.CENTRAL_BOARD)
    c.city = make_unit("Thành phố Hải Phòng", UnitKind.PROVINCE, c.central, code="31")
    c.district = make_unit("Ủy ban nhân dân quận Dương Kinh", UnitKind.DISTRICT, c.city)
    c.office = make_unit("Phòng Nội vụ quận Dương Kinh", UnitKind.OFFICE, c.district)
    c.ward = make_unit("Phường Hưng Đạo", UnitKind.WARD, c.district)
    c.ward2 = make_unit("Phường Anh Dũng", UnitKind.WARD, c.district)
    c.other_district = make_unit("Ủy ban nhân dân quận Đồ Sơn", UnitKind.DISTRICT, c.city)
    c.other_ward = make_unit("Phường Vạn Hương", UnitKind.WARD, c.other_district)
    c.ward_reporter = make_user("ward.reporter", unit=c.ward, role=Role.REPORTER)
    c.ward_leader = make_user("ward.leader", unit=c.ward, role=Role.UNIT_LEADER)
    c.compiler = make_user("district.compiler", unit=c.district, role=Role.COMPILER)
    c.city_officer = make_user("city.officer", unit=c.city, role=Role.BOARD_OFFICER)
    c.city_admin = make_user("city.admin", unit=c.city, role=Role.ADMINISTRATOR)
    c.outsider = make_user("outsider", unit=c.other_ward, role=Role.REPORTER)
    c.nobody = make_user("nobody")
    c.superuser = User.objects.create_superuser(
        username="root", password=PASSWORD, email="root@example.vn"
    )
    return c


def make_seed_programmes(c: SimpleNamespace, *, starts_on: dt.date):
    """The seeds' pair on the cast: the city's monthly programme (before the 15th) and the
    district's relay of it (wards on the 15th, the district forwards on the 17th)."""
    from dienhinh.cycles.services import ProgrammeSpec, programme_create

    city = programme_create(
        actor=c.city_admin,
        owner=c.city,
        spec=ProgrammeSpec(
            title="785/BTĐKT-THHC",
            cadence="monthly",
            starts_on=starts_on,
            expected_kinds=["district"],
            unit_relation="before",
            unit_day=15,
        ),
    )
    district = programme_create(
        actor=c.compiler,
        owner=c.district,
        spec=ProgrammeSpec(
            title="Quận Dương Kinh",
            cadence="monthly",
            parent=city,
            starts_on=starts_on,
            expected_kinds=["ward"],
            unit_relation="on",
            unit_day=15,
            forward_relation="on",
            forward_day=17,
        ),
    )
    return city, district
