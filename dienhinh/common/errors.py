"""The one exception for expected business failures.

Services raise it with a translated message; views show the message next to the field (or at
the top of the form) and nothing is saved, because every service runs in one transaction.
"""


class ApplicationError(Exception):
    """`code` is a stable machine name for the failure (the API reports it); `extra` holds
    what a page needs to offer a way out (e.g. the missing items a user may confirm)."""

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        code: str = "",
        extra: dict | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
        self.extra = extra or {}

    def __str__(self) -> str:
        return str(self.message)
