"""The same drafts give the same JSON in every process, whatever the string hash seed (the
linker's features are sets; their order must never decide a link or its evidence)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES, ROOT

CASES = ROOT / "tests" / "cases" / "content"


def test_check_json_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    from embargo.catalog import Catalog, import_paths

    catalog = tmp_path / "catalog.db"
    with Catalog(catalog) as cat:
        import_paths(cat, [EXAMPLES / "catalog.jsonl", CASES / "catalog.jsonl"])
    outputs = []
    for seed in ("1", "2", "3"):
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("EMBARGO_")},
               "PYTHONHASHSEED": seed}
        r = subprocess.run(
            [sys.executable, "-m", "embargo", "check", str(CASES / "drafts"),
             str(EXAMPLES / "drafts"), "--policies", str(CASES / "policies"), "--catalog",
             str(catalog), "--format", "json", "--at", "2024-10-28 09:00 ET"],
            capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)
        assert r.returncode in (0, 1, 3), r.stderr
        outputs.append(r.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
