"""The two indexes inside the 11 June archive: `index.xlsx` (captions and credits, one row
per file; every text cell is written as text, never as a formula) and `index.html`, an
album that opens offline from the unpacked folder (no script, no network)."""

from html import escape
from urllib.parse import quote

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from dienhinh.common.dates import period_label, vn_date

from . import xlsxwrite
from .models import MaterialKind, PublicUse


def _uses(material) -> str:
    return ", ".join(str(PublicUse(u).label) for u in material.consent_uses if u in PublicUse)


def material_row(number: int, row: dict, labels: dict) -> list:
    m = row["material"]
    consent = ""
    if m.consent_given_by:
        consent = f"{m.consent_given_by} ({vn_date(m.consent_given_on)}): {_uses(m)}"
    return [
        number, row["path"], labels.get(m.kind, m.kind), m.title, vn_date(m.taken_on), m.unit_name,
        period_label(m.period_key), m.place, m.movement_name or "", m.caption,
        m.credit, m.people_note, consent,
    ]  # fmt: skip


def example_row(number: int, nomination, paths: list[str]) -> list:
    consent = nomination.consent
    return [
        number, nomination.headline, nomination.subject_name, nomination.unit.name,
        period_label(nomination.period.key), nomination.story,
        f"{consent.given_by} ({vn_date(consent.given_on)})", "\n".join(paths),
    ]  # fmt: skip


MATERIAL_WIDTHS = [6, 40, 9, 30, 11, 24, 14, 22, 28, 50, 22, 30, 30]
EXAMPLE_WIDTHS = [6, 36, 24, 24, 14, 60, 30, 40]


def workbook(*, title: str, materials: list[dict], examples: list[tuple]) -> bytes:
    """index.xlsx: one sheet of material (a title row, a header row, one row per file) and
    one of the published examples. Text cells are always text (xlsxwrite.py)."""
    heading = [
        _("No."), _("File"), _("Kind"), _("Title of the material"), _("Date"), _("Unit"),
        _("Period"), _("Place"), _("Emulation movement"), _("Caption"), _("Author or credit"),
        _("Who is shown"), _("Consent to public use"),
    ]  # fmt: skip
    labels = {kind: str(label) for kind, label in MaterialKind.choices}
    rows = [[title], heading]
    rows += [material_row(n, row, labels) for n, row in enumerate(materials, start=1)]
    example_heading = [
        _("No."), _("Headline"), _("Person or collective"), _("Unit"), _("Period"),
        _("Summary"), _("Consent"), _("Photos"),
    ]  # fmt: skip
    example_rows = [example_heading]
    example_rows += [example_row(n, nom, paths) for n, (nom, paths) in enumerate(examples, 1)]
    return xlsxwrite.workbook(
        [
            {"title": str(_("Photos and material")), "rows": rows,
             "widths": MATERIAL_WIDTHS, "bold_rows": {1, 2}},
            {"title": str(_("Published examples")), "rows": example_rows,
             "widths": EXAMPLE_WIDTHS, "bold_rows": {1}},
        ]
    )  # fmt: skip


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
    meta += f"<br>{escape(m.movement_name)}" if m.movement_name else ""
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
        key = (m.unit_name, period_label(m.period_key))
        sections.setdefault(key, []).append(_figure(row, photo_word))
    context = {
        "title": title,
        "sections": [
            (unit, month, mark_safe("\n".join(figures)))  # noqa: S308 - escaped in _figure
            for (unit, month), figures in sections.items()
        ],
        "examples": examples,
    }
    html = render_to_string("archive/offline/index.html", context)
    return html.encode("utf-8")
