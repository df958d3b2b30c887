"""Small helpers shared by the forms of several domains."""


def errors_text(form) -> str:
    """All of a form's errors as one sentence, for a message on the page it returns to
    (small forms posted from another page, whose fields are not redrawn)."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)
