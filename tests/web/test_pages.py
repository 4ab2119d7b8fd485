"""The pages over plain HTTP (the browser tests drive them for real): the same judgement as
the API, errors shown on the form as it was sent, escaping."""

from __future__ import annotations

import html

from tests.conftest import EXAMPLES
from tests.web.conftest import Server, multipart


def test_the_page_shows_the_api_judgement(served: Server) -> None:
    draft = (EXAMPLES / "drafts" / "03-news-story-pacific.md").read_text(encoding="utf-8")
    body, ctype = multipart({"text": draft, "zone": "Europe/Paris"})
    r = served.request("POST", "/", body, {"Content-Type": ctype})
    assert r.status == 200 and r.headers["content-type"].startswith("text/html")
    api = served.post_json("/v1/check", {"text": draft}).json()["items"][0]
    assert f'data-verdict="{api["verdict"]}"' in r.text
    for link in api["abstracts"]:
        assert f'data-abstract="{link["id"]}"' in r.text
    assert "Europe/Paris, your browser" in r.text
    assert r.text.count('class="finding"') == len(api["findings"])


def test_an_error_keeps_the_form_as_sent(served: Server) -> None:
    draft = "Hostile <b>bold</b> draft & text."
    body, ctype = multipart({"text": draft, "at": "the day after tomorrowish",
                             "kind": "editorial"})
    r = served.request("POST", "/", body, {"Content-Type": ctype})
    assert r.status == 400
    assert 'role="alert"' in r.text and "Cannot check this" in r.text
    assert html.escape(draft, quote=False) in r.text and "<b>bold</b>" not in r.text
    assert 'value="the day after tomorrowish"' in r.text
    assert '<option value="editorial" selected>' in r.text


def test_pages_answer_in_html(served: Server) -> None:
    assert served.get("/").status == 200
    cal = served.get("/calendar?meeting=acr-2024&zone=Asia/Tokyo")
    assert cal.status == 200 and 'class="lift"' in cal.text
    assert served.get("/calendar?meeting=xyz-1999").status == 404
    missing = served.get("/nowhere")
    assert missing.status == 404 and missing.headers["content-type"].startswith("text/html")
    assert served.get("/static/page.css").status == 200
    assert served.get("/static/check.css").headers["content-type"].startswith("text/css")
    assert served.get("/static/embargo.js").status == 200
