"""The human report: per item the verdict, why, and what to do."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from embargo.model import Finding, Judgement, Tier, Verdict
from embargo.reports.formats.base import Format, RenderContext
from embargo.timeparse import format_instant

_COLOURS = {Verdict.PASS: "32", Verdict.REVIEW: "33", Verdict.VIOLATION: "31"}
_MARK = {Verdict.PASS: "ok", Verdict.REVIEW: "??", Verdict.VIOLATION: "!!"}


def _c(text: str, code: str, on: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if on else text


def _short(text: str, n: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def advice(j: Judgement, zone: str) -> str:
    """What the press officer can do now."""
    if j.verdict is Verdict.PASS:
        return "You may publish this as it stands."
    blocking = [f for f in j.findings if f.verdict is not Verdict.PASS]
    parts = []
    if j.earliest_compliant is not None:
        parts.append(f"You may publish this at {format_instant(j.earliest_compliant, zone)}.")
    elif j.verdict is Verdict.VIOLATION:
        parts.append("No time is known at which this could be published as it stands.")
    tiers = {f.tier for f in blocking if f.tier is not None}
    if j.verdict is Verdict.VIOLATION and tiers and tiers <= {Tier.BEYOND, Tier.MATERIAL}:
        n = sum(1 for f in blocking if f.tier in (Tier.BEYOND, Tier.MATERIAL))
        parts.append(f"To publish now, cut the {n} passage(s) marked beyond/material "
                     "(quotes, commentary, new data, slides) and keep to what the abstract says.")
    if j.verdict is Verdict.REVIEW:
        parts.append("A person must check the points marked ?? before publishing.")
    return " ".join(parts)


class TextFormat(Format):
    """Readable report; colour on a terminal."""

    name: ClassVar[str] = "text"

    def _finding(self, f: Finding, ctx: RenderContext) -> list[str]:
        mark = _c(_MARK[f.verdict], _COLOURS[f.verdict], ctx.color)
        head = f"  {mark} "
        if f.tier:
            head += f"{f.tier.value:<9} "
        if f.rule:
            head += f"[{f.rule}] "
        lines = [head + f.message]
        if f.evidence and f.verdict is not Verdict.PASS:
            lines.append(f"       evidence: “{_short(f.evidence)}”")
        if f.explanation and f.verdict is not Verdict.PASS:
            src = f" ({f.source_url})" if f.source_url else ""
            lines.append(f"       rule: {_short(f.explanation, 400)}{src}")
        if f.consequence:
            lines.append(f"       at stake: {f.consequence}")
        return lines

    def render(self, judgements: Sequence[Judgement], ctx: RenderContext,
               errors: Sequence[tuple[str, str]] = ()) -> str:
        out: list[str] = []
        for j in judgements:
            item = j.item
            verdict = _c(j.verdict.value.upper(), _COLOURS[j.verdict], ctx.color)
            when = format_instant(item.published_at, ctx.zone)
            kind = item.kind.kind.value
            if item.kind.source == "inferred":
                kind += f" (inferred, {item.kind.confidence:.2f})"
            out.append(f"{item.source}: {verdict}")
            out.append(f"  {kind}, published {when}"
                       + (f" — {item.published_at_note}" if item.published_at_note else ""))
            for link in item.links:
                out.append(f"  about {link.abstract.id} “{_short(link.abstract.title, 90)}” "
                           f"({link.confidence:.2f}: {_short('; '.join(link.evidence), 80)})")
            if not item.links and not j.findings:
                out.append("  about no catalogued abstract and no meeting with a policy")
            shown = j.findings if ctx.verbose else [
                f for f in j.findings if f.verdict is not Verdict.PASS] or list(j.findings)
            for f in shown:
                out.extend(self._finding(f, ctx))
            hidden = len(j.findings) - len(shown)
            if hidden:
                out.append(f"  ({hidden} passing finding(s) not shown; --verbose shows them)")
            out.append("  → " + advice(j, ctx.zone))
            out.append("")
        for source, message in errors:
            out.append(f"{source}: ERROR {message}")
        if judgements:
            counts = {v: sum(1 for j in judgements if j.verdict is v) for v in Verdict}
            out.append(f"{len(judgements)} item(s): {counts[Verdict.PASS]} pass, "
                       f"{counts[Verdict.REVIEW]} review, {counts[Verdict.VIOLATION]} violation")
        return "\n".join(out)
