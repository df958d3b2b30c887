"""Outgoing e-mail: every message is a template triplet (`<name>-subject.txt`,
`<name>-body.txt`, `<name>-body.html`) rendered in the site's language and sent by the
worker, never inside a request. Each mail is kept as a row (dienhinh/mail) whose state
follows its delivery, so a mail is retried, and never lost when a worker dies mid-send."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from dienhinh.mail.services import mail_queue


def send_email(
    *, subject: str, body: str, to: list[str], html: str | None = None, template: str = ""
) -> None:
    """Keep one e-mail and hand it to the worker, which sends and retries it."""
    mail_queue(to=to, subject=subject, body=body, html=html or "", template=template)


def render_email(template: str, context: dict, *, language: str = "") -> dict:
    """Subject, text and HTML of the triplet `template` (e.g. "nominations/emails/status"),
    in `language` (the recipient's), else the site's."""
    context = {"site_url": settings.DIENHINH_SITE_URL.rstrip("/"), **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}-subject.txt", context)
        return {
            "subject": " ".join(subject.split()),
            "body": render_to_string(f"{template}-body.txt", context),
            "html": render_to_string(f"{template}-body.html", context),
        }


def email_queue(*, template: str, context: dict, to: list[str], language: str = "") -> None:
    """Render the triplet now and hand it to the worker. Call it from
    `transaction.on_commit`, so nothing leaves for a change that was rolled back."""
    if to:
        send_email(
            to=sorted(set(to)),
            template=template,
            **render_email(template, context, language=language),
        )
