"""Adding and removing attachments through the service: what is stored, under which name,
and that a refused or failed upload leaves no row, no audit event and no file behind."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from dienhinh.audit.models import AuditEvent
from dienhinh.common.errors import ApplicationError
from dienhinh.cycles.services import ProgrammeSpec, programme_create
from dienhinh.nominations import attachments
from dienhinh.nominations.attachments import attachment_add, attachment_remove
from dienhinh.nominations.models import Attachment, AttachmentKind, Nomination, Status
from dienhinh.units.models import UnitKind

from .test_files import PDF, docx, gps_exif, photo


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def nomination(cast):
    return make_nomination(cast)


def make_nomination(cast, status=Status.DRAFT) -> Nomination:
    spec = ProgrammeSpec(
        title="Giới thiệu gương điển hình hằng tháng",
        cadence="monthly",
        starts_on=dt.date(2024, 1, 1),
        expected_kinds=[UnitKind.DISTRICT],
    )
    programme = programme_create(actor=cast.city_admin, owner=cast.city, spec=spec)
    return Nomination.objects.create(
        unit=cast.district,
        period=programme.periods.first(),
        headline="Bà Lan nhặt được của rơi trả người đánh mất",
        story="Trả lại chiếc ví có 20 triệu đồng.",
        created_by=cast.compiler,
        status=status,
    )


def stored_files(media) -> list[str]:
    if not media.exists():
        return []
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


def add(cast, nomination, name, data, **kwargs):
    upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return attachment_add(actor=cast.compiler, nomination=nomination, upload=upload, **kwargs)


def test_a_photo_is_stored_under_a_new_name_with_its_thumbnail_and_recorded(
    cast, nomination, media
):
    data = photo(size=(120, 80), exif=gps_exif(orientation=6))
    attachment = add(cast, nomination, "Ảnh bà Lan.jpg", data, caption=" Bà Lan tại phường ")
    attachment.refresh_from_db()
    assert re.fullmatch(r"nominations/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", attachment.file.name)
    assert re.fullmatch(
        r"nominations/\d{4}/\d{2}/thumbs/[0-9a-f]{32}\.jpg", attachment.thumbnail.name
    )
    assert stored_files(media) == sorted([attachment.file.name, attachment.thumbnail.name])
    assert (attachment.original_name, attachment.caption, attachment.kind) == (
        "Ảnh bà Lan.jpg",
        "Bà Lan tại phường",
        AttachmentKind.PHOTO,
    )
    assert attachment.size == (media / attachment.file.name).stat().st_size
    with Image.open(media / attachment.file.name) as stored:
        assert stored.size == (80, 120)
        assert stored.getexif().get_ifd(0x8825) == {}
    event = AuditEvent.objects.get(action="attachment.add")
    assert (event.unit, event.actor, event.object_id) == (
        cast.district,
        cast.compiler,
        str(attachment.pk),
    )
    assert event.changes["original_name"] == "Ảnh bà Lan.jpg"


def test_a_document_is_stored_as_it_came_without_a_thumbnail(cast, nomination, media):
    word_bytes = docx()  # made once: a zip records the second it was written
    pdf = add(cast, nomination, "to-trinh.pdf", PDF)
    word = add(cast, nomination, "bao-cao.docx", word_bytes)
    assert (media / pdf.file.name).read_bytes() == PDF
    assert (media / word.file.name).read_bytes() == word_bytes
    assert pdf.file.name.endswith(".pdf") and word.file.name.endswith(".docx")
    assert (pdf.thumbnail.name, pdf.kind) == ("", AttachmentKind.DOCUMENT)
    assert len(stored_files(media)) == 2


def test_the_user_s_file_name_never_reaches_the_storage(cast, nomination, media):
    attachment = add(cast, nomination, "../../../etc/cron.d/x.pdf", PDF)
    assert attachment.original_name == "x.pdf"
    assert "cron" not in attachment.file.name and "x.pdf" not in attachment.file.name
    assert all(name.startswith("nominations/") for name in stored_files(media))


@pytest.mark.parametrize(
    "name, data",
    [
        ("anh.jpg", b"MZ\x90\x00" + b"\x00" * 200),
        ("anh.jpg", b"\x7fELF\x02\x01\x01" + b"\x00" * 200),
        ("to-trinh.pdf", b"<html><body>Xin chao</body></html>"),
        ("bao-cao.docx", "Báo cáo thành tích".encode()),
        ("trong.jpg", b""),
        ("cut.jpg", photo()[:300]),
        ("lon.pdf", PDF + b"0" * (1024 * 1024)),
    ],
)
def test_a_refused_upload_leaves_no_file_no_row_and_no_audit_event(
    cast, nomination, media, settings, name, data
):
    settings.DIENHINH_MAX_DOCUMENT_MB = 1
    with translation.override("en"), pytest.raises(ApplicationError) as caught:
        add(cast, nomination, name, data)
    assert f"“{name}”" in caught.value.message
    assert stored_files(media) == []
    assert not Attachment.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="attachment.").exists()


def test_a_failure_after_the_files_were_stored_leaves_no_file_behind(
    cast, nomination, media, monkeypatch
):
    def audit_fails(**kwargs):
        assert len(stored_files(media)) == 2, "the photo and its thumbnail were stored"
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(attachments, "audit_record", audit_fails)
    with pytest.raises(RuntimeError):
        add(cast, nomination, "anh.jpg", photo())
    assert stored_files(media) == []
    assert not Attachment.objects.exists()


def test_an_interrupted_upload_leaves_no_file_behind(cast, nomination, media, monkeypatch):
    def interrupted(**kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(attachments, "audit_record", interrupted)
    with pytest.raises(KeyboardInterrupt):
        add(cast, nomination, "to-trinh.pdf", PDF)
    assert stored_files(media) == []
    assert not Attachment.objects.exists()


def test_a_submitted_nomination_takes_no_new_attachment(cast, media):
    nomination = make_nomination(cast, status=Status.SUBMITTED)
    with translation.override("en"), pytest.raises(ApplicationError) as caught:
        add(cast, nomination, "anh.jpg", photo())
    assert caught.value.message == "A nomination that is submitted can no longer be changed."
    assert stored_files(media) == [] and not Attachment.objects.exists()


def test_a_nomination_submitted_while_the_photo_was_processed_takes_nothing(
    cast, nomination, media
):
    # The page still holds the draft; a colleague submitted it meanwhile.
    Nomination.objects.filter(pk=nomination.pk).update(status=Status.SUBMITTED)
    with pytest.raises(ApplicationError):
        add(cast, nomination, "anh.jpg", photo())
    assert stored_files(media) == [] and not Attachment.objects.exists()


def test_a_returned_nomination_takes_attachments_again(cast, media):
    nomination = make_nomination(cast, status=Status.RETURNED)
    assert add(cast, nomination, "to-trinh.pdf", PDF).pk


def test_a_caption_longer_than_255_characters_is_refused(cast, nomination, media):
    with pytest.raises(ApplicationError) as caught:
        add(cast, nomination, "anh.jpg", photo(), caption="x" * 256)
    assert caught.value.field == "caption"
    assert stored_files(media) == []


def test_removing_deletes_the_row_at_once_and_the_files_once_committed(
    cast, nomination, media, django_capture_on_commit_callbacks
):
    attachment = add(cast, nomination, "anh.jpg", photo())
    with django_capture_on_commit_callbacks() as callbacks:
        attachment_remove(actor=cast.compiler, attachment=attachment)
    assert not Attachment.objects.exists()
    assert len(stored_files(media)) == 2, "the files wait for the commit"
    for callback in callbacks:
        callback()
    assert stored_files(media) == []
    event = AuditEvent.objects.get(action="attachment.remove")
    assert (event.unit, event.object_id) == (cast.district, str(attachment.pk))


def test_removing_an_attachment_twice_records_it_once(
    cast, nomination, media, django_capture_on_commit_callbacks
):
    attachment = add(cast, nomination, "to-trinh.pdf", PDF)
    with django_capture_on_commit_callbacks(execute=True):
        attachment_remove(actor=cast.compiler, attachment=attachment)
        attachment_remove(actor=cast.compiler, attachment=attachment)
    assert AuditEvent.objects.filter(action="attachment.remove").count() == 1
    assert stored_files(media) == []


def test_an_attachment_of_a_submitted_nomination_stays(cast, nomination, media):
    attachment = add(cast, nomination, "to-trinh.pdf", PDF)
    Nomination.objects.filter(pk=nomination.pk).update(status=Status.SUBMITTED)
    with pytest.raises(ApplicationError):
        attachment_remove(actor=cast.compiler, attachment=attachment)
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert stored_files(media) == [attachment.file.name]
    assert not AuditEvent.objects.filter(action="attachment.remove").exists()


# --- Downloads are named by their content ----------------------------------------------


@pytest.mark.parametrize(
    "uploaded, data, served_name, content_type",
    [
        ("report.html", PDF, "report.pdf", "application/pdf"),
        ("bao-cao.exe", docx(), "bao-cao.docx", "application/vnd.openxmlformats-"),
        ("to-trinh", PDF, "to-trinh.pdf", "application/pdf"),
        ("anh.svg", photo("PNG"), "anh.jpg", "image/jpeg"),
    ],
)
def test_a_download_is_named_and_typed_by_its_content_not_by_the_uploaded_name(
    client, cast, nomination, media, uploaded, data, served_name, content_type
):
    from django.urls import reverse

    attachment = add(cast, nomination, uploaded, data)
    client.force_login(cast.superuser)
    response = client.get(reverse("nominations:attachment_file", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert f'filename="{served_name}"' in response["Content-Disposition"]
    assert attachment.original_name == uploaded  # still shown as the user named it
