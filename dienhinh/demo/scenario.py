"""The demo scenario: the tree the two seed dispatches of 2023 describe, then the
restructure of 1/7/2025, and one demo account per role at each level.

Idempotent: every unit is looked up before it is created (by official code when it has
one, else by name under its parent), every restructure is skipped once applied, and
accounts are created once. Running it twice leaves the database as after the first run.

The mapping of the six old wards of quận Dương Kinh into the new Phường Dương Kinh and
Phường Hưng Đạo is ILLUSTRATIVE; the new wards' names and codes are the official ones.
"""

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dienhinh.accounts.models import Membership, Role, User
from dienhinh.accounts.services import membership_grant
from dienhinh.archive.batching import batch_set_materials
from dienhinh.archive.sample_material import send_october_material
from dienhinh.common.dates import vn_date
from dienhinh.cycles.models import Period, Programme
from dienhinh.cycles.services import ProgrammeSpec, programme_create
from dienhinh.nominations.batches import batch_save
from dienhinh.nominations.models import Nomination
from dienhinh.nominations.workflow import (
    Content,
    nil_report_submit,
    nomination_accept,
    nomination_create,
    nomination_return,
    nomination_submit,
)
from dienhinh.units.models import Unit, UnitKind
from dienhinh.units.restructure import unit_dissolve, units_merge
from dienhinh.units.services import NewUnit, unit_create

K = UnitKind
OLD_START = dt.date(2008, 1, 1)  # quận Dương Kinh and its wards: Nghị định 145/2007/NĐ-CP
BODIES_START = dt.date(2000, 1, 1)
REFORM = dt.date(2025, 7, 1)
REFORM_BASIS = "Sắp xếp đơn vị hành chính năm 2025 (chính quyền địa phương hai cấp)"
ILLUSTRATIVE = "Minh họa: cách ghép phường cũ vào phường mới trong dữ liệu demo chỉ để minh họa."

OLD_WARDS = {
    "hungdao": "Phường Hưng Đạo",
    "anhdung": "Phường Anh Dũng",
    "haithanh": "Phường Hải Thành",
    "hoanghia": "Phường Hòa Nghĩa",
    "tanthanh": "Phường Tân Thành",
    "daphuc": "Phường Đa Phúc",
}
# Illustrative mapping: new ward (official name, official code) <- old wards.
NEW_WARDS = {
    ("Phường Dương Kinh", "11692", "pdk"): ["haithanh", "hoanghia", "tanthanh"],
    ("Phường Hưng Đạo", "11689", "phd"): ["hungdao", "anhdung", "daphuc"],
}


@dataclass
class DemoLogin:
    username: str
    role: str
    unit: str
    title: str


def _find_or_create(spec: NewUnit, *, on: dt.date) -> Unit:
    if spec.code:
        found = Unit.objects.filter(code=spec.code).order_by("-valid_from").first()
    else:
        found = Unit.objects.filter(name=spec.name, parent=spec.parent, kind=spec.kind).first()
    return found or unit_create(actor=None, spec=spec, valid_from=on, note="demo")


def _u(name, kind, parent=None, *, on=BODIES_START, **fields) -> Unit:
    return _find_or_create(NewUnit(name=name, kind=kind, parent=parent, **fields), on=on)


def build_tree() -> dict[str, Unit]:
    t: dict[str, Unit] = {}
    t["ministry"] = _u("Bộ Nội vụ", K.MINISTRY, short_name="Bộ Nội vụ", abbreviation="BNV")
    t["central"] = _u(
        "Ban Thi đua - Khen thưởng Trung ương",
        K.CENTRAL_BOARD,
        t["ministry"],
        short_name="Ban TĐKT Trung ương",
        abbreviation="BTĐKT",
    )
    t["city"] = _u(
        "Thành phố Hải Phòng",
        K.PROVINCE,
        t["central"],
        short_name="TP Hải Phòng",
        abbreviation="UBND",
        code="31",
    )
    t["dept_home"] = _u(
        "Sở Nội vụ thành phố Hải Phòng",
        K.DEPARTMENT,
        t["city"],
        short_name="Sở Nội vụ",
        abbreviation="SNV",
    )
    t["city_board"] = _u(
        "Ban Thi đua - Khen thưởng thành phố Hải Phòng",
        K.BOARD,
        t["dept_home"],
        short_name="Ban TĐKT thành phố",
        abbreviation="BTĐKT",
        emails=["hdtckt@haiphong.gov.vn"],
    )
    for name, short in [
        ("Sở Văn hóa, Thể thao và Du lịch thành phố Hải Phòng", "Sở VHTTDL"),
        ("Sở Giáo dục và Đào tạo thành phố Hải Phòng", "Sở GDĐT"),
        ("Sở Y tế thành phố Hải Phòng", "Sở Y tế"),
    ]:
        _u(name, K.DEPARTMENT, t["city"], short_name=short, abbreviation="S")
    _u("Thành đoàn Hải Phòng", K.MASS_ORGANISATION, t["city"], short_name="Thành đoàn")
    _u(
        "Đài Phát thanh và Truyền hình Hải Phòng",
        K.PUBLIC_SERVICE_UNIT,
        t["city"],
        short_name="THP",
    )
    t["hai_duong"] = _u(
        "Tỉnh Hải Dương",
        K.PROVINCE,
        t["central"],
        short_name="Hải Dương",
        abbreviation="UBND",
        code="30",
    )
    t["district"] = _u(
        "Ủy ban nhân dân quận Dương Kinh",
        K.DISTRICT,
        t["city"],
        on=OLD_START,
        short_name="Quận Dương Kinh",
        abbreviation="UBND",
    )
    d = t["district"]
    t["office_home"] = _u(
        "Phòng Nội vụ quận Dương Kinh",
        K.OFFICE,
        d,
        on=OLD_START,
        short_name="Phòng Nội vụ",
        abbreviation="NV",
        emails=["noivuduongkinh@gmail.com"],
    )
    for name, kind in [
        ("Phòng Văn hóa và Thông tin quận Dương Kinh", K.OFFICE),
        ("Phòng Giáo dục và Đào tạo quận Dương Kinh", K.OFFICE),
        ("Ban Tuyên giáo Quận ủy Dương Kinh", K.PARTY_BOARD),
        ("Ban Tổ chức Quận ủy Dương Kinh", K.PARTY_BOARD),
        ("Quận đoàn Dương Kinh", K.MASS_ORGANISATION),
        ("Hội Liên hiệp Phụ nữ quận Dương Kinh", K.MASS_ORGANISATION),
        ("Hội Cựu chiến binh quận Dương Kinh", K.MASS_ORGANISATION),
        ("Trung tâm Văn hóa - Thông tin và Thể thao quận Dương Kinh", K.PUBLIC_SERVICE_UNIT),
        ("Trung tâm Y tế quận Dương Kinh", K.PUBLIC_SERVICE_UNIT),
    ]:
        _u(name, kind, d, on=OLD_START)
    for slug, name in OLD_WARDS.items():
        t[slug] = _u(name, K.WARD, d, on=OLD_START, abbreviation="UBND")
    return t


def _reform_done() -> bool:
    return Unit.objects.filter(code="11692").exists()


def apply_reform(t: dict[str, Unit]) -> None:
    """1/7/2025: Hải Dương joins Hải Phòng, the district is dissolved, its wards merge."""
    if _reform_done():
        for (_name, code, slug), _olds in NEW_WARDS.items():
            t[slug] = Unit.objects.get(code=code, valid_to__isnull=True)
        return
    units_merge(
        actor=None,
        sources=[t["hai_duong"]],
        on=REFORM,
        into=t["city"],
        legal_basis="Nghị quyết 202/2025/QH15",
        note="Hợp nhất tỉnh Hải Dương vào TP Hải Phòng.",
    )
    for (name, code, slug), olds in NEW_WARDS.items():
        t[slug] = units_merge(
            actor=None,
            sources=[t[o] for o in olds],
            on=REFORM,
            legal_basis=REFORM_BASIS,
            note=ILLUSTRATIVE,
            new_unit=NewUnit(
                name=name, kind=K.WARD, parent=t["city"], code=code, abbreviation="UBND"
            ),
        )
    unit_dissolve(
        actor=None,
        unit=t["district"],
        on=REFORM,
        successor=t["city"],
        cascade=True,
        legal_basis=REFORM_BASIS,
        note="Không tổ chức cấp huyện; hồ sơ của quận do thành phố tiếp nhận.",
    )


def demo_accounts(t: dict[str, Unit]) -> list[tuple[str, str, str, str]]:
    """(username, unit key, role, position) for every demo account."""
    rows = [
        ("tw.canbo", "central", Role.BOARD_OFFICER, "Chuyên viên Ban TĐKT Trung ương"),
        ("tw.quantri", "central", Role.ADMINISTRATOR, "Quản trị hệ thống cấp Trung ương"),
        ("hp.canbo", "city", Role.BOARD_OFFICER, "Chuyên viên Ban TĐKT thành phố"),
        ("hp.tonghop", "city", Role.COMPILER, "Chuyên viên tổng hợp, Ban TĐKT thành phố"),
        ("hp.lanhdao", "city", Role.UNIT_LEADER, "Trưởng Ban TĐKT thành phố"),
        ("hp.baocao", "city", Role.REPORTER, "Văn phòng UBND thành phố"),
        ("hp.quantri", "city", Role.ADMINISTRATOR, "Quản trị hệ thống thành phố"),
        ("dk.tonghop", "district", Role.COMPILER, "Chuyên viên Phòng Nội vụ quận"),
        ("dk.lanhdao", "district", Role.UNIT_LEADER, "Chủ tịch UBND quận"),
        ("dk.baocao", "district", Role.REPORTER, "Văn phòng HĐND và UBND quận"),
        ("dk.quantri", "district", Role.ADMINISTRATOR, "Quản trị hệ thống quận"),
    ]
    for slug in OLD_WARDS:
        rows.append((f"{slug}.baocao", slug, Role.REPORTER, "Công chức Văn hóa - Xã hội"))
        rows.append((f"{slug}.lanhdao", slug, Role.UNIT_LEADER, "Chủ tịch UBND phường"))
    for (_name, _code, slug), _olds in NEW_WARDS.items():
        rows.append((f"{slug}.baocao", slug, Role.REPORTER, "Công chức Văn hóa - Xã hội"))
        rows.append((f"{slug}.lanhdao", slug, Role.UNIT_LEADER, "Chủ tịch UBND phường"))
    return rows


# Illustrative people: the demo accounts get names, so pages greet a person, not a post.
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
GIVEN = [
    "Thị Lan",
    "Văn Hùng",
    "Thị Hạnh",
    "Minh Tuấn",
    "Thu Trang",
    "Đức Anh",
    "Thị Mai",
    "Quang Huy",
    "Ngọc Ánh",
    "Văn Long",
    "Thị Thu",
    "Hoàng Nam",
    "Thanh Hương",
]


def demo_name(index: int) -> str:
    return f"{FAMILY[index % len(FAMILY)]} {GIVEN[index % len(GIVEN)]}"


def ensure_accounts(t: dict[str, Unit]) -> list[DemoLogin]:
    """Every demo account whose unit exists by now, with its role held since the unit began
    (the old district's and wards' roles end with them on 1/7/2025)."""
    # Hash the shared demo password once: hashing is deliberately slow, 29 times is seconds.
    password = make_password(settings.DIENHINH_DEMO_PASSWORD)
    logins = []
    if not User.objects.filter(username="admin").exists():
        User.objects.create(
            username="admin",
            email="admin@dienhinh.local",
            password=password,
            full_name="Quản trị hệ thống",
            is_staff=True,
            is_superuser=True,
        )
    logins.append(DemoLogin("admin", _("System administrator"), "—", "Quản trị toàn hệ thống"))
    for index, (username, key, role, title) in enumerate(demo_accounts(t)):
        if key not in t:
            continue  # a new ward, created by the restructure: its accounts come after it
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create(
                username=username,
                email=f"{username}@dienhinh.local",
                password=password,
                full_name=demo_name(index),
            )
        unit = Unit.objects.get(pk=t[key].pk)  # the copy in `t` may predate the restructure
        if not Membership.objects.filter(user=user, unit=unit, role=role).exists():
            membership_grant(
                actor=None,
                user=user,
                unit=unit,
                role=role,
                title=title,
                valid_from=unit.valid_from,
            )
        where = (
            unit.name
            if unit.is_current
            else _("%(unit)s (until %(day)s)") % {"unit": unit.name, "day": vn_date(unit.valid_to)}
        )
        logins.append(DemoLogin(username, Role(role).label, where, title))
    return logins


ICT = dt.timezone(dt.timedelta(hours=7))


@contextmanager
def clock(*when):
    """Replay an action at a past moment (Việt Nam time): the services and the audit log
    record it then, as it happened in the seeds' month."""
    moment = dt.datetime(*when, tzinfo=ICT).astimezone(dt.UTC)
    with mock.patch.object(timezone, "now", lambda: moment):
        yield


def replay_seed_month(t: dict[str, Unit]) -> None:
    """October 2023 in quận Dương Kinh, as the seeds describe it (illustrative people):
    wards send on or before the 15th, one a day late, one has nothing, one sends nothing;
    the district returns one, accepts the rest and forwards on the 17th."""
    period = Period.objects.get(programme__owner=t["district"], key="2023-10")
    if Nomination.objects.filter(period=period).exists():
        return
    compiler = User.objects.get(username="dk.tonghop")

    def send(slug, when, headline, name, story):
        reporter = User.objects.get(username=f"{slug}.baocao")
        with clock(*when):
            nomination = nomination_create(
                actor=reporter,
                unit=t[slug],
                period=period,
                content=Content(
                    headline=headline, full_name=name, story=story, birth_year=1960 + len(name)
                ),
            )
            return nomination_submit(
                actor=reporter, nomination=nomination, revision=nomination.revision
            )

    sent = [
        send(
            "hungdao",
            (2023, 10, 9, 9),
            "Anh Tâm cứu hai em nhỏ đuối nước",
            "Nguyễn Văn Tâm",
            "Anh Tâm đã lao xuống sông cứu hai em nhỏ bị đuối nước.",
        ),
        send(
            "daphuc",
            (2023, 10, 13, 10),
            "Chị Hoa trả lại của rơi",
            "Lê Thị Hoa",
            "Chị Hoa nhặt được ví tiền và trả lại cho người đánh rơi.",
        ),
        send(
            "tanthanh",
            (2023, 10, 16, 8),
            "Tổ dân phố tự quản kiểu mẫu",
            "Trần Văn Quý",
            "Ông Quý vận động tổ dân phố giữ gìn vệ sinh, an ninh.",
        ),
    ]
    returned = send(
        "hoanghia",
        (2023, 10, 14, 15),
        "Cựu chiến binh giúp người nghèo",
        "Phạm Văn Lực",
        "Ông Lực giúp nhiều hộ nghèo sửa nhà.",
    )
    with clock(2023, 10, 12, 16):
        nil_report_submit(
            actor=User.objects.get(username="haithanh.baocao"),
            unit=t["haithanh"],
            period=period,
            reason="Tháng này phường chưa có gương mới để giới thiệu.",
        )
    # Photos of the month's activities come with the lists (dienhinh/archive/).
    material = send_october_material(t, period, clock)
    with clock(2023, 10, 17, 9):
        nomination_return(
            actor=compiler,
            nomination=returned,
            revision=returned.revision,
            reason="Bổ sung ảnh và quá trình công tác.",
        )
        accepted = [
            nomination_accept(actor=compiler, nomination=n, revision=n.revision) for n in sent
        ]
        batch_save(
            actor=compiler,
            period=period,
            revision=0,
            nominations=accepted,
            note="Phòng Nội vụ tổng hợp danh sách tháng 10/2023.",
            forward=True,
            also=lambda batch: batch_set_materials(
                actor=compiler, batch=batch, materials=material[1:4]
            ),
        )
    publish_seed_example(t, accepted[0], material[1])


def publish_seed_example(t: dict[str, Unit], nomination, ward_photo) -> None:
    """Anh Tâm's consent to be told everywhere, recorded by the ward (the stories themselves
    are told by ensure_media), and the district's own copy of the ward's award photo."""
    from dienhinh.archive.sample_material import picture
    from dienhinh.archive.services import MaterialDetails, material_send
    from dienhinh.nominations.publicity import consent_record

    with clock(2023, 10, 10, 8):
        consent_record(
            actor=User.objects.get(username="hungdao.baocao"),
            nomination=nomination,
            given_by="Nguyễn Văn Tâm",
            given_on=dt.date(2023, 10, 9),
            channels=["loudspeaker", "portal", "newspaper", "radio_tv", "central"],
        )
    city_period = Period.objects.get(programme__owner=t["city"], key="2023-10")
    with clock(2023, 10, 14, 11):
        material_send(
            actor=User.objects.get(username="dk.baocao"),
            unit=t["district"],
            period=city_period,
            upload=SimpleUploadedFile("trao-giay-khen.jpg", picture(1, ward_photo.title)),
            details=MaterialDetails(
                title="Phường Hưng Đạo trao giấy khen",
                taken_on=ward_photo.taken_on,
                caption=ward_photo.caption,
                credit="Văn phòng HĐND và UBND quận",
            ),
        )


CITY_KINDS = [
    K.DEPARTMENT,
    K.DISTRICT,
    K.MASS_ORGANISATION,
    K.PUBLIC_SERVICE_UNIT,
    K.WARD,
    K.COMMUNE,
    K.SPECIAL_ZONE,
]
DISTRICT_KINDS = [K.OFFICE, K.PARTY_BOARD, K.MASS_ORGANISATION, K.PUBLIC_SERVICE_UNIT, K.WARD]


def ensure_programmes(t: dict[str, Unit]) -> None:
    """The seeds' chain of programmes: the central board's 2306/BTĐKT-TTTT-TT (provinces
    before the 20th), the city's relay of it, 785/BTĐKT-THHC (units before the 15th, each
    example with photos), and the district's relay of that (units on the 15th, the district
    forwards on the 17th, as the seed says, after the city's deadline). Since 1/7/2025 the
    new wards report to the city."""
    if Programme.objects.filter(owner=t["city"]).exists():
        return
    central = programme_create(
        actor=None,
        owner=t["central"],
        spec=ProgrammeSpec(
            title="Giới thiệu gương điển hình tiên tiến trên Đặc san và Cổng thông tin",
            legal_basis="Công văn 2306/BTĐKT-TTTT-TT ngày 22/8/2023",
            cadence="monthly",
            starts_on=dt.date(2023, 9, 1),
            quota=1,
            expected_kinds=[K.PROVINCE],
            unit_relation="before",
            unit_day=20,
        ),
    )
    city = programme_create(
        actor=None,
        owner=t["city"],
        spec=ProgrammeSpec(
            title="Giới thiệu gương điển hình tiên tiến, người tốt việc tốt hằng tháng",
            legal_basis="Công văn 785/BTĐKT-THHC ngày 12/9/2023 (thực hiện Công văn "
            "2306/BTĐKT-TTTT-TT ngày 22/8/2023)",
            parent=central,
            cadence="monthly",
            starts_on=dt.date(2023, 9, 1),
            quota=1,
            expected_kinds=CITY_KINDS,
            unit_relation="before",
            unit_day=15,
            forward_relation="before",
            forward_day=20,
            expects_photos=True,
        ),
    )
    programme_create(
        actor=None,
        owner=t["district"],
        spec=ProgrammeSpec(
            title="Giới thiệu gương điển hình hằng tháng của quận Dương Kinh",
            legal_basis="Công văn .../UBND-NV tháng 9/2023 của UBND quận Dương Kinh",
            parent=city,
            cadence="monthly",
            starts_on=dt.date(2023, 9, 1),
            ends_on=REFORM - dt.timedelta(days=1),
            quota=1,
            expected_kinds=DISTRICT_KINDS,
            unit_relation="on",
            unit_day=15,
            forward_relation="on",
            forward_day=17,
        ),
    )


def ensure_dispatches(t: dict[str, Unit]) -> None:
    """The two seeds in the registries, read by the parser as a user's upload would be: the
    city's 785/BTĐKT-THHC (its number and date come from the register, the text leaves them
    blank) and the district's relay of it, each linked to its programme."""
    from dienhinh.dispatches import services as dispatches
    from dienhinh.dispatches.models import Dispatch

    if Dispatch.objects.filter(unit=t["city"]).exists():
        return
    samples = Path(dispatches.__file__).resolve().parent / "samples"
    city_programme = Programme.objects.get(owner=t["city"])
    district_programme = Programme.objects.get(owner=t["district"])
    with clock(2023, 9, 12, 9):
        city = _register_sample(
            samples / "city-785-BTDKT-THHC.txt",
            unit=t["city"],
            number="785/BTĐKT-THHC",
            date=dt.date(2023, 9, 12),
        )
        dispatches.dispatch_link_programme(actor=None, dispatch=city, programme=city_programme)
        city.addressee_units.set(
            Unit.objects.filter(parent=t["city"], valid_from__lte=city.document_date)
        )
    with clock(2023, 9, 20, 9):
        district = _register_sample(
            samples / "district-UBND-NV-duong-kinh.txt",
            unit=t["district"],
            number="",  # left blank in the text, as in the seed
            date=dt.date(2023, 9, 20),
        )
        dispatches.dispatch_link_programme(
            actor=None, dispatch=district, programme=district_programme, parent=city
        )


def _register_sample(path: Path, *, unit: Unit, number: str, date: dt.date):
    from dienhinh.dispatches import services as dispatches

    draft = dispatches.dispatch_upload(
        actor=None, unit=unit, direction="outgoing", data=path.read_bytes(), filename=path.name
    )
    fields = dispatches.fields_from_parsed(draft.parsed)
    fields.number, fields.document_date = number, date
    return dispatches.dispatch_register(actor=None, dispatch=draft, fields=fields)


def ensure_media(t: dict[str, Unit], *, tell: bool):
    """The seeds' outlets at every level and, if `tell`, the October 2023 stories told on
    them (dienhinh/publishing/demo.py)."""
    from dienhinh.publishing.demo import ensure_outlets, tell_october_2023

    wards = [*OLD_WARDS, *(slug for (_n, _c, slug) in NEW_WARDS)]
    outlets = ensure_outlets(t, wards)
    if tell:
        tell_october_2023(t, outlets)
    return outlets


@transaction.atomic
def load_demo(*, replay: bool = True, publishing: bool = True) -> list[DemoLogin]:
    """The tree, the restructure, the accounts, the programmes, the media outlets and,
    unless `replay` is false (tests that play the month themselves), October 2023 as it
    happened; `publishing` false leaves that month's stories untold on the media."""
    tree = build_tree()
    ensure_accounts(tree)  # the roles of 2023, ended by the restructure below
    apply_reform(tree)
    logins = ensure_accounts(tree)
    ensure_programmes(tree)
    ensure_dispatches(tree)
    from dienhinh.documents.demo_settings import ensure_document_settings

    ensure_document_settings(tree)
    if replay:
        replay_seed_month(tree)
    ensure_media(tree, tell=replay and publishing)
    if replay:
        from .today import play_today

        play_today(tree)
    return logins
