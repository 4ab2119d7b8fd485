"""Saved web pages: the main text, title, links and page metadata."""

from __future__ import annotations

from typing import ClassVar

from embargo.content.draft import Draft, FrontMatter
from embargo.content.htmltext import parse_html
from embargo.content.readers.base import Reader
from embargo.content.readers.text import document_date, front_matter_of


class HtmlReader(Reader):
    """HTML (a saved web page or a fragment); front matter accepted when the file starts with it."""

    name: ClassVar[str] = "html"
    suffixes: ClassVar[tuple[str, ...]] = (".html", ".htm", ".xhtml", ".shtml")

    def read(self, text: str, source: str, default_zone: str) -> Draft:
        meta, body, _ = front_matter_of(text, source, default_zone)
        doc = parse_html(body)
        headers = doc.meta
        if meta.publish_at is None:
            meta = document_date(meta, headers, ("published", "date", "citation_date"),
                                 default_zone)
        title = meta.title or doc.title
        return Draft(source=source, text=doc.text, format=self.name, meta=meta, title=title,
                     links=doc.links, headers=headers)


__all__ = ["FrontMatter", "HtmlReader"]
