"""Linking: which catalogued abstracts an item is about, how sure, and why.

First version: explicit ids, trial registry ids, abstract-page links, and title matches found
through the catalogue's full-text index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from embargo.catalog.store import Catalog
from embargo.linking.meetings import mentioned_meetings
from embargo.model import Abstract, Link
from embargo.policy.loader import PolicySet

_FULL_ID = re.compile(r"\b([a-z0-9][a-z0-9\-]*[a-z0-9]):([A-Za-z0-9][A-Za-z0-9.\-]*)\b")
_NUMBERED = re.compile(
    r"\b(?:abstract|poster|presentation|LBA|late-breaking abstract)s?\s*(?:no\.?|number|#)?\s*"
    r"#?([A-Z]{0,4}\d{1,5}[A-Z]?)\b", re.IGNORECASE)
_HASH = re.compile(r"(?<![\w&])#([A-Z]{1,4}\d{1,5})\b")
_TRIAL = re.compile(r"\bNCT\d{8}\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9][a-z0-9\-]+")


@dataclass(frozen=True)
class LinkOptions:
    accept: float = 0.75  # links at or above are accepted
    candidate: float = 0.35  # below accept, at or above this: a candidate (→ review)
    max_links: int = 25


@dataclass(frozen=True)
class LinkResult:
    links: tuple[Link, ...]
    candidates: tuple[Link, ...]
    meetings: tuple[str, ...]


class Linker:
    def __init__(self, catalog: Catalog, policies: PolicySet,
                 options: LinkOptions | None = None) -> None:
        self.catalog = catalog
        self.policies = policies
        self.options = options or LinkOptions()

    def link(self, text: str, *, meeting: str | None = None, at: datetime | None = None,
             urls: tuple[str, ...] = ()) -> LinkResult:
        meetings = mentioned_meetings(text, self.policies, at)
        scope = [meeting] if meeting else meetings
        scores: dict[str, tuple[float, list[str], Abstract]] = {}

        def add(a: Abstract, score: float, why: str) -> None:
            if meeting and a.meeting != meeting:
                return
            old = scores.get(a.id)
            if old is None:
                scores[a.id] = (score, [why], a)
            else:
                combined = 1 - (1 - old[0]) * (1 - score)
                scores[a.id] = (combined, [*old[1], why], a)

        for m in _FULL_ID.finditer(text):
            a = self.catalog.get(f"{m.group(1)}:{m.group(2)}")
            if a:
                add(a, 0.99, m.group(0))
        for m in _TRIAL.finditer(text):
            for a in self.catalog.by_trial_id(m.group(0).upper()):
                add(a, 0.9, m.group(0).upper())
        numbers = {m.group(1) for m in _NUMBERED.finditer(text)} | {
            m.group(1) for m in _HASH.finditer(text)}
        for number in numbers:
            hits = [a for mid in scope for a in self.catalog.by_number(number, mid)] if scope \
                else self.catalog.by_number(number)
            for a in hits:
                add(a, 0.9 if scope else 0.6, f"abstract {number}")
        for url in urls:
            for a in self._by_url(url):
                add(a, 0.95, url)
        for a, ratio in self._title_matches(text, scope):
            add(a, ratio, f"title: {a.title[:80]}")
        links, candidates = [], []
        for score, why, a in sorted(scores.values(), key=lambda t: -t[0]):
            link = Link(a, round(min(score, 1.0), 3), tuple(why))
            if score >= self.options.accept:
                links.append(link)
            elif score >= self.options.candidate:
                candidates.append(link)
        return LinkResult(tuple(links[: self.options.max_links]),
                          tuple(candidates[: self.options.max_links]), tuple(meetings))

    def _by_url(self, url: str) -> list[Abstract]:
        row = self.catalog.conn.execute("SELECT id FROM abstracts WHERE url = ?",
                                        (url.rstrip("/"),)).fetchall()
        row += self.catalog.conn.execute("SELECT id FROM abstracts WHERE url = ?",
                                         (url.rstrip("/") + "/",)).fetchall()
        return list(self.catalog.get_many(r[0] for r in row).values())

    def _title_matches(self, text: str, scope: list[str]) -> list[tuple[Abstract, float]]:
        words = set(_WORD.findall(text.lower()))
        if not words:
            return []
        out = []
        query = " ".join(sorted(w for w in words if len(w) > 4))[:2000]
        for meeting in scope or [None]:  # type: ignore[list-item]
            for a, _ in self.catalog.search(query, meeting=meeting, limit=10):
                tw = [w for w in _WORD.findall(a.title.lower()) if len(w) > 3]
                if not tw:
                    continue
                ratio = sum(1 for w in tw if w in words) / len(tw)
                if ratio >= 0.6:
                    out.append((a, min(0.95, ratio * 0.9)))
        return out
