"""From a dispatch's "Kính gửi" lines to the units of the tree they mean.

Addressees are written as categories ("Ủy ban nhân dân các phường", "Các phòng thuộc quận")
or as names ("UBND phường Hưng Đạo"). Categories become unit kinds among the sender's direct
children; names are matched by folded name anywhere below the sender. Each match keeps the
line that produced it, so the relay form can say why a unit is ticked.
"""

import datetime as dt
import re
from dataclasses import dataclass

from dienhinh.common.text import fold
from dienhinh.units.models import Unit, UnitKind
from dienhinh.units.selectors import unit_subtree

# Folded keyword → kinds it names when the line speaks of a category ("các …").
CATEGORY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"\bphuong\b", (UnitKind.WARD,)),
    (r"\bxa\b(?! hoi)", (UnitKind.COMMUNE,)),
    (r"\bdac khu\b", (UnitKind.SPECIAL_ZONE,)),
    (r"\bquan\b(?!,? (?:phuong|xa)\b)|\bhuyen\b|\bthi xa\b", (UnitKind.DISTRICT,)),
    (r"\bso\b|\bnganh\b", (UnitKind.DEPARTMENT, UnitKind.BOARD)),
    (r"\bban dang\b|\bcac ban\b(?! nganh)", (UnitKind.PARTY_BOARD, UnitKind.BOARD)),
    (r"\bphong\b", (UnitKind.OFFICE,)),
    (r"\bdoan the\b|\bmat tran\b|\bhoi\b", (UnitKind.MASS_ORGANISATION,)),
    (r"\bdon vi su nghiep\b|\bdon vi\b", (UnitKind.PUBLIC_SERVICE_UNIT,)),
    (r"\bdoanh nghiep\b", (UnitKind.ENTERPRISE,)),
)
PLURAL = re.compile(r"(^|\s)cac\s")
IGNORE = re.compile(r"^(nhu tren|luu\b)")


@dataclass(frozen=True)
class Match:
    unit: Unit
    line: str


def _strip_owner_words(line: str) -> str:
    """ "Các phòng thuộc quận" is about offices; "thuộc quận" only says whose."""
    return re.sub(r"\b(thuoc|cua|tren dia ban)\b.*$", "", line).strip()


def match_addressees(*, sender: Unit, recipients: list[str], on: dt.date) -> list[Match]:
    below = list(
        unit_subtree(unit=sender, on=on, include_self=False).only(
            "id", "name", "short_name", "kind", "parent_id", "path"
        )
    )
    children = [u for u in below if u.parent_id == sender.pk]
    found: dict[int, Match] = {}
    for line in recipients:
        folded = fold(line)
        if not folded or IGNORE.match(folded):
            continue
        if PLURAL.search(folded):
            category = _strip_owner_words(folded)
            kinds = {
                k for pattern, ks in CATEGORY_WORDS if re.search(pattern, category) for k in ks
            }
            for unit in children:
                if unit.kind in kinds:
                    found.setdefault(unit.pk, Match(unit, line))
            continue
        for unit in below:
            names = {fold(unit.name), fold(unit.short_name)} - {""}
            if any(name in folded or folded in name for name in names if len(name) > 4):
                found.setdefault(unit.pk, Match(unit, line))
    return sorted(found.values(), key=lambda m: m.unit.path)
