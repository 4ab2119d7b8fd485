"""``embargo check --jobs N``: worker processes give the answers of one process, byte for
byte, in input order, with the same exit codes (a bad file among good ones: 2, named)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "drafts"
    shutil.copytree(EXAMPLES / "drafts", d)
    for i, src in enumerate(sorted((EXAMPLES / "drafts").glob("*.md"))):
        # The same drafts without their front matter (kind guessed, links found), at a time
        # of their own (not "now": that differs from run to run): varied answers.
        text = src.read_text(encoding="utf-8")
        body = text.split("---", 2)[2] if text.startswith("---") else text
        when = f"2024-11-{10 + i} 09:00 ET"
        (d / f"plain-{i}.md").write_text(f"---\npublish_at: {when}\n---\n{body}",
                                         encoding="utf-8")
    return d


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "html"])
def test_jobs_2_answers_as_jobs_1(cli, catalog_path, folder, fmt) -> None:  # type: ignore[no-untyped-def]
    one = cli("check", folder, "--catalog", catalog_path, "--format", fmt, "--jobs", "1")
    two = cli("check", folder, "--catalog", catalog_path, "--format", fmt, "--jobs", "2")
    assert one.code in (1, 3) and one.out
    assert (two.code, two.out, two.err) == (one.code, one.out, one.err)


def test_bad_files_among_good_ones(cli, catalog_path, folder) -> None:  # type: ignore[no-untyped-def]
    (folder / "empty.md").write_text("", encoding="utf-8")
    (folder / "zz-blank.txt").write_text("  \n", encoding="utf-8")
    runs = [cli("check", folder, "--catalog", catalog_path, "--format", "json", "--jobs", j)
            for j in ("1", "2")]
    assert runs[0] == runs[1]
    r = runs[1]
    assert r.code == 2
    assert [line.split(":")[0] for line in r.err.splitlines()] == ["embargo", "embargo"]
    assert str(folder / "empty.md") in r.err and str(folder / "zz-blank.txt") in r.err
    doc = json.loads(r.out)
    assert len(doc["items"]) == 14
    assert [e["source"] for e in doc["errors"]] == [str(folder / "empty.md"),
                                                   str(folder / "zz-blank.txt")]


def test_stdin_keeps_its_place(cli, catalog_path, folder) -> None:  # type: ignore[no-untyped-def]
    files = sorted(str(p) for p in folder.glob("*.md"))[:4]
    r = cli("check", files[0], files[1], "-", files[2], files[3], "--catalog", catalog_path,
            "--format", "json", "--jobs", "2", stdin="---\nkind: social\n---\nNice day.\n")
    assert [i["source"] for i in json.loads(r.out)["items"]] == [*files[:2], "-", *files[2:]]


def test_jobs_must_be_positive(cli, catalog_path, folder) -> None:  # type: ignore[no-untyped-def]
    r = cli("check", folder, "--catalog", catalog_path, "--jobs", "0")
    assert r.code == 2 and "--jobs" in r.err
