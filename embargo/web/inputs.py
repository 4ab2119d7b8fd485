"""Reading a check request: a draft as JSON, a form (text or an uploaded file) or a raw body,
with the options of ``embargo check``.  Every refusal names its field."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request

from embargo.content.readers import REGISTRY as READERS
from embargo.errors import InputError
from embargo.model import Kind
from embargo.reports.formats import REGISTRY as FORMATS
from embargo.timeparse import get_zone
from embargo.web.errors import ApiError

#: The options of ``embargo check`` (``abstracts`` = repeated ``--abstract``), plus where the
#: draft comes from and, for the page, the reader's time zone.
OPTIONS = ("kind", "at", "meeting", "abstracts", "format", "input_format", "source", "zone")
FIELDS = ("text", *OPTIONS)
RAW_TYPES = {"text/plain": None, "text/markdown": "markdown", "text/x-markdown": "markdown",
             "text/html": "html", "message/rfc822": "eml", "application/octet-stream": None}


@dataclass(frozen=True)
class CheckInput:
    raw: bytes
    source: str = "-"
    kind: str | None = None
    at: str | None = None
    meeting: str | None = None
    abstracts: tuple[str, ...] = ()
    format: str = "json"
    input_format: str | None = None
    zone: str | None = None


def _one(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ApiError(400, f"must be a string, got {type(value).__name__}", name)
    value = value.strip()
    return value or None


def _ids(values: Iterable[Any]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        if not isinstance(v, str):
            raise ApiError(400, "must be abstract ids (strings) like acr-2024:1709", "abstracts")
        out.extend(x.strip() for x in v.split(",") if x.strip())
    for x in out:
        if ":" not in x:
            raise ApiError(400, f"{x!r} is not an abstract id: write MEETING:NUMBER, e.g. "
                           "acr-2024:1709", "abstracts")
    return tuple(dict.fromkeys(out))


def _unknown(keys: Iterable[str], allowed: tuple[str, ...], where: str) -> None:
    for k in keys:
        if k not in allowed:
            raise ApiError(400, f"unknown {where} {k!r}; allowed: {', '.join(allowed)}", k)


def build(raw: bytes | None, fields: Mapping[str, Any], *, default_source: str = "-",
          default_input_format: str | None = None) -> CheckInput:
    """Validate the options (as ``embargo check`` would) and make the input."""
    if raw is None:
        raise ApiError(400, "no draft: send it as `text`, as an uploaded `file`, or as the "
                       "request body (text/plain, text/markdown, text/html, message/rfc822)",
                       "text")
    if not raw.strip():
        raise ApiError(400, "the draft is empty", "text")
    kind = _one("kind", fields.get("kind"))
    if kind is not None and kind not in {k.value for k in Kind}:
        raise ApiError(400, f"unknown kind {kind!r}; use one of "
                       f"{', '.join(k.value for k in Kind)}", "kind")
    fmt = _one("format", fields.get("format")) or "json"
    if fmt not in FORMATS:
        raise ApiError(400, f"unknown format {fmt!r}; use one of {', '.join(sorted(FORMATS))}",
                       "format")
    input_format = _one("input_format", fields.get("input_format")) or default_input_format
    if input_format is not None and input_format not in READERS:
        raise ApiError(400, f"unknown draft format {input_format!r}; use one of "
                       f"{', '.join(sorted(READERS))}", "input_format")
    zone = _one("zone", fields.get("zone"))
    if zone is not None:
        try:
            get_zone(zone)
        except InputError as e:
            raise ApiError(400, e.message, "zone") from None
    abstracts = fields.get("abstracts") or ()
    if isinstance(abstracts, str):
        abstracts = [abstracts]
    if not isinstance(abstracts, list | tuple):
        raise ApiError(400, "must be a list of abstract ids", "abstracts")
    return CheckInput(
        raw=raw, source=_one("source", fields.get("source")) or default_source, kind=kind,
        at=_one("at", fields.get("at")), meeting=_one("meeting", fields.get("meeting")),
        abstracts=_ids(abstracts), format=fmt, input_format=input_format, zone=zone)


def _query(request: Request) -> dict[str, Any]:
    q = request.query_params
    _unknown(q.keys(), OPTIONS, "query parameter")
    out: dict[str, Any] = {k: q.get(k) for k in OPTIONS if k != "abstracts" and k in q}
    if "abstracts" in q:
        out["abstracts"] = q.getlist("abstracts")
    return out


async def read_check(request: Request, max_bytes: int) -> CheckInput:
    """The draft and options of a ``POST /v1/check`` (or of the page's form)."""
    fields = _query(request)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        try:
            doc = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError) as e:
            raise ApiError(400, f"the body is not valid JSON: {e}", "body") from None
        if not isinstance(doc, dict):
            raise ApiError(400, "the JSON body must be an object such as {\"text\": \"...\"}",
                           "body")
        _unknown(doc.keys(), FIELDS, "field")
        text = doc.get("text")
        if text is not None and not isinstance(text, str):
            raise ApiError(400, "must be a string (the draft itself)", "text")
        fields.update(doc)
        return build(text.encode("utf-8") if text is not None else None, fields)
    if ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        return await _form(request, fields, max_bytes)
    if ctype in RAW_TYPES or ctype == "":
        return build(await request.body(), fields, default_input_format=RAW_TYPES.get(ctype))
    raise ApiError(415, f"cannot read a {ctype} body: send application/json, a form "
                   "(multipart/form-data) or the draft as text/plain, text/markdown, text/html "
                   "or message/rfc822", "Content-Type")


async def _form(request: Request, fields: dict[str, Any], max_bytes: int) -> CheckInput:
    async with request.form(max_files=1, max_fields=len(FIELDS) + 8,
                            max_part_size=max_bytes) as form:
        _unknown([k for k in form if k != "file"], FIELDS, "form field")
        for k in OPTIONS:
            values = [v for v in form.getlist(k) if isinstance(v, str)]
            if k == "abstracts":
                if values:
                    fields["abstracts"] = values
            elif values:
                fields[k] = values[-1]
        raw: bytes | None = None
        source = "-"
        upload = form.get("file")
        if isinstance(upload, UploadFile) and upload.filename:
            raw = await upload.read()
            source = PurePath(upload.filename.replace("\\", "/")).name or "-"
        text = form.get("text")
        if raw is None and isinstance(text, str) and text.strip():
            # browsers send CRLF line ends from a textarea; the draft had LF
            raw = text.replace("\r\n", "\n").encode("utf-8")
        return build(raw, fields, default_source=source)
