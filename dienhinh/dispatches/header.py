"""The administrative frame of a dispatch: number, date, issuer, subject, addressees,
distribution list and signer.

These sit on their own lines in a fixed order (Decree 30/2020 on document format), but PDF and
.docx extraction interleave the two header columns and break lines anywhere, so each rule
looks for its own keyword line instead of trusting positions. Every function returns
`(value, span)` with a span into `view.text`, or `(None, None)` when the text does not say.
"""

import datetime as dt
import re

from .textview import Line, TextView, collapse

MOTTO = (
    "cong hoa xa hoi chu nghia viet nam",
    "doc lap - tu do - hanh phuc",
    "doc lap",
    "cong hoa xa hoi",  # the motto broken over two table lines
    "chu nghia viet nam",
    "cong\n",
)
BULLET = re.compile(r"^[-–—+•*·]\s*")
# Words that continue a unit's name on the next header line ("ỦY BAN NHÂN DÂN" / "QUẬN X").
NAME_CONTINUES = (
    "tinh ",
    "thanh pho",
    "tp ",
    "tp.",
    "quan ",
    "huyen ",
    "thi xa",
    "xa ",
    "phuong ",
    "dac khu",
    "trung uong",
    "viet nam",
)
# A place name (letters, no digits or slashes: "Kết luận số 01-KL/TW, ngày …" is a citation)
# then ", ngày …".
PLACE_DATE = re.compile(
    r"(?<![\w/-])[^\W\d_][^,\n\d/]{0,40},\s*ngay\s*(?P<d>\d{1,2})?\s*(?:thang\s*(?P<m>\d{1,2})?\s*nam\s*"
    r"(?P<y>\d{4})|[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4}))"
)
TITLE_START = re.compile(r"^(tm|kt|q|tl|tuq|t/m|k/t)\s*[./]", re.I)
SIGNED = re.compile(r"^\(?\s*(da ky|ky|ky ten|ky, ghi ro ho ten)[^)]*\)?\.?$")


def _is_upper(value: str) -> bool:
    letters = [c for c in value if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) >= 0.85


def _is_motto(line: Line) -> bool:
    return (
        any(line.folded.startswith(m) for m in MOTTO)
        or line.folded in ("cong", "hoa xa hoi chu nghia viet nam")
        or bool(re.fullmatch(r"[-_=*.|\s]+", line.value))
    )


def _number_line(view: TextView) -> tuple[int, re.Match] | None:
    for index, line in enumerate(view.lines[:60]):
        match = re.match(r"so\s*[:.]", line.folded)
        if match:
            return index, match
    return None


def number(view: TextView):
    found = _number_line(view)
    if not found:
        return None, None, None
    index, head = found
    line = view.lines[index]
    start = line.start + head.end()
    # The symbol may run over a line break after a hyphen ("785/BTĐKT-⏎⏎THHC").
    pattern = re.compile(
        r"\s*(?P<num>\d+(?:-[a-z]+)?)?\s*/\s*(?P<sym>[a-z0-9.]+(?:(?:\s*/\s*|\s*-\s*)[a-z0-9.]+)*)"
    )
    match = pattern.match(view.ftext, start)
    if not match or not match.group("sym"):
        return None, None, None
    raw = re.sub(r"\s+", "", view.text[match.start("sym") : match.end("sym")])
    symbol = re.sub(r"^\d{4}/", "", raw)
    if not match.group("num"):
        return None, symbol, [match.start("sym"), match.end("sym")]
    value = f"{view.text[match.start('num') : match.end('num')]}/{raw}"
    return value, symbol, [match.start("num"), match.end("sym")]


def document_date(view: TextView):
    """The place-and-date line; never a web page's posting or update date."""
    limit = len(view.ftext) if len(view.ftext) < 3000 else max(3000, len(view.ftext) // 2)
    for match in PLACE_DATE.finditer(view.ftext, 0, limit):
        prefix = view.ftext[max(0, match.start() - 30) : match.start() + 20]
        if re.search(r"dang|cap nhat|luot xem|ban hanh", prefix):
            continue
        span = [match.start(), match.end()]
        day, month = match.group("d"), match.group("m") or match.group("m2")
        year = match.group("y") or match.group("y2")
        if not (day and month and year):
            return None, span
        try:
            return dt.date(int(year), int(month), int(day)).isoformat(), span
        except ValueError:
            return None, span
    return None, None


def _join_name(lines: list[Line]) -> list[list[Line]]:
    groups: list[list[Line]] = []
    for line in lines:
        continues = groups and (
            line.folded.startswith(NAME_CONTINUES) or groups[-1][-1].value.endswith(("-", "–"))
        )
        if continues:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def issuer(view: TextView):
    """The header's issuing body (and the body above it, when printed)."""
    found = _number_line(view)
    if found:
        names = [
            line
            for line in view.lines[: found[0]]
            if _is_upper(line.value)
            and not _is_motto(line)
            and not PLACE_DATE.search(line.folded)
            and not line.folded.startswith(("v/v", "ve viec"))
        ]
        names = names[-4:]
        if names:
            groups = _join_name(names)
            own = groups[-1]
            above = groups[-2] if len(groups) > 1 else None
            value = collapse(" ".join(line.value for line in own))
            span = [own[0].start, own[-1].end]
            above_value = collapse(" ".join(line.value for line in above)) if above else None
            return value, span, above_value
    return _issuer_from_voice(view)


ORG_HEAD = (
    r"(?:ban|uy ban nhan dan|ubnd|so|phong|van phong|hoi|lien doan|doan|bo|cuc|trung tam|"
    r"dang uy|mat tran|thuong truc|hoi dong)"
)


def _issuer_from_voice(view: TextView):
    """No header: the body's own voice ("Ban Thi đua - Khen thưởng kính đề nghị …")."""
    pattern = re.compile(
        r"(?:^|[.,:;]\s)(?P<org>" + ORG_HEAD + r"\b[^.,;:]{0,80}?)\s+(?:kinh de nghi|de nghi|"
        r"nhan duoc|tran trong de nghi|co y kien)\b"
    )
    match = pattern.search(view.folded)
    if not match:
        return None, None, None
    start, end = match.start("org"), match.end("org")
    return view.flat_value(start, end), view.to_text(start, end), None


def _heading_index(view: TextView, pattern: str, after: int = 0) -> tuple[int, int] | None:
    for index, line in enumerate(view.lines[after:], start=after):
        match = re.match(pattern, line.folded)
        if match:
            return index, match.end()
    return None


def subject(view: TextView):
    found = _heading_index(view, r"(?:v/v|v\.v|ve viec)\s*[:.]?\s*")
    if not found or found[0] > 40:
        return None, None
    index, offset = found
    first = view.lines[index]
    parts = [(first.start + offset, first.end)]
    for line in view.lines[index + 1 : index + 6]:
        if (
            _is_upper(line.value)
            or _is_motto(line)
            or PLACE_DATE.search(line.folded)
            or re.match(r"(kinh gui|so\s*[:.])", line.folded)
            or view.text[parts[-1][1] - 1] in ".;:"
        ):
            break
        parts.append((line.start, line.end))
    value = collapse(" ".join(view.text[a:b] for a, b in parts)).rstrip(".;,")
    if not value:
        return None, None
    return value, [parts[0][0], parts[-1][1]]


TITLE_KINDS = ("ke hoach", "quyet dinh", "huong dan", "thong bao", "chi thi", "bao cao", "to trinh")


def title(view: TextView):
    """A plan's or decision's title block, its subject when there is no V/v: the capital
    lines under "KẾ HOẠCH" / "QUYẾT ĐỊNH" … ("VỀ VIỆC" dropped)."""
    found = _number_line(view)
    if not found:
        return None, None
    for index in range(found[0] + 1, min(len(view.lines), found[0] + 8)):
        if view.lines[index].folded in TITLE_KINDS:
            break
    else:
        return None, None
    parts = []
    for line in view.lines[index + 1 : index + 6]:
        if not _is_upper(line.value) or line.folded.startswith(("bo truong", "chu tich")):
            break
        if line.folded.startswith(("uy ban nhan dan", "ubnd")) and parts:
            break
        parts.append(line)
    if not parts:
        return None, None
    value = collapse(" ".join(line.value for line in parts))
    value = re.sub(r"^(?:VỀ VIỆC|Về việc)\s+", "", value)
    return value, [parts[0].start, parts[-1].end]


def _items(view: TextView, heading: str, stop) -> tuple[list[str], list[list[int]]]:
    found = _heading_index(view, heading)
    if not found:
        return [], []
    index, offset = found
    items: list[list] = []  # [text, start, end]
    first = view.lines[index]
    rest = view.text[first.start + offset : first.end].strip()
    if rest:
        items.append([rest, first.end - len(rest), first.end])
    for position, line in enumerate(view.lines[index + 1 :]):
        if stop(line):
            break
        if BULLET.match(line.value):
            items.append([line.value, line.start, line.end])
        elif items and (
            line.value[:1].islower()
            or (  # "- Các cơ quan, đơn vị trực thuộc ⏎ UBND tỉnh;": a bullet not yet ended
                BULLET.match(items[-1][0])
                and not items[-1][0].rstrip().endswith((";", ".", ":"))
                and len(line.value) < 60
            )
        ):
            items[-1][0] += " " + line.value  # a long item broken over two lines
            items[-1][2] = line.end
        elif not items and position == 0 and len(line.value) < 160:
            items.append([line.value, line.start, line.end])  # one addressee, no bullet
        else:
            break
    values, spans = [], []
    for text, start, end in items:
        value = collapse(BULLET.sub("", text.strip())).rstrip(";.,").strip()
        if value:
            values.append(value)
            spans.append([start, end])
    return values, spans


def recipients(view: TextView):
    return _items(
        view,
        r"kinh gui\s*[:.]?\s*",
        lambda line: _is_motto(line) or bool(re.match(r"(noi nhan|so\s*:)", line.folded)),
    )


def distribution(view: TextView):
    return _items(
        view,
        r"noi nhan\s*[:.]?\s*",
        lambda line: _is_upper(line.value) and not BULLET.match(line.value),
    )


def _is_name(value: str) -> bool:
    """ "Nguyễn Minh Phương", also the Central Highlands' "Ksor H'Mai", "K' Brông"."""
    words = value.split()
    bare = [w.replace("'", "").replace("’", "") for w in words]
    if not 2 <= len(words) <= 6 or any(not b.isalpha() for b in bare if b) or not all(bare[-1:]):
        return False
    return all(
        w[0].isupper() and (len(w) == 1 or w[1:].islower() or "'" in w or "’" in w) for w in words
    )


def signer(view: TextView):
    """The last title block and the name under it ("TM. UỶ BAN NHÂN DÂN / CHỦ TỊCH")."""
    lines = view.lines
    for index in range(len(lines) - 1, max(-1, len(lines) - 25), -1):
        if not _is_name(lines[index].value):
            continue
        titles: list[Line] = []
        for line in reversed(lines[max(0, index - 6) : index]):
            if SIGNED.match(line.folded):
                continue
            if _is_upper(line.value) and not BULLET.match(line.value) and len(line.value) < 80:
                titles.insert(0, line)
                # "TM. ỦY BAN NHÂN DÂN" tops the block; "KT. CHỦ TỊCH" may sit under it
                if line.value.upper().startswith(("TM.", "T/M")) or len(titles) == 3:
                    break
                continue
            break
        if not titles:
            continue
        title = " / ".join(collapse(t.value) for t in titles)
        name = collapse(lines[index].value)
        return {"name": name, "title": title}, [titles[0].start, lines[index].end]
    return None, None
