"""Sentence splitting that keeps abbreviations, decimals and quotes together."""

from __future__ import annotations

import re

_ABBREV = {"dr", "mr", "mrs", "ms", "prof", "vs", "e.g", "i.e", "et al", "fig", "no", "st",
           "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
           "sept", "oct", "nov", "dec", "approx", "u.s", "ph.d", "m.d", "p"}
_SPLIT = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    """Split text into sentences; paragraphs and list items always break."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*•]|\d+\.)\s)|\n(?=#)", text):
        block = " ".join(block.split())
        if not block:
            continue
        start = 0
        for m in _SPLIT.finditer(block):
            candidate = block[start:m.start()].strip()
            last_word = re.findall(r"([A-Za-z.]+)[.!?]?[\"'”’)\]]*$", candidate)
            if last_word and last_word[-1].rstrip(".").lower() in _ABBREV:
                continue
            if candidate:
                out.append(candidate)
            start = m.end()
        tail = block[start:].strip()
        if tail:
            out.append(tail)
    return out
