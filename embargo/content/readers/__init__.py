"""Reader registry and the one entry point that turns a file or stdin into a Draft."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from embargo.content.draft import Draft
from embargo.content.frontmatter import split_front_matter
from embargo.content.htmltext import looks_like_html
from embargo.content.readers.base import Reader
from embargo.content.readers.eml import EmlReader, looks_like_email
from embargo.content.readers.html import HtmlReader
from embargo.content.readers.text import MarkdownReader, TextReader
from embargo.content.release_time import declared_release
from embargo.errors import InputError

REGISTRY: dict[str, type[Reader]] = {
    cls.name: cls for cls in (MarkdownReader, TextReader, HtmlReader, EmlReader)}

MAX_BYTES = 5 * 1024 * 1024


def reader_for(source: str, fmt: str | None = None, sample: str = "") -> Reader:
    if fmt is not None:
        if fmt not in REGISTRY:
            raise InputError(f"unknown draft format {fmt!r}; use one of "
                             f"{', '.join(sorted(REGISTRY))}")
        return REGISTRY[fmt]()
    suffix = Path(source).suffix.lower() if source != "-" else ""
    if suffix in (".txt", ".text", ""):
        # Plain-text names are often given to pasted pages and saved mails: look inside.
        sniffed = sniff(sample)
        if sniffed != "markdown":
            return REGISTRY[sniffed]()
    for cls in REGISTRY.values():
        if suffix and cls.accepts(suffix):
            return cls()
    sniffed = sniff(sample)
    return REGISTRY.get(sniffed, MarkdownReader)()


def sniff(sample: str) -> str:
    """Guess a format from content (stdin, unknown suffixes): html, eml or markdown.

    Front matter is skipped first, so a YAML/TOML block above an HTML page or an e-mail
    does not hide what follows it.
    """
    body = sample.lstrip("\ufeff")
    if body.startswith(("---", "+++")):
        try:
            _, _, body, _ = split_front_matter(body)
        except InputError:
            return "markdown"  # the reader reports the unclosed block
    if looks_like_email(body):
        return "eml"
    if looks_like_html(body):
        return "html"
    return "markdown"


def decode(raw: bytes, source: str) -> tuple[str, str | None]:
    """Decode draft bytes: UTF-8 (BOM tolerated), else latin-1/cp1252 with a note."""
    if len(raw) > MAX_BYTES:
        raise InputError(f"file is too large to be a draft ({len(raw) / 1048576:.1f} MB; "
                         f"limit {MAX_BYTES // 1048576} MB)", path=source)
    if b"\x00" in raw[:8192]:
        raise InputError("this is a binary file, not a draft (Markdown, text, HTML or e-mail)",
                         path=source)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "read as UTF-16"
        except UnicodeDecodeError:
            raise InputError("cannot decode UTF-16 text", path=source) from None
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "not UTF-8: read as Windows-1252/latin-1"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "not UTF-8: read as latin-1"


def read_draft(raw: bytes, source: str, default_zone: str, fmt: str | None = None) -> Draft:
    text, note = decode(raw, source)
    reader = reader_for(source, fmt, text[:8192])
    d = reader.read(text, source, default_zone)
    key = d.meta.publish_at_key
    if d.meta.publish_at is None or (key and key.startswith("the ")):
        declared = declared_release(d.text, default_zone)
        if declared is not None:
            d = replace(d, meta=replace(d.meta, publish_at=declared,
                                        publish_at_key="the release's own embargo line"))
    if note:
        d = replace(d, encoding_note=note)
    return d


__all__ = ["MAX_BYTES", "REGISTRY", "Reader", "decode", "read_draft", "reader_for", "sniff"]
