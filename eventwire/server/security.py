"""HTTP hardening for the API and dashboard: security headers, one error shape, bearer tokens.

Everything is served from our own origin (no CDN, no inline script), so the
Content-Security-Policy can be strict. The middleware is plain ASGI (no
per-request task switching) and is also the last line of defence: an exception
that escapes every handler becomes the same JSON error shape as any other error,
with the same headers, instead of a bare text 500.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any, Awaitable, Callable, MutableMapping

from ..errors import AuthError, EventwireError, ForbiddenError

__all__ = [
    "content_security_policy",
    "SecurityHeadersMiddleware",
    "error_body",
    "check_bearer",
    "AuthError",
    "ForbiddenError",
]

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]




def content_security_policy(tile_origin: str | None = None) -> str:
    """The dashboard's CSP: our own origin only; map tiles only when an online tile server is configured."""
    img = "'self' data:" + (f" {tile_origin}" if tile_origin else "")
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        f"img-src {img}",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def error_body(code: str, type_: str, message: str, hint: str | None = None) -> dict[str, Any]:
    """The one JSON error shape every endpoint returns."""
    return {"error": {"code": code, "type": type_, "message": message, "hint": hint}}


class SecurityHeadersMiddleware:
    """Adds security headers to every response and turns escaped exceptions into a JSON 500."""

    def __init__(self, app: ASGIApp, csp: str) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"permissions-policy", b"geolocation=(), camera=(), microphone=()"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in self.headers if h[0] not in names
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("unhandled error serving %s", scope.get("path"))
            if started:  # too late for a clean error; the client sees a cut response
                raise
            body = json.dumps(error_body(
                "E500", "InternalError", "the server failed while answering this request",
                "this is a bug; the server log has the traceback",
            )).encode()
            await send_with_headers({
                "type": "http.response.start",
                "status": 500,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
            })
            await send({"type": "http.response.body", "body": body})


def check_bearer(authorization: str | None, token: str | None) -> None:
    """Raise unless ``authorization`` is ``Bearer <token>``; compares in constant time."""
    if not token:
        raise ForbiddenError(
            "ingestion is disabled on this server",
            hint="start the server with --ingest-token (or EVENTWIRE_INGEST_TOKEN) to enable POST /api/articles",
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise AuthError("this endpoint needs a bearer token", hint="send the header 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ForbiddenError("the bearer token is not valid", hint="use the token the server was started with")
