"""Contact e-mail lists: cleaned and validated before they are stored."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from .errors import ApplicationError


def normalise_emails(emails) -> list[str]:
    """Trim, lower-case and de-duplicate; refuse anything that is not an address."""
    if isinstance(emails, str):
        emails = emails.replace(";", ",").replace("\n", ",").split(",")
    cleaned: list[str] = []
    for raw in emails or []:
        address = str(raw).strip().lower()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError as exc:
            raise ApplicationError(
                _("%(address)s is not a valid e-mail address.") % {"address": address},
                field="emails",
            ) from exc
        if address not in cleaned:
            cleaned.append(address)
    return cleaned
