import datetime as dt
import hashlib
import io
import zipfile

import pytest
from openpyxl import load_workbook
from PIL import Image, IptcImagePlugin

from dienhinh.archive import exports
from dienhinh.archive.models import ArchiveExport, ExportStatus
from dienhinh.archive.services import collection_for
from dienhinh.common.errors import ApplicationError

from .helpers import favourite, published_example, send_photo

pytestmark = pytest.mark.clock(2023, 10, 14, 10)


def _build(cast, collection):
    export = exports.export_request(actor=cast.city_officer, collection=collection)
    return exports.export_build(export_id=export.pk) or ArchiveExport.objects.get(pk=export.pk)


def _zip(export) -> zipfile.ZipFile:
    with export.file.open("rb") as stored:
        return zipfile.ZipFile(io.BytesIO(stored.read()))


def test_the_archive_holds_the_chosen_photos_the_examples_and_both_indexes(cast, cycle):
    period, _city = cycle
    material = send_photo(cast, period, seed=11, caption="=SUM(A1:A9) trao giấy khen")
    favourite(cast, material)
    published_example(cast, period)
    collection = collection_for(unit=cast.city, year=2024)
    export = _build(cast, collection)
    assert export.status == ExportStatus.READY and export.percent == 100
    archive = _zip(export)
    names = archive.namelist()
    assert names[-2:] == ["index.xlsx", "index.html"]
    photo = "Phường Hưng Đạo/2023-10/001 Lễ tuyên dương 11.jpg"
    assert photo in names
    assert any("Gương - Anh Tâm cứu hai em nhỏ" in name for name in names)
    with export.file.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == export.sha256
    assert export.size == sum(i.compress_size for i in archive.infolist()) or export.size > 0

    sheet = load_workbook(io.BytesIO(archive.read("index.xlsx"))).worksheets[0]
    row = [cell.value for cell in sheet[3]]
    assert row[1] == photo and row[3] == "Lễ tuyên dương 11"
    assert sheet.cell(row=3, column=10).value == "=SUM(A1:A9) trao giấy khen"
    assert sheet.cell(row=3, column=10).data_type == "s"
    html = archive.read("index.html").decode()
    assert "Lễ tuyên dương 11" in html and "http" not in html.split("<body>")[1]


def test_the_photos_in_the_archive_carry_their_caption_and_no_location(cast, cycle):
    period, _city = cycle
    favourite(cast, send_photo(cast, period, seed=12, title="Phát động thi đua"))
    archive = _zip(_build(cast, collection_for(unit=cast.city, year=2024)))
    name = next(n for n in archive.namelist() if n.endswith(".jpg"))
    image = Image.open(io.BytesIO(archive.read(name)))
    image.load()
    assert "Phát động thi đua".encode() in image.info["xmp"]
    iptc = IptcImagePlugin.getiptcinfo(image)
    assert iptc[(2, 5)] == "Phát động thi đua".encode()
    assert iptc[(2, 80)] == "Nguyễn Văn An".encode()
    assert not image.getexif().get_ifd(0x8825)


def test_an_archive_of_an_empty_year_is_refused_and_nothing_is_built(cast, cycle):
    collection = collection_for(unit=cast.city, year=2022)
    with pytest.raises(ApplicationError) as refused:
        exports.export_request(actor=cast.city_officer, collection=collection)
    assert "2022" in refused.value.message
    assert not ArchiveExport.objects.exists()


def test_two_requests_for_the_same_collection_share_one_build(cast, cycle):
    period, _city = cycle
    favourite(cast, send_photo(cast, period, seed=13))
    collection = collection_for(unit=cast.city, year=2024)
    first = exports.export_request(actor=cast.city_officer, collection=collection)
    second = exports.export_request(actor=cast.city_admin, collection=collection)
    assert first.pk == second.pk
    assert ArchiveExport.objects.count() == 1
    exports.export_build(export_id=first.pk)
    assert exports.export_build(export_id=first.pk) is None  # a second run does nothing
    third = exports.export_request(actor=cast.city_admin, collection=collection)
    assert third.pk == first.pk and third.status == ExportStatus.READY


def test_a_changed_choice_gets_a_new_build(cast, cycle):
    period, _city = cycle
    favourite(cast, send_photo(cast, period, seed=14))
    collection = collection_for(unit=cast.city, year=2024)
    first = exports.export_request(actor=cast.city_officer, collection=collection)
    favourite(cast, send_photo(cast, period, seed=15, day=dt.date(2023, 10, 10)))
    assert exports.export_request(actor=cast.city_officer, collection=collection).pk != first.pk


def test_an_expired_build_is_deleted_and_rebuilt_on_request(
    cast, cycle, clock, django_capture_on_commit_callbacks
):
    period, _city = cycle
    favourite(cast, send_photo(cast, period, seed=16))
    collection = collection_for(unit=cast.city, year=2024)
    built = _build(cast, collection)
    clock(2023, 10, 14 + 3, 10)
    with django_capture_on_commit_callbacks(execute=True):
        assert exports.exports_expire() == 1
    built.refresh_from_db()
    assert built.status == ExportStatus.EXPIRED
    assert not built.file.storage.exists(built.file.name)
    assert exports.export_request(actor=cast.city_officer, collection=collection).pk != built.pk


def test_a_build_that_cannot_read_a_file_fails_and_leaves_no_partial_archive(cast, cycle, media):
    period, _city = cycle
    material = send_photo(cast, period, seed=17)
    favourite(cast, material)
    material.file.storage.delete(material.file.name)
    export = _build(cast, collection_for(unit=cast.city, year=2024))
    assert export.status == ExportStatus.FAILED and export.error
    assert not list((media / "archive" / "exports").glob("*.zip"))


@pytest.mark.django_db(transaction=True)
def test_two_builds_asked_at_the_same_moment_are_one_build_that_both_get(cast, cycle):
    import threading

    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("the shared in-memory SQLite test database refuses concurrent writers")
    period, _city = cycle
    favourite(cast, send_photo(cast, period, seed=18))
    collection = collection_for(unit=cast.city, year=2024)
    start, results = threading.Barrier(2), {}

    def ask(user):
        try:
            start.wait()
            results[user.username] = exports.export_request(actor=user, collection=collection).pk
        finally:
            connection.close()

    threads = [
        threading.Thread(target=ask, args=(u,)) for u in (cast.city_officer, cast.city_admin)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results.values())) == 1 and len(results) == 2
    assert ArchiveExport.objects.count() == 1
    assert ArchiveExport.objects.get().status == ExportStatus.READY
