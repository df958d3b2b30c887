"""The signed copy uploaded back: kept with the list or the relay, its number and date in
the registry, checked by content and size, and never drafted over again."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from dienhinh.audit.models import AuditEvent
from dienhinh.common.errors import ApplicationError
from dienhinh.dispatches.models import Dispatch
from dienhinh.documents import contexts
from dienhinh.documents.models import SignedCopy
from dienhinh.documents.signed import signed_upload_for_batch, signed_upload_for_relay


def pdf_bytes(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (120, 170), 255).save(buffer, "PNG")
    return buffer.getvalue()


def upload(data: bytes, name: str = "cong-van-da-ky.pdf"):
    return SimpleUploadedFile(name, data)


@pytest.fixture
def signed_batch(cast, settings_done, october, clock):
    clock(2023, 10, 18, 10)
    return signed_upload_for_batch(
        actor=cast.compiler,
        batch=october,
        number="125",
        document_date=dt.date(2023, 10, 17),
        upload=upload(pdf_bytes()),
    )


def test_the_signed_forwarding_dispatch_enters_the_registry_with_its_number(cast, signed_batch):
    assert signed_batch.number == "125/UBND-NV"
    registered = signed_batch.dispatch
    assert (registered.unit, registered.direction, registered.status) == (
        cast.district,
        "outgoing",
        "registered",
    )
    assert registered.number == "125/UBND-NV"
    assert registered.document_date == dt.date(2023, 10, 17)
    assert registered.subject.startswith("V/v giới thiệu gương điển hình tiên tiến")
    assert signed_batch.content_type == "application/pdf"
    event = AuditEvent.objects.get(action="document.signed_upload")
    assert event.changes["number"] == "125/UBND-NV" and event.actor == cast.compiler


def test_a_signed_dispatch_is_never_drafted_again(cast, signed_batch, october):
    for make in (contexts.forwarding, contexts.annex_list):
        with pytest.raises(ApplicationError, match="125/UBND-NV"):
            make(october)
    with pytest.raises(ApplicationError):
        signed_upload_for_batch(
            actor=cast.compiler,
            batch=october,
            number="126",
            document_date=dt.date(2023, 10, 17),
            upload=upload(pdf_bytes()),
        )
    assert SignedCopy.objects.count() == 1


def test_the_signed_relay_gets_its_number_and_date_and_a_scan_is_accepted(
    cast, settings_done, relay, clock
):
    clock(2023, 9, 25, 10)
    copy = signed_upload_for_relay(
        actor=cast.compiler,
        dispatch=relay,
        number="712/UBND-NV",
        document_date=dt.date(2023, 9, 22),
        upload=upload(png_bytes(), "scan.png"),
    )
    relay.refresh_from_db()
    assert (relay.number, relay.document_date) == ("712/UBND-NV", dt.date(2023, 9, 22))
    assert copy.content_type == "image/png"
    with pytest.raises(ApplicationError, match="712/UBND-NV"):
        contexts.relay(relay)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"<html>not a scan</html>", "ban-ky.pdf", "không phải tệp PDF hay ảnh quét"),
        (b"%PDF-1.4\n%broken", "ban-ky.pdf", "bị hỏng"),
        (b"PK\x03\x04word", "ban-ky.docx", "không phải tệp PDF hay ảnh quét"),
    ],
    ids=["html", "broken-pdf", "docx"],
)
def test_a_signed_copy_that_is_not_a_pdf_or_image_is_refused_and_nothing_changes(
    cast, settings_done, october, data, name, message
):
    with pytest.raises(ApplicationError) as refused:
        signed_upload_for_batch(
            actor=cast.compiler,
            batch=october,
            number="125",
            document_date=dt.date(2023, 10, 17),
            upload=upload(data, name),
        )
    assert message in refused.value.message
    assert not SignedCopy.objects.exists()
    assert not Dispatch.objects.filter(number="125/UBND-NV").exists()


def test_a_signed_copy_over_the_limit_is_refused_before_it_is_read(
    cast, settings_done, october, settings
):
    settings.DOCUMENTS_MAX_SIGNED_MB = 1
    big = upload(pdf_bytes() + b"%" * (1024 * 1024 + 10))
    with pytest.raises(ApplicationError, match="tối đa 1 MB"):
        signed_upload_for_batch(
            actor=cast.compiler,
            batch=october,
            number="125",
            document_date=dt.date(2023, 10, 17),
            upload=big,
        )
    assert not SignedCopy.objects.exists()


@pytest.mark.parametrize(
    ("number", "day", "message"),
    [
        ("", dt.date(2023, 10, 17), "Hãy ghi số"),
        ("số một", dt.date(2023, 10, 17), "125/UBND-NV"),
        ("125", dt.date(2023, 12, 1), "tương lai"),
    ],
)
def test_a_wrong_number_or_date_is_refused_and_no_file_stays(
    cast, settings_done, october, clock, settings, number, day, message
):
    clock(2023, 10, 18, 10)
    with pytest.raises(ApplicationError, match=message):
        signed_upload_for_batch(
            actor=cast.compiler,
            batch=october,
            number=number,
            document_date=day,
            upload=upload(pdf_bytes()),
        )
    assert not SignedCopy.objects.exists()
    assert not list(settings.MEDIA_ROOT.glob("documents/signed/**/*.pdf"))
