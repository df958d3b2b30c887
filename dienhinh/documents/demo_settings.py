"""The demo's document settings (dienhinh/demo/scenario.py calls `ensure_document_settings`):
what the seeds' own dispatches print — the city board's 785/BTĐKT-THHC signed by its head,
the district's …/UBND-NV signed TM. Ủy ban nhân dân by its chairman — and the same for the
wards, so every document of the demo can be drafted out of the box. Names are the seeds'
(illustrative for the wards). Idempotent: a unit that has settings keeps them."""

from dienhinh.units.models import Unit

from .models import DocumentSettings, SigningMode
from .services import SettingsSpec, settings_save

WARD_SIGNERS = [
    "Đỗ Văn Thành",
    "Ngô Thị Hằng",
    "Bùi Quang Vinh",
    "Phạm Thị Yến",
    "Hoàng Văn Khải",
    "Vũ Thị Nga",
    "Trần Minh Đức",
    "Lê Thị Phượng",
]


def _ward(unit: Unit, index: int, place: str) -> SettingsSpec:
    return SettingsSpec(
        body_name=f"ỦY BAN NHÂN DÂN\n{unit.name.upper()}",
        symbol="UBND-VHXH",
        place_name=place,
        drafting_office="Công chức Văn hóa - Xã hội",
        signing_mode=SigningMode.TM,
        authority="ỦY BAN NHÂN DÂN",
        signer_title="CHỦ TỊCH",
        signer_name=WARD_SIGNERS[index % len(WARD_SIGNERS)],
        filing="VT, VHXH",
    )


def demo_specs(tree: dict[str, Unit]) -> list[tuple[Unit, SettingsSpec]]:
    specs = [
        (
            tree["city"],
            SettingsSpec(
                parent_body="SỞ NỘI VỤ THÀNH PHỐ HẢI PHÒNG",
                body_name="BAN THI ĐUA - KHEN THƯỞNG",
                symbol="BTĐKT-THHC",
                place_name="Hải Phòng",
                drafting_office="Phòng Tổng hợp - Hành chính",
                signing_mode=SigningMode.DIRECT,
                signer_title="TRƯỞNG BAN",
                signer_name="Vũ Thị Hương",
                email="hdtckt@haiphong.gov.vn",
                filing="VT, THHC",
            ),
        ),
        (
            tree["city_board"],
            SettingsSpec(
                parent_body="SỞ NỘI VỤ THÀNH PHỐ HẢI PHÒNG",
                body_name="BAN THI ĐUA - KHEN THƯỞNG",
                symbol="BTĐKT-THHC",
                place_name="Hải Phòng",
                signing_mode=SigningMode.DIRECT,
                signer_title="TRƯỞNG BAN",
                signer_name="Vũ Thị Hương",
                email="hdtckt@haiphong.gov.vn",
                filing="VT, THHC",
            ),
        ),
        (
            tree["district"],
            SettingsSpec(
                body_name="ỦY BAN NHÂN DÂN\nQUẬN DƯƠNG KINH",
                symbol="UBND-NV",
                place_name="Dương Kinh",
                drafting_office="Phòng Nội vụ",
                signing_mode=SigningMode.TM,
                authority="ỦY BAN NHÂN DÂN",
                signer_title="CHỦ TỊCH",
                signer_name="Nguyễn Minh Phương",
                email="noivuduongkinh@gmail.com",
                filing="VT, NV",
            ),
        ),
    ]
    wards = [k for k in tree if tree[k].kind == "ward"]
    for index, key in enumerate(wards):
        unit = tree[key]
        place = unit.name.removeprefix("Phường ").strip()
        specs.append((unit, _ward(unit, index, place)))
    return specs


def ensure_document_settings(tree: dict[str, Unit]) -> None:
    done = set(DocumentSettings.objects.values_list("unit_id", flat=True))
    for unit, spec in demo_specs(tree):
        if unit.pk not in done:
            settings_save(actor=None, unit=unit, spec=spec, revision=None)
