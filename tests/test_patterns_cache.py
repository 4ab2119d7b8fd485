"""Patterns built from the cache of compiled patterns are the patterns ``re`` compiles."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import embargo.patterns as patterns

SAMPLES = [(r"\bfoo\b", re.IGNORECASE), (r"(?P<a>\d+)-(?P<b>\d+)?", 0),
           (r"(?i:x)|[^\W\d]+\s*(?=y)", re.MULTILINE), ("“quoted”|é", 0),
           (r"(?<![\w#])(?:acr convergence|the liver meeting)(?![\w])", 0)]


@pytest.fixture()
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A process state with no table loaded, caching into ``tmp_path``."""
    monkeypatch.setenv("EMBARGO_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(patterns, "_table", None)
    monkeypatch.setattr(patterns, "_new", {})
    monkeypatch.setattr(patterns, "_new_literals", {})
    monkeypatch.setattr(patterns, "_run_literals", {})
    monkeypatch.setattr(patterns, "_used", set())
    monkeypatch.setattr(patterns, "_saving", True)  # no atexit: the test saves
    yield tmp_path / "patterns"


def _again(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a new process: the table read from the file at the next compile."""
    monkeypatch.setattr(patterns, "_table", None)
    monkeypatch.setattr(patterns, "_run_literals", {})


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert a == b  # same pattern, flags and matcher code
    assert (a.groups, a.groupindex, a.flags) == (b.groups, b.groupindex, b.flags)


needs_engine = pytest.mark.skipif(patterns._engine() is None,
                                  reason="this Python builds patterns otherwise")


@needs_engine
def test_built_from_the_cache_is_compiled_by_re(fresh: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    first = [patterns.compile(p, f) for p, f in SAMPLES]
    patterns._save()
    assert len(list(fresh.iterdir())) == 1
    _again(monkeypatch)
    assert len(patterns._load()) == len(SAMPLES)
    calls: list[str] = []
    real = re.compile
    monkeypatch.setattr(patterns.re, "compile",
                        lambda p, f=0: calls.append(p) or real(p, f))  # type: ignore[func-returns-value]
    again = [patterns.compile(p, f) for p, f in SAMPLES]
    assert not calls  # none compiled
    for (p, f), a, b in zip(SAMPLES, first, again, strict=True):
        _same(a, real(p, f))
        _same(b, real(p, f))
    m = again[1].fullmatch("12-")
    assert m is not None and m.groupdict() == {"a": "12", "b": None}


@needs_engine
def test_every_cached_pattern_of_a_check_is_what_re_compiles(tmp_path: Path) -> None:
    from tests.conftest import EXAMPLES

    env_dir = tmp_path / "c"
    cmd = [sys.executable, "-m", "embargo", "check", str(EXAMPLES / "drafts"), "--no-catalog",
           "--format", "json", "--jobs", "1", "--at", "2024-11-14T15:00:00Z"]
    import os

    env = {**os.environ, "EMBARGO_CACHE_DIR": str(env_dir)}
    one = subprocess.run(cmd, capture_output=True, text=True, env=env)
    two = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert one.stdout == two.stdout and one.returncode == two.returncode
    assert '"verdict"' in one.stdout
    assert len(list((env_dir / "patterns").iterdir())) == 1
    out = subprocess.run([sys.executable, "-c", f"""
import os, re
os.environ["EMBARGO_CACHE_DIR"] = {str(env_dir)!r}
import embargo.patterns as p
table = p._load()
assert len(table) > 100, len(table)
for (pattern, flags), raw in table.items():
    entry = p._entry(raw)  # each entry is kept marshalled on its own
    if flags & p._LITERALS:  # what a large alternation's branches require
        assert entry == p._required_literals(pattern, flags & ~p._LITERALS), pattern
        continue
    assert p._engine().compile(pattern, *entry) == re.compile(pattern, flags), pattern
print("ok", len(table))
"""], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("ok")


@needs_engine
@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "other python", "junk"])
def test_a_damaged_or_foreign_file_is_ignored(fresh: Path, monkeypatch: pytest.MonkeyPatch,
                                              damage: str) -> None:
    import marshal

    for p, f in SAMPLES:
        patterns.compile(p, f)
    patterns._save()
    (path,) = fresh.iterdir()
    raw = path.read_bytes()
    if damage == "flip":  # inside the payload: the checksum no longer fits
        raw = raw[:-40] + bytes([raw[-40] ^ 1]) + raw[-39:]
    elif damage == "truncate":
        raw = raw[: len(raw) // 2]
    elif damage == "empty":
        raw = b""
    elif damage == "other python":
        header, crc, payload = marshal.loads(raw)
        raw = marshal.dumps(((*header[:1], "2.7.18", *header[2:]), crc, payload))
    else:
        raw = marshal.dumps(("not", "a", "table"))
    path.write_bytes(raw)
    _again(monkeypatch)
    assert patterns._load() == {}
    for p, f in SAMPLES:
        _same(patterns.compile(p, f), re.compile(p, f))


def test_turned_off_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EMBARGO_CACHE_DIR", "off")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(patterns, "_table", None)
    monkeypatch.setattr(patterns, "_new", {})
    _same(patterns.compile(r"\bbar\b"), re.compile(r"\bbar\b"))
    patterns._save()
    assert not list(tmp_path.iterdir())


def test_a_lazy_pattern_is_the_compiled_pattern() -> None:
    lz = patterns.lazy(r"\b(\d+) mg\b", re.IGNORECASE)
    assert lz.compiled == re.compile(r"\b(\d+) mg\b", re.IGNORECASE)
    m = lz.search("took 15 MG daily")
    assert m is not None and m.group(1) == "15"


@needs_engine
def test_required_literals_are_kept_for_the_next_run(fresh: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    sources = [(r"\bnew cases\b|\bprevalence\b", re.IGNORECASE), (r"[a-z]+\d", 0)]
    first = [patterns.required_literals(p, f) for p, f in sources]
    assert first == [("new cases", "prevalence"), None]
    patterns._save()
    _again(monkeypatch)
    # The next run answers from the file, without reading re's parse again.
    monkeypatch.setattr(patterns, "_required_literals",
                        lambda p, f: pytest.fail("parsed again"))
    assert [patterns.required_literals(p, f) for p, f in sources] == first
    # A compiled pattern of the same source and flags is not mistaken for its literals.
    assert patterns.compile(sources[0][0], sources[0][1]).search("New cases rose")


def test_required_literals_are_parsed_once_a_run_without_the_file(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # A Python whose patterns cannot be kept in the file still reads each pattern's parse
    # once: the kind markers ask about every text.
    monkeypatch.setattr(patterns, "_run_literals", {})
    monkeypatch.setattr(patterns, "_engine", lambda: None)
    monkeypatch.setattr(patterns, "_table", {})
    calls: list[str] = []
    real = patterns._required_literals
    monkeypatch.setattr(patterns, "_required_literals",
                        lambda p, f: calls.append(p) or real(p, f))
    for _ in range(3):
        assert patterns.required_literals(r"\bfor immediate release\b", re.I) == (
            "for immediate release",)
    assert calls == [r"\bfor immediate release\b"]


@needs_engine
def test_only_the_entries_a_run_compiles_are_read(fresh: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    for p, f in SAMPLES:
        patterns.compile(p, f)
    patterns._save()
    _again(monkeypatch)
    read: list[object] = []
    real = patterns._entry
    monkeypatch.setattr(patterns, "_entry", lambda raw: read.append(raw) or real(raw))
    _same(patterns.compile(*SAMPLES[2]), re.compile(*SAMPLES[2]))
    assert len(read) == 1 and len(patterns._loaded()) == len(SAMPLES)
