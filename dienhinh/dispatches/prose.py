"""The dispatch a text reports in running prose, when it has no header of its own.

Provincial portals publish dispatches as news: "Ngày 12/3/2024, Thường trực Hội đồng Thi đua -
Khen thưởng tỉnh đã ban hành Công văn số 45/HĐTĐKT-TT về việc …", a title line "Công văn
118/SNV-TĐKT ngày 05/02/2024 về việc …", or a source note "(Nguồn công văn số 2983/UBND-VP -
22/09/2020)". Every document mention is a candidate; each is scored by what surrounds it (an
issuing verb before it, the first line, a source note: the text's own; "thực hiện", "căn cứ",
"theo", "của" around it: a citation), and the best one above the bar is the text's own. Its
number, date, issuer and subject are read from the same sentence; what the sentence does not
give stays empty.
"""

import datetime as dt
import re
from dataclasses import dataclass

from .textview import TextView

KIND = (
    r"(?:cong van|van ban|quyet dinh|ke hoach|thong bao|huong dan|chi thi|chuong trinh"
    r"(?: phoi hop)?|ket luan|nghi quyet|cv)"
)
NUMBER = r"\d+(?:-[a-z]+)?(?:\s*/\s*[a-z0-9.]+)+(?:\s*-\s*[a-z][a-z0-9.]*)*"
DATE = r"(?P<{p}d>\d{{1,2}})\s*[/.-]\s*(?P<{p}m>\d{{1,2}})\s*[/.-]\s*(?P<{p}y>\d{{4}})"
MENTION = re.compile(
    r"\b" + KIND + r"\s+(?:so\s*:?\s*)?(?P<num>" + NUMBER + r")"
    r"(?:\s*(?:,\s*)?(?:ngay\s+|-\s*)" + DATE.format(p="a") + r")?"
)
ISSUING = re.compile(
    r"(?:ban hanh|da ban hanh|vua ban hanh|vua co|da co|\bco|phat di|vua phat di)\s*$"
)
CITING = re.compile(r"\b(?:thuc hien|can cu|theo|trien khai|tai cac van ban|cua)\s*[^,;.]{0,25}$")
LEAD_DATE = re.compile(r"ngay\s+" + DATE.format(p="b") + r"\s*,?\s*$")
SUBJECT = re.compile(r"\s*,?\s*(?:ve viec|v/v|ve)\s+")
SUBJECT_MAX = 400
BAR = 2


@dataclass
class Reported:
    number: str
    date: str | None
    issuer: str | None
    subject: str | None
    span: list[int]


def _iso(day, month, year) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except (TypeError, ValueError):
        return None


def _line_start(text: str, position: int) -> int:
    return text.rfind("\n", 0, position) + 1


def _score(view: TextView, match: re.Match) -> int:
    text = view.ftext
    start = match.start()
    line_start = _line_start(text, start)
    before = text[max(line_start, start - 160) : start]
    score = 0
    issuing = bool(ISSUING.search(before))
    if issuing:
        score += 3
    if start == line_start and text[:line_start].strip() == "":
        score += 3  # the first line: a title "Công văn … ngày … về việc …"
    if re.search(r"\(\s*nguon\s*$", before):
        score += 3
    if not issuing and CITING.search(before):
        score -= 2
    return score


def _issuer(view: TextView, match: re.Match) -> tuple[str | None, str | None]:
    """(issuer, date) from the clause before an issuing verb: "Ngày D, <issuer> đã ban hành"."""
    text = view.ftext
    start = match.start()
    ends = [(text.rfind(sep, 0, start), len(sep)) for sep in (". ", "; ", "\n")]
    clause_start = max([found + size for found, size in ends if found != -1] or [0])
    verb = ISSUING.search(text, clause_start, start)
    if not verb:
        return None, None
    head = text[clause_start : verb.start()]
    date = None
    lead = list(re.finditer(r"ngay\s+" + DATE.format(p="b") + r"\s*,?\s*", head))
    if lead:
        found = lead[-1]
        date = _iso(found.group("bd"), found.group("bm"), found.group("by"))
        org_start = clause_start + found.end()
    else:
        org_start = clause_start
    comma = head.rfind(", ", org_start - clause_start)
    if comma != -1 and not lead:
        org_start = clause_start + comma + 2
    issuer = view.text[org_start : verb.start()].strip(" ,")
    issuer = re.sub(r"\s+(?:da|vua)$", "", issuer) if issuer.isascii() else issuer
    issuer = re.sub(r"\s+(?:đã|vừa)$", "", issuer).strip(" ,")
    if not issuer or len(issuer.split()) > 12 or not issuer[:1].isupper():
        issuer = None
    return issuer, date


def _sentence_from(text: str, start: int) -> str | None:
    """From `start` to the end of the sentence: a full stop, a blank line, or a line break
    before a capital (a new line of its own, not a sentence wrapped by a scan or a PDF)."""
    end = start
    limit = min(len(text), start + SUBJECT_MAX)
    while end < limit:
        char = text[end]
        if char == "." and (end + 1 == len(text) or text[end + 1].isspace()):
            break
        if char == "\n":
            rest = text[end + 1 : end + 3].lstrip(" \t")
            if not rest or rest[0] == "\n" or not rest[0].islower():
                break
        end += 1
    value = " ".join(text[start:end].split()).rstrip(".;,")
    return value if len(value) >= 5 else None


def reported(view: TextView) -> Reported | None:
    best, best_score = None, BAR
    for match in MENTION.finditer(view.ftext):
        score = _score(view, match)
        if score > best_score:
            best, best_score = match, score
    if best is None:
        return None
    number = re.sub(r"\s+", "", view.text[best.start("num") : best.end("num")])
    date = _iso(best.group("ad"), best.group("am"), best.group("ay"))
    issuer, lead_date = _issuer(view, best)
    subject = None
    after = SUBJECT.match(view.ftext, best.end())
    if after:
        subject = _sentence_from(view.text, after.end())
    return Reported(
        number=number,
        date=date or lead_date,
        issuer=issuer,
        subject=" ".join(subject.split()) if subject else None,
        span=[best.start(), best.end()],
    )
