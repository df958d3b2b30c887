"""Other domains that must follow a change of consent in the same transaction register here.

An explicit list instead of a signal, so `publicity.consent_record` and
`publicity.consent_withdraw` name the step: publishing, for one, withdraws the items the
consent no longer covers and takes the story off the public portal and feeds
(dienhinh/publishing/consent.py, items_follow_consent).
"""

from collections.abc import Callable

_AFTER_CONSENT_CHANGE: list[Callable] = []


def register_after_consent_change(callback: Callable) -> None:
    if callback not in _AFTER_CONSENT_CHANGE:
        _AFTER_CONSENT_CHANGE.append(callback)


def run_after_consent_change(*, actor, nomination, removed: set[str], reason: str) -> None:
    """Called inside the consent service's transaction with the channels no longer covered
    (all of them when the consent is withdrawn)."""
    for callback in _AFTER_CONSENT_CHANGE:
        callback(actor=actor, nomination=nomination, removed=set(removed), reason=reason)
