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
