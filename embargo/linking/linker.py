"""Linking: which catalogued abstracts an item is about, how sure, and why.

How it works (docs/linking.md has the long form):

1. **Read the item** once into features (``linking.features``): content words, word pairs,
   numbers (exact and as they would be rounded), capitalised words (possible surnames),
   explicit abstract ids and numbers, trial registry ids, links, meetings named.
2. **Shortlist** abstracts through the catalogue's linking index: every item term that is
   rare in the catalogue (a drug or trial name, a surname, "61.9") votes for the abstracts
   holding it, weighted by its rarity.  Explicit ids, trial ids and page links add their
   abstracts directly.  Nothing compares the item with every abstract.
3. **Score** each shortlisted abstract on a handful of signals a careful reader uses, each a
   number with a plain-words explanation: title coverage, rare shared terms, the study's own
   numbers, authors, explicit identifiers, the meeting named, and how much of the item's own
   rare vocabulary the abstract explains.  A logistic model turns them into a confidence in
   [0, 1] (weights calibrated on the labelled set in ``tests/cases/linking``; see
   ``bench/calibrate_linking.py``).
4. **Explain away**: evidence already explained by a stronger link (the drug and trial name
   shared by every abstract of the same trial) does not count again for a weaker sibling, so a
   release about one analysis of a trial links that analysis, while a release about two
   studies, each with its own title and numbers, links both.

Confidence at or above ``LinkOptions.accept`` is a link; between ``candidate`` and ``accept``
a candidate (the engine makes the item ``review`` while a candidate is under embargo).
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from embargo.catalog.store import Catalog
from embargo.linking import features as F
from embargo.linking.drugs import BRANDS
from embargo.linking.features import druglike
from embargo.linking.meetings import MeetingMatcher
from embargo.linking.venues import Venue, find_venues
from embargo.model import Link
from embargo.policy.loader import PolicySet

_FULL_ID = re.compile(r"\b([a-z][a-z0-9\-]*-\d{4}):([A-Za-z0-9][A-Za-z0-9.\-]*[A-Za-z0-9]|"
                      r"[A-Za-z0-9])\b")
_NUMBERED = re.compile(
    r"\b(?:abstracts?|posters?|presentations?|poster\s+board|late[- ]breaking\s+abstract|"
    r"LBA|oral\s+abstract)\s*(?:no\.?|number|num\.?|#|:)?\s*#?\s*"
    r"([A-Z]{0,4}-?\d{1,7}[A-Z]?)\b", re.IGNORECASE)
_LABEL = re.compile(r"(?<![\w#])#?((?:LBA|LB|OP|POS|PO|TPS|OA|PS|SAT|THU|FRI|WED|TUE|L)"
                    r"-?\d{1,5}[A-Z]?)\b")
_HASH_NUM = re.compile(r"(?<![\w&])#([A-Z]{0,4}\d{2,7})\b")
#: Numbers that are places, not abstracts: "booth #1234", "Hall B, stand 12", "table 7".
_PLACE_BEFORE = re.compile(r"\b(?:booths?|stands?|tables?|halls?|rooms?|kiosks?|exhibits?|"
                           r"exhibitors?|suites?|gates?|spaces?|bays?|pavilions?|levels?|"
                           r"floors?|tracks?|channels?|ext\.?|extension|box)\s*(?:no\.?|"
                           r"number|#)?\s*#?\s*$", re.IGNORECASE)
#: The longest number an organiser gives an abstract; longer ones are submission or
#: registration ids ("Abstract #2128553"), never an abstract's label.
MAX_NUMBER_DIGITS = 5


def abstract_numbers(text: str) -> list[tuple[str, str, str | None]]:
    """Abstract numbers the text writes: (number as looked up, as written, the number read
    without a glued trailing note marker or None), in text order.

    Not abstract numbers: places ("booth #1234"), ids longer than any abstract label
    (seven-digit submission ids), single digits.  A numbered cue whose digits run one past
    the usual length ("Abstract 08494") may carry a footnote marker: the caller tries it
    without its last digit as well (``glued``)."""
    out: dict[str, tuple[str, str, str | None]] = {}
    found: list[tuple[int, str]] = []
    for rx in (_NUMBERED, _LABEL, _HASH_NUM):
        for m in rx.finditer(text):
            found.append((m.start(1), m.group(1)))
    for start, raw in sorted(found):
        cue = text[max(0, start - 30):start]
        if _PLACE_BEFORE.search(re.sub(r"[#:]\s*$", "", cue)) or _PLACE_BEFORE.search(cue):
            continue
        number = raw.replace("-", "")
        digits = re.sub(r"\D", "", number)
        if number.isdigit() and len(number) < 2:
            continue
        glued: str | None = None
        if len(digits) > MAX_NUMBER_DIGITS:
            continue
        if number.isdigit() and len(number) >= 4 and number.startswith("0"):
            glued = number[:-1]  # "08494": 0849 with note 4, if 8494 is no abstract
        out.setdefault(number, (number, raw, None))
        if glued:
            out.setdefault(number + "#glued", (number, raw, glued))
    return list(out.values())


_REGISTRY_HINT = ("nct", "isrctn", "eudract", "actrn", "chictr", "jrct", "ctri/", "drks",
                  "kct", "umin")
_URL = re.compile(r"https?://[^\s<>()\[\]\"']+")
#: Trial names and drug codes: ORCHID-2, KEYNOTE-189, CheckMate-067, ABC-123, LANTERN; not
#: gene or target names such as CD38, HER2, IL-23, BRCA1 (too short before the digits).
_TRIAL_LIKE = re.compile(r"(?<![#\w])(?:[A-Z][A-Za-z]{4,}-?\d+[A-Za-z]?|[A-Z]{2,}-?\d{3,}|"
                         r"[A-Z]{5,}(?:-[A-Za-z0-9]+)?)\b")
#: A result number: a percentage or a decimal ("61.9%", "62 percent", "0.54").
_RESULT = re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d+)?)\s*(?:%|percent|per cent)|"
                     r"(?<![\w.,])(0\.\d+|\d{1,3}\.\d+)(?![\w.]|\.\d)")
#: A study noun near a trial-like word makes it a study's name ("the LUMEN-3 trial", "in the
#: phase 3 PHOENYCS GO study"); without one it may be an outcome measure (BICLA, ESSDAI).
_STUDY_NOUN = (r"(?:trials?|stud(?:y|ies)|programm?e?s?|cohorts?|registr(?:y|ies)|extension|"
               r"sub-?stud(?:y|ies))")
_STUDY_NOUN_AFTER = re.compile(r"(?:[\s-]+[A-Z0-9][A-Za-z0-9\-]*){0,2}[\s-]+(?:\w+[\s-]+)?"
                               + _STUDY_NOUN + r"\b", re.IGNORECASE)
_STUDY_NOUN_BEFORE = re.compile(r"\b(?:" + _STUDY_NOUN + r"|phase\s*(?:[1-4]|I{1,3}V?)[ab]?|"
                                r"NCT\d{8}\)?)[\s,:(]+(?:called\s+|named\s+|known as\s+)?"
                                r"(?:the\s+)?$", re.IGNORECASE)
#: Categories an item can name that single out few abstracts of a meeting.
_CATEGORY_WORDS = {
    "plenary": re.compile(r"\bplenary\b", re.IGNORECASE),
    "late-breaking": re.compile(r"\blate[- ]?break(?:ing|ers?)\b|\bLBA?\s?-?\d", re.IGNORECASE),
}
#: Capital words that are never trial names: exchanges, wires, datelines' parts.
_NOT_TRIALS = frozenset(("NASDAQ", "NYSE", "AMEX", "EURONEXT", "OTCQX", "OTCQB", "HKEX",
                         "SOURCE", "PRNEWSWIRE", "NEWSWIRE", "GLOBE", "WIRE", "UPDATE",
                         "BREAKING", "EMBARGOED", "RELEASE", "CONTACT", "MEDIA", "ABOUT",
                         "ABSTRACT", "BACKGROUND", "METHODS", "RESULTS", "CONCLUSION",
                         "CONCLUSIONS", "PURPOSE", "FINDINGS", "INTERPRETATION", "FUNDING"))
_LINE_LEAD_CAPS = re.compile(r"[\W\d_]*(?:[A-Z][A-Z.'’\-]*[\s,]+)*$")


def _is_trial_name(text: str, m: re.Match[str]) -> bool:
    """A trial-like word is a name unless it heads a line as part of a dateline or a heading
    ("THOUSAND OAKS, Calif. --", "WASHINGTON --", "KEY FINDINGS"), names an exchange or a
    wire ("NASDAQ:AMGN"), or labels a section."""
    word = m.group(0)
    if word.upper() in _NOT_TRIALS or word.rstrip("s").upper() in _NOT_TRIALS:
        return False
    if not word.isupper():
        return True
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    if re.sub(r"[^A-Za-z]", "", line).isupper():
        return False  # a heading in capitals
    if not _LINE_LEAD_CAPS.match(text[line_start:m.start()]):
        return True  # among ordinary words
    rest = text[m.end():m.end() + 40]
    return not re.match(r"(?:\s*[A-Z][A-Z.'’\-]*)*\s*[,(\-–—/]", rest)


#: A dose: "7.5 mg", "300 mg/kg", "1,500 mg IV" (the regimen, shared by every report).
_DOSE = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)\s*(?:mg|mcg|µg|g|ml|iu|units?)(?:/(?:kg|m2|"
                   r"day|d|week|wk))?\b")
#: Coded words of the field that look like trial names but name a disease, a pathogen or a
#: scale (COVID-19, SARS-CoV-2, PROMIS-29): topic words, never the name of one study.
CODED_TOPICS = frozenset(("covid19", "covid", "sarscov2", "sarscov", "hiv1", "hiv2", "hpv16",
                          "hpv18", "htlv1", "hhv8", "h1n1", "h5n1", "promis29", "promis10",
                          "promis", "mpox", "ebola", "zika", "sf36", "eq5d", "phq9", "gad7"))
_CREDENTIAL = (r"(?:MD|M\.D\.|PhD|Ph\.D\.|DO|MBBS|MBChB|MPH|MSc|MS|MHS|MSCE|RN|PharmD|DrPH|"
               r"FRCPC?|FACR|FRACP|FACP)")
_PERSON = r"(?:[A-Z][\w'’\-]+\s+)?(?:[A-Z]\.\s*){0,2}(?:[A-Z][\w'’\-]+\s+)?([A-Z][\w'’\-]{2,})"
#: Who an item credits with the work: "Joan T. Merrill, MD, of ...", "presented by Dr. Chen",
#: "lead author Maria Lopez", "Okafor and colleagues", "Kim et al."
_STUDY_PERSON = re.compile(
    rf"\b{_PERSON}(?:,?\s+(?:Jr|Sr|II|III|IV)\.?)?,?\s+{_CREDENTIAL}\b|"
    rf"\b(?:presented|led|conducted|reported|authored|delivered|given) by\s+(?:Dr\.?\s+)?"
    rf"{_PERSON}|"
    rf"\b(?:lead|first|senior|corresponding|study|principal)\s*(?:author|investigator|"
    rf"researcher)s?,?\s+(?:Dr\.?\s+)?{_PERSON}|"
    rf"\b([A-Z][\w'’\-]{{2,}})\s+(?:and|&)\s+(?:colleagues|co-?workers|co-?authors|her team|"
    rf"his team)\b|\b([A-Z][\w'’\-]{{2,}})\s+et\s+al\b")
#: A person the item quotes as an outsider is no author of the study.
_OUTSIDER = re.compile(r"\bnot (?:involved|part of|affiliated)|\bno (?:ties|role|involvement)|"
                       r"\bindependent\b|\bunaffiliated\b|\boutside expert|\bwho did not\b",
                       re.IGNORECASE)


#: Sentence ends, but not after "Dr.", "Prof.", an initial ("T.") or "et al.".
_SENTENCE_END = re.compile(r"(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bSt\.)(?<!\bal\.)"
                           r"(?<!\bProf\.)(?<!\bMrs\.)(?<!\b[A-Z]\.)(?<=[.!?])\s+|\n\s*\n")


def study_people(text: str) -> set[str]:
    """Folded surnames of the people the item credits with the study or its presentation."""
    out: set[str] = set()
    for sentence in _SENTENCE_END.split(text):
        if _OUTSIDER.search(sentence):
            continue
        for m in _STUDY_PERSON.finditer(sentence):
            name = next((g for g in m.groups() if g), None)
            if name and name.lower() not in F.STOP and not name.isupper():
                out.add(F.fold(name).replace("’", "'").replace("'", ""))
    return out


_CAPS = re.compile(r"(?<![\w'’])([A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’\-]+)")


@dataclass(frozen=True)
class LinkOptions:
    accept: float = 0.75  # links at or above are accepted
    candidate: float = 0.35  # below accept, at or above this: a candidate (→ review)
    max_links: int = 25
    shortlist: int = 16  # abstracts scored in full per item (besides identified ones)


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
    publication: bool = False  # the item is itself a scholarly publication (paper, abstract)

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
        for v in self.venues:
            if v.kind == "regulatory":
                return v  # the headline is a regulator's decision, not a presentation
        year = int(meeting[-4:]) if meeting[-4:].isdigit() else None
        own = [v for v in self.venues if v.kind == "meeting" and (
            v.meeting == meeting or (v.meeting is None and series is not None
                                     and v.series == series and v.year in (None, year)))]
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
class LinkResult:
    links: tuple[Link, ...]
    candidates: tuple[Link, ...]
    meetings: tuple[str, ...]


# --------------------------------------------------------------------------- the model

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
    strangers: list[str] = field(default_factory=list)  # the item's study people, not authors

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
        for v, kind, _, _ in sorted(self.parts, key=_part_order):
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
        if self.elsewhere is not None or self.study_only:
            # The study's own evidence (trial, drug, numbers, authors) fits the other
            # publication as well as this abstract: at most a candidate.
            total = min(total, CALIBRATION["shift"] + 0.3)
        self.__dict__["_llr"] = total
        return total

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
        for v, kind, what, _ in sorted(self.parts, key=_part_order):
            if v >= 0.5:
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
        if self.study_only:
            out.append("names no meeting, and nothing of this abstract beyond its study: "
                       "perhaps another publication of the same study")
        if self.elsewhere is not None:
            out.append(f"places its data at {self.elsewhere.describe()}, not at {self.am}: "
                       "probably another publication of the same study")
        return out


SIGNALS = ("llr",)


# --------------------------------------------------------------------------- the item

@dataclass
class ItemFeatures:
    words: set[str]
    bigrams: set[str]
    exact: set[str]  # n: terms
    ints: set[str]  # integers of the item, as r: terms (to meet rounded abstract numbers)
    caps: set[str]  # folded capitalised words (possible surnames)
    tokens: set[str]  # every folded word, for first names
    coined: set[str]  # w: terms the item writes in capitals or with digits (ORCHID-2, TNF)
    termset: set[str] = field(default_factory=set)  # w: and b: terms
    names: set[str] = field(default_factory=set)  # drug and trial names (see Linker._names)
    trial_like: set[str] = field(default_factory=set)  # EMBER-301, ORCHID: w: terms
    results: list[tuple[str, str | None]] = field(default_factory=list)  # (n:, r: or None)
    lead_words: set[str] = field(default_factory=set)  # words of the lead, or said twice
    people: set[str] = field(default_factory=set)  # surnames the item credits with the work
    study_names: set[str] = field(default_factory=set)  # w: terms used as a study's name
    categories: set[str] = field(default_factory=set)  # "plenary", "late-breaking" named

    @classmethod
    def of(cls, text: str) -> ItemFeatures:
        low = F.fold(text)
        words = F.content_set(low)
        for brand in words & BRANDS.keys():
            words.update(F.content_words(" ".join(BRANDS[brand])))
        big = set(F.bigrams(low))
        exact: set[str] = set()
        ints: set[str] = set()
        doses = {m.group(1).replace(",", "") for m in _DOSE.finditer(low)}
        for e, _ in F.numbers(low):
            if e in doses:
                continue  # "7.5 mg": a dose names the drug's regimen, not this abstract
            exact.add("n:" + e)
            if "." not in e:
                ints.add("r:" + e)
        caps = set()
        for c in _CAPS.findall(text):
            c = re.sub(r"['’]s$", "", c)
            for part in F.fold(c).replace("’", "'").split("-"):
                part = part.replace("'", "")
                if len(part) >= 2:
                    caps.add(part)
        coined = F.acronyms(text)
        trial_like = {"w:" + w for w in F.content_words(" ".join(
            F.fold(m.group(0)) for m in _TRIAL_LIKE.finditer(text) if _is_trial_name(text, m)))}
        # Names a release gives in its closing boilerplate ("About the company: it markets
        # ...") say nothing against a study; only those of the lead, or repeated, count
        # as the item's own (see Linker._names).
        lead = F.fold(text[:2000])
        repeated = {w for w, c in Counter(F.content_words(low)).items() if c >= 2}
        own_names = F.content_set(lead) | repeated
        for brand in own_names & BRANDS.keys():
            own_names.update(F.content_words(" ".join(BRANDS[brand])))
        termset = {"w:" + w for w in words}
        termset.update("b:" + b for b in big)
        results: list[tuple[str, str | None]] = []
        for m in _RESULT.finditer(low):
            v = m.group(1) or m.group(2)
            if "." in v:
                r = int(float(v) + 0.5)
                results.append(("n:" + v.lstrip("0") if not v.startswith("0.") else "n:" + v,
                                "r:" + str(r) if float(v) >= 1 and r >= 10 else None))
            elif int(v) >= 10:
                results.append(("n:" + v, "r:" + v))
        tokens = set(low.split()) | set(low.replace("-", " ").split())
        trial_like -= {"w:" + w for w in CODED_TOPICS}
        study_names = {"w:" + w for w in F.content_words(" ".join(
            F.fold(m.group(0)) for m in _TRIAL_LIKE.finditer(text)
            if _is_trial_name(text, m) and (
                _STUDY_NOUN_AFTER.match(text, m.end())
                or _STUDY_NOUN_BEFORE.search(text[max(0, m.start() - 30):m.start()]))))}
        study_names -= {"w:" + w for w in CODED_TOPICS}
        return cls(words, big, exact, ints, caps, tokens, coined, termset, set(), trial_like,
                   list(dict.fromkeys(results)), own_names, people=study_people(text),
                   study_names=study_names,
                   categories={c for c, rx in _CATEGORY_WORDS.items() if rx.search(text)})


# --------------------------------------------------------------------------- the linker

class Linker:
    """Links item texts to catalogued abstracts.  Reuse one per session: it caches."""

    def __init__(self, catalog: Catalog, policies: PolicySet,
                 options: LinkOptions | None = None) -> None:
        self.catalog = catalog
        self.policies = policies
        self.options = options or LinkOptions()
        self._terms: dict[str, tuple[int, bytes | None]] = {}
        self._profiles: dict[int, tuple[str, F.Profile]] = {}
        self._meetings: MeetingMatcher | None = None
        self._catalog_meetings: dict[str, int] | None = None
        self._n: int | None = None
        self.last_scored: list[tuple[float, int, Signals]] = []  # for calibration
        self._wcache: dict[str, tuple[int, float]] = {}
        self._category_counts: dict[tuple[str, str], int] | None = None
        self._categories: dict[int, str] = {}
        self._rowid_meeting: dict[int, str] = {}
        self._title_cache: dict[str, dict[str, float]] = {}

    # ----------------------------------------------------------------- look-ups (cached)

    @property
    def size(self) -> int:
        if self._n is None:
            self._n = self.catalog.link_size()
        return self._n

    def _meeting_matcher(self) -> MeetingMatcher:
        if self._meetings is None:
            self._catalog_meetings = dict(self.catalog.meetings())
            self._meetings = MeetingMatcher.build(self.policies, self._catalog_meetings)
        return self._meetings

    def _lookup(self, terms: Iterable[str]) -> dict[str, tuple[int, bytes | None]]:
        cache = self._terms
        missing = [t for t in terms if t not in cache]
        if len(cache) + len(missing) > 100_000:
            cache.clear()
            missing = list(terms)
        if missing:
            got = self.catalog.link_terms(missing)
            for t in missing:
                cache[t] = got.get(t, (0, None))
        return cache

    def _profile(self, rowids: Sequence[int]) -> dict[int, tuple[str, F.Profile]]:
        need = [r for r in rowids if r not in self._profiles]
        if need:
            for rowid, (aid, enc) in self.catalog.link_profiles(need).items():
                self._profiles[rowid] = (aid, F.Profile.decode(enc))
            if len(self._profiles) > 3_000:
                keep = {r: self._profiles[r] for r in rowids if r in self._profiles}
                self._profiles = keep
        return {r: self._profiles[r] for r in rowids if r in self._profiles}

    def _weight(self, df: int) -> float:
        """Rarity of a term in [0, 1]: 1 for a term in one abstract, ~0 for one in all."""
        n = self.size
        if df <= 0 or n <= 0:
            return 0.0
        return max(0.0, min(1.0, math.log((n + 1) / (df + 0.5)) / math.log(n + 1.5)))

    def _title_weights(self, aid: str, p: F.Profile) -> dict[str, float]:
        """Rarity weight of each title term, and their sum under the key "" (cached)."""
        hit = self._title_cache.get(aid)
        if hit is None:
            info = self._terms
            hit = {t: self._term_weight(t, info.get(t, (0, None))[0]) for t in p.title}
            hit[""] = sum(hit.values())
            if len(self._title_cache) > 5_000:
                self._title_cache.clear()
            self._title_cache[aid] = hit
        return hit

    def _term_weight(self, term: str, df: int) -> float:
        """Rarity of a term, with the words of research writing in general damped."""
        hit = self._wcache.get(term)
        if hit is not None and hit[0] == df:
            return hit[1]
        w = self._weight(df)
        if term.startswith("w:") and term[2:] in F.GENERIC_STEMS:
            w *= 0.3
        elif term.startswith("b:"):
            a, _, b = term[2:].partition("_")
            if a in F.GENERIC_STEMS and b in F.GENERIC_STEMS:
                w *= 0.3
        if len(self._wcache) > 400_000:
            self._wcache.clear()
        self._wcache[term] = (df, w)
        return w

    # ----------------------------------------------------------------- linking

    def link(self, text: str, *, meeting: str | None = None, at: datetime | None = None,
             urls: tuple[str, ...] = (), title: str | None = None,
             publication: bool = False) -> LinkResult:
        """Link ``text`` (with its ``title``) to catalogued abstracts.  ``publication``: the
        item is itself a scholarly publication (a paper, a preprint, another meeting's
        abstract), so it is not a catalogued abstract unless it names it."""
        matcher = self._meeting_matcher()
        full = f"{title}\n\n{text}" if title and title.strip() not in text[:400] else text
        mentions = matcher.mentions(full, at)
        meetings = list(dict.fromkeys(m.meeting for m in mentions if m.known))
        if self.size == 0:
            return LinkResult((), (), tuple(meetings))
        explicit = frozenset(m.meeting for m in mentions if m.explicit)
        # A series named without its year fits every edition, unless an edition of it is
        # named too ("ACR Convergence 2024, the annual meeting of the ACR" is 2024 only).
        named_series = {m.series for m in mentions if m.explicit}
        series = frozenset(m.series for m in mentions
                           if not m.explicit and m.series and m.series not in named_series)
        scope_ids = sorted(explicit | {c for c in (self._catalog_meetings or {})
                                       if matcher.series_of(c) in series})
        direct, specific = self._direct(text, urls, meeting, scope_ids)
        where = Where(tuple(meetings), explicit, series,
                      tuple(find_venues(text, title, matcher, at)), frozenset(specific),
                      publication)
        item = ItemFeatures.of(full)
        scope = {meeting} if meeting else None
        rowids = self._shortlist(item, direct, scope)
        item.names = self._names(item)
        profiles = self._profile(rowids)
        if item.categories:
            if self._category_counts is None:
                self._category_counts = self.catalog.category_counts()
            self._categories = self.catalog.categories(rowids)
        self._lookup({t for aid, p in profiles.values() if aid not in self._title_cache
                      for t in p.title})
        local: Counter[str] = Counter()
        numbers = item.exact | item.ints
        for rowid in rowids:
            if rowid in profiles:
                prof = profiles[rowid][1]
                local.update(_shared(item.termset, prof))
                local.update(numbers.intersection(prof.numbers, prof.rounded))
        k_local = len(profiles)
        pool: dict[int, Signals] = {}
        for rowid in rowids:
            if rowid not in profiles:
                continue
            aid, prof = profiles[rowid]
            if scope and aid.split(":", 1)[0] not in scope:
                continue
            pool[rowid] = self._signals(item, prof, aid, direct.get(rowid), where, local,
                                        k_local, rowid=rowid)
        self.last_scored = sorted(((sig.llr(), r, sig) for r, sig in pool.items()),
                                  key=lambda t: -t[0])
        chosen, rest = self._decide(item, pool, profiles, direct, where, local, k_local)
        keep = [*chosen, *[(p, r, sig) for p, r, sig in rest if p >= self.options.candidate]]
        abstracts = self.catalog.by_rowids([r for _, r, _ in keep]) if keep else {}
        links: list[Link] = []
        candidates: list[Link] = []
        for conf, rowid, sig in keep:
            a = abstracts.get(rowid)
            if a is None:
                continue
            link = Link(a, round(min(1.0, max(0.0, conf)), 3), tuple(sig.evidence))
            (links if conf >= self.options.accept else candidates).append(link)
        return LinkResult(tuple(links[: self.options.max_links]),
                          tuple(candidates[: self.options.max_links]), tuple(meetings))

    def _decide(self, item: ItemFeatures, pool: dict[int, Signals],
                profiles: dict[int, tuple[str, F.Profile]],
                direct: dict[int, tuple[float, list[str]]], where: Where,
                local: Counter[str], k_local: int
                ) -> tuple[list[tuple[float, int, Signals]], list[tuple[float, int, Signals]]]:
        """Which abstracts the item is about, and how sure.

        The hypotheses are "the item is about abstract j" for each shortlisted j, and "about
        none of them"; their odds are ``exp(scale * llr_j)`` against ``exp(scale * shift)``.
        The best is accepted when its share is at least ``accept``; then the evidence it
        explains is taken away and the rest compete again for what is left (a release about
        two studies links both; the sibling analyses of one trial do not ride on the shared
        drug and trial names).  Returns (accepted, the rest with their final shares).
        """
        scale, shift = CALIBRATION["scale"], CALIBRATION["shift"]
        llr = {r: sig.llr() for r, sig in pool.items()}
        current = dict(pool)  # the signals on the evidence not yet explained
        accepted: list[tuple[float, int, Signals]] = []
        taken: set[str] = set()
        shares: dict[int, float] = {}
        while llr and len(accepted) < self.options.max_links:
            shares = self._shares(current, llr, scale, shift)
            # Of the hypotheses strong enough to accept, the best supported explains its
            # evidence first (a sibling that holds only part of it must not take it away).
            able = [r for r in shares if shares[r] >= self.options.accept]
            if not able:
                break
            best = max(able, key=lambda r: (llr[r], shares[r], -r))
            accepted.append((shares[best], best, pool[best]))
            del llr[best]
            prof = profiles[best][1]
            for t in _shared(item.termset, prof):
                if self._term_weight(t, self._terms.get(t, (0, None))[0]) > 0.45:
                    taken.add(t)
            taken.update(prof.numbers)
            taken.update(prof.rounded)
            taken.update("a:" + a[0] for a in prof.authors)
            # Phrases made of words the link explains are explained too ("inebilizumab
            # placebo" once "inebilizumab" is).
            for t in item.termset:
                if t[0] == "b" and t not in taken:
                    a, _, b = t[2:].partition("_")
                    ok = [("w:" + x) in taken or x in F.GENERIC_STEMS for x in (a, b)]
                    if all(ok) and ("w:" + a in taken or "w:" + b in taken):
                        taken.add(t)
            # Re-weigh every remaining hypothesis that could still matter on the evidence
            # left (below ``shift - 4`` its share stays under 2%), counting what the new
            # link may explain away of its penalties (names, numbers, people it holds).
            for r in [r for r, v in llr.items() if v + current[r].penalty() >= shift - 4.0]:
                if direct.get(r, (0.0, []))[0] >= 0.9:
                    continue
                aid, p = profiles[r]
                own = self._signals(item, p, aid, direct.get(r), where, local, k_local,
                                    skip=taken, rowid=r)
                if own.llr() < llr[r] - 0.5:
                    pool[r].id_evidence.append("much of its evidence fits a stronger link")
                current[r] = own
                llr[r] = own.llr()
            shares = {}
        if llr and not shares:
            shares = self._shares(current, llr, scale, shift)
        rest = sorted(((shares.get(r, 0.0), r, pool[r]) for r in llr), key=lambda t: (-t[0], t[1]))
        return accepted, rest

    @staticmethod
    def _shares(pool: dict[int, Signals], llr: dict[int, float], scale: float,
                shift: float) -> dict[int, float]:
        """Each hypothesis's share against "none of them" and against the rivals that
        claim the same evidence: a rival counts with the part of its evidence that it
        shares with this one (a sibling analysis of the same trial competes in full, an
        unrelated second study of a two-study release not at all)."""
        top = sorted(llr, key=lambda r: (-llr[r], r))[:8]
        evidence = {r: pool[r].terms() for r in top}
        out: dict[int, float] = {}
        for r, v in llr.items():
            if r not in evidence:
                out[r] = 1.0 / (1.0 + math.exp(scale * (shift - v))) * 0.5
                continue
            mine = evidence[r]
            rivals = 0.0
            for o in top:
                if o == r:
                    continue
                theirs = evidence[o]
                total = sum(theirs.values())
                if total <= 0:
                    continue
                overlap = sum(x for t, x in theirs.items() if t in mine) / total
                if overlap > 0:
                    rivals += math.exp(scale * (math.sqrt(overlap) * llr[o] - v))
            out[r] = 1.0 / (math.exp(scale * (shift - v)) + 1.0 + rivals)
        return out

    # ----------------------------------------------------------------- step 1: identifiers

    def _direct(self, text: str, urls: Iterable[str], meeting: str | None,
                meetings: list[str]) -> tuple[dict[int, tuple[float, list[str]]], set[int]]:
        """Abstracts named by id, number, trial registry id or page link: rowid →
        (strength 0..1, evidence); and the rowids named specifically (id, number in the
        meeting named, page), which, unlike a trial id, no other publication shares."""
        out: dict[int, tuple[float, list[str]]] = {}
        specific: set[int] = set()
        conn = self.catalog.conn

        def add(rowid: int, strength: float, why: str, own: bool = False) -> None:
            old = out.get(rowid)
            if old is None:
                out[rowid] = (strength, [why])
            else:
                out[rowid] = (1 - (1 - old[0]) * (1 - strength), [*old[1], why])
            if own:
                specific.add(rowid)

        for m in _FULL_ID.finditer(text):
            row = conn.execute("SELECT rowid FROM abstracts WHERE id = ?",
                               (f"{m.group(1)}:{m.group(2)}",)).fetchone()
            if row:
                add(row[0], 1.0, f"abstract id {m.group(0)}", True)
        low = text.lower()
        if any(h in low for h in _REGISTRY_HINT) or re.search(r"\b\d{4}-\d{6}-\d{2}\b", text):
            from embargo.catalog.records import TRIAL_ID

            for tid in dict.fromkeys(t.upper() for t in TRIAL_ID.findall(text)):
                rows = conn.execute("SELECT abstract_rowid FROM abstract_trials WHERE "
                                    "trial_id = ? ORDER BY abstract_rowid", (tid,)).fetchall()
                for (rowid,) in rows:
                    add(rowid, 1.0 / len(rows) if len(rows) > 2 else 0.9 / len(rows),
                        f"trial {tid}")
        scope = [meeting] if meeting else meetings
        for number, written, glued in abstract_numbers(text):
            rows = self._by_number(number, scope)
            if glued is not None:
                # A footnote or reference marker glued to the number ("Abstract 08494"):
                # only as printed, leading zeros and all, and only when the whole number
                # is no abstract of the meeting.
                if rows:
                    continue
                rows = [r for r, n in self._numbers_as_printed(glued, scope)]
                if not rows:
                    continue
                for rowid in rows:
                    add(rowid, 0.5 if scope and len(rows) == 1 else 0.25,
                        f"abstract number {glued} (written {written}: a note marker glued "
                        "to it)")
                continue
            if not rows:
                continue
            if scope:
                strength = 0.95 if len(rows) == 1 else 0.6
            else:
                strength = 0.5 if len(rows) == 1 else 0.25
            for rowid in rows:
                add(rowid, strength, f"abstract number {written}",
                    bool(scope) and len(rows) == 1)
        for url in dict.fromkeys([*urls, *(u.rstrip(".,;:") for u in _URL.findall(text))]):
            key = F.url_key(url)
            if key is None:
                continue  # a site's home page names no abstract
            # Catalogues indexed before query strings counted hold the path alone: look up
            # both keys, then keep the abstracts whose own address is this very page.
            rows = conn.execute(
                "SELECT d.abstract_rowid, a.url FROM link_docs d JOIN abstracts a ON "
                "a.rowid = d.abstract_rowid WHERE d.url_key IN (?, ?)",
                (key, F.legacy_url_key(url))).fetchall()
            for rowid, own in sorted(rows):
                if own and F.url_key(own) == key:
                    add(rowid, 1.0, f"links to its page {url}", True)
        return out, specific

    def _numbers_as_printed(self, number: str, scope: list[str]) -> list[tuple[int, str]]:
        rows = self.catalog.conn.execute(
            "SELECT rowid, meeting, number FROM abstracts WHERE number = ? ORDER BY rowid",
            (number,)).fetchall()
        return [(r[0], r[2]) for r in rows if not scope or r[1] in scope]

    def _by_number(self, number: str, scope: list[str]) -> list[int]:
        key = number.upper().lstrip("0") or "0"
        rows = self.catalog.conn.execute(
            "SELECT d.abstract_rowid, a.meeting FROM link_docs d JOIN abstracts a ON "
            "a.rowid = d.abstract_rowid WHERE d.num_key = ? ORDER BY d.abstract_rowid",
            (key,)).fetchall()
        if scope:
            rows = [r for r in rows if r[1] in scope]
        return [r[0] for r in rows]

    # ----------------------------------------------------------------- step 2: shortlist

    def _item_terms(self, item: ItemFeatures) -> list[str]:
        # Sorted: the order decides which anchors make the shortlist, and a set's order
        # changes with the process's hash seed (the same input must give the same answer).
        terms = ["w:" + w for w in sorted(item.words)]
        terms += ["b:" + b for b in sorted(item.bigrams)]
        terms += sorted(item.exact)
        terms += sorted(item.ints)
        terms += ["a:" + c for c in sorted(item.caps)]
        return terms

    def _shortlist(self, item: ItemFeatures, direct: dict[int, tuple[float, list[str]]],
                   scope: set[str] | None) -> list[int]:
        """Abstracts worth scoring: those named by identifiers; those holding one of the
        item's rarest features (in at most three abstracts: "17,863", a coined name); then
        those holding the most of the item's *specific* features (authors' surnames, drug
        and trial names, result numbers and counts: together they single a study out even
        when each is common), ties broken by votes of the rarer terms (rarity squared, so
        one drug name outweighs many topic words)."""
        terms = self._item_terms(item)
        info = self._lookup(terms)
        # Counting is done by Counter.update (in C): votes are rarity-squared weights in
        # half units, so a term votes by updating the counter that many times.
        votes: Counter[int] = Counter()
        specific: Counter[int] = Counter()
        anchors: list[int] = []
        for t in terms:
            df, post = info[t]
            if post is None or df == 0:
                continue
            kind = t[0]
            rowids = array("I", post)
            if df <= 3 and kind in "nwba" and not (kind == "n" and "." not in t and
                                                   len(t) < 5):
                anchors.extend(rowids)
            if (kind == "a" or (kind == "n" and ("." in t or len(t) >= 5))
                    or (kind == "w" and (t in item.trial_like or druglike(t[2:])))):
                specific.update(rowids)
            w = self._term_weight(t, df)
            if w <= 0.35:
                continue
            w *= w
            if kind in "bna":
                w *= 1.5
            elif kind == "r":
                w *= 0.7
            for _ in range(max(1, round(w * 2))):
                votes.update(rowids)
        ranked = [(min(c, 3) * 1000.0 + votes[r], r) for r, c in specific.items()]
        if len(ranked) < self.options.shortlist:
            ranked += [(v, r) for r, v in votes.items() if r not in specific]
        top = heapq.nlargest(self.options.shortlist, ranked)
        # Abstracts holding fewer than two of the item's specific features are scored when
        # their votes come near the best ones: the topic alone will not link them.
        floor = 0.3 * max((votes[r] for _, r in top), default=0.0)
        best = [r for key, r in top if key >= 2000.0 or votes[r] >= floor]
        return list(dict.fromkeys([*direct, *anchors[:8], *best]))

    # ----------------------------------------------------------------- step 3: signals

    def _is_meeting_word(self, word: str) -> bool:
        series = self._meeting_matcher().series_words
        m = re.match(r"^([a-z]+)(\d{2}|\d{4})?$", word)
        return bool(m and m.group(1) in series)

    def _names(self, item: ItemFeatures) -> set[str]:
        """The item's drug and trial names (as ``w:`` terms): INN-like words ("-mab",
        "-tinib" ...), coined words mixing capitals and digits ("EMBER-301") and all-capital
        words of five letters or more (trial acronyms).  An abstract that holds none of a
        name the item gives is probably another study."""
        out: set[str] = set()
        n = max(1, self.size)
        for w in item.words & item.lead_words:
            t = "w:" + w
            if w in F.GENERIC_STEMS:
                continue
            if druglike(w):
                out.add(t)
            elif t in item.study_names and not self._is_meeting_word(w):
                df = self._terms.get(t, (0, None))[0]
                if df / n < 0.02:
                    out.add(t)
        return out

    def _signals(self, item: ItemFeatures, p: F.Profile, aid: str,
                 direct: tuple[float, list[str]] | None, where: Where,
                 local: Counter[str], k_local: int,
                 skip: set[str] | frozenset[str] = frozenset(), rowid: int = -1) -> Signals:
        """The evidence that ``item`` is about the abstract of profile ``p``.

        Each shared feature adds ``log(hit / chance)``: ``hit`` is how often coverage of an
        abstract repeats that kind of feature, ``chance`` how often an item about another
        study would hold it anyway — the feature's share of the catalogue, or of the
        shortlisted neighbours (``local``: a word every neighbour holds, the disease say, is
        no evidence for any one of them), never below the kind's floor.
        """
        s = Signals(am=aid.split(":", 1)[0])
        info = self._terms  # prefetched for the whole shortlist by ``link``
        n = max(1, self.size)
        k = max(1, k_local)

        def add(kind: str, term: str, df: int, shown: str, boost: float = 1.0) -> None:
            kd = KINDS[kind]
            # The share of the catalogue holding the feature, smoothed towards the kind's
            # prior (five times its floor) as if 50 more abstracts had been seen: in a
            # catalogue of eleven abstracts a number found once is not a 1-in-11 chance.
            chance = max(kd.floor, (df + 0.25 * kd.floor * 1000) / (n + 50))
            if kind in _LOCAL_KINDS:
                chance = max(chance, (local.get(term, 1) - 1) / k)
            v = min(kd.cap, math.log(kd.hit * boost / chance))
            if v > 0:
                s.parts.append((v, kind, shown, term))

        # Words and phrases, title first.
        title_w = self._title_weights(aid, p)
        total = title_w[""]
        hit = 0.0
        for t in item.termset.intersection(p.title):
            if t not in skip:
                hit += title_w[t]
        s.title = hit / total if total > 0 else 0.0
        title_set = title_w
        terms = self._terms
        shared = _shared(item.termset, p)
        for t in shared:
            if t in skip:
                continue
            df = terms.get(t, (0, None))[0]
            word = t[2:]
            if t[0] == "b":
                add("pair", t, df, word.replace("_", " "))
            elif t in item.trial_like and df <= max(3, n // 200) \
                    and not self._is_meeting_word(word):
                add("trial", t, df, word)
            elif druglike(word):
                add("name", t, df, word)
                if df <= max(3, n // 1000):
                    # A drug in very few abstracts (an investigational one) points at
                    # them a little beyond the topic: enough for a candidate (review),
                    # never for a link on its own.
                    add("rare_name", t + "#rare", df, word)
            elif word in F.GENERIC_STEMS:
                continue
            else:
                add("title" if t in title_set else "word", t, df, word)
        # The study's own numbers.
        numbers = p.numbers
        for t in item.exact.intersection(numbers):
            if t not in skip:
                v = t[2:]
                kind = "decimal" if "." in v else ("bigcount" if len(v) >= 4 else
                                                   "count" if len(v) >= 3 else "small")
                if kind == "decimal" and len(v.replace(".", "").lstrip("0")) <= 2:
                    kind = "short_decimal"  # "1.3", "0.5": common in any abstract
                add(kind, t, info[t][0], v)
        rounded = p.rounded
        for t in item.ints.intersection(rounded):
            if t not in skip and ("n:" + t[2:]) not in numbers:
                add("rounded", t, info[t][0], "≈" + t[2:])
        # Authors.
        for i, (surname, _initial, first) in enumerate(p.authors):
            key = "a:" + surname
            if surname not in item.caps or key in skip:
                continue
            adf = self._lookup([key])[key][0]
            boost = 3.0 if first and first in item.tokens else 1.0
            add("first_author" if i == 0 else "author", key, adf,
                surname + (" (first author)" if i == 0 else ""), boost)
        for t in sorted(item.names):
            if t not in shared and t not in skip:
                s.missing += 1.0
                s.missing_names.append(t[2:])
        for t in sorted(p.drugs):
            if t[2:] not in item.words and t not in skip:
                s.missing += 1.0
                s.missing_names.append(t[2:])
        # The item's result numbers (percentages, decimals) this abstract does not hold.
        for exact, near in item.results:
            if exact in skip or exact in numbers:
                continue
            if near is not None and (near in skip or near in rounded
                                     or ("n:" + near[2:]) in numbers):
                continue
            s.unexplained += 1
        if direct is not None:
            s.ids = direct[0]
            s.id_evidence = list(direct[1])
        # The item names the abstract's rare category ("the meeting's plenary on ..."):
        # evidence when something besides the topic already points at this abstract.
        cat = self._categories.get(rowid) if item.categories else None
        if cat in item.categories and "c:" + str(cat) not in skip and (s.title >= 0.5 or any(
                kind not in ("word", "title", "pair", "name", "rare_name", "small", "rounded")
                for _, kind, _, _ in s.parts)):
            counts = self._category_counts or {}
            size = (self._catalog_meetings or {}).get(s.am) or n
            kd = KINDS["category"]
            weight = min(kd.cap, math.log(kd.hit / max(
                kd.floor, (counts.get((s.am, str(cat)), 1) + 1) / (size + 10))))
            if weight > 0:
                s.parts.append((weight, "category", f"{cat} (its category)", "c:" + str(cat)))
        # People the item credits with the work, minus those of a study already linked.
        people = {x for x in item.people if "a:" + x not in skip}
        if people and p.surnames and not (item.caps & set(p.surnames)):
            s.strangers = sorted(people)
        series = self._meeting_matcher().series_of(s.am)
        s.meeting = where.meeting_signal(s.am, series)
        s.elsewhere = where.elsewhere(rowid, s.am, series)
        if s.meeting > 0 and not s.missing:
            self._name_at_meeting(s, item, shared, skip)
        if where.nothing_named and rowid not in where.specific:
            numbers_held = {term for _, kind, _, term in s.parts
                            if kind in ("decimal", "short_decimal", "rounded", "count",
                                        "bigcount")}
            s.study_only = not (len(numbers_held) >= 2 or s.title >= 0.6 or any(
                kind == "category" for _, kind, _, _ in s.parts))
        return s

    def _name_at_meeting(self, s: Signals, item: ItemFeatures, shared: set[str],
                         skip: set[str] | frozenset[str]) -> None:
        """A rare drug or trial name together with the abstract's meeting named with its
        year singles out the few abstracts of that meeting holding the name."""
        size = (self._catalog_meetings or {}).get(s.am) or 0
        best = 0.0
        shown = ""
        kd = KINDS["name_meeting"]
        n = max(1, self.size)
        for t in sorted(shared & item.names):
            if t in skip:
                continue
            df, post = self._terms.get(t, (0, None))
            # A trial's name, or an investigational drug's (in very few abstracts): an
            # approved drug at a meeting is a topic, not a study.
            rare = t in item.trial_like or df <= max(3, n // 1000)
            if post is None or df == 0 or df > 50 or not rare:
                continue
            rowids = list(array("I", post))
            here = sum(1 for m in self._meetings_of(rowids).values() if m == s.am)
            v = min(kd.cap, math.log(kd.hit / max(kd.floor, (here + 0.5) / (size + 20))))
            if v > best:
                best, shown = v, t[2:]
        if best > 0:
            s.parts.append((best, "name_meeting", f"{shown} at {s.am}", "m:" + shown))

    def _meetings_of(self, rowids: Sequence[int]) -> dict[int, str]:
        need = [r for r in rowids if r not in self._rowid_meeting]
        if need:
            if len(self._rowid_meeting) > 200_000:
                self._rowid_meeting.clear()
            for i in range(0, len(need), 500):
                part = need[i:i + 500]
                q = (f"SELECT rowid, meeting FROM abstracts WHERE rowid IN "
                     f"({', '.join('?' for _ in part)})")
                self._rowid_meeting.update(self.catalog.conn.execute(q, part).fetchall())
        return {r: self._rowid_meeting[r] for r in rowids if r in self._rowid_meeting}
