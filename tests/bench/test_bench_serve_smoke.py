"""The service benchmark: it says so and exits 0 without the acceptance bench's generator (as
in CI), and runs end to end on a tiny catalogue where the generator is at hand."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "bench_serve.py"


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                          timeout=600, env={**os.environ, **env}, check=False)


def test_without_the_generator_it_says_so_and_exits_0(tmp_path: Path) -> None:
    r = _run({"EMBARGO_BENCH_GENERATOR": str(tmp_path / "absent.py")})
    assert r.returncode == 0, r.stderr
    assert "nothing measured" in r.stdout


@pytest.mark.slow
def test_small_run(tmp_path: Path) -> None:
    gen = ROOT.parent.parent / "shared" / "bench" / "gen_catalog.py"
    if not gen.is_file():
        pytest.skip(f"the acceptance bench's generator is not here ({gen})")
    r = _run({"EMBARGO_BENCH_GENERATOR": str(gen)}, "--small", "--data", str(tmp_path))
    assert r.returncode == 0, r.stdout + r.stderr
    for row in ("in-process Embargo.check_text (p50)", "service, 1 client, POST /v1/check",
                "errors", "service throughput", "CLI throughput"):
        assert row in r.stdout
