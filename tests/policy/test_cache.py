"""The cache of parsed policy files: a shortcut that never changes what is loaded."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import embargo.policy.cache as cache
import embargo.policy.loader as loader
from embargo.errors import InputError
from embargo.policy import PolicySet, read_policy_file
from embargo.policy.loader import bundled_dir


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EMBARGO_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "policies"


@pytest.fixture()
def policy_file(tmp_path: Path) -> Path:
    b = bundled_dir()
    assert b is not None
    d = tmp_path / "pol"
    d.mkdir()
    return Path(shutil.copy(b / "acr-2024.toml", d / "acr-2024.toml"))


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The paths parsed from now on (the parser still runs)."""
    calls: list[str | None] = []
    real = loader.load_policy_text
    monkeypatch.setattr(loader, "load_policy_text",
                        lambda text, path=None: calls.append(path) or real(text, path))
    return calls


def _no_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str, path: str | None = None) -> None:
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(loader, "load_policy_text", refuse)


def test_a_cached_policy_is_the_policy_parsed(folder: Path, policy_file: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    first = read_policy_file(policy_file)
    assert len(list(folder.glob("*.pickle"))) == 1
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    _no_parse(monkeypatch)
    again = read_policy_file(policy_file)
    assert again == first and again is not first
    assert list(again.examples) == list(first.examples)
    assert again.parse_warnings == first.parse_warnings


def test_the_bundled_set_loads_the_same_from_the_cache(folder: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = PolicySet.load()
    _no_parse(monkeypatch)
    cached = PolicySet.load()
    assert cached.ids() == fresh.ids()
    assert all(p == q for p, q in zip(cached, fresh, strict=True))


def test_an_edited_file_is_parsed_again(folder: Path, policy_file: Path) -> None:
    read_policy_file(policy_file)
    text = policy_file.read_text(encoding="utf-8")
    st = policy_file.stat()
    policy_file.write_text(text.replace("ACR Convergence 2024", "ACR Convergence 2O24"),
                           encoding="utf-8")
    os.utime(policy_file, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same time stamp
    assert read_policy_file(policy_file).meeting.name == "ACR Convergence 2O24"


def test_a_changed_code_fingerprint_parses_again(folder: Path, policy_file: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    read_policy_file(policy_file)
    monkeypatch.setattr(cache, "_fingerprint", "other code")
    calls = _count_parses(monkeypatch)
    read_policy_file(policy_file)
    assert calls == [str(policy_file)]


@pytest.mark.parametrize("junk", [b"", b"not a pickle", b"\x80\x05K\x01.", None])
def test_a_broken_entry_is_ignored_and_rewritten(folder: Path, policy_file: Path,
                                                 junk: bytes | None) -> None:
    good = read_policy_file(policy_file)
    (entry,) = folder.glob("*.pickle")
    if junk is None:  # a whole pickle, of something else
        other = read_policy_file(Path(str(bundled_dir())) / "asco-2024.toml")
        junk = next(p for p in folder.glob("*.pickle") if p != entry).read_bytes()
        assert other.id == "asco-2024"
    entry.write_bytes(junk)
    assert read_policy_file(policy_file) == good
    assert read_policy_file(policy_file) == good
    assert entry.read_bytes() != junk


def test_a_read_only_cache_folder_is_fine(folder: Path, policy_file: Path) -> None:
    folder.mkdir(parents=True, mode=0o700)
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who may write anywhere")
        assert read_policy_file(policy_file).id == "acr-2024"
        assert not list(folder.iterdir())
    finally:
        folder.chmod(0o700)


def test_a_cache_folder_that_cannot_be_made_is_fine(tmp_path: Path, policy_file: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    monkeypatch.setenv("EMBARGO_CACHE_DIR", str(tmp_path / "file"))
    assert read_policy_file(policy_file).id == "acr-2024"


def test_a_folder_others_may_write_is_neither_read_nor_written(
        folder: Path, policy_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder.mkdir(parents=True, mode=0o700)
    folder.chmod(0o777)
    read_policy_file(policy_file)
    assert not list(folder.iterdir())
    folder.chmod(0o700)
    read_policy_file(policy_file)
    folder.chmod(0o770)
    calls = _count_parses(monkeypatch)
    read_policy_file(policy_file)
    assert calls == [str(policy_file)]


@pytest.mark.parametrize("value", ["off", "", "OFF "])
def test_the_cache_can_be_turned_off(tmp_path: Path, policy_file: Path, value: str,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EMBARGO_CACHE_DIR", value)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() is None
    read_policy_file(policy_file)
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "home").exists()


def test_the_default_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EMBARGO_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "embargo" / "policies"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")  # not absolute: ignored, as XDG says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "embargo" / "policies"


def test_errors_are_never_cached(folder: Path, policy_file: Path) -> None:
    text = policy_file.read_text(encoding="utf-8")
    policy_file.write_text(text.replace('zone = ', 'zone_ = ', 1), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InputError):
            read_policy_file(policy_file)
    assert not folder.exists() or not list(folder.glob("*.pickle"))
