import datetime as dt

import pytest
from PIL import Image

from dienhinh.archive import services
from dienhinh.archive.models import Material, MaterialKind, MaterialStatus
from dienhinh.archive.services import MaterialDetails, material_send
from dienhinh.audit.models import AuditEvent
from dienhinh.common.errors import ApplicationError

from .helpers import mp4_bytes, photo_bytes, send_photo, upload

pytestmark = pytest.mark.clock(2023, 10, 14, 10)


def _details(**fields):
    return MaterialDetails(
        **{"title": "Hội nghị biểu dương", "taken_on": dt.date(2023, 10, 9), **fields}
    )


def test_a_ward_sends_a_photo_that_is_stored_re_encoded_with_a_thumbnail(cast, cycle):
    period, _city = cycle
    material = send_photo(cast, period)
    assert material.kind == MaterialKind.PHOTO and material.status == MaterialStatus.SENT
    assert material.preview.name and material.dhash is not None
    assert not material.is_late
    assert AuditEvent.objects.filter(action="material.send", unit=cast.ward).count() == 1


def test_a_photo_with_a_gps_position_is_stored_without_it_and_the_sender_is_told(cast, cycle):
    period, _city = cycle
    data = photo_bytes(3, gps=True)
    assert Image.open(__import__("io").BytesIO(data)).getexif().get_ifd(0x8825)
    material, notices = material_send(
        actor=cast.ward_reporter, unit=cast.ward, period=period, upload=upload(data),
        details=_details(),
    )  # fmt: skip
    with material.file.open("rb") as stored:
        kept = Image.open(stored)
        assert not kept.getexif().get_ifd(0x8825)
        assert not kept.getexif()
    assert any("vị trí GPS" in notice for notice in notices)


@pytest.mark.parametrize(
    ("day", "words"),
    [(dt.date(2023, 10, 20), "future"), (dt.date(2023, 9, 28), "outside")],
)
def test_material_dated_in_the_future_or_outside_the_period_is_refused(cast, cycle, day, words):
    period, _city = cycle
    with pytest.raises(ApplicationError) as refused:
        material_send(
            actor=cast.ward_reporter, unit=cast.ward, period=period,
            upload=upload(photo_bytes()), details=_details(taken_on=day),
        )  # fmt: skip
    assert refused.value.field == "taken_on"
    assert Material.objects.count() == 0
    assert not AuditEvent.objects.filter(action="material.send").exists()


def test_the_dated_messages_are_in_vietnamese(cast, cycle):
    from django.utils import translation

    period, _city = cycle
    with translation.override("vi"), pytest.raises(ApplicationError) as refused:
        material_send(
            actor=cast.ward_reporter, unit=cast.ward, period=period,
            upload=upload(photo_bytes()), details=_details(taken_on=dt.date(2023, 9, 28)),
        )  # fmt: skip
    assert "ngoài" in refused.value.message and "tháng 10/2023" in refused.value.message


def test_a_video_over_the_limit_is_refused_and_nothing_is_stored(cast, cycle, settings, media):
    period, _city = cycle
    settings.DIENHINH_MAX_VIDEO_MB = 1
    data = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * (1024 * 1024 + 10)
    with pytest.raises(ApplicationError) as refused:
        material_send(
            actor=cast.ward_reporter, unit=cast.ward, period=period,
            upload=upload(data, "clip.mp4"), details=_details(),
        )  # fmt: skip
    assert "video tối đa 1 MB" in refused.value.message
    assert Material.objects.count() == 0
    assert not list(media.rglob("*.mp4"))


def test_a_video_in_an_unknown_container_is_refused(cast, cycle):
    period, _city = cycle
    mov = b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00" + b"\x00" * 100
    with pytest.raises(ApplicationError) as refused:
        material_send(
            actor=cast.ward_reporter, unit=cast.ward, period=period,
            upload=upload(mov, "clip.mov"), details=_details(),
        )  # fmt: skip
    assert "định dạng không được nhận" in refused.value.message and "MP4" in refused.value.message
    assert Material.objects.count() == 0
    assert not AuditEvent.objects.filter(action="material.send").exists()


def test_an_mp4_is_kept_without_its_location_and_gets_a_poster_frame(cast, cycle, tmp_path):
    period, _city = cycle
    data = mp4_bytes(tmp_path)
    assert b"loci" in data  # the 3GPP location box: latitude and longitude
    material, notices = material_send(
        actor=cast.ward_reporter, unit=cast.ward, period=period,
        upload=upload(data, "le-phat-dong.mp4"), details=_details(),
    )  # fmt: skip
    assert material.kind == MaterialKind.VIDEO
    with material.file.open("rb") as stored:
        kept = stored.read()
    assert b"loci" not in kept and len(kept) == len(data)
    with material.preview.open("rb") as poster:
        assert poster.read(2) == b"\xff\xd8"
    assert notices


def test_the_same_picture_sent_by_the_district_is_linked_to_the_wards_copy(cast, cycle):
    period, city_period = cycle
    first = send_photo(cast, period, seed=5)
    again = send_photo(
        cast, city_period, seed=5, unit=cast.district, actor=cast.compiler, title="Bản của quận"
    )
    other = send_photo(cast, period, seed=6)
    assert again.same_as == first
    assert other.same_as is None


def test_material_showing_people_without_consent_cannot_be_a_favourite(cast, cycle):
    period, _city = cycle
    material = send_photo(cast, period, shows_people=True, people_note="Ông Nguyễn Văn Tâm")
    with pytest.raises(ApplicationError):
        services.favourite_set(
            actor=cast.city_officer, unit=cast.city, material=material, chosen=True
        )
    material = services.material_consent_record(
        actor=cast.ward_reporter, material=material, revision=material.revision,
        given_by="Nguyễn Văn Tâm", given_on=dt.date(2023, 10, 9), uses=["exhibition"],
    )  # fmt: skip
    collection = services.favourite_set(
        actor=cast.city_officer, unit=cast.city, material=material, chosen=True
    )
    assert collection.year == 2024
    assert collection.favourites.count() == 1


def test_the_anniversary_year_runs_from_11_june_to_10_june():
    assert services.anniversary_year(dt.date(2023, 6, 10)) == 2023
    assert services.anniversary_year(dt.date(2023, 6, 11)) == 2024
    assert services.anniversary_range(2024) == (dt.date(2023, 6, 11), dt.date(2024, 6, 10))
