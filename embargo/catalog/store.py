"""The abstract catalogue: one SQLite file with an FTS5 index.

Re-importing an abstract (same meeting and number) updates it in place.  Writes happen in one
transaction per import, so a refused import leaves the catalogue as it was.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from embargo.errors import InputError
from embargo.model import Abstract, Session

SCHEMA_VERSION = 2
#: Version 2 added the linking index (link_docs, link_terms); version-1 files are upgraded in
#: place when opened (the index is built from the stored abstracts).

#: Bytes of full-text index terms a catalogue being built (see ``Catalog.bulk``) holds in
#: memory before writing them out as a segment; SQLite's default is 1 MiB.
BULK_FTS_HASHSIZE = 16 * 2**20

#: Seconds a connection waits for another process's lock (an import in progress) before the
#: operation fails with :class:`CatalogBusy`.
BUSY_TIMEOUT = 30.0


class CatalogBusy(InputError):
    """Another process held the catalogue longer than ``BUSY_TIMEOUT``: try again later."""


def busy_or_input(e: sqlite3.OperationalError, path: str) -> InputError:
    """A one-line error for an SQLite failure: :class:`CatalogBusy` for a lock, else an input
    error naming the file."""
    text = str(e)
    if "locked" in text or "busy" in text:
        return CatalogBusy(f"the catalogue is in use by another process (an import?) and stayed "
                           f"locked for {BUSY_TIMEOUT:g}s: try again when it has finished",
                           path=path)
    return InputError(f"cannot use the catalogue: {text}", path=path)


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
CREATE TABLE IF NOT EXISTS link_docs (
    abstract_rowid INTEGER PRIMARY KEY REFERENCES abstracts(rowid) ON DELETE CASCADE,
    profile TEXT NOT NULL,
    url_key TEXT,
    num_key TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS link_docs_url ON link_docs(url_key) WHERE url_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS link_docs_num ON link_docs(num_key);
CREATE TABLE IF NOT EXISTS link_terms (
    term TEXT PRIMARY KEY,
    df INTEGER NOT NULL,
    postings BLOB
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS abstracts_fts USING fts5(
    title, body, authors, keywords,
    content='abstracts', content_rowid='rowid',
    tokenize='porter unicode61 remove_diacritics 2',
    detail=column
);
-- detail=column: search ranks words, never phrases, so token positions are not kept (a
-- third faster to build, half the size).  A catalogue made before keeps its full index,
-- which answers the same queries.
-- The full-text index is kept by the writer (Catalog.write_batch), not by triggers, so a
-- large import can build it in one pass at the end.
"""

_COLUMNS = ("id", "meeting", "number", "title", "authors", "body", "keywords", "category",
            "tags", "session", "online_at", "url", "trial_ids", "events", "lifts",
            "exceptions", "extra", "updated_at")


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


_EXTRA = json.JSONEncoder(default=str).encode
_STR = json.encoder.encode_basestring_ascii  # what json.dumps writes for a str (ASCII)


def _strings_json(xs: Sequence[Any]) -> str:
    """``json.dumps(xs)``; written directly when every item is a string (the common case)."""
    if all(type(x) is str for x in xs):
        return "[" + ", ".join(map(_STR, xs)) + "]"
    return json.dumps(xs)


def _map_json(m: Mapping[str, Any]) -> str:
    """``json.dumps(m)``; written directly when keys and values are strings."""
    if all(type(k) is str and type(v) is str for k, v in m.items()):
        return "{" + ", ".join(_STR(k) + ": " + _STR(v) for k, v in m.items()) + "}"
    return json.dumps(m)


def abstract_to_row(a: Abstract, now: str) -> tuple[Any, ...]:
    session = None
    if a.session is not None:
        session = json.dumps({
            "title": a.session.title,
            "start": a.session.start.isoformat() if a.session.start else None,
            "end": a.session.end.isoformat() if a.session.end else None,
        })
    return (
        a.id, a.meeting, a.number, a.title, _strings_json(a.authors) if a.authors else "[]",
        a.body, _strings_json(a.keywords) if a.keywords else "[]", a.category,
        _strings_json(a.tags) if a.tags else "[]", session,
        a.online_at.isoformat() if a.online_at else None, a.url,
        _strings_json(a.trial_ids) if a.trial_ids else "[]",
        _map_json({k: v.isoformat() for k, v in a.events.items()}) if a.events else "{}",
        _map_json(a.lifts) if a.lifts else "{}",
        _strings_json(a.exceptions) if a.exceptions else "[]",
        _EXTRA(dict(a.extra)) if a.extra else "{}", now,
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
_SELECT_ROWID = "SELECT rowid, " + ", ".join(_COLUMNS[:17]) + " FROM abstracts"


_NCT = re.compile(r"NCT\d{8}(?!\d)")


def registry_ids(text: str) -> set[str]:
    """Trial registry ids written in ``text`` (upper-cased); cheap when there are none."""
    out: set[str] = set()
    if "NCT" in text:
        out.update(m for m in _NCT.findall(text) if len(m) == 11)
    # Every other registry's prefix but two holds "CT": one scan rules them out together.
    if ("CT" in text and ("ISRCTN" in text or "EudraCT" in text or "ACTRN" in text
                          or "ChiCTR" in text or "jRCT" in text or "CTRI/" in text
                          or "KCT0" in text)) or "DRKS" in text or "UMIN" in text:
        from embargo.catalog.records import TRIAL_ID

        out.update(t.upper() for t in TRIAL_ID.findall(text))
    return out


def posting_cap(n: int) -> int:
    from embargo.catalog.indexer import posting_cap as cap

    return cap(n)


class Catalog:
    """The abstract catalogue in one SQLite file (``":memory:"`` for tests)."""

    def __init__(self, path: str | Path, *, readonly: bool = False,
                 any_thread: bool = False, building: bool = False) -> None:
        """``any_thread``: the connection may be used from several threads, one at a time
        (the caller serialises; e.g. a pool of checking sessions).

        ``building``: a new file that no other process knows of, built aside and renamed into
        place when complete (see ``importing.import_new``): no journal on disk and no syncs
        while it is written; ``finish_building`` makes it a WAL file before the rename.

        A reader (``readonly``) needs the file to exist (a missing catalogue is an input error
        naming the path: checking without one would pass what it cannot know) and never
        changes it: only writers create the file and set its journal mode (WAL, once, when the
        file is made; readers and writers then work side by side).  Every connection waits up
        to ``BUSY_TIMEOUT`` for a lock; one held longer is a :class:`CatalogBusy` error."""
        self.path = str(path)
        self.readonly = readonly
        self.building = building
        same = not any_thread
        memory = self.path == ":memory:"
        if not memory:
            p = Path(self.path)
            if readonly and not p.exists():
                raise InputError("no abstract catalogue here: import abstracts with `embargo "
                                 "abstracts import FILE` (--catalog PATH for another file)",
                                 path=self.path)
            if readonly and p.is_dir():
                raise InputError("is a folder, not a catalogue file", path=self.path)
            if not p.parent.exists():
                raise InputError(f"the folder of the catalogue does not exist: {p.parent}",
                                 path=self.path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None,
                                        check_same_thread=same, timeout=BUSY_TIMEOUT)
            self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
            if not building:
                # A catalogue being built is written by this connection alone, each linked
                # row after its abstract and no abstract deleted: its foreign keys hold by
                # construction, and checking them cost every insert a look-up.
                self.conn.execute("PRAGMA foreign_keys = ON")
            if building:
                self.conn.execute("PRAGMA journal_mode = MEMORY")
                self.conn.execute("PRAGMA synchronous = OFF")
            elif not readonly:
                mode = self.conn.execute("PRAGMA journal_mode").fetchone()[0]
                if str(mode).lower() != "wal":
                    self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.OperationalError as e:
            raise busy_or_input(e, self.path) from None
        except sqlite3.DatabaseError as e:
            raise InputError(f"not a catalogue database: {e}", path=self.path) from None
        try:
            self._ensure_schema()
        except sqlite3.OperationalError as e:
            raise busy_or_input(e, self.path) from None
        except sqlite3.DatabaseError as e:
            raise InputError(f"not a catalogue database: {e}", path=self.path) from None

    def _ensure_schema(self) -> None:
        cur = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='meta'")
        if cur.fetchone() is None:
            if self.readonly and self.path != ":memory:":
                raise InputError("not an embargo catalogue (no catalogue tables in it)",
                                 path=self.path)
            self.conn.executescript(_SCHEMA)
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)",
                              (str(SCHEMA_VERSION),))
            self.conn.commit()
            return
        row = self.conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        version = int(row[0]) if row and str(row[0]).isdigit() else None
        if version == 1:
            self._upgrade_from_1()
        elif version != SCHEMA_VERSION:
            newer = version is not None and version > SCHEMA_VERSION
            raise InputError(
                f"catalogue schema {row[0] if row else '?'} is not the {SCHEMA_VERSION} this "
                "embargo reads" + (": it was written by a newer embargo; upgrade embargo"
                                   if newer else ": import the abstracts into a new file"),
                path=self.path)

    def _upgrade_from_1(self) -> None:
        """Schema 1 → 2: add the linking index and fill it from the stored abstracts."""
        try:
            self.conn.executescript(_SCHEMA)  # every statement is IF NOT EXISTS
            self.conn.execute("BEGIN")
            for trigger in ("abstracts_ai", "abstracts_ad", "abstracts_au"):
                self.conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
            rows = self.conn.execute(_SELECT_ROWID + " ORDER BY rowid").fetchall()
            self._store_profiles((r[0], row_to_abstract(r[1:])) for r in rows)
            self.rebuild_link_index()
            self.conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'",
                              (str(SCHEMA_VERSION),))
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as e:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise InputError(f"this catalogue was written by an older embargo (schema 1) and "
                             f"could not be upgraded in place ({e}): import the abstracts into "
                             "a new file", path=self.path) from None

    def close(self) -> None:
        self.conn.close()

    def finish_building(self) -> None:
        """A catalogue built aside becomes what every writer makes: a WAL file."""
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """For a large write: a bigger page cache.  The journal mode stays WAL: switching a
        live file out of it would break readers that have it open (``embargo check`` while an
        import runs).

        A catalogue being built (``building``) also gathers more of the full-text index in
        memory before writing it out: fewer, larger segments, so less merging of them as the
        index grows (a tenth of the full-text indexing of a large import).  The setting is
        stored in the index's configuration, so it is removed again at the end: the finished
        file holds what it would have held without it."""
        conn = self.conn
        conn.execute("PRAGMA cache_size = -8192")
        hashsize = False
        if self.building:
            with suppress(sqlite3.Error):  # an SQLite without the setting: as before
                conn.execute("INSERT INTO abstracts_fts(abstracts_fts, rank) "
                             "VALUES ('hashsize', ?)", (BULK_FTS_HASHSIZE,))
                hashsize = True
        try:
            yield
        finally:
            with suppress(sqlite3.Error):
                if hashsize:
                    conn.execute("DELETE FROM abstracts_fts_config WHERE k = 'hashsize'")
                conn.execute("PRAGMA cache_size = -2000")

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    def upsert_many(self, abstracts: Iterable[Abstract]) -> tuple[int, int]:
        """Insert or update, in the caller's transaction, profiling each abstract for the
        linking index (call ``rebuild_link_index`` after).  Returns (inserted, updated)."""
        from embargo.catalog.indexer import job_of, profile_rows

        plan = self.plan_batch(abstracts)
        counts = self.write_batch(plan)
        self.store_link_rows(profile_rows([job_of(r, a) for r, _, a in plan]))
        return counts

    def plan_batch(self, abstracts: Iterable[Abstract]) -> list[tuple[int, bool, Abstract]]:
        """(rowid, is new, abstract) for each abstract: existing rowids are looked up, new
        ones assigned, so the linking index can be built before the rows are written."""
        batch = list(abstracts)
        ids = list(dict.fromkeys(a.id for a in batch))
        existing: dict[str, int] = {}
        for i in range(0, len(ids), 900):
            part = ids[i:i + 900]
            q = f"SELECT id, rowid FROM abstracts WHERE id IN ({', '.join('?' for _ in part)})"
            existing.update(self.conn.execute(q, part).fetchall())
        top = self.conn.execute("SELECT COALESCE(MAX(rowid), 0) FROM abstracts").fetchone()[0]
        out: list[tuple[int, bool, Abstract]] = []
        for a in batch:
            rowid = existing.get(a.id)
            if rowid is None:
                top += 1
                existing[a.id] = rowid = top
                out.append((rowid, True, a))
            else:
                out.append((rowid, False, a))
        return out

    def write_batch(self, plan: Sequence[tuple[int, bool, Abstract]], *, fts: bool = True
                    ) -> tuple[int, int]:
        """Write planned rows (see ``plan_batch``).  Returns (inserted, updated).

        ``fts=False`` leaves the full-text index of new rows to ``rebuild_fts`` (one pass at
        the end of a large import into an empty catalogue); updated rows are always
        re-indexed at once."""
        now = datetime.now(UTC).isoformat()
        inserted = updated = 0
        cur = self.conn.cursor()
        insert_sql = (f"INSERT INTO abstracts (rowid, {', '.join(_COLUMNS)}) "
                      f"VALUES (?, {', '.join('?' for _ in _COLUMNS)})")
        update_sql = (f"UPDATE abstracts SET {', '.join(f'{c} = ?' for c in _COLUMNS[1:])} "
                      "WHERE rowid = ?")
        written: set[int] = set()
        trial_rows: list[tuple[str, int]] = []
        fts_insert = ("INSERT INTO abstracts_fts(rowid, title, body, authors, keywords) "
                      "VALUES (?, ?, ?, ?, ?)")
        inserts: list[tuple[Any, ...]] = []
        fts_rows: list[tuple[Any, ...]] = []

        def flush_inserts() -> None:
            if inserts:
                cur.executemany(insert_sql, inserts)
                inserts.clear()
            if fts_rows:
                cur.executemany(fts_insert, fts_rows)
                fts_rows.clear()

        for rowid, new, a in plan:
            row = abstract_to_row(a, now)
            if new and rowid not in written:
                inserts.append((rowid, *row))
                if fts:
                    fts_rows.append((rowid, row[3], row[5], row[4], row[6]))
                inserted += 1
            else:
                flush_inserts()  # a repeat within the batch updates the row just inserted
                old = cur.execute("SELECT title, body, authors, keywords FROM abstracts WHERE "
                                  "rowid = ?", (rowid,)).fetchone()
                cur.execute("INSERT INTO abstracts_fts(abstracts_fts, rowid, title, body, "
                            "authors, keywords) VALUES ('delete', ?, ?, ?, ?, ?)",
                            (rowid, *old))
                cur.execute(update_sql, (*row[1:], rowid))
                cur.execute("DELETE FROM abstract_trials WHERE abstract_rowid = ?", (rowid,))
                updated += 1
                cur.execute(fts_insert, (rowid, row[3], row[5], row[4], row[6]))
            written.add(rowid)
            trials = {t.upper() for t in a.trial_ids}
            trials.update(registry_ids(f"{a.title} {a.body}"))
            trial_rows.extend((t, rowid) for t in sorted(trials))
        flush_inserts()
        if trial_rows:
            cur.executemany("INSERT OR IGNORE INTO abstract_trials VALUES (?, ?)", trial_rows)
        return inserted, updated

    def rebuild_fts(self) -> None:
        """Rebuild the full-text index from the stored abstracts (one pass)."""
        self.conn.execute("INSERT INTO abstracts_fts(abstracts_fts) VALUES ('rebuild')")

    # ------------------------------------------------------------------ linking index

    def store_link_rows(self, rows: Iterable[tuple[int, str, str | None, str]]) -> None:
        """Store (rowid, encoded profile, url key, number key) rows of the linking index."""
        self.conn.executemany("INSERT OR REPLACE INTO link_docs VALUES (?, ?, ?, ?)", rows)

    def _store_profiles(self, rows: Iterable[tuple[int, Abstract]]) -> None:
        from embargo.catalog.indexer import job_of, profile_rows

        self.store_link_rows(profile_rows([job_of(r, a) for r, a in rows]))

    def write_link_terms(self, n: int, table: Iterable[tuple[str, int, bytes | None]]) -> None:
        """Replace the term table with one built elsewhere (the import's worker)."""
        self.conn.execute("DELETE FROM link_terms")
        self.conn.executemany("INSERT INTO link_terms VALUES (?, ?, ?)", table)
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('link_docs', ?)", (str(n),))

    def rebuild_link_index(self) -> None:
        """Rebuild the term table (document frequencies, postings of the rarer terms) from
        the stored profiles; called at the end of every import, in its transaction."""
        from array import array
        from collections import Counter

        from embargo.linking.features import encoded_index_terms

        scan = "SELECT abstract_rowid, profile FROM link_docs"
        df: Counter[str] = Counter()
        n = 0
        for _, line in self.conn.execute(scan):
            df.update(encoded_index_terms(line))
            n += 1
        cap = posting_cap(n)
        rare = {t for t, c in df.items() if c <= cap}
        postings: dict[str, array[int]] = {}
        for rowid, line in self.conn.execute(scan):
            for t in rare.intersection(encoded_index_terms(line)):
                arr = postings.get(t)
                if arr is None:
                    postings[t] = arr = array("I")
                arr.append(rowid)
        self.conn.execute("DELETE FROM link_terms")
        self.conn.executemany(
            "INSERT INTO link_terms VALUES (?, ?, ?)",
            ((t, df[t], postings[t].tobytes() if t in postings else None)
             for t in sorted(df)))
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('link_docs', ?)", (str(n),))

    def link_size(self) -> int:
        """How many abstracts the linking index holds."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'link_docs'").fetchone()
        return int(row[0]) if row else 0

    def link_terms(self, terms: Sequence[str]) -> dict[str, tuple[int, bytes | None]]:
        """Document frequency and postings (packed rowids, or None when common) per term."""
        out: dict[str, tuple[int, bytes | None]] = {}
        for i in range(0, len(terms), 900):
            part = terms[i:i + 900]
            q = ("SELECT term, df, postings FROM link_terms WHERE term IN "
                 f"({', '.join('?' for _ in part)})")
            for term, df, post in self.conn.execute(q, part):
                out[term] = (df, post)
        return out

    def link_profiles(self, rowids: Sequence[int]) -> dict[int, tuple[str, str]]:
        """(abstract id, encoded profile) of each rowid."""
        out: dict[int, tuple[str, str]] = {}
        for i in range(0, len(rowids), 900):
            part = rowids[i:i + 900]
            q = ("SELECT d.abstract_rowid, a.id, d.profile FROM link_docs d JOIN abstracts a "
                 f"ON a.rowid = d.abstract_rowid WHERE d.abstract_rowid IN "
                 f"({', '.join('?' for _ in part)})")
            for rowid, aid, prof in self.conn.execute(q, part):
                out[rowid] = (aid, prof)
        return out

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

    def study_siblings(self, rowid: int, limit: int = 50) -> list[int]:
        """Rowids of the other abstracts that share a trial registry id with ``rowid``: the
        same study's other publications (another meeting, another year, another cut)."""
        row = self.conn.execute("SELECT title, body, trial_ids FROM abstracts WHERE rowid = ?",
                                (rowid,)).fetchone()
        if row is None:
            return []
        ids = {str(t).upper() for t in json.loads(row[2] or "[]")}
        ids.update(registry_ids(f"{row[0]} {row[1] or ''}"))
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        q = (f"SELECT DISTINCT abstract_rowid FROM abstract_trials WHERE trial_id IN ({marks}) "
             "AND abstract_rowid != ? ORDER BY abstract_rowid LIMIT ?")
        return [r for (r,) in self.conn.execute(q, (*sorted(ids), rowid, limit))]

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

    def categories(self, rowids: Sequence[int]) -> dict[int, str]:
        """The category of each of these abstracts (those that have one)."""
        out: dict[int, str] = {}
        rowids = list(rowids)
        for chunk in range(0, len(rowids), 500):
            part = rowids[chunk:chunk + 500]
            q = (f"SELECT rowid, category FROM abstracts WHERE rowid IN "
                 f"({', '.join('?' for _ in part)}) AND category IS NOT NULL")
            out.update(self.conn.execute(q, part).fetchall())
        return out

    def category_counts(self) -> dict[tuple[str, str], int]:
        """How many abstracts each meeting has of each category."""
        return {(m, c): n for m, c, n in self.conn.execute(
            "SELECT meeting, category, COUNT(*) FROM abstracts WHERE category IS NOT NULL "
            "GROUP BY meeting, category")}

    def meetings(self) -> list[tuple[str, int]]:
        return [(m, n) for m, n in self.conn.execute(
            "SELECT meeting, COUNT(*) FROM abstracts GROUP BY meeting ORDER BY meeting")]

    def count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM abstracts").fetchone()[0])


def _fts_terms(query: str) -> list[str]:
    """The query's words as the index's tokenizer cuts them ("COVID-19" is "covid" and
    "19"), each quoted: one token per term, as an index without positions needs."""
    words = re.findall(r"[^\W_]+", query.lower())
    return ['"' + w + '"' for w in dict.fromkeys(words) if len(w) > 1]
