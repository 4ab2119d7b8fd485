"""Issue 11, item 3: imports and checks on the same catalogue at the same time, in separate
processes (the real CLI), as a newsroom does it: every check answers, every import lands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

RELEASE = """---
kind: press-release
abstracts: [acr-2024:0645]
---
ACR20 at week 24 was reached by 61.9% of patients on zelorimab every 4 weeks versus 35.7% on
placebo in the ORCHID-2 trial. "These responses are the most consistent we have seen," said
Dr. Hannah Okafor.
"""

WORDS = ("synovitis enthesitis biologic remission cohort baseline placebo infusion dactylitis "
         "uveitis vasculitis gout urate flare tapering methotrexate ultrasound erosion").split()


def _import_file(folder: Path, k: int, n: int) -> Path:
    path = folder / f"batch-{k}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            body = " ".join(WORDS[(i * 7 + j * k) % len(WORDS)] for j in range(120))
            fh.write(json.dumps({"meeting": "acr-2024", "number": f"T{k}X{i:04d}",
                                 "title": f"Batch {k} study {i} of {WORDS[i % len(WORDS)]}",
                                 "authors": [f"Author {k}-{i}"], "body": body}) + "\n")
    return path


def test_imports_and_checks_in_parallel_processes(tmp_path: Path, catalog_path: Path) -> None:
    draft = tmp_path / "release.md"
    draft.write_text(RELEASE, encoding="utf-8")
    n_imports, per_import, n_checks = 6, 400, 18
    files = [_import_file(tmp_path, k, per_import) for k in range(n_imports)]
    env = {k: v for k, v in os.environ.items() if k != "EMBARGO_CONFIG"}
    base = [sys.executable, "-m", "embargo"]

    def start(args: list[str]) -> subprocess.Popen[str]:
        return subprocess.Popen([*base, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, cwd=str(ROOT), env=env)

    imports: list[subprocess.Popen[str]] = []
    checks: list[subprocess.Popen[str]] = []
    for i in range(n_checks):  # interleaved: checks start while imports write
        if i % 3 == 0 and len(imports) < n_imports:
            imports.append(start(["abstracts", "import", str(files[len(imports)]),
                                  "--catalog", str(catalog_path), "--quiet"]))
        checks.append(start(["check", str(draft), "--catalog", str(catalog_path),
                             "--at", "2024-11-14 09:00 ET", "--format", "json"]))
        time.sleep(0.05)
    results = [(p, *p.communicate(timeout=300)) for p in [*imports, *checks]]
    for p, out, err in results[: len(imports)]:
        assert p.returncode == 0, f"import failed: {err}"
        assert "imported" in out
    for p, out, err in results[len(imports):]:
        assert p.returncode == 1, f"check did not answer: exit {p.returncode}: {err}"
        (item,) = json.loads(out)["items"]
        assert item["verdict"] == "violation" and not err.strip()
    from embargo.catalog import Catalog

    with Catalog(catalog_path, readonly=True) as cat:
        assert sum(1 for a in cat.iter_all() if a.number.startswith("T")) == \
            n_imports * per_import  # no import lost another's abstracts
        assert cat.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert cat.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_lock_held_too_long_is_a_one_line_retryable_error(tmp_path: Path,
                                                            catalog_path: Path) -> None:
    """Another process holds the write lock past the busy timeout: the import says so in one
    line (exit 2) and leaves the catalogue as it was."""
    import sqlite3

    from embargo.catalog import store

    batch = _import_file(tmp_path, 9, 5)
    holder = sqlite3.connect(catalog_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        env = {k: v for k, v in os.environ.items() if k != "EMBARGO_CONFIG"}
        code = ("import sys; import embargo.catalog.store as s; s.BUSY_TIMEOUT = 0.5; "
                "from embargo.cli.main import main; sys.exit(main(sys.argv[1:]))")
        r = subprocess.run([sys.executable, "-c", code, "abstracts", "import", str(batch),
                            "--catalog", str(catalog_path), "--quiet"], capture_output=True,
                           text=True, cwd=str(ROOT), env=env, timeout=120)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and "try again" in r.stderr, r.stderr
    assert str(catalog_path) in r.stderr and "unexpected" not in r.stderr
    assert store.BUSY_TIMEOUT >= 10  # the real timeout is generous
