"""Reading a unit kind as people write it: our machine values, their English labels, and the
usual Vietnamese words, all compared folded ("Đơn vị sự nghiệp" = "don vi su nghiep")."""

import re

from dienhinh.common.text import fold

from ..models import UnitKind

_NOT_WORD = re.compile(r"[^a-z0-9]+")

# Vietnamese words → kind, compared folded; the first of each is shown as the example.
# "Thành phố" alone is a centrally-run city: since 1/7/2025 no other city has a level of its own.
VIETNAMESE_KINDS: dict[str, tuple[str, ...]] = {
    UnitKind.CENTRAL_BOARD: (
        "Ban Trung ương",
        "Trung ương",
        "Ban Thi đua - Khen thưởng Trung ương",
    ),
    UnitKind.MINISTRY: ("Bộ", "Bộ ngành", "Cơ quan ngang bộ"),
    UnitKind.PROVINCE: (
        "Tỉnh",
        "Thành phố",
        "Tỉnh/Thành phố",
        "Tỉnh thành",
        "Thành phố trung ương",
        "Thành phố trực thuộc trung ương",
    ),
    UnitKind.DEPARTMENT: ("Sở", "Sở ngành"),
    UnitKind.BOARD: ("Ban",),
    UnitKind.DISTRICT: ("Huyện", "Quận", "Thị xã", "Quận/Huyện", "Cấp huyện"),
    UnitKind.WARD: ("Phường",),
    UnitKind.COMMUNE: ("Xã",),
    UnitKind.SPECIAL_ZONE: ("Đặc khu",),
    UnitKind.OFFICE: ("Phòng", "Phòng ban", "Văn phòng"),
    UnitKind.PARTY_BOARD: ("Đảng ủy", "Đảng bộ", "Chi bộ", "Ban Đảng", "Tổ chức Đảng"),
    UnitKind.MASS_ORGANISATION: (
        "Đoàn thể",
        "Tổ chức đoàn thể",
        "Tổ chức chính trị - xã hội",
        "Mặt trận",
        "Mặt trận Tổ quốc",
        "Hội",
    ),
    UnitKind.PUBLIC_SERVICE_UNIT: ("Đơn vị sự nghiệp", "Đơn vị sự nghiệp công lập", "Sự nghiệp"),
    UnitKind.ENTERPRISE: ("Doanh nghiệp", "Công ty"),
}


def normalise_word(text: str) -> str:
    """Folded, with every run of punctuation, underscores or spaces made one space."""
    return _NOT_WORD.sub(" ", fold(text)).strip()


def _build_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for kind in UnitKind:
        lookup[normalise_word(kind.value)] = kind.value
    lookup["mass organization"] = UnitKind.MASS_ORGANISATION.value
    lookup["province centrally run city"] = UnitKind.PROVINCE.value
    lookup["city"] = UnitKind.PROVINCE.value
    for kind, words in VIETNAMESE_KINDS.items():
        for word in words:
            lookup[normalise_word(word)] = kind.value
    return lookup


KIND_LOOKUP = _build_lookup()


def parse_kind(text: str) -> str | None:
    """The UnitKind value `text` names, or None."""
    return KIND_LOOKUP.get(normalise_word(text))


def kind_examples() -> str:
    """A short list to show next to an unknown kind."""
    return ", ".join(
        f"{kind.value} ({VIETNAMESE_KINDS[kind][0]})" if kind in VIETNAMESE_KINDS else kind.value
        for kind in UnitKind
    )
