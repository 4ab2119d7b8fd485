"""Shared fixtures: real SQLite files, the real CLI entry point, bundled policies."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True, scope="session")
def _own_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The tests (and the commands they start) keep their parsed policies in a folder of
    their own, never in the user's cache."""
    old = os.environ.get("EMBARGO_CACHE_DIR")
    os.environ["EMBARGO_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("EMBARGO_CACHE_DIR", None)
    else:
        os.environ["EMBARGO_CACHE_DIR"] = old


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture(scope="session")
def policies():  # type: ignore[no-untyped-def]
    from embargo.policy import PolicySet

    return PolicySet.load()


@pytest.fixture()
def catalog_path(tmp_path: Path) -> Path:
    """A real catalogue file holding the example abstracts."""
    from embargo.catalog import Catalog, import_paths

    path = tmp_path / "catalog.db"
    with Catalog(path) as cat:
        import_paths(cat, [EXAMPLES / "catalog.jsonl"])
    return path


@pytest.fixture()
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Run]:
    """Run ``embargo`` in-process through its real entry point."""
    from embargo.cli.main import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EMBARGO_CONFIG", raising=False)

    def run(*args: str, stdin: str | bytes | None = None) -> Run:
        out, err = io.StringIO(), io.StringIO()
        if stdin is not None:
            raw = stdin.encode() if isinstance(stdin, str) else stdin
            fake = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
            monkeypatch.setattr(sys, "stdin", fake)
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as e:  # argparse
                code = int(e.code or 0)
        return Run(code, out.getvalue(), err.getvalue())

    return run


# ---------------------------------------------------------------------------- PostgreSQL

PG_DSN_ENV = "EMBARGO_TEST_PG_DSN"  # an existing server's URL (a database we may use)
PG_REQUIRED_ENV = "EMBARGO_TEST_PG_REQUIRED"  # "1": no server is a failure, not a skip


def _pg_required() -> bool:
    flag = os.environ.get(PG_REQUIRED_ENV, "").strip().lower()
    if flag in ("0", "no", "false"):
        return False
    ci = os.environ.get("CI", "").strip().lower()
    return flag in ("1", "yes", "true") or ci not in ("", "0", "false", "no")


def _pg_unavailable(reason: str) -> None:
    if _pg_required():
        pytest.fail(f"PostgreSQL tests must run here (CI or {PG_REQUIRED_ENV}=1): {reason}",
                    pytrace=False)
    pytest.skip(reason)


_STARTED: list[object] = []  # the PgServer this session started (none with $EMBARGO_TEST_PG_DSN)


@pytest.fixture()
def pg_restart(pg_server: str) -> Callable[[], None]:
    """Restarts the throw-away server (cutting every connection); skips with a given server."""
    if not _STARTED:
        pytest.skip(f"the server named by {PG_DSN_ENV} is not ours to restart")
    server = _STARTED[0]
    return server.restart  # type: ignore[attr-defined, no-any-return]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a PostgreSQL database for the tests: ``$EMBARGO_TEST_PG_DSN``, else a
    throw-away server started here (tests/pgserver.py).  Without either the PostgreSQL tests
    skip, saying why, except in CI (``CI`` set) or with ``EMBARGO_TEST_PG_REQUIRED=1``, where
    they fail."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _pg_unavailable("psycopg is not installed (pip install 'embargo[postgresql]')")
    given = os.environ.get(PG_DSN_ENV)
    if given:
        yield given
        return
    from tests.pgserver import PgServer, available

    why = available()
    if why:
        _pg_unavailable(f"no PostgreSQL server: set {PG_DSN_ENV} or install the server "
                        f"binaries ({why})")
    server = PgServer().start()
    _STARTED.append(server)
    try:
        yield server.url
    finally:
        _STARTED.clear()
        server.stop()


def with_search_path(url: str, schema: str) -> str:
    """``url`` whose connections use ``schema`` first (libpq's ``options``)."""
    from urllib.parse import quote

    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture()
def pg_url(pg_server: str) -> Iterator[str]:
    """A state URL of an empty schema of its own (dropped after the test)."""
    import uuid

    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield with_search_path(pg_server, schema)
    finally:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
