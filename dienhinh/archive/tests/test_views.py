import datetime as dt

import pytest
from django.urls import reverse

from dienhinh.archive import exports, links
from dienhinh.archive.models import ArchiveExport, Material
from dienhinh.archive.services import collection_for
from dienhinh.audit.models import AuditEvent

from .helpers import favourite, photo_bytes, send_photo, upload

pytestmark = pytest.mark.clock(2023, 10, 14, 10)


@pytest.fixture
def built(cast, cycle):
    period, _city = cycle
    favourite(cast, send_photo(cast, period, seed=21))
    collection = collection_for(unit=cast.city, year=2024)
    export = exports.export_request(actor=cast.city_officer, collection=collection)
    exports.export_build(export_id=export.pk)
    return ArchiveExport.objects.get(pk=export.pk)


def _content(response) -> bytes:
    return b"".join(response.streaming_content)


def _link(export, user) -> str:
    return reverse("archive:download", args=[links.download_token(export=export, user=user)])


def test_a_ward_sends_a_photo_from_the_form_and_sees_it_in_its_period(client, cast, cycle):
    period, _city = cycle
    client.force_login(cast.ward_reporter)
    url = reverse("archive:send", args=[period.pk, cast.ward.pk])
    data = {"title": "Lễ ra quân", "taken_on": "09/10/2023", "credit": "Phường"}
    response = client.post(url, {**data, "file": upload(photo_bytes(2, gps=True))})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Lễ ra quân" in page.content.decode()
    assert "GPS" in page.content.decode()


def test_a_refused_upload_shows_the_reason_next_to_the_date_and_keeps_nothing(client, cast, cycle):
    period, _city = cycle
    client.force_login(cast.ward_reporter)
    url = reverse("archive:send", args=[period.pk, cast.ward.pk])
    data = {"title": "Lễ ra quân", "taken_on": "28/09/2023", "file": upload(photo_bytes(2))}
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    assert "ngoài" in response.content.decode()
    assert not Material.objects.exists()


def test_the_whole_archive_downloads_with_its_checksum_and_is_logged(client, cast, built):
    client.force_login(cast.city_officer)
    response = client.get(_link(built, cast.city_officer))
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert int(response["Content-Length"]) == built.size == len(_content(response))
    assert response["ETag"] == f'"{built.sha256}"'
    assert AuditEvent.objects.filter(action="archive.download").count() == 1


def test_an_interrupted_download_resumes_with_a_range(client, cast, built):
    client.force_login(cast.city_officer)
    url = _link(built, cast.city_officer)
    whole = _content(client.get(url))
    response = client.get(url, HTTP_RANGE="bytes=100-", HTTP_IF_RANGE=f'"{built.sha256}"')
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-{built.size - 1}/{built.size}"
    assert _content(response) == whole[100:]
    tail = client.get(url, HTTP_RANGE="bytes=-10")
    assert _content(tail) == whole[-10:]


def test_a_range_beyond_the_end_is_refused_with_416(client, cast, built):
    client.force_login(cast.city_officer)
    response = client.get(
        _link(built, cast.city_officer),
        HTTP_RANGE=f"bytes={built.size}-",
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{built.size}"
    assert "sau cuối tệp" in response.content.decode()


def test_an_expired_link_is_refused(client, cast, built, clock):
    url = _link(built, cast.city_officer)
    clock(2023, 10, 20, 10)
    client.force_login(cast.city_officer)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 410
    assert "hết hạn" in response.content.decode()


def test_a_link_made_for_someone_else_is_refused(client, cast, built):
    url = _link(built, cast.city_officer)
    client.force_login(cast.city_admin)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 403
    assert "người khác" in response.content.decode()
    assert not AuditEvent.objects.filter(action="archive.download").exists()


def test_a_tampered_link_is_refused(client, cast, built):
    client.force_login(cast.city_officer)
    url = _link(built, cast.city_officer)
    assert client.get(url[:-3] + "abc/").status_code == 404


def test_a_user_of_another_subtree_cannot_open_a_material_file_by_id(client, cast, cycle):
    period, _city = cycle
    material = send_photo(cast, period, seed=22)
    client.force_login(cast.outsider)
    for name in ("archive:file", "archive:preview", "archive:detail"):
        assert client.get(reverse(name, args=[material.pk])).status_code == 403
    denied = AuditEvent.objects.filter(action="access.denied", actor=cast.outsider)
    assert denied.count() == 3


def test_the_building_page_shows_a_progress_bar_and_then_the_link(client, cast, built):
    client.force_login(cast.city_officer)
    page = client.get(reverse("archive:export", args=[built.pk])).content.decode()
    assert '<progress class="dh-progress' in page and 'value="100"' in page
    assert built.sha256 in page and "/tu-lieu/11-6/tai/" in page


def test_the_board_builds_from_the_collection_page(
    client, cast, cycle, django_capture_on_commit_callbacks
):
    period, _city = cycle
    favourite(cast, send_photo(cast, period, seed=23))
    client.force_login(cast.city_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("archive:build"), {"cap": cast.city.pk, "nam": 2024, "kind": "zip"}
        )
    export = ArchiveExport.objects.get()
    assert response["Location"] == reverse("archive:export", args=[export.pk])
    assert export.status == "ready"


def test_building_an_empty_year_from_the_page_says_so(client, cast, cycle):
    client.force_login(cast.city_officer)
    response = client.post(
        reverse("archive:build"), {"cap": cast.city.pk, "nam": 2021}, follow=True,
        HTTP_ACCEPT_LANGUAGE="vi",
    )  # fmt: skip
    assert "Chưa chọn" in response.content.decode()
    assert not ArchiveExport.objects.exists()


def test_the_album_shows_one_tile_for_the_same_picture_sent_twice(client, cast, cycle):
    period, city_period = cycle
    from dienhinh.archive.batching import batch_set_materials
    from dienhinh.nominations.batches import batch_forward, batch_open

    ward_copy = send_photo(cast, period, seed=30)
    send_photo(cast, city_period, seed=30, unit=cast.district, actor=cast.compiler, title="Quận")
    batch = batch_open(actor=None, period=period)
    batch_set_materials(actor=cast.compiler, batch=batch, materials=[ward_copy])
    batch_forward(actor=cast.compiler, batch=batch, revision=batch.revision)
    client.force_login(cast.city_officer)
    page = client.get(reverse("archive:album"), {"cap": cast.city.pk}).content.decode()
    assert page.count('class="album-tile"') == 1
    assert "2 bản" in page or "2 copies" in page


def test_the_city_does_not_see_what_the_district_kept(client, cast, cycle):
    period, _city = cycle
    send_photo(cast, period, seed=31, title="Chỉ quận thấy")
    client.force_login(cast.city_officer)
    page = client.get(reverse("archive:album"), {"cap": cast.city.pk}).content.decode()
    assert "Chỉ quận thấy" not in page
    client.force_login(cast.compiler)
    page = client.get(reverse("archive:album"), {"cap": cast.district.pk}).content.decode()
    assert "Chỉ quận thấy" in page


def test_the_album_loads_the_next_page_as_a_fragment(client, cast, cycle, settings):
    period, _city = cycle
    for seed in range(3):
        send_photo(cast, period, seed=50 + seed, day=dt.date(2023, 10, 1 + seed))
    from dienhinh.archive import album_views

    album_views.PAGE_SIZE, old = 2, album_views.PAGE_SIZE
    try:
        client.force_login(cast.compiler)
        first = client.get(reverse("archive:album"), {"cap": cast.district.pk}).content.decode()
        assert first.count('class="album-tile"') == 2 and "trang=2" in first
        more = client.get(
            reverse("archive:album"), {"cap": cast.district.pk, "trang": 2}, HTTP_HX_REQUEST="true"
        ).content.decode()
        assert more.count('class="album-tile"') == 1 and "<html" not in more
    finally:
        album_views.PAGE_SIZE = old


def test_a_copy_sent_in_another_district_is_not_named_on_the_detail_page(client, cast, cycle):
    period, _city = cycle
    from dienhinh.cycles.services import ProgrammeSpec, programme_create

    other = programme_create(
        actor=cast.city_admin,
        owner=cast.other_district,
        spec=ProgrammeSpec(
            title="Đồ Sơn", cadence="monthly", starts_on=dt.date(2023, 10, 1),
            expected_kinds=["ward"], unit_relation="on", unit_day=15,
        ),
    )  # fmt: skip
    mine = send_photo(cast, period, seed=33, title="Ảnh của Hưng Đạo")
    theirs = send_photo(
        cast, other.periods.get(key="2023-10"), seed=33, unit=cast.other_ward,
        actor=cast.outsider, title="Ảnh riêng của Vạn Hương",
    )  # fmt: skip
    assert theirs.same_as == mine
    client.force_login(cast.ward_reporter)
    page = client.get(reverse("archive:detail", args=[mine.pk])).content.decode()
    assert "Ảnh riêng của Vạn Hương" not in page and "Vạn Hương" not in page


def test_the_collection_page_opens_on_the_year_of_the_newest_material(client, cast, cycle, clock):
    from .helpers import forward

    period, _city = cycle
    forward(cast, period, [send_photo(cast, period, seed=34)])
    clock(2026, 12, 2, 9)
    client.force_login(cast.city_officer)
    page = client.get(reverse("archive:collection"), {"cap": cast.city.pk}).content.decode()
    assert "Bộ tư liệu 11/6/2024" in page
