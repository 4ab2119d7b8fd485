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

import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from embargo.catalog.store import Catalog
from embargo.linking import features as F
from embargo.linking.meetings import MeetingMatcher
from embargo.model import Abstract, Link
from embargo.policy.loader import PolicySet

_FULL_ID = re.compile(r"\b([a-z][a-z0-9\-]*-\d{4}):([A-Za-z0-9][A-Za-z0-9.\-]*[A-Za-z0-9]|"
                      r"[A-Za-z0-9])\b")
_NUMBERED = re.compile(
    r"\b(?:abstracts?|posters?|presentations?|poster\s+board|late[- ]breaking\s+abstract|"
    r"LBA|oral\s+abstract)\s*(?:no\.?|number|num\.?|#|:)?\s*#?\s*"
    r"([A-Z]{0,4}-?\d{1,5}[A-Z]?)\b", re.IGNORECASE)
_LABEL = re.compile(r"(?<![\w#])#?((?:LBA|LB|OP|POS|PO|TPS|OA|PS|SAT|THU|FRI|WED|TUE|L)"
                    r"-?\d{1,5}[A-Z]?)\b")
_HASH_NUM = re.compile(r"(?<![\w&])#([A-Z]{0,4}\d{2,5})\b")
_REGISTRY_HINT = ("nct", "isrctn", "eudract", "actrn", "chictr", "jrct", "ctri/", "drks",
                  "kct", "umin")
_URL = re.compile(r"https?://[^\s<>()\[\]\"']+")
_CAPS = re.compile(r"(?<![\w'’])([A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’\-]+)")


@dataclass(frozen=True)
class LinkOptions:
    accept: float = 0.75  # links at or above are accepted
    candidate: float = 0.35  # below accept, at or above this: a candidate (→ review)
    max_links: int = 25
    shortlist: int = 30  # abstracts scored in full per item


@dataclass(frozen=True)
class LinkResult:
    links: tuple[Link, ...]
    candidates: tuple[Link, ...]
    meetings: tuple[str, ...]


# --------------------------------------------------------------------------- the model

#: Logistic weights of the signals (see ``Signals``); calibrated on tests/cases/linking with
#: bench/calibrate_linking.py, then rounded.  Positive weights only: each signal can only
#: add evidence; the intercept says how much evidence a link needs.
WEIGHTS: dict[str, float] = {
    "intercept": -7.0,
    "title": 5.0,
    "rare": 0.9,
    "numbers": 1.3,
    "authors": 1.6,
    "ids": 9.0,
    "meeting": 0.8,
    "explained": 2.0,
}


@dataclass
class Signals:
    """The evidence for one abstract, as numbers and as words."""

    title: float = 0.0  # share of the title's (rarity-weighted) terms the item contains, 0..1
    rare: float = 0.0  # rare terms shared (a drug, a trial name, an unusual phrase), 0..6
    numbers: float = 0.0  # the study's own numbers repeated (exact or rounded), 0..5
    authors: float = 0.0  # authors named (first author counts most), 0..2.5
    ids: float = 0.0  # abstract id or number, trial registry id, link to its page, 0..1
    meeting: float = 0.0  # +1 its meeting is named, -1 only other meetings are, 0 neither
    explained: float = 0.0  # share of the item's rare vocabulary this abstract holds, 0..1
    evidence: list[str] = field(default_factory=list)

    def logit(self) -> float:
        w = WEIGHTS
        return (w["intercept"] + w["title"] * self.title + w["rare"] * self.rare
                + w["numbers"] * self.numbers + w["authors"] * self.authors
                + w["ids"] * self.ids + w["meeting"] * self.meeting
                + w["explained"] * self.explained)

    def confidence(self) -> float:
        z = self.logit()
        return 1.0 / (1.0 + math.exp(-z)) if z > -40 else 0.0

    def vector(self) -> list[float]:
        return [self.title, self.rare, self.numbers, self.authors, self.ids, self.meeting,
                self.explained]


SIGNALS = ("title", "rare", "numbers", "authors", "ids", "meeting", "explained")


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

    @classmethod
    def of(cls, text: str) -> ItemFeatures:
        low = F.fold(text)
        words = F.content_set(low)
        big = set(F.bigrams(low))
        exact: set[str] = set()
        ints: set[str] = set()
        for e, _ in F.numbers(low):
            exact.add("n:" + e)
            if "." not in e:
                ints.add("r:" + e)
        caps = set()
        for c in _CAPS.findall(text):
            for part in F.fold(c).replace("’", "'").split("-"):
                part = part.replace("'", "")
                if len(part) >= 2:
                    caps.add(part)
        coined = F.acronyms(text)
        termset = {"w:" + w for w in words}
        termset.update("b:" + b for b in big)
        return cls(words, big, exact, ints, caps, set(low.replace("-", " ").split()), coined,
                   termset)


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
        if missing:
            got = self.catalog.link_terms(missing)
            for t in missing:
                cache[t] = got.get(t, (0, None))
            if len(cache) > 400_000:
                cache.clear()
                cache.update(got)
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

    def _term_weight(self, term: str, df: int) -> float:
        w = self._weight(df)
        if term.startswith("w:") and term[2:] in F.GENERIC:
            w *= 0.3
        elif term.startswith("b:"):
            a, _, b = term[2:].partition("_")
            if a in F.GENERIC and b in F.GENERIC:
                w *= 0.3
        return w

    # ----------------------------------------------------------------- linking

    def link(self, text: str, *, meeting: str | None = None, at: datetime | None = None,
             urls: tuple[str, ...] = ()) -> LinkResult:
        matcher = self._meeting_matcher()
        meetings = matcher.find(text, at)
        if self.size == 0:
            return LinkResult((), (), tuple(meetings))
        item = ItemFeatures.of(text)
        direct = self._direct(text, urls, meeting, meetings)
        scope = {meeting} if meeting else None
        rowids = self._shortlist(item, direct, scope)
        profiles = self._profile(rowids)
        scored: list[tuple[float, int, Signals]] = []
        rare_item = self._item_rare_mass(item)
        local: Counter[str] = Counter()
        for rowid in rowids:
            if rowid in profiles:
                local.update(item.termset & profiles[rowid][1].bag)
        for rowid in rowids:
            if rowid not in profiles:
                continue
            aid, prof = profiles[rowid]
            if scope and aid.split(":", 1)[0] not in scope:
                continue
            sig = self._signals(item, prof, aid, direct.get(rowid), meetings, rare_item, local)
            scored.append((sig.confidence(), rowid, sig))
        scored.sort(key=lambda t: -t[0])
        self.last_scored = scored
        scored = self._explain_away(item, scored, profiles, direct, meetings, rare_item, local)
        keep = [(c, r, s) for c, r, s in scored if c >= self.options.candidate]
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

    # ----------------------------------------------------------------- step 1: identifiers

    def _direct(self, text: str, urls: Iterable[str], meeting: str | None,
                meetings: list[str]) -> dict[int, tuple[float, list[str]]]:
        """Abstracts named by id, number, trial registry id or page link: rowid →
        (strength 0..1, evidence)."""
        out: dict[int, tuple[float, list[str]]] = {}
        conn = self.catalog.conn

        def add(rowid: int, strength: float, why: str) -> None:
            old = out.get(rowid)
            if old is None:
                out[rowid] = (strength, [why])
            else:
                out[rowid] = (1 - (1 - old[0]) * (1 - strength), [*old[1], why])

        for m in _FULL_ID.finditer(text):
            row = conn.execute("SELECT rowid FROM abstracts WHERE id = ?",
                               (f"{m.group(1)}:{m.group(2)}",)).fetchone()
            if row:
                add(row[0], 1.0, f"abstract id {m.group(0)}")
        low = text.lower()
        if any(h in low for h in _REGISTRY_HINT) or re.search(r"\b\d{4}-\d{6}-\d{2}\b", text):
            from embargo.catalog.records import TRIAL_ID

            for tid in dict.fromkeys(t.upper() for t in TRIAL_ID.findall(text)):
                rows = conn.execute("SELECT abstract_rowid FROM abstract_trials WHERE "
                                    "trial_id = ?", (tid,)).fetchall()
                for (rowid,) in rows:
                    add(rowid, 1.0 / len(rows) if len(rows) > 2 else 0.9 / len(rows),
                        f"trial {tid}")
        scope = [meeting] if meeting else meetings
        numbers = {m.group(1).replace("-", "") for m in _NUMBERED.finditer(text)}
        numbers |= {m.group(1).replace("-", "") for m in _LABEL.finditer(text)}
        numbers |= {m.group(1) for m in _HASH_NUM.finditer(text)}
        for number in numbers:
            if number.isdigit() and len(number) < 2:
                continue
            rows = self._by_number(number, scope)
            if not rows:
                continue
            if scope:
                strength = 0.95 if len(rows) == 1 else 0.6
            else:
                strength = 0.5 if len(rows) == 1 else 0.25
            for rowid in rows:
                add(rowid, strength, f"abstract number {number}")
        for url in dict.fromkeys([*urls, *(u.rstrip(".,;:") for u in _URL.findall(text))]):
            key = F.url_key(url)
            for (rowid,) in conn.execute("SELECT abstract_rowid FROM link_docs WHERE "
                                         "url_key = ?", (key,)):
                add(rowid, 1.0, f"links to its page {url}")
        return out

    def _by_number(self, number: str, scope: list[str]) -> list[int]:
        conn = self.catalog.conn
        stripped = number.lstrip("0") or "0"
        q = ("SELECT rowid, meeting FROM abstracts WHERE number = ? COLLATE NOCASE "
             "OR (number GLOB '0*' AND ltrim(number, '0') = ?)")
        rows = conn.execute(q, (number, stripped)).fetchall()
        if scope:
            rows = [r for r in rows if r[1] in scope]
        return [r[0] for r in rows]

    # ----------------------------------------------------------------- step 2: shortlist

    def _item_terms(self, item: ItemFeatures) -> list[str]:
        terms = ["w:" + w for w in item.words]
        terms += ["b:" + b for b in item.bigrams]
        terms += list(item.exact)
        terms += list(item.ints)
        terms += ["a:" + c for c in item.caps]
        return terms

    def _shortlist(self, item: ItemFeatures, direct: dict[int, tuple[float, list[str]]],
                   scope: set[str] | None) -> list[int]:
        terms = self._item_terms(item)
        info = self._lookup(terms)
        votes: dict[int, float] = {}
        get = votes.get
        for t in terms:
            df, post = info[t]
            if post is None or df == 0:
                continue
            w = self._term_weight(t, df)
            if t.startswith(("b:", "n:", "a:")):
                w *= 1.5
            elif t.startswith("r:"):
                w *= 0.7
            if w <= 0.2:
                continue
            for rowid in array("I", post):
                votes[rowid] = get(rowid, 0.0) + w
        best = sorted(votes, key=votes.__getitem__, reverse=True)[: self.options.shortlist]
        out = list(dict.fromkeys([*direct, *best]))
        return out

    # ----------------------------------------------------------------- step 3: signals

    def _item_rare_mass(self, item: ItemFeatures) -> float:
        info = self._terms
        total = 0.0
        for w in item.words:
            df = info.get("w:" + w, (0, None))[0]
            if df:
                total += max(0.0, self._term_weight("w:" + w, df) - 0.45)
        return total

    def _signals(self, item: ItemFeatures, p: F.Profile, aid: str,
                 direct: tuple[float, list[str]] | None, meetings: list[str],
                 rare_item: float, local: Counter[str],
                 skip: set[str] | frozenset[str] = frozenset()) -> Signals:
        """The signals for one abstract.  ``local`` counts, for each item term, how many
        shortlisted abstracts hold it: a term every neighbour holds (the disease, the
        population) says little about which of them the item is about."""
        s = Signals()
        info = self._lookup([*p.title, *p.numbers, *p.rounded])
        tw = self._term_weight

        def lf(term: str) -> float:
            n = local.get(term, 1)
            return 1.0 / (1.0 + math.log(n)) if n > 1 else 1.0

        # Title coverage (rarity-weighted); unigrams and pairs both count.
        total = hit = 0.0
        hit_words: list[str] = []
        for t in p.title:
            w = tw(t, info[t][0])
            if t in item.termset and t not in skip:
                w *= lf(t)
                hit += w
                if t[0] == "w":
                    hit_words.append(t[2:])
            total += w
        s.title = hit / total if total > 0 else 0.0
        if s.title >= 0.2:
            s.evidence.append(f"title: {s.title:.0%} ({', '.join(sorted(hit_words)[:8])})")
        # Rare terms shared, anywhere in the abstract.
        rare_words: list[tuple[float, str]] = []
        rare = 0.0
        for t in (*p.title, *p.terms):
            if t in skip:
                continue
            if t[0] == "w":
                if t[2:] not in item.words:
                    continue
            elif t[2:] not in item.bigrams:
                continue
            df = self._terms.get(t, (0, None))[0]
            w = max(0.0, tw(t, df) - 0.45) / 0.55 * lf(t)
            if w > 0:
                if t in item.coined:
                    w *= 1.5
                rare += w
                if t[0] == "w":
                    rare_words.append((w, t[2:]))
        s.rare = min(6.0, rare)
        if rare_words:
            rare_words.sort(reverse=True)
            s.evidence.append("distinctive terms: " + ", ".join(w for _, w in rare_words[:6]))
        s.explained = min(1.0, rare / 1.0 / rare_item) if rare_item > 0 else 0.0
        # The study's own numbers.
        nums = 0.0
        shown: list[str] = []
        for t in p.numbers:
            if t in item.exact and t not in skip:
                v = t[2:]
                kind = 1.0 if "." in v else (0.8 if len(v) >= 3 else 0.35)
                nums += kind * max(0.3, self._weight(info[t][0]))
                shown.append(v)
        for t in p.rounded:
            if t in item.ints and t not in skip and ("n:" + t[2:]) not in p.numbers:
                nums += 0.45 * max(0.3, self._weight(info[t][0]))
                shown.append("≈" + t[2:])
        s.numbers = min(5.0, nums)
        if shown:
            s.evidence.append("numbers: " + ", ".join(shown[:8]))
        # Authors.
        auth = 0.0
        named: list[str] = []
        for i, (surname, initial, first) in enumerate(p.authors):
            if surname not in item.caps or ("a:" + surname) in skip:
                continue
            adf = self._lookup(["a:" + surname])["a:" + surname][0]
            base = (1.0 if i == 0 else 0.5 if i == len(p.authors) - 1 else 0.35)
            base *= 0.4 + 0.6 * self._weight(adf)
            if first and first in item.tokens:
                base *= 1.6
            auth += base
            named.append(surname + (" (first author)" if i == 0 else ""))
        s.authors = min(2.5, auth)
        if named:
            s.evidence.append("authors: " + ", ".join(named[:4]))
        # Identifiers.
        if direct is not None:
            s.ids = direct[0]
            s.evidence = [*direct[1], *s.evidence]
        # Meeting.
        am = aid.split(":", 1)[0]
        if meetings:
            s.meeting = 1.0 if am in meetings else -1.0
            if am in meetings:
                s.evidence.append(f"names its meeting ({am})")
        return s

    # ----------------------------------------------------------------- step 4: explain away

    def _explain_away(self, item: ItemFeatures, scored: list[tuple[float, int, Signals]],
                      profiles: dict[int, tuple[str, F.Profile]],
                      direct: dict[int, tuple[float, list[str]]], meetings: list[str],
                      rare_item: float, local: Counter[str]
                      ) -> list[tuple[float, int, Signals]]:
        """Re-score each abstract after the stronger ones, without the evidence they
        already explain (shared drug, trial name, authors of the same group ...)."""
        accepted: list[F.Profile] = []
        out: list[tuple[float, int, Signals]] = []
        for conf, rowid, sig in scored:
            if conf < self.options.candidate:
                out.append((conf, rowid, sig))
                continue
            aid, prof = profiles[rowid]
            if accepted and (direct.get(rowid, (0.0, []))[0] < 0.9):
                taken: set[str] = set()
                for other in accepted:
                    for t in item.termset & other.bag:
                        if self._term_weight(t, self._terms.get(t, (0, None))[0]) > 0.45:
                            taken.add(t)
                    taken.update(other.numbers)
                    taken.update(other.rounded)
                    taken.update("a:" + a[0] for a in other.authors)
                own = self._signals(item, prof, aid, direct.get(rowid), meetings, rare_item,
                                    local, skip=taken)
                # The abstract keeps its full evidence for display, the confidence of what
                # only it explains.
                new_conf = min(conf, own.confidence())
                if new_conf < conf:
                    sig.evidence.append("much of this evidence also fits a stronger link")
                conf = new_conf
            if conf >= self.options.accept:
                accepted.append(prof)
            out.append((conf, rowid, sig))
        out.sort(key=lambda t: -t[0])
        return out
