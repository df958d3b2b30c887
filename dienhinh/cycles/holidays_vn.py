"""Vietnam's public holidays, preloaded so deadlines can skip them (Bộ luật Lao động 2019,
Điều 112): Tết Dương lịch (1/1), Tết Âm lịch (5 days, here 30 Tết to mùng 4), Giỗ Tổ Hùng
Vương (10/3 lunar), 30/4, 1/5, Quốc khánh (2/9 and the day before).

The lunar dates are listed per year, not computed. Each year the Government announces the
exact Tết days and the compensatory days when a holiday falls on a weekend: administrators
add or correct those on the holidays page.
"""

import datetime as dt

D = dt.date
# Lunar new year (mùng 1 Tết) and Giỗ Tổ Hùng Vương (10/3 lunar), by Gregorian date.
LUNAR = {
    2023: (D(2023, 1, 22), D(2023, 4, 29)),
    2024: (D(2024, 2, 10), D(2024, 4, 18)),
    2025: (D(2025, 1, 29), D(2025, 4, 7)),
    2026: (D(2026, 2, 17), D(2026, 4, 26)),
    2027: (D(2027, 2, 6), D(2027, 4, 16)),
    2028: (D(2028, 1, 26), D(2028, 4, 4)),
    2029: (D(2029, 2, 13), D(2029, 4, 23)),
    2030: (D(2030, 2, 3), D(2030, 4, 12)),
}


def holidays_for(year: int) -> list[tuple[dt.date, str]]:
    days = [
        (D(year, 1, 1), "Tết Dương lịch"),
        (D(year, 4, 30), "Ngày Chiến thắng"),
        (D(year, 5, 1), "Ngày Quốc tế Lao động"),
        (D(year, 9, 1), "Quốc khánh (ngày liền kề)"),
        (D(year, 9, 2), "Quốc khánh"),
    ]
    if year in LUNAR:
        new_year, hung_kings = LUNAR[year]
        for offset in range(-1, 4):
            days.append((new_year + dt.timedelta(days=offset), "Tết Nguyên đán"))
        days.append((hung_kings, "Giỗ Tổ Hùng Vương"))
    return sorted(days)


def all_preloaded() -> list[tuple[dt.date, str]]:
    return [day for year in sorted(LUNAR) for day in holidays_for(year)]
