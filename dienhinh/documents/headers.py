"""What every document of a unit prints from its settings: the header lines, the number
with the symbol, the place-and-date line and the signature block. Pure functions of a
`DocumentSettings` (saved or not), plus the check that says what is missing and where."""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from dienhinh.common.dates import vn_long_date
from dienhinh.common.errors import ApplicationError

from .models import DocumentSettings, SigningMode

BLANK_NUMBER = "\u00a0" * 8  # room for the number the registry gives at signing


def settings_of(unit) -> DocumentSettings:
    """The unit's settings, or unsaved ones holding what can be guessed from the unit."""
    found = DocumentSettings.objects.filter(unit=unit).first()
    if found is not None:
        return found
    return DocumentSettings(unit=unit, email=(unit.emails or [""])[0])


def upper_lines(text: str) -> list[str]:
    return [line.strip().upper() for line in (text or "").splitlines() if line.strip()]


def body_lines(settings: DocumentSettings) -> list[str]:
    return upper_lines(settings.body_name) or upper_lines(settings.unit.name)


def number_text(settings: DocumentSettings, number: str = "") -> str:
    """ "123/UBND-NV", or a blank before the symbol while the number is not given."""
    number = (number or "").strip()
    if "/" in number:
        return number
    return f"{number or BLANK_NUMBER}/{settings.symbol}"


def place_date(settings: DocumentSettings, day: dt.date | None) -> str:
    """ "Dương Kinh, ngày 17 tháng 10 năm 2023" (the day left blank when unknown)."""
    place = settings.place_name.strip()
    if day is None:
        gap = "\u00a0" * 5
        return f"{place}, ngày{gap} tháng{gap} năm 20{gap}"
    return f"{place}, {vn_long_date(day)}"


def signature_lines(settings: DocumentSettings) -> list[str]:
    """TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH; KT. CHỦ TỊCH / PHÓ CHỦ TỊCH; … (Nghị định 30)."""
    authority = settings.authority.strip().upper()
    title = settings.signer_title.strip().upper()
    mode = settings.signing_mode
    if mode == SigningMode.TM:
        lines = [f"TM. {authority}", title]
    elif mode == SigningMode.TM_KT:
        collective, _sep, head = authority.partition("/")
        lines = [f"TM. {collective.strip()}", f"KT. {head.strip()}", title]
    elif mode in (SigningMode.KT, SigningMode.TL, SigningMode.TUQ):
        prefix = {SigningMode.KT: "KT.", SigningMode.TL: "TL.", SigningMode.TUQ: "TUQ."}[mode]
        lines = [f"{prefix} {authority}", title]
    else:
        lines = [title]
    return [line for line in lines if line.strip(" .")]


def filing_line(settings: DocumentSettings) -> str:
    """ "- Lưu: VT, NV." — the filing line closing Nơi nhận."""
    filing = settings.filing.strip()
    if not filing:
        office = settings.symbol.rpartition("-")[2] if "-" in settings.symbol else ""
        filing = "VT, " + office if office else "VT"
    return f"- Lưu: {filing.rstrip('.')}."


def header_context(settings: DocumentSettings, *, day: dt.date | None, number: str = "") -> dict:
    return {
        "parent_body_lines": upper_lines(settings.parent_body),
        "body_lines": body_lines(settings),
        "number_text": number_text(settings, number),
        "place_date": place_date(settings, day),
        "signature_lines": signature_lines(settings),
        "signer_name": settings.signer_name.strip(),
    }


# What each kind of document needs from the settings, with the label of each field.
NEEDS_FOR_DISPATCH = ("symbol", "place_name", "signer_title", "signer_name")
NEEDS_FOR_REPORT = ("place_name",)


def require_settings(settings: DocumentSettings, needs: tuple[str, ...]) -> None:
    """Refuse, naming what to fill in and where, when the unit lacks a setting."""
    missing = [f for f in needs if not str(getattr(settings, f) or "").strip()]
    authority_needed = settings.signing_mode != SigningMode.DIRECT and "signer_title" in needs
    if authority_needed and not settings.authority.strip():
        missing.append("authority")
    if not missing:
        return
    labels = ", ".join(str(DocumentSettings._meta.get_field(f).verbose_name) for f in missing)
    url = reverse("documents:settings", args=[settings.unit_id])
    raise ApplicationError(
        _(
            "%(unit)s has not set up its documents yet: %(fields)s. The unit's administrator "
            "fills them in on the page Units › %(unit)s › Document settings."
        )
        % {"unit": settings.unit.name, "fields": labels},
        extra={"url": url, "missing": missing},
    )
