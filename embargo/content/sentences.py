"""Sentence splitting that keeps abbreviations, decimals and quotes together."""

from __future__ import annotations

import re

from embargo.patterns import compile as re_compile

_ABBREV = {"dr", "mr", "mrs", "ms", "prof", "vs", "e.g", "i.e", "et al", "al", "fig", "no",
           "st", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
           "sep", "sept", "oct", "nov", "dec", "approx", "u.s", "ph.d", "m.d", "p", "dept",
           "univ", "gov", "sen", "rep", "gen", "col", "lt", "jr", "sr", "mt", "ft", "vol",
           "ref", "refs", "eds", "ed", "cf", "ca", "a.m", "p.m", "d.c", "u.k", "e.u", "calif",
           "mass", "wash", "penn", "pa", "fla", "ill", "mich", "minn", "tenn", "ariz", "colo",
           "conn", "md", "n.y", "n.j", "va", "wis", "ore", "okla", "ky", "la", "ga", "ala",
           "mo", "neb", "nev", "del", "vt", "n.c", "s.c", "n.h", "r.i", "w.va", "tex"}
ABBREVIATIONS = frozenset(_ABBREV)
#: A sentence ends at its stop, after any closing quotes or brackets, or after a note marker
#: glued to the stop ("… surgery.1 The trial …"; not a decimal: "version 2.1 The").
_SPLIT = re_compile(r"(?:(?<=[.!?…])[\"'”’)\]]*|(?<=[^\d\s][.!?])\d{1,2}(?:[,–\-]\d{1,2})*)"
                    r"\s+(?=[\"'“‘(\[]?[A-Z0-9#@\U0001F300-\U0001FAFF])")
_BLOCKS = re_compile(r"\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)|\n(?=\s*#{1,6}\s)|\n(?=\s*>)")


def split_blocks(text: str) -> list[str]:
    """Paragraphs, list items and headings, whitespace-collapsed."""
    out = []
    for block in _BLOCKS.split(text):
        block = " ".join(block.split())
        if block:
            out.append(block)
    return out


def split_block(block: str) -> list[str]:
    """The sentences of one whitespace-collapsed block."""
    out: list[str] = []
    start = 0
    for m in _SPLIT.finditer(block):
        candidate = block[start:m.start()].strip()
        last_word = re.findall(r"([A-Za-z.]+)[.!?]?[\"'”’)\]]*$", candidate)
        if last_word and last_word[-1].rstrip(".").lower() in _ABBREV:
            continue
        if last_word and re.fullmatch(r"(?:[A-Z]\.)+", last_word[-1]) and len(
                last_word[-1]) <= 4:
            continue  # initials: "J. Smith", "U.S."
        if candidate:
            out.append(candidate)
        start = m.end()
    tail = block[start:].strip()
    if tail:
        out.append(tail)
    return out


def split_sentences(text: str) -> list[str]:
    """Split text into sentences; paragraphs, list items and headings always break."""
    return [s for block in split_blocks(text) for s in split_block(block)]
