"""Find where a sentence sits in a file, for line numbers in reports (SARIF, editors)."""

from __future__ import annotations

import html
import re

from embargo.patterns import compile as re_compile

_SPACE = re_compile(r"\s+")
_MARKUP = re_compile(r"<[^>]+>|[*_`>#]+|\[|\]\([^)]*\)")


def _normalised(text: str) -> tuple[str, list[int]]:
    """Whitespace-collapsed, markup-stripped text and, per character, its line number."""
    out: list[str] = []
    lines: list[int] = []
    line = 1
    last_space = True
    for m in re.finditer(r"<[^>]+>|&[#\w]+;|\n|\s|.", text, re.DOTALL):
        tok = m.group(0)
        if tok == "\n":
            line += 1
            tok = " "
        elif tok.startswith("<") and tok.endswith(">"):
            line += tok.count("\n")
            tok = " "
        elif tok.startswith("&") and tok.endswith(";"):
            tok = html.unescape(tok)
        for ch in tok:
            if ch.isspace() or ch in "*_`#>[]":
                if last_space:
                    continue
                ch = " "
                last_space = True
            else:
                last_space = False
            out.append(ch.lower())
            lines.append(line)
    return "".join(out), lines


def locate_line(text: str, sentence: str) -> int | None:
    """The 1-based line of ``text`` where ``sentence`` starts, or None if it is not found.

    Whitespace, Markdown emphasis and HTML tags are ignored, so a sentence that a reader
    joined from several lines or pulled out of markup is still found.
    """
    hay, lines = _normalised(text)
    needle = _SPACE.sub(" ", _MARKUP.sub(" ", sentence)).strip().lower()
    needle = re.sub(r"[*_`#>\[\]]", "", needle)
    needle = _SPACE.sub(" ", needle).strip()
    if not needle:
        return None
    for length in (len(needle), 80, 40, 20):
        probe = needle[:length].strip()
        if len(probe) < 8 and length != len(needle):
            continue
        i = hay.find(probe)
        if i >= 0:
            return lines[i]
    return None
