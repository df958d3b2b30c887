"""The one exception for expected business failures.

Services raise it with a translated message; views show the message next to the field (or at
the top of the form) and nothing is saved, because every service runs in one transaction.
"""


class ApplicationError(Exception):
    def __init__(self, message: str, *, field: str | None = None, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}

    def __str__(self) -> str:
        return str(self.message)
