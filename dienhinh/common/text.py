"""Vietnamese text folding: one function for search columns and name matching.

`fold("Phường Dương Kinh")`, `fold("PHUONG DUONG KINH")` and `fold("phuong duong kinh")` all
give "phuong duong kinh". Stored beside the original text so searches can use an index.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# đ/Đ are letters of their own, not d with a combining mark, so NFD leaves them alone; ð/Ð
# (eth) look the same and come out of text converted from legacy Vietnamese encodings.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics, map đ to d and collapse whitespace."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


# Control characters, zero-width and bidirectional-override characters: invisible in a
# name, able to spoof one ("\u202e") or to break an export. Tabs and line ends are kept
# only in multi-line text.
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def clean_line(text: str | None) -> str:
    """One line of user text as it is stored: NFC, no invisible characters, single spaces."""
    if not text:
        return ""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", str(text)))
    return _SPACES.sub(" ", text).strip()


def clean_text(text: str | None) -> str:
    """Multi-line user text as it is stored: NFC, "\\n" line ends, no invisible
    characters, no trailing spaces."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()
