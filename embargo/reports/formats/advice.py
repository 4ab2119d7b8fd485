"""What a press officer can do with a judgement: when to publish, or what to cut."""

from __future__ import annotations

from dataclasses import dataclass

from embargo.model import Judgement, Tier, Verdict
from embargo.timeparse import format_instant

CUTTABLE = (Tier.BEYOND, Tier.MATERIAL)


@dataclass(frozen=True)
class Advice:
    publish_now: bool
    publish_at: str | None  # "Thu 14 Nov 2024 10:00 EST (15:00 UTC)"
    cut: tuple[str, ...]  # sentences to cut so the rest may go out now
    review: tuple[str, ...]  # what a person must check
    why: tuple[str, ...] = ()  # for each sentence to cut: what in it the abstract lacks

    def lines(self) -> list[str]:
        out: list[str] = []
        if self.publish_now:
            return ["You may publish this as it stands."]
        if self.publish_at:
            out.append(f"You may publish this at {self.publish_at}.")
        if self.cut:
            lead = "Or, to publish now" if self.publish_at else "To publish now"
            out.append(f"{lead}, cut what goes beyond the abstract ({len(self.cut)} "
                       f"passage{'s' if len(self.cut) != 1 else ''}):")
            whys = list(self.why) + [""] * (len(self.cut) - len(self.why))
            out.extend(f"  ✂ “{_short(s)}”" + (f" — {w}" if w else "")
                       for s, w in zip(self.cut, whys, strict=True))
        if not self.publish_at and not self.cut and not self.review:
            out.append("No time is known at which this could be published as it stands.")
        if self.review:
            out.append(f"A person must check the {len(self.review)} point"
                       f"{'s' if len(self.review) != 1 else ''} marked ?? before publishing.")
        return out


def _short(text: str, n: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def advise(j: Judgement, zone: str) -> Advice:
    """Publish now, at a time, or after cutting the sentences that go beyond the abstract."""
    if j.verdict is Verdict.PASS:
        return Advice(True, None, (), ())
    when = format_instant(j.earliest_compliant, zone) if j.earliest_compliant else None
    blocking = [f for f in j.findings if f.verdict is not Verdict.PASS]
    review = tuple(dict.fromkeys(f.message for f in blocking if f.verdict is Verdict.REVIEW))
    cut: list[str] = []
    why: list[str] = []
    violations = [f for f in blocking if f.verdict is Verdict.VIOLATION]
    if violations and all(f.tier in CUTTABLE for f in violations):
        bad = {(f.abstract, f.tier) for f in violations}
        for aid, evidence in j.item.tiers.items():
            for ev in evidence:
                if (aid, ev.tier) in bad and ev.evidence not in cut:
                    cut.append(ev.evidence)
                    why.append(ev.reason)
    return Advice(False, when, tuple(cut), review, tuple(why))
