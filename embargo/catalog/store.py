"""The abstract catalogue: one SQLite file with an FTS5 index.

Re-importing an abstract (same meeting and number) updates it in place.  Writes happen in one
transaction per import, so a refused import leaves the catalogue as it was.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from embargo.errors import InputError
from embargo.model import Abstract, Session

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS abstracts (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    meeting TEXT NOT NULL,
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    authors TEXT NOT NULL DEFAULT '[]',
    body TEXT NOT NULL DEFAULT '',
    keywords TEXT NOT NULL DEFAULT '[]',
    category TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    session TEXT,
    online_at TEXT,
    url TEXT,
    trial_ids TEXT NOT NULL DEFAULT '[]',
    events TEXT NOT NULL DEFAULT '{}',
    lifts TEXT NOT NULL DEFAULT '{}',
    exceptions TEXT NOT NULL DEFAULT '[]',
    extra TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS abstracts_meeting ON abstracts(meeting);
CREATE TABLE IF NOT EXISTS abstract_trials (
    trial_id TEXT NOT NULL,
    abstract_rowid INTEGER NOT NULL REFERENCES abstracts(rowid) ON DELETE CASCADE,
    PRIMARY KEY (trial_id, abstract_rowid)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS abstracts_fts USING fts5(
    title, body, authors, keywords,
    content='abstracts', content_rowid='rowid',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS abstracts_ai AFTER INSERT ON abstracts BEGIN
    INSERT INTO abstracts_fts(rowid, title, body, authors, keywords)
    VALUES (new.rowid, new.title, new.body, new.authors, new.keywords);
END;
CREATE TRIGGER IF NOT EXISTS abstracts_ad AFTER DELETE ON abstracts BEGIN
    INSERT INTO abstracts_fts(abstracts_fts, rowid, title, body, authors, keywords)
    VALUES ('delete', old.rowid, old.title, old.body, old.authors, old.keywords);
END;
CREATE TRIGGER IF NOT EXISTS abstracts_au AFTER UPDATE ON abstracts BEGIN
    INSERT INTO abstracts_fts(abstracts_fts, rowid, title, body, authors, keywords)
    VALUES ('delete', old.rowid, old.title, old.body, old.authors, old.keywords);
    INSERT INTO abstracts_fts(rowid, title, body, authors, keywords)
    VALUES (new.rowid, new.title, new.body, new.authors, new.keywords);
END;
"""

_COLUMNS = ("id", "meeting", "number", "title", "authors", "body", "keywords", "category",
            "tags", "session", "online_at", "url", "trial_ids", "events", "lifts",
            "exceptions", "extra", "updated_at")


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def abstract_to_row(a: Abstract, now: str) -> tuple[Any, ...]:
    session = None
    if a.session is not None:
        session = json.dumps({
            "title": a.session.title,
            "start": a.session.start.isoformat() if a.session.start else None,
            "end": a.session.end.isoformat() if a.session.end else None,
        })
    return (
        a.id, a.meeting, a.number, a.title, json.dumps(list(a.authors)), a.body,
        json.dumps(list(a.keywords)), a.category, json.dumps(list(a.tags)), session,
        a.online_at.isoformat() if a.online_at else None, a.url, json.dumps(list(a.trial_ids)),
        json.dumps({k: v.isoformat() for k, v in a.events.items()}), json.dumps(dict(a.lifts)),
        json.dumps(list(a.exceptions)), json.dumps(dict(a.extra), default=str), now,
    )


def row_to_abstract(row: sqlite3.Row | Sequence[Any]) -> Abstract:
    (_id, meeting, number, title, authors, body, keywords, category, tags, session, online_at,
     url, trial_ids, events, lifts, exceptions, extra) = tuple(row)[:17]
    s = None
    if session:
        d = json.loads(session)
        s = Session(d.get("title"), _dt(d.get("start")), _dt(d.get("end")))
    return Abstract(
        meeting=meeting, number=number, title=title, authors=tuple(json.loads(authors)),
        body=body, keywords=tuple(json.loads(keywords)), category=category,
        tags=tuple(json.loads(tags)), session=s, online_at=_dt(online_at), url=url,
        trial_ids=tuple(json.loads(trial_ids)),
        events={k: datetime.fromisoformat(v) for k, v in json.loads(events).items()},
        lifts=json.loads(lifts), exceptions=tuple(json.loads(exceptions)),
        extra=json.loads(extra),
    )


_SELECT = "SELECT " + ", ".join(_COLUMNS[:17]) + " FROM abstracts"


class Catalog:
    """The abstract catalogue in one SQLite file (``":memory:"`` for tests)."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        if readonly and self.path != ":memory:" and not Path(self.path).exists():
            # Reading a catalogue that was never made: an empty in-memory one, no file left.
            self.conn = sqlite3.connect(":memory:", isolation_level=None)
        else:
            if self.path != ":memory:":
                parent = Path(self.path).parent
                if not parent.exists():
                    raise InputError(f"the folder of the catalogue does not exist: {parent}",
                                     path=self.path)
            try:
                self.conn = sqlite3.connect(self.path, isolation_level=None)
                self.conn.execute("PRAGMA foreign_keys = ON")
                self.conn.execute("PRAGMA journal_mode = WAL")
            except sqlite3.DatabaseError as e:
                raise InputError(f"not a catalogue database: {e}", path=self.path) from None
        try:
            self._ensure_schema()
        except sqlite3.DatabaseError as e:
            raise InputError(f"not a catalogue database: {e}", path=self.path) from None

    def _ensure_schema(self) -> None:
        cur = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='meta'")
        if cur.fetchone() is None:
            self.conn.executescript(_SCHEMA)
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)",
                              (str(SCHEMA_VERSION),))
            self.conn.commit()
            return
        row = self.conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if row is None or int(row[0]) != SCHEMA_VERSION:
            raise InputError(f"catalogue schema {row[0] if row else '?'} is not the "
                             f"{SCHEMA_VERSION} this embargo reads", path=self.path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    def upsert_many(self, abstracts: Iterable[Abstract]) -> tuple[int, int]:
        """Insert or update, in the caller's transaction.  Returns (inserted, updated)."""
        now = datetime.now(UTC).isoformat()
        inserted = updated = 0
        cur = self.conn.cursor()
        existing_sql = "SELECT rowid FROM abstracts WHERE id = ?"
        insert_sql = (f"INSERT INTO abstracts ({', '.join(_COLUMNS)}) "
                      f"VALUES ({', '.join('?' for _ in _COLUMNS)})")
        update_sql = (f"UPDATE abstracts SET {', '.join(f'{c} = ?' for c in _COLUMNS[1:])} "
                      "WHERE rowid = ?")
        for a in abstracts:
            row = abstract_to_row(a, now)
            hit = cur.execute(existing_sql, (a.id,)).fetchone()
            if hit is None:
                cur.execute(insert_sql, row)
                rowid = cur.lastrowid
                inserted += 1
            else:
                rowid = hit[0]
                cur.execute(update_sql, (*row[1:], rowid))
                cur.execute("DELETE FROM abstract_trials WHERE abstract_rowid = ?", (rowid,))
                updated += 1
            if a.trial_ids:
                cur.executemany("INSERT OR IGNORE INTO abstract_trials VALUES (?, ?)",
                                [(t.upper(), rowid) for t in a.trial_ids])
        return inserted, updated

    # ------------------------------------------------------------------ reading

    def get(self, abstract_id: str) -> Abstract | None:
        row = self.conn.execute(_SELECT + " WHERE id = ?", (abstract_id,)).fetchone()
        return row_to_abstract(row) if row else None

    def get_many(self, ids: Iterable[str]) -> dict[str, Abstract]:
        ids = list(dict.fromkeys(ids))
        out: dict[str, Abstract] = {}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            q = _SELECT + f" WHERE id IN ({', '.join('?' for _ in part)})"
            for row in self.conn.execute(q, part):
                a = row_to_abstract(row)
                out[a.id] = a
        return out

    def by_rowids(self, rowids: Sequence[int]) -> dict[int, Abstract]:
        out: dict[int, Abstract] = {}
        rowids = list(rowids)
        for chunk in range(0, len(rowids), 500):
            part = rowids[chunk:chunk + 500]
            q = ("SELECT rowid, " + ", ".join(_COLUMNS[:17]) +
                 f" FROM abstracts WHERE rowid IN ({', '.join('?' for _ in part)})")
            for row in self.conn.execute(q, part):
                out[row[0]] = row_to_abstract(row[1:])
        return out

    def by_trial_id(self, trial_id: str) -> list[Abstract]:
        q = (_SELECT + " WHERE rowid IN (SELECT abstract_rowid FROM abstract_trials "
             "WHERE trial_id = ?)")
        return [row_to_abstract(r) for r in self.conn.execute(q, (trial_id.upper(),))]

    def by_number(self, number: str, meeting: str | None = None) -> list[Abstract]:
        if meeting:
            q = _SELECT + " WHERE number = ? COLLATE NOCASE AND meeting = ?"
            rows = self.conn.execute(q, (number, meeting))
        else:
            rows = self.conn.execute(_SELECT + " WHERE number = ? COLLATE NOCASE", (number,))
        return [row_to_abstract(r) for r in rows]

    def iter_all(self, meeting: str | None = None) -> Iterator[Abstract]:
        if meeting:
            rows = self.conn.execute(_SELECT + " WHERE meeting = ? ORDER BY rowid", (meeting,))
        else:
            rows = self.conn.execute(_SELECT + " ORDER BY rowid")
        for row in rows:
            yield row_to_abstract(row)

    def search(self, query: str, *, meeting: str | None = None, limit: int = 20
               ) -> list[tuple[Abstract, float]]:
        """Full-text search (FTS5, BM25).  ``query`` is plain words, not FTS syntax."""
        terms = [t for t in _fts_terms(query)]
        if not terms:
            return []
        match = " OR ".join(terms)
        sql = ("SELECT a.id, a.meeting, a.number, a.title, a.authors, a.body, a.keywords, "
               "a.category, a.tags, a.session, a.online_at, a.url, a.trial_ids, a.events, "
               "a.lifts, a.exceptions, a.extra, bm25(abstracts_fts, 10.0, 1.0, 3.0, 2.0) AS s "
               "FROM abstracts_fts JOIN abstracts a ON a.rowid = abstracts_fts.rowid "
               "WHERE abstracts_fts MATCH ?")
        params: list[Any] = [match]
        if meeting:
            sql += " AND a.meeting = ?"
            params.append(meeting)
        sql += " ORDER BY s LIMIT ?"
        params.append(limit)
        return [(row_to_abstract(r), -float(r[17])) for r in self.conn.execute(sql, params)]

    def meetings(self) -> list[tuple[str, int]]:
        return [(m, n) for m, n in self.conn.execute(
            "SELECT meeting, COUNT(*) FROM abstracts GROUP BY meeting ORDER BY meeting")]

    def count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM abstracts").fetchone()[0])


def _fts_terms(query: str) -> list[str]:
    import re

    words = re.findall(r"[\w\-]+", query.lower())
    return ['"' + w.replace('"', "") + '"' for w in words if len(w) > 1]
