"""The linking benchmark runs end to end on a tiny catalogue (the full run is a script)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_bench_linking_small_run(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_linking.py"), "--small",
                          "--keep", str(tmp_path)], capture_output=True, text=True,
                         timeout=300, check=False)
    assert out.returncode == 0, out.stderr
    for row in ("import (whole command)", "linking throughput", "embargo check",
                "naive baseline", "speed ratio", "labelled set"):
        assert row in out.stdout
    assert (tmp_path / "catalogue.db").exists()
