"""Saved abstract pages (HTML, or their plain-text rendering), one or more abstracts a file.

The layout is that of the ACR abstract site and the many meeting sites built like it::

    Abstract Number: 1709
    <title>
    <authors with superscript affiliation numbers>, <numbered affiliations>
    Meeting: ACR Convergence 2021
    Keywords: ...
    Session Information
    Date: Tuesday, November 9, 2021
    Title: ...
    Session Type: Poster Session D
    Session Time: 8:30AM-10:30AM
    Background/Purpose: ...  Methods: ...  Results: ...  Conclusion: ...
    Disclosures: ...
    To cite this abstract in AMA style: ... https://...

The page is turned into text first (block elements end lines), so markup details do not
matter.  The meeting is the page's own ``Meeting:`` line, never the embargo text printed
around it: a 2021 abstract stays ``acr-2021`` even when the page's footer describes 2024.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from embargo.catalog.importers.base import ImportContext, Importer, RawRecord
from embargo.catalog.importers.jsonl import open_text
from embargo.catalog.records import TRIAL_ID
from embargo.errors import InputError

_BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul "
    "title".split())
_SKIP = frozenset(("script", "style", "noscript", "template", "svg", "button"))


class _TextOf(HTMLParser):
    """HTML → text lines; ``<sup>`` content is kept glued to the word before it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")
        if tag == "a":
            href = dict(attrs).get("href")
            if href and href.startswith(("http://", "https://")):
                self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)

    def text(self) -> str:
        raw = "".join(self.parts)
        lines = (" ".join(line.split()) for line in raw.split("\n"))
        return "\n".join(line for line in lines if line)


def html_to_text(markup: str) -> str:
    p = _TextOf()
    p.feed(markup)
    p.close()
    return p.text()


_NUMBER = re.compile(r"^\s*Abstract\s+(?:Number|No\.?|#)\s*:?\s*([A-Za-z0-9][A-Za-z0-9.\-]*)\s*$",
                     re.IGNORECASE | re.MULTILINE)
_FIELD = re.compile(r"^(Meeting|Keywords|Date|Title|Session Type|Session Time|Session Title)"
                    r"\s*:\s*(.*)$", re.IGNORECASE)
_SECTION = re.compile(
    r"^(Background(?:/Purpose)?|Purpose|Objectives?|Introduction|Aims?|Methods?|"
    r"Patients and Methods|Design|Results?|Conclusions?|Discussion|Trial Registration|"
    r"Clinical Trial Registration)\s*:\s*", re.IGNORECASE)
_STOP = re.compile(r"^(Disclosures?|To cite this abstract|«\s*Back to|Back to|"
                   r"Related|Advanced Search|Your Favorites)\b", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>\"')]+")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_ORG_WORDS = re.compile(
    r"\b(University|Universit\w+|Hospital|Center|Centre|Institute|Institut\w*|College|School|"
    r"Clinic|Department|Dept|Faculty|Laboratory|Foundation|Inc|Ltd|GmbH|Corporation|Research|"
    r"Medical|Health|Sciences?|Republic|Kingdom|States|USA|Pharma\w*|Klinik\w*|Ospedale|"
    r"Hôpital|Fondazione|AG|LLC|S\.A\.)(?!\w)")
_WEEKDAY = re.compile(r"^(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*", re.IGNORECASE)
_CLOCK = re.compile(r"(\d{1,2})(?::(\d{2}))?\s*([AaPp])\.?\s*[Mm]\.?")


def _looks_like_page(text: str) -> bool:
    return _NUMBER.search(text[:20000]) is not None


class HtmlImporter(Importer):
    """Saved abstract pages (HTML, or the same page saved as text)."""

    name: ClassVar[str] = "html"
    suffixes: ClassVar[tuple[str, ...]] = (".html", ".htm", ".xhtml")

    @classmethod
    def accepts(cls, path: Path) -> bool:
        if path.suffix.lower() in cls.suffixes:
            return True
        if path.suffix.lower() == ".txt":
            try:
                head = path.read_bytes()[:20000].decode("utf-8", "replace")
            except OSError:
                return False
            return _looks_like_page(head)
        return False

    def read(self, path: Path, context: ImportContext | None = None) -> Iterator[RawRecord]:
        p = str(path)
        raw = open_text(path).read()
        is_html = path.suffix.lower() in self.suffixes or bool(
            re.search(r"<(html|body|div|p|h1)\b", raw[:5000], re.IGNORECASE))
        text = html_to_text(raw) if is_html else "\n".join(
            " ".join(x.split()) for x in raw.splitlines() if x.strip())
        starts = [m.start() for m in _NUMBER.finditer(text)]
        if not starts:
            raise InputError("no 'Abstract Number:' line: not an abstract page of the known "
                             "layout", path=p)
        ctx = context or ImportContext()
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            yield RawRecord(parse_page(text[start:end], ctx, p), p,
                            None if len(starts) == 1 else text[:start].count("\n") + 1)


# ------------------------------------------------------------------------------- the parser

def parse_page(text: str, ctx: ImportContext, path: str) -> dict[str, Any]:
    """One abstract's block of page text → a catalogue record (the JSONL shape)."""
    lines = text.split("\n")
    m = _NUMBER.match(lines[0])
    assert m is not None
    number = m.group(1)
    fields: dict[str, str] = {}
    head: list[str] = []  # lines between the number and the first field: title, authors
    sections: list[tuple[str, str]] = []
    disclosures: list[str] = []
    cite: list[str] = []
    mode = "head"
    for line in lines[1:]:
        if mode in ("head", "fields") and (f := _FIELD.match(line)):
            key = f.group(1).lower()
            if key == "title" and "session title" not in fields and "date" not in fields \
                    and not head:
                head.append(f.group(2))  # "Title: ..." of the abstract itself
                continue
            fields.setdefault("session title" if key == "title" else key, f.group(2).strip())
            mode = "fields"
            continue
        if (s := _SECTION.match(line)) and mode != "cite":
            sections.append((s.group(1), line[s.end():].strip()))
            mode = "body"
            continue
        if re.match(r"^Disclosures?\s*:", line, re.IGNORECASE):
            disclosures.append(line.split(":", 1)[1].strip())
            mode = "disclosures"
            continue
        if re.match(r"^To cite this abstract", line, re.IGNORECASE):
            mode = "cite"
            continue
        if mode == "head":
            if line.lower().startswith("session information"):
                mode = "fields"
            elif not re.match(r"^[•·*\-]|^(Tweet|Email|Print|Click to)\b", line):
                head.append(line)
        elif mode == "body":
            if _STOP.match(line):
                mode = "tail"
            elif sections:
                label, so_far = sections[-1]
                sections[-1] = (label, f"{so_far} {line}".strip())
        elif mode == "disclosures":
            if _STOP.match(line) or re.match(r"^To cite", line, re.IGNORECASE):
                mode = "cite" if line.lower().startswith("to cite") else "tail"
            else:
                disclosures.append(line)
        elif mode == "cite":
            cite.append(line)
            if _URL.search(line):
                mode = "tail"
    if not head:
        raise InputError(f"abstract {number}: no title after the abstract number", path=path)
    title = head[0]
    authors, affiliations = parse_authors(" ".join(head[1:])) if len(head) > 1 else ([], [])
    rec: dict[str, Any] = {"number": number, "title": title}
    if authors:
        rec["authors"] = authors
    if affiliations:
        rec["affiliations"] = affiliations
    meeting_name = fields.get("meeting", "")
    rec["meeting"] = meeting_id(meeting_name, ctx, fields.get("date"), path, number)
    if meeting_name:
        rec["meeting_name"] = meeting_name
    if fields.get("keywords"):
        rec["keywords"] = [k.strip() for k in re.split(r"\s*[,;]\s*", fields["keywords"])
                           if k.strip()]
    body = " ".join(f"{label}: {content}" for label, content in sections if content)
    if body:
        rec["body"] = body
    if disclosures:
        rec["disclosures"] = " ".join(disclosures)
    url = next((u for line in cite for u in _URL.findall(line)), None)
    if url is None:
        url = next((u for u in _URL.findall(text) if "/abstract" in u), None)
    if url:
        rec["url"] = url.rstrip(".,;")
    trials = list(dict.fromkeys(t.upper() if t.upper().startswith("NCT") else t
                                for t in TRIAL_ID.findall(f"{title} {body}")))
    if trials:
        rec["trial_ids"] = trials
    _session(rec, fields, ctx)
    return rec


def parse_authors(line: str) -> tuple[list[str], list[str]]:
    """``"Min Jung Kim1, Eun Hye Park2 and Kichul Shin3, 1Seoul ..., 2Chung-Ang ..."``
    → (names without affiliation digits, affiliations in their numbered order)."""
    line = " ".join(line.split())
    if not line:
        return [], []
    # The numbered affiliation list starts at the first ", <digit><Letter>".
    cut = re.search(r",\s*(?=1\s?[A-ZÀ-ÖØ-Þ])", line)
    names_part, affil_part = (line[:cut.start()], line[cut.end():]) if cut else (line, "")
    affiliations: list[str] = []
    if affil_part:
        pieces = re.split(r"(?:^|,\s*)(\d{1,2})\s?(?=[A-ZÀ-ÖØ-Þ])", affil_part)
        # pieces: ['', '1', 'Seoul ...', '2', 'Chung-Ang ...', ...]
        affiliations = [pieces[i + 1].strip(" ,") for i in range(1, len(pieces) - 1, 2)]
    names: list[str] = []
    parts = re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", names_part)
    for i, part in enumerate(parts):
        clean = re.sub(r"[\d,*†‡§¶#]+$", "", part).strip()
        clean = re.sub(r"(?<=[^\W\d])\d+(?:,\d+)*", "", clean).strip()
        if not clean:
            continue
        if not cut and (_ORG_WORDS.search(clean) or len(clean.split()) > 5):
            # No numbered list: what follows the names is the (single) affiliation.
            affiliations = [", ".join(p.strip() for p in parts[i:] if p.strip())]
            break
        names.append(clean)
    return names, affiliations


def meeting_id(name: str, ctx: ImportContext, session_date: str | None, path: str,
               number: str) -> str:
    """The meeting id for the page's ``Meeting:`` line.

    ``--meeting`` wins; then a loaded policy whose name or alias is exactly this name; then
    the series of a loaded policy whose alias matches the name without its year (so "ACR
    Convergence 2021" is ``acr-2021`` because ``acr-2024`` is "ACR Convergence"); then a
    general rule: the leading acronym (or the words) of the name, a dash and the year.
    """
    if ctx.meeting:
        return ctx.meeting
    if not name:
        raise InputError(f"abstract {number}: the page has no 'Meeting:' line; give the "
                         "meeting with --meeting ID", path=path)
    key = " ".join(name.lower().split())
    year_m = _YEAR.search(name)
    year = year_m.group(1) if year_m else None
    if year is None and session_date:
        y = _YEAR.search(session_date)
        year = y.group(1) if y else None
    hit = ctx.meeting_names.get(key)
    if hit is not None and (year is None or year in hit or not _YEAR.search(hit)):
        return hit
    if year is None:
        raise InputError(f"abstract {number}: cannot tell the year of meeting {name!r}; give "
                         "the meeting with --meeting ID", path=path)
    bare = " ".join(_YEAR.sub(" ", key).replace("'", " ").split())
    for alias, mid in ctx.meeting_names.items():
        if _YEAR.search(alias):
            continue
        if alias == bare and re.search(r"-\d{4}$", mid):
            return f"{mid[:-5]}-{year}"
    words = re.findall(r"[A-Za-z][A-Za-z0-9]*", _YEAR.sub(" ", name))
    if not words:
        raise InputError(f"abstract {number}: cannot make a meeting id of {name!r}; give it "
                         "with --meeting ID", path=path)
    if words[0].isupper() and len(words[0]) >= 2:
        series = words[0].lower()
    else:
        series = "-".join(w.lower() for w in words if w.lower() not in
                          {"the", "of", "and", "for", "annual", "meeting", "congress"})[:40]
        series = series.strip("-") or words[0].lower()
    return f"{series}-{year}"


def _session(rec: dict[str, Any], fields: dict[str, str], ctx: ImportContext) -> None:
    title = fields.get("session title")
    stype = fields.get("session type")
    when = fields.get("date")
    clock = fields.get("session time")
    if stype:
        rec["session_type"] = stype
        low = stype.lower()
        if "late" in low and "break" in low:
            rec["category"] = "late-breaking"
        elif "plenary" in low:
            rec["category"] = "plenary"
        elif "poster" in low:
            rec["category"] = "poster"
        elif any(w in low for w in ("oral", "abstract session", "podium", "concurrent")):
            rec["category"] = "oral"
    day = _parse_day(when) if when else None
    session: dict[str, Any] = {}
    if title:
        session["title"] = title
    if day is not None and clock:
        times = [(int(h), int(mi or 0), ap.lower()) for h, mi, ap in _CLOCK.findall(clock)]
        zone = ctx.zone_for(rec["meeting"]) if ctx.zone_for else None
        if times and zone:
            tz = ZoneInfo(zone)
            instants = [datetime.combine(day, time(_h24(h, ap), mi), tz) for h, mi, ap in times]
            session["start"] = instants[0].isoformat()
            if len(instants) > 1 and instants[1] >= instants[0]:
                session["end"] = instants[1].isoformat()
        elif times:
            rec["session_date"] = day.isoformat()
            rec["session_time"] = clock
            ctx.note(f"session times of {rec['meeting']} kept as written (date and clock, no "
                     f"instant): no loaded policy gives its time zone; add policies/"
                     f"{rec['meeting']}.toml and import again")
    elif day is not None:
        rec["session_date"] = day.isoformat()
    if session:
        rec["session"] = session


def _h24(hour: int, ampm: str) -> int:
    hour %= 12
    return hour + 12 if ampm == "p" else hour


def _parse_day(text: str) -> date | None:
    from dateutil import parser as du

    clean = _WEEKDAY.sub("", text.strip())
    try:
        return du.parse(clean, default=datetime(2000, 1, 1)).date()  # noqa: DTZ001
    except (ValueError, OverflowError):
        return None
