"""Judging what a source found, through the same :class:`~embargo.api.Embargo` session as
``embargo check``.

A feed entry is judged at its own published (or updated) instant; one without a date at
``first_seen`` (the first poll that saw it; ``now`` when new) and its note says so.  A draft
is judged like ``embargo check`` does it: front matter ``publish_at``, else now.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from embargo.api import Embargo
from embargo.content.draft import Draft
from embargo.errors import InputError
from embargo.model import Finding, Item, Judgement, Kind, KindGuess, Verdict
from embargo.sources.base import Entry, Source


def judge_entry(emb: Embargo, entry: Entry, source: Source, now: datetime,
                first_seen: datetime | None = None) -> Judgement:
    """Judge one entry.  Raises ``InputError`` for a draft that cannot be read."""
    if entry.error is not None:
        raise InputError(entry.error, path=entry.path)
    if entry.raw is not None:  # a draft file
        return emb.check_bytes(entry.raw, entry.path or entry.key, kind=None,
                               default_kind=source.default_kind, meeting=source.meeting,
                               now=now)
    draft = Draft(source=entry.link or entry.key, text=entry.text, format="feed",
                  title=entry.title, links=entry.links)
    seen = first_seen or now
    if entry.published_at is not None and entry.published_at > seen:
        # A date in the future cannot be when it was published: judged at first sight (the
        # earlier of the two), like an undated entry, never later than it was readable.
        at = seen
        note = (f"{entry.published_note or 'entry date'} {entry.published_at.isoformat()} is "
                f"after it was first seen: judged when first seen ({seen.isoformat()})")
    elif entry.published_at is not None:
        at, note = entry.published_at, entry.published_note
    else:
        at = first_seen or now
        note = entry.published_note or "entry has no date: judged at first sight"
        if first_seen is not None and first_seen != now:
            note += f" ({first_seen.isoformat()})"
    j = emb.check_draft(draft, at=at, default_kind=source.default_kind,
                        meeting=source.meeting)
    return replace(j, item=replace(j.item, published_at_note=note))


def unreadable_draft(entry: Entry, source: Source, now: datetime, reason: str) -> Judgement:
    """The judgement of a draft that cannot be read: ``review``, saying why."""
    kind = source.default_kind or Kind.OTHER
    path = entry.path or entry.key
    item = Item(source=path, text="", kind=KindGuess(kind, 1.0, (), "configured default"),
                published_at=now, published_at_note="the draft could not be read",
                title=path.rsplit("/", 1)[-1])
    finding = Finding(verdict=Verdict.REVIEW,
                      message=f"the draft cannot be read ({reason}): check it by hand")
    return Judgement(item=item, verdict=Verdict.REVIEW, findings=(finding,),
                     earliest_compliant=None, notes=("unreadable draft",))
