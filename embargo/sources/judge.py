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
from embargo.model import Judgement
from embargo.sources.base import Entry, Source


def judge_entry(emb: Embargo, entry: Entry, source: Source, now: datetime,
                first_seen: datetime | None = None) -> Judgement:
    """Judge one entry.  Raises ``InputError`` for a draft that cannot be read."""
    if entry.raw is not None:  # a draft file
        return emb.check_bytes(entry.raw, entry.path or entry.key, kind=None,
                               default_kind=source.default_kind, meeting=source.meeting,
                               now=now)
    draft = Draft(source=entry.link or entry.key, text=entry.text, format="feed",
                  title=entry.title, links=entry.links)
    if entry.published_at is not None:
        at, note = entry.published_at, entry.published_note
    else:
        at = first_seen or now
        note = entry.published_note or "entry has no date: judged at first sight"
        if first_seen is not None and first_seen != now:
            note += f" ({first_seen.isoformat()})"
    j = emb.check_draft(draft, at=at, default_kind=source.default_kind,
                        meeting=source.meeting)
    return replace(j, item=replace(j.item, published_at_note=note))
