"""The demo scenario: the seeds' tree, the 2025 restructure, idempotence, official codes."""

import datetime as dt
import io
import json

from django.core.management import call_command
from django.utils import timezone

from dienhinh.accounts.models import Membership, Role, User
from dienhinh.audit.models import AuditEvent
from dienhinh.demo.scenario import load_demo
from dienhinh.units.models import Unit, UnitKind, UnitVersion
from dienhinh.units.selectors import unit_children_on, unit_predecessors


def _counts():
    return [m.objects.count() for m in (Unit, UnitVersion, User, Membership, AuditEvent)]


def test_a_second_run_of_the_demo_duplicates_nothing(db):
    load_demo()
    first = _counts()
    call_command("demo", "--quiet-logins", stdout=io.StringIO())
    assert _counts() == first


def test_the_demo_reproduces_the_tree_of_the_seed_dispatches_in_2023(db):
    load_demo()
    district = Unit.objects.get(name="Ủy ban nhân dân quận Dương Kinh")
    city = Unit.objects.get(code="31")
    assert district.parent == city
    assert city.parent.name == "Ban Thi đua - Khen thưởng Trung ương"
    assert city.parent.parent.name == "Bộ Nội vụ"
    board = Unit.objects.get(name="Ban Thi đua - Khen thưởng thành phố Hải Phòng")
    assert board.parent.name == "Sở Nội vụ thành phố Hải Phòng"
    assert board.emails == ["hdtckt@haiphong.gov.vn"]
    in_2023 = {v.name for v in unit_children_on(unit=district, on=dt.date(2023, 10, 1))}
    wards = {
        "Phường Hưng Đạo",
        "Phường Anh Dũng",
        "Phường Hải Thành",
        "Phường Hòa Nghĩa",
        "Phường Tân Thành",
        "Phường Đa Phúc",
    }
    assert wards <= in_2023
    assert "Phòng Nội vụ quận Dương Kinh" in in_2023
    kinds = {v.unit.kind for v in unit_children_on(unit=district, on=dt.date(2023, 10, 1))}
    assert {
        UnitKind.OFFICE,
        UnitKind.PARTY_BOARD,
        UnitKind.MASS_ORGANISATION,
        UnitKind.PUBLIC_SERVICE_UNIT,
        UnitKind.WARD,
    } <= kinds


def test_after_1_july_2025_the_district_is_gone_and_its_wards_live_on_in_two_new_wards(db):
    load_demo()
    district = Unit.objects.get(name="Ủy ban nhân dân quận Dương Kinh")
    assert district.valid_to == dt.date(2025, 7, 1)
    assert unit_children_on(unit=district, on=dt.date(2025, 7, 1)) == []
    new_ward = Unit.objects.get(code="11692")
    assert new_ward.name == "Phường Dương Kinh" and new_ward.parent.code == "31"
    predecessors = {link.predecessor.name for link in unit_predecessors(unit=new_ward)}
    assert predecessors == {"Phường Hải Thành", "Phường Hòa Nghĩa", "Phường Tân Thành"}
    assert Unit.objects.get(code="11689", valid_to__isnull=True).name == "Phường Hưng Đạo"
    old = Unit.objects.get(name="Phường Hải Thành")
    assert old.valid_to == dt.date(2025, 7, 1) and old.versions.exists()


def test_there_is_one_demo_account_per_role_at_each_level(db):
    load_demo()
    roles_at = {
        "Thành phố Hải Phòng": set(Role.values),
        "Ủy ban nhân dân quận Dương Kinh": {
            Role.COMPILER,
            Role.UNIT_LEADER,
            Role.REPORTER,
            Role.ADMINISTRATOR,
        },
        "Ban Thi đua - Khen thưởng Trung ương": {Role.BOARD_OFFICER, Role.ADMINISTRATOR},
    }
    for unit_name, roles in roles_at.items():
        held = set(Membership.objects.filter(unit__name=unit_name).values_list("role", flat=True))
        assert held == roles, unit_name
    for ward in Unit.objects.filter(kind=UnitKind.WARD):
        held = set(Membership.objects.filter(unit=ward).values_list("role", flat=True))
        assert held == {Role.REPORTER, Role.UNIT_LEADER}, ward.name


def test_importing_the_official_divisions_after_the_demo_matches_its_real_units(db):
    load_demo()
    city, ward = Unit.objects.get(code="31"), Unit.objects.get(code="11692")
    call_command("import_units", "vn-divisions", stdout=io.StringIO())
    assert Unit.objects.filter(code="31").count() == 1
    assert Unit.objects.filter(code="11692").count() == 1
    assert Unit.objects.filter(code="11689", valid_to__isnull=True).count() == 1
    assert Unit.objects.get(code="31").pk == city.pk
    assert Unit.objects.get(code="11692").pk == ward.pk
    out = io.StringIO()
    call_command("units", "stats", "--json", stdout=out)
    stats = json.loads(out.getvalue())
    assert stats["by_kind"]["province"] == 34
    grassroots = sum(stats["by_kind"].get(k, 0) for k in ("ward", "commune", "special_zone"))
    assert grassroots == 3321


def test_the_demo_replays_october_2023_as_the_seeds_describe_it(db):
    from dienhinh.audit.models import AuditEvent
    from dienhinh.cycles.models import ExpectedUnit, ReportState
    from dienhinh.nominations.models import Batch

    load_demo()
    states = dict(
        ExpectedUnit.objects.filter(period_key="2023-10", unit__kind=UnitKind.WARD).values_list(
            "unit__name", "state"
        )
    )
    assert states["Phường Hưng Đạo"] == ReportState.ON_TIME
    assert states["Phường Tân Thành"] == ReportState.LATE
    assert states["Phường Anh Dũng"] == ReportState.MISSING
    batch = Batch.objects.get(period__key="2023-10")
    assert timezone.localtime(batch.forwarded_at).date() == dt.date(2023, 10, 17)
    assert {
        "id": Unit.objects.get(name="Phường Anh Dũng").pk,
        "name": "Phường Anh Dũng",
    } in batch.missing_units
    district = Unit.objects.get(name="Ủy ban nhân dân quận Dương Kinh")
    at_city = ExpectedUnit.objects.get(period_key="2023-10", unit=district)
    assert at_city.state == ReportState.LATE  # the seeds' 17th after the city's 15th
    forwarded = AuditEvent.objects.get(action="batch.forward")
    assert timezone.localtime(forwarded.created_at).date() == dt.date(2023, 10, 17)
