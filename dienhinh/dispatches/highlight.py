"""The dispatch text cut into plain and highlighted pieces, so the page can show beside each
field where it was read from."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "number": _("Number and symbol"),
    "date": _("Document date"),
    "issuer": _("Issued by"),
    "subject": _("Subject (V/v)"),
    "recipients": _("Addressees"),
    "distribution": _("Distribution"),
    "signer": _("Signer"),
    "references": _("Cited documents"),
    "quota": _("How many"),
    "deadlines": _("Deadlines"),
    "emails": _("E-mail"),
    "channels": _("Media"),
}


def _pairs(value) -> list[list[int]]:
    if not value:
        return []
    if isinstance(value[0], int):
        return [value]
    return [v for v in value if isinstance(v, list) and len(v) == 2]


def segments(text: str, spans: dict) -> list[tuple[str, str | None]]:
    """[(piece, field or None)], pieces in order; overlapping spans keep the first."""
    marks = sorted(
        (start, end, name)
        for name, value in spans.items()
        if name in LABELS
        for start, end in _pairs(value)
        if 0 <= start < end <= len(text)
    )
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for start, end, name in marks:
        if start < position:
            continue
        if start > position:
            pieces.append((text[position:start], None))
        pieces.append((text[start:end], name))
        position = end
    if position < len(text):
        pieces.append((text[position:], None))
    return pieces


def legend(spans: dict) -> list[tuple[str, str]]:
    return [(name, label) for name, label in LABELS.items() if spans.get(name)]
