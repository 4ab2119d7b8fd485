"""Shared fixtures: real SQLite files, the real CLI entry point, bundled policies."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


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
