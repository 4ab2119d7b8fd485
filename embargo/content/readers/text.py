"""Markdown and plain text, with optional front matter; helpers shared by every reader."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import ClassVar

from embargo.content.draft import Draft, FrontMatter
from embargo.content.frontmatter import parse_front_matter, split_front_matter
from embargo.content.readers.base import Reader
from embargo.errors import InputError
from embargo.patterns import compile as re_compile
from embargo.timeparse import parse_when

_URL = re_compile(r"https?://[^\s<>()\[\]\"']+")
_MD_LINK = re_compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_MD_REF = re_compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$", re.MULTILINE)
_HEADING = re_compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_NOT_TITLE = re_compile(r"^(?:for immediate release|(?:press|news|media) release|embargo|"
                        r"(?:media|press) contact|contact:|by\s|\W*$|🧵)", re.IGNORECASE)
_SETEXT = re_compile(r"^(\S[^\n]{2,200})\n(?:=+|-+)[ \t]*$", re.MULTILINE)


def front_matter_of(text: str, source: str, default_zone: str
                    ) -> tuple[FrontMatter, str, int]:
    """(front matter, body, first line of the body in the file)."""
    try:
        syntax, block, body, first = split_front_matter(text)
        meta = parse_front_matter(syntax, block or "", default_zone) if syntax else FrontMatter()
    except InputError as e:
        raise InputError(e.message, path=source, line=e.line, key=e.key) from None
    return meta, body, first


def document_date(meta: FrontMatter, headers: tuple[tuple[str, str], ...],
                  names: tuple[str, ...], default_zone: str) -> FrontMatter:
    """Use the document's own date (HTML meta, e-mail Date) when front matter gives none.

    A date that cannot be read, or has no time of day, is ignored: it is a header, not a
    promise, and the draft is still judged (at ``--at`` or now).
    """
    for name in names:
        for key, value in headers:
            if key != name or not re.search(r"\d{1,2}:\d{2}", value):
                continue
            try:
                pt = parse_when(value.strip(), default_zone)
            except InputError:
                continue
            return replace(meta, publish_at=pt, publish_at_key=f"the document's {name} date")
    return meta


def urls_in(text: str) -> tuple[str, ...]:
    found = [u.rstrip(".,;:!?'\"") for u in _URL.findall(text)]
    found += [m.group(3) for m in _MD_LINK.finditer(text)]
    found += [m.group(1) for m in _MD_REF.finditer(text)]
    return tuple(dict.fromkeys(u for u in found if u and not u.startswith("#")))


def read_with_front_matter(text: str, source: str, default_zone: str, fmt: str) -> Draft:
    meta, body, first = front_matter_of(text, source, default_zone)
    links = urls_in(body)
    title = meta.title
    if title is None and fmt == "markdown":
        m = _HEADING.search(body) or _SETEXT.search(body)
        if m:
            title = m.group(1).strip()
    if title is None:
        first_line = next((ln.strip() for ln in body.splitlines() if ln.strip()
                           and not _NOT_TITLE.match(ln.strip())), None)
        if first_line and len(first_line) <= 200:
            title = first_line.lstrip("# ").strip()
    return Draft(source=source, text=body, format=fmt, meta=meta, title=title, links=links,
                 body_line=first)


def _md_link(m: re.Match[str]) -> str:
    bang, label, url = m.group(1), m.group(2).strip(), m.group(3)
    if bang:
        return f"[Image: {label}] ({url})" if label else f"[Image] ({url})"
    if not label or label == url:
        return url
    return f"{label} ({url})"


class MarkdownReader(Reader):
    """Markdown with YAML (---) or TOML (+++) front matter."""

    name: ClassVar[str] = "markdown"
    suffixes: ClassVar[tuple[str, ...]] = (".md", ".markdown", ".mdown", ".mkd", ".mdx")

    def read(self, text: str, source: str, default_zone: str) -> Draft:
        d = read_with_front_matter(text, source, default_zone, "markdown")
        # Keep link text, drop Markdown link syntax, so sentences read naturally; keep the
        # same number of lines so that line numbers still point into the file.
        body = _MD_LINK.sub(_md_link, d.text)
        body = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", body)
        return replace(d, text=body)


class TextReader(Reader):
    """Plain text, with optional front matter."""

    name: ClassVar[str] = "text"
    suffixes: ClassVar[tuple[str, ...]] = (".txt", ".text", "")

    def read(self, text: str, source: str, default_zone: str) -> Draft:
        return read_with_front_matter(text, source, default_zone, "text")
