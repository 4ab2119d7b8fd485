"""The pages for people: paste or drop a draft and see the answer; a meeting's lifts as a
calendar.  Each page renders the same view result the API returns as JSON, through the same
HTML format ``embargo check --format html`` uses.  Templates are autoescaped: every piece of
draft, feed and catalogue text is shown as text."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from embargo.model import Kind
from embargo.reports.formats.html import HtmlFormat, stylesheet
from embargo.timeparse import get_zone
from embargo.web import views
from embargo.web.endpoints import one, params, run_check, sessions, settings
from embargo.web.errors import ApiError
from embargo.web.guard import COOKIE, token_ok
from embargo.web.inputs import read_check
from embargo.web.session import Loaded

_ENV = Environment(loader=PackageLoader("embargo.web", "templates"), autoescape=True,
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("verdict", None)
    html = _ENV.get_template(name).render(
        path=request.url.path, auth=settings(request).token is not None, **context)
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


def error_page(request: Request, e: ApiError) -> Response:
    if e.status == 401:
        resp = page(request, "login.html.j2", status=401, message=e.message)
    else:
        resp = page(request, "error.html.j2", status=e.status, error=e)
    resp.headers.update(e.headers)
    return resp


async def _meetings(request: Request) -> list[tuple[str, str]]:
    return await sessions(request).run(
        lambda s: [(p.id, p.meeting.name) for p in s.emb.policies])


def _form(values: dict[str, Any] | None = None) -> dict[str, Any]:
    base = {"text": "", "kind": "", "at": "", "meeting": "", "abstracts": ""}
    base.update(values or {})
    return base


async def _sent(request: Request) -> dict[str, Any]:
    """The text fields of the form as they were posted (the parsed form is cached)."""
    try:
        async with request.form() as form:
            return _form({k: v for k in ("text", "kind", "at", "meeting", "abstracts")
                          if isinstance(v := form.get(k), str)})
    except Exception:  # an unreadable body: start again from an empty form
        return _form()


async def index(request: Request) -> Response:
    params(request, ())
    return page(request, "index.html.j2", form=_form(), meetings=await _meetings(request),
                kinds=[k.value for k in Kind], result=None, found=None, error=None)


async def check_page(request: Request) -> Response:
    """The form's answer: the same judgement as ``POST /v1/check``, rendered as HTML."""
    meetings = await _meetings(request)
    try:
        inp = await read_check(request, settings(request).max_bytes)
        if inp.format != "json":
            raise ApiError(400, "the page shows its own view; use POST /v1/check for other "
                           "formats", "format")
        result, _, _ = await run_check(request, inp)
    except ApiError as e:
        if e.status in (401, 413, 415, 503):
            raise
        # the form comes back as it was sent, with the error above it
        return page(request, "index.html.j2", status=e.status, form=await _sent(request),
                    meetings=meetings, kinds=[k.value for k in Kind], result=None,
                    found=None, error=e)
    j = result.judgement
    shown = "" if inp.source != "-" else inp.raw.decode("utf-8", "replace")
    form = _form({"text": shown, "kind": inp.kind or "", "at": inp.at or "",
                  "meeting": inp.meeting or "", "abstracts": ", ".join(inp.abstracts)})
    fragment = HtmlFormat().render_fragment([j], result.ctx, heading_level=3)
    found = {"kind": j.item.kind.kind.value, "kind_source": j.item.kind.source,
             "published": views.reader_time(j.item.published_at, result.ctx.zone),
             "note": j.item.published_at_note,
             "file": inp.source if inp.source != "-" else None}
    return page(request, "index.html.j2", form=form, meetings=meetings,
                kinds=[k.value for k in Kind], result=fragment, found=found, error=None,
                verdict=j.verdict.value)


async def calendar_page(request: Request) -> Response:
    p = params(request, ("meeting", "kind", "zone"))
    meeting, kinds, zone = one(p, "meeting"), p.get("kind", []), one(p, "zone")
    if zone is not None:
        try:
            get_zone(zone)
        except Exception:
            raise ApiError(400, f"unknown time zone {zone!r}", "zone") from None
    meetings = await _meetings(request)
    if not meeting:
        return page(request, "calendar.html.j2", meetings=meetings, meeting=None, ls=None,
                    months=[], undated=[], zone=zone, ics=None)

    def work(s: Loaded) -> views.Lifts:
        return views.lifts(s.emb, meeting, kinds, s.cache)

    ls = await sessions(request).run(work)
    months, undated = views.months(ls, zone)
    query = [("meeting", meeting), *[("kind", k) for k in kinds]]
    return page(request, "calendar.html.j2", meetings=meetings, meeting=meeting, ls=ls,
                months=months, undated=undated, zone=zone,
                ics="/v1/calendar.ics?" + urlencode(query),
                api="/v1/lifts?" + urlencode(query))


async def login(request: Request) -> Response:
    token = settings(request).token
    if request.method == "GET":
        return page(request, "login.html.j2", message=None)
    async with request.form(max_files=0, max_fields=2) as form:
        given = form.get("token")
    if token is None:
        return RedirectResponse("/", status_code=303)
    if not isinstance(given, str) or not token_ok(token, given.strip()):
        return page(request, "login.html.j2", status=401, message="the token is not valid")
    resp = RedirectResponse("/", status_code=303)
    resp.set_cookie(COOKIE, given.strip(), httponly=True, samesite="strict",
                    secure=request.url.scheme == "https", path="/")
    return resp


async def check_css(request: Request) -> Response:
    return Response(stylesheet(), media_type="text/css; charset=utf-8",
                    headers={"Cache-Control": "max-age=300"})


ROUTES = [
    Route("/", index, methods=["GET"]),
    Route("/", check_page, methods=["POST"]),
    Route("/calendar", calendar_page, methods=["GET"]),
    Route("/login", login, methods=["GET", "POST"]),
    Route("/static/check.css", check_css, methods=["GET"]),
]
