"""Background jobs of the accounts domain: thin wrappers that the worker runs."""

from django.core.mail import EmailMultiAlternatives
from huey.contrib.djhuey import db_task


@db_task(retries=3, retry_delay=60)
def send_email(*, subject: str, body: str, to: list[str], html: str | None = None) -> None:
    """Send one e-mail; retried by the worker if the mail server is briefly unreachable."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
