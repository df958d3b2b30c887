"""Vietnamese typed with the pre-Unicode fonts, TCVN3 (ABC) and VNI, and how to recognise it.

Before Unicode, Vietnamese was typed with special fonts (.VnTime for TCVN3, VNI-Times for
VNI) that draw Vietnamese letters in place of Western European ones. The file itself holds
only those Western letters, so once the font is gone (a .txt, text copied out of a PDF, a
.docx opened without the font) "Cộng hoà xã hội" reads "Céng hoµ x· héi" (TCVN3) or
"Coäng hoøa xaõ hoäi" (VNI). Such text must be converted to Unicode before it can be read.

The detector decodes each word as if it were TCVN3 or VNI and counts the words that become
valid Vietnamese syllables while not being valid ones already. Real Unicode Vietnamese has
no such words, and English, French or German words almost never decode into Vietnamese
syllables ("été" would become "ộtộ", "für" would become "fỹr"), so they do not count.
"""

import functools
import re
import unicodedata

TCVN3 = "TCVN3"
VNI = "VNI"

# The tone marks as combining characters, in the order the tables below list them.
_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
_TONE_ORDER = (_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT)

# TCVN3: one code for each lowercase letter; the capital letters with a tone have no code of
# their own (the capital font .VnTimeH draws the lowercase codes as capitals). Each row: for
# ă â ê ô ơ ư the letter without a tone, then the letter with grave, hook, tilde, acute, dot.
_TCVN3_ROWS = {
    "a": "\u00b5\u00b6\u00b7\u00b8\u00b9",  # µ¶·¸¹
    "ă": "\u00a8\u00bb\u00bc\u00bd\u00be\u00c6",  # ¨ »¼½¾Æ
    "â": "\u00a9\u00c7\u00c8\u00c9\u00ca\u00cb",  # © ÇÈÉÊË
    "e": "\u00cc\u00ce\u00cf\u00d0\u00d1",  # ÌÎÏÐÑ
    "ê": "\u00aa\u00d2\u00d3\u00d4\u00d5\u00d6",  # ª ÒÓÔÕÖ
    "i": "\u00d7\u00d8\u00dc\u00dd\u00de",  # ×ØÜÝÞ
    "o": "\u00df\u00e1\u00e2\u00e3\u00e4",  # ßáâãä
    "ô": "\u00ab\u00e5\u00e6\u00e7\u00e8\u00e9",  # « åæçèé
    "ơ": "\u00ac\u00ea\u00eb\u00ec\u00ed\u00ee",  # ¬ êëìíî
    "u": "\u00ef\u00f1\u00f2\u00f3\u00f4",  # ïñòóô
    "ư": "\u00ad\u00f5\u00f6\u00f7\u00f8\u00f9",  # soft hyphen, õö÷øù
    "y": "\u00fa\u00fb\u00fc\u00fd\u00fe",  # úûüýþ
}
_TCVN3_SINGLE = {
    "đ": "\u00ae",  # ®
    "Ă": "\u00a1",  # ¡
    "Â": "\u00a2",  # ¢
    "Ê": "\u00a3",  # £
    "Ô": "\u00a4",  # ¤
    "Ơ": "\u00a5",  # ¥
    "Ư": "\u00a6",  # ¦
    "Đ": "\u00a7",  # §
}

# VNI: the base letter followed by a mark character (lowercase marks after lowercase letters,
# uppercase after uppercase); ơ, ư, đ and the i's with a tone are single characters.
_VNI_TONE = dict(zip(_TONE_ORDER, "øûõùï", strict=True))
_VNI_CIRCUMFLEX = {"": "â", **dict(zip(_TONE_ORDER, "àåãáä", strict=True))}
_VNI_BREVE = {"": "ê", **dict(zip(_TONE_ORDER, "èúüéë", strict=True))}
_VNI_I = dict(zip(_TONE_ORDER, "ìæóíò", strict=True))
_VNI_HORN = {"o": "ô", "u": "ö"}  # ơ and ư


def _split(letter: str) -> tuple[str, str]:
    """A Vietnamese letter as (letter without tone, tone mark or "")."""
    parts = unicodedata.normalize("NFD", letter)
    tone = next((mark for mark in parts if mark in _TONE_ORDER), "")
    return unicodedata.normalize("NFC", parts.replace(tone, "")), tone


def _vietnamese_letters() -> list[str]:
    """Every lowercase Vietnamese letter that is not plain ASCII."""
    bases = "aăâeêioôơuưy"
    letters = ["đ"] + [b for b in bases if not b.isascii()]
    for base in bases:
        letters += [unicodedata.normalize("NFC", base + tone) for tone in _TONE_ORDER]
    return letters


def _tcvn3_code(letter: str) -> str:
    if letter in _TCVN3_SINGLE:
        return _TCVN3_SINGLE[letter]
    base, tone = _split(letter.lower())  # a capital with a tone: the lowercase code
    row = _TCVN3_ROWS[base]
    if len(row) == 6:  # ă â ê ô ơ ư: a code without tone first, then the five tones
        untoned, row = row[0], row[1:]
        if not tone:
            return untoned
    return row[_TONE_ORDER.index(tone)]


def _vni_code(letter: str) -> str:
    lower = letter.lower()
    base, tone = _split(lower)
    plain = unicodedata.normalize("NFD", base)[0]  # the ASCII vowel under the marks
    if lower == "đ":
        code = "ñ"
    elif plain == "i":
        code = _VNI_I[tone] if tone else "i"
    elif base == "y" and tone == _DOT:
        code = "î"
    elif base in ("â", "ê", "ô"):
        code = plain + _VNI_CIRCUMFLEX[tone]
    elif base == "ă":
        code = "a" + _VNI_BREVE[tone]
    elif base in ("ơ", "ư"):
        code = _VNI_HORN[plain] + _VNI_TONE.get(tone, "")
    else:
        code = plain + _VNI_TONE[tone]
    return code if letter.islower() else code.upper()


_LETTERS = _vietnamese_letters()
_TO_TCVN3 = {letter: _tcvn3_code(letter) for letter in _LETTERS + [c.upper() for c in _LETTERS]}
_TO_VNI = {letter: _vni_code(letter) for letter in _LETTERS + [c.upper() for c in _LETTERS]}

# Decoding: TCVN3 code → lowercase letter (capital codes → capitals); VNI: two-character
# sequences first, then single characters.
_FROM_TCVN3 = {code: letter for letter, code in _TO_TCVN3.items() if letter.islower()}
_FROM_TCVN3.update({code: letter for letter, code in _TCVN3_SINGLE.items()})
_FROM_VNI = {code: letter for letter, code in _TO_VNI.items() if code != letter}
_VNI_PAIRS = {code: letter for code, letter in _FROM_VNI.items() if len(code) == 2}
_VNI_SINGLES = {code: letter for code, letter in _FROM_VNI.items() if len(code) == 1}


def to_tcvn3(text: str) -> str:
    """Unicode Vietnamese as TCVN3 text reads without its font (capitals as .VnTimeH)."""
    text = unicodedata.normalize("NFC", text)
    return "".join(_TO_TCVN3.get(char, char) for char in text)


def to_vni(text: str) -> str:
    """Unicode Vietnamese as VNI text reads without its font."""
    text = unicodedata.normalize("NFC", text)
    return "".join(_TO_VNI.get(char, char) for char in text)


def from_tcvn3(word: str) -> str:
    """TCVN3 text back to Unicode (capitals with a tone come back lowercase)."""
    return "".join(_FROM_TCVN3.get(char, char) for char in word)


def from_vni(word: str) -> str:
    """VNI text back to Unicode."""
    out, i = [], 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in _VNI_PAIRS:
            out.append(_VNI_PAIRS[pair])
            i += 2
        else:
            out.append(_VNI_SINGLES.get(word[i], word[i]))
            i += 1
    return "".join(out)


# --- Vietnamese syllables ---------------------------------------------------------------------

_INITIALS = (
    *("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr"),
    *("b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""),
)
_FINALS = ("ch", "ng", "nh", "c", "m", "n", "p", "t", "")
_STOP_FINALS = ("c", "ch", "p", "t")  # only the acute or the dot-below tone goes with these
# Vowel groups, glides included (người = ng + ươi): every spelling Vietnamese uses.
_NUCLEI = frozenset(
    ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")
    + ("ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe")
    + ("oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ")
    + ("ưu", "yê", "iêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "uya", "uyê", "uyu")
    + ("ươi", "ươu", "yêu")
)


@functools.lru_cache(maxsize=8192)
def is_syllable(word: str) -> bool:
    """Whether a lowercase word is a well-formed Vietnamese syllable (with at most one tone)."""
    tones = [mark for mark in unicodedata.normalize("NFD", word) if mark in _TONE_ORDER]
    if len(tones) > 1:
        return False
    tone = tones[0] if tones else ""
    plain = "".join(_split(char)[0] for char in word)
    for initial in _INITIALS:
        if not plain.startswith(initial):
            continue
        rest = plain[len(initial) :]
        for final in _FINALS:
            if not rest.endswith(final):
                continue
            nucleus = rest[: len(rest) - len(final)]
            if _rhyme_ok(nucleus, final, tone):
                return True
    return False


def _rhyme_ok(nucleus: str, final: str, tone: str) -> bool:
    if nucleus not in _NUCLEI:
        return False
    if final in _STOP_FINALS and tone not in (_ACUTE, _DOT):
        return False
    if nucleus == "oo":  # only in loanwords: xoong, boong, moóc
        return final in ("ng", "c")
    # A vowel group ending in a glide (ai, ao, êu, ươi…) takes no final consonant; "uy"
    # does (huynh, huýt, huỵch).
    return not (final and len(nucleus) > 1 and nucleus[-1] in "iouy" and nucleus != "uy")


# --- Detection ---------------------------------------------------------------------------------

# Words: runs of letters, Latin-1 symbols (TCVN3 uses µ, ·, ¸, the soft hyphen… for letters) and
# Vietnamese letters.
_WORD = re.compile(r"[A-Za-z\u00a1-\u00ff\u0100-\u01b0\u1ea0-\u1ef9]{2,}")
# A real dispatch is a few thousand words; this much text is enough to judge.
_SAMPLE_CHARS = 200_000
# At least this many different words must decode, and they must be this share of the words
# carrying accents; a few "où", "µm" or "«Oui»" in a foreign text stay below both.
_MIN_DISTINCT = 3
_MIN_SHARE = 0.3


def detect_legacy_encoding(text: str) -> str | None:
    """The legacy encoding the text was typed in, TCVN3 or VNI; None for anything else."""
    words = [w for w in _WORD.findall(text[:_SAMPLE_CHARS]) if not w.isascii()]
    # A word needs an ASCII letter as well: runs of symbols (« », ·µ) are not words.
    words = [w for w in words if any("a" <= c <= "z" or "A" <= c <= "Z" for c in w)]
    if not words:
        return None
    found: dict[str, set[str]] = {TCVN3: set(), VNI: set()}
    counts = {TCVN3: 0, VNI: 0}
    for word in words:
        if is_syllable(word.lower()):
            continue  # already good Unicode Vietnamese (or it could be: it proves nothing)
        for scheme, decode in ((TCVN3, from_tcvn3), (VNI, from_vni)):
            decoded = decode(word)
            if decoded != word and is_syllable(decoded.lower()):
                found[scheme].add(decoded.lower())
                counts[scheme] += 1
    best = max(counts, key=counts.__getitem__)
    if len(found[best]) >= _MIN_DISTINCT and counts[best] >= _MIN_SHARE * len(words):
        return best
    return None
