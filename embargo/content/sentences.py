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


#: A sentence's last word: ``re.findall(LAST_WORD, text)`` holds it, or nothing.
LAST_WORD = r"([A-Za-z.]+)[.!?]?[\"'”’)\]]*$"
_CLOSERS = "\"'”’)]"
_WORD_BACKWARDS = re_compile(r"[A-Za-z.]+")


def last_word(text: str) -> str | None:
    """The last word of ``text`` as ``LAST_WORD`` reads it (a run of letters and dots, then
    at most one of ".!?", then closing quotes and brackets, at the end, or before a final
    newline), or None; read from the end instead of searched for from the start.

    (The pattern has one match at most: every match ends where ``$`` does, and a newline is
    in none of its classes.  Its closers are the whole run of them at the end; before them
    "!" or "?" is the stop, and the word the run of letters and dots before that; else the
    word is the run ending at the closers, a final "." included, as the greedy run takes it.)
    """
    t = text[:-1] if text.endswith("\n") else text
    end = len(t.rstrip(_CLOSERS))
    if end and t[end - 1] in "!?":
        end -= 1
    if not end:
        return None
    m = _WORD_BACKWARDS.match(t[end - 1::-1])
    return t[end - m.end():end] if m else None


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
        word = last_word(candidate)
        if word and word.rstrip(".").lower() in _ABBREV:
            continue
        if word and re.fullmatch(r"(?:[A-Z]\.)+", word) and len(word) <= 4:
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
