"""Which meetings an item names.

Each meeting is recognised by

* its policy's name and aliases ("ACR Convergence 2024", "The Liver Meeting");
* its series and year, in the forms people write: "ACR 2024", "ACR24", "#ACR24", "#ACR2024",
  "ACR '24" (the series is the part of the id before the year: ``acr`` of ``acr-2024``,
  and the first word of every alias that looks like an acronym); hashtags of a long name's
  initials too ("#TLM24" for The Liver Meeting);
* a yearless alias of the series ("ACR Convergence") followed or preceded by a year — that
  year picks the edition, so "ACR Convergence 2021" is ``acr-2021`` even when only the 2024
  policy is loaded (as long as the catalogue knows ``acr-2021``);
* a yearless alias with no year nearby: the edition nearest to the item's date;
* a society's meeting with the year inside its name ("the ACR's 2024 annual meeting", "the
  American College of Rheumatology 2024 annual meeting"): that year's edition.

Bare series words ("ACR", "ASCO") are organisations, not meetings: they never count alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from embargo.content.numbers import fold_for_ignorecase
from embargo.linking.features import fold
from embargo.patterns import blank, cannot_match
from embargo.patterns import compile as re_compile
from embargo.policy.loader import PolicySet

_ID = re_compile(r"^(?P<series>[a-z][a-z0-9\-]*?)-(?P<year>\d{4})$")
#: A bracketed acronym or a short aside of words inside a meeting's name: "the American Society
#: of Hematology (ASH) (Free ASH Whitepaper) Annual Meeting" (a relay's inserted link text).
_BRACKETED = re_compile(r"\([a-z][a-z&]{1,9}(?:/[a-z][a-z&]{1,9})?(?:\s+[a-z][a-z&]{0,12}){0,3}\)")
#: A meeting two societies hold together, named by both: "the 2019 ACR/ARP Annual Meeting",
#: "the American College of Rheumatology/Association of Rheumatology Professionals Annual
#: Meeting" is the first society's meeting (the partner's name is read past).
_JOINT = re_compile(r"(?<=[a-z])/(?:[a-z][a-z&]{1,9}|(?:association|society|college|academy|"
                    r"federation|league|alliance|council)\s+(?:of|for)\s+(?:[a-z][a-z&\-]*\s+)"
                    r"{0,4}[a-z][a-z&\-]*)(?=\s+(?:20\d\d\s+)?(?:annual\s+)?(?:scientific\s+)?"
                    r"meeting\b)")
#: A bracketed series right before a year: "the American Society for Clinical Oncology (ASCO)
#: 2023 annual meeting" names ASCO 2023 however the society's name around it is written.
_BRACKETED_YEAR = re_compile(r"\(([a-z][a-z&]{1,9})\)\s*(20\d\d)(?!\w)")
_ADJECTIVE = re_compile(r"(?<=['’]s )(?:virtual|hybrid|in-person|recent|upcoming|latest|next)"
                        r"(?= )|(?<=\bthe )(?:virtual|hybrid|in-person|recent|upcoming|latest|"
                        r"next)(?= )")
#: Another word for a society's annual meeting ("the ACR annual assembly", "the American
#: Society of Nephrology (ASN) Annual Conference"): read as "annual meeting", padded so that
#: positions stay.
_ANNUAL_OTHER = re_compile(r"(?<=\bannual )(?:assembly|convention|conference|gathering)\b")


def _as_meeting(m: re.Match[str]) -> str:
    return "meeting".rjust(len(m.group(0)))


_ORDINAL = re_compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s*$")
#: What follows a response criterion's name glued to its threshold ("ACR20 response", "ACR50
#: responders", "ACR20/50/70"), never a meeting's name glued to its year ("ACR24").
_SCORE_AFTER = re_compile(r"\s*(?:/\s*\d|(?:response|responses|responder|responders|"
                          r"criteria|criterion|score|scores|rate|rates|improvement)\b)")
_YEAR_NEAR = re_compile(r"^[\s,:'’\-]{0,3}(?:'|’)?(20\d\d|\d\d)\b")
_YEAR_BEFORE = re_compile(r"\b(20\d\d)[\s,]{1,3}$")


#: A society's meeting named with its year inside ("the ACR's 2024 annual meeting", "the
#: American College of Rheumatology 2024 annual meeting"): the place the year may stand.
_MEETING_TAIL = re_compile(r"\s((?:annual\s+)?(?:scientific\s+)?meeting)$")
_YEAR_INSIDE = re_compile(r"\s(20\d\d)(?=\s(?:annual\s+)?(?:scientific\s+)?meeting$)")


def _spaced(words: str) -> str:
    """A pattern of ``words`` as written, with any run of spaces between them."""
    return re.escape(words).replace(r"\ ", r"\s+")


def _alias_source(alias: str) -> str:
    """The pattern of one alias: its words with any spaces between them, and, for a yearless
    name ending in "meeting", room for a year before its "(annual) (scientific) meeting"."""
    tail = _MEETING_TAIL.search(alias)
    if tail is None or re.search(r"\b20\d\d\b", alias):
        return _spaced(alias)
    return _spaced(alias[:tail.start()]) + r"(?:\s+20\d\d)?\s+" + _spaced(tail.group(1))


def _organiser_aliases(organiser: str | None) -> list[str]:
    """How people name a society's meeting by the society: "the American College of
    Rheumatology annual meeting", "the annual meeting of the American College of
    Rheumatology", "the ACR's annual meeting", "the American Society of Hematology (ASH)
    meeting" (yearless: they fit every edition)."""
    if not organiser:
        return []
    out: list[str] = []
    full = re.sub(r"\s*\([^)]*\)\s*", " ", organiser).strip()
    short = re.findall(r"\(([A-Z][A-Za-z&]{1,10})\)", organiser)
    for name in [full, *short]:
        if len(name) < 3:
            continue
        out += [f"{name} annual meeting", f"{name}'s annual meeting",
                f"{name} annual scientific meeting", f"{name}'s annual scientific meeting",
                f"annual meeting of the {name}", f"meeting of the {name}",
                f"{name} meeting", f"{name}'s meeting", f"{name}'s scientific meeting"]
        # Its other words for the meeting: "the 2025 American College of Rheumatology
        # conference", "the ASCO congress", "the conference of the American Society of
        # Hematology" ("annual conference" reads as "annual meeting": _ANNUAL_OTHER).
        for noun in ("conference", "congress"):
            out += [f"{name} {noun}", f"{name}'s {noun}", f"{noun} of the {name}"]
    # The name with its acronym in brackets: "the American Society of Hematology (ASH)
    # meeting".
    for s in short:
        out += [f"{full} ({s}) annual meeting", f"{full} ({s}) meeting"]
    return out


@dataclass
class _Edition:
    id: str
    series: str | None
    year: int | None
    starts: date | None
    ordinal: int | None = None  # "65th ASH Annual Meeting" -> 65


@dataclass
class MeetingMatcher:
    """Compiled once per linker; ``find`` is cheap."""

    editions: dict[str, _Edition] = field(default_factory=dict)
    # folded alias -> meeting ids (several editions may share a yearless alias)
    aliases: dict[str, set[str]] = field(default_factory=dict)
    series_words: dict[str, set[str]] = field(default_factory=dict)  # word -> series
    hashtags: dict[str, set[str]] = field(default_factory=dict)  # initialism -> series
    _alias_re: re.Pattern[str] | None = None
    _series_re: re.Pattern[str] | None = None
    _hashtag_only: set[str] = field(default_factory=set)  # "tlm": only as #TLM24
    #: Series of the catalogue's meetings that no policy describes ("esmo", "esmo asia"):
    #: read only with their year in four digits and their first word in capitals ("ESMO Asia
    #: 2023"), as their names are unknown and a lower-case "era 2024" is no meeting.
    _capitals_only: set[str] = field(default_factory=set)
    #: The last text read and its mentions: the linker and the venue finder read the same
    #: text at the same moment, one after the other (one tuple, replaced whole: safe to
    #: share between threads; the moment compared by identity, as its zone matters).
    _last: tuple[str, datetime | None, tuple[Mention, ...], bool] | None = field(
        default=None, repr=False, compare=False)

    @classmethod
    def build(cls, policies: PolicySet, meeting_ids: Iterable[str] = ()) -> MeetingMatcher:
        m = cls()
        for p in policies:
            mid = p.id
            idm = _ID.match(mid)
            ordinal = next((int(o.group(1)) for o in (
                re.search(r"\b(\d{1,3})(?:st|nd|rd|th)\b", a) for a in (p.meeting.name,
                                                                        *p.meeting.aliases))
                if o), None)
            m.editions[mid] = _Edition(mid, idm.group("series") if idm else None,
                                       p.meeting.year or (int(idm.group("year")) if idm else None),
                                       p.meeting.starts, ordinal)
            for alias in sorted({p.meeting.name, *p.meeting.aliases,
                                 *_organiser_aliases(p.meeting.organiser)}):
                key = " ".join(fold(alias).split())
                if len(key) < 3:
                    continue
                m.aliases.setdefault(key, set()).add(mid)
                bare = " ".join(re.sub(r"\b(20\d\d)\b", " ", key).split())
                # "ACR Convergence" of "ACR Convergence 2024", never a lone "EULAR" of
                # "EULAR 2024": one word is the organisation, not its meeting.
                if bare != key and len(bare.split()) >= 2:
                    m.aliases.setdefault(bare, set()).add(mid)
                words = [w for w in re.findall(r"[a-z]+", bare) if w not in ("of", "and")]
                if idm and len(words) >= 3 and all(len(w) > 1 for w in words):
                    m.hashtags.setdefault("".join(w[0] for w in words),
                                          set()).add(idm.group("series"))
                first = key.split()[0]
                if idm and re.fullmatch(r"[a-z]{2,8}", first) and alias.split()[0].isupper():
                    m.series_words.setdefault(first, set()).add(idm.group("series"))
            if idm:
                m.series_words.setdefault(idm.group("series"), set()).add(idm.group("series"))
        for mid in meeting_ids:
            idm = _ID.match(mid)
            if mid not in m.editions and idm:
                m.editions[mid] = _Edition(mid, idm.group("series"), int(idm.group("year")),
                                           None)
                # A meeting only the catalogue knows is named by its series and year, as its
                # id spells them ("ESMO Asia 2023" for esmo-asia-2023).
                word = idm.group("series").replace("-", " ")
                if word not in m.series_words and re.fullmatch(r"[a-z]{2,8}(?: [a-z]{2,8})?",
                                                                word):
                    m.series_words[word] = {idm.group("series")}
                    m._capitals_only.add(word)
        if m.aliases:
            alts = sorted(m.aliases, key=len, reverse=True)
            m._alias_re = re_compile(r"(?<![\w#])(?:" + "|".join(map(_alias_source, alts))
                                     + r")(?![\w])")
        for tag, series in m.hashtags.items():
            if tag not in m.series_words and len(series) == 1:
                m.series_words[tag] = series
                m._hashtag_only.add(tag)
        if m.series_words:
            words = sorted(m.series_words, key=len, reverse=True)
            m._series_re = re_compile(
                r"(#)?(?<![\w])(" + "|".join(map(re.escape, words)) +
                r")(?:\s*(?:'|’)?\s*(20\d\d|\d\d))?(?![\w])")
        return m

    def _series_edition(self, series: set[str], year: int) -> str | None:
        for e in self.editions.values():
            if e.series in series and e.year == year:
                return e.id
        return None

    def _nearest(self, ids: set[str], at: datetime | None) -> str | None:
        if len(ids) == 1:
            return next(iter(ids))
        if at is None:
            return None

        def distance(i: str) -> float:
            e = self.editions[i]
            if e.starts is None:
                # A catalogue's edition without dates: taken as held mid-year.
                return float("inf") if e.year is None else float(abs(
                    (date(e.year, 7, 1) - at.date()).days))
            return abs((e.starts - at.date()).days)

        return min(sorted(ids), key=distance)

    def find(self, text: str, at: datetime | None = None) -> list[str]:
        """Meeting ids the text names, in order of first mention."""
        found: dict[str, int] = {}
        for m in self.mentions(text, at):
            if not m.known:
                continue
            found[m.meeting] = min(found.get(m.meeting, m.start), m.start)
        return sorted(found, key=lambda k: found[k])

    def mentions(self, text: str, at: datetime | None = None, dated: bool = False
                 ) -> list[Mention]:
        """Every mention of a meeting edition, in text order.  ``explicit`` is false when the
        text named the series without a year and the edition is the one nearest the item's
        date (a guess: "ACR Convergence" fits every edition of the series).  ``known`` is false
        for an edition named with its year (or its ordinal) that neither a policy nor the
        catalogue knows ("ACR Convergence 2019"): still a venue, never a meeting to judge.
        ``dated``: ``at`` is the item's own date (its dateline), so a yearless series may be
        any edition of it the catalogue holds, not only those a policy describes."""
        last = self._last
        if last is not None and last[1] is at and last[3] == dated and last[0] == text:
            return list(last[2])
        out = _apposed(self._mentions(text, at, dated))
        self._last = (text, at, tuple(out), dated)
        return out

    def _mentions(self, text: str, at: datetime | None, dated: bool) -> list[Mention]:
        # "American College of Rheumatology (ACR) Convergence 2023", "the ACR's virtual annual
        # meeting": a bracketed acronym or a passing adjective inside a name is read past
        # (blanked, so positions stay).
        folded = fold(text)
        low = folded
        for rx in (_BRACKETED, _ADJECTIVE, _JOINT):
            if not cannot_match(rx, fold_for_ignorecase(low)):
                low = rx.sub(blank, low)
        if "annual " in low:
            low = _ANNUAL_OTHER.sub(_as_meeting, low)
        out: list[Mention] = []
        if self._alias_re is not None:
            for mt in self._alias_re.finditer(low):
                key = " ".join(mt.group(0).split())
                inside = None
                if key not in self.aliases:
                    # "the American College of Rheumatology's 2024 meeting": the year written
                    # inside a society's meeting name picks the edition.
                    inside = _YEAR_INSIDE.search(key)
                    if inside is not None:
                        key = " ".join((key[:inside.start()] + key[inside.end():]).split())
                ids = self.aliases.get(key, set())
                if not ids:
                    continue
                after = _YEAR_NEAR.match(low[mt.end():mt.end() + 8])
                before = _YEAR_BEFORE.search(low[max(0, mt.start() - 8):mt.start()])
                year_s = (inside.group(1) if inside else None) or (
                    after.group(1) if after else None) or (before.group(1) if before else None)
                series: list[str] = sorted({e.series for e in (self.editions[i] for i in ids)
                                            if e.series})
                explicit = bool(re.search(r"\b20\d\d\b|\b\d{1,3}(?:st|nd|rd|th)\b", key))
                year: int | None = None
                if year_s and not explicit:
                    year = int(year_s) + (2000 if len(year_s) == 2 else 0)
                elif not explicit:
                    year = self._ordinal_year(ids, low[max(0, mt.start() - 8):mt.start()], key)
                if year is not None:
                    chosen = self._series_edition(set(series), year) or next(
                        (i for i in sorted(ids) if self.editions[i].year == year), None)
                    if chosen is None:
                        if series:  # another edition of the series, unknown to us
                            out.append(Mention(f"{series[0]}-{year}", series[0], True,
                                               mt.start(), mt.end(), known=False))
                        continue
                    out.append(Mention(chosen, self.editions[chosen].series, True,
                                       mt.start(), mt.end()))
                    continue
                if dated and at is not None and series and not explicit:
                    # Every edition of the series is a candidate, the catalogue's too: an
                    # item written in 2022 about "the ASN Kidney Week" means Kidney Week 2022.
                    # (A name that holds its year, "ACR Convergence 2024", is that edition,
                    # whenever the item was written.)
                    ids = ids | {i for i, e in self.editions.items() if e.series in series}
                chosen = self._nearest(ids, at)
                if chosen:
                    out.append(Mention(chosen, self.editions[chosen].series, explicit,
                                       mt.start(), mt.end()))
        if self._series_re is not None:
            for mt in self._series_re.finditer(low):
                hashtag, word, year_s = mt.groups()
                if not year_s or (word in self._hashtag_only and not hashtag):
                    continue
                if word in self._capitals_only and (len(year_s) != 4 or not _in_capitals(
                        text, folded, mt.start(2), mt.end(2))):
                    continue  # ("EHA23" is the 23rd congress, of 2018)
                gap = low[mt.end(2):mt.start(3)]
                if len(year_s) == 2 and not hashtag and gap.strip() == "" and gap != "":
                    continue  # "ACR 20" is a response criterion, not a meeting
                if len(year_s) == 2 and not hashtag and gap == "" and _SCORE_AFTER.match(
                        low, mt.end()):
                    continue  # so is "ACR20 response", "ACR20/50/70"
                year = int(year_s) + (2000 if len(year_s) == 2 else 0)
                chosen = self._series_edition(self.series_words[word], year)
                if chosen:
                    out.append(Mention(chosen, self.editions[chosen].series, True,
                                       mt.start(), mt.end()))
                elif 1990 <= year <= 2039 and (hashtag or len(year_s) == 4 or "'" in gap):
                    name = sorted(self.series_words[word])[0]
                    out.append(Mention(f"{name}-{year}", name, True, mt.start(), mt.end(),
                                       known=False))
        if self.series_words:
            for mt in _BRACKETED_YEAR.finditer(folded):
                word = mt.group(1)
                if word not in self.series_words or word in self._hashtag_only or any(
                        m.start < mt.end() and m.end > mt.start() for m in out):
                    continue
                chosen = self._series_edition(self.series_words[word], int(mt.group(2)))
                if chosen:
                    out.append(Mention(chosen, self.editions[chosen].series, True,
                                       mt.start(), mt.end()))
        return sorted(out, key=lambda m: (m.start, m.meeting))

    def _ordinal_year(self, ids: set[str], before: str, key: str) -> int | None:
        """"The 63rd ASH Annual Meeting": an ordinal names an edition.  Its year follows from
        an edition whose name carries its own ordinal (the 65th is 2023, so the 63rd is
        2021)."""
        m = _ORDINAL.search(before)
        if m is None:
            return None
        n = int(m.group(1))
        for i in sorted(ids):
            e = self.editions[i]
            if e.ordinal and e.year:
                return e.year + (n - e.ordinal)
        return None

    def _yearless(self, key: str) -> bool:
        """Whether a folded alias names a series without an edition ("acr convergence")."""
        return not re.search(r"\b20\d\d\b", key)

    def series_of(self, meeting_id: str) -> str | None:
        e = self.editions.get(meeting_id)
        if e is not None:
            return e.series
        idm = _ID.match(meeting_id)
        return idm.group("series") if idm else None


def _in_capitals(text: str, folded: str, start: int, end: int) -> bool:
    """Whether the words at ``start:end`` of ``folded`` are written as a meeting's series is
    in ``text``: the first in capitals ("ESMO"), any other capitalised ("ESMO Asia"); where
    folding changed the text's length, whether the text holds the first in capitals."""
    if len(text) != len(folded):
        return folded[start:end].split()[0].upper() in text
    first, *rest = text[start:end].split()
    return first.isalpha() and first.isupper() and all(w[:1].isupper() for w in rest)


def _apposed(mentions: list[Mention]) -> list[Mention]:
    """A series named without its year in a text that names one edition of that series with
    its year is that edition ("ACR Convergence 2024, the American College of Rheumatology's
    annual meeting"), however long ago the text was written; with several editions named,
    the yearless mention adds none."""
    named: dict[str, set[str]] = {}
    for m in mentions:
        if m.explicit and m.series:
            named.setdefault(m.series, set()).add(m.meeting)
    if not named:
        return mentions
    out: list[Mention] = []
    for m in mentions:
        editions = named.get(m.series or "") if not m.explicit else None
        if editions is None:
            out.append(m)
        elif len(editions) == 1:
            edition = next(iter(editions))
            out.append(Mention(edition, m.series, False, m.start, m.end,
                               known=any(x.known for x in mentions if x.meeting == edition)))
    return out


@dataclass(frozen=True)
class Mention:
    """One place where an item names a meeting edition."""

    meeting: str
    series: str | None
    explicit: bool  # the edition was named (with its year), not guessed from the date
    start: int
    end: int
    known: bool = True  # the edition is one a policy or the catalogue knows


def mentioned_meetings(text: str, policies: PolicySet, at: datetime | None = None) -> list[str]:
    """Meeting ids whose name, alias or series-and-year the text contains."""
    return MeetingMatcher.build(policies).find(text, at)
