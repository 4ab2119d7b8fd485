"""Importing into a catalogue file that does not exist yet: it is built aside and moved into
place complete (a WAL file like any other); a refused import leaves no file; a catalogue made
meanwhile by another import is imported into, never replaced."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from embargo.catalog import Catalog, import_paths
from embargo.catalog.importing import import_new
from tests.conftest import EXAMPLES


def _lines(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def test_a_new_catalogue_is_built_aside_and_moved_into_place(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "cats"
    folder.mkdir()
    db = folder / "new.db"
    r = cli("abstracts", "import", EXAMPLES / "catalog.jsonl", "--catalog", db, "--quiet")
    assert r.code == 0, r.err
    n = _lines(EXAMPLES / "catalog.jsonl")
    assert f"catalogue {db} holds {n:,}" in r.out
    assert sorted(p.name for p in folder.iterdir()) == ["new.db"]  # nothing left aside
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Catalog(db, readonly=True) as cat:
        assert cat.count() == n
        assert cat.search("zelorimab")  # the full-text index was built
        assert cat.link_size() == n  # and the linking index


def test_the_same_rows_as_an_import_into_an_existing_file(tmp_path: Path) -> None:
    aside = tmp_path / "aside.db"
    assert import_new(aside, [EXAMPLES / "catalog.jsonl"]) is not None
    inplace = tmp_path / "inplace.db"
    with Catalog(inplace) as cat:
        import_paths(cat, [EXAMPLES / "catalog.jsonl"])
    cols = "id, title, body, authors, keywords, session, online_at, trial_ids, events, lifts"
    with Catalog(aside, readonly=True) as a, Catalog(inplace, readonly=True) as b:
        for q in (f"SELECT rowid, {cols} FROM abstracts ORDER BY rowid",
                  "SELECT * FROM abstract_trials ORDER BY 1, 2",
                  "SELECT * FROM link_terms ORDER BY 1"):
            assert a.conn.execute(q).fetchall() == b.conn.execute(q).fetchall()
        assert [x.id for x, _ in a.search("placebo")] == [x.id for x, _ in b.search("placebo")]
        # The building's full-text setting is not kept: the configuration is the same.
        q = "SELECT * FROM abstracts_fts_config ORDER BY 1"
        assert a.conn.execute(q).fetchall() == b.conn.execute(q).fetchall()
        for x in (a, b):
            x.conn.execute("INSERT INTO abstracts_fts(abstracts_fts, rank) "
                           "VALUES ('integrity-check', 1)")


def test_a_refused_import_leaves_no_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "bad.jsonl"
    src.write_text(json.dumps({"meeting": "acr-2024", "number": "1", "title": "ok"}) + "\n"
                   + json.dumps({"meeting": "acr-2024", "title": "no number"}) + "\n",
                   encoding="utf-8")
    folder = tmp_path / "cats"
    folder.mkdir()
    r = cli("abstracts", "import", src, "--catalog", folder / "new.db")
    assert r.code == 2 and f"{src}:2" in r.err
    assert list(folder.iterdir()) == []


def test_a_catalogue_made_meanwhile_is_imported_into(cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "new.db"
    src = tmp_path / "one.jsonl"
    src.write_text(json.dumps({"meeting": "acr-2024", "number": "X1", "title": "Other"}) + "\n",
                   encoding="utf-8")
    finish = Catalog.finish_building

    def another_import_first(self: Catalog) -> None:
        with Catalog(db) as other:  # another process's import lands first
            import_paths(other, [src])
        finish(self)

    monkeypatch.setattr(Catalog, "finish_building", another_import_first)
    r = cli("abstracts", "import", EXAMPLES / "catalog.jsonl", "--catalog", db, "--quiet")
    assert r.code == 0, r.err
    n = _lines(EXAMPLES / "catalog.jsonl")
    with Catalog(db, readonly=True) as cat:
        assert cat.count() == n + 1  # neither import lost
        assert cat.get("acr-2024:X1") is not None
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
