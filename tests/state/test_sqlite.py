"""What only the SQLite store does: WAL mode, read-only opening of files, upgrading an old
file.  The behaviour every store shares is in test_contract.py."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from embargo.errors import InputError
from embargo.state import SourceSpec, SqliteState, StateStore, open_state
from embargo.state.sqlite import _SCHEMA as V1_SCHEMA  # the base schema is version 1

T0 = datetime(2024, 11, 14, 14, 0, tzinfo=UTC)


@pytest.fixture()
def state(tmp_path: Path) -> Iterator[SqliteState]:
    s = open_state(tmp_path / "state.db")
    assert isinstance(s, SqliteState)
    yield s
    s.close()


def test_is_a_state_store_in_wal_mode(state: SqliteState, tmp_path: Path) -> None:
    assert isinstance(state, StateStore) and not state.shared
    raw = sqlite3.connect(tmp_path / "state.db")
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()


def test_readonly_open(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        open_state(tmp_path / "missing.db", readonly=True)
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    with pytest.raises(InputError):
        open_state(tmp_path / "junk.db", readonly=True)
    with open_state(tmp_path / "ok.db") as s:
        s.record_poll("f", at=T0, ok=True)
    with open_state(tmp_path / "ok.db", readonly=True) as r:
        assert r.feeds()[0].feed_key == "f"


def test_a_schema_1_file_is_upgraded_and_keeps_its_feeds(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    raw = sqlite3.connect(path)
    raw.executescript(V1_SCHEMA + """; INSERT INTO meta VALUES ('schema_version', '1');
        INSERT INTO feeds (feed_key, etag, polls) VALUES ('feed:x', '"e"', 3);""")
    raw.commit()
    raw.close()
    with open_state(path, readonly=True) as r:  # read-only: read as it is
        assert r.feeds()[0].etag == '"e"' and r.workers() == []
    with open_state(path) as s:
        assert isinstance(s, SqliteState) and s.schema_found == 1
        assert s.get("state.identity")  # made in the upgrade's transaction
        s.sync_sources([SourceSpec("feed:x", timedelta(minutes=5))], T0)
        [f] = s.feeds()
        assert (f.etag, f.polls, f.every) == ('"e"', 3, timedelta(minutes=5))
        assert s.claim_sources("w", ["feed:x"], T0, limit=1, lease_seconds=9) == ["feed:x"]
    with open_state(path) as s:
        assert isinstance(s, SqliteState) and s.schema_found == 2
