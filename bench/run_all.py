"""Run every benchmark script in this folder (bench_*.py), one after another.

Each script prints its own figures against a baseline measured in the same run.
Usage: python bench/run_all.py [--quick]
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).resolve().parent
    scripts = sorted(here.glob("bench_*.py"))
    if not scripts:
        print("no benchmark scripts found")
        return 1
    worst = 0
    for script in scripts:
        print(f"\n=== {script.name}", flush=True)
        rc = subprocess.call([sys.executable, str(script), *_args(script, sys.argv[1:])])
        worst = max(worst, rc)
    return worst


def _args(script: Path, args: list[str]) -> list[str]:
    """The arguments for one script: ``--quick`` is its own quick mode, ``--small`` for a
    script that calls it so, and nothing for one that has none (it runs as it is)."""
    source = script.read_text(encoding="utf-8")
    out = []
    for a in args:
        if a == "--quick" and '"--quick"' not in source:
            if '"--small"' in source:
                out.append("--small")
            continue
        out.append(a)
    return out


if __name__ == "__main__":
    raise SystemExit(main())
