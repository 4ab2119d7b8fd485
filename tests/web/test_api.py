"""The HTTP API through a real ``embargo serve`` process on loopback."""

from __future__ import annotations

import json
import shutil
from typing import Any

import pytest

from tests.conftest import EXAMPLES
from tests.web.conftest import CASES, Server, multipart

DRAFTS = sorted((EXAMPLES / "drafts").glob("*.md"))
AT = "2024-10-28 09:00 ET"
#: Drafts from the content test set, in every format the reader knows, judged at AT.
MORE = ["acr0457-forward.eml", "acr0457-news-medscape.html", "acr0457-news-noFM.txt",
        "acr1123-release-quote.md", "acrL07-poster-photo.html"]


def cli_json(cli: Any, served: Server, *args: Any, stdin: str | None = None) -> str:
    r = cli("check", *args, "--format", "json", "--config", served.folder / "embargo.toml",
            stdin=stdin)
    assert r.code in (0, 1, 3), r.err
    return str(r.out)


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.name)
def test_check_json_is_the_cli_json_for_the_bundled_drafts(cli, served, draft) -> None:  # type: ignore[no-untyped-def]
    expected = cli_json(cli, served, draft)
    r = served.post_json("/v1/check", {"text": draft.read_text(encoding="utf-8"),
                                       "source": str(draft)})
    assert r.status == 200, r.text
    assert r.headers["content-type"] == "application/json"
    assert r.text == expected  # byte for byte
    verdict = json.loads(expected)["items"][0]["verdict"]
    assert r.headers["embargo-verdict"] == verdict
    assert r.headers["embargo-exit-code"] == {"pass": "0", "violation": "1", "review": "3"}[
        verdict]


@pytest.mark.parametrize("name", MORE)
def test_check_upload_and_raw_body_give_the_cli_json(cli, served, tmp_path, name) -> None:  # type: ignore[no-untyped-def]
    raw = (CASES / "drafts" / name).read_bytes()
    shutil.copy(CASES / "drafts" / name, tmp_path / name)  # the cli fixture runs in tmp_path
    expected = cli_json(cli, served, name, "--at", AT)
    body, ctype = multipart({"at": AT}, {"file": (name, raw)})
    r = served.request("POST", "/v1/check", body, {"Content-Type": ctype})
    assert r.status == 200, r.text
    assert r.text == expected
    # the same draft as stdin / a raw body: source "-", format sniffed the same way
    expected = cli_json(cli, served, "-", "--at", AT, stdin=raw.decode("utf-8"))
    r = served.request("POST", "/v1/check?at=" + AT.replace(" ", "%20"), raw,
                       {"Content-Type": "text/plain"})
    assert r.status == 200, r.text
    assert r.text == expected


def test_check_options_as_the_cli_flags(cli, served) -> None:  # type: ignore[no-untyped-def]
    draft = CASES / "drafts" / "acr0457-news-noFM.txt"
    expected = cli_json(cli, served, draft, "--at", "2024-11-20 09:00 ET", "--kind", "social",
                        "--meeting", "acr-2024", "--abstract", "acr-2024:0457")
    r = served.post_json("/v1/check", {
        "text": draft.read_text(encoding="utf-8"), "source": str(draft),
        "at": "2024-11-20 09:00 ET", "kind": "social", "meeting": "acr-2024",
        "abstracts": ["acr-2024:0457"]})
    assert r.text == expected
    doc = r.json()["items"][0]
    assert doc["kind"] == "social" and doc["kind_source"] == "flag"
    assert doc["published_at"] == "2024-11-20T14:00:00+00:00"


@pytest.mark.parametrize("fmt", ["text", "sarif", "junit", "html"])
def test_other_formats_are_the_cli_formats(cli, served, fmt) -> None:  # type: ignore[no-untyped-def]
    draft = DRAFTS[1]
    r = cli("check", draft, "--format", fmt, "--color", "never", "--config",
            served.folder / "embargo.toml")
    got = served.post_json("/v1/check", {"text": draft.read_text(encoding="utf-8"),
                                         "source": str(draft), "format": fmt})
    assert got.status == 200
    assert got.text == r.out


def test_html_format_escapes_a_hostile_draft(served) -> None:
    hostile = ("---\nkind: social\npublish_at: 2024-11-20 09:00 ET\ntitle: <script>alert(1)"
               "</script>\n---\nACR20 was reached by 61.9% <img src=x onerror=alert(2)> of "
               "patients on zelorimab (acr-2024:0645). <script>alert(3)</script>\n")
    r = served.post_json("/v1/check", {"text": hostile, "format": "html"})
    assert r.status == 200
    assert "<script>" not in r.text and "<img" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert "&lt;img src=x onerror=alert(2)&gt;" in r.text


@pytest.mark.parametrize(("doc", "field", "words"), [
    ({"text": "x", "kind": "blog"}, "kind", "unknown kind 'blog'"),
    ({"text": "x", "at": "next tuesdayish"}, "at", ""),
    ({"text": "x", "format": "pdf"}, "format", "unknown format 'pdf'"),
    ({"text": "x", "colour": "red"}, "colour", "unknown field 'colour'"),
    ({"text": "  "}, "text", "empty"),
    ({"kind": "social"}, "text", "no draft"),
    ({"text": 12}, "text", "must be a string"),
    ({"text": "x", "abstracts": ["0645"]}, "abstracts", "not an abstract id"),
    ({"text": "x", "abstracts": ["acr-2024:9999"]}, "abstracts", "unknown abstract id"),
    ({"text": "x", "zone": "Mars/Olympus"}, "zone", ""),
    ({"text": "x", "input_format": "pdf"}, "input_format", "unknown draft format"),
])
def test_bad_input_is_400_naming_the_field(served, doc, field, words) -> None:  # type: ignore[no-untyped-def]
    r = served.post_json("/v1/check", doc)
    assert r.status == 400, r.text
    body = r.json()
    assert body["ok"] is False and body["field"] == field and body["status"] == 400
    assert words in body["error"]
    assert "\n" not in body["error"] and "Traceback" not in r.text


def test_malformed_requests(served) -> None:
    r = served.request("POST", "/v1/check", "{not json", {"Content-Type": "application/json"})
    assert r.status == 400 and r.json()["field"] == "body"
    r = served.request("POST", "/v1/check", "[1, 2]", {"Content-Type": "application/json"})
    assert r.status == 400 and "must be an object" in r.json()["error"]
    r = served.request("POST", "/v1/check", b"%PDF-1.7", {"Content-Type": "application/pdf"})
    assert r.status == 415 and r.json()["field"] == "Content-Type"
    r = served.request("POST", "/v1/check?colour=red", "text", {"Content-Type": "text/plain"})
    assert r.status == 400 and r.json()["field"] == "colour"
    r = served.request("POST", "/v1/check", b"\x00\x01binary", {"Content-Type": "text/plain"})
    assert r.status == 422 and "binary file" in r.json()["error"]
    r = served.get("/v1/check")
    assert r.status == 405 and r.headers["allow"] == "POST" and r.json()["ok"] is False
    r = served.get("/v1/nothing-here")
    assert r.status == 404 and r.json()["ok"] is False


def test_a_bad_front_matter_is_422_naming_the_key(served) -> None:
    r = served.post_json("/v1/check", {"text": "---\nkind: blogger\n---\nHello.\n"})
    assert r.status in (400, 422), r.text
    body = r.json()
    assert "blogger" in body["error"] and "\n" not in body["error"]


def test_oversized_bodies_are_refused(served) -> None:
    big = "word " * 20_000  # 100 kB, the module's server allows 64 kB
    r = served.post_json("/v1/check", {"text": big})
    assert r.status == 413, r.text
    assert r.json()["field"] == "body" and "65,536" in r.json()["error"]
    # announced length alone is enough: the body is never read
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    conn.putrequest("POST", "/v1/check")
    conn.putheader("Content-Type", "text/plain")
    conn.putheader("Content-Length", str(50 * 1024 * 1024))
    conn.endheaders()
    resp = conn.getresponse()
    assert resp.status == 413 and json.loads(resp.read())["field"] == "body"
    conn.close()
    # no Content-Length (chunked): counted as it arrives
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    conn.request("POST", "/v1/check", body=iter([b"x" * 40_000, b"y" * 40_000]),
                  headers={"Content-Type": "text/plain"}, encode_chunked=True)
    resp = conn.getresponse()
    assert resp.status == 413 and json.loads(resp.read())["field"] == "body"
    conn.close()
    # and the server is still fine
    assert served.get("/healthz").status == 200


def test_when_is_the_cli_json(cli, served) -> None:  # type: ignore[no-untyped-def]
    r = cli("when", "acr-2024:0645", "--kind", "editorial", "--format", "json", "--config",
            served.folder / "embargo.toml")
    got = served.get("/v1/when/acr-2024:0645?kind=editorial")
    assert got.status == 200 and got.text == r.out
    assert served.get("/v1/when/acr-2024:4242").status == 404
    assert served.get("/v1/when/acr-2024:4242").json()["field"] == "abstract_id"
    assert served.get("/v1/when/nonsense").status == 400
    assert served.get("/v1/when/acr-2024:0645?kind=blog").json()["field"] == "kind"
    assert served.get("/v1/when/acr-2024:0645?colour=1").status == 400


def test_policies(served) -> None:
    listed = served.get("/v1/policies").json()["policies"]
    ids = [p["id"] for p in listed]
    assert "acr-2024" in ids and "tso-2025" in ids  # bundled and the configured folder
    one = served.get("/v1/policies/acr-2024").json()
    assert one["zone"] == "America/New_York" and one["rules"]
    assert all(r["id"].startswith("acr-2024/") for r in one["rules"])
    assert "ACR Convergence 2024" in one["explanation"]
    missing = served.get("/v1/policies/xyz-1999")
    assert missing.status == 404 and "xyz-1999" in missing.json()["error"]


def test_abstracts(cli, served) -> None:  # type: ignore[no-untyped-def]
    r = cli("abstracts", "search", "lupus", "nephritis", "--format", "json", "--config",
            served.folder / "embargo.toml")
    got = served.get("/v1/abstracts?q=lupus%20nephritis")
    assert got.status == 200 and got.text == r.out
    assert got.json()["results"]
    assert served.get("/v1/abstracts?q=lupus&meeting=asco-2024").json() == {"results": []}
    assert served.get("/v1/abstracts").json()["field"] == "q"
    assert served.get("/v1/abstracts?q=x&limit=0").json()["field"] == "limit"
    assert served.get("/v1/abstracts/acr-2024:0645").json()["title"].startswith("Efficacy")
    assert served.get("/v1/abstracts/acr-2024:4242").status == 404


def test_calendar_and_lifts(served) -> None:
    from icalendar import Calendar

    r = served.get("/v1/calendar.ics?meeting=acr-2024")
    assert r.status == 200 and r.headers["content-type"].startswith("text/calendar")
    cal = Calendar.from_ical(r.body)
    events = [c for c in cal.walk("VEVENT")]
    assert events
    starts = {e.decoded("DTSTART").isoformat() for e in events}
    lifts = served.get("/v1/lifts?meeting=acr-2024").json()
    assert lifts["zone"] == "America/New_York"
    free = {x["free_from"] for x in lifts["lifts"] if x["free_from"]}
    # every timed calendar entry is a lift of the JSON view (same data, two renderings)
    assert {s.replace("+00:00", "") for s in starts if "T" in s} <= {
        f.replace("+00:00", "") for f in free}
    assert served.get("/v1/calendar.ics").json()["field"] == "meeting"
    assert served.get("/v1/lifts?meeting=xyz-1999").status == 404
    assert served.get("/v1/lifts?meeting=acr-2024&kind=blog").json()["field"] == "kind"


def test_health_and_security_headers(served) -> None:
    r = served.get("/healthz")
    doc = r.json()
    assert doc["ok"] is True and doc["policies"] >= 10 and doc["abstracts"] > 5
    assert doc["auth"] is False
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_openapi_is_valid_and_lists_every_route(served) -> None:
    from openapi_spec_validator import validate

    from embargo.web.endpoints import ROUTES

    doc = served.get("/openapi.json").json()
    validate(doc)
    paths = set(doc["paths"])
    assert paths == {r.path for r in ROUTES}


def test_answers_match_the_openapi_schemas(served) -> None:
    from jsonschema import Draft202012Validator

    doc = served.get("/openapi.json").json()

    def check(path: str, body: Any, method: str = "get", status: str = "200") -> None:
        op = doc["paths"][path][method]
        schema = op["responses"][status]["content"]["application/json"]["schema"]
        # refs (#/components/...) resolve within a root that carries the components
        v = Draft202012Validator({**schema, "components": doc["components"]})
        errors = list(v.iter_errors(body))
        assert not errors, [e.message for e in errors[:3]]

    for draft in DRAFTS:
        r = served.post_json("/v1/check", {"text": draft.read_text(encoding="utf-8")})
        check("/v1/check", r.json(), "post")
    check("/v1/when/{abstract_id}", served.get("/v1/when/acr-2024:0645").json())
    check("/v1/policies", served.get("/v1/policies").json())
    check("/v1/policies/{meeting_id}", served.get("/v1/policies/acr-2024").json())
    check("/v1/abstracts", served.get("/v1/abstracts?q=lupus").json())
    check("/v1/lifts", served.get("/v1/lifts?meeting=acr-2024").json())
    check("/v1/check", served.post_json("/v1/check", {"text": "x", "kind": "no"}).json(),
          "post", "400")


def test_no_draft_is_stored_by_default(served) -> None:
    before = sorted(p.relative_to(served.folder) for p in served.folder.rglob("*"))
    secret = "Zelorimab unpublished secret sentence 8842."
    assert served.post_json("/v1/check", {"text": secret}).status == 200
    after = sorted(p.relative_to(served.folder) for p in served.folder.rglob("*"))
    assert after == before
    for p in served.folder.rglob("*"):
        if p.is_file():
            assert b"8842" not in p.read_bytes(), p
    assert not any("8842" in line for line in served.log)
