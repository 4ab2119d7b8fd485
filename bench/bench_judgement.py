"""Judgement on real text: the figures of issue 10, as ``make bench`` prints them.

Runs ``bench/score_real.py`` (the shared development sets when ``../shared/corpus`` is next to
the checkout, and the project's own real set ``tests/cases/real``) and prints its figures.
Usage: python bench/bench_judgement.py [--wrong]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_real import main

if __name__ == "__main__":
    raise SystemExit(main())
