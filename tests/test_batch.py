"""embargo.batch: many drafts judged in worker processes, answers in order."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from embargo.api import Embargo
from embargo.batch import SessionRecipe, pool_context
from embargo.config import Config
from tests.conftest import EXAMPLES


def _drafts(tmp_path: Path) -> list[str]:
    files = sorted(str(p) for p in (EXAMPLES / "drafts").glob("*.md"))
    bad = tmp_path / "empty.md"
    bad.write_text("", encoding="utf-8")
    return [*files[:3], str(bad), *files[3:]]


def test_a_threaded_host_gets_forkserver_workers_with_the_same_answers(
        catalog_path: Path, tmp_path: Path) -> None:
    files = _drafts(tmp_path)
    stop = threading.Event()
    t = threading.Thread(target=stop.wait, daemon=True)
    t.start()  # a host application's thread: forking now could copy a held lock
    try:
        assert pool_context().get_start_method() in ("forkserver", "spawn")
        with Embargo.open(Config(timezone="Europe/Berlin"), catalog=catalog_path) as emb:
            recipe = SessionRecipe.of(emb)
            assert recipe.policy_files is not None
            assert len(recipe.policy_files) == len(emb.policies)
            one = list(emb.check_paths(files, jobs=1, at="2024-11-14T14:00:00Z"))
            two = list(emb.check_paths(files, jobs=2, at="2024-11-14T14:00:00Z"))
    finally:
        stop.set()
        t.join()
    assert [c.path for c in two] == files
    assert two == one
    assert [c.ok for c in two].count(False) == 1
    assert two[3].error is not None and "empty.md" in two[3].error


def test_single_threaded_process_forks() -> None:
    assert threading.active_count() > 1 or pool_context().get_start_method() == "fork"


def test_a_worker_without_its_session_fails_the_batch_loudly(
        catalog_path: Path, tmp_path: Path) -> None:
    from embargo.batch import check_paths

    files = _drafts(tmp_path)
    with Embargo.open(Config(), catalog=catalog_path) as emb:
        recipe = SessionRecipe(Config(catalog=tmp_path / "gone.db"))
        with pytest.raises(RuntimeError, match="could not open its checking session"):
            list(check_paths(emb, files, jobs=2, recipe=recipe))


def test_owner_alive_sees_a_dead_or_zombie_process() -> None:
    import os
    import subprocess
    import sys

    from embargo.batch import owner_alive

    assert owner_alive(os.getpid())
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    while True:  # not reaped yet: a zombie once it has ended
        try:
            with open(f"/proc/{p.pid}/stat") as fh:
                if fh.read().rsplit(")", 1)[-1].split()[0] == "Z":
                    break
        except OSError:
            break
    assert not owner_alive(p.pid)
    p.wait()
    assert not owner_alive(p.pid)


def test_workers_are_replaced_in_segments_answers_unchanged(
        catalog_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import embargo.batch as batch

    files = _drafts(tmp_path) * 3
    opened: list[int] = []
    real = batch._open_pool

    def counting(*a: Any, **k: Any) -> Any:
        opened.append(1)
        return real(*a, **k)

    monkeypatch.setattr(batch, "RECYCLE_AFTER", 2)
    monkeypatch.setattr(batch, "_open_pool", counting)
    with Embargo.open(Config(), catalog=catalog_path) as emb:
        one = list(emb.check_paths(files, jobs=1, at="2024-11-14T14:00:00Z"))
        two = list(emb.check_paths(files, jobs=2, at="2024-11-14T14:00:00Z"))
    assert two == one and len(two) == len(files)
    assert len(opened) == 6  # 24 drafts, 4 a segment (2 workers x 2)
