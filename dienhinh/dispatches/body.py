"""What a dispatch asks for: cited documents, whether it asks for examples, how often, how
many, by when and to whom, which e-mail addresses and which media.

All patterns run on `view.folded` (flat, lower-case, no diacritics), so they hold for
broken lines and for OCR text without diacritics; values are cut from `view.flat` at the same
offsets and spans are mapped back to `view.text`.
"""

import datetime as dt
import re

from dienhinh.common.email_typos import check_email

from .textview import TextView

DOC_KINDS = (
    r"cong van|van ban|ke hoach|quyet dinh|huong dan|thong bao|nghi dinh|thong tu|chi thi|"
    r"nghi quyet|to trinh|cv|chuong trinh phoi hop|chuong trinh|ket luan"
)
# "785/BTĐKT-THHC", "05-CT/TW", "02/CTPH-MTTQ-BTĐKT"; a hyphen continues the symbol only
# before a letter ("2983/UBND-VP - 22/09/2020": the date is not part of it).
NUMBER = r"\d+(?:-[a-z]+)?(?:\s*/\s*[a-z0-9.]+)+(?:\s*-\s*[a-z][a-z0-9.]*)*"
SLASH_DATE = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
WORD_DATE = r"(?P<d2>\d{1,2})\s+thang\s+(?P<m2>\d{1,2})\s+nam\s+(?P<y2>\d{4})"
REFERENCE = re.compile(
    r"\b(?:" + DOC_KINDS + r")\s+(?:so\s*:?\s*)?(?P<num>" + NUMBER + r")"
    r"(?:\s*,?\s*ngay\s+(?:" + SLASH_DATE + r"|" + WORD_DATE + r"))?"
    r"(?:\s+cua\s+(?P<issuer>[^.;,()\"]{2,120}?)(?=\s+(?:ve viec|v/v|ve|de nghi|kinh|da|"
    r"trong do|theo do|tai)\b|\s*[.;,()\"]|$))?"
)
ORG_HEAD = (
    r"(?:ban|uy ban|ubnd|so|phong|van phong|hoi|lien doan|doan|bo|cuc|trung tam|dang uy|"
    r"mat tran|thuong truc|co quan|hoi dong|cac don vi|cac co quan|cac phong|ubnd cac|"
    r"uy ban nhan dan cac|bo phan|to|cac|tinh doan|thanh doan|huyen doan)\b"
)
EXAMPLE_NOUN = (
    r"(?:guong|tam guong|nguoi tot,? viec tot|nhan to dien hinh|nhan to moi|dien hinh tien tien|"
    r"dien hinh tieu bieu|ca nhan,? tap the tieu bieu|tap the,? ca nhan tieu bieu|"
    r"tap the hoac ca nhan tieu bieu|tap the (?:hoac|va) (?:\d{1,2} )?ca nhan)"
)
ASK_VERB = r"(?:gioi thieu|lua chon|de xuat|phat hien|cung cap|gui ve|bao cao thanh tich|gui)"


def _iso(day, month, year) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except (TypeError, ValueError):
        return None


def _squeeze(value: str) -> str:
    return re.sub(r"\s+", "", value)


def references(view: TextView, own_number: str | None):
    found, spans, seen = [], [], set()
    for match in REFERENCE.finditer(view.folded):
        num = _squeeze(view.flat[match.start("num") : match.end("num")]).rstrip(".")
        if not re.search(r"[^\d/]", num):  # "số 1/2" is a count, not a document
            continue
        key = num.casefold()
        if key in seen or (own_number and key == own_number.casefold()):
            continue
        seen.add(key)
        date = _iso(match.group("d"), match.group("m"), match.group("y")) or _iso(
            match.group("d2"), match.group("m2"), match.group("y2")
        )
        issuer = None
        if match.group("issuer"):
            issuer = view.flat_value(match.start("issuer"), match.end("issuer")) or None
        found.append({"number": num, "date": date, "issuer": issuer})
        spans.append(view.to_text(match.start(), match.end()))
    return found, spans


# An ask is addressed: its sentence requests, assigns or sets a rhythm.
REQUEST = re.compile(
    r"\b(?:de nghi|yeu cau|giao|hang (?:thang|quy|nam)|moi \w+|dinh ky|kinh gui|tran trong|"
    r"cac (?:don vi|co quan|so|phong|xa|dia phuong))\b"
)
ASK = re.compile(ASK_VERB + r"\b(?P<gap>[^.;]{0,140}?)\b" + EXAMPLE_NOUN + r"\b")


def ask_sentences(view: TextView) -> list[re.Match]:
    """Places where the dispatch asks its addressees for examples."""
    asks = []
    for match in ASK.finditer(view.folded):
        # "giới thiệu đại biểu là điển hình tiên tiến dự Đại hội" asks for delegates
        if re.search(r"dai bieu|tham du|du hoi nghi|du dai hoi|khen thuong", match.group("gap")):
            continue
        start, end = _sentence(view, match.start())
        if not REQUEST.search(view.folded, start, end):
            continue  # "họp báo giới thiệu Lễ tuyên dương … Gương mặt trẻ": a report, not an ask
        asks.append(match)
    return asks


def _sentence(view: TextView, position: int) -> tuple[int, int]:
    """The sentence (or clause, up to "; ") around `position`, at most `SENTENCE_REACH`
    characters either side: a text without full stops is not one sentence to rescan for
    every deadline (that made reading quadratic in the length)."""
    start, end = view.sentence_at(position)
    if start < position - SENTENCE_REACH:  # cut at a word's start, not inside a word
        space = view.folded.find(" ", position - SENTENCE_REACH, position)
        start = space + 1 if space != -1 else position
    return start, min(end, position + SENTENCE_REACH)


SENTENCE_REACH = 500


QUOTA_PATTERNS = (
    (r"\btu\s+(?P<min>\d{1,2})\s+[^.;\d]{1,80}?\s+tro len\b", "min"),
    (
        r"(?:gioi thieu|lua chon|de xuat)\s+(?P<min>\d{1,2})\s+tap the\s+(?:hoac|va)\s+\d{1,2}\s",
        "exact",
    ),
    (r"(?:tu\s+)?(?P<min>\d{1,2})\s*(?:-|–|—|den)\s*(?P<max>\d{1,2})\s+(?=\D)", "range"),
    (r"(?:toi thieu|it nhat)\s*(?:la\s+)?(?P<min>\d{1,2})\b", "min"),
    (r"(?:khong qua|toi da)\s*(?:la\s+)?(?P<max>\d{1,2})\b", "max"),
    (r"(?:gioi thieu|lua chon|de xuat)\s+(?P<min>\d{1,2})\s+(?=[a-z])", "exact"),
)


def quota(view: TextView, asks: list[re.Match]):
    for ask in asks:
        start, end = _sentence(view, ask.start())
        window = view.folded[start:end]
        for pattern, kind in QUOTA_PATTERNS:
            match = re.search(pattern, window)
            if not match:
                continue
            low = int(match.group("min")) if "min" in match.groupdict() else None
            high = int(match.group("max")) if "max" in match.groupdict() else None
            if kind == "exact":
                high = low
            if (low is not None and low < 1) or (low and high and high < low):
                continue
            span = view.to_text(start + match.start(), start + match.end())
            return {"min": low, "max": high}, span
    return None, None


RELATION = (
    r"(?P<rel>truoc ngay|vao ngay|cham nhat (?:la )?(?:vao )?(?:truoc )?ngay|han cuoi (?:la )?"
    r"(?:ngay )?|han chot (?:la )?(?:ngay )?|trong ngay|truoc|ngay)"
)
RECUR = (
    r"(?:(?P<month_word>\s*(?:cua\s+)?(?:hang|moi)\s+thang|\s+(?:cua\s+)?thang\s+(?:hang|moi))"
    r"|(?P<quarter>\s+(?:cua\s+)?thang\s+cuoi\s+(?:cua\s+|moi\s+|hang\s+)?quy)"
    r"|\s*(?:thang\s*|/\s*)(?P<ym>\d{1,2})\s+(?:cua\s+)?(?:hang|moi)\s+nam"
    r"|\s*(?:/\s*|-\s*)(?P<dm>\d{1,2})\s*[/.-]\s*(?P<dy>\d{4})"
    r"|\s+thang\s+(?P<wm>\d{1,2})\s*(?:,\s*)?nam\s+(?P<wy>\d{4}))"
)
DEADLINE = re.compile(r"\b" + RELATION + r"\s*(?P<day>\d{1,2})" + RECUR)
SEND_TO = re.compile(
    r"\b(?:gui ve|gui|nop ve|nop|bao cao ve|bao cao|chuyen ve|ve)\s+(?P<to>" + ORG_HEAD + r")"
)
SENDER = re.compile(
    r"^(?P<from>" + ORG_HEAD + r"[^;:]{0,80}?)\s+(?:co trach nhiem|tong hop|"
    r"gui|bao cao|nop|chu tri|thuc hien)\b"
)


def deadlines(view: TextView):
    found, spans = [], []
    for match in DEADLINE.finditer(view.folded):
        rel = match.group("rel")
        relation = "before" if "truoc" in rel else "on"
        day = int(match.group("day"))
        item = {"relation": relation, "day": day, "month": None, "in": None, "date": None}
        if match.group("month_word"):
            item["in"] = "month"
        elif match.group("quarter"):
            item["in"] = "last_month_of_quarter"
        elif match.group("ym"):
            item.update({"in": "year", "month": int(match.group("ym"))})
        else:
            if rel == "ngay":  # a bare "ngày 5/3/2024" is a date mention, not a deadline
                continue
            date = _iso(
                day, match.group("dm") or match.group("wm"), match.group("dy") or match.group("wy")
            )
            if date is None:
                continue
            item.update({"in": "date", "date": date})
        if not 1 <= day <= 31 or (item["month"] is not None and not 1 <= item["month"] <= 12):
            continue
        item["text"] = view.flat_value(match.start(), match.end())
        item["from"], item["to"] = _parties(view, match.start(), match.end())
        found.append(
            {k: item[k] for k in ("text", "relation", "day", "month", "in", "date", "from", "to")}
        )
        spans.append(view.to_text(match.start(), match.end()))
    return found, spans


def _org_phrase(view: TextView, start: int, limit: int) -> str | None:
    """An organisation's name from `start`, up to the deadline or the end of the clause."""
    window = view.folded[start:limit]
    cut = re.search(
        r",|;|\s(?:de|dong thoi|qua hom thu|qua email|truoc|vao|cham nhat|theo)\s", window
    )
    end = start + (cut.start() if cut else len(window))
    value = view.flat_value(start, end).rstrip(" ,;.")
    return value if value and len(value.split()) <= 14 else None


def _parties(view: TextView, start: int, end: int) -> tuple[str | None, str | None]:
    clause_start, clause_end = _sentence(view, start)
    before = view.folded[clause_start:start]
    to = None
    sends = list(SEND_TO.finditer(before))
    if sends:
        to = _org_phrase(view, clause_start + sends[-1].start("to"), start)
    else:
        after = SEND_TO.search(view.folded, end, clause_end)
        if after:
            to = _org_phrase(view, after.start("to"), clause_end)
    sender = None
    clause = view.folded[clause_start:clause_end]
    head = SENDER.match(clause)
    if head and head.start("from") < start - clause_start:
        sender = view.flat_value(clause_start, clause_start + head.end("from")) or None
    return sender, to


def cadence(view: TextView, found_deadlines: list[dict], asks: list[re.Match]) -> str | None:
    by_anchor = {"month": "monthly", "last_month_of_quarter": "quarterly", "year": "yearly"}
    for item in found_deadlines:
        if item["in"] in by_anchor:
            return by_anchor[item["in"]]
    if found_deadlines:
        return "once"
    for ask in asks:
        start, end = _sentence(view, ask.start())
        window = view.folded[start:end]
        if re.search(r"(?:hang|moi|dinh ky)\s+thang", window):
            return "monthly"
        if re.search(r"(?:hang|moi|theo|dinh ky|dinh ky hang)\s+quy", window):
            return "quarterly"
        if re.search(r"(?:hang|moi)\s+nam", window):
            return "yearly"
    return None


# The local part starts where a run of the characters it may hold starts (the look-behind),
# and every part is bounded, so a long run of "-" or "." is tried once, not at each character.
EMAIL = re.compile(
    r"(?<![a-z0-9._%+-])[a-z0-9][a-z0-9._%+-]{0,63}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}",
    re.I,
)


def emails(view: TextView):
    found, spans, seen = [], [], set()
    for match in EMAIL.finditer(view.flat):
        address = match.group().rstrip(".").lower()
        if address in seen:
            continue
        seen.add(address)
        check = check_email(address)
        found.append(
            {
                "address": address,
                "suspect": check.suspect,
                "suggestion": check.suggestion,
                "corrected": check.corrected,
            }
        )
        spans.append(view.to_text(match.start(), match.start() + len(address)))
    return found, spans


# Where a channel's name starts (folded). "báo" is checked against the written capital.
CHANNEL_START = (
    r"dai phat thanh|dai truyen hinh|dai truyen thanh|dai pt|dai tieng noi|"
    r"bao va phat thanh|bao\s|dac san|tap chi|ban tin|cong thong tin|trang thong tin|"
    r"trang tin|he thong truyen thanh|he thong loa|loa truyen thanh"
)
CHANNEL = re.compile(r"\b(?:" + CHANNEL_START + r")")
CHANNEL_END = re.compile(
    r"\s*(?:,(?!\s*truyen hinh)|[;:()]|\.\s|\.$|…|\.\.\.|\s(?:va|hoac)\s(?="
    + CHANNEL_START
    + r")|\s(?:de|dong thoi|nham|nhu|theo|tren cac|va cac)\s)"
)
# "Cổng thông tin điện tử quận, phường": one channel at two levels, not a list's end.
LEVEL_AFTER_COMMA = re.compile(
    r",\s*(?:phuong|xa|quan|huyen|tinh|thi xa|thanh pho)(?=\s*[,;.)…]|\s*$)"
)


CHANNEL_REACH = 160


def _channel_end(view: TextView, start: int) -> int:
    position = start
    while True:
        # a channel's name is at most 120 characters: no need to look further for its end
        reach = min(len(view.folded), start + CHANNEL_REACH)
        stop = CHANNEL_END.search(view.folded, position, reach)
        end = stop.start() if stop else reach
        level = LEVEL_AFTER_COMMA.match(view.folded, end)
        if not level:
            return min(end, start + 120)
        position = level.end()


def _written_as(view: TextView, match: re.Match, words: str) -> bool:
    """The original letters are `words`, or the text has no diacritics at all (OCR)."""
    written = view.flat[match.start() : match.start() + len(words)].lower()
    return written == words or view.flat.isascii()


def channels(view: TextView):
    found, spans, seen = [], [], set()
    for match in CHANNEL.finditer(view.folded):
        if match.group().startswith("ban tin") and not _written_as(view, match, "bản tin"):
            continue  # "địa bàn tỉnh" folds to the same letters
        if match.group().startswith("bao") and not match.group().startswith("bao va"):
            following = view.flat[match.end() : match.end() + 1]
            if not following.isupper():  # "báo cáo", "báo chí": not a newspaper's name
                continue
        if view.folded[max(0, match.start() - 2) : match.start()].strip() in {"/"}:
            continue
        end = _channel_end(view, match.end())
        value = view.flat_value(match.start(), end).rstrip(" .,;")
        words = value.split()
        if len(words) > 16:
            value = " ".join(words[:16])
        key = value.casefold()
        if len(words) < 2 or key in seen:
            continue
        seen.add(key)
        found.append(value)
        spans.append(view.to_text(match.start(), match.start() + len(value)))
    return found, spans
