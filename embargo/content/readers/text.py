"""Markdown and plain text, with optional front matter."""

from __future__ import annotations

import re
from typing import ClassVar

from embargo.content.draft import Draft, FrontMatter
from embargo.content.frontmatter import parse_front_matter, split_front_matter
from embargo.content.readers.base import Reader
from embargo.errors import InputError

_URL = re.compile(r"https?://[^\s<>()\[\]\"']+")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((https?://[^)\s]+)\)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def read_with_front_matter(text: str, source: str, default_zone: str, fmt: str) -> Draft:
    try:
        syntax, block, body, _ = split_front_matter(text)
        meta = parse_front_matter(syntax, block or "", default_zone) if syntax else FrontMatter()
    except InputError as e:
        raise InputError(e.message, path=source, line=e.line, key=e.key) from None
    links = tuple(dict.fromkeys(u.rstrip(".,;:") for u in _URL.findall(body)))
    title = meta.title
    if title is None and fmt == "markdown":
        m = _HEADING.search(body)
        if m:
            title = m.group(1).strip()
    if title is None:
        first = next((ln.strip() for ln in body.splitlines() if ln.strip()), None)
        if first and len(first) <= 200:
            title = first.lstrip("# ").strip()
    return Draft(source=source, text=body, format=fmt, meta=meta, title=title, links=links)


class MarkdownReader(Reader):
    """Markdown with YAML (---) or TOML (+++) front matter."""

    name: ClassVar[str] = "markdown"
    suffixes: ClassVar[tuple[str, ...]] = (".md", ".markdown", ".mdown", ".mkd")

    def read(self, text: str, source: str, default_zone: str) -> Draft:
        d = read_with_front_matter(text, source, default_zone, "markdown")
        # Keep link text, drop Markdown link syntax, so sentences read naturally.
        return Draft(d.source, _MD_LINK.sub(r"\1 (\2)", d.text), d.format, d.meta, d.title,
                     d.links)


class TextReader(Reader):
    """Plain text, with optional front matter."""

    name: ClassVar[str] = "text"
    suffixes: ClassVar[tuple[str, ...]] = (".txt", ".text", "")

    def read(self, text: str, source: str, default_zone: str) -> Draft:
        return read_with_front_matter(text, source, default_zone, "text")
