"""Three aligned views of one dispatch text, so rules can be written once and still point
back at the exact characters a value was read from.

- `text`: the extracted text (NFC), the one the user sees and spans refer to.
- `flat`: the same text with every run of whitespace (line breaks included) collapsed to one
  space and markdown emphasis (`**`) dropped, because PDF extraction breaks lines anywhere,
  even inside a number ("785/BTĐKT-⏎⏎THHC").
- `folded` / `ftext`: `flat` / `text` lower-cased without diacritics, character for
  character, so one pattern matches "trước ngày", "TRƯỚC NGÀY" and OCR's "truoc ngay".

Every flat index maps back to a text index (`to_text`), and folded strings have exactly the
length of the strings they fold.
"""

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_SPECIAL = {"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    if ch.isascii():
        return ch.lower()
    base = [c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)]
    if not base:
        return " "
    lowered = base[0].lower()
    return lowered if len(lowered) == 1 else base[0]


def fold_aligned(text: str) -> str:
    """Like common.text.fold, but one output character per input character."""
    return "".join(_fold_char(ch) for ch in text)


@dataclass(frozen=True)
class Line:
    start: int  # offsets into `text`, without the surrounding whitespace
    end: int
    value: str  # the line as written, stripped
    folded: str


class TextView:
    def __init__(self, text: str):
        self.text = unicodedata.normalize("NFC", text or "")
        self.ftext = fold_aligned(self.text)
        chars: list[str] = []
        back: list[int] = []
        in_space = True  # drops leading whitespace
        for index, ch in enumerate(self.text):
            if ch == "*":
                continue
            if ch.isspace():
                if not in_space:
                    chars.append(" ")
                    back.append(index)
                in_space = True
                continue
            chars.append(ch)
            back.append(index)
            in_space = False
        if chars and chars[-1] == " ":
            chars.pop()
            back.pop()
        self.flat = "".join(chars)
        self.folded = fold_aligned(self.flat)
        self._back = back
        self._bounds: list[int] | None = None
        self.lines = self._lines()

    def _lines(self) -> list[Line]:
        lines = []
        for match in re.finditer(r"[^\n]+", self.text):
            raw = match.group()
            stripped = raw.strip().strip("*").strip()
            if not stripped:
                continue
            start = match.start() + raw.index(stripped[0])
            end = start + len(stripped)
            lines.append(Line(start, end, stripped, self.ftext[start:end]))
        return lines

    # --- spans -------------------------------------------------------------------------------
    def to_text(self, start: int, end: int) -> list[int]:
        """A span of `flat` as a [start, end) span of `text`."""
        if end <= start or not self._back:
            return [0, 0]
        return [self._back[start], self._back[end - 1] + 1]

    def flat_value(self, start: int, end: int) -> str:
        return self.flat[start:end].strip()

    def sentence_at(self, position: int) -> tuple[int, int]:
        """The [start, end) of the sentence of `folded` holding `position`: sentences end at
        ". " and "; ". The boundaries are found once per text, then looked up by bisection."""
        if self._bounds is None:
            self._bounds = [m.start() for m in re.finditer(r"[.;] ", self.folded)]
        index = bisect.bisect_left(self._bounds, position)
        start = self._bounds[index - 1] + 2 if index else 0
        end = self._bounds[index] if index < len(self._bounds) else len(self.folded)
        return start, end

    def line_index_at(self, text_offset: int) -> int:
        for index, line in enumerate(self.lines):
            if line.end >= text_offset:
                return index
        return len(self.lines)

    def flat_index_of(self, text_offset: int) -> int:
        """The first flat index at or after a text offset (binary search over the map)."""
        lo, hi = 0, len(self._back)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._back[mid] < text_offset:
                lo = mid + 1
            else:
                hi = mid
        return lo


def collapse(value: str) -> str:
    return re.sub(r"\s+", " ", value.replace("*", "")).strip()
