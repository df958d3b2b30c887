"""The nomination pages through HTTP: write, send, return with a reason, accept, nil."""

import datetime as dt

import pytest
from django.urls import reverse

from dienhinh.cycles.services import ProgrammeSpec, programme_create
from dienhinh.nominations.models import Batch, NilReport, Nomination, Status
from dienhinh.testing import make_seed_programmes, make_user

# Written about November 2026: the periods these tests open are those of that month.
pytestmark = pytest.mark.clock(2026, 11, 20)

FORM = {
    "subject_kind": "individual",
    "full_name": "Nguyễn Thị Hoa",
    "birth_year": "1975",
    "gender": "female",
    "position": "Tổ trưởng tổ dân phố",
    "workplace": "",
    "hometown": "",
    "collective_name": "",
    "field": "social",
    "headline": "Bà Hoa giúp người nghèo",
    "story": "Nhiều năm bà vận động quyên góp giúp các hộ khó khăn.",
    "report_background": "",
    "report_achievements": "",
}


@pytest.fixture
def period(cast):
    spec = ProgrammeSpec(
        title="Quận Dương Kinh hằng tháng",
        cadence="monthly",
        starts_on=dt.date(2026, 1, 1),
        expected_kinds=["ward"],
        unit_relation="on",
        unit_day=15,
        forward_relation="on",
        forward_day=17,
    )
    programme = programme_create(actor=cast.compiler, owner=cast.district, spec=spec)
    return programme.periods.order_by("-starts_on").first()


def test_a_reporter_writes_sends_and_sees_the_nomination_on_the_home_page(client, cast, period):
    client.force_login(cast.ward_reporter)
    home = client.get(reverse("home")).content.decode()
    assert "Cần gửi" in home and "đã gửi 0/1" in home
    response = client.post(reverse("nominations:create", args=[period.pk, cast.ward.pk]), FORM)
    nomination = Nomination.objects.get()
    assert response["Location"] == reverse("nominations:detail", args=[nomination.pk])
    sent = client.post(
        reverse("nominations:step", args=[nomination.pk, "gui"]),
        {"revision": nomination.revision},
        follow=True,
    )
    assert "Đã gửi Ủy ban nhân dân quận Dương Kinh" in sent.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == Status.SUBMITTED


def test_the_compiler_returns_with_a_reason_that_the_reporter_then_reads(client, cast, period):
    client.force_login(cast.ward_reporter)
    client.post(reverse("nominations:create", args=[period.pk, cast.ward.pk]), FORM)
    nomination = Nomination.objects.get()
    client.post(
        reverse("nominations:step", args=[nomination.pk, "gui"]), {"revision": nomination.revision}
    )
    nomination.refresh_from_db()
    client.force_login(cast.compiler)
    assert nomination in client.get(reverse("nominations:review")).context["nominations"]
    client.post(
        reverse("nominations:return", args=[nomination.pk]),
        {"revision": nomination.revision, "reason": "Cần thêm ảnh chân dung"},
    )
    client.force_login(cast.ward_reporter)
    page = client.get(reverse("nominations:detail", args=[nomination.pk])).content.decode()
    assert "Bị trả lại:" in page and "Cần thêm ảnh chân dung" in page


def test_a_stale_page_is_refused_with_a_message_and_changes_nothing(client, cast, period):
    client.force_login(cast.ward_reporter)
    client.post(reverse("nominations:create", args=[period.pk, cast.ward.pk]), FORM)
    nomination = Nomination.objects.get()
    stale = nomination.revision
    client.post(
        reverse("nominations:edit", args=[nomination.pk]),
        {**FORM, "headline": "Sửa lần một", "revision": stale},
    )
    response = client.post(
        reverse("nominations:edit", args=[nomination.pk]),
        {**FORM, "headline": "Sửa lần hai", "revision": stale},
    )
    assert response.status_code == 200
    assert "vừa được người khác thay đổi" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.headline == "Sửa lần một"


def test_a_reporter_cannot_edit_another_wards_nomination(client, cast, period):
    client.force_login(cast.ward_reporter)
    client.post(reverse("nominations:create", args=[period.pk, cast.ward.pk]), FORM)
    nomination = Nomination.objects.get()
    other = make_user("ward2.reporter", unit=cast.ward2, role="reporter")
    client.force_login(other)
    response = client.post(
        reverse("nominations:edit", args=[nomination.pk]),
        {**FORM, "headline": "Chiếm quyền", "revision": nomination.revision},
    )
    assert response.status_code == 403
    nomination.refresh_from_db()
    assert nomination.headline == FORM["headline"]


def test_a_draft_cannot_be_accepted_and_a_forbidden_step_is_refused_with_a_message(
    client, cast, period
):
    client.force_login(cast.ward_reporter)
    client.post(reverse("nominations:create", args=[period.pk, cast.ward.pk]), FORM)
    nomination = Nomination.objects.get()
    client.force_login(cast.compiler)
    accept = reverse("nominations:step", args=[nomination.pk, "tiep-nhan"])
    assert client.post(accept, {"revision": nomination.revision}).status_code == 403  # a draft
    nomination.refresh_from_db()
    assert nomination.status == Status.DRAFT
    client.force_login(cast.ward_reporter)
    client.post(
        reverse("nominations:step", args=[nomination.pk, "gui"]), {"revision": nomination.revision}
    )
    nomination.refresh_from_db()
    client.force_login(cast.compiler)
    client.post(accept, {"revision": nomination.revision})
    nomination.refresh_from_db()
    again = client.post(accept, {"revision": nomination.revision}, follow=True)
    assert "không thể chuyển sang" in again.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == Status.ACCEPTED


def test_a_nil_report_is_sent_with_its_reason(client, cast, period):
    client.force_login(cast.ward_reporter)
    response = client.post(
        reverse("nominations:nil", args=[period.pk, cast.ward.pk]),
        {"reason": "Phường đang tổng hợp, chưa có gương mới"},
    )
    assert response.status_code == 302
    assert NilReport.objects.get().reason == "Phường đang tổng hợp, chưa có gương mới"
    home = client.get(reverse("home")).content.decode()
    assert "đã báo không có" in home


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), "green").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_photo_is_uploaded_and_shown_only_through_the_scope_check(
    client, cast, period, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast.ward_reporter)
    client.post(reverse("nominations:create", args=[period.pk, cast.ward.pk]), FORM)
    nomination = Nomination.objects.get()
    upload = SimpleUploadedFile("chan-dung.png", _png(), content_type="image/png")
    response = client.post(
        reverse("nominations:attachment_upload", args=[nomination.pk]),
        {"file": upload, "caption": "Bà Hoa tại tổ dân phố"},
        follow=True,
    )
    assert "Đã thêm tệp" in response.content.decode()
    photo = nomination.attachments.get()
    served = client.get(reverse("nominations:attachment_thumbnail", args=[photo.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    client.force_login(cast.outsider)
    assert client.get(reverse("nominations:attachment_file", args=[photo.pk])).status_code == 403


def test_an_executable_renamed_jpg_is_refused_in_vietnamese_and_nothing_is_kept(
    client, cast, period, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast.ward_reporter)
    client.post(reverse("nominations:create", args=[period.pk, cast.ward.pk]), FORM)
    nomination = Nomination.objects.get()
    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00" + b"\x00" * 500, content_type="image/jpeg")
    response = client.post(
        reverse("nominations:attachment_upload", args=[nomination.pk]), {"file": fake}, follow=True
    )
    assert "không phải ảnh" in response.content.decode()
    assert nomination.attachments.count() == 0
    assert not any(path.is_file() for path in tmp_path.rglob("*"))


def test_the_compiler_forwards_the_list_and_the_city_returns_one_with_a_reason(client, cast):
    city, district = make_seed_programmes(cast, starts_on=dt.date(2026, 11, 1))
    period = district.periods.get()
    client.force_login(cast.ward_reporter)
    client.post(reverse("nominations:create", args=[period.pk, cast.ward.pk]), FORM)
    nomination = Nomination.objects.get()
    client.post(
        reverse("nominations:step", args=[nomination.pk, "gui"]), {"revision": nomination.revision}
    )
    nomination.refresh_from_db()
    client.force_login(cast.compiler)
    client.post(
        reverse("nominations:step", args=[nomination.pk, "tiep-nhan"]),
        {"revision": nomination.revision},
    )
    page = client.get(reverse("nominations:compile", args=[period.pk]))
    assert page.context["batch"] is None  # reading the page opens no list
    assert "Phường Anh Dũng" in page.content.decode()  # the ward that sent nothing
    forwarded = client.post(
        reverse("nominations:compile", args=[period.pk]),
        {"revision": page.context["revision"], "chon": [nomination.pk], "forward": "1"},
        follow=True,
    )
    assert "Đã gửi danh sách lên Thành phố Hải Phòng" in forwarded.content.decode()
    batch = Batch.objects.get(period=period)
    client.force_login(cast.city_officer)
    received = client.get(reverse("nominations:received_batch", args=[batch.pk]))
    assert "Phường Anh Dũng" in received.content.decode()
    item = batch.items.get()
    client.post(
        reverse("nominations:batch_item_decide", args=[item.pk]),
        {"decision": "return", "reason": "Cần ảnh rõ hơn"},
    )
    item.refresh_from_db()
    assert (item.review, item.review_reason) == ("returned", "Cần ảnh rõ hơn")


def test_a_draft_is_the_units_own_business_until_it_is_sent(client, cast, period):
    client.force_login(cast.ward_reporter)
    client.post(reverse("nominations:create", args=[period.pk, cast.ward.pk]), FORM)
    nomination = Nomination.objects.get()
    client.force_login(cast.compiler)
    assert client.get(reverse("nominations:detail", args=[nomination.pk])).status_code == 403
    client.force_login(cast.ward_reporter)
    client.post(
        reverse("nominations:step", args=[nomination.pk, "gui"]), {"revision": nomination.revision}
    )
    client.force_login(cast.compiler)
    assert client.get(reverse("nominations:detail", args=[nomination.pk])).status_code == 200


def test_an_edit_without_the_version_it_changes_is_refused(client, cast, period):
    client.force_login(cast.ward_reporter)
    client.post(reverse("nominations:create", args=[period.pk, cast.ward.pk]), FORM)
    nomination = Nomination.objects.get()
    response = client.post(
        reverse("nominations:edit", args=[nomination.pk]),
        {**FORM, "headline": "Không có phiên bản"},
    )
    assert response.status_code == 200
    nomination.refresh_from_db()
    assert nomination.headline == FORM["headline"]
