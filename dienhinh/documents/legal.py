"""Which achievement-report template applies on a given day.

The templates of the báo cáo thành tích change with the decree that details Luật Thi đua,
khen thưởng. A report follows the one in force on its own date (the day the nomination was
first sent, or written if it was never sent), so a report of October 2023 keeps the 2017
structure while one of August 2025 follows the 2025 decree. One line per decree: adding the
next one is adding a line and its two template files (docs/documents.md).
"""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class LegalBasis:
    key: str  # names the template files: report_individual-<key>.docx
    decree: str
    starts_on: dt.date  # the first day it is in force


# Oldest first. The first one also covers every earlier day.
BASES = (
    LegalBasis("nd91-2017", "Nghị định số 91/2017/NĐ-CP ngày 31/7/2017", dt.date(2017, 7, 31)),
    LegalBasis("nd98-2023", "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023", dt.date(2023, 12, 31)),
    LegalBasis("nd152-2025", "Nghị định số 152/2025/NĐ-CP năm 2025", dt.date(2025, 7, 1)),
)


def basis_on(day: dt.date) -> LegalBasis:
    """The decree whose templates apply on `day`."""
    current = BASES[0]
    for basis in BASES:
        if basis.starts_on <= day:
            current = basis
    return current


def basis_by_key(key: str) -> LegalBasis | None:
    return next((b for b in BASES if b.key == key), None)
