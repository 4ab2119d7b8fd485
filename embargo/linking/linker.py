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
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import compress, repeat
from operator import ge, or_

from embargo.catalog.records import TRIAL_ID
from embargo.catalog.store import Catalog
from embargo.linking import features as F
from embargo.linking.evidence import (
    _LOCAL_KINDS,
    ANCHOR_KINDS,
    CALIBRATION,
    KINDS,
    NAMED_KINDS,
    STUDY_NUMBER_KINDS,
    Signals,
    Where,
    _shared,
)
from embargo.linking.features import druglike
from embargo.linking.item import (
    _FULL_ID,
    _REGISTRY_HINT,
    _URL,
    LANGUAGE_WORDS,
    ItemFeatures,
    abstract_numbers,
    dateline_date,
    numbered_trials,
    numbers_in,
    other_size,
    other_trial,
    study_sizes,
)
from embargo.linking.meetings import MeetingMatcher
from embargo.linking.venues import find_venues
from embargo.model import Abstract, Link
from embargo.patterns import compile as re_compile
from embargo.policy.loader import PolicySet

__all__ = [
    "CALIBRATION",
    "KINDS",
    "ItemFeatures",
    "LinkOptions",
    "LinkResult",
    "Linker",
    "Signals",
    "Where",
    "abstract_numbers",
]


#: A ratio near one with two decimals ("1.30", "0.87", "2.15"), as hazard, odds and mortality
#: ratios are printed.
_RATIO = re_compile(r"[0-2]\.\d\d")
#: Words that recall an earlier study before its registry id: "build on the previously
#: reported Abi Race trial (NCT01940276)", "its predecessor, NCT…".
_RECALLED_STUDY = re_compile(r"\b(?:build(?:s|ing)? on|built on|previously (?:reported|"
                             r"published|presented)|earlier|prior|predecessor|preceding|"
                             r"follow(?:s|ed|ing)? (?:on from|up on))\b", re.IGNORECASE)


@dataclass(frozen=True)
class LinkOptions:
    accept: float = 0.75  # links at or above are accepted
    candidate: float = 0.35  # below accept, at or above this: a candidate (→ review)
    max_links: int = 25
    shortlist: int = 16  # abstracts scored in full per item (besides identified ones)

    @property
    def demoted(self) -> float:
        """The confidence of a link a rule makes a candidate: just under ``accept``."""
        return max(self.candidate, self.accept - 0.05)



@dataclass(frozen=True)
class LinkResult:
    links: tuple[Link, ...]
    candidates: tuple[Link, ...]
    meetings: tuple[str, ...]





# --------------------------------------------------------------------------- the linker

def _either(strengths: Iterable[float]) -> float:
    """How strongly several identifiers together name an abstract: any one of them may."""
    miss = 1.0
    for v in strengths:
        miss *= 1 - v
    return 1 - miss


#: What the term look-ups (``Linker._lookup``) hold for a term the catalogue lacks.
_UNKNOWN_TERM: tuple[int, bytes | None] = (0, None)
#: How many abstracts are scored for their share of the item's words alone (see _shortlist).
_TOP_BY_WORDS = 2
#: At most how many abstracts a named study brings to the shortlist (see _shortlist): a name
#: held by more is a series' or a common word's.
_STUDY_ROWS = 12
#: How long before an abstract's first known date no item can report it: no meeting takes its
#: abstracts more than about five months ahead (AACR's deadline, in November for April).
_BEFORE_ANY_ABSTRACT = timedelta(days=200)
#: How long before it no item is a candidate for an abstract (weak evidence: see ``link``):
#: meetings accept their abstracts at most about three months ahead (ASH a month, ASCO and ACR
#: about two, EULAR and AACR about three).
_BEFORE_ANY_CANDIDATE = timedelta(days=100)
#: How long after an abstract's meeting an item that names neither the meeting nor the
#: abstract is taken to report a later publication of its study: within a year or two most
#: meeting abstracts reappear as a journal paper, a final analysis or another congress's talk.
_LATER_PUBLICATION = timedelta(days=365)
#: Evidence that fits every abstract of one team or one trial alike: of such abstracts, the
#: title the item retells tells them apart (see ``Linker._same_study_by_title``).
_SAME_STUDY_KINDS = frozenset(("first_author", "trial"))


def _most_votes(votes: Counter[int], k: int = _TOP_BY_WORDS) -> list[int]:
    """The ``k`` abstracts of the most votes, the higher rowid first among equals (as
    ``heapq.nlargest(k, votes.items(), key=lambda rv: (rv[1], rv[0]))`` orders them).  Only
    those with at least the k-th most votes can be among them, and finding that count takes
    no Python-level pass over every abstract."""
    held = list(votes.values())
    if len(held) > k:
        for _ in range(k - 1):
            held.remove(max(held))
        least = max(held)
        top = [(v, r) for r, v in votes.items() if v >= least]
    else:
        top = [(v, r) for r, v in votes.items()]
    top.sort(reverse=True)
    return [r for _, r in top[:k]]


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
        self._direct_parts: dict[int, list[tuple[float, str]]] = {}  # of the item in hand
        self._categories: dict[int, str] = {}
        self._rowid_meeting: dict[int, str] = {}
        self._title_cache: dict[str, dict[str, float]] = {}
        self._partial_cache: dict[int, bool] = {}  # rowid -> held only in part
        self._study_cache: dict[tuple[int, str], bool] = {}  # (rowid, name) -> the study's
        self._sibling_cache: dict[int, list[int]] = {}  # rowid -> its study's other abstracts
        # The terms the item in hand shares with each profile (``_shared``): the item, and
        # per profile's id the profile and its terms (both held, so no id is reused).
        self._shared_terms: tuple[ItemFeatures | None, dict[int, tuple[F.Profile, set[str]]]] = (
            None, {})

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

    def _partial(self, rowid: int) -> bool:
        """Whether the catalogue holds the abstract only in part (``"partial": true``)."""
        hit = self._partial_cache.get(rowid)
        if hit is None:
            a = self.catalog.by_rowids([rowid]).get(rowid)
            hit = a is not None and a.extra.get("partial") is True
            if len(self._partial_cache) > 50_000:
                self._partial_cache.clear()
            self._partial_cache[rowid] = hit
        return hit

    def _title_weights(self, aid: str, p: F.Profile) -> dict[str, float]:
        """Rarity weight of each title term, and their sum under the key "" (cached)."""
        hit = self._title_cache.get(aid)
        if hit is None:
            info = self._terms
            known = self._wcache
            hit = {}
            for t in p.title:
                df = info.get(t, _UNKNOWN_TERM)[0]
                w = known.get(t)
                # (``_term_weight``'s own look-up, made here for the title's many terms)
                hit[t] = w[1] if w is not None and w[0] == df else self._term_weight(t, df)
            hit[""] = math.fsum(hit.values())
            if len(self._title_cache) > 5_000:
                self._title_cache.clear()
            self._title_cache[aid] = hit
        return hit

    def _siblings(self, rowid: int) -> list[int]:
        """The catalogued abstracts sharing a trial registry id with ``rowid`` (cached)."""
        hit = self._sibling_cache.get(rowid)
        if hit is None:
            hit = self.catalog.study_siblings(rowid)
            if len(self._sibling_cache) > 20_000:
                self._sibling_cache.clear()
            self._sibling_cache[rowid] = hit
        return hit

    def _study_names(self, rowid: int, names: set[str]) -> set[str]:
        """Which of ``names`` the catalogued abstracts sharing a trial registry id with
        ``rowid`` (its study's other publications) hold: a trial name one of them gives
        beside the registry id is this abstract's study's name too, written in it or not.
        (Answers are kept per abstract and name, not the publications' words: small.)"""
        cache = self._study_cache
        out: set[str] = set()
        need = []
        for t in names:
            hit = cache.get((rowid, t))
            if hit is None:
                need.append(t)
            elif hit:
                out.add(t)
        if need:
            siblings = self._siblings(rowid)
            held: set[str] = set()
            if siblings:
                for _, enc in self.catalog.link_profiles(siblings).values():
                    title, terms = enc.split("|", 2)[:2]
                    words = f" {title} {terms} "
                    held.update(t for t in need if f" {t} " in words)
            if len(cache) > 50_000:
                cache.clear()
            for t in need:
                cache[(rowid, t)] = t in held
            out |= held
        return out

    def _shared(self, item: ItemFeatures, p: F.Profile) -> set[str]:
        """``_shared(item.termset, p)``, found once per item and profile (the shortlist's
        neighbourhood, the signals and each re-weighing read it); callers do not change it."""
        held, known = self._shared_terms
        if held is not item:
            known = {}
            self._shared_terms = (item, known)
        hit = known.get(id(p))
        if hit is None or hit[0] is not p:
            hit = known[id(p)] = (p, _shared(item.termset, p))
        return hit[1]

    def _term_weight(self, term: str, df: int) -> float:
        """Rarity of a term, with the words of research writing in general damped."""
        hit = self._wcache.get(term)
        if hit is not None and hit[0] == df:
            return hit[1]
        w = self._weight(df)
        if term.startswith(("w:", "b:")) and F.generic_term(term):
            w *= 0.3
        if len(self._wcache) > 400_000:
            self._wcache.clear()
        self._wcache[term] = (df, w)
        return w

    # ----------------------------------------------------------------- linking

    def link(self, text: str, *, meeting: str | None = None, at: datetime | None = None,
             urls: tuple[str, ...] = (), title: str | None = None,
             publication: bool = False, own_date: datetime | None = None) -> LinkResult:
        """Link ``text`` (with its ``title``) to catalogued abstracts.  ``at``: when it is
        published, or judged.  ``own_date``: the date the item itself carries (its front
        matter's), not a time it is judged at.  ``publication``: the item is itself a
        scholarly publication (a paper, a preprint, another meeting's abstract), so it is not
        a catalogued abstract unless it names it."""
        matcher = self._meeting_matcher()
        full = f"{title}\n\n{text}" if title and title.strip() not in text[:400] else text
        # A meeting named without its year is the edition nearest the item's own date (its
        # dateline), and only without one the edition nearest the time of the check.
        written = dateline_date(full)
        if written is not None:
            at = datetime(written.year, written.month, written.day, 12, tzinfo=UTC)
        own = at if written is not None else own_date
        mentions = matcher.mentions(full, at, dated=written is not None)
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
        direct, specific, numbered = self._direct(text, urls, meeting, scope_ids)
        if written is not None:
            # Dated, the series named without its year is that date's edition: the others
            # are other meetings (an item of October 2022 is not about Kidney Week 2023).
            dated = {m.meeting: m.series for m in mentions
                     if not m.explicit and m.known and m.series in series}
            explicit = explicit | frozenset(dated)
            series = series - frozenset(dated.values())
        where = Where(tuple(meetings), explicit, series,
                      tuple(find_venues(text, title, matcher, at, written is not None)),
                      frozenset(specific), frozenset(numbered), publication, own)
        item = ItemFeatures.of(full)
        scope = {meeting} if meeting else None
        rowids = self._shortlist(item, direct, scope)
        item.names = self._names(item)
        if title:
            in_title = F.content_set(F.fold(title))
            item.headline_names = {t for t in item.names if t[2:] in in_title}
            item.headline = item.headline_names & item.trial_like
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
                local.update(self._shared(item, prof))
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
        if at is not None and keep:
            # An item published half a year or more before an abstract's first known date (it
            # went online, its session, its meeting's opening) cannot report it: no meeting
            # takes its abstracts that early, so the item is about the study's earlier work.
            # (Unless it names that meeting with its year or the abstract itself: then its date
            # is the one in doubt, a January dateline still written with the old year.)
            # A candidate (evidence too weak for a link) needs less: abstracts are accepted
            # about three months before their meeting at most, so an item earlier than that
            # cannot report an accepted one, and the study's data it shares are another
            # publication's.
            keep = [(c, r, sig) for c, r, sig in keep
                    if sig.am in explicit or r in specific or r in numbered
                    or not self._before_it_existed(
                        abstracts.get(r), at, _BEFORE_ANY_ABSTRACT
                        if c >= self.options.accept else _BEFORE_ANY_CANDIDATE)]
        links: list[Link] = []
        candidates: list[Link] = []
        trials = numbered_trials(full) if keep else {}
        sizes = study_sizes(full) if keep else set()
        texts = {r: f"{a.title}. {a.body or ''}" for r, a in abstracts.items()} if sizes else {}
        held_by = {r: numbers_in(t) for r, t in texts.items()}
        for conf, rowid, sig in keep:
            a = abstracts.get(rowid)
            if a is None:
                continue
            other = other_trial(trials, a.title) if trials and sig.ids < 0.5 else None
            if other is not None and conf >= self.options.accept:
                # "AURORA 1" in the item, "AURORA 2" in the title: another trial of the series.
                sig.id_evidence.append(f"the item names {other[0]}; this abstract is about "
                                       f"{other[1]}")
                conf = self.options.demoted
            size = None
            # (an item that gives three or more of the abstract's own decimals reports its
            # results, whatever total it gives the trial: "730 patients enrolled" beside the
            # abstract's two arms of 264 and 266)
            own_results = sum(1 for _, kind, _, _ in sig.parts if kind == "decimal") >= 3
            if sizes and sig.ids < 0.5 and conf >= self.options.accept and not own_results:
                # (a size another accepted link states is that study's: an item about two)
                held = set().union(*(held_by[r] for c, r, _ in keep
                                     if r != rowid and r in held_by and c >= self.options.accept))
                size = other_size(sizes - held, full, texts[rowid])
            if size is not None:
                # "The team studied 196 patients", the abstract's 417: another publication of
                # the same study (another cohort or analysis), unless the item names it.
                sig.id_evidence.append(f"the item gives its study's size as {size[0]}; this "
                                       f"abstract's is {size[1]}: probably another "
                                       "publication of the same study")
                conf = self.options.demoted
            link = Link(a, round(min(1.0, max(0.0, conf)), 3), tuple(sig.evidence),
                        sig.elsewhere.describe() if sig.elsewhere is not None else None)
            (links if conf >= self.options.accept else candidates).append(link)
        return LinkResult(tuple(links[: self.options.max_links]),
                          tuple(candidates[: self.options.max_links]), tuple(meetings))

    def _before_it_existed(self, abstract: Abstract | None, at: datetime,
                           ahead: timedelta = _BEFORE_ANY_ABSTRACT) -> bool:
        """Whether an item published at ``at`` comes ``ahead`` or more before
        ``abstract``'s first known date: its going online, its session, its meeting's
        opening; with none of them known, the first day of its meeting's year (an edition
        the catalogue knows only by its year is held that year, "elcc-2025" not in 2024)."""
        if abstract is None:
            return False
        known = [t for t in (abstract.online_at,
                             abstract.session.start if abstract.session else None,
                             *abstract.events.values()) if t is not None]
        edition = self._meeting_matcher().editions.get(abstract.meeting)
        if edition is not None and edition.starts is not None:
            known.append(datetime(edition.starts.year, edition.starts.month,
                                  edition.starts.day, tzinfo=UTC))
        if not known and edition is not None and edition.year is not None:
            known.append(datetime(edition.year, 1, 1, tzinfo=UTC))
        return bool(known) and min(known) - at >= ahead

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
        taken_ids: set[str] = set()  # registry ids ("trial NCT…") a link explains
        shares: dict[int, float] = {}
        while llr and len(accepted) < self.options.max_links:
            shares = self._shares(current, llr, scale, shift)
            # Of the hypotheses strong enough to accept, the best supported explains its
            # evidence first (a sibling that holds only part of it must not take it away).
            # A link needs an anchor of its own (see ``Signals.anchored``): topic words and
            # small numbers fit any abstract of the field, so they make a candidate at most,
            # for the first link as for a further one.
            able = [r for r in shares if shares[r] >= self.options.accept
                    and current[r].anchored()]
            if not able:
                break
            best = max(able, key=lambda r: (llr[r], shares[r], -r))
            # (the team's link goes to the abstract whose title it retells, as sure as the
            # evidence made it of the team)
            conf = shares[best]
            best = self._same_study_by_title(best, current, llr)
            accepted.append((max(conf, shares[best]), best, pool[best]))
            del llr[best]
            prof = profiles[best][1]
            for t in self._shared(item, prof):
                if self._term_weight(t, self._terms.get(t, (0, None))[0]) > 0.45:
                    taken.add(t)
            taken.update(prof.numbers)
            taken.update(prof.rounded)
            taken.update("a:" + a[0] for a in prof.authors)
            # A registry id names a study: the study's linked abstract explains it, and its
            # sibling analyses must stand on evidence of their own.  So does an abstract
            # number: the edition linked explains it, not the other editions' namesakes
            # ("LBA3" of a 2018 programme is not the 2024 LBA3 too).
            taken_ids.update(why for why in direct.get(best, (0.0, []))[1]
                             if why.startswith(("trial ", "abstract number ")))
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
                own = self._signals(item, p, aid, self._unexplained_ids(r, direct, taken_ids),
                                    where, local, k_local, skip=taken, rowid=r)
                if own.llr() < llr[r] - 0.5:
                    pool[r].id_evidence.append("much of its evidence fits a stronger link")
                current[r] = own
                llr[r] = own.llr()
            shares = {}
        if llr and not shares:
            shares = self._shares(current, llr, scale, shift)
        rest = [(shares.get(r, 0.0), r, pool[r]) for r in llr]
        # Strong enough but with no anchor of its own: a candidate at most.
        cap = self.options.demoted
        why = ("nothing of its own but the topic once a stronger link explains the item's study"
               if accepted else "nothing that singles it out: only the topic's words and small "
               "numbers")
        for i, (share, r, sig) in enumerate(rest):
            if current[r].numbers_only():
                # (not even a candidate: a person would find nothing to check)
                rest[i] = (0.0, r, sig)
            elif share > cap and not current[r].anchored():
                sig.id_evidence.append(why)
                rest[i] = (cap, r, sig)
        if not accepted:
            # Nothing linked: an abstract whose title the item mostly retells, at the meeting
            # it names, is a candidate however loosely the rest is put (a lay paraphrase gives
            # no number to anchor a link, but it must not pass unseen).
            floor = self.options.candidate
            for i, (share, r, sig) in enumerate(rest):
                if share < floor and sig.title >= 0.5 and sig.meeting > 0 \
                        and current[r].llr() > CALIBRATION["shift"] - 2.0:
                    sig.id_evidence.append("retells most of its title at its meeting")
                    rest[i] = (floor, r, sig)
        accepted, demoted = self._titled_entries(accepted)
        accepted, demoted_too = self._numbered_entries(accepted)
        demoted += demoted_too
        rest = sorted(rest + demoted, key=lambda t: (-t[0], t[1]))
        return accepted, rest

    def _titled_entries(self, accepted: list[tuple[float, int, Signals]]
                        ) -> tuple[list[tuple[float, int, Signals]],
                                   list[tuple[float, int, Signals]]]:
        """A round-up that quotes one linked abstract's title quotes the titles of what it
        lists: another abstract whose title it does not quote, and which it names by no
        identifier and none of its numbers, is the same team's other work or a co-author's
        (their names recur from entry to entry), so a candidate, not a link."""
        if len(accepted) < 2 or not any(sig.title >= 0.75 for _, _, sig in accepted):
            return accepted, []
        kept: list[tuple[float, int, Signals]] = []
        demoted: list[tuple[float, int, Signals]] = []
        cap = self.options.demoted
        for conf, r, sig in accepted:
            own_numbers = {term for _, kind, _, term in sig.parts
                           if kind in ("decimal", "short_decimal", "count", "bigcount")}
            if sig.title >= 0.6 or sig.ids >= 0.5 or len(own_numbers) >= 2:
                kept.append((conf, r, sig))
            else:
                sig.id_evidence.append("the item quotes other abstracts' titles, not this one's")
                demoted.append((min(conf, cap), r, sig))
        return kept, demoted

    @staticmethod
    def _same_study_by_title(best: int, current: dict[int, Signals],
                             llr: dict[int, float]) -> int:
        """Of two abstracts by the same first author, or of the same named trial, the one
        whose title the item retells: the author or the trial's name fits both alike, so what
        tells the team's two studies (or the trial's two analyses) apart is which one the item
        is about ("GLP-1 receptor agonists and cardiac and kidney outcomes in lupus" against
        the same author's abstract on SGLT2 inhibitors in lupus nephritis; a trial's remission
        analysis against its flare analysis at the same meeting)."""
        mine = {(kind, term) for _, kind, _, term in current[best].parts
                if kind in _SAME_STUDY_KINDS}
        if not mine:
            return best
        title = current[best].title
        # (twice the best's share of its title with evidence nearly as strong, or more of its
        # title with evidence as strong: the best was chosen by its share of the evidence,
        # which a sibling whose evidence holds all of its own and more can lose to it)
        rivals = [r for r, sig in current.items() if r != best and r in llr
                  and sig.title >= 0.5
                  and ((sig.title >= 2 * title and llr[r] >= llr[best] - 3.0)
                       or (sig.title > title and llr[r] >= llr[best]))
                  and mine & {(kind, term) for _, kind, _, term in sig.parts
                              if kind in _SAME_STUDY_KINDS}]
        return max(rivals, key=lambda r: (current[r].title, llr[r], -r)) if rivals else best

    def _numbered_entries(self, accepted: list[tuple[float, int, Signals]]
                          ) -> tuple[list[tuple[float, int, Signals]],
                                     list[tuple[float, int, Signals]]]:
        """A round-up that names its entries by their abstract numbers, all of one meeting,
        names each abstract it reports so: another meeting's abstract it names by no
        identifier is a study its entries mention ("taken together with the phase 3 ALCYONE
        study"), a candidate at most."""
        numbered = [sig for _, _, sig in accepted
                    if any(w.startswith("abstract number ") for w in sig.id_evidence)]
        if len(numbered) < 2 or len({sig.am for sig in numbered}) != 1:
            return accepted, []
        edition = numbered[0].am
        kept: list[tuple[float, int, Signals]] = []
        demoted: list[tuple[float, int, Signals]] = []
        for conf, r, sig in accepted:
            if sig.ids <= 0 and sig.am != edition:
                sig.id_evidence.append(f"the item names its {edition} entries by their numbers, "
                                       "not this one")
                demoted.append((min(conf, self.options.demoted), r, sig))
            else:
                kept.append((conf, r, sig))
        return kept, demoted

    def _unexplained_ids(self, rowid: int, direct: dict[int, tuple[float, list[str]]],
                         taken_ids: set[str]) -> tuple[float, list[str]] | None:
        """``rowid``'s identifier evidence without the registry ids a link already explains."""
        mine = direct.get(rowid)
        if mine is None or not taken_ids.intersection(mine[1]):
            return mine
        left = [(v, why) for v, why in self._direct_parts.get(rowid, []) if why not in taken_ids]
        if not left:
            return None
        return _either(v for v, _ in left), [why for _, why in left]

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
                # fsum: the evidence's terms come in the order a set gave them (see _signals)
                total = math.fsum(theirs.values())
                if total <= 0:
                    continue
                overlap = math.fsum(x for t, x in theirs.items() if t in mine) / total
                if overlap > 0:
                    rivals += math.exp(scale * (math.sqrt(overlap) * llr[o] - v))
            out[r] = 1.0 / (math.exp(scale * (shift - v)) + 1.0 + rivals)
        return out

    # ----------------------------------------------------------------- step 1: identifiers

    def _direct(self, text: str, urls: Iterable[str], meeting: str | None,
                meetings: list[str]
                ) -> tuple[dict[int, tuple[float, list[str]]], set[int], set[int]]:
        """Abstracts named by id, number, trial registry id or page link: rowid →
        (strength 0..1, evidence); the rowids named specifically (id, number in the
        meeting named, page), which, unlike a trial id, no other publication shares; and the
        rowids whose number the item gives as printed, in any meeting when it names none."""
        out: dict[int, tuple[float, list[str]]] = {}
        specific: set[int] = set()
        numbered: set[int] = set()
        conn = self.catalog.conn

        parts: dict[int, list[tuple[float, str]]] = {}
        self._direct_parts = parts

        def add(rowid: int, strength: float, why: str, own: bool = False) -> None:
            parts.setdefault(rowid, []).append((strength, why))
            old = out.get(rowid)
            if old is None:
                out[rowid] = (strength, [why])
            else:
                out[rowid] = (_either((old[0], strength)), [*old[1], why])
            if own:
                specific.add(rowid)

        for m in _FULL_ID.finditer(text):
            row = conn.execute("SELECT rowid FROM abstracts WHERE id = ?",
                               (f"{m.group(1)}:{m.group(2)}",)).fetchone()
            if row:
                add(row[0], 1.0, f"abstract id {m.group(0)}", True)
        low = text.lower()
        if any(h in low for h in _REGISTRY_HINT) or re.search(r"\b\d{4}-\d{6}-\d{2}\b", text):
            # A registry id the item only recalls as earlier work ("build on the previously
            # reported Abi Race trial (NCT01940276)") is background: it weighs a quarter.
            recalled: dict[str, bool] = {}
            for m in TRIAL_ID.finditer(text):
                tid = m.group(0).upper()
                start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start()))
                back = bool(_RECALLED_STUDY.search(text, max(start + 1, m.start() - 120),
                                                    m.start()))
                recalled[tid] = recalled.get(tid, True) and back
            for tid, back in recalled.items():
                rows = conn.execute("SELECT abstract_rowid FROM abstract_trials WHERE "
                                    "trial_id = ? ORDER BY abstract_rowid", (tid,)).fetchall()
                for (rowid,) in rows:
                    strength = 1.0 / len(rows) if len(rows) > 2 else 0.9 / len(rows)
                    add(rowid, strength / 4 if back else strength,
                        f"trial {tid}" + (" (recalled as earlier work)" if back else ""))
        scope = [meeting] if meeting else meetings
        for number, written, glued in abstract_numbers(text):
            rows = self._by_number(number, scope, written)
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
                numbered.add(rowid)
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
        return out, specific, numbered

    def _numbers_as_printed(self, number: str, scope: list[str]) -> list[tuple[int, str]]:
        rows = self.catalog.conn.execute(
            "SELECT rowid, meeting, number FROM abstracts WHERE number = ? ORDER BY rowid",
            (number,)).fetchall()
        return [(r[0], r[2]) for r in rows if not scope or r[1] in scope]

    def _by_number(self, number: str, scope: list[str], written: str = "") -> list[int]:
        # (a catalogue indexed before dashes were dropped from the key holds "LBA-1": the
        # number as written is looked up too)
        keys = (F.number_key(number), written.upper().lstrip("0") or F.number_key(number))
        rows = self.catalog.conn.execute(
            "SELECT d.abstract_rowid, a.meeting FROM link_docs d JOIN abstracts a ON "
            "a.rowid = d.abstract_rowid WHERE d.num_key IN (?, ?) ORDER BY d.abstract_rowid",
            keys).fetchall()
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
        # The writer's and outside experts' names are nobody's authors: they would crowd the
        # shortlist with every abstract of a namesake.
        terms += ["a:" + c for c in sorted(item.caps - item.bystanders)]
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
            # (a list: its ints are made once, not at each of the counts below)
            rowids = array("I", post).tolist()
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
        size = self.options.shortlist
        ranking: Iterable[tuple[int, int]] = specific.items()
        if len(specific) >= size and max(votes.values(), default=0) < 1000:
            # Keys are 1000 per specific feature (three at most) plus votes, so with votes
            # under 1000 an abstract holding more specific features ranks above every one
            # holding fewer: when ``size`` abstracts hold at least ``least`` of them, those
            # holding fewer cannot make the list, and need no key.  Otherwise every one
            # holding two or more makes it, and of those holding one, only the best by votes
            # join them: no fewer votes than the size-th most among all of them (the places
            # left are fewer than ``size`` by as many as hold two or more).  The abstracts
            # kept are picked in C, without a Python-level pass over all of them.
            held = list(specific.values())
            ones, twos = held.count(1), held.count(2)
            if len(held) - ones - twos >= size:
                keep = map(ge, held, repeat(3))
            elif len(held) - ones >= size:
                keep = map(ge, held, repeat(2))
            else:
                got = list(map(votes.get, specific, repeat(0)))
                bar = sorted(got)[-size]
                keep = map(or_, map(ge, held, repeat(2)), map(ge, got, repeat(bar)))
            ranking = compress(ranking, keep)
        ranked = [((c if c < 3 else 3) * 1000.0 + votes[r], r) for r, c in ranking]
        if len(specific) < size:
            ranked += [(v, r) for r, v in votes.items() if r not in specific]
        top = heapq.nlargest(size, ranked)
        # Abstracts holding fewer than two of the item's specific features are scored when
        # their votes come near the best ones: the topic alone will not link them.
        floor = 0.3 * max((votes[r] for _, r in top), default=0.0)
        best = [r for key, r in top if key >= 2000.0 or votes[r] >= floor]
        # The abstracts the item's words vote for most are scored whatever fills the list:
        # a data-heavy item shares a number or two with many abstracts, and the abstract
        # it retells may hold none of its numbers (a row cut before its results).
        # So are the other publications of each study the item names (the abstracts that
        # share a registry id with one writing the trial's name): the one it is about may
        # not write the name, and each is a hypothesis to weigh against the others.
        study: list[int] = []
        for t in sorted(item.trial_like):
            df, post = info.get(t, _UNKNOWN_TERM)
            if post is not None and 0 < df <= _STUDY_ROWS:
                for r in array("I", post).tolist():
                    study.extend(self._siblings(r))
        return list(dict.fromkeys([*direct, *anchors[:8], *best, *_most_votes(votes),
                                   *study[:_STUDY_ROWS]]))

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
        # fsum: the share must not depend on the order a set gives its terms in (that order
        # changes with the process's hash seed, and a last-bit difference can reorder two
        # links of equal confidence).
        hit = math.fsum(title_w[t] for t in item.termset.intersection(p.title) if t not in skip)
        s.title = hit / total if total > 0 else 0.0
        title_set = title_w
        terms = self._terms
        shared = self._shared(item, p)

        def trial_name(t: str, df: int) -> bool:
            """Whether the item's trial-like word ``t`` counts as a trial's name: a rare
            one (a disease's abbreviation in capitals is in many abstracts), no meeting's."""
            return t in item.trial_like and df <= max(3, n // 200) \
                and not self._is_meeting_word(t[2:])

        # A trial name the abstract does not write, which another publication of its study
        # (one sharing its registry id) gives: the abstract's study's name all the same.
        absent = {t for t in item.names - shared if trial_name(t, terms.get(t, _UNKNOWN_TERM)[0])}
        aliases = self._study_names(rowid, absent) if absent and rowid >= 0 else set()
        if aliases:
            shared = shared | aliases
        for t in shared:
            if t in skip:
                continue
            df = terms.get(t, (0, None))[0]
            word = t[2:]
            if t[0] == "b":
                add("pair", t, df, word.replace("_", " "))
            elif t in aliases:
                add("trial", t, df, word if TRIAL_ID.fullmatch(word) else
                    word + " (its registry id's name, from another publication)")
            elif trial_name(t, df):
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
        small: list[tuple[int, str, str, str]] = []  # (df, kind, term, shown)
        ratios: list[tuple[int, str, str, str]] = []
        for t in item.exact.intersection(numbers):
            if t not in skip:
                v = t[2:]
                kind = "decimal" if "." in v else ("bigcount" if len(v) >= 4 else
                                                   "count" if len(v) >= 3 else "small")
                if kind == "decimal" and (len(v.replace(".", "").lstrip("0")) <= 2
                                          or _RATIO.fullmatch(v)):
                    # "1.3", "0.5", and ratios near one ("1.30", "1.13": a hazard or
                    # mortality ratio): common in any abstract of the field
                    kind = "short_decimal"
                if kind == "bigcount" and v.endswith("000"):
                    # A round thousand ("16,000 attendees", "per 1,000 person-years") is
                    # any study's or meeting's: it meets by chance, as a small number does.
                    kind = "small"
                if kind == "small":
                    small.append((info[t][0], kind, t, v))
                elif kind == "short_decimal" and _RATIO.fullmatch(v):
                    ratios.append((info[t][0], kind, t, v))
                else:
                    add(kind, t, info[t][0], v)
        rounded = p.rounded
        for t in item.ints.intersection(rounded):
            if t not in skip and ("n:" + t[2:]) not in numbers:
                small.append((info[t][0], "rounded", t, "≈" + t[2:]))

        def beyond_chance(found: list[tuple[int, str, str, str]], mine: int,
                          theirs: int) -> None:
            """Add ``found`` but as many of them as chance explains (an item giving ``mine``
            such numbers, the abstract ``theirs``, out of a hundred likely values), the
            commonest first."""
            chance = int(mine * theirs / 100)
            found.sort(key=lambda x: (x[0], x[2]))
            for df, kind, t, shown in found[:max(0, len(found) - chance)]:
                add(kind, t, df, shown)

        # Whole numbers under 100 meet by chance: an item giving many of them and an abstract
        # holding many share some whatever they are about (22 and 15 of them share three or
        # four).  As many of the shared ones as chance explains count for nothing.
        if small:
            beyond_chance(small, sum(1 for t in item.ints if len(t) <= 4),
                          len({t[2:] for t in p.rounded if len(t) <= 4}
                              | {t[2:] for t in numbers if len(t) <= 4 and "." not in t}))
        # So do ratios near one ("HR 1.40", "OR 1.52", a bound of an interval): an item giving
        # nine and an abstract of odds ratios and their intervals share one or two by chance.
        if ratios:
            beyond_chance(ratios, sum(1 for t in item.exact if _RATIO.fullmatch(t[2:])),
                          sum(1 for t in numbers if _RATIO.fullmatch(t[2:])))
        # Authors.
        for i, (surname, initial, first) in enumerate(p.authors):
            key = "a:" + surname
            if surname not in item.caps or key in skip or surname in item.bystanders:
                continue  # absent, explained by a link, or the writer's or an outsider's
            given = item.given.get(surname)
            if not given and surname in LANGUAGE_WORDS:
                continue  # "speaks English" names no author English
            if given and initial and initial not in given:
                continue  # "Bram Rivera" is not the author Sharon Rivera
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
        results_held = 0
        for exact, near in item.results:
            if exact in skip or exact in numbers:
                results_held += 1
                continue
            if near is not None and (near in skip or near in rounded
                                     or ("n:" + near[2:]) in numbers):
                results_held += 1
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
        # How many of the study's specific numbers the item shares: one count is chance.
        study_numbers = len({term for _, kind, _, term in s.parts if kind in STUDY_NUMBER_KINDS})
        if people and p.surnames and not (item.caps & set(p.surnames)):
            s.strangers = sorted(people)
            # Said to be the work of others (its presenter, its lead author), with no
            # identifier, not most of the title and at most one of the study's specific
            # numbers: the same study's other presentation (another analysis, a talk at the
            # same meeting), which shares its names and topic.
            s.other_work = bool(people & item.credited) and direct is None \
                and s.title < 0.75 and study_numbers < 2
        # The item reproduces author lists of this abstract's team (two of its authors or
        # more), and none is led by its first author: the list of another abstract by the
        # same team ("Research Team: Rai S, McCormick N, …" where McCormick leads this one).
        if item.lists and p.surnames and direct is None and s.title < 0.75 \
                and study_numbers < 2:
            authors = set(p.surnames)
            team = [names for names in item.lists if len(authors.intersection(names)) >= 2]
            if team and not any(names[0] == p.surnames[0] for names in team):
                s.other_lead = team[0][0]
        # A team the item credits with its study (two people or more in one sentence) of whom
        # this abstract lists some but not all, with nothing of its own beyond them and the
        # topic: that author's work with others, another study ("Medha Barbhaiya, MD, MPH,
        # Lisa A. Mandl, MD, MPH, and colleagues" is not Barbhaiya's abstract with Cozier).
        if item.teams and len(p.surnames) >= 3 and direct is None and s.title < 0.75 \
                and study_numbers < 2:
            authors = set(p.surnames)
            for credited in item.teams:
                members = {x for x in credited if "a:" + x not in skip}
                if len(members) >= 2 and members & authors and members - authors:
                    s.other_team = sorted(members - authors)
                    break
        # Some of the abstract's authors, not its first, and the topic's words, with nothing
        # of its own (no identifier, little of its title, none of its numbers or names): the
        # same team's other work as much as this abstract.
        kinds = {kind for _, kind, _, _ in s.parts}
        s.team_only = kinds & ANCHOR_KINDS == {"author"} and direct is None and s.title < 0.5
        # The item names its study (a name it gives twice or more, not explained by a link
        # already made: a round-up's other study), and this abstract shares none of its
        # names, no author, no identifier, little of the title and at most one of its
        # specific numbers: one count and the topic's words cannot tell this abstract from
        # another study's publication of the same design.
        # A drug is tested in many trials: when the item's own name is its trial's, an
        # abstract sharing the drug but none of the item's trial names is another study too.
        own = {t for t in item.names if t[2:] in item.repeated and t not in skip}
        if own & item.trial_like and not (item.names & item.trial_like & shared):
            names_apart, singling = True, NAMED_KINDS - {"name"}
        else:
            names_apart, singling = not (item.names & shared), NAMED_KINDS
        s.other_study = bool(own) and names_apart \
            and direct is None and s.title < 0.5 and not kinds & singling \
            and study_numbers < 2
        # The trial the item's title is about, absent from this abstract: the item is about
        # that trial, and the abstract shares only what the item says of others in passing.
        # So too when the title names drugs and no trial, and the abstract holds none of them.
        about = item.headline or item.headline_names
        if about and not (about & shared) and direct is None and s.title < 0.5:
            s.other_headline = sorted(t[2:] for t in about)
        series = self._meeting_matcher().series_of(s.am)
        s.meeting = where.meeting_signal(s.am, series)
        s.elsewhere = where.elsewhere(rowid, s.am, series)
        if s.meeting > 0 and not s.missing:
            self._name_at_meeting(s, item, shared, skip)
        # (An abstract whose number the item gives is named itself, whatever else holds.)
        if where.nothing_named and rowid not in where.specific and rowid not in where.numbered:
            numbers_held = {term for _, kind, _, term in s.parts
                            if kind in ("decimal", "short_decimal", "rounded", "count",
                                        "bigcount")}
            s.study_only = not (len(numbers_held) >= 2 or s.title >= 0.75 or any(
                kind == "category" for _, kind, _, _ in s.parts))
            # Three results or more and none of them this abstract's, with nothing naming
            # it: another data cut or publication of the same study (a later update, a
            # journal paper), whatever title words they share.  (Unless the catalogue holds
            # the abstract only in part: its results may be those it lacks.)
            s.other_results = s.unexplained >= 3 and results_held == 0 \
                and not self._partial(rowid)
        # Dated by itself more than a year after the abstract's meeting, naming neither that
        # meeting (any edition of its series) nor the abstract: coverage of an abstract comes
        # with its meeting, and within a year or two most abstracts reappear as a journal
        # paper, a final analysis or another congress's talk, which share the abstract's
        # title, drugs and numbers.  So the page reports that later publication.
        # (Every edition the item names, with its year or without, is in ``where.meetings``.)
        if (where.dated is not None and rowid not in where.specific
                and rowid not in where.numbered
                and not any(self._meeting_matcher().series_of(m) == series
                            for m in where.meetings)
                and not any(v.kind == "meeting" and v.series == series for v in where.venues)):
            over = self._meeting_over(s.am)
            s.long_after = over is not None and where.dated - over >= _LATER_PUBLICATION
        return s

    def _meeting_over(self, meeting: str) -> datetime | None:
        """When ``meeting`` is over at the latest: a week after its opening, or, for an edition
        known only by its year, that year's end."""
        edition = self._meeting_matcher().editions.get(meeting)
        if edition is not None and edition.starts is not None:
            day = edition.starts
            return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=7)
        year = edition.year if edition is not None else (
            int(meeting[-4:]) if meeting[-4:].isdigit() else None)
        return datetime(year + 1, 1, 1, tzinfo=UTC) if year is not None else None

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
