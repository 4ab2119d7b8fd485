"""A draft as read from a file: text, front matter, format."""

from __future__ import annotations

from dataclasses import dataclass, field

from embargo.model import Kind
from embargo.timeparse import ParsedTime


@dataclass(frozen=True)
class FrontMatter:
    """The keys of the contract, validated.  ``None`` = not given."""

    title: str | None = None
    kind: Kind | None = None
    publish_at: ParsedTime | None = None
    publish_at_key: str | None = None  # "publish_at" or "date" (the fallback)
    meeting: str | None = None
    abstracts: tuple[str, ...] = ()
    source: str | None = None
    ignored_keys: tuple[str, ...] = ()  # keys of other tools (layout, tags, ...)


@dataclass(frozen=True)
class Draft:
    """One item to check, as its reader found it."""

    source: str  # as given on the command line ("-" for stdin)
    text: str  # the body: plain text or Markdown, without front matter or markup
    format: str  # reader name: markdown, text, html, eml
    meta: FrontMatter = field(default_factory=FrontMatter)
    title: str | None = None  # from front matter, the first heading, <title> or Subject
    links: tuple[str, ...] = ()  # URLs the item links to (href targets, bare URLs)
    headers: tuple[tuple[str, str], ...] = ()  # e-mail headers, HTML meta (name, value)
    encoding_note: str | None = None  # e.g. "read as latin-1"
    body_line: int = 1  # the line of the file where ``text`` starts (Markdown, text)
    attachments: tuple[tuple[str, str], ...] = ()  # e-mail attachments (file name, MIME type)
