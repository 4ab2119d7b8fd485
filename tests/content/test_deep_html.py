"""Issue 11, item 5: deeply nested HTML is read without recursion, in a check and in the
daemon's draft folders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from embargo.content.htmltext import html_to_text, parse_html
from embargo.daemon import jobs
from tests.daemon.test_jobs import make_ctx  # noqa: F401

DEPTH = 100_000


def _deep(depth: int = DEPTH) -> str:
    return ("<html><body>" + "<div>" * depth
            + "<p>The hospital car park reopens on Monday with forty more spaces.</p>"
            + "</div>" * depth + "</body></html>")


def test_a_hundred_thousand_nested_divs_are_read() -> None:
    doc = parse_html(_deep())
    assert "car park reopens" in doc.text
    _, text, _ = html_to_text("<article>" + "<span><b>" * 50_000 + "deep words"
                              + "</b></span>" * 50_000 + "</article>")
    assert "deep words" in text


def test_same_text_as_before_for_ordinary_pages() -> None:
    page = ("<html><head><title>A story | Site</title></head><body><nav>Home</nav>"
            "<article><h1>Big news</h1><p>First para.</p><ul><li>one</li><li>two</li></ul>"
            "<p>Photo: <img src='poster.png' alt='the poster'></p></article>"
            "<footer class='site-footer'>(c) Site</footer></body></html>")
    doc = parse_html(page)
    assert doc.text == ("# Big news\n\nFirst para.\n\n- one\n\n- two\n\nPhoto:\n\n"
                        "[Image: the poster] (poster.png)")
    assert doc.title == "Big news"


def test_check_of_a_deep_page(cli: Any, tmp_path: Path, catalog_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text(_deep(), encoding="utf-8")
    r = cli("check", page, "--catalog", catalog_path, "--format", "json", "--kind", "editorial")
    assert r.code == 0, r.err
    assert json.loads(r.out)["items"][0]["verdict"] == "pass"


def test_daemon_reads_a_deep_draft(make_ctx: Any, tmp_path: Path) -> None:  # noqa: F811
    from embargo.sources.drafts import DraftFolderSource

    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "deep.html").write_text(_deep(), encoding="utf-8")
    ctx = make_ctx({"drafts": [{"path": str(folder), "kind": "editorial"}]})
    out = jobs.poll_source(ctx, DraftFolderSource(ctx.config.drafts[0], ctx.stop))
    assert (out.status, out.errors, out.new) == ("ok", 0, 1), out
    [status] = ctx.state.feeds()
    assert status.ok and status.entries_seen == 1
