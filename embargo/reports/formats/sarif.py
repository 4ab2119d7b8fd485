"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards (one run, stable rule ids)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from embargo.content.locate import locate_line
from embargo.model import Finding, Judgement, Verdict
from embargo.reports.formats.base import Format, RenderContext, valid_text
from embargo.timeparse import iso

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Verdict.VIOLATION: "error", Verdict.REVIEW: "warning", Verdict.PASS: "note"}


def rule_id(f: Finding) -> str:
    """``meeting/rule`` for policy findings; ``embargo/<what>`` for the tool's own."""
    if f.rule:
        return f.rule
    if f.tier is None and f.abstract is None and "kind" in f.message:
        return "embargo/kind"
    if f.abstract and "may be about" in f.message:
        return "embargo/link"
    if "no policy" in f.message:
        return "embargo/no-policy"
    return "embargo/meeting"


def _file_text(source: str) -> str | None:
    if source == "-" or "://" in source:
        return None
    try:
        p = Path(source)
        if p.is_file() and p.stat().st_size <= 5 * 1024 * 1024:
            return p.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return None


class SarifFormat(Format):
    """SARIF 2.1.0: each finding a result at the line of its evidence sentence."""

    name: ClassVar[str] = "sarif"

    def render(self, judgements: Sequence[Judgement], ctx: RenderContext,
               errors: Sequence[tuple[str, str]] = ()) -> str:
        from embargo import __version__

        rules: dict[str, dict[str, Any]] = {}
        results: list[dict[str, Any]] = []
        for j in judgements:
            source = j.item.source
            text = _file_text(source)
            for f in j.findings:
                if f.verdict is Verdict.PASS and not ctx.verbose:
                    continue
                rid = rule_id(f)
                if rid not in rules:
                    rule: dict[str, Any] = {
                        "id": rid, "name": rid.replace("/", "-"),
                        "shortDescription": {"text": (f.explanation or f.message)[:200]},
                        "fullDescription": {"text": f.explanation or f.message},
                        "defaultConfiguration": {"level": "error" if f.rule else "warning"},
                    }
                    if f.source_url:
                        rule["helpUri"] = f.source_url
                    rules[rid] = rule
                line = None
                if f.evidence:
                    line = locate_line(text, f.evidence) if text is not None else None
                    if line is None:
                        line = locate_line(j.item.text, f.evidence)
                region: dict[str, Any] = {"startLine": line or 1}
                if f.evidence:
                    region["snippet"] = {"text": f.evidence}
                result: dict[str, Any] = {
                    "ruleId": rid,
                    "ruleIndex": list(rules).index(rid),
                    "level": LEVELS[f.verdict],
                    "message": {"text": f.message},
                    "locations": [{"physicalLocation": {
                        "artifactLocation": {"uri": source}, "region": region}}],
                    "properties": {
                        "verdict": f.verdict.value, "item_verdict": j.verdict.value,
                        "abstract": f.abstract, "tier": f.tier.value if f.tier else None,
                        "lifts_at": iso(f.lifts_at), "kind": j.item.kind.kind.value,
                        "published_at": iso(j.item.published_at),
                        "earliest_compliant": iso(j.earliest_compliant),
                    },
                }
                related: list[dict[str, Any]] = []
                if f.abstract and f.tier is not None:
                    for ev in j.item.tiers.get(f.abstract, ()):
                        if ev.tier is not f.tier or ev.evidence == f.evidence:
                            continue
                        at = (locate_line(text, ev.evidence) if text is not None else None) \
                            or locate_line(j.item.text, ev.evidence) or 1
                        related.append({"id": len(related) + 1, "message": {"text": ev.reason},
                                        "physicalLocation": {
                                            "artifactLocation": {"uri": source},
                                            "region": {"startLine": at,
                                                       "snippet": {"text": ev.evidence}}}})
                if related:
                    result["relatedLocations"] = related
                results.append(result)
        notifications = [{"level": "error", "message": {"text": f"{s}: {m}"}}
                         for s, m in errors]
        run: dict[str, Any] = {
            "tool": {"driver": {
                "name": "embargo", "version": __version__, "semanticVersion": __version__,
                "informationUri": "https://github.com/embargo-tool/embargo",
                "rules": list(rules.values())}},
            "results": results,
            "invocations": [{"executionSuccessful": not errors,
                             "toolExecutionNotifications": notifications}],
        }
        doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
        return valid_text(json.dumps(doc, indent=2, ensure_ascii=False))
