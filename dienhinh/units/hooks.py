"""Other domains that must follow a restructure in the same transaction register here.

An explicit list instead of a signal, so the restructure services name the step: the
reporting cycles, for one, move the expected units of open periods from ended units to
their successors (dienhinh/cycles/services.py, expected_follow_restructure).
"""

from collections.abc import Callable

_AFTER_RESTRUCTURE: list[Callable] = []


def register_after_restructure(callback: Callable) -> None:
    if callback not in _AFTER_RESTRUCTURE:
        _AFTER_RESTRUCTURE.append(callback)


def run_after_restructure(*, event, actor) -> None:
    """Called by every restructure service, inside its transaction, once its rows are written."""
    for callback in _AFTER_RESTRUCTURE:
        callback(event=event, actor=actor)
