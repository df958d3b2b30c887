"""Consent, selection for the media, and the same person put forward twice."""

import datetime as dt

import pytest

from dienhinh.audit.models import AuditEvent
from dienhinh.common.errors import ApplicationError
from dienhinh.cycles.services import ProgrammeSpec, programme_create
from dienhinh.nominations.models import DuplicateLink, MediaSelection
from dienhinh.nominations.publicity import (
    consent_record,
    duplicates_link,
    nomination_select_for_media,
    possible_duplicates,
)
from dienhinh.nominations.workflow import (
    Content,
    nomination_accept,
    nomination_create,
    nomination_submit,
)

# Written about November 2026: the periods these tests open are those of that month.
pytestmark = pytest.mark.clock(2026, 11, 20)


@pytest.fixture
def programme(cast):
    spec = ProgrammeSpec(
        title="Hằng tháng",
        cadence="monthly",
        starts_on=dt.date(2026, 9, 1),
        expected_kinds=["ward"],
        unit_relation="on",
        unit_day=15,
    )
    return programme_create(actor=cast.compiler, owner=cast.district, spec=spec)


def put_forward(cast, programme, unit, key="2026-11", **fields):
    period = programme.periods.get(key=key)
    content = dict(
        headline="Gương sáng", story="Việc tốt", full_name="Đặng Văn Hải", birth_year=1970
    )
    content.update(fields)
    nomination = nomination_create(
        actor=cast.ward_reporter, unit=unit, period=period, content=Content(**content)
    )
    nomination = nomination_submit(
        actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
    )
    return nomination_accept(
        actor=cast.compiler, nomination=nomination, revision=nomination.revision
    )


def test_without_consent_a_nomination_cannot_be_chosen_for_public_media(cast, programme):
    nomination = put_forward(cast, programme, cast.ward)
    with pytest.raises(ApplicationError) as error:
        nomination_select_for_media(
            actor=cast.city_officer, nomination=nomination, channel="newspaper", unit=cast.city
        )
    assert "Gương sáng" in str(error.value)
    assert MediaSelection.objects.count() == 0


def test_consent_covers_only_the_channels_it_names(cast, programme):
    nomination = put_forward(cast, programme, cast.ward)
    consent_record(
        actor=cast.ward_reporter,
        nomination=nomination,
        given_by="Đặng Văn Hải",
        given_on=dt.date(2026, 11, 10),
        channels=["loudspeaker", "portal"],
    )
    selection = nomination_select_for_media(
        actor=cast.city_officer, nomination=nomination, channel="portal", unit=cast.city
    )
    assert selection.channel == "portal"
    with pytest.raises(ApplicationError):
        nomination_select_for_media(
            actor=cast.city_officer, nomination=nomination, channel="newspaper", unit=cast.city
        )
    assert AuditEvent.objects.filter(action="media.select").count() == 1


@pytest.mark.parametrize(
    ("given_by", "given_on", "channels", "field"),
    [
        ("", dt.date(2026, 11, 1), ["portal"], "given_by"),
        ("Ông Hải", dt.date(2027, 1, 1), ["portal"], "given_on"),
        ("Ông Hải", dt.date(2026, 11, 1), [], "channels"),
    ],
)
def test_incomplete_consent_is_refused(cast, programme, given_by, given_on, channels, field):
    nomination = put_forward(cast, programme, cast.ward)
    with pytest.raises(ApplicationError) as error:
        consent_record(
            actor=cast.ward_reporter,
            nomination=nomination,
            given_by=given_by,
            given_on=given_on,
            channels=channels,
        )
    assert error.value.field == field


def test_the_same_person_from_two_wards_is_flagged_and_can_be_linked(cast, programme):
    first = put_forward(cast, programme, cast.ward, full_name="Đặng Văn Hải")
    second = put_forward(cast, programme, cast.ward2, full_name="DANG VAN HAI")
    assert list(possible_duplicates(nomination=second)) == [first]
    duplicates_link(actor=cast.compiler, nomination=second, same_as=first)
    assert DuplicateLink.objects.count() == 2
    assert list(possible_duplicates(nomination=second)) == []


def test_the_same_name_at_the_same_workplace_is_flagged_without_a_birth_year(cast, programme):
    first = put_forward(
        cast,
        programme,
        cast.ward,
        key="2026-10",
        birth_year=None,
        workplace="Trường Tiểu học Hưng Đạo",
    )
    second = put_forward(
        cast, programme, cast.ward, birth_year=None, workplace="trường tiểu học hưng đạo"
    )
    assert list(possible_duplicates(nomination=second)) == [first]


def test_a_namesake_born_another_year_elsewhere_is_not_flagged(cast, programme):
    put_forward(cast, programme, cast.ward, birth_year=1970)
    other = put_forward(cast, programme, cast.ward2, birth_year=1990)
    assert list(possible_duplicates(nomination=other)) == []


def test_narrowing_the_consent_withdraws_the_choices_it_no_longer_covers(cast, programme):
    nomination = put_forward(cast, programme, cast.ward)
    consent_record(
        actor=cast.ward_reporter,
        nomination=nomination,
        given_by="Ông Hải",
        given_on=dt.date(2026, 11, 1),
        channels=["newspaper", "portal"],
    )
    nomination_select_for_media(
        actor=cast.city_officer, nomination=nomination, channel="newspaper", unit=cast.city
    )
    consent_record(
        actor=cast.ward_reporter,
        nomination=nomination,
        given_by="Ông Hải",
        given_on=dt.date(2026, 11, 2),
        channels=["portal"],
    )
    assert MediaSelection.objects.filter(nomination=nomination).count() == 0
    event = AuditEvent.objects.filter(action="consent.record").latest("id")
    assert event.changes["choices_withdrawn"] == ["newspaper"]


def test_a_city_officers_choice_is_filed_under_the_city_not_the_ward(client, cast, programme):
    from django.urls import reverse

    nomination = put_forward(cast, programme, cast.ward)
    consent_record(
        actor=cast.ward_reporter,
        nomination=nomination,
        given_by="Ông Hải",
        given_on=dt.date(2026, 11, 1),
        channels=["portal"],
    )
    client.force_login(cast.city_officer)
    client.post(reverse("nominations:media_select", args=[nomination.pk]), {"channel": "portal"})
    assert MediaSelection.objects.get().unit == cast.city
