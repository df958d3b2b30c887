"""Show an event's `changes` as short readable lines instead of a raw dictionary."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

FIELD_LABELS = {
    "name": _("Name"),
    "short_name": _("Short name"),
    "abbreviation": _("Abbreviation"),
    "code": _("Official code"),
    "kind": _("Kind"),
    "emails": _("Contact e-mails"),
    "parent": _("Parent unit"),
    "on": _("Effective date"),
    "valid_from": _("Valid from"),
    "legal_basis": _("Legal basis"),
    "successor": _("Successor"),
    "sources": _("Merged units"),
    "into": _("Into"),
    "ended": _("Units ended"),
    "role": _("Role"),
    "user": _("User"),
    "title": _("Title"),
    "path": _("Address"),
    "action": _("Action"),
    "method": _("Method"),
    "added": _("Added"),
    "removed": _("Removed"),
    "reason": _("Reason"),
}


def _text(value) -> str:
    if isinstance(value, dict) and "repr" in value:
        return str(value["repr"])
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value) or "—"
    if value in (None, ""):
        return "—"
    return str(value)


@register.filter
def change_lines(changes) -> list[tuple[str, str]]:
    """[(label, text)]: a [old, new] pair reads "old → new"."""
    lines = []
    for key, value in (changes or {}).items():
        label = str(FIELD_LABELS.get(key, key))
        if (
            isinstance(value, list)
            and len(value) == 2
            and key not in {"sources", "ended", "added", "removed"}
        ):
            lines.append((label, f"{_text(value[0])} → {_text(value[1])}"))
        else:
            lines.append((label, _text(value)))
    return lines
