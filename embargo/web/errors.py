"""Errors as data, in one place: every refusal becomes ``{"ok": false, "error": "...",
"field": ...}`` with its status (or the same sentence on an HTML page), never a traceback."""

from __future__ import annotations

import logging
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from embargo.errors import InputError

log = logging.getLogger("embargo.serve")

#: Paths answered in JSON; everything else is a page for people.
API_PREFIXES = ("/v1/", "/healthz", "/openapi.json")


class ApiError(Exception):
    """A request the service refuses: HTTP status, one line, and the field at fault."""

    def __init__(self, status: int, message: str, field: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = " ".join(message.split())
        self.field = field
        self.headers = headers or {}

    @classmethod
    def from_input(cls, e: InputError, status: int = 422, field: str | None = None
                   ) -> ApiError:
        """A user-input error from the library: its one-line text, naming its field."""
        return cls(status, str(e), field or e.key)


def wants_json(path: str) -> bool:
    return path.startswith(API_PREFIXES)


def error_body(e: ApiError) -> dict[str, Any]:
    body: dict[str, Any] = {"ok": False, "error": e.message, "status": e.status}
    if e.field:
        body["field"] = e.field
    return body


def render_error(request: Request, e: ApiError) -> Response:
    if wants_json(request.url.path):
        return JSONResponse(error_body(e), status_code=e.status, headers=e.headers)
    from embargo.web.pages import error_page

    return error_page(request, e)


async def on_api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return render_error(request, exc)


async def on_input_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, InputError)
    return render_error(request, ApiError.from_input(exc))


_HTTP_WORDS = {404: "no such page or resource", 405: "method not allowed here"}


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = _HTTP_WORDS.get(exc.status_code, str(exc.detail))
    if exc.status_code == 405:
        allowed = (exc.headers or {}).get("Allow")
        message += f" (allowed: {allowed})" if allowed else ""
    return render_error(request, ApiError(exc.status_code, f"{request.url.path}: {message}",
                                          headers=dict(exc.headers or {})))


async def on_unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return render_error(request, ApiError(
        500, f"unexpected error: {type(exc).__name__} (the server log has the details; "
        "please report it)"))


HANDLERS: dict[Any, Any] = {
    ApiError: on_api_error,
    InputError: on_input_error,
    HTTPException: on_http_error,
    Exception: on_unexpected,
}
