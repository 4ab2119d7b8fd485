"""Who may ask, and how much: the bearer token and the request size limit.

One mechanism for every route (as Datasette asks one permission check for every view): when
the service has a token, each request must carry ``Authorization: Bearer <token>`` or the
``embargo_token`` cookie that the sign-in page sets (HttpOnly, SameSite=Strict), except the
health check, the static files and the sign-in page itself.  Request bodies larger than
``max_bytes`` are refused with 413 as soon as the declared length, or the bytes received, pass
the limit; the excess is never read into memory.
"""

from __future__ import annotations

import hmac

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from embargo.web.errors import ApiError, render_error

COOKIE = "embargo_token"
OPEN_PATHS = ("/healthz", "/static/", "/login", "/favicon.ico")
#: On every response: no outside scripts, styles, frames or form targets (the page needs none),
#: and an answer about a draft is never cached.
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self'; "
     b"img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
     b"frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


def token_ok(expected: str, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(expected.encode(), given.encode())


def presented_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.cookies.get(COOKIE)


class Guard:
    """ASGI middleware: token check, then a body-size limit on what the app reads."""

    def __init__(self, app: ASGIApp, *, token: str | None, max_bytes: int) -> None:
        self.app = app
        self.token = token
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, inner_send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, inner_send)
            return

        async def send(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *[h for h in SECURITY_HEADERS if h[0] not in have]]
            await inner_send(message)

        request = Request(scope)
        if self.token is not None and not scope["path"].startswith(OPEN_PATHS) and not \
                token_ok(self.token, presented_token(request)):
            given = request.headers.get("authorization") or request.cookies.get(COOKIE)
            err = ApiError(401, "a valid bearer token is required (Authorization: Bearer "
                           "<token>)" if not given else "the token is not valid",
                           field="Authorization",
                           headers={"WWW-Authenticate": 'Bearer realm="embargo"'})
            await render_error(request, err)(scope, receive, send)
            return
        limit = self.max_bytes
        declared = request.headers.get("content-length")
        if declared is not None:
            try:
                too_big = int(declared) > limit
            except ValueError:
                too_big = False
            if too_big:
                err = ApiError(413, f"the request body is {int(declared):,} bytes; the limit is "
                               f"{limit:,} bytes ([serve] max_bytes)", field="body",
                               headers={"Connection": "close"})
                await render_error(request, err)(scope, receive, send)
                return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise ApiError(413, f"the request body is larger than the limit of "
                                   f"{limit:,} bytes ([serve] max_bytes)", field="body",
                                   headers={"Connection": "close"})
            return message

        await self.app(scope, limited, send)
