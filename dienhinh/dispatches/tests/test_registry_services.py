"""Registering, relaying and turning dispatches into programmes, through the services."""

import datetime as dt

import pytest

from dienhinh.audit.models import AuditEvent
from dienhinh.common.errors import ApplicationError
from dienhinh.cycles.models import Programme
from dienhinh.cycles.services import ProgrammeSpec
from dienhinh.dispatches import services
from dienhinh.dispatches.models import Dispatch, Reference, Status
from dienhinh.dispatches.reading import DispatchReadError

from .conftest import CITY_TEXT, DISTRICT_TEXT, register

# Written about November 2026: the periods these tests open are those of that month.
pytestmark = [pytest.mark.django_db, pytest.mark.clock(2026, 11, 20)]


def test_an_upload_is_kept_as_a_draft_with_what_was_read_and_the_original_file(cast):
    draft = services.dispatch_upload(
        actor=cast.compiler,
        unit=cast.district,
        direction="outgoing",
        data=DISTRICT_TEXT,
        filename="cv-ubnd-nv.txt",
    )
    assert draft.status == Status.DRAFT
    assert draft.issuer_name == "ỦY BAN NHÂN DÂN QUẬN DƯƠNG KINH"
    assert draft.number == "…/UBND-NV"  # the symbol is known, the number is to be typed
    assert draft.file.read() == DISTRICT_TEXT
    assert draft.emails == ["noivuduongkinh@gmali.com"]
    assert AuditEvent.objects.filter(action="dispatch.upload", object_id=str(draft.pk)).exists()


def test_a_draft_cannot_be_registered_with_the_placeholder_number(cast):
    draft = services.dispatch_upload(
        actor=cast.compiler,
        unit=cast.district,
        direction="outgoing",
        data=DISTRICT_TEXT,
        filename="cv.txt",
    )
    fields = services.fields_from_parsed(draft.parsed)
    with pytest.raises(ApplicationError, match="Số văn bản không có trong nội dung"):
        services.dispatch_register(actor=cast.compiler, dispatch=draft, fields=fields)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_an_unreadable_upload_stores_nothing(cast):
    with pytest.raises(DispatchReadError):
        services.dispatch_upload(
            actor=cast.compiler,
            unit=cast.district,
            direction="incoming",
            data=b"",
            filename="trong.txt",
        )
    assert not Dispatch.objects.exists()
    assert not AuditEvent.objects.filter(action="dispatch.upload").exists()


def test_registering_links_the_cited_dispatch_when_it_is_in_the_registry(cast, city_dispatch):
    relay = register(cast.compiler, cast.district, DISTRICT_TEXT)
    reference = relay.references.get()
    assert reference.number == "785/BTĐKT-THHC"
    assert reference.date == dt.date(2023, 9, 12)
    assert reference.cited == city_dispatch


def test_a_dispatch_registered_later_is_linked_to_those_that_cited_it(cast):
    relay = register(cast.compiler, cast.district, DISTRICT_TEXT)
    assert relay.references.get().cited is None
    city = register(cast.city_officer, cast.city, CITY_TEXT, number="785/BTĐKT-THHC")
    assert Reference.objects.get(dispatch=relay).cited == city


def test_a_stale_form_is_refused_and_changes_nothing(cast):
    dispatch = register(cast.compiler, cast.district, DISTRICT_TEXT, number="12/UBND-NV")
    fields = services.fields_from_parsed(dispatch.parsed)
    fields.number = "13/UBND-NV"
    with pytest.raises(ApplicationError, match="người khác"):
        services.dispatch_register(
            actor=cast.compiler, dispatch=dispatch, fields=fields, revision=dispatch.revision - 1
        )
    dispatch.refresh_from_db()
    assert dispatch.number == "12/UBND-NV"


def test_a_document_date_in_the_future_is_refused(cast):
    draft = services.dispatch_upload(
        actor=cast.compiler,
        unit=cast.district,
        direction="incoming",
        data=CITY_TEXT,
        filename="785.txt",
    )
    fields = services.fields_from_parsed(draft.parsed)
    fields.number, fields.document_date = "785/BTĐKT-THHC", dt.date(2099, 1, 1)
    with pytest.raises(ApplicationError, match="tương lai"):
        services.dispatch_register(actor=cast.compiler, dispatch=draft, fields=fields)


def _relay_spec(cast, addressees):
    return services.RelaySpec(
        programme=ProgrammeSpec(
            title="Giới thiệu gương hằng tháng",
            cadence="monthly",
            starts_on=dt.date(2026, 11, 1),
            unit_relation="on",
            unit_day=10,
            forward_relation="before",
            forward_day=15,
        ),
        addressees=addressees,
        number="15/UBND-NV",
    )


def test_a_relay_becomes_an_outgoing_dispatch_and_the_programme_of_the_subtree(cast, city_dispatch):
    incoming = city_dispatch  # addressed to the district by the city's programme
    relay = services.dispatch_relay(
        actor=cast.compiler,
        parent=incoming,
        sender=cast.district,
        spec=_relay_spec(cast, [cast.ward, cast.ward2]),
    )
    assert relay.direction == "outgoing" and relay.parent == incoming
    assert set(relay.addressee_units.all()) == {cast.ward, cast.ward2}
    assert relay.references.get().cited == incoming
    programme = relay.programme
    assert programme.owner == cast.district
    assert programme.parent == incoming.programme  # relays the city's programme
    period = programme.periods.get()
    assert {e.unit for e in period.expected.filter(removed_on__isnull=True)} == {
        cast.ward,
        cast.ward2,
    }
    assert AuditEvent.objects.filter(action="dispatch.relay", object_id=str(relay.pk)).exists()


def test_only_the_ticked_units_are_expected_even_when_others_of_their_kind_exist(
    cast, city_dispatch
):
    relay = services.dispatch_relay(
        actor=cast.compiler,
        parent=city_dispatch,
        sender=cast.district,
        spec=_relay_spec(cast, [cast.ward]),
    )
    period = relay.programme.periods.get()
    assert [e.unit for e in period.expected.filter(removed_on__isnull=True)] == [cast.ward]


def test_a_relay_to_a_unit_outside_the_senders_subtree_is_refused_and_changes_nothing(
    cast, city_dispatch
):
    before = (Dispatch.objects.count(), Programme.objects.count())
    with pytest.raises(ApplicationError, match="không thuộc"):
        services.dispatch_relay(
            actor=cast.compiler,
            parent=city_dispatch,
            sender=cast.district,
            spec=_relay_spec(cast, [cast.ward, cast.other_ward]),
        )
    assert (Dispatch.objects.count(), Programme.objects.count()) == before


def test_a_draft_is_discarded_with_its_file_but_a_registered_dispatch_is_never_deleted(
    cast, django_capture_on_commit_callbacks
):
    draft = services.dispatch_upload(
        actor=cast.compiler,
        unit=cast.district,
        direction="incoming",
        data=CITY_TEXT,
        filename="785.txt",
    )
    storage, name = draft.file.storage, draft.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.dispatch_discard(actor=cast.compiler, dispatch=draft)
    assert not Dispatch.objects.filter(pk=draft.pk).exists()
    assert not storage.exists(name)
    registered = register(cast.compiler, cast.district, CITY_TEXT, number="785/BTĐKT-THHC")
    with pytest.raises(ApplicationError):
        services.dispatch_discard(actor=cast.compiler, dispatch=registered)


def test_the_seeds_cascade_is_flagged_and_the_latest_fitting_days_suggested():
    from dienhinh.cycles.deadlines import DeadlineRule
    from dienhinh.dispatches import cascade

    result = cascade.check(
        cadence="monthly",
        starts_on=dt.date(2023, 10, 1),
        unit_rule=DeadlineRule(relation="on", day=15),
        forward_rule=DeadlineRule(relation="on", day=17),
        parent_rule=DeadlineRule(relation="before", day=15),
        parent_label="785/BTĐKT-THHC",
    )
    assert "785/BTĐKT-THHC" in result.warnings[0] and "14/10/2023" in result.warnings[0]
    assert result.suggestion.forward_day == 14
    assert result.suggestion.unit_day < 14


def test_a_deadline_leaving_too_few_working_days_is_warned_by_the_setting(settings):
    from dienhinh.cycles.deadlines import DeadlineRule
    from dienhinh.dispatches import cascade

    def check():
        return cascade.check(
            cadence="monthly",
            starts_on=dt.date(2026, 11, 1),
            unit_rule=DeadlineRule(relation="on", day=10),
            forward_rule=DeadlineRule(relation="on", day=14),
            parent_rule=None,
        )

    settings.DISPATCH_MIN_COMPILE_WORKING_DAYS = 1
    assert check().warnings == []
    settings.DISPATCH_MIN_COMPILE_WORKING_DAYS = 5
    assert "ngày làm việc" in check().warnings[0]
