"""The OpenAPI 3.1 document of the HTTP API, written by hand (the schemas are the JSON the CLI
prints; a test checks the document is valid, lists every route, and that real answers match
their schemas)."""

from __future__ import annotations

from typing import Any

from embargo import __version__
from embargo.model import Kind, Tier, Verdict
from embargo.reports.formats import REGISTRY as FORMATS

_KINDS = [k.value for k in Kind]
_STR_OR_NULL: dict[str, Any] = {"type": ["string", "null"]}
_INSTANT: dict[str, Any] = {"type": ["string", "null"], "format": "date-time",
                            "description": "ISO 8601 with offset; null when unknown"}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": _ref("Error")}}}


def _json(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _q(name: str, description: str, *, required: bool = False,
       schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "description": description,
            "schema": schema or {"type": "string"}}


def _p(name: str, description: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": {"type": "string"}}


_OPTIONS: dict[str, Any] = {
    "kind": {"type": "string", "enum": _KINDS, "description": "who publishes it (--kind)"},
    "at": {"type": "string", "description": "publication time, ISO 8601 or e.g. "
           "'2024-11-14 09:30 ET' (--at); default: the draft's own, else now"},
    "meeting": {"type": "string", "description": "the meeting it is about (--meeting)"},
    "abstracts": {"type": "array", "items": {"type": "string"},
                  "description": "abstract ids it is about (--abstract, repeatable)"},
    "format": {"type": "string", "enum": sorted(FORMATS), "default": "json",
               "description": "output format (--format)"},
    "input_format": {"type": "string", "enum": ["eml", "html", "markdown", "text"],
                     "description": "read the draft as this format (--input-format)"},
    "source": {"type": "string", "description": "the item's source as reported (default "
               "'-', or the uploaded file's name)"},
    "zone": {"type": "string", "description": "IANA zone for human-readable times "
             "(text and html formats)"},
}

_SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object", "required": ["ok", "error", "status"],
        "properties": {"ok": {"const": False}, "error": {"type": "string"},
                       "status": {"type": "integer"}, "field": {"type": "string"}},
    },
    "CheckRequest": {
        "type": "object", "required": ["text"], "additionalProperties": False,
        "properties": {"text": {"type": "string", "description": "the draft (front matter "
                                "allowed)"}, **_OPTIONS},
    },
    "CheckForm": {
        "type": "object", "properties": {
            "text": {"type": "string"},
            "file": {"type": "string", "contentMediaType": "application/octet-stream",
                     "description": "an uploaded draft (.md, .txt, .html, .eml)"},
            **_OPTIONS},
    },
    "Link": {
        "type": "object", "required": ["id", "confidence", "evidence"],
        "properties": {"id": {"type": "string"}, "confidence": {"type": "number"},
                       "evidence": {"type": "string"}, "title": {"type": "string"}},
    },
    "Finding": {
        "type": "object", "required": ["abstract", "tier", "rule", "lifts_at", "evidence",
                                       "message", "ok", "verdict"],
        "properties": {
            "abstract": _STR_OR_NULL,
            "tier": {"type": ["string", "null"], "enum": [t.value for t in Tier] + [None]},
            "rule": _STR_OR_NULL, "lifts_at": _INSTANT, "evidence": _STR_OR_NULL,
            "message": {"type": "string"}, "ok": {"type": "boolean"},
            "verdict": {"type": "string", "enum": [v.value for v in Verdict]},
            "lift_not_before": _INSTANT, "explanation": {"type": "string"},
            "source_url": {"type": "string"}, "consequence": {"type": "string"},
        },
    },
    "Item": {
        "type": "object",
        "required": ["source", "title", "kind", "published_at", "verdict",
                     "earliest_compliant", "abstracts", "findings"],
        "properties": {
            "source": {"type": "string"}, "title": _STR_OR_NULL,
            "kind": {"type": "string", "enum": _KINDS},
            "kind_confidence": {"type": "number"}, "kind_source": {"type": "string"},
            "kind_evidence": {"type": "array", "items": {"type": "string"}},
            "published_at": {"type": "string", "format": "date-time"},
            "published_at_note": {"type": "string"},
            "verdict": {"type": "string", "enum": [v.value for v in Verdict]},
            "earliest_compliant": _INSTANT,
            "abstracts": {"type": "array", "items": _ref("Link")},
            "candidates": {"type": "array", "items": _ref("Link")},
            "meetings": {"type": "array", "items": {"type": "string"}},
            "findings": {"type": "array", "items": _ref("Finding")},
            "notes": {"type": "array", "items": {"type": "string"}},
        },
    },
    "CheckResult": {
        "type": "object", "required": ["items"],
        "description": "exactly what `embargo check --format json` prints",
        "properties": {"items": {"type": "array", "items": _ref("Item")}},
    },
    "When": {
        "type": "object", "required": ["abstract", "meeting", "zone", "kinds"],
        "description": "exactly what `embargo when ID --format json` prints",
        "properties": {
            "abstract": {"type": "string"}, "title": {"type": "string"},
            "meeting": {"type": "string"}, "meeting_name": {"type": "string"},
            "zone": {"type": "string"}, "source": {"type": "string"},
            "kinds": {"type": "object", "additionalProperties": {
                "type": "object", "additionalProperties": {
                    "type": "object", "required": ["rule", "action", "free_from", "known"],
                    "properties": {"rule": _STR_OR_NULL, "action": {"type": "string"},
                                   "lifts_at": _INSTANT, "free_from": _INSTANT,
                                   "not_before": _INSTANT, "not_after": _INSTANT,
                                   "known": {"type": "boolean"},
                                   "explanation": _STR_OR_NULL,
                                   "notes": {"type": "array", "items": {"type": "string"}}},
                }}},
        },
    },
    "PolicySummary": {
        "type": "object", "required": ["id", "name", "zone"],
        "properties": {"id": {"type": "string"}, "name": {"type": "string"},
                       "zone": {"type": "string"}, "venue": _STR_OR_NULL,
                       "starts": {"type": ["string", "null"], "format": "date"},
                       "ends": {"type": ["string", "null"], "format": "date"},
                       "sources": {"type": "array", "items": {"type": "string"}},
                       "rules": {"type": "integer"}},
    },
    "Policy": {
        "type": "object", "required": ["id", "name", "zone", "rules", "explanation"],
        "properties": {
            "id": {"type": "string"}, "name": {"type": "string"}, "zone": {"type": "string"},
            "rules": {"type": "array", "items": {
                "type": "object", "required": ["id", "action", "explanation"],
                "properties": {"id": {"type": "string"}, "action": {"type": "string"},
                               "tiers": {"type": "array", "items": {"type": "string"}},
                               "kinds": {"type": "array", "items": {"type": "string"}},
                               "labels": {"type": "array", "items": {"type": "string"}},
                               "explanation": {"type": "string"},
                               "source": _STR_OR_NULL}}},
            "explanation": {"type": "string", "description": "`embargo policy show` text"},
        },
    },
    "Abstract": {
        "type": "object", "required": ["id", "meeting", "number", "title"],
        "description": "the catalogue's JSON Lines form of an abstract",
        "properties": {"id": {"type": "string"}, "meeting": {"type": "string"},
                       "number": {"type": "string"}, "title": {"type": "string"}},
    },
    "Lift": {
        "type": "object", "required": ["meeting", "zone", "free_from", "label", "events"],
        "properties": {
            "meeting": {"type": "string"}, "zone": {"type": "string"}, "at": _INSTANT,
            "not_before": _INSTANT, "not_after": _INSTANT,
            "day": {"type": ["string", "null"], "format": "date"},
            "exact": {"type": "boolean"}, "free_from": _INSTANT,
            "label": {"type": "string"}, "description": {"type": "string"},
            "abstracts": {"type": "array", "items": {"type": "string"}},
            "meeting_wide": {"type": "boolean"},
            "tiers": {"type": "array", "items": {"type": "string"}},
            "kinds": {"type": "array", "items": {"type": "string"}},
            "rules": {"type": "array", "items": {"type": "string"}},
            "events": {"type": "array", "items": {"type": "object"}},
        },
    },
}


def document() -> dict[str, Any]:
    bad = _error("bad input; `field` names the parameter at fault")
    unauth = _error("a bearer token is required (the service listens beyond loopback, or "
                    "has a token configured)")
    not_found = _error("unknown id")
    busy = _error("policies, catalogue or config could not be reloaded after a change")
    common = {"401": unauth, "503": busy}
    return {
        "openapi": "3.1.0",
        "info": {"title": "embargo", "version": __version__,
                 "description": "Pre-publish checks of drafts against conference embargo "
                 "policies, the same answers as the `embargo` command line."},
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}, {}],
        "paths": {
            "/v1/check": {"post": {
                "summary": "Check one draft, as `embargo check --format json` does",
                "description": "The draft as JSON (`text` and options), as a form (`text` "
                "or an uploaded `file`), or as the raw body (text/plain, text/markdown, "
                "text/html, message/rfc822) with options in the query.  Query options apply "
                "to every kind of body.  The headers `Embargo-Verdict` and "
                "`Embargo-Exit-Code` carry the verdict and the CLI's exit code; `Server-Timing` "
                "the milliseconds spent judging and rendering.",
                "parameters": [_q(k, v["description"],
                                  schema={k2: v2 for k2, v2 in v.items()
                                          if k2 != "description"})
                               for k, v in _OPTIONS.items()],
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": _ref("CheckRequest")},
                    "multipart/form-data": {"schema": _ref("CheckForm")},
                    "application/x-www-form-urlencoded": {"schema": _ref("CheckForm")},
                    "text/plain": {"schema": {"type": "string"}},
                    "text/markdown": {"schema": {"type": "string"}},
                    "text/html": {"schema": {"type": "string"}},
                    "message/rfc822": {"schema": {"type": "string"}},
                }},
                "responses": {
                    "200": {"description": "the judgement, in the requested format",
                            "content": {
                                "application/json": {"schema": _ref("CheckResult")},
                                "text/plain": {"schema": {"type": "string"}},
                                "text/html": {"schema": {"type": "string"}},
                                "application/sarif+json": {"schema": {"type": "object"}},
                                "application/xml": {"schema": {"type": "string"}}}},
                    "400": bad, "413": _error("the body is larger than [serve] max_bytes"),
                    "415": _error("a body type the service cannot read"),
                    "422": _error("the draft cannot be read (front matter, encoding)"),
                    **common},
            }},
            "/v1/when/{abstract_id}": {"get": {
                "summary": "When each tier of an abstract may be published, per kind",
                "parameters": [_p("abstract_id", "MEETING:NUMBER, e.g. acr-2024:1709"),
                               _q("kind", "only this kind", schema={"type": "string",
                                                                   "enum": _KINDS})],
                "responses": {"200": _json(_ref("When")), "400": bad, "404": not_found,
                              **common}}},
            "/v1/policies": {"get": {
                "summary": "The loaded policies",
                "responses": {"200": _json({"type": "object", "required": ["policies"],
                                            "properties": {"policies": {
                                                "type": "array",
                                                "items": _ref("PolicySummary")}}}),
                              **common}}},
            "/v1/policies/{meeting_id}": {"get": {
                "summary": "One policy, its rules and its plain-words explanation",
                "parameters": [_p("meeting_id", "e.g. acr-2024")],
                "responses": {"200": _json(_ref("Policy")), "404": not_found, **common}}},
            "/v1/abstracts": {"get": {
                "summary": "Search the catalogue, as `embargo abstracts search` does",
                "parameters": [_q("q", "words to search for", required=True),
                               _q("meeting", "only this meeting"),
                               _q("limit", "at most this many (1-200, default 20)",
                                  schema={"type": "integer", "minimum": 1, "maximum": 200})],
                "responses": {"200": _json({"type": "object", "required": ["results"],
                                            "properties": {"results": {
                                                "type": "array", "items": _ref("Abstract")}}}),
                              "400": bad, **common}}},
            "/v1/abstracts/{abstract_id}": {"get": {
                "summary": "One catalogued abstract",
                "parameters": [_p("abstract_id", "MEETING:NUMBER")],
                "responses": {"200": _json(_ref("Abstract")), "404": not_found, **common}}},
            "/v1/lifts": {"get": {
                "summary": "A meeting's lifts, grouped by instant (the calendar page's data)",
                "parameters": [_q("meeting", "e.g. acr-2024", required=True),
                               _q("kind", "only lifts for this kind (repeatable)",
                                  schema={"type": "string", "enum": _KINDS})],
                "responses": {"200": _json({"type": "object",
                                            "required": ["meeting", "zone", "lifts"],
                                            "properties": {
                                                "meeting": {"type": "string"},
                                                "meeting_name": {"type": "string"},
                                                "zone": {"type": "string"},
                                                "lifts": {"type": "array",
                                                          "items": _ref("Lift")},
                                                "problems": {"type": "array"}}}),
                              "400": bad, "404": not_found, **common}}},
            "/v1/calendar.ics": {"get": {
                "summary": "A meeting's lifts as iCalendar, as `embargo calendar` writes",
                "parameters": [_q("meeting", "e.g. acr-2024", required=True),
                               _q("kind", "only lifts for this kind (repeatable)",
                                  schema={"type": "string", "enum": _KINDS})],
                "responses": {"200": {"description": "RFC 5545 calendar",
                                      "content": {"text/calendar": {
                                          "schema": {"type": "string"}}}},
                              "400": bad, "404": not_found, **common}}},
            "/healthz": {"get": {
                "summary": "Is the service up, and what has it loaded",
                "security": [{}],
                "responses": {"200": _json({"type": "object", "required": ["ok"],
                                            "properties": {
                                                "ok": {"const": True},
                                                "policies": {"type": "integer"},
                                                "abstracts": {"type": "integer"},
                                                "loaded_at": _INSTANT,
                                                "generation": {"type": "integer"}}}),
                              "503": busy}}},
            "/openapi.json": {"get": {
                "summary": "This document",
                "responses": {"200": _json({"type": "object"}), "401": unauth}}},
        },
        "components": {
            "schemas": _SCHEMAS,
            "securitySchemes": {"bearer": {
                "type": "http", "scheme": "bearer",
                "description": "required when the service listens beyond loopback; the "
                "token is in the environment variable named by [serve] token_env"}},
        },
    }
