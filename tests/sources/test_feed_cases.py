"""The invented corpus of nasty feeds (tests/cases/feeds/cases.toml): each case through the
real `embargo feeds check`, JSON out every time, no traceback, and what the case states."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, ROOT

CASES_DIR = ROOT / "tests" / "cases" / "feeds"
CASES: list[dict[str, Any]] = tomllib.loads(
    (CASES_DIR / "cases.toml").read_text(encoding="utf-8"))["case"]
AT = "2024-11-20T00:00:00Z"


def _check(cli: Any, catalog_path: Path, *targets: str) -> tuple[int, dict[str, Any], str]:
    r = cli("feeds", "check", *targets, "--format", "json", "--at", AT,
            "--catalog", str(catalog_path), "--config", str(EXAMPLES / "embargo.toml"))
    assert "Traceback" not in r.err and "unexpected error" not in r.err, r.err
    return r.code, json.loads(r.out), r.err


def test_every_file_of_the_corpus_has_a_case() -> None:
    stored = {p.name for p in CASES_DIR.iterdir() if p.name != "cases.toml"}
    assert stored == {c["file"] for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_case(case: dict[str, Any], cli: Any, catalog_path: Path) -> None:
    code, doc, _ = _check(cli, catalog_path, str(CASES_DIR / case["file"]))
    [feed] = doc["feeds"]
    items = [i for i in doc["items"] if i["feed"] == feed["feed"]]
    assert feed["status"] == case.get("status", "ok"), feed
    if "error" in case:
        assert case["error"] in feed["error"]
        assert {"source": feed["feed"], "feed": feed["feed"], "error": feed["error"]} in \
            doc["errors"]
        assert code == 3  # a feed that could not be checked is never "all clear"
    else:
        assert feed["error"] is None and not doc["errors"]
    if "entries" in case:
        assert feed["entries"] == len(items) == case["entries"]
    if "verdicts" in case:
        assert [i["verdict"] for i in items] == case["verdicts"]
        assert code == (1 if "violation" in case["verdicts"] else 0)
    if "titles" in case:
        assert [i["title"] for i in items] == case["titles"]
    if "notes" in case:
        assert any(case["notes"] in n for n in feed["notes"]), feed["notes"]
    if "dated" in case:
        dated = [i for i in items if "first sight" not in i["published_at_note"]]
        assert len(dated) == case["dated"]
        for i in items:
            if i not in dated:
                assert i["published_at"] == AT.replace("Z", "+00:00")
    for i in items:  # the contract's keys, and a source for every entry
        assert {"source", "title", "kind", "published_at", "verdict", "earliest_compliant",
                "abstracts", "findings"} <= set(i)
        assert i["source"]


def test_whole_corpus_in_one_run_keeps_order_and_errors_apart(cli: Any,
                                                             catalog_path: Path) -> None:
    files = [str(CASES_DIR / c["file"]) for c in CASES]
    code, doc, _ = _check(cli, catalog_path, *files)
    assert [f["feed"] for f in doc["feeds"]] == files
    bad = [c["file"] for c in CASES if c.get("status") == "error"]
    assert sorted(Path(e["feed"]).name for e in doc["errors"]) == sorted(bad)
    assert code == 1  # a violation wins over feed errors
    assert len(doc["items"]) == sum(f["entries"] for f in doc["feeds"])


def test_violation_entry_names_rule_lift_and_evidence(cli: Any, catalog_path: Path) -> None:
    _, doc, _ = _check(cli, catalog_path, str(CASES_DIR / "rss20-violation-and-pass.xml"))
    item = doc["items"][0]
    assert item["source"] == "https://wire.example/orchid2"  # the entry's link
    assert item["kind"] == "editorial" and item["kind_source"] == "configured default"
    assert item["published_at"] == "2024-11-14T14:30:00+00:00"
    assert [a["id"] for a in item["abstracts"]] == ["acr-2024:0645"]
    bad = [f for f in item["findings"] if not f["ok"]]
    assert bad and all(f["rule"].startswith("acr-2024/") for f in bad)
    assert all(f["lifts_at"] == "2024-11-14T15:00:00+00:00" for f in bad)
    assert any("surprised" in (f["evidence"] or "") for f in bad)


def test_kind_flag_and_missing_file(cli: Any, catalog_path: Path, tmp_path: Path) -> None:
    code, doc, _ = _check(cli, catalog_path, str(CASES_DIR / "rss091.xml"),
                          str(tmp_path / "nope.xml"), str(tmp_path))
    assert [f["status"] for f in doc["feeds"]] == ["ok", "error", "error"]
    assert "no such file" in doc["feeds"][1]["error"]
    assert "folder" in doc["feeds"][2]["error"]
    assert code == 3
    r = cli("feeds", "check", str(CASES_DIR / "rss091.xml"), "--kind", "social",
            "--format", "json", "--catalog", str(catalog_path))
    assert json.loads(r.out)["items"][0]["kind"] == "social"


def test_usage_errors_exit_2(cli: Any) -> None:
    r = cli("feeds", "check", str(CASES_DIR / "rss091.xml"), "--at", "not a time")
    assert r.code == 2 and r.err.count("\n") == 1
    assert cli("feeds", "check").code == 2
    assert cli("feeds", "check", "x.xml", "--workers", "0").code == 2


def test_text_format_lists_feeds_and_errors(cli: Any, catalog_path: Path) -> None:
    r = cli("feeds", "check", str(CASES_DIR / "rss20-violation-and-pass.xml"),
            str(CASES_DIR / "html-page.html"), "--at", AT, "--catalog", str(catalog_path))
    assert r.code in (0, 1, 3)
    assert "ERROR the response is an HTML page" in r.out
    assert "rss20-violation-and-pass.xml: 2 entries" in r.out


def _big_feed(n: int, body_chars: int) -> bytes:
    filler = ("Rheumatology clinics report steady demand for infusion slots. " *
              (body_chars // 62 + 1))[:body_chars]
    items = "".join(
        f"<item><title>Entry {i}</title><guid>big-{i}</guid>"
        f"<pubDate>Fri, 15 Nov 2024 09:00:00 GMT</pubDate>"
        f"<description>{filler}</description></item>" for i in range(n))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>{items}'
            "</channel></rss>").encode()


def test_ten_megabyte_feed_over_and_under_the_cap(cli: Any, tmp_path: Path,
                                                  catalog_path: Path) -> None:
    big = tmp_path / "big.xml"
    big.write_bytes(_big_feed(40, 270_000))
    assert big.stat().st_size > 10 * 1024 * 1024
    code, doc, _ = _check(cli, catalog_path, str(big))
    assert code == 3 and "larger than the limit" in doc["feeds"][0]["error"]
    cfg = tmp_path / "cap.toml"
    cfg.write_text("[daemon]\nmax_bytes = 20000000\n")
    r = cli("feeds", "check", str(big), "--format", "json", "--config", str(cfg),
            "--catalog", str(catalog_path))
    doc = json.loads(r.out)
    assert doc["feeds"][0]["status"] == "ok" and doc["feeds"][0]["entries"] == 40


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_jobs_2_answers_as_jobs_1(cli: Any, catalog_path: Path, fmt: str) -> None:
    """Feeds parsed and entries judged in worker processes: the answers of one process, in
    the same order (every file of the corpus: broken feeds among good ones)."""
    targets = sorted(str(CASES_DIR / c["file"]) for c in CASES)
    runs = [cli("feeds", "check", *targets, "--format", fmt, "--at", AT, "--jobs", j,
                "--catalog", str(catalog_path), "--config", str(EXAMPLES / "embargo.toml"))
            for j in ("1", "2")]
    assert runs[0].code == runs[1].code == 1
    assert runs[0].err == runs[1].err
    if fmt == "text":
        assert runs[0].out == runs[1].out
        return
    docs = [json.loads(r.out) for r in runs]
    for d in docs:
        for f in d["feeds"]:
            f.pop("duration")  # seconds taken: not an answer
    assert docs[0] == docs[1]
    assert len(docs[0]["items"]) > 20 and docs[0]["errors"]
