"""The seeds' media at every level for the demo (dienhinh/demo/scenario.py): the wards'
loudspeakers and e-portals, the district's portal, the city's radio-TV, newspaper and
portal, and the central board's Đặc san, portal and general emulation site; then, unless
asked not to, the October 2023 stories told on them (illustrative dates and addresses).

Idempotent: outlets are looked up by unit and name; the stories are told once."""

import datetime as dt

from dienhinh.accounts.models import User
from dienhinh.nominations.models import Consent, Nomination
from dienhinh.nominations.publicity import consent_record
from dienhinh.units.models import Unit

from . import services
from .models import EditorialItem, Outlet, OutletKind
from .outlets import OutletSpec, outlet_create
from .publication import Publication, item_publish

K = OutletKind
CITY_OUTLETS = [
    (K.RADIO_TV, "Đài Phát thanh và Truyền hình Hải Phòng", "FM 93,7 MHz · THP", "thoisu@thp.vn"),
    (K.NEWSPAPER, "Báo Hải Phòng", "https://baohaiphong.vn", "toasoan@baohaiphong.vn"),
    (K.E_PORTAL, "Cổng thông tin điện tử thành phố Hải Phòng", "https://haiphong.gov.vn", ""),
]
CENTRAL_OUTLETS = [
    (
        K.PERIODICAL,
        "Đặc san Thi đua - Khen thưởng",
        "Ban Thi đua - Khen thưởng Trung ương",
        "dacsan@btdkt.gov.vn",
    ),
    (
        K.E_PORTAL,
        "Cổng Thông tin điện tử Ban Thi đua - Khen thưởng Trung ương",
        "https://thiduakhenthuong.gov.vn",
        "",
    ),
    (
        K.E_PORTAL,
        "Trang Thông tin điện tử tổng hợp Thi đua - Khen thưởng",
        "https://thiduakhenthuongvn.org.vn",
        "",
    ),
]


def _outlet(unit: Unit, kind: str, name: str, address: str = "", email: str = "") -> Outlet:
    found = Outlet.objects.filter(unit=unit, name=name).first()
    spec = OutletSpec(kind=kind, name=name, address=address, contact_email=email)
    return found or outlet_create(actor=None, unit=unit, spec=spec)


def ward_outlets(ward: Unit) -> tuple[Outlet, Outlet]:
    short = ward.name.replace("Phường ", "")
    loudspeakers = _outlet(
        ward, K.LOUDSPEAKER, f"Đài truyền thanh phường {short}", "Hệ thống loa của phường"
    )
    portal = _outlet(ward, K.E_PORTAL, f"Trang thông tin điện tử phường {short}")
    return loudspeakers, portal


def ensure_outlets(t: dict[str, Unit], wards: list[str]) -> dict[str, Outlet]:
    o: dict[str, Outlet] = {}
    for slug in wards:
        o[f"{slug}_loa"], o[f"{slug}_portal"] = ward_outlets(t[slug])
    o["district_portal"] = _outlet(
        t["district"],
        K.E_PORTAL,
        "Cổng thông tin điện tử quận Dương Kinh",
        "https://duongkinh.haiphong.gov.vn",
        "banbientap.duongkinh@haiphong.gov.vn",
    )
    for key, spec in zip(("city_radio", "city_paper", "city_portal"), CITY_OUTLETS, strict=True):
        o[key] = _outlet(t["city"], *spec)
    for key, spec in zip(
        ("dac_san", "central_portal", "central_site"), CENTRAL_OUTLETS, strict=True
    ):
        o[key] = _outlet(t["central"], *spec)
    return o


def tell_october_2023(t: dict[str, Unit], o: dict[str, Outlet]) -> None:
    """Hưng Đạo's story on the ward loudspeakers, the district portal and Báo Hải Phòng, as
    the demo's history (the people and the consent are illustrative)."""
    story = Nomination.objects.filter(unit=t["hungdao"], period__key="2023-10").first()
    if story is None or EditorialItem.objects.filter(stories__nomination=story).exists():
        return
    ward_officer, leader = _user("hungdao.baocao"), _user("hungdao.lanhdao")
    from dienhinh.demo.scenario import clock

    if not Consent.objects.filter(nomination=story).exists():
        with clock(2023, 10, 10, 8):
            consent_record(
                actor=ward_officer,
                nomination=story,
                given_by=story.full_name,
                given_on=dt.date(2023, 10, 9),
                channels=["loudspeaker", "portal", "newspaper", "radio_tv", "central"],
            )
    _tell(
        o["hungdao_loa"],
        story,
        ward_officer,
        leader,
        (2023, 10, 12, 8),
        Publication(dt.date(2023, 10, 12), air_time=dt.time(17, 30)),
    )
    _tell(
        o["district_portal"],
        story,
        _user("dk.baocao"),
        _user("dk.lanhdao"),
        (2023, 10, 18, 9),
        Publication(dt.date(2023, 10, 18), url="https://duongkinh.haiphong.gov.vn/guong-sang"),
    )
    _tell(
        o["city_paper"],
        story,
        _user("hp.canbo"),
        _user("hp.canbo"),
        (2023, 10, 24, 9),
        Publication(
            dt.date(2023, 10, 24),
            url="https://baohaiphong.vn/anh-tam-cuu-nguoi.html",
            issue_number="7.412",
            page="3",
        ),
    )


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _tell(outlet, story, editor, leader, when, publication: Publication) -> None:
    from dienhinh.demo.scenario import clock as replay

    with replay(*when):
        item = services.item_create(
            actor=editor, choice=services.Choice(outlet, [story], outlet.unit)
        )
        item = services.item_approve(actor=leader, item=item, revision=item.revision)
        item = services.item_schedule(
            actor=editor,
            item=item,
            revision=item.revision,
            on=publication.published_on,
            air_time=publication.air_time,
        )
        item_publish(actor=editor, item=item, revision=item.revision, publication=publication)
