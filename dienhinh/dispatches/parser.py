"""Read a dispatch's text into the fields of docs/dispatch-parsing.md.

Pure: text in, a JSON-ready dict out, no database. Each rule lives in `header.py` (the
administrative frame) or `body.py` (what is asked), and reports the span it read, so the
interface can highlight it and the user can see why a value is there. A field the text does
not give is `None` or `[]`; nothing is inferred from outside the text.
"""

from . import body, header, prose
from .textview import TextView

KEYS = (
    "number",
    "symbol",
    "date",
    "issuer",
    "issuer_above",
    "subject",
    "recipients",
    "distribution",
    "signer",
    "references",
    "asks_for_examples",
    "cadence",
    "quota",
    "deadlines",
    "emails",
    "channels",
)


def _from_prose(view: TextView, out: dict, spans: dict) -> None:
    """No "Số:" line: the dispatch the text reports in running prose (news posts)."""
    found = prose.reported(view)
    if found is None:
        return
    out["number"], spans["number"] = found.number, found.span
    out["symbol"] = found.number.split("/", 1)[1] if "/" in found.number else None
    if found.date:
        out["date"], spans["date"] = found.date, found.span
    if found.issuer:
        out["issuer"], out["issuer_above"] = found.issuer, None
    if found.subject:
        out["subject"] = found.subject


def parse_text(text: str) -> dict:
    view = TextView(text)
    spans: dict = {}
    out: dict = {}

    out["number"], out["symbol"], spans["number"] = header.number(view)
    out["date"], spans["date"] = header.document_date(view)
    out["issuer"], spans["issuer"], out["issuer_above"] = header.issuer(view)
    out["subject"], spans["subject"] = header.subject(view)
    if out["subject"] is None:
        out["subject"], spans["subject"] = header.title(view)
    if out["number"] is None and out["symbol"] is None:
        _from_prose(view, out, spans)
    out["recipients"], spans["recipients"] = header.recipients(view)
    out["distribution"], spans["distribution"] = header.distribution(view)
    out["signer"], spans["signer"] = header.signer(view)
    out["references"], spans["references"] = body.references(view, out["number"])

    asks = body.ask_sentences(view)
    out["asks_for_examples"] = bool(asks)
    spans["asks_for_examples"] = [view.to_text(m.start(), m.end()) for m in asks]
    out["deadlines"], spans["deadlines"] = body.deadlines(view)
    out["cadence"] = body.cadence(view, out["deadlines"], asks)
    out["quota"], spans["quota"] = body.quota(view, asks)
    out["emails"], spans["emails"] = body.emails(view)
    out["channels"], spans["channels"] = body.channels(view)

    result = {key: out[key] for key in KEYS}
    result["spans"] = {key: value for key, value in spans.items() if value}
    return result
