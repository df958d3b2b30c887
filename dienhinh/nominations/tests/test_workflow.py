"""The nomination workflow through its services: every transition, the ones refused,
late marking, the deadline lock, nil reports, stale pages, notifications."""

import datetime as dt

import pytest
from django.core import mail

from dienhinh.audit.models import AuditEvent
from dienhinh.common.errors import ApplicationError
from dienhinh.cycles.models import Period
from dienhinh.cycles.services import ProgrammeSpec, programme_create
from dienhinh.nominations.models import NilReport, Nomination, Status
from dienhinh.nominations.workflow import (
    Content,
    nil_report_submit,
    nomination_accept,
    nomination_confirm,
    nomination_create,
    nomination_return,
    nomination_submit,
    nomination_update,
    nomination_withdraw,
)

D = dt.date


@pytest.fixture
def period(cast):
    spec = ProgrammeSpec(
        title="Quận Dương Kinh hằng tháng",
        cadence="monthly",
        starts_on=D(2023, 9, 1),
        expected_kinds=["ward", "office"],
        unit_relation="on",
        unit_day=15,
        forward_relation="on",
        forward_day=17,
    )
    programme = programme_create(actor=cast.compiler, owner=cast.district, spec=spec)
    return Period.objects.get(programme=programme, key="2023-10")


def content(**overrides) -> Content:
    fields = dict(
        headline="Người tốt việc tốt phường Hưng Đạo",
        full_name="Nguyễn Văn An",
        birth_year=1968,
        story="Ông An đã trả lại ví tiền nhặt được cho người mất.",
    )
    fields.update(overrides)
    return Content(**fields)


def draft(cast, period, **overrides) -> Nomination:
    return nomination_create(
        actor=cast.ward_reporter, unit=cast.ward, period=period, content=content(**overrides)
    )


def test_a_draft_is_created_for_an_expected_unit_and_audited(cast, period):
    nomination = draft(cast, period)
    assert nomination.status == Status.DRAFT
    assert nomination.match_key == "nguyen van an|1968"
    assert AuditEvent.objects.filter(action="nomination.create", unit=cast.ward).exists()


def test_a_unit_that_is_not_expected_cannot_put_a_nomination_forward(cast, period):
    with pytest.raises(ApplicationError):
        nomination_create(
            actor=cast.outsider, unit=cast.other_ward, period=period, content=content()
        )
    assert Nomination.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"headline": " "}, "headline"),
        ({"story": ""}, "story"),
        ({"full_name": ""}, "full_name"),
        ({"subject_kind": "collective"}, "collective_name"),
        ({"birth_year": 1800}, "birth_year"),
    ],
)
def test_incomplete_content_is_refused_on_the_field_concerned(cast, period, overrides, field):
    with pytest.raises(ApplicationError) as error:
        draft(cast, period, **overrides)
    assert error.value.field == field
    assert Nomination.objects.count() == 0


def test_the_whole_way_from_draft_to_accepted(cast, period, django_capture_on_commit_callbacks):
    nomination = draft(cast, period)
    with django_capture_on_commit_callbacks(execute=True):
        nomination = nomination_submit(
            actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
        )
        nomination = nomination_confirm(
            actor=cast.ward_leader, nomination=nomination, revision=nomination.revision
        )
        nomination = nomination_accept(
            actor=cast.compiler, nomination=nomination, revision=nomination.revision
        )
    assert nomination.status == Status.ACCEPTED
    actions = list(
        AuditEvent.objects.filter(object_type="nominations.nomination")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "nomination.create",
        "nomination.submit",
        "nomination.confirm",
        "nomination.accept",
    ]
    # Submitted: the district's compiler and the ward's leader hear of it, each in a mail of
    # their own; confirmed: the compiler again; accepted: the author.
    assert [m.to for m in mail.outbox] == [
        ["district.compiler@example.vn"],
        ["ward.leader@example.vn"],
        ["district.compiler@example.vn"],
        ["ward.reporter@example.vn"],
    ]


def test_a_returned_nomination_carries_its_reason_back_and_can_be_sent_again(cast, period):
    nomination = draft(cast, period)
    nomination = nomination_submit(
        actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
    )
    nomination = nomination_return(
        actor=cast.compiler,
        nomination=nomination,
        revision=nomination.revision,
        reason="Thiếu ảnh và năm sinh",
    )
    assert (nomination.status, nomination.return_reason) == (
        Status.RETURNED,
        "Thiếu ảnh và năm sinh",
    )
    nomination = nomination_update(
        actor=cast.ward_reporter,
        nomination=nomination,
        revision=nomination.revision,
        content=content(birth_year=1969),
    )
    nomination = nomination_submit(
        actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
    )
    assert nomination.status == Status.SUBMITTED and nomination.return_reason == ""


def test_returning_without_a_reason_is_refused(cast, period):
    nomination = draft(cast, period)
    nomination = nomination_submit(
        actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
    )
    with pytest.raises(ApplicationError) as error:
        nomination_return(
            actor=cast.compiler, nomination=nomination, revision=nomination.revision, reason="  "
        )
    assert error.value.field == "reason"
    nomination.refresh_from_db()
    assert nomination.status == Status.SUBMITTED


@pytest.mark.parametrize("operation", [nomination_accept, nomination_confirm])
def test_a_draft_cannot_skip_being_sent(cast, period, operation):
    nomination = draft(cast, period)
    with pytest.raises(ApplicationError):
        operation(actor=cast.compiler, nomination=nomination, revision=nomination.revision)
    nomination.refresh_from_db()
    assert nomination.status == Status.DRAFT


def test_an_accepted_nomination_can_no_longer_be_edited_or_withdrawn(cast, period):
    nomination = draft(cast, period)
    nomination = nomination_submit(
        actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
    )
    nomination = nomination_accept(
        actor=cast.compiler, nomination=nomination, revision=nomination.revision
    )
    with pytest.raises(ApplicationError):
        nomination_update(
            actor=cast.ward_reporter,
            nomination=nomination,
            revision=nomination.revision,
            content=content(headline="Khác"),
        )
    with pytest.raises(ApplicationError):
        nomination_withdraw(
            actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
        )


def test_a_stale_page_cannot_overwrite_a_colleagues_change(cast, period):
    nomination = draft(cast, period)
    stale_revision = nomination.revision
    nomination_update(
        actor=cast.ward_leader,
        nomination=nomination,
        revision=stale_revision,
        content=content(headline="Sửa bởi lãnh đạo"),
    )
    with pytest.raises(ApplicationError):
        nomination_update(
            actor=cast.ward_reporter,
            nomination=nomination,
            revision=stale_revision,
            content=content(headline="Sửa bởi cán bộ"),
        )
    nomination.refresh_from_db()
    assert nomination.headline == "Sửa bởi lãnh đạo"


def test_a_submission_after_the_deadline_is_accepted_and_marked_late(cast, period):
    nomination = draft(cast, period)  # October 2023: the deadline passed long ago
    nomination = nomination_submit(
        actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
    )
    assert nomination.is_late is True


def test_a_locked_programme_refuses_a_submission_after_the_deadline(cast, period):
    nomination = draft(cast, period)
    period.programme.lock_after_deadline = True
    period.programme.save()
    nomination.period.programme.refresh_from_db()
    with pytest.raises(ApplicationError) as error:
        nomination_submit(
            actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
        )
    assert cast.district.name in str(error.value)
    nomination.refresh_from_db()
    assert nomination.status == Status.DRAFT


def test_a_nil_report_needs_a_reason_and_counts_once(cast, period):
    with pytest.raises(ApplicationError):
        nil_report_submit(actor=cast.ward_reporter, unit=cast.ward2, period=period, reason="")
    report = nil_report_submit(
        actor=cast.ward_reporter,
        unit=cast.ward2,
        period=period,
        reason="Tháng này phường không có gương mới",
    )
    assert report.is_late is True
    with pytest.raises(ApplicationError):
        nil_report_submit(
            actor=cast.ward_reporter, unit=cast.ward2, period=period, reason="Lần hai"
        )
    assert NilReport.objects.count() == 1


def test_a_returned_nomination_shows_up_in_the_authors_notifications(
    cast, period, django_capture_on_commit_callbacks
):
    from dienhinh.notices.models import Notice

    nomination = draft(cast, period)
    with django_capture_on_commit_callbacks(execute=True):
        nomination = nomination_submit(
            actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
        )
        nomination_return(
            actor=cast.compiler,
            nomination=nomination,
            revision=nomination.revision,
            reason="Thiếu ảnh",
        )
    notice = Notice.objects.filter(user=cast.ward_reporter).get()
    assert "Thiếu ảnh" in notice.body
    assert notice.link == f"/ho-so/{nomination.pk}/"
    assert Notice.objects.filter(user=cast.compiler).count() == 1  # told of the submission


def test_sending_again_after_a_return_keeps_the_first_sending_time(cast, period, monkeypatch):
    from django.utils import timezone as tz

    from dienhinh.cycles.models import ExpectedUnit, ReportState

    moment = {"now": dt.datetime(2023, 10, 14, 3, 0, tzinfo=dt.UTC)}
    monkeypatch.setattr(tz, "now", lambda: moment["now"])
    nomination = draft(cast, period)
    nomination = nomination_submit(
        actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
    )
    moment["now"] = dt.datetime(2023, 10, 17, 3, 0, tzinfo=dt.UTC)
    nomination = nomination_return(
        actor=cast.compiler, nomination=nomination, revision=nomination.revision, reason="Thiếu ảnh"
    )
    period.programme.lock_after_deadline = True  # even a locked period takes the resend
    period.programme.save()
    nomination.period.programme.refresh_from_db()
    nomination = nomination_submit(
        actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
    )
    assert nomination.is_late is False
    row = ExpectedUnit.objects.get(period=period, unit=cast.ward)
    assert row.state == ReportState.ON_TIME


def test_sending_without_the_photo_the_programme_expects_needs_a_confirmation(cast, period):
    period.programme.expects_photos = True
    period.programme.save()
    nomination = draft(cast, period)
    with pytest.raises(ApplicationError) as refused:
        nomination_submit(
            actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
        )
    assert refused.value.code == "missing_material"
    nomination.refresh_from_db()
    assert nomination.status == Status.DRAFT
    sent = nomination_submit(
        actor=cast.ward_reporter,
        nomination=nomination,
        revision=nomination.revision,
        missing_confirmed=True,
    )
    assert sent.status == Status.SUBMITTED


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"birth_year": 1968, "birth_date": D(1970, 5, 1)}, "birth_year"),
        ({"birth_year": None, "birth_date": D(2099, 1, 1)}, "birth_year"),
    ],
)
def test_a_birth_date_that_contradicts_the_year_or_lies_ahead_is_refused(
    cast, period, overrides, field
):
    with pytest.raises(ApplicationError) as refused:
        draft(cast, period, **overrides)
    assert refused.value.field == field
    assert Nomination.objects.count() == 0


@pytest.mark.clock(2026, 11, 20)
def test_a_unit_that_has_ended_sends_nothing_more(cast, period):
    nomination = draft(cast, period)
    type(cast.ward).objects.filter(pk=cast.ward.pk).update(valid_to=D(2025, 7, 1))
    nomination.refresh_from_db()
    with pytest.raises(ApplicationError) as refused:
        nomination_submit(
            actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
        )
    assert refused.value.code == "step_refused"
    with pytest.raises(ApplicationError):
        nil_report_submit(actor=cast.ward_reporter, unit=nomination.unit, period=period, reason="x")
    assert NilReport.objects.count() == 0


def test_each_person_hears_of_a_step_in_their_own_language(cast, period):
    from dienhinh.notices.models import Notice

    cast.compiler.language = "en"
    cast.compiler.save()
    nomination = draft(cast, period)
    nomination_submit(actor=cast.ward_reporter, nomination=nomination, revision=1)
    assert Notice.objects.get(user=cast.compiler).title.endswith("is now submitted")
    assert Notice.objects.get(user=cast.ward_leader).title.startswith("Hồ sơ")
