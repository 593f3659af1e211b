"""The analyst's desk: one process serving the REST API (``/api``) and the dashboard (``/``).

``create_app`` builds the FastAPI application over a store object or a database
path; ``serve`` runs it with uvicorn (``eventwire serve``). The dashboard is a
pre-built bundle in ``static/`` (built from ``frontend/`` with npm at development
time), so installing eventwire needs neither npm nor any CDN, and the page works
offline under a strict Content-Security-Policy.

Every error, whatever raised it, leaves as ``{"error": {code, type, message, hint}}``.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import Settings
from ..errors import ConfigError, EventwireError, ModelError
from .api import Ingester, PageCache, router
from .security import SecurityHeadersMiddleware, content_security_policy, error_body

__all__ = ["create_app", "serve", "app_from_environment"]

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
INDEX_HTML = HERE / "templates" / "index.html"
# Dashboard routes: the single-page app reads the rest of its state from the query string.
PAGES = ("/", "/event", "/storyline", "/storylines", "/article", "/docs")
# How ``serve(workers=N)`` hands its arguments to the worker processes uvicorn spawns.
SERVE_ENV = "EVENTWIRE_SERVE_CONFIG"

_HTTP_CODES = {400: "E400", 401: "E401", 403: "E403", 404: "E404", 405: "E405", 413: "E413", 422: "E422"}
_HINTS = {
    404: "see /openapi.json (or the API page at /docs) for the routes this server answers",
    405: "see /openapi.json for the methods each route accepts",
}


class _StoreHolder:
    """Opens the store on first use, on the thread that serves requests (SQLite connections are per thread)."""

    def __init__(self, store_or_path: Any) -> None:
        if isinstance(store_or_path, (str, Path)):
            self.path: str | None = str(store_or_path)
            self._store: Any = None
        else:
            self.path = getattr(store_or_path, "path", None)
            self._store = store_or_path

    def get(self) -> Any:
        if self._store is None:
            from ..store import open_store  # type: ignore[attr-defined]

            self._store = open_store(self.path, create=False)
        return self._store

    def close(self) -> None:
        if self._store is not None and self.path is not None:
            try:
                self._store.close()
            finally:
                self._store = None


def _origin(url: str) -> str | None:
    parts = urlsplit(url.replace("{s}", "a"))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = urlsplit(url).netloc.replace("{s}.", "*.")
    return f"{parts.scheme}://{host}"


def create_app(store_or_path: Any, settings: Settings | None = None, ingest_token: str | None = None,
               tiles_url: str | None = None) -> FastAPI:
    """The API + dashboard over ``store_or_path`` (a Store, or a database path opened read-mostly).

    ``ingest_token`` enables ``POST /api/articles`` behind ``Authorization: Bearer <token>``.
    ``tiles_url`` (e.g. ``https://tile.openstreetmap.org/{z}/{x}/{y}.png``) adds an online base
    map; by default the map shows bundled country outlines only and the page makes no outside request.
    """
    settings = settings or Settings()
    tiles_url = tiles_url if tiles_url is not None else (getattr(settings, "map_tiles_url", "") or None)
    app = FastAPI(
        title="eventwire",
        summary="Conflict events resolved from news reports, with the evidence behind every field.",
        docs_url=None,  # Swagger UI would load from a CDN with inline script; /docs is our own page instead
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.stores = _StoreHolder(store_or_path)
    app.state.settings = settings
    app.state.ingest_token = ingest_token or None
    app.state.tiles_url = tiles_url
    app.state.ingester = Ingester(settings)
    app.state.stats_cache = {}
    app.state.page_cache = PageCache(getattr(settings, "api_page_cache", 256))

    @app.exception_handler(EventwireError)
    async def _eventwire_error(request: Request, exc: EventwireError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.http_status == 401 else None
        if exc.http_status >= 500:
            log.error("request %s failed: %s", request.url.path, exc)
        return JSONResponse({"error": exc.as_dict()}, status_code=exc.http_status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
            problems.append(f"{err.get('loc', ('?',))[0]} {where or 'value'}: {err.get('msg')}")
        return JSONResponse(error_body(
            "E422", "ValidationError", "; ".join(problems) or "invalid request",
            f"see /openapi.json for the parameters of {request.method} {request.url.path}",
        ), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        status = exc.status_code
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if status == 404:
            message = f"nothing at {request.url.path}"
        return JSONResponse(error_body(_HTTP_CODES.get(status, f"E{status}"), "HTTPError", message, _HINTS.get(status)),
                            status_code=status, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:  # pragma: no cover - middleware catches first
        log.exception("unhandled error serving %s", request.url.path)
        return JSONResponse(error_body("E500", "InternalError", "the server failed while answering this request",
                                       "this is a bug; the server log has the traceback"), status_code=500)

    app.include_router(router)

    index = INDEX_HTML.read_bytes() if INDEX_HTML.is_file() else b""

    async def _page() -> Response:
        if not index:
            raise ModelError("the dashboard files are missing from this installation",
                             hint="reinstall eventwire, or build them with `npm run build` in frontend/")
        return Response(index, media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-cache"})

    for path in PAGES:
        app.add_api_route(path, _page, methods=["GET"], include_in_schema=False)
    if STATIC_DIR.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    app.add_middleware(SecurityHeadersMiddleware, csp=content_security_policy(_origin(tiles_url) if tiles_url else None))
    return app


def app_from_environment() -> FastAPI:
    """The app of one uvicorn worker process: ``serve(workers=N)`` passes db and settings in ``SERVE_ENV``."""
    raw = os.environ.get(SERVE_ENV)
    if not raw:
        raise ConfigError(f"{SERVE_ENV} is not set", hint="start the server with `eventwire serve`")
    cfg = json.loads(raw)
    return create_app(cfg["db"], Settings(cfg["settings"]))


def serve(db_path: str, settings: Settings | None = None, host: str = "127.0.0.1", port: int = 8080,
          ingest_token: str | None = None, workers: int = 1) -> None:
    """Run the API and dashboard with uvicorn until interrupted (``eventwire serve``).

    ``workers`` > 1 runs that many processes on one socket (each with its own SQLite connection and
    caches), for read throughput on several cores. Ingestion needs one process: every ingest
    re-resolves the whole event layer, and two processes doing that at once could lose each other's work.
    uvicorn picks uvloop and httptools when they are installed (much cheaper per request than h11).
    """
    import uvicorn

    from ..store import open_store  # type: ignore[attr-defined]

    open_store(db_path, create=False).close()  # fail now (and migrate once), with the store's message
    if workers < 1:
        raise ConfigError(f"--workers {workers} is not a positive number", hint="use --workers 1 or more")
    if ingest_token and workers > 1:
        raise ConfigError("ingestion (--ingest-token) needs a single server process",
                          hint="drop --workers, or serve read-only with several workers")
    if ingest_token and host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("ingestion is enabled on %s; the bearer token travels in clear text unless a TLS proxy is in front",
                    host)
    options: dict[str, Any] = dict(host=host, port=port, log_level="warning", access_log=False, server_header=False)
    if workers == 1:
        uvicorn.run(create_app(db_path, settings, ingest_token=ingest_token), **options)
        return
    os.environ[SERVE_ENV] = json.dumps({"db": db_path, "settings": (settings or Settings()).as_dict()})
    uvicorn.run(f"{__name__}:app_from_environment", factory=True, workers=workers, **options)
