"""Find the line of a key in TOML source text.

``tomllib`` gives no positions, so (as Vale does for its rules) the line of a key is found by
reading the text: tables, arrays of tables (with their index), dotted keys and keys inside
inline tables are all recorded.  Good enough to point a person at the right line.
"""

from __future__ import annotations

import re

Path = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_BARE = r"""(?:[A-Za-z0-9_\-]+|"[^"]*"|'[^']*')"""
_KEY = re.compile(rf"^\s*({_BARE}(?:\s*\.\s*{_BARE})*)\s*=")
_INLINE_KEY = re.compile(r'[{,]\s*([A-Za-z0-9_\-]+|"[^"]*")\s*=')


def _split_key(raw: str) -> list[str]:
    parts = re.findall(r'"[^"]*"|\'[^\']*\'|[A-Za-z0-9_\-]+', raw)
    return [p.strip("\"'") for p in parts]


class KeyLines:
    """Index of ``path -> line`` (1-based) for one TOML text."""

    def __init__(self, text: str) -> None:
        self.lines: dict[Path, int] = {}
        counters: dict[tuple[str, ...], int] = {}
        current: Path = ()
        in_multiline: str | None = None
        depth = 0
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline:
                if in_multiline in line:
                    in_multiline = None
                continue
            if depth > 0:
                depth += line.count("[") + line.count("{") - line.count("]") - line.count("}")
                self._inline(current, line, number, None)
                continue
            h = _HEADER.match(line)
            if h and not _KEY.match(line):
                names = _split_key(h.group(2))
                if h.group(1) == "[[":
                    idx = counters.get(tuple(names), 0)
                    counters[tuple(names)] = idx + 1
                    current = (*names, idx)
                else:
                    current = tuple(names)
                self.lines.setdefault(current, number)
                continue
            k = _KEY.match(line)
            if k:
                path = (*current, *_split_key(k.group(1)))
                self.lines.setdefault(path, number)
                rest = line[k.end():]
                for quote in ('"""', "'''"):
                    if rest.count(quote) == 1:
                        in_multiline = quote
                depth = rest.count("[") + rest.count("{") - rest.count("]") - rest.count("}")
                self._inline(path, rest, number, None)

    def _inline(self, path: Path, text: str, number: int, _: None) -> None:
        for m in _INLINE_KEY.finditer(text):
            self.lines.setdefault((*path, m.group(1).strip('"')), number)

    def line_of(self, path: Path | str) -> int | None:
        """The line of ``path`` or of its nearest recorded ancestor."""
        if isinstance(path, str):
            path = parse_path(path)
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return None


def parse_path(dotted: str) -> Path:
    """``"rules[2].lift.at"`` → ``("rules", 2, "lift", "at")``."""
    out: list[str | int] = []
    for part in dotted.split("."):
        m = re.match(r"^([^\[]+)((?:\[\d+\])*)$", part)
        if not m:
            out.append(part)
            continue
        out.append(m.group(1))
        out.extend(int(i) for i in re.findall(r"\[(\d+)\]", m.group(2)))
    return tuple(out)
