"""One exception tree. Every user-facing message says what happened and what to do.

The CLI turns an :class:`EventwireError` into one line on stderr and exit status
``err.exit_code``; the API turns it into one JSON error shape. Per-article
problems become :class:`ArticleError` and end in quarantine, never in a crash.
"""

from __future__ import annotations

__all__ = [
    "EventwireError",
    "ConfigError",
    "InputError",
    "ArticleError",
    "ModelError",
    "StoreError",
    "GazetteerError",
    "NotFound",
    "ParameterError",
    "PayloadTooLarge",
    "AuthError",
    "ForbiddenError",
]


class EventwireError(Exception):
    """Base class. ``code`` is stable and machine-readable; the message is for people."""

    code = "E000"
    exit_code = 1
    http_status = 500

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "type": type(self).__name__, "message": self.message, "hint": self.hint}


class ConfigError(EventwireError):
    """A setting or option is wrong."""

    code = "E100"
    exit_code = 2
    http_status = 400


class InputError(EventwireError):
    """A whole input (file, folder, URL) cannot be read at all."""

    code = "E200"
    exit_code = 2
    http_status = 400


class ArticleError(EventwireError):
    """One article cannot be processed; the run goes on and the article is quarantined."""

    code = "E210"
    http_status = 422

    def __init__(self, message: str, *, reason: str = "invalid", hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.reason = reason


class ModelError(EventwireError):
    """A language model or packaged resource is missing."""

    code = "E300"
    exit_code = 3


class GazetteerError(EventwireError):
    """The place index is missing, stale or cannot be built."""

    code = "E310"
    exit_code = 3


class StoreError(EventwireError):
    """The database cannot be opened, migrated or written."""

    code = "E400"
    exit_code = 4


class NotFound(EventwireError):
    """A requested object (event, article, storyline) does not exist."""

    code = "E404"
    exit_code = 5
    http_status = 404


class ParameterError(EventwireError):
    """A query parameter is present but cannot be understood."""

    code = "E422"
    http_status = 422


class PayloadTooLarge(EventwireError):
    """A request body is larger than the server accepts."""

    code = "E413"
    http_status = 413


class AuthError(EventwireError):
    """The request needs a bearer token and had none (or a malformed header)."""

    code = "E401"
    http_status = 401


class ForbiddenError(EventwireError):
    """The bearer token was given but is wrong, or the action is disabled on this server."""

    code = "E403"
    http_status = 403
