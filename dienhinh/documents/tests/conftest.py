"""The seeds' October 2023 on the cast: the city's 785/BTĐKT-THHC in its registry, the
district's relay of it, the ward's nominations accepted and forwarded on the 17th; the
district and the ward have their document settings."""

import datetime as dt
from pathlib import Path

import pytest

from dienhinh.cycles.services import periods_open_due
from dienhinh.dispatches import services as dispatches
from dienhinh.dispatches.services import RelaySpec
from dienhinh.documents.services import SettingsSpec, settings_save
from dienhinh.documents.tests.batching import forward_list
from dienhinh.nominations.awards import award_add
from dienhinh.nominations.workflow import (
    Content,
    nomination_accept,
    nomination_create,
    nomination_submit,
)
from dienhinh.testing import make_seed_programmes

# Every Vietnamese letter with every tone mark, upper and lower case.
DIACRITICS = (
    "Ắ Ằ Ẳ Ẵ Ặ Ấ Ầ Ẩ Ẫ Ậ Ế Ề Ể Ễ Ệ Ố Ồ Ổ Ỗ Ộ Ớ Ờ Ở Ỡ Ợ Ứ Ừ Ử Ữ Ự Á À Ả Ã Ạ É È Ẻ Ẽ Ẹ "
    "Í Ì Ỉ Ĩ Ị Ó Ò Ỏ Õ Ọ Ú Ù Ủ Ũ Ụ Ý Ỳ Ỷ Ỹ Ỵ Đ ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ "
    "ở ỡ ợ ứ ừ ử ữ ự á à ả ã ạ é è ẻ ẽ ẹ í ì ỉ ĩ ị ó ò ỏ õ ọ ú ù ủ ũ ụ ý ỳ ỷ ỹ ỵ đ ă â ê ô ơ ư"
)
LONG_NAME = "Nguyễn Thị Ỷ Ỹ Ỵ Khuê Huyền Trưởng Đặng Ngọc Ước"
SEED_785 = Path(__file__).resolve().parents[2] / "dispatches/samples/city-785-BTDKT-THHC.txt"


def long_story() -> str:
    """A 3,000-character summary ending with every diacritic, over two paragraphs."""
    sentence = "Chị tình nguyện dạy chữ miễn phí cho trẻ em nghèo ở khu phố Đông Hải, bền bỉ. "
    room = 3_000 - len(DIACRITICS) - 1
    head = (sentence * 40)[:room].ljust(room, ".")
    return head + "\n" + DIACRITICS


DISTRICT = SettingsSpec(
    body_name="ỦY BAN NHÂN DÂN\nQUẬN DƯƠNG KINH",
    symbol="UBND-NV",
    place_name="Dương Kinh",
    drafting_office="Phòng Nội vụ",
    signing_mode="tm",
    authority="ỦY BAN NHÂN DÂN",
    signer_title="CHỦ TỊCH",
    signer_name="Nguyễn Minh Phương",
    email="noivuduongkinh@gmail.com",
    filing="VT, NV",
)
WARD = SettingsSpec(
    body_name="ỦY BAN NHÂN DÂN\nPHƯỜNG HƯNG ĐẠO",
    symbol="UBND",
    place_name="Hưng Đạo",
    signing_mode="tm",
    authority="ỦY BAN NHÂN DÂN",
    signer_title="CHỦ TỊCH",
    signer_name="Đỗ Văn Thành",
)


AWARD = {
    "year": 2022,
    "title": "Giấy khen của Chủ tịch UBND quận",
    "decision_number": "125/QĐ-UBND",
    "decision_date": dt.date(2022, 5, 3),
    "issuer": "UBND quận Dương Kinh",
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Stored files (templates, PDFs, signed copies) go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def settings_done(cast):
    settings_save(actor=cast.city_admin, unit=cast.district, spec=DISTRICT, revision=None)
    settings_save(actor=cast.city_admin, unit=cast.ward, spec=WARD, revision=None)


@pytest.fixture
def seed_programmes(cast, clock):
    clock(2023, 9, 20, 9)
    return make_seed_programmes(cast, starts_on=dt.date(2023, 9, 1))


def _accepted(cast, period, content: Content, awards=()):
    nomination = nomination_create(
        actor=cast.ward_reporter, unit=cast.ward, period=period, content=content
    )
    for award in awards:
        award_add(actor=cast.ward_reporter, nomination=nomination, **award)
    nomination.refresh_from_db()
    nomination = nomination_submit(
        actor=cast.ward_reporter, nomination=nomination, revision=nomination.revision
    )
    return nomination_accept(
        actor=cast.compiler, nomination=nomination, revision=nomination.revision
    )


@pytest.fixture
def october(cast, seed_programmes, clock):
    """Two nominations of the ward accepted and forwarded on 17/10/2023; ward2 sent
    nothing. Returns the forwarded batch."""
    _city, district = seed_programmes
    clock(2023, 10, 12, 9)
    periods_open_due(today=dt.date(2023, 10, 12))
    period = district.periods.get(key="2023-10")
    tam = _accepted(
        cast,
        period,
        Content(
            headline="Anh Tâm cứu hai em nhỏ đuối nước",
            story="Anh Tâm đã lao xuống sông cứu hai em nhỏ bị đuối nước.",
            full_name="Nguyễn Văn Tâm",
            birth_year=1985,
            gender="male",
            position="Công nhân",
            hometown="Hưng Đạo, Dương Kinh",
            field="social",
            report_background="Anh Tâm sinh ra trong một gia đình lao động.",
            report_achievements="Ngày 5/10/2023 anh cứu hai em nhỏ.\nAnh được nhân dân khen ngợi.",
        ),
        awards=[AWARD],
    )
    long = _accepted(
        cast,
        period,
        Content(headline="Lớp học tình thương", story=long_story(), full_name=LONG_NAME),
    )
    clock(2023, 10, 17, 9)
    return forward_list(
        actor=cast.compiler,
        period=period,
        nominations=[tam, long],
        note="Phòng Nội vụ tổng hợp danh sách tháng 10/2023.",
    )


@pytest.fixture
def city_785(cast, clock):
    """The city's 785/BTĐKT-THHC of 12/9/2023 in its registry."""
    clock(2023, 9, 12, 9)
    draft = dispatches.dispatch_upload(
        actor=cast.city_officer,
        unit=cast.city,
        direction="outgoing",
        data=SEED_785.read_bytes(),
        filename=SEED_785.name,
    )
    fields = dispatches.fields_from_parsed(draft.parsed)
    fields.number, fields.document_date = "785/BTĐKT-THHC", dt.date(2023, 9, 12)
    return dispatches.dispatch_register(actor=cast.city_officer, dispatch=draft, fields=fields)


@pytest.fixture
def relay(cast, city_785, clock):
    """The district relays 785 to its two wards on 20/9/2023 (number not yet given)."""
    from dienhinh.cycles.services import ProgrammeSpec

    clock(2023, 9, 20, 9)
    return dispatches.dispatch_relay(
        actor=cast.compiler,
        parent=city_785,
        sender=cast.district,
        spec=RelaySpec(
            programme=ProgrammeSpec(
                title="Giới thiệu gương điển hình hằng tháng",
                cadence="monthly",
                starts_on=dt.date(2023, 9, 1),
                unit_relation="on",
                unit_day=15,
                forward_relation="on",
                forward_day=17,
            ),
            addressees=[cast.ward, cast.ward2],
            document_date=dt.date(2023, 9, 20),
        ),
    )
