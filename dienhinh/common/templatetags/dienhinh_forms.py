"""Render form fields with the Bootstrap classes and ARIA links the pages need, so forms
themselves (including Django's own auth forms) stay free of presentation."""

from django import template

register = template.Library()


@register.filter
def widget(field):
    """The field's widget with the right Bootstrap class, error state and help link."""
    kind = getattr(field.field.widget, "input_type", "") or ""
    if kind == "checkbox":
        css = "form-check-input"
    elif kind == "select" or field.field.widget.__class__.__name__.endswith("Select"):
        css = "form-select"
    else:
        css = "form-control"
    attrs = {"class": css + (" is-invalid" if field.errors else "")}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
