"""What a press officer can do with a judgement: when to publish, or what to cut."""

from __future__ import annotations

from dataclasses import dataclass

from embargo.content.material import removal_advice
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
    # presentation material to take out: (what to do, the sentence or link), e.g.
    # ("remove the slide file", "See the slides: https://…/deck.pptx")
    remove: tuple[tuple[str, str], ...] = ()

    def lines(self) -> list[str]:
        out: list[str] = []
        if self.publish_now:
            return ["You may publish this as it stands."]
        if self.publish_at:
            out.append(f"You may publish this at {self.publish_at}.")
        lead = "Or, to publish now" if self.publish_at else "To publish now"
        if self.cut:
            out.append(f"{lead}, cut what goes beyond the abstract ({len(self.cut)} "
                       f"passage{'s' if len(self.cut) != 1 else ''}):")
            whys = list(self.why) + [""] * (len(self.cut) - len(self.why))
            out.extend(f"  ✂ “{_short(s)}”" + (f" — {w}" if w else "")
                       for s, w in zip(self.cut, whys, strict=True))
        groups: dict[str, list[str]] = {}
        for what, sentence in self.remove:
            groups.setdefault(what, []).append(sentence)
        for i, (what, sentences) in enumerate(groups.items()):
            head = "and " if self.cut or i else f"{lead}, "
            out.append(f"{head}{what}:")
            out.extend(f"  ✂ “{_short(s)}”" for s in sentences)
        if not self.publish_at and not self.cut and not self.remove and not self.review:
            out.append("No time is known at which this could be published as it stands.")
        if self.review:
            out.append(f"A person must check the {len(self.review)} point"
                       f"{'s' if len(self.review) != 1 else ''} marked ?? before publishing.")
        return out


def _short(text: str, n: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def advise(j: Judgement, zone: str) -> Advice:
    """Publish now, at a time, or after cutting the sentences that go beyond the abstract and
    removing the presentation material (each kind with its own advice)."""
    if j.verdict is Verdict.PASS:
        return Advice(True, None, (), ())
    when = format_instant(j.earliest_compliant, zone) if j.earliest_compliant else None
    blocking = [f for f in j.findings if f.verdict is not Verdict.PASS]
    review = tuple(dict.fromkeys(f.message for f in blocking if f.verdict is Verdict.REVIEW))
    cut: list[tuple[str, str]] = []  # (sentence, why)
    remove: list[tuple[str, str]] = []
    violations = [f for f in blocking if f.verdict is Verdict.VIOLATION]
    if violations and all(f.tier in CUTTABLE for f in violations):
        beyond = {f.abstract for f in violations if f.tier is Tier.BEYOND}
        material = {(f.abstract, f.material) for f in violations if f.tier is Tier.MATERIAL}
        for aid, evidence in j.item.tiers.items():
            for ev in evidence:
                if ev.tier is Tier.MATERIAL and ((aid, ev.material) in material or (
                        ev.material is None and any(a == aid for a, _ in material))):
                    what = removal_advice(ev.material, ev.evidence) if ev.material else \
                        "remove the presentation material"
                    if (what, ev.evidence) not in remove:
                        remove.append((what, ev.evidence))
                elif ev.tier is Tier.BEYOND and aid in beyond and \
                        ev.evidence not in {c for c, _ in cut}:
                    cut.append((ev.evidence, ev.reason))
    removed = {e for _, e in remove}
    kept = [(c, w) for c, w in cut if c not in removed]
    return Advice(False, when, tuple(c for c, _ in kept), review, tuple(w for _, w in kept),
                  tuple(remove))
