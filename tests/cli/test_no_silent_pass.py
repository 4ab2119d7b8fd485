"""Issue 11, item 1 (``check`` side): never a pass where embargo could not know.

A missing or empty catalogue is refused naming the path; ``--no-catalog`` (or ``catalog =
false``) checks without one, and then an item that names no abstract is ``review``; empty
input is an error, not a pass.  Real CLI entry point, real SQLite files.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

NEWS = ("Hospital opens a new wing for rheumatology patients; the clinic will see 40 more "
        "patients a week from January.\n")
NAMED = """---
kind: press-release
abstracts: [acr-2024:0645]
---
ACR20 at week 24 was reached by 61.9% of patients on zelorimab versus 35.7% on placebo.
"""


def test_missing_catalogue_is_exit_2_naming_the_path(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    draft = tmp_path / "news.md"
    draft.write_text(NEWS, encoding="utf-8")
    typo = tmp_path / "catalgo.db"
    r = cli("check", draft, "--catalog", typo)
    assert r.code == 2, r.out
    assert str(typo) in r.err and "no abstract catalogue" in r.err
    assert len(r.err.strip().splitlines()) == 1 and not r.out
    assert not typo.exists()  # a reader never creates the file
    # The default catalogue of a fresh folder (none there) is refused the same way.
    r = cli("check", draft)
    assert r.code == 2 and "embargo-catalog.db" in r.err, r.err


def test_empty_catalogue_is_refused(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from embargo.catalog import Catalog

    empty = tmp_path / "empty.db"
    Catalog(empty).close()
    draft = tmp_path / "news.md"
    draft.write_text(NEWS, encoding="utf-8")
    r = cli("check", draft, "--catalog", empty)
    assert r.code == 2 and "holds no abstracts" in r.err and str(empty) in r.err


def test_no_catalog_gives_review_for_an_item_naming_no_abstract(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    draft = tmp_path / "news.md"
    draft.write_text(NEWS, encoding="utf-8")
    r = cli("check", draft, "--no-catalog", "--format", "json")
    assert r.code == 3, r.out + r.err
    (item,) = json.loads(r.out)["items"]
    assert item["verdict"] == "review" and item["earliest_compliant"] is None
    assert any("without an abstract catalogue" in f["message"] for f in item["findings"])
    # The same from the config file.
    (tmp_path / "embargo.toml").write_text("catalog = false\n", encoding="utf-8")
    r = cli("check", draft, "--config", tmp_path / "embargo.toml")
    assert r.code == 3 and "REVIEW" in r.out, r.out + r.err


def test_no_catalog_still_judges_a_named_abstract_by_its_policy(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    draft = tmp_path / "named.md"
    draft.write_text(NAMED, encoding="utf-8")
    r = cli("check", draft, "--no-catalog", "--at", "2024-11-01 09:00 ET", "--format", "json")
    (item,) = json.loads(r.out)["items"]
    assert item["abstracts"][0]["id"] == "acr-2024:0645"
    # Without the abstract's text, what the draft carries of it cannot be measured; before the
    # lifts it is never a pass.
    assert item["verdict"] in ("violation", "review") and r.code in (1, 3), r.out
    assert all(f["rule"].startswith("acr-2024/") for f in item["findings"] if f["rule"])


def test_catalog_and_no_catalog_together_are_refused(cli, tmp_path, catalog_path) -> None:  # type: ignore[no-untyped-def]
    draft = tmp_path / "news.md"
    draft.write_text(NEWS, encoding="utf-8")
    r = cli("check", draft, "--no-catalog", "--catalog", catalog_path)
    assert r.code == 2 and "not both" in r.err


def test_empty_input_is_exit_2(cli, tmp_path, catalog_path) -> None:  # type: ignore[no-untyped-def]
    r = cli("check", "-", "--catalog", catalog_path, stdin="")
    assert r.code == 2 and "empty draft" in r.err, (r.code, r.out, r.err)
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    r = cli("check", empty, "--catalog", catalog_path)
    assert r.code == 2 and "empty draft" in r.err and str(empty) in r.err
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b" \n\n\t\n")
    r = cli("check", blank, "--catalog", catalog_path)
    assert r.code == 2 and "empty draft" in r.err


def test_a_broken_pipe_from_a_cms_is_not_a_pass(tmp_path, catalog_path) -> None:  # type: ignore[no-untyped-def]
    """The writer dies before writing anything: stdin is closed empty."""
    writer = subprocess.Popen([sys.executable, "-c", "import os; os._exit(1)"],
                              stdout=subprocess.PIPE)
    r = subprocess.run([sys.executable, "-m", "embargo", "check", "-", "--catalog",
                        str(catalog_path)], stdin=writer.stdout, capture_output=True,
                       text=True, cwd=str(ROOT), timeout=120)
    assert writer.stdout is not None
    writer.stdout.close()
    writer.wait()
    assert r.returncode == 2 and "empty draft" in r.stderr, (r.returncode, r.stdout, r.stderr)


def test_api_refuses_a_missing_catalogue(tmp_path: Path) -> None:
    import pytest

    import embargo
    from embargo.errors import InputError

    with pytest.raises(InputError, match="no abstract catalogue"):
        embargo.check_text(NEWS, catalog=tmp_path / "nope.db")
