"""Text written to be read aloud on the ward loudspeakers: abbreviations spelled out,
dates, times and numbers in Vietnamese words, and the time it takes to read at a normal
pace. Pure functions.

    spoken("UBND phường khen thưởng 15 hộ ngày 2/9/2023")
    → "Ủy ban nhân dân phường khen thưởng mười lăm hộ ngày mồng hai tháng chín năm hai
       nghìn không trăm hai mươi ba"
"""

import math
import re

# Longest first where one contains another (BTĐKT before TĐKT, HĐND before ND).
ABBREVIATIONS = {
    "BTĐKT": "Ban Thi đua - Khen thưởng",
    "TĐKT": "thi đua, khen thưởng",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "TTTT": "thông tin và truyền thông",
    "TNCS": "thanh niên cộng sản",
    "TNTP": "thiếu niên tiền phong",
    "LHPN": "Liên hiệp Phụ nữ",
    "CCB": "cựu chiến binh",
    "HCM": "Hồ Chí Minh",
    "CBCCVC": "cán bộ, công chức, viên chức",
    "CBCC": "cán bộ, công chức",
    "THCS": "trung học cơ sở",
    "THPT": "trung học phổ thông",
    "PT-TH": "phát thanh - truyền hình",
    "PTTH": "phát thanh - truyền hình",
    "ATGT": "an toàn giao thông",
    "ANTT": "an ninh trật tự",
    "CAND": "công an nhân dân",
    "QĐND": "quân đội nhân dân",
    "GDĐT": "giáo dục và đào tạo",
    "GD&ĐT": "giáo dục và đào tạo",
    "VH-TT": "văn hóa - thông tin",
    "VHTT": "văn hóa - thông tin",
    "BCH": "ban chấp hành",
    "TDP": "tổ dân phố",
    "KDC": "khu dân cư",
    "NVH": "nhà văn hóa",
    "XHCN": "xã hội chủ nghĩa",
    "CNXH": "chủ nghĩa xã hội",
    "TW": "Trung ương",
    "TƯ": "Trung ương",
    "TP.": "thành phố",
    "TP": "thành phố",
    "V/v": "về việc",
    "NĐ-CP": "Nghị định của Chính phủ",
    "QH": "Quốc hội",
}

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
SCALES = ["", "nghìn", "triệu", "tỷ"]
MONTHS = [
    "",
    "một",
    "hai",
    "ba",
    "tư",
    "năm",
    "sáu",
    "bảy",
    "tám",
    "chín",
    "mười",
    "mười một",
    "mười hai",
]


def _tens(n: int, *, in_group: bool) -> str:
    """0–99; `in_group`: a hundreds digit stands before it (105 → "linh năm")."""
    tens, units = divmod(n, 10)
    if tens == 0:
        if units == 0:
            return ""
        return ("linh " if in_group else "") + DIGITS[units]
    words = ["mười"] if tens == 1 else [DIGITS[tens], "mươi"]
    if units == 1:
        words.append("mốt" if tens > 1 else "một")
    elif units == 4:
        words.append("tư" if tens > 1 else "bốn")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return " ".join(words)


def _hundreds(n: int, *, full: bool) -> str:
    """0–999; `full`: a higher group stands before it, so 5 reads "không trăm linh năm"."""
    hundreds, rest = divmod(n, 100)
    if hundreds == 0 and not full:
        return _tens(rest, in_group=False)
    head = f"{DIGITS[hundreds]} trăm"
    tail = _tens(rest, in_group=True)
    return f"{head} {tail}".strip()


def number_words(n: int) -> str:
    """A whole number in words: 2023 → "hai nghìn không trăm hai mươi ba"."""
    if n < 0:
        return "âm " + number_words(-n)
    if n == 0:
        return "không"
    if n >= 1000**4:
        return " ".join(DIGITS[int(d)] for d in str(n))
    groups = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    words = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        full = index < len(groups) - 1
        words.append(_hundreds(group, full=full))
        if SCALES[index]:
            words.append(SCALES[index])
    return " ".join(words)


def date_words(day: int, month: int, year: int | None = None) -> str:
    """2/9/1945 → "ngày mồng hai tháng chín năm một nghìn chín trăm bốn mươi lăm"."""
    day_text = ("mồng " if day <= 10 else "") + number_words(day)
    text = f"ngày {day_text} tháng {MONTHS[month]}"
    return f"{text} năm {number_words(year)}" if year else text


_ABBREVIATION = re.compile(
    "|".join(
        rf"(?<![\wĐđ]){re.escape(short)}(?![\wĐđ])"
        for short in sorted(ABBREVIATIONS, key=len, reverse=True)
    )
)
_DATE = re.compile(r"\b(?:([Nn]gày)\s+)?(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}))?\b")
_TIME = re.compile(r"\b(\d{1,2})\s*(?:h|giờ|:)\s*(\d{2})?(?:\s*phút)?\b")
_DECIMAL = re.compile(r"\b(\d+),(\d+)\b")
_NUMBER = re.compile(r"\b\d{1,3}(?:\.\d{3})+\b|\b\d+\b")
_PERCENT = re.compile(r"(\d)\s*%")


def _date(match: re.Match) -> str:
    said, day, month = match.group(1), int(match.group(2)), int(match.group(3))
    year = int(match.group(4)) if match.group(4) else None
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return match.group(0)
    words = date_words(day, month, year)
    return words[0].upper() + words[1:] if said == "Ngày" else words


def _time(match: re.Match) -> str:
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        return match.group(0)
    text = f"{number_words(hour)} giờ"
    return f"{text} {number_words(minute)} phút" if minute else text


def spoken(text: str) -> str:
    """The text as it should be read aloud."""
    text = _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(0)], text)
    text = _PERCENT.sub(r"\1 phần trăm", text)
    text = _DATE.sub(_date, text)
    text = _TIME.sub(_time, text)
    text = _DECIMAL.sub(
        lambda m: f"{number_words(int(m.group(1)))} phẩy {number_words(int(m.group(2)))}", text
    )
    text = _NUMBER.sub(lambda m: number_words(int(m.group(0).replace(".", ""))), text)
    return re.sub(r"[ \t]+", " ", text)


def syllables(text: str) -> int:
    """Vietnamese is written a syllable a word: the words are what the reader says."""
    return len(re.findall(r"\w+", text))


def reading_minutes(text: str, *, pace: int) -> int:
    """Whole minutes to read the text aloud at `pace` syllables a minute (at least one)."""
    return max(1, math.ceil(syllables(text) / pace))
