"""The evidence that an item is about one abstract, and where the item places its data.

``Signals`` holds, for one (item, abstract) hypothesis, each shared feature as a
log-likelihood ratio with its words, and what counts against it; ``Signals.llr`` sums them
(groups discounted, the topic capped, penalties and caps applied) and ``Signals.evidence``
says it in words.  ``Where`` is what the item says about meetings and venues, shared by every
hypothesis of one item.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from embargo.linking import features as F
from embargo.linking.venues import Venue


@dataclass(frozen=True)
class Where:
    """Where the item says its data are: the meetings it names and the venues it places its
    data at (``linking.venues``), and the abstracts it names specifically (by number, page or
    id), which no other publication of the same study shares."""

    meetings: tuple[str, ...] = ()  # every edition named, guessed ones included (in order)
    explicit: frozenset[str] = frozenset()  # editions named with their year
    series: frozenset[str] = frozenset()  # series named without a year
    venues: tuple[Venue, ...] = ()
    specific: frozenset[int] = frozenset()  # rowids named by number, page or id
    # rowids whose abstract number the item gives ("Abstract #0555"), in its meeting or,
    # with no meeting named, in any: a study's other publications do not carry it
    numbered: frozenset[int] = frozenset()
    publication: bool = False  # the item is itself a scholarly publication (paper, abstract)
    #: the item's own date (its dateline, or its front matter's publish_at), if it gives one;
    #: not a time it is only judged at (--at, now)
    dated: datetime | None = None
    #: ``elsewhere``'s answers per (meeting, series): every abstract of one meeting gets the
    #: same (the venues are the item's); not part of what the value is.
    _elsewhere: dict[tuple[str, str | None], Venue | None] = field(
        default_factory=dict, compare=False, hash=False, repr=False)

    def meeting_signal(self, meeting: str, series: str | None) -> float:
        """+1 the abstract's edition is named; -1 only other editions or series are; else 0
        (nothing named, or its series without a year: that fits every edition)."""
        if meeting in self.explicit:
            return 1.0
        if series is not None and series in self.series:
            return 0.0
        others = self.explicit | self.series
        return -1.0 if others else 0.0

    def elsewhere(self, rowid: int, meeting: str, series: str | None) -> Venue | None:
        """The venue other than the abstract's own meeting where the item places its data,
        unless the item also places them at that meeting or names the abstract itself."""
        if rowid in self.specific:
            return None
        key = (meeting, series)
        if key not in self._elsewhere:
            self._elsewhere[key] = self._elsewhere_of(meeting, series)
        return self._elsewhere[key]

    def _elsewhere_of(self, meeting: str, series: str | None) -> Venue | None:
        for v in self.venues:
            if v.kind in ("regulatory", "filing"):
                return v  # the headline is a regulator's decision or a filing, not a talk
        # A headline about the trial's progress (enrollment, first patient dosed) is about
        # the trial unless the item places data at the abstract's own edition, named with
        # its year: a yearless "presented at the ASH annual meeting" is background there.
        if not any(v.kind == "meeting" and v.meeting == meeting for v in self.venues):
            for v in self.venues:
                if v.kind == "milestone":
                    return v
        year = int(meeting[-4:]) if meeting[-4:].isdigit() else None
        # A yearless mention of the series ("the EULAR Congress") beside one named edition
        # of it ("EULAR 2024", catalogued or not: "SABCS 2025") is that edition, not every
        # edition.
        editions = {v.year for v in self.venues
                    if v.kind == "meeting" and v.series == series and v.year is not None}
        yearless_own = not (editions - {year})
        own = [v for v in self.venues if v.kind == "meeting" and (
            v.meeting == meeting or (v.meeting is None and series is not None
                                     and v.series == series and v.year in (None, year)
                                     and (v.year is not None or yearless_own)))]
        if own or (meeting in self.explicit and not self.venues):
            return None
        for v in self.venues:
            if v.kind != "meeting" or v.meeting != meeting:
                return v
        if self.publication:
            return Venue("journal", "the item itself, a scholarly publication")
        return None

    @property
    def nothing_named(self) -> bool:
        """The item names no meeting at all, not even a series without its year."""
        return not (self.explicit or self.series or self.venues)




@dataclass(frozen=True)
class Kind:
    """One kind of shared evidence: how likely coverage of the abstract repeats it (``hit``),
    the least chance that an item about another study holds it too (``floor``), and the most
    it may weigh (``cap``, in log-odds)."""

    hit: float
    floor: float
    cap: float
    label: str


KINDS: dict[str, Kind] = {
    "title": Kind(0.5, 0.002, 3.0, "words"),
    "word": Kind(0.2, 0.002, 2.0, "words"),
    "pair": Kind(0.35, 0.001, 3.0, "words"),
    "name": Kind(0.8, 0.0005, 5.0, "drug names"),
    "rare_name": Kind(0.8, 0.0005, 1.0, "rare drug names"),
    "trial": Kind(0.8, 0.0005, 5.0, "trial names"),
    "decimal": Kind(0.35, 0.002, 5.0, "numbers"),
    "short_decimal": Kind(0.35, 0.02, 2.5, "numbers"),
    "count": Kind(0.35, 0.001, 4.0, "numbers"),
    "bigcount": Kind(0.35, 0.0002, 5.0, "numbers"),
    "small": Kind(0.35, 0.04, 2.0, "small numbers"),
    "rounded": Kind(0.3, 0.04, 2.0, "small numbers"),
    "first_author": Kind(0.5, 0.003, 4.0, "authors"),
    "author": Kind(0.2, 0.003, 3.0, "authors"),
    "category": Kind(0.8, 0.005, 2.5, "category"),
    "name_meeting": Kind(0.8, 0.002, 3.0, "a name at its meeting"),
}

#: Kinds of evidence that name the abstract's own study or people, not only its design and
#: topic.
NAMED_KINDS = frozenset({"trial", "name", "first_author", "author", "category", "name_meeting"})
#: Numbers specific to one study: counts and decimals of three figures or more.
STUDY_NUMBER_KINDS = frozenset({"decimal", "count", "bigcount"})
#: Kinds of evidence that single out one study among those on the same topic.
ANCHOR_KINDS = NAMED_KINDS | STUDY_NUMBER_KINDS
#: The kinds of evidence that are numbers only.
_NUMBER_KINDS = frozenset({"decimal", "short_decimal", "count", "bigcount", "small", "rounded"})
#: Numbers any study may give: small integers and approximations.
_SMALL_KINDS = frozenset({"small", "rounded"})

#: How the summed evidence becomes a confidence: ``1 / (1 + exp(-scale * (llr - shift)))``;
#: ``decay`` discounts the 2nd, 3rd ... piece of evidence (they are not independent).
#: Calibrated on tests/cases/linking with bench/calibrate_linking.py, then rounded.
CALIBRATION: dict[str, float] = {"scale": 1.2, "shift": 6.0, "decay": 0.7, "missing": 1.2,
                                 "missing_cap": 3.0, "topic_cap": 5.0,
                                 "unexplained": 0.4, "unexplained_cap": 1.6,
                                 "strangers": 3.5}
#: sibling abstract are weighed by the rivalry of the two instead (``Linker._shares``).
_LOCAL_KINDS = frozenset(("title", "word", "pair", "small", "rounded"))


def _shared(termset: set[str], p: F.Profile) -> set[str]:
    """The item's words and pairs that the abstract holds (title, keywords or text)."""
    out = termset.intersection(p.title)
    out.update(termset.intersection(p.terms))
    return out


def _part_order(p: tuple[float, str, str, str]) -> tuple[float, str, str]:
    """Strongest evidence first; ties by kind and term, never by arrival order."""
    return (-p[0], p[1], p[3])


@dataclass
class Signals:
    """The evidence for one abstract: log-likelihood ratios, each with its words."""

    parts: list[tuple[float, str, str, str]] = field(default_factory=list)
    # (llr, kind, shown, term)
    ids: float = 0.0  # 0..1 strength of an explicit identifier
    id_evidence: list[str] = field(default_factory=list)
    meeting: float = 0.0  # +1 its meeting named, -1 only other meetings named
    title: float = 0.0  # share of the title (rarity-weighted) the item repeats
    missing: float = 0.0  # drug or trial names of the item this abstract does not hold
    missing_names: list[str] = field(default_factory=list)
    unexplained: int = 0  # result numbers of the item this abstract does not hold
    am: str = ""
    elsewhere: Venue | None = None  # the item places its data at another venue
    study_only: bool = False  # no meeting named and nothing of this abstract but its study
    # The item names its study (a drug or trial name it gives twice or more) and this
    # abstract holds none of the item's names, while nothing else singles it out: another
    # study.
    other_study: bool = False
    # Trial names the item's title gives that this abstract never names: the item is about
    # that trial, and mentions this abstract's study in passing at most.
    other_headline: list[str] = field(default_factory=list)
    #: The item names no meeting and nothing of this abstract, and gives three results or
    #: more, none of them this abstract's (see ``Linker._signals``).
    other_results: bool = False
    # the item is dated more than a year after the abstract's meeting and names neither it
    # nor the abstract
    long_after: bool = False
    strangers: list[str] = field(default_factory=list)  # the item's study people, not authors
    #: The item credits its work to people who are not this abstract's authors, and shares
    #: nothing that singles the abstract out beyond its study (see ``Linker._signals``).
    other_work: bool = False
    #: The first author of the list of this abstract's team that the item reproduces, when
    #: no such list is led by this abstract's first author: the team's other work.
    other_lead: str = ""
    #: The item credits its study to a team some of whom are not this abstract's authors
    #: (see ``Linker._signals``): those, in order.
    other_team: list[str] = field(default_factory=list)
    #: Nothing singles the abstract out but some of its authors, none its first: not its
    #: title, numbers, names or identifiers (see ``Linker._signals``).
    team_only: bool = False

    def llr(self) -> float:
        """The summed evidence.  Pieces of one group (words, names, numbers, authors) are
        not independent: the 2nd counts ``decay`` times, the 3rd ``decay²`` ...; groups add
        up.  A drug or trial name the item gives that the abstract lacks counts against."""
        cached = self.__dict__.get("_llr")
        if cached is not None:
            return float(cached)
        decay = CALIBRATION["decay"]
        seen: dict[str, int] = {}
        sums: dict[str, float] = {}
        topical = self.topical()
        for v, kind, _, _ in sorted(self.parts, key=_part_order):
            if not topical and kind in _SMALL_KINDS:
                continue
            group = KINDS[kind].label
            i = seen.get(group, 0)
            seen[group] = i + 1
            sums[group] = sums.get(group, 0.0) + v * decay ** i
        # What the topic alone gives (its words, its drugs, common small numbers) is capped
        # below the shift: a link needs a specific anchor too (the study's numbers, an
        # author, a trial name, an identifier, or most of its title).
        # Naming the abstract's meeting is topic evidence too (every abstract of it gets it).
        topic = sums.pop("words", 0.0) + sums.pop("drug names", 0.0)
        if self.meeting > 0:
            topic += 1.0
        total = min(CALIBRATION["topic_cap"], topic) + sum(sums.values())
        total -= min(CALIBRATION["missing_cap"], CALIBRATION["missing"] * self.missing)
        total -= min(CALIBRATION["unexplained_cap"],
                     CALIBRATION["unexplained"] * self.unexplained)
        total += 12.0 * self.ids
        if self.strangers:
            total -= CALIBRATION["strangers"]
        if self.meeting < 0:
            total -= 2.0
        if self.title > 0.6:
            total += 5.0 * (self.title - 0.6) / 0.4
        if any(getattr(self, flag) for flag, _ in OTHER_PUBLICATION):
            # The study's own evidence (trial, drug, numbers, authors) fits the other
            # publication as well as this abstract: at most a candidate.
            total = min(total, CALIBRATION["shift"] + 0.3)
        self.__dict__["_llr"] = total
        return total

    def anchored(self) -> bool:
        """Whether the evidence singles its abstract out among those on the same topic: an
        identifier, most of its title, a trial or drug name, an author, its category, one of
        its counts ("438 patients"), three of its numbers given exactly, decimals or short
        ones ("39.1", "8.2", "27"; an approximation, "≈34", is none), or two of its decimals
        at the meeting the item names.  (A count anchors with a word of its title, its meeting
        named or another of its study numbers: alone it is a coincidence.)

        Every link needs one: topic words, rounded or short numbers ("≈34", "0.62") and the
        meeting fit any abstract of the field; and a further link, once a first has explained
        the item's study, has had the names and people that counted against it explained by
        the first link."""
        if self.ids > 0 or self.title >= 0.5:
            return True
        if self.numbers_only():
            # Numbers alone, not one word of the topic shared: a coincidence ("14.2%" and a
            # "12" in an abstract on another disease), whatever their number.
            return False
        kinds = [kind for _, kind, _, _ in self.parts]
        if any(kind in NAMED_KINDS for kind in kinds):
            return True
        counts = sum(1 for kind in kinds if kind in ("count", "bigcount"))
        # (one count, with not one word of its title, none of its names or people and its
        # meeting unnamed, is what an item on another study shares with some abstract by
        # chance: "306" beside "prolonged" and "matched" in a paper on gastric residue)
        if counts and (self.title > 0 or self.meeting > 0
                       or counts + kinds.count("decimal") >= 2):
            return True
        # Numbers alone: three given exactly (decimals or short ones), or two decimals at the
        # meeting the item names.  One or two decimals beside the topic's words are what a
        # data-heavy item shares with some abstract of the field by chance ("30.1" and "15.9"
        # among the twenty-six of a paper's summary).
        exact = sum(1 for kind in kinds if kind in ("decimal", "short_decimal", "small"))
        return exact >= 3 or (self.meeting > 0 and kinds.count("decimal") >= 2)

    def topical(self) -> bool:
        """Whether the abstract shares the item's topic: a word of it beyond the words of
        research writing ("cohort study", "patients"), or anything naming the study, its
        people or its specific numbers.  A drug name alone is no topic (one drug is tested
        in many diseases); without one, small and rounded numbers ("42", "≈29") are a
        coincidence and do not count."""
        if self.ids > 0 or self.title >= 0.3:
            return True
        for _, kind, _, term in self.parts:
            if kind in ("title", "word", "pair"):
                if not F.generic_term(term):
                    return True
            elif kind not in _SMALL_KINDS and kind not in ("name", "rare_name"):
                return True
        return False

    def numbers_only(self) -> bool:
        """Whether everything shared is numbers: no identifier, word, name or author."""
        return self.ids <= 0 and all(kind in _NUMBER_KINDS for _, kind, _, _ in self.parts)

    def penalty(self) -> float:
        """What counts against this hypothesis and a stronger link may explain away."""
        return (min(CALIBRATION["missing_cap"], CALIBRATION["missing"] * self.missing)
                + min(CALIBRATION["unexplained_cap"],
                      CALIBRATION["unexplained"] * self.unexplained)
                + (CALIBRATION["strangers"] if self.strangers else 0.0))

    def confidence(self) -> float:
        z = CALIBRATION["scale"] * (self.llr() - CALIBRATION["shift"])
        return 1.0 / (1.0 + math.exp(-z)) if z > -40 else 0.0

    def vector(self) -> list[float]:
        return [self.llr()]

    def terms(self) -> dict[str, float]:
        return {t: v for v, _, _, t in self.parts}

    @property
    def evidence(self) -> list[str]:
        out = list(self.id_evidence)
        if self.title >= 0.3:
            out.append(f"title {self.title:.0%} repeated")
        groups: dict[str, list[str]] = {}
        topical = self.topical()
        for v, kind, what, _ in sorted(self.parts, key=_part_order):
            if v >= 0.5 and (topical or kind not in _SMALL_KINDS):
                groups.setdefault(KINDS[kind].label, []).append(what)
        for label, shown in groups.items():
            out.append(f"{label}: {', '.join(dict.fromkeys(shown[:6]))}")
        if self.missing_names:
            out.append(f"names not shared: {', '.join(self.missing_names[:4])}")
        if self.meeting > 0:
            out.append(f"names its meeting ({self.am})")
        elif self.meeting < 0:
            out.append(f"names other meetings, not {self.am}")
        if self.strangers:
            out.append(f"credits the work to {', '.join(self.strangers[:3])}, not among its "
                       "authors")
        out.extend(say(self) for flag, say in OTHER_PUBLICATION if getattr(self, flag))
        return out


#: The signs that the item is about another publication, study or work than the abstract, in
#: the order the evidence names them: each caps the evidence below a link (``Signals.llr``)
#: and says why (``Signals.evidence``).  One table, so a new sign cannot do one without the
#: other.
OTHER_PUBLICATION: tuple[tuple[str, Callable[[Signals], str]], ...] = (
    ("other_work", lambda s: "shares nothing that singles this abstract out beyond its study "
     "and topic: probably another presentation of the same study"),
    ("other_team", lambda s: f"credits the study to a team with {', '.join(s.other_team[:3])}, "
     "not among its authors: probably another study by one of them"),
    ("team_only", lambda s: "shares only some of its authors, not its first, and the topic: "
     "perhaps the same team's other work"),
    ("other_lead", lambda s: f"gives its team's author list led by {s.other_lead}, not by "
     "this abstract's first author: probably another abstract by the same team"),
    ("other_study", lambda s: "names a study this abstract never names, and shares no name, "
     "author or identifier and little of its title with it: probably another study"),
    ("other_headline", lambda s: f"its title is about {', '.join(s.other_headline[:2])}, "
     "which this abstract never names: mentioned in passing at most"),
    ("study_only", lambda s: "names no meeting, and nothing of this abstract beyond its "
     "study: perhaps another publication of the same study"),
    ("other_results", lambda s: f"names no meeting, and gives {s.unexplained} results this "
     "abstract does not hold and none it does: probably another data cut or publication of "
     "the same study"),
    ("long_after", lambda s: "is dated more than a year after this abstract's meeting and "
     "names neither: probably a later publication of the same study"),
    ("elsewhere", lambda s: f"places its data at {s.elsewhere.describe() if s.elsewhere else ''}"
     f", not at {s.am}: probably another publication of the same study"),
)


SIGNALS = ("llr",)
