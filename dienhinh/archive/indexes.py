"""The two indexes inside the 11 June archive: `index.xlsx` (captions and credits, one row
per file; every text cell is written as text, never as a formula) and `index.html`, an
album that opens offline from the unpacked folder (no script, no network)."""

import io
from html import escape
from urllib.parse import quote

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from dienhinh.common.dates import period_label, vn_date

from .models import PublicUse

BOLD = Font(bold=True)


def _text(sheet, value):
    """A cell's value as written; a text starting with "=" is forced to stay text (openpyxl
    would write it as a formula). Plain values elsewhere: write-only rows stay fast."""
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def _uses(material) -> str:
    return ", ".join(str(PublicUse(u).label) for u in material.consent_uses if u in PublicUse)


def material_row(number: int, row: dict) -> list:
    m = row["material"]
    consent = ""
    if m.consent_given_by:
        consent = f"{m.consent_given_by} ({vn_date(m.consent_given_on)}): {_uses(m)}"
    return [
        number, row["path"], m.get_kind_display(), m.title, vn_date(m.taken_on), m.unit.name,
        period_label(m.period.key), m.place, m.movement.name if m.movement else "", m.caption,
        m.credit, m.people_note, consent,
    ]  # fmt: skip


def example_row(number: int, nomination, paths: list[str]) -> list:
    consent = nomination.consent
    return [
        number, nomination.headline, nomination.subject_name, nomination.unit.name,
        period_label(nomination.period.key), nomination.story,
        f"{consent.given_by} ({vn_date(consent.given_on)})", "\n".join(paths),
    ]  # fmt: skip


def workbook(*, title: str, materials: list[dict], examples: list[tuple]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Photos and material")[:31])
    sheet.append([_text(sheet, title)])
    heading = [
        _("No."), _("File"), _("Kind"), _("Title of the material"), _("Date"), _("Unit"),
        _("Period"), _("Place"), _("Emulation movement"), _("Caption"), _("Author or credit"),
        _("Who is shown"), _("Consent to public use"),
    ]  # fmt: skip
    sheet.append([_bold(sheet, label) for label in heading])
    for number, row in enumerate(materials, start=1):
        sheet.append([_text(sheet, value) for value in material_row(number, row)])
    examples_sheet = book.create_sheet(_("Published examples")[:31])
    heading = [
        _("No."), _("Headline"), _("Person or collective"), _("Unit"), _("Period"),
        _("Summary"), _("Consent"), _("Photos"),
    ]  # fmt: skip
    examples_sheet.append([_bold(examples_sheet, label) for label in heading])
    for number, (nomination, paths) in enumerate(examples, start=1):
        values = example_row(number, nomination, paths)
        examples_sheet.append([_text(examples_sheet, value) for value in values])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _bold(sheet, label) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=str(label))
    cell.data_type = "s"
    cell.font = BOLD
    return cell


def _figure(row: dict, photo_word: str) -> str:
    """One item of the offline album, written directly: ten thousand template includes
    would take seconds, this takes milliseconds."""
    m = row["material"]
    path = escape(quote(row["path"]))
    if m.kind == "photo":
        media = f'<a href="{path}"><img src="{path}" alt="{escape(m.title)}" loading="lazy"></a>'
    elif m.kind == "video":
        media = f'<video src="{path}" controls preload="none"></video>'
    else:
        media = f'<a class="doc" href="{path}">{escape(m.original_name)}</a>'
    meta = vn_date(m.taken_on)
    meta += f" · {escape(m.place)}" if m.place else ""
    meta += f" · {escape(photo_word)} {escape(m.credit)}" if m.credit else ""
    meta += f"<br>{escape(m.movement.name)}" if m.movement_id else ""
    caption = f"<br>{escape(m.caption)}" if m.caption else ""
    return (
        f"<figure>{media}<figcaption><strong>{escape(m.title)}</strong>{caption}"
        f'<div class="meta">{meta}</div></figcaption></figure>'
    )


def album_html(*, title: str, materials: list[dict], examples: list[tuple]) -> bytes:
    sections: dict[tuple[str, str], list[str]] = {}
    photo_word = _("Photo:")
    for row in materials:
        m = row["material"]
        key = (m.unit.name, period_label(m.period.key))
        sections.setdefault(key, []).append(_figure(row, photo_word))
    context = {
        "title": title,
        "sections": [
            (unit, month, mark_safe("\n".join(figures)))  # noqa: S308 - escaped in _figure
            for (unit, month), figures in sections.items()
        ],
        "examples": examples,
    }
    html = render_to_string("archive/offline_index.html", context)
    return html.encode("utf-8")
