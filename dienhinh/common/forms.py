"""Small helpers shared by the forms of several domains."""

from .errors import ApplicationError


def errors_text(form) -> str:
    """All of a form's errors as one sentence, for a message on the page it returns to
    (small forms posted from another page, whose fields are not redrawn)."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def add_application_error(form, error: ApplicationError) -> None:
    """Show a service's refusal next to the field it names, or at the top of the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)
