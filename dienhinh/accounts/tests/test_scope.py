import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from dienhinh.accounts.models import Membership, Role, User
from dienhinh.accounts.scope import Action, can, scope_roots, units_for
from dienhinh.testing import make_unit, make_user
from dienhinh.units.models import Unit, UnitKind
from dienhinh.units.restructure import unit_dissolve, units_merge
from dienhinh.units.services import NewUnit

REFORM = dt.date(2025, 7, 1)

ALL = ("central", "city", "district", "office", "ward", "ward2", "other_district", "other_ward")
DUONG_KINH = ("district", "office", "ward", "ward2")
CITY = ("city", *DUONG_KINH, "other_district", "other_ward")

# What each member of the cast may do where: {user: {action: units}}; an action left out is
# granted nowhere. An administrator may do every action in its subtree.
GRANTS = {
    "ward_reporter": {
        Action.VIEW: ("ward",),
        Action.VIEW_MEMBERS: ("ward",),
        Action.ENTER_NOMINATIONS: ("ward",),
        Action.PUBLISH: ("ward",),
    },
    "ward_leader": {
        Action.VIEW: ("ward",),
        Action.VIEW_MEMBERS: ("ward",),
        Action.READ_AUDIT: ("ward",),
        Action.ENTER_NOMINATIONS: ("ward",),
        Action.CONFIRM_NOMINATIONS: ("ward",),
        Action.MANAGE_DISPATCHES: ("ward",),
        Action.PUBLISH: ("ward",),
        Action.APPROVE_PUBLICATION: ("ward",),
        Action.MANAGE_OUTLETS: ("ward",),
        Action.MEDIA_REPORT: ("ward",),
    },
    "compiler": {
        Action.VIEW: DUONG_KINH,
        Action.VIEW_MEMBERS: DUONG_KINH,
        Action.MANAGE_PROGRAMMES: DUONG_KINH,
        Action.REVIEW_NOMINATIONS: DUONG_KINH,
        Action.MANAGE_DISPATCHES: DUONG_KINH,
        Action.MEDIA_REPORT: DUONG_KINH,
    },
    "city_officer": {
        Action.VIEW: CITY,
        Action.VIEW_MEMBERS: CITY,
        Action.MANAGE_PROGRAMMES: CITY,
        Action.REVIEW_NOMINATIONS: CITY,
        Action.SELECT_FOR_MEDIA: CITY,
        Action.MANAGE_DISPATCHES: CITY,
        Action.PUBLISH: CITY,
        Action.APPROVE_PUBLICATION: CITY,
        Action.MANAGE_OUTLETS: CITY,
        Action.MEDIA_REPORT: CITY,
    },
    "city_admin": {action: CITY for action in Action},
    "outsider": {
        Action.VIEW: ("other_ward",),
        Action.VIEW_MEMBERS: ("other_ward",),
        Action.ENTER_NOMINATIONS: ("other_ward",),
        Action.PUBLISH: ("other_ward",),
    },
    "nobody": {},
    "superuser": {action: ALL for action in Action},
}
CASES = [(who, action) for who in GRANTS for action in Action]


def expected(cast, who, action) -> set[int]:
    return pks(cast, GRANTS[who].get(action, ()))


def pks(cast, keys) -> set[int]:
    return {getattr(cast, key).pk for key in keys}


def fresh(user: User) -> User:
    """The user as the next request loads it, without the scope cached on the old copy."""
    return User.objects.get(pk=user.pk)


@pytest.mark.parametrize(("who", "action"), CASES)
def test_each_role_reaches_exactly_its_units(cast, who, action):
    user = getattr(cast, who)
    assert set(units_for(user, action).values_list("pk", flat=True)) == expected(cast, who, action)


@pytest.mark.parametrize(("who", "action"), CASES)
def test_can_answers_as_units_for_does_for_every_unit(cast, who, action):
    user = getattr(cast, who)
    allowed = expected(cast, who, action)
    for key in ALL:
        unit = getattr(cast, key)
        assert can(user, unit, action) == (unit.pk in allowed), (who, action, key)


def test_the_outsider_sees_nothing_of_duong_kinh(cast):
    assert not units_for(cast.outsider).filter(pk__in=pks(cast, DUONG_KINH)).exists()
    for key in DUONG_KINH:
        assert not can(cast.outsider, getattr(cast, key))


def test_a_unit_created_under_a_subtree_root_is_in_reach_at_once(cast):
    group = make_unit("Tổ dân phố số 1", UnitKind.MASS_ORGANISATION, cast.ward)
    assert can(cast.compiler, group)
    assert group in units_for(cast.compiler)
    assert not can(cast.ward_reporter, group)


def test_a_user_with_no_membership_sees_nothing(cast):
    assert not units_for(cast.nobody).exists()
    assert not can(cast.nobody, cast.central)
    assert scope_roots(cast.nobody) == []


def test_an_inactive_user_sees_nothing(cast):
    for user in (cast.city_admin, cast.superuser):
        user.is_active = False
        user.save()
        user = fresh(user)
        assert not units_for(user).exists()
        assert not can(user, cast.ward)
        assert not can(user, cast.city, Action.MANAGE_UNITS)
        assert scope_roots(user) == []


def test_an_anonymous_visitor_sees_nothing(cast):
    anonymous = AnonymousUser()
    assert not units_for(anonymous).exists()
    assert not can(anonymous, cast.central)
    assert scope_roots(anonymous) == []


def test_memberships_in_several_units_add_up(cast):
    Membership.objects.create(user=cast.outsider, unit=cast.ward2, role=Role.REPORTER)
    outsider = fresh(cast.outsider)
    assert set(units_for(outsider).values_list("pk", flat=True)) == pks(
        cast, ("other_ward", "ward2")
    )


def who_may(cast, action) -> set[str]:
    return {who for who in GRANTS if units_for(getattr(cast, who), action).exists()}


def test_only_leaders_and_administrators_read_the_audit_log(cast):
    assert who_may(cast, Action.READ_AUDIT) == {"ward_leader", "city_admin", "superuser"}


def test_only_administrators_manage_units(cast):
    assert who_may(cast, Action.MANAGE_UNITS) == {"city_admin", "superuser"}


def test_a_higher_role_in_the_same_unit_widens_only_that_unit(cast):
    Membership.objects.create(user=cast.ward_reporter, unit=cast.ward, role=Role.UNIT_LEADER)
    reporter = fresh(cast.ward_reporter)
    assert can(reporter, cast.ward, Action.READ_AUDIT)
    assert not can(reporter, cast.ward2, Action.READ_AUDIT)


# After a merge


@pytest.fixture
def merged(cast):
    """Hưng Đạo and Anh Dũng merged on 1/7/2025 into a new Phường Hưng Đạo under the city."""
    new = units_merge(
        actor=None,
        sources=[cast.ward, cast.ward2],
        on=REFORM,
        new_unit=NewUnit(name="Phường Hưng Đạo", kind=UnitKind.WARD, parent=cast.city),
    )
    reporter = make_user("new.reporter", unit=new, role=Role.REPORTER)
    leader = make_user("new.leader", unit=new, role=Role.UNIT_LEADER)
    return new, reporter, leader


def test_the_successors_reporter_sees_the_predecessor_units(cast, merged):
    new, reporter, _leader = merged
    assert set(units_for(reporter).values_list("pk", flat=True)) == {
        new.pk,
        cast.ward.pk,
        cast.ward2.pk,
    }
    assert can(reporter, cast.ward) and can(reporter, cast.ward2)
    assert not can(reporter, cast.office)
    assert not can(reporter, cast.district)


def test_the_successors_leader_reads_the_audit_of_the_predecessors(cast, merged):
    new, _reporter, leader = merged
    for unit in (new, cast.ward, cast.ward2):
        assert can(leader, unit, Action.READ_AUDIT)


def test_the_predecessors_members_cannot_see_the_successor(cast, merged):
    new, _reporter, _leader = merged
    for user in (cast.ward_reporter, cast.ward_leader):
        user = fresh(user)
        assert not can(user, new)
        assert new not in units_for(user)
        assert can(user, cast.ward)


def test_inheritance_follows_a_chain_of_restructures(cast, merged):
    new, _reporter, _leader = merged
    later = dt.date(2025, 9, 1)
    unit_dissolve(actor=None, unit=new, on=later, successor=cast.other_ward)
    outsider = fresh(cast.outsider)
    assert {cast.ward.pk, cast.ward2.pk, new.pk} <= set(
        units_for(outsider).values_list("pk", flat=True)
    )


def test_a_compiler_above_the_successor_reaches_the_predecessors_subtrees(cast):
    units_merge(actor=None, sources=[cast.district], on=REFORM, into=cast.other_district)
    compiler = make_user("do_son.compiler", unit=cast.other_district, role=Role.COMPILER)
    reach = set(units_for(compiler).values_list("pk", flat=True))
    assert reach == pks(cast, ("other_district", "other_ward", *DUONG_KINH))


# scope_roots


def test_scope_roots_drop_a_root_nested_in_another(cast):
    Membership.objects.create(user=cast.city_officer, unit=cast.ward, role=Role.REPORTER)
    officer = fresh(cast.city_officer)
    assert scope_roots(officer) == [cast.city]


def test_scope_roots_keep_roots_in_separate_branches(cast):
    Membership.objects.create(user=cast.outsider, unit=cast.district, role=Role.COMPILER)
    outsider = fresh(cast.outsider)
    assert {u.pk for u in scope_roots(outsider)} == pks(cast, ("district", "other_ward"))


def test_scope_roots_follow_the_action(cast):
    assert scope_roots(cast.ward_leader, Action.READ_AUDIT) == [cast.ward]
    assert scope_roots(cast.ward_reporter, Action.READ_AUDIT) == []
    assert scope_roots(cast.city_admin, Action.MANAGE_UNITS) == [cast.city]


def test_scope_roots_of_a_successor_include_its_predecessors_after_itself(cast, merged):
    new, reporter, _leader = merged
    roots = scope_roots(reporter)
    assert roots[0] == new
    assert {u.pk for u in roots} == {new.pk, cast.ward.pk, cast.ward2.pk}


def test_the_superusers_roots_are_the_parentless_units_current_first(cast):
    old_root = make_unit("Ban Thi đua - Khen thưởng (cũ)", UnitKind.CENTRAL_BOARD)
    unit_dissolve(actor=None, unit=old_root, on=REFORM, successor=cast.central)
    assert scope_roots(cast.superuser) == [cast.central, Unit.objects.get(pk=old_root.pk)]
