"""No upload can take the server down: the text any file yields is capped in characters and
in time, a file over either cap is refused with a plain message and nothing is stored, and
the file is never read past the upload limit.

The hostile files are those of the probe: a 0.46 MB .docx holding about 190 MB of XML text
(it made a web process grow to 9 GB in 21 minutes), and a 19 MB .txt of long lines (98 s).
Their reading is measured in a fresh process (hostile.measure): its peak memory is then the
reading's own.
"""

import io
import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from dienhinh.audit.models import AuditEvent
from dienhinh.dispatches import limits, reading, services
from dienhinh.dispatches.models import Dispatch
from dienhinh.dispatches.reading import DispatchReadError, extract_text

from . import hostile
from .test_reading import DISTRICT, district_docx, fixture

TOO_LONG = (
    "Tệp chứa hơn {limit} ký tự (khoảng {pages} trang), dài hơn nhiều so với một công văn. "
    "Hãy kiểm tra lại xem có đúng tệp không; hệ thống không lưu gì."
)
TOO_SLOW = (
    "Đọc tệp mất hơn {seconds} giây nên đã dừng; hệ thống không lưu gì. Tệp có thể bị hỏng "
    "hoặc quá phức tạp: hãy mở bằng Word, lưu lại dưới dạng .docx hoặc PDF rồi tải lên lại."
)
DEFAULT_TOO_LONG = TOO_LONG.format(limit="300.000", pages="90")
GIGABYTE_MB = 1024


def refusal(data: bytes, filename: str) -> str:
    with translation.override("vi"), pytest.raises(DispatchReadError) as caught:
        extract_text(data, filename)
    return caught.value.message


@pytest.fixture(scope="module")
def bombs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    return {
        "190 MB of text in paragraphs": hostile.text_bomb_docx(folder / "text.docx"),
        "40 MB of text in one text node": hostile.one_text_node_docx(folder / "node.docx"),
        "190 MB of empty runs": hostile.markup_bomb_docx(folder / "markup.docx"),
        "19 MB of long lines": hostile.long_lines_txt(folder / "long.txt"),
    }


@pytest.mark.parametrize(
    "name",
    [
        "190 MB of text in paragraphs",
        "40 MB of text in one text node",
        "190 MB of empty runs",
        "19 MB of long lines",
    ],
)
def test_a_file_far_longer_than_a_dispatch_is_refused_within_seconds_in_well_under_1_gb(
    bombs, name
):
    measured = hostile.measure(bombs[name])
    assert measured["outcome"] == "refused: " + DEFAULT_TOO_LONG, measured
    assert measured["seconds"] < 5, measured
    assert measured["peak_rss_mb"] < GIGABYTE_MB, measured
    assert measured["file_mb"] < 20  # each is a legal upload by its size


def test_the_probes_docx_is_small_yet_holds_190_mb_of_xml(bombs):
    import zipfile

    path = bombs["190 MB of text in paragraphs"]
    with zipfile.ZipFile(path) as archive:
        unpacked = archive.getinfo("word/document.xml").file_size
    assert path.stat().st_size < 1024 * 1024 and unpacked > 190_000_000


def test_a_text_file_one_character_over_the_limit_is_refused_and_one_at_it_is_read(settings):
    settings.DISPATCH_MAX_TEXT_CHARS = 2000
    text = (DISTRICT * 2)[:2000]
    assert extract_text(text.encode(), "cv.txt").text == text
    assert refusal((text + "x").encode(), "cv.txt") == TOO_LONG.format(limit="2.000", pages="1")


def test_a_docx_with_more_text_than_the_limit_is_refused(settings):
    settings.DISPATCH_MAX_TEXT_CHARS = 200
    assert refusal(district_docx(), "cv.docx") == TOO_LONG.format(limit="200", pages="1")


def test_a_pdf_with_more_text_than_the_limit_is_refused(settings):
    settings.DISPATCH_MAX_TEXT_CHARS = 5000  # the 10-page fixture holds about 10,900
    data = fixture("district-10-pages.pdf")
    assert refusal(data, "cv.pdf") == TOO_LONG.format(limit="5.000", pages="1")


@pytest.fixture
def slow_clock(monkeypatch):
    """Every look at the clock finds a second gone: the reading outlives any time limit."""
    ticks = itertools.count(start=1000.0, step=1.0)
    monkeypatch.setattr(limits.time, "monotonic", lambda: next(ticks))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cv.pdf", fixture("district-10-pages.pdf")),
        ("cv.docx", hostile.docx_of(io.BytesIO(), [b"<w:p/>" * 30000]).getvalue()),
    ],
    ids=["pdf", "docx"],
)
def test_a_reading_that_runs_past_its_time_is_stopped(settings, slow_clock, name, data):
    settings.DISPATCH_READ_SECONDS = 5
    assert refusal(data, name) == TOO_SLOW.format(seconds=5)


def test_pasted_text_is_held_to_the_same_limit(cast, settings):
    settings.DISPATCH_MAX_TEXT_CHARS = 1000
    with translation.override("vi"), pytest.raises(DispatchReadError) as caught:
        services.dispatch_upload(
            actor=cast.compiler,
            unit=cast.district,
            direction="incoming",
            pasted="x" * 1001,
        )
    assert caught.value.message == "Nội dung dán vào quá dài (hơn 1.000 ký tự)."


@pytest.mark.django_db
def test_nothing_is_stored_when_an_upload_is_refused_for_its_length(
    cast, bombs, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = bombs["190 MB of text in paragraphs"]
    events = AuditEvent.objects.count()
    with pytest.raises(DispatchReadError):
        services.dispatch_upload(
            actor=cast.compiler,
            unit=cast.district,
            direction="incoming",
            upload=SimpleUploadedFile("cong-van.docx", path.read_bytes()),
        )
    assert not Dispatch.objects.exists()
    assert AuditEvent.objects.count() == events
    assert not list((tmp_path / "media").rglob("*.*"))


class Stream(io.BytesIO):
    """An upload whose content is longer than the size it declares, counting what is read."""

    def __init__(self, data: bytes, declared: int):
        super().__init__(data)
        self.size, self.name, self.taken = declared, "cv.txt", 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.taken += len(chunk)
        return chunk


@pytest.mark.django_db
def test_an_upload_declared_over_the_limit_is_refused_before_it_is_read(cast, settings):
    settings.DISPATCH_MAX_UPLOAD_MB = 1
    stream = Stream(b"x" * 10, declared=5 * 1024 * 1024)
    with pytest.raises(DispatchReadError):
        services.dispatch_upload(
            actor=cast.compiler, unit=cast.district, direction="incoming", upload=stream
        )
    assert stream.taken == 0


@pytest.mark.django_db
def test_an_upload_longer_than_it_declared_is_read_only_to_the_limit(cast, settings):
    settings.DISPATCH_MAX_UPLOAD_MB = 1
    stream = Stream(b"x" * (3 * 1024 * 1024), declared=100)
    with pytest.raises(DispatchReadError):
        services.dispatch_upload(
            actor=cast.compiler, unit=cast.district, direction="incoming", upload=stream
        )
    assert stream.taken == 1024 * 1024 + 1
    assert not Dispatch.objects.exists()


def test_the_readers_share_one_budget_across_pages(settings):
    budget = reading.Budget(chars=100, seconds=60)
    budget.take(60)
    with pytest.raises(DispatchReadError):
        budget.take(41)
