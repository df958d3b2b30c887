"""The two indexes inside the 11 June archive: `index.xlsx` (captions and credits, one row
per file; every text cell is written as text, never as a formula) and `index.html`, an
album that opens offline from the unpacked folder (no script, no network)."""

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from dienhinh.common.dates import period_label, vn_date

from .models import PublicUse

BOLD = Font(bold=True)


def _text(sheet, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # openpyxl reads "=…" as a formula: a caption must stay the text it is.
        cell.data_type = "s"
    return cell


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
    cell = _text(sheet, str(label))
    cell.font = BOLD
    return cell


def album_html(*, title: str, materials: list[dict], examples: list[tuple]) -> bytes:
    sections: dict[tuple[str, str], list[dict]] = {}
    for row in materials:
        m = row["material"]
        sections.setdefault((m.unit.name, period_label(m.period.key)), []).append(row)
    context = {
        "title": title,
        "sections": [(unit, month, rows) for (unit, month), rows in sections.items()],
        "examples": examples,
    }
    html = render_to_string("archive/offline_index.html", context)
    return html.encode("utf-8")
