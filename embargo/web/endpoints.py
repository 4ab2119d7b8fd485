"""The HTTP API under ``/v1``: each endpoint reads its input, runs one view on the judging
thread and renders the view's result as JSON (the CLI's own format where the CLI has one)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from embargo.engine import exit_code
from embargo.reports.ics import calendar as ics_calendar
from embargo.timeparse import iso, now_utc
from embargo.web import views
from embargo.web.errors import ApiError
from embargo.web.inputs import CheckInput, read_check
from embargo.web.session import Loaded, Sessions, keep_draft
from embargo.web.settings import ServeSettings


def sessions(request: Request) -> Sessions:
    s: Sessions = request.app.state.sessions
    return s


def settings(request: Request) -> ServeSettings:
    s: ServeSettings = request.app.state.settings
    return s


def params(request: Request, allowed: Iterable[str]) -> dict[str, list[str]]:
    """Query parameters, refusing unknown ones (naming the allowed)."""
    allowed = tuple(allowed)
    q = request.query_params
    for k in q:
        if k not in allowed:
            raise ApiError(400, f"unknown query parameter {k!r}; allowed: "
                           f"{', '.join(allowed) or 'none'}", k)
    return {k: [v.strip() for v in q.getlist(k) if v.strip()] for k in allowed if k in q}


def one(p: dict[str, list[str]], name: str) -> str | None:
    values = p.get(name) or []
    return values[-1] if values else None


async def run_check(request: Request, inp: CheckInput
                    ) -> tuple[views.CheckResult, str, dict[str, float]]:
    """Judge and render on the judging thread; keep the draft only if the config says so.
    Also returns how long judging and rendering took (milliseconds)."""
    keep = settings(request).keep_drafts

    def work(loaded: Loaded) -> tuple[views.CheckResult, str, dict[str, float]]:
        t0 = time.perf_counter()
        result = views.check(loaded.emb, inp)
        t1 = time.perf_counter()
        text = result.render(inp.format)
        t2 = time.perf_counter()
        if keep is not None:
            json_text = text if inp.format == "json" else result.render("json")
            keep_draft(keep, inp.raw, inp.source, json_text)
        return result, text, {"judge": (t1 - t0) * 1000, "render": (t2 - t1) * 1000}

    return await sessions(request).run(work)


async def check(request: Request) -> Response:
    inp = await read_check(request, settings(request).max_bytes)
    result, text, timing = await run_check(request, inp)
    j = result.judgement
    return Response(text, media_type=views.MEDIA_TYPES[inp.format], headers={
        "Embargo-Verdict": j.verdict.value, "Embargo-Exit-Code": str(exit_code([j])),
        "Cache-Control": "no-store",
        "Server-Timing": ", ".join(f"{k};dur={v:.1f}" for k, v in timing.items())})


def _json(doc: Any, status: int = 200) -> Response:
    return Response(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", status_code=status,
                    media_type="application/json")


async def when(request: Request) -> Response:
    p = params(request, ("kind",))
    abstract_id = request.path_params["abstract_id"]
    kind = one(p, "kind")
    return _json(await sessions(request).run(lambda s: views.when(s.emb, abstract_id, kind)))


async def policy_list(request: Request) -> Response:
    params(request, ())
    return _json(await sessions(request).run(lambda s: views.policies(s.emb)))


async def policy_one(request: Request) -> Response:
    params(request, ())
    mid = request.path_params["meeting_id"]
    return _json(await sessions(request).run(lambda s: views.policy(s.emb, mid)))


async def abstract_search(request: Request) -> Response:
    p = params(request, ("q", "meeting", "limit"))
    q = one(p, "q")
    if not q:
        raise ApiError(400, "give the words to search for, e.g. ?q=lupus nephritis", "q")
    raw_limit = one(p, "limit") or "20"
    if not raw_limit.isdigit() or not 1 <= int(raw_limit) <= 200:
        raise ApiError(400, "must be a whole number from 1 to 200", "limit")
    meeting, limit = one(p, "meeting"), int(raw_limit)
    return _json(await sessions(request).run(
        lambda s: views.abstracts(s.emb, q, meeting, limit)))


async def abstract_one(request: Request) -> Response:
    params(request, ())
    aid = request.path_params["abstract_id"]
    return _json(await sessions(request).run(lambda s: views.abstract(s.emb, aid)))


def _meeting(p: dict[str, list[str]]) -> str:
    meeting = one(p, "meeting")
    if not meeting:
        raise ApiError(400, "name the meeting, e.g. ?meeting=acr-2024 (GET /v1/policies lists "
                       "them)", "meeting")
    return meeting


async def lifts(request: Request) -> Response:
    p = params(request, ("meeting", "kind"))
    meeting, kinds = _meeting(p), p.get("kind", [])
    ls = await sessions(request).run(lambda s: views.lifts(s.emb, meeting, kinds, s.cache))
    return _json(views.lifts_json(ls))


async def calendar_ics(request: Request) -> Response:
    p = params(request, ("meeting", "kind"))
    meeting, kinds = _meeting(p), p.get("kind", [])

    def work(s: Loaded) -> str:
        ls = views.lifts(s.emb, meeting, kinds, s.cache)
        groups = [g for g in ls.groups if g.when is not None or g.day is not None]
        return ics_calendar(groups, name=f"Embargo lifts: {ls.meeting}",
                            reminders=sorted(set(s.emb.config.daemon.lift_leads),
                                             reverse=True),
                            sources={ls.meeting: list(ls.sources)}, stamp=now_utc())

    text = await sessions(request).run(work)
    return Response(text, media_type="text/calendar; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{meeting}-lifts.ics"'})


async def healthz(request: Request) -> Response:
    s = sessions(request)
    try:
        loaded = await s.info()
    except ApiError as e:
        return JSONResponse({"ok": False, "error": e.message, "status": 503}, status_code=503)
    emb = loaded.emb
    count = await s.run(lambda x: x.emb.catalog.count())
    return JSONResponse({
        "ok": True, "policies": len(emb.policies), "abstracts": count,
        "catalog": str(emb.catalog.path), "loaded_at": iso(loaded.loaded_at),
        "generation": loaded.generation, "load_seconds": round(loaded.seconds, 3),
        "auth": settings(request).token is not None})


async def openapi(request: Request) -> Response:
    from embargo.web.openapi import document

    return JSONResponse(document())


ROUTES = [
    Route("/v1/check", check, methods=["POST"]),
    Route("/v1/when/{abstract_id}", when, methods=["GET"]),
    Route("/v1/policies", policy_list, methods=["GET"]),
    Route("/v1/policies/{meeting_id}", policy_one, methods=["GET"]),
    Route("/v1/abstracts", abstract_search, methods=["GET"]),
    Route("/v1/abstracts/{abstract_id}", abstract_one, methods=["GET"]),
    Route("/v1/lifts", lifts, methods=["GET"]),
    Route("/v1/calendar.ics", calendar_ics, methods=["GET"]),
    Route("/healthz", healthz, methods=["GET"]),
    Route("/openapi.json", openapi, methods=["GET"]),
]
