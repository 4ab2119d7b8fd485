"""The human report: per item the verdict, why, and what to do (colour on a terminal)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar

from embargo.model import Finding, Judgement, Verdict
from embargo.reports.formats.advice import advise
from embargo.reports.formats.base import (
    ContextRecipe,
    Format,
    FormatStream,
    RenderContext,
    printable,
)
from embargo.timeparse import format_instant

_COLOURS = {Verdict.PASS: "32", Verdict.REVIEW: "33", Verdict.VIOLATION: "31"}
_MARK = {Verdict.PASS: "ok", Verdict.REVIEW: "??", Verdict.VIOLATION: "!!"}


def _c(text: str, code: str, on: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if on else text


def _short(text: str, n: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def advice(j: Judgement, zone: str) -> str:
    """What the press officer can do now, in one paragraph (kept for callers of v0.1)."""
    return " ".join(line.strip() for line in advise(j, zone).lines())


class TextFormat(Format):
    """Readable report; colour on a terminal, none when piped."""

    name: ClassVar[str] = "text"

    def _finding(self, f: Finding, ctx: RenderContext) -> list[str]:
        mark = _c(_MARK[f.verdict], _COLOURS[f.verdict], ctx.color)
        head = f"  {mark} "
        if f.tier:
            head += f"{f.tier.value:<9} "
        if f.rule:
            head += _c(f"[{f.rule}] ", "2", ctx.color)
        lines = [head + f.message]
        if f.evidence and f.verdict is not Verdict.PASS:
            why = f" — {f.reason}" if f.reason else ""
            lines.append(f"       because: “{_short(f.evidence)}”{why}")
        if f.explanation and f.verdict is not Verdict.PASS:
            src = f" ({f.source_url})" if f.source_url else ""
            lines.append(_c(f"       rule: {_short(f.explanation, 400)}{src}", "2", ctx.color))
        if f.consequence:
            lines.append(f"       at stake: {f.consequence}")
        return lines

    def item_lines(self, j: Judgement, ctx: RenderContext) -> list[str]:
        """The lines of one judgement (the last one empty)."""
        out: list[str] = []
        item = j.item
        verdict = _c(j.verdict.value.upper(), "1;" + _COLOURS[j.verdict], ctx.color)
        title = f" — {_short(item.title, 90)}" if item.title else ""
        out.append(f"{_c(printable(item.source), '1', ctx.color)}: {verdict}{title}")
        when = format_instant(item.published_at, ctx.zone)
        k = item.kind
        kind = k.kind.value
        if k.source == "inferred":
            why = f": {'; '.join(k.evidence[:3])}" if k.evidence else ""
            kind += f" (guessed, {k.confidence:.2f}{why})"
        elif k.source != "flag":
            kind += f" ({k.source})"
        out.append(f"  who: {kind}")
        out.append(f"  when: {when}"
                   + (f" — {item.published_at_note}" if item.published_at_note else ""))
        for link in item.links:
            out.append(f"  about: {link.abstract.id} “{_short(link.abstract.title, 90)}” "
                       f"({link.confidence:.2f}: {_short('; '.join(link.evidence), 80)})")
        if not item.links and not j.findings:
            out.append("  about: no catalogued abstract and no meeting with a policy")
        shown = j.findings if ctx.verbose else [
            f for f in j.findings if f.verdict is not Verdict.PASS] or list(j.findings)
        for f in shown:
            out.extend(self._finding(f, ctx))
        hidden = len(j.findings) - len(shown)
        if hidden:
            out.append(_c(f"  ({hidden} passing finding(s) not shown; --verbose shows "
                          "them)", "2", ctx.color))
        lines = advise(j, ctx.zone).lines()
        out.append("  → " + _c(lines[0], "1", ctx.color))
        out.extend(f"    {line}" for line in lines[1:])
        out.append("")
        return out

    def tail_lines(self, counts: Mapping[Verdict, int], errors: Sequence[tuple[str, str]],
                   ctx: RenderContext) -> list[str]:
        """The input errors, then the counts (when any item was judged)."""
        out = [f"{printable(source)}: {_c('ERROR', '1;31', ctx.color)} {message}"
               for source, message in errors]
        total = sum(counts.values())
        if total:
            out.append(f"{total} item(s): {counts.get(Verdict.PASS, 0)} pass, "
                       f"{counts.get(Verdict.REVIEW, 0)} review, "
                       f"{counts.get(Verdict.VIOLATION, 0)} violation")
        return out

    def render(self, judgements: Sequence[Judgement], ctx: RenderContext,
               errors: Sequence[tuple[str, str]] = ()) -> str:
        out: list[str] = []
        for j in judgements:
            out.extend(self.item_lines(j, ctx))
        counts = {v: sum(1 for j in judgements if j.verdict is v) for v in Verdict}
        out.extend(self.tail_lines(counts, errors, ctx))
        return "\n".join(out)

    def stream(self, recipe: ContextRecipe, write: Callable[[str], object]) -> FormatStream:
        return TextStream(self, recipe, write)


class TextStream(FormatStream):
    """The report of :meth:`TextFormat.render`, item by item.  Items wait only while the
    reader's zone is not known yet (configured UTC, no item linked to a meeting so far);
    afterwards only the counts are kept."""

    fmt: TextFormat

    def __init__(self, fmt: TextFormat, recipe: ContextRecipe,
                 write: Callable[[str], object]) -> None:
        super().__init__(fmt, recipe, write)
        self._waiting: list[Judgement] = []
        self._ctx: RenderContext | None = None
        self._counts: Counter[Verdict] = Counter()

    def add(self, j: Judgement) -> None:
        self._counts[j.verdict] += 1
        if self._ctx is None:
            self._waiting.append(j)
            if not self.recipe.settles_zone(j):
                return
            self._ctx = self.recipe.make(self._waiting)
            waiting, self._waiting = self._waiting, []
            for w in waiting:
                self._item(w, self._ctx)
            return
        self._item(j, self._ctx)

    def _item(self, j: Judgement, ctx: RenderContext) -> None:
        self.write("\n".join(self.fmt.item_lines(j, ctx)) + "\n")

    def close(self, errors: Sequence[tuple[str, str]] = ()) -> None:
        if not self._counts:
            return
        ctx = self._ctx
        if ctx is None:
            ctx = self._ctx = self.recipe.make(self._waiting)
            waiting, self._waiting = self._waiting, []
            for w in waiting:
                self._item(w, ctx)
        self.write("\n".join(self.fmt.tail_lines(self._counts, errors, ctx)) + "\n")
