"""The catalogue's linking index: built alike inline and on workers, kept on re-import,
upgraded from schema 1, progress on large imports."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from embargo.catalog import Catalog, import_paths
from embargo.catalog.store import SCHEMA_VERSION
from embargo.errors import InputError
from embargo.linking import Linker
from embargo.policy import PolicySet

CASES = Path(__file__).resolve().parents[1] / "cases" / "linking"


def _index(db: Path) -> tuple[list[tuple[str, int, bytes | None]], list[tuple[int, str]]]:
    conn = sqlite3.connect(db)
    terms = conn.execute("SELECT term, df, postings FROM link_terms ORDER BY term").fetchall()
    docs = conn.execute("SELECT abstract_rowid, profile FROM link_docs ORDER BY 1").fetchall()
    conn.close()
    return ([(t, d, bytes(sorted(p)) if p else None) for t, d, p in terms], docs)


def test_workers_build_the_same_index_as_inline(tmp_path: Path) -> None:
    one, two = tmp_path / "inline.db", tmp_path / "workers.db"
    with Catalog(one) as cat:
        import_paths(cat, [CASES / "catalogue.jsonl"], no_workers=True)
    with Catalog(two) as cat:
        # Small batches so the import goes to the worker processes.
        import_paths(cat, [CASES / "catalogue.jsonl"], batch=100)
        assert cat.link_size() == cat.count() == 551
    assert _index(one) == _index(two)
    with Catalog(two) as cat:
        assert cat.search("velmarizumab")[0][0].id == "acr-2024:L07"  # FTS built at the end


def test_reimport_keeps_the_index_current(tmp_path: Path) -> None:
    rec = {"meeting": "acr-2024", "number": "0100", "title": "Quinvoramab in gout",
           "body": "Flares fell to 12.3% from 31.7% in 240 patients."}
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    with Catalog(tmp_path / "c.db") as cat:
        import_paths(cat, [src])
        linker = Linker(cat, PolicySet.load())
        assert [x.abstract.id for x in linker.link("Quinvoramab cut flares to 12.3% from "
                                                   "31.7%.").links] == ["acr-2024:0100"]
        src.write_text(json.dumps({**rec, "title": "Pelvoramab in gout",
                                   "body": "Flares fell to 9.9% from 30.1%."}) + "\n",
                       encoding="utf-8")
        rep = import_paths(cat, [src])
        assert rep.updated == 1 and cat.link_size() == 1
        fresh = Linker(cat, PolicySet.load())
        assert fresh.link("Quinvoramab cut flares to 12.3% from 31.7%.").links == ()
        assert [x.abstract.id for x in fresh.link("Pelvoramab: 9.9% vs 30.1%.").links] == [
            "acr-2024:0100"]
        assert not cat.search("quinvoramab")


def test_schema_1_files_are_upgraded_in_place(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Catalog(db) as cat:
        import_paths(cat, [CASES / "handwritten" / "abstracts.jsonl"])
    conn = sqlite3.connect(db)  # make it look like a file of the first version
    conn.executescript("""
        DROP TABLE link_docs; DROP TABLE link_terms; DELETE FROM meta WHERE key='link_docs';
        UPDATE meta SET value = '1' WHERE key = 'schema';
        CREATE TRIGGER abstracts_ai AFTER INSERT ON abstracts BEGIN
            INSERT INTO abstracts_fts(rowid, title, body, authors, keywords)
            VALUES (new.rowid, new.title, new.body, new.authors, new.keywords);
        END;""")
    conn.commit()
    conn.close()
    with Catalog(db, readonly=True) as cat:
        assert cat.link_size() == cat.count() == 11
        version = cat.conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()[0]
        assert int(version) == SCHEMA_VERSION
        triggers = cat.conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        assert triggers.fetchall() == []
        r = Linker(cat, PolicySet.load()).link("Velmarizumab: flares 12.4% vs 41.9%.")
        assert [x.abstract.id for x in r.links] == ["acr-2024:L07"]


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    Catalog(db).close()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    conn.commit()
    conn.close()
    with pytest.raises(InputError, match="newer embargo"):
        Catalog(db)


def test_progress_on_large_imports(tmp_path: Path) -> None:
    src = tmp_path / "many.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(10_500):
            fh.write(json.dumps({"meeting": "acr-2024", "number": str(i),
                                 "title": f"Study {i} of drug x{i}"}) + "\n")
    seen: list[int] = []
    with Catalog(tmp_path / "c.db") as cat:
        rep = import_paths(cat, [src], progress=seen.append)
        assert rep.inserted == 10_500 and cat.link_size() == 10_500
    assert seen == [2000, 4000, 6000, 8000, 10000]


def test_cli_progress_lines(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "few.jsonl"
    src.write_text("".join(json.dumps({"meeting": "acr-2024", "number": str(i),
                                       "title": f"T {i}"}) + "\n" for i in range(30)),
                   encoding="utf-8")
    r = cli("abstracts", "import", src, "--catalog", tmp_path / "c.db")
    assert r.code == 0 and "imported 30 abstract(s)" in r.out
