"""Front matter: YAML between ``---`` lines or TOML between ``+++`` lines."""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from typing import Any

from embargo.content.draft import FrontMatter
from embargo.errors import InputError
from embargo.model import Kind
from embargo.patterns import compile as re_compile
from embargo.timeparse import ParsedTime, parse_when

KEYS = ("title", "kind", "publish_at", "meeting", "abstracts", "source")
_ABSTRACT_ID = re_compile(r"^[a-z0-9][a-z0-9\-]*[a-z0-9]:[A-Za-z0-9][A-Za-z0-9.\-]*$")


def split_front_matter(text: str) -> tuple[str | None, str | None, str, int]:
    """Return (syntax, block, body, body_first_line).  syntax is 'yaml', 'toml' or None."""
    stripped = text.lstrip("\ufeff")
    for fence, syntax in (("---", "yaml"), ("+++", "toml")):
        if re.match(rf"^{re.escape(fence)}[ \t]*\r?\n", stripped):
            lines = stripped.splitlines(keepends=True)
            closers = (fence, "...") if syntax == "yaml" else (fence,)
            for i in range(1, len(lines)):
                if lines[i].rstrip() in closers:
                    return syntax, "".join(lines[1:i]), "".join(lines[i + 1:]), i + 2
            raise InputError(f"front matter opened with '{fence}' on line 1 is never closed",
                             line=1)
    return None, None, text, 1


# The YAML most front matter is: one ``key: value`` a line, the value a quoted string or one
# plain word (``kind: press-release``).  Such a block is read without PyYAML (~15 ms to import
# and start), exactly as PyYAML reads it; anything else (lists, comments, escapes, numbers,
# dates, words YAML reads as booleans or null, a key twice...) goes to PyYAML.
_SIMPLE_YAML_LINE = re_compile(
    r"([A-Za-z_][A-Za-z0-9_]*):[ ]+(?:\"([^\"\\]*)\"|'([^']*)'|([A-Za-z][A-Za-z0-9_\-]*))[ ]*")
# What PyYAML refuses in a document, and the plain words it resolves to booleans or null.
# (compiled once for many runs: its class, up to U+10FFFF, takes Python's compiler ~7 ms)
_YAML_NON_PRINTABLE = re_compile(
    "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]")
_YAML_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null"})


def simple_yaml(block: str) -> dict[str, str] | None:
    """``block`` read as PyYAML's ``safe_load`` reads it, when it is one ``key: value`` a line
    with a quoted or one-word value; else None (the caller uses PyYAML)."""
    if _YAML_NON_PRINTABLE.search(block) or "\ufeff" in block:
        return None
    out: dict[str, str] = {}
    for line in block.split("\n"):
        if not line:
            continue
        m = _SIMPLE_YAML_LINE.fullmatch(line)
        if m is None:
            return None
        key, dq, sq, plain = m.groups()
        if key in out or key.lower() in _YAML_WORDS or (
                plain is not None and plain.lower() in _YAML_WORDS):
            return None
        out[key] = dq if dq is not None else sq if sq is not None else plain
    return out or None


def parse_front_matter(syntax: str, block: str, default_zone: str) -> FrontMatter:
    data: Any
    if syntax == "yaml" and (simple := simple_yaml(block)) is not None:
        data = simple
    elif syntax == "yaml":
        import yaml  # ~15 ms to import: only for a YAML block that needs it

        try:
            data = yaml.safe_load(block) if block.strip() else {}
        except yaml.YAMLError as e:
            line = None
            mark = getattr(e, "problem_mark", None)
            if mark is not None:
                line = mark.line + 2
            problem = getattr(e, "problem", None) or str(e).splitlines()[0]
            raise InputError(f"front matter is not valid YAML: {problem}", line=line) from None
    else:
        try:
            data = tomllib.loads(block)
        except tomllib.TOMLDecodeError as e:
            m = re.search(r"at line (\d+)", str(e))
            raise InputError(f"front matter is not valid TOML: {str(e).split(' (at')[0]}",
                             line=int(m.group(1)) + 1 if m else None) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError("front matter must be a table of keys", line=2)

    def line_of(key: str) -> int | None:
        for i, ln in enumerate(block.splitlines(), start=2):
            if re.match(rf"^\s*{re.escape(key)}\s*[:=]", ln):
                return i
        return None

    def bad(key: str, msg: str) -> InputError:
        return InputError(msg, line=line_of(key), key=key)

    ignored: list[str] = []
    for key in data:
        if key in KEYS or key == "date":
            continue
        import difflib

        close = difflib.get_close_matches(str(key), KEYS, n=1, cutoff=0.75)
        if close:
            raise bad(str(key), f"unknown front matter key {key!r}: did you mean {close[0]!r}?")
        ignored.append(str(key))

    title = data.get("title")
    if title is not None and not isinstance(title, str | int | float):
        raise bad("title", "must be text")
    kind = None
    if data.get("kind") is not None:
        try:
            kind = Kind(str(data["kind"]).strip().lower())
        except ValueError:
            raise bad("kind", f"unknown kind {data['kind']!r}; use one of "
                      f"{', '.join(k.value for k in Kind)}") from None
    publish_at: ParsedTime | None = None
    pkey = None
    for key in ("publish_at", "date"):
        if data.get(key) is not None:
            publish_at = _when(data[key], default_zone, key, bad)
            pkey = key
            break
    meeting = data.get("meeting")
    if meeting is not None:
        meeting = str(meeting).strip()
        if not re.match(r"^[a-z0-9][a-z0-9\-]*[a-z0-9]$", meeting):
            raise bad("meeting", f"{meeting!r} is not a meeting id such as 'acr-2024'")
    abstracts_raw = data.get("abstracts")
    abstracts: tuple[str, ...] = ()
    if abstracts_raw is not None:
        items = [abstracts_raw] if isinstance(abstracts_raw, str | int) else abstracts_raw
        if not isinstance(items, list):
            raise bad("abstracts", "must be a list of abstract ids such as 'acr-2024:1709'")
        out = []
        for v in items:
            s = str(v).strip()
            if ":" not in s and meeting:
                s = f"{meeting}:{s}"
            if not _ABSTRACT_ID.match(s):
                raise bad("abstracts", f"{v!r} is not an abstract id such as 'acr-2024:1709'")
            out.append(s)
        abstracts = tuple(out)
    source = data.get("source")
    if source is not None:
        source = str(source)
    return FrontMatter(
        title=str(title) if title is not None else None, kind=kind, publish_at=publish_at,
        publish_at_key=pkey, meeting=meeting, abstracts=abstracts, source=source,
        ignored_keys=tuple(ignored),
    )


def _when(value: Any, zone: str, key: str, bad: Any) -> ParsedTime:
    if isinstance(value, datetime):
        text = value.isoformat()
    elif isinstance(value, date):
        raise bad(key, f"{value} has a date but no time: write e.g. '{value} 10:00 ET'")
    else:
        text = str(value)
    try:
        return parse_when(text, zone)
    except InputError as e:
        raise bad(key, e.message) from None
