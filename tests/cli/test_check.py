"""``embargo check`` through the real entry point: contract JSON, exit codes, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES


def _write(tmp: Path, name: str, text: str) -> Path:
    p = tmp / name
    p.write_text(text, encoding="utf-8")
    return p


RELEASE = """---
kind: press-release
abstracts: [acr-2024:0645]
---
FOR IMMEDIATE RELEASE

ACR20 at week 24 was reached by 61.9% of patients on zelorimab every 4 weeks versus 35.7% on
placebo in the ORCHID-2 trial.

"These responses are the most consistent we have seen," said Dr. Hannah Okafor.
"""


def test_contract_json_shape_and_violation_exit(cli, catalog_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    draft = _write(tmp_path, "release.md", RELEASE)
    r = cli("check", draft, "--at", "2024-11-14 09:59:59 ET", "--format", "json",
            "--catalog", catalog_path)
    assert r.code == 1, r.err
    doc = json.loads(r.out)
    (item,) = doc["items"]
    assert item["source"] == str(draft)
    assert item["kind"] == "press-release"
    assert item["verdict"] == "violation"
    assert item["published_at"] == "2024-11-14T14:59:59+00:00"
    assert item["earliest_compliant"] == "2024-11-14T15:00:00+00:00"
    assert item["abstracts"][0]["id"] == "acr-2024:0645"
    assert 0 <= item["abstracts"][0]["confidence"] <= 1
    beyond = [f for f in item["findings"] if f["tier"] == "beyond"]
    assert beyond and beyond[0]["rule"] == "acr-2024/beyond"
    assert beyond[0]["lifts_at"] == "2024-11-14T15:00:00+00:00"
    assert "said Dr. Hannah Okafor" in beyond[0]["evidence"]
    assert beyond[0]["ok"] is False
    abstract = [f for f in item["findings"] if f["tier"] == "abstract"]
    assert abstract and abstract[0]["ok"] is True


def test_at_the_lift_passes(cli, catalog_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    draft = _write(tmp_path, "release.md", RELEASE)
    r = cli("check", draft, "--at", "2024-11-14 10:00 ET", "--format", "json",
            "--catalog", catalog_path)
    assert r.code == 0, r.out + r.err
    assert json.loads(r.out)["items"][0]["verdict"] == "pass"


def test_stdin_and_order_and_review_exit(cli, catalog_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    unknown = _write(tmp_path, "unknown.md",
                     "---\nkind: press-release\nmeeting: zzz-2025\n---\nA study.\n")
    r = cli("check", unknown, "-", "--at", "2024-11-20T00:00:00Z", "--format", "json",
            "--catalog", catalog_path, stdin="---\nkind: social\n---\nNice day.\n")
    assert r.code == 3, r.err
    items = json.loads(r.out)["items"]
    assert [i["source"] for i in items] == [str(unknown), "-"]
    assert [i["verdict"] for i in items] == ["review", "pass"]


def test_flags_win_over_front_matter(cli, catalog_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    draft = _write(tmp_path, "d.md", RELEASE.replace("kind: press-release",
                                                       "kind: editorial\npublish_at: 2024-11-20 "
                                                       "10:00 ET"))
    r = cli("check", draft, "--kind", "press-release", "--at", "2024-11-14T14:00:00Z",
            "--format", "json", "--catalog", catalog_path)
    item = json.loads(r.out)["items"][0]
    assert item["kind"] == "press-release"
    assert item["published_at"] == "2024-11-14T14:00:00+00:00"


def test_naive_at_is_read_in_configured_zone_and_reported(cli, catalog_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cfg = _write(tmp_path, "embargo.toml", 'timezone = "America/Los_Angeles"\n')
    draft = _write(tmp_path, "release.md", RELEASE)
    r = cli("check", draft, "--at", "2024-11-14 07:00", "--format", "json", "--config", cfg,
            "--catalog", catalog_path)
    item = json.loads(r.out)["items"][0]
    assert item["published_at"] == "2024-11-14T15:00:00+00:00"
    assert "America/Los_Angeles" in item["published_at_note"]


def test_text_output_says_when_to_publish(cli, catalog_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    draft = _write(tmp_path, "release.md", RELEASE)
    r = cli("check", draft, "--at", "2024-11-14 09:00 ET", "--catalog", catalog_path)
    assert r.code == 1
    assert "VIOLATION" in r.out and "You may publish this at Thu 14 Nov 2024 10:00 EST" in r.out
    assert "\x1b[" not in r.out  # no colour when piped


def test_demo_folder(cli, catalog_path) -> None:  # type: ignore[no-untyped-def]
    r = cli("check", EXAMPLES / "drafts", "--format", "json", "--catalog", catalog_path,
            "--config", EXAMPLES / "embargo.toml")
    verdicts = {Path(i["source"]).name: i["verdict"] for i in json.loads(r.out)["items"]}
    assert verdicts["01-release-after-online.md"] == "pass"
    assert verdicts["02-release-with-quote-before-lift.md"] == "violation"
    assert verdicts["03-news-story-pacific.md"] == "violation"
    assert verdicts["06-unknown-meeting.md"] == "review"
    assert r.code == 1


@pytest.mark.parametrize("args, content, fragment", [
    (["--at", "tomorrow-ish"], RELEASE, "cannot read the time"),
    (["--at", "2024-11-14 10:00 XYZ"], RELEASE, "unknown zone label"),
    (["--kind", "blog"], RELEASE, "invalid choice"),
    ([], "---\nkind: blog\n---\ntext\n", "unknown kind"),
    ([], "---\npublish_at: soon\n---\ntext\n", "publish_at"),
    ([], "---\nabstracts: [acr-2024:9999]\n---\ntext\n", "unknown abstract id"),
    ([], "---\nabstracts: nonsense id\n---\ntext\n", "abstract id"),
    ([], "---\ntitle: [unclosed\n---\ntext\n", "YAML"),
    ([], "---\nkind: social\nno closing fence\n", "never closed"),
    ([], "+++\nkind = \n+++\ntext\n", "TOML"),
    ([], "---\npublishat: 2024-11-14 10:00 ET\n---\ntext\n", "did you mean 'publish_at'"),
    ([], b"\x00\x01binary\x00", "binary"),
])
def test_bad_input_is_one_line_exit_2(cli, catalog_path, tmp_path, args, content, fragment) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "draft.md"
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    r = cli("check", p, *args, "--catalog", catalog_path)
    assert r.code == 2, (r.out, r.err)
    lines = [ln for ln in r.err.splitlines() if ln.strip()]
    assert len(lines) == 1, r.err
    assert fragment in lines[0]
    assert "Traceback" not in r.err


def test_missing_file_and_huge_file(cli, catalog_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = cli("check", tmp_path / "nope.md", "--catalog", catalog_path)
    assert r.code == 2 and "no such file" in r.err
    big = tmp_path / "big.md"
    big.write_bytes(b"a" * (6 * 1024 * 1024))
    r = cli("check", big, "--catalog", catalog_path)
    assert r.code == 2 and "too large" in r.err


def test_odd_but_valid_input_is_judged(cli, catalog_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # (An empty file is not valid input: tests/cli/test_no_silent_pass.py.)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 society news, na\xefve but valid.".encode("latin-1"))
    r = cli("check", latin, "--at", "2024-11-14T15:00:00Z", "--format", "json",
            "--catalog", catalog_path)
    assert r.code == 0, r.err
    assert [i["verdict"] for i in json.loads(r.out)["items"]] == ["pass"]


def test_unknown_id_of_a_meeting_without_policy_is_review(cli, catalog_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    draft = _write(tmp_path, "d.md", "---\nkind: press-release\nabstracts: [zzz-2025:12]\n---\n"
                                     "A study will be presented.\n")
    r = cli("check", draft, "--at", "2025-01-01T00:00:00Z", "--format", "json",
            "--catalog", catalog_path)
    assert r.code == 3, r.err
    item = json.loads(r.out)["items"][0]
    assert item["verdict"] == "review" and item["earliest_compliant"] is None
    assert "zzz-2025" in item["findings"][0]["message"]
