"""``--format html``: the judgements as an HTML page, the one the web service shows.

Every piece of draft, feed and catalogue text is untrusted: the template is rendered with
autoescaping in jinja2's sandbox, so a ``<script>`` in a draft is shown as text.  Besides what
the text format says, the page marks every sentence of the draft by the tier it carries and
gives the earliest compliant time in the reader's zone and in each venue's.

``render`` gives a standalone document (styles inlined); ``render_fragment`` gives the part
the web page embeds (styled by the same stylesheet, served as a file).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from importlib import resources
from typing import Any, ClassVar

from jinja2 import PackageLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from embargo.api import mark_sentences
from embargo.model import Judgement
from embargo.reports.formats.advice import advise
from embargo.reports.formats.base import Format, RenderContext
from embargo.timeparse import format_instant, iso

VERDICT_WORDS = {"violation": "Violation", "review": "Needs review", "pass": "Pass"}
VERDICT_SYMBOLS = {"violation": "✕", "review": "?", "pass": "✓"}
TIER_HELP = {
    "existence": "only names the abstract (title, authors, slot)",
    "abstract": "restates what the abstract says",
    "beyond": "goes beyond the abstract (quotes, new data, commentary)",
    "material": "carries presentation material (slides, poster, recording)",
}
_ENV: ImmutableSandboxedEnvironment | None = None


def _env() -> ImmutableSandboxedEnvironment:
    global _ENV
    if _ENV is None:
        _ENV = ImmutableSandboxedEnvironment(
            loader=PackageLoader("embargo.reports", "templates"), autoescape=True,
            undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return _ENV


def stylesheet() -> str:
    """The stylesheet of the judgement view (inlined here, served as a file by the service)."""
    return (resources.files("embargo.reports") / "templates" / "check.css").read_text(
        encoding="utf-8")


def _times(dt: datetime | None, ctx: RenderContext) -> dict[str, Any] | None:
    """One instant for people: in the reader's zone, in each venue's, and in UTC."""
    if dt is None:
        return None
    reader = format_instant(dt, ctx.zone, utc=False)
    venues = [{"meeting": m, "zone": z, "text": format_instant(dt, z, utc=False)}
              for m, z in ctx.venue_zones.items()]
    return {"iso": iso(dt), "reader": reader, "reader_zone": ctx.zone,
            "zone_label": ctx.zone_label, "venues": venues,
            "utc": format_instant(dt, None)}


def _item(j: Judgement, ctx: RenderContext) -> dict[str, Any]:
    item = j.item
    sentences, loose = mark_sentences(j)
    paragraphs: list[list[Any]] = []
    for s in sentences:
        while len(paragraphs) <= s.paragraph:
            paragraphs.append([])
        paragraphs[s.paragraph].append(s)
    tiers_used = sorted({s.tier.value for s in sentences if s.tier},
                        key=list(TIER_HELP).index)
    k = item.kind
    return {
        "j": j, "item": item, "verdict": j.verdict.value,
        "kind": k.kind.value, "kind_source": k.source, "kind_confidence": k.confidence,
        "kind_evidence": list(k.evidence[:3]),
        "published": _times(item.published_at, ctx),
        "earliest": _times(j.earliest_compliant, ctx),
        "advice": advise(j, ctx.zone),
        "paragraphs": [p for p in paragraphs if p],
        "loose": loose,
        "tiers_used": tiers_used,
        "blocking": any(s.blocking for s in sentences),
        "all_findings": list(j.findings),
    }


class HtmlFormat(Format):
    """An HTML page: verdict, what to do, abstracts and evidence, the draft marked by tier."""

    name: ClassVar[str] = "html"

    def render_fragment(self, judgements: Sequence[Judgement], ctx: RenderContext,
                        errors: Sequence[tuple[str, str]] = (), *, heading_level: int = 2
                        ) -> str:
        return _env().get_template("check.html.j2").render(
            items=[_item(j, ctx) for j in judgements], errors=list(errors), ctx=ctx,
            words=VERDICT_WORDS, symbols=VERDICT_SYMBOLS, tier_help=TIER_HELP,
            h=heading_level, standalone=False, css="")

    def render(self, judgements: Sequence[Judgement], ctx: RenderContext,
               errors: Sequence[tuple[str, str]] = ()) -> str:
        body = self.render_fragment(judgements, ctx, errors, heading_level=2)
        return _env().get_template("check_page.html.j2").render(
            body=body, css=stylesheet(), count=len(judgements))
