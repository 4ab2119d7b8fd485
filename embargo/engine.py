"""Judging: an item and the policies → a :class:`~embargo.model.Judgement`.

The only place that combines linking, content tiers, kinds and policies.  Pure: no I/O, no
clock, no printing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from embargo.model import (
    TIER_ORDER,
    Abstract,
    Finding,
    Item,
    Judgement,
    Kind,
    Link,
    Material,
    Tier,
    TierEvidence,
    Verdict,
)
from embargo.policy.evaluate import Ruling, rulings
from embargo.policy.loader import PolicySet
from embargo.policy.requirements import requirement_met
from embargo.policy.schema import Policy, labels_of
from embargo.timeparse import format_instant

TIER_WORDS = {
    Tier.EXISTENCE: "the existence of the abstract (title, authors, slot)",
    Tier.ABSTRACT: "the abstract's content",
    Tier.BEYOND: "content beyond the abstract",
    Tier.MATERIAL: "presentation material",
}
MATERIAL_PHRASES = {
    Material.SLIDES: "the slide or poster file",
    Material.IMAGES: "the photo or image of data",
    Material.RECORDINGS: "the recording",
}


#: Evidence that says why a match stayed a candidate (see linking.linker.Signals.evidence).
_DOUBTS = ("another publication", "names no meeting", "credits the work", "names other meetings",
           "names not shared", "fits a stronger link")


@dataclass(frozen=True)
class EngineOptions:
    kind_threshold: float = 0.6  # kind guesses below this are uncertain
    display_zone: str | None = None  # zone for messages (default: the meeting's)


def _lift_phrase(r: Ruling, policy: Policy, zone: str) -> str:
    b = r.bounds
    assert b is not None
    if b.exact is not None:
        return format_instant(b.exact, zone)
    return b.describe(zone)


def _tier_finding(policy: Policy, link_abstract: Abstract, r: Ruling, at: datetime,
                  evidence: TierEvidence | None, opts: EngineOptions,
                  passages: tuple[TierEvidence, ...] = ()) -> Finding:
    zone = opts.display_zone or policy.meeting.zone
    verdict = r.judge(at)
    what = TIER_WORDS[r.tier]
    if r.tier is Tier.MATERIAL and r.material is not None:
        what = f"{MATERIAL_PHRASES[r.material]} (presentation material)"
    aid = link_abstract.id
    rule_id = policy.rule_id(r.rule) if r.rule else None
    explanation = r.rule.explanation if r.rule else None
    if r.override:
        explanation = f"{explanation} ({r.override})" if explanation else r.override
    source = (r.rule.source if r.rule and r.rule.source else policy.source)
    lifts_at: datetime | None = None
    lower: datetime | None = None
    if r.before_start(at):
        msg = f"{what} of {aid} was not yet under embargo at this time (the embargo starts later)"
    elif r.action == "allow":
        msg = f"{r.kind.value} items may carry {what} of {aid} at any time"
    elif r.action == "never":
        msg = f"{what} of {aid} may never be published by {r.kind.value}"
    elif r.action == "review":
        msg = f"{what} of {aid} needs a person to check: {explanation}"
    elif r.action == "none":
        msg = "; ".join(r.notes) or f"no rule of {policy.id} covers this"
    else:
        b = r.bounds
        assert b is not None
        lifts_at = b.upper
        lower = b.lower if b.exact is None else None
        when = _lift_phrase(r, policy, zone)
        if verdict is Verdict.PASS and b.exact is None and b.upper is not None:
            # The lift is not known to the minute, but it was over by then.
            msg = (f"{what} of {aid} is free for {r.kind.value}: the lift is {when}, and this "
                   "item is dated after the latest it could be")
        elif verdict is Verdict.PASS:
            msg = f"{what} of {aid} is free for {r.kind.value} since {when}"
        elif verdict is Verdict.VIOLATION:
            if b.exact is not None:
                msg = f"{what} of {aid} is embargoed until {when}"
            else:
                msg = (f"{what} of {aid} is still embargoed: the lift is {when}, and this item "
                       f"is dated before the earliest it could be")
        else:
            reasons = "; ".join(dict.fromkeys(b.notes)) or "the lift time is not known"
            msg = f"cannot tell whether {what} of {aid} is free yet: the lift is {when} ({reasons})"
    if (r.start_state(at) == "maybe" and verdict is Verdict.REVIEW
            and r.lift_verdict(at) is Verdict.VIOLATION and r.start is not None):
        msg = (f"{what} of {aid} is embargoed at this time if the embargo had already begun, and "
               f"it may not have: the embargo starts {r.start.describe(zone)}; check when it "
               "began for this abstract")
    if verdict is Verdict.VIOLATION and evidence is not None and evidence.unsure:
        # What the sentence gives may be in the part of the abstract the catalogue lacks, or
        # the text is one the tier reader cannot read.
        verdict = Verdict.REVIEW
        check = evidence.check or (f"the catalogue holds only part of {aid}, so a person must "
                                   "check it against the abstract")
        msg = f"{msg}, if the abstract does not state what this passage gives: {check}"
    consequence = None
    if verdict is Verdict.VIOLATION:
        consequence = (r.rule.consequences if r.rule and r.rule.consequences
                       else policy.meeting.consequences)
    return Finding(
        verdict=verdict, message=msg, rule=rule_id, abstract=aid, tier=r.tier,
        lifts_at=lifts_at, lift_lower=lower,
        evidence=evidence.evidence if evidence else None, explanation=explanation,
        source_url=source, consequence=consequence,
        reason=evidence.reason if evidence and evidence.reason else None, passages=passages,
        material=r.material,
    )


def _passages(item: Item, abstract_id: str, tier: Tier,
              material: Material | None = None) -> tuple[TierEvidence, ...]:
    """Every sentence of the item that puts it in ``tier`` for the abstract, with why (for
    a kind of material: the sentences of that kind, and those of no stated kind)."""
    return tuple(ev for ev in item.tiers.get(abstract_id, ()) if ev.tier is tier and (
        material is None or ev.material is None or ev.material is material))


def _tiers_for(item: Item, link: Link, policy: Policy | None = None
               ) -> dict[tuple[Tier, Material | None], TierEvidence | None]:
    """What the item carries of one abstract: one entry per tier, and for presentation
    material one per kind of material (the first sentence found is the evidence).  Material
    of no stated kind, under a policy that treats kinds differently, is judged as every kind.
    """
    found: dict[tuple[Tier, Material | None], TierEvidence | None] = {}
    for ev in item.tiers.get(link.abstract.id, ()):
        m = ev.material if ev.tier is Tier.MATERIAL else None
        if m is None and ev.tier is Tier.MATERIAL and policy is not None and \
                policy.distinguishes_materials:
            for each in Material:
                found.setdefault((Tier.MATERIAL, each), ev)
        else:
            key = (ev.tier, m)
            prev = found.get(key)
            if prev is None or (prev.unsure and not ev.unsure):
                found[key] = ev  # the first sure sentence, or the first at all
    if not found:
        # Being about an abstract at all reveals at least that it exists.
        found[(Tier.EXISTENCE, None)] = TierEvidence(
            Tier.EXISTENCE, "; ".join(link.evidence)[:300], "the item is about this abstract")
    return found


def _order(key: tuple[Tier, Material | None]) -> tuple[int, str]:
    return (TIER_ORDER.index(key[0]), key[1].value if key[1] is not None else "")


def _judge_links(links: Iterable[Link], item: Item, kind: Kind, policies: PolicySet,
                 opts: EngineOptions) -> tuple[list[Finding], list[datetime | None]]:
    findings: list[Finding] = []
    frees: list[datetime | None] = []
    for link in links:
        a = link.abstract
        policy = policies.get(a.meeting)
        if policy is None:
            # No rule to apply, but still say what the item carries of the abstract.
            # (held in an earlier year than the item, it holds nothing back: ``_long_over``)
            over = _long_over(a.meeting, item.published_at)
            why = ("held in an earlier year than this item: its embargo lifted long ago"
                   if over else "for which no policy is loaded: check its embargo by hand or "
                   f"add policies/{a.meeting}.toml")
            for (tier, material), ev in sorted(_tiers_for(item, link).items(),
                                               key=lambda kv: _order(kv[0])):
                findings.append(Finding(
                    verdict=Verdict.PASS if over else Verdict.REVIEW, abstract=a.id, tier=tier,
                    message=f"{TIER_WORDS[tier]} of {a.id}: the abstract belongs to meeting "
                            f"{a.meeting!r}, {why}",
                    evidence=ev.evidence if ev else None,
                    reason=ev.reason if ev and ev.reason else None,
                    passages=_passages(item, a.id, tier, material), material=material))
            frees.append(_year_after(a.meeting) if over else None)
            continue
        by_tier = rulings(policy, a, kind)
        found = _tiers_for(item, link, policy)
        tiers_found = {t for t, _m in found}
        for tier, _m in list(found):
            rule = by_tier[tier].rule
            if rule is not None and rule.counts_as is not None and \
                    rule.counts_as not in tiers_found:
                # "Editorial coverage is beyond the abstract even when it only restates it":
                # the policy says what such items carry by nature.
                tiers_found.add(rule.counts_as)
                found[(rule.counts_as, None)] = TierEvidence(
                    rule.counts_as, f"{kind.value} item about {a.id}",
                    f"{policy.id} counts every {kind.value} item as "
                    f"{TIER_WORDS[rule.counts_as]} (rule {rule.id})")
        for (tier, material), ev in sorted(found.items(), key=lambda kv: _order(kv[0])):
            r = by_tier[tier]
            if material is not None:
                r = rulings(policy, a, kind, material)[Tier.MATERIAL] \
                    if policy.distinguishes_materials else replace(r, material=material)
            f = _tier_finding(policy, a, r, item.published_at, ev, opts,
                              _passages(item, a.id, tier, material))
            findings.append(f)
            if r.before_start(item.published_at) or r.action == "allow":
                continue
            frees.append(r.free_from)
    return findings, frees


def _requirements(item: Item, kind: Kind, policies: PolicySet
                  ) -> tuple[list[Finding], list[datetime | None]]:
    """Findings for unmet requirements, and for those that apply only before a lift
    (``before``), that lift: from then on the same text no longer needs to meet them."""
    out: list[Finding] = []
    frees: list[datetime | None] = []
    by_meeting: dict[str, list[Abstract]] = {}
    for link in item.links:
        by_meeting.setdefault(link.abstract.meeting, []).append(link.abstract)
    for meeting, abstracts in by_meeting.items():
        policy = policies.get(meeting)
        if policy is None:
            continue
        for req in policy.requirements:
            if req.kinds and kind not in req.kinds:
                continue
            selected = [a for a in abstracts
                        if (not req.tags or req.tags & labels_of(a))
                        and not req.not_tags & labels_of(a)]
            if not selected:
                continue
            ends = None
            if req.before is not None:
                from embargo.policy.evaluate import context_for

                # Only items published before the lift (of any abstract they are about).
                ends = [req.before.resolve(context_for(policy, a)) for a in selected]
                if all(b is not None and b.upper is not None and item.published_at >= b.upper
                       for b in ends):
                    continue
            met = requirement_met(req, policy, item.text, selected)
            if met:
                continue
            verdict = Verdict.REVIEW if req.level == "review" else Verdict.PASS
            if verdict is Verdict.REVIEW and ends is not None:
                uppers = [b.upper if b is not None else None for b in ends]
                frees.append(None if any(u is None for u in uppers)
                             else max(u for u in uppers if u is not None))
            what = "cannot be checked from the text" if met is None else "is not met"
            out.append(Finding(
                verdict=verdict, rule=f"{policy.id}/{req.id}",
                abstract=selected[0].id if len(selected) == 1 else None,
                message=f"requirement {req.id!r} {what}: {req.explanation}",
                explanation=req.explanation, source_url=req.source or policy.source))
    return out, frees


def _year_after(meeting: str) -> datetime | None:
    """A fortnight into the year after the meeting's (``<series>-<year>``), or None when its
    id names no year."""
    year = meeting.rsplit("-", 1)[-1]
    if not (year.isdigit() and len(year) == 4):
        return None
    return datetime(int(year) + 1, 1, 15, tzinfo=UTC)


def _long_over(meeting: str, at: datetime) -> bool:
    """Whether the meeting was held in a calendar year that ended more than a fortnight
    before ``at``: every meeting is held within its year, and its embargo lifts by the time
    it presents, so nothing of it is held back any more, policy or none."""
    after = _year_after(meeting)
    return after is not None and at >= after


#: The number of an abstract of a meeting that the item does not say (see _unknown_abstracts).
_UNKNOWN_NUMBER = "?"


def _unknown_abstracts(policy: Policy) -> list[Abstract]:
    """An abstract of ``policy``'s meeting that nobody can name, once with no label and once
    with each label the policy's rules select on (``Policy.label_sets``): whichever it is,
    its lifts are one of these.  Its session, talk and poster are at the meeting, so their
    lifts lie within the meeting's days (``policy.lifts._within_meeting``): an item published
    after the last day is after all of them."""
    return [Abstract(meeting=policy.id, number=_UNKNOWN_NUMBER, title="",
                     tags=tuple(sorted(labels))) for labels in policy.label_sets()]


def _meeting_mentions(item: Item, kind: Kind, policies: PolicySet, opts: EngineOptions
                      ) -> tuple[list[Finding], list[datetime | None]]:
    findings: list[Finding] = []
    frees: list[datetime | None] = []
    linked = {link.abstract.meeting for link in item.links}
    for meeting in item.meetings:
        if meeting in linked:
            continue
        policy = policies.get(meeting)
        if policy is None and _long_over(meeting, item.published_at):
            # An edition of an earlier year: a meeting's embargo lifts at the meeting, so
            # one held before this year began holds nothing back ("… was big news at ASCO
            # 2022, when …" in a story of 2024).
            findings.append(Finding(
                verdict=Verdict.PASS,
                message=f"names meeting {meeting!r}, held in an earlier year than this item: "
                        "its embargo lifted long ago"))
            frees.append(_year_after(meeting))
            continue
        if policy is None:
            findings.append(Finding(
                verdict=Verdict.REVIEW,
                message=f"the item is about meeting {meeting!r}, for which no policy is loaded: "
                        f"check its embargo by hand or add policies/{meeting}.toml"))
            frees.append(None)
            continue
        # No abstract identified: safe only if every lift of any abstract of it has passed.
        tiers = (Tier.EXISTENCE, Tier.ABSTRACT, Tier.BEYOND)
        verdicts = []
        free = []
        for unknown in _unknown_abstracts(policy):
            rs = rulings(policy, unknown, kind)
            verdicts += [rs[t].judge(item.published_at) for t in tiers]
            free += [rs[t].free_from for t in tiers if rs[t].action != "allow"]
        latest = None if any(f is None for f in free) else max(free, default=None)  # type: ignore[type-var]
        if all(v is Verdict.PASS for v in verdicts):
            findings.append(Finding(
                verdict=Verdict.PASS, rule=None,
                message=f"names {policy.meeting.name} but no catalogued abstract; every lift "
                        "that could apply to any of its abstracts has passed"))
        else:
            when = (f"; every lift that could apply to any of its abstracts has passed by "
                    f"{format_instant(latest, opts.display_zone or policy.meeting.zone)}"
                    if latest else "")
            findings.append(Finding(
                verdict=Verdict.REVIEW, lifts_at=latest,
                message=f"names {policy.meeting.name} but matches no catalogued abstract: check "
                        f"by hand which study it reports on{when}",
                source_url=policy.source))
        frees.append(latest)
    return findings, frees


def _candidates(item: Item, kind: Kind, policies: PolicySet, opts: EngineOptions
                ) -> tuple[list[Finding], list[datetime | None]]:
    findings: list[Finding] = []
    frees: list[datetime | None] = []
    linked = {link.abstract.id for link in item.links}
    for cand in item.candidates:
        if cand.abstract.id in linked:
            continue
        sub, sub_frees = _judge_links([cand], item, kind, policies, opts)
        if all(f.verdict is Verdict.PASS for f in sub):
            continue  # whatever it is about, nothing of it is still under embargo
        if cand.elsewhere is not None:
            # The item places its data at another publication (a journal paper, a topline, a
            # regulator's decision, another meeting's talk): those data are public by that
            # route, and the weak evidence pointing at this abstract is the study's, which
            # both share.  Said, not alarmed.
            findings.append(Finding(
                verdict=Verdict.PASS, abstract=cand.abstract.id,
                message=f"may be about {cand.abstract.id} ({cand.confidence:.2f}), still under "
                        f"embargo, but places its data at {cand.elsewhere}: judged as that "
                        "publication, not as this abstract"))
            continue
        # The two strongest cues, and what kept it from being a link.
        doubts = [e for e in cand.evidence if any(k in e for k in _DOUBTS)]
        why = "; ".join(dict.fromkeys([*cand.evidence[:2], *doubts[:1]]))
        findings.append(Finding(
            verdict=Verdict.REVIEW, abstract=cand.abstract.id,
            lifts_at=None if any(x is None for x in sub_frees) else
            max((x for x in sub_frees if x is not None), default=None),
            message=f"may be about {cand.abstract.id} ({cand.confidence:.2f}: {why}), which is "
                    "still under embargo at this time: confirm the link (front matter "
                    "`abstracts`) or rule it out",
            evidence=why or None))
        frees.extend(sub_frees)
    return findings, frees


def _judge_kind(item: Item, kind: Kind, policies: PolicySet, opts: EngineOptions
                ) -> tuple[list[Finding], list[datetime | None]]:
    findings, frees = _judge_links(item.links, item, kind, policies, opts)
    f2, fr2 = _candidates(item, kind, policies, opts)
    f3, fr3 = _meeting_mentions(item, kind, policies, opts)
    f4, fr4 = _requirements(item, kind, policies)
    findings += f2 + f3 + f4
    return findings, frees + fr2 + fr3 + fr4


def _earliest(frees: list[datetime | None]) -> datetime | None:
    if not frees or any(f is None for f in frees):
        return None
    return max(f for f in frees if f is not None)


def judge(item: Item, policies: PolicySet, opts: EngineOptions | None = None) -> Judgement:
    """Judge ``item`` at ``item.published_at`` against ``policies``."""
    opts = opts or EngineOptions()
    kind = item.kind.kind
    findings, frees = _judge_kind(item, kind, policies, opts)
    verdict = Verdict.worst([f.verdict for f in findings])
    notes: list[str] = []
    if item.kind.confidence < opts.kind_threshold and findings:
        # The kind is a guess: the verdict must hold for every plausible kind.
        others = [k for k in (item.kind.alternatives or tuple(Kind)) if k is not kind]
        other_verdicts = []
        for k in others:
            fk, frk = _judge_kind(item, k, policies, opts)
            other_verdicts.append(Verdict.worst([f.verdict for f in fk]))
            frees += frk
        if any(v is not verdict for v in other_verdicts):
            guess = (f"guessed the kind as {kind.value} ({item.kind.confidence:.2f}"
                     + (f": {'; '.join(item.kind.evidence[:2])}" if item.kind.evidence else "")
                     + ")")
            findings.append(Finding(
                verdict=Verdict.REVIEW,
                message=f"{guess}; the answer depends on who publishes it: set `kind` in the "
                        "front matter or pass --kind"))
            verdict = Verdict.REVIEW
        notes.append(f"kind inferred as {kind.value} ({item.kind.confidence:.2f})")
    earliest = _earliest(frees) if findings else None
    if any(f.verdict is Verdict.VIOLATION and f.tier is not None and f.lifts_at is None
           and f.rule for f in findings):
        earliest = None
    return Judgement(item=item, verdict=verdict, findings=tuple(findings),
                     earliest_compliant=earliest, notes=tuple(notes))


def exit_code(judgements: Iterable[Judgement]) -> int:
    """The contract's exit code: 0 all pass, 1 any violation, 3 review but no violation."""
    worst = Verdict.worst([j.verdict for j in judgements])
    return {Verdict.PASS: 0, Verdict.VIOLATION: 1, Verdict.REVIEW: 3}[worst]
