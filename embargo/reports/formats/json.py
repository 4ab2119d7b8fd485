"""``--format json``: the contract's object, plus extra keys."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from embargo.model import Finding, Judgement, Link, Tier
from embargo.reports.formats.base import (
    ContextRecipe,
    Format,
    FormatStream,
    RenderContext,
    valid_text,
)
from embargo.timeparse import iso


def link_json(link: Link) -> dict[str, Any]:
    return {
        "id": link.abstract.id,
        "confidence": round(link.confidence, 3),
        "evidence": "; ".join(link.evidence),
        "title": link.abstract.title,
    }


def finding_json(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "abstract": f.abstract,
        "tier": f.tier.value if f.tier else None,
        "rule": f.rule,
        "lifts_at": iso(f.lifts_at),
        "evidence": f.evidence,
        "message": f.message,
        "ok": f.ok,
        "verdict": f.verdict.value,
    }
    if f.tier is Tier.MATERIAL:
        # which kind of presentation material: slides, images or recordings (null: unknown)
        out["material"] = f.material.value if f.material is not None else None
    if f.reason:
        out["reason"] = f.reason
    if f.passages:
        out["passages"] = [{"text": ev.evidence, "reason": ev.reason} for ev in f.passages]
    if f.lift_lower is not None:
        out["lift_not_before"] = iso(f.lift_lower)
    if f.explanation:
        out["explanation"] = f.explanation
    if f.source_url:
        out["source_url"] = f.source_url
    if f.consequence:
        out["consequence"] = f.consequence
    return out


def judgement_json(j: Judgement) -> dict[str, Any]:
    item = j.item
    return {
        "source": item.source,
        "title": item.title,
        "kind": item.kind.kind.value,
        "kind_confidence": item.kind.confidence,
        "kind_source": item.kind.source,
        "kind_evidence": list(item.kind.evidence),
        "published_at": iso(item.published_at),
        "published_at_note": item.published_at_note,
        "verdict": j.verdict.value,
        "earliest_compliant": iso(j.earliest_compliant),
        "abstracts": [link_json(x) for x in item.links],
        "candidates": [link_json(x) for x in item.candidates],
        "meetings": list(item.meetings),
        "findings": [finding_json(f) for f in j.findings],
        "notes": list(j.notes),
    }


class JsonFormat(Format):
    """One JSON object: {"items": [...]} (see CONTRACT.md)."""

    name: ClassVar[str] = "json"

    def render(self, judgements: Sequence[Judgement], ctx: RenderContext,
               errors: Sequence[tuple[str, str]] = ()) -> str:
        doc: dict[str, Any] = {"items": [judgement_json(j) for j in judgements]}
        if errors:
            doc["errors"] = [{"source": s, "error": m} for s, m in errors]
        return valid_text(json.dumps(doc, indent=2, ensure_ascii=False))

    def stream(self, recipe: ContextRecipe, write: Callable[[str], object]) -> FormatStream:
        return JsonStream(self, recipe, write)


def _indented(text: str, prefix: str, *, first: bool = True) -> str:
    """``text`` with ``prefix`` before each line (JSON from ``json.dumps`` holds no newline
    inside a string: each line is one line of the document)."""
    lines = text.split("\n")
    return "\n".join((prefix + x) if first or i else x for i, x in enumerate(lines))


class JsonStream(FormatStream):
    """The document of :meth:`JsonFormat.render`, written item by item: the head with the
    first item, each item as it comes, then the errors and the closing brace."""

    def __init__(self, fmt: Format, recipe: ContextRecipe, write: Callable[[str], object]
                 ) -> None:
        super().__init__(fmt, recipe, write)
        self._started = False

    def add(self, j: Judgement) -> None:
        piece = _indented(json.dumps(judgement_json(j), indent=2, ensure_ascii=False), "    ")
        self.write(valid_text((",\n" if self._started else '{\n  "items": [\n') + piece))
        self._started = True

    def close(self, errors: Sequence[tuple[str, str]] = ()) -> None:
        if not self._started:
            return
        tail = "\n  ]"
        if errors:
            errs = [{"source": s, "error": m} for s, m in errors]
            tail += ',\n  "errors": ' + _indented(
                json.dumps(errs, indent=2, ensure_ascii=False), "  ", first=False)
        self.write(valid_text(tail + "\n}\n"))
