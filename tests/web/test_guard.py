"""Safe by default: loopback unless told; a bearer token off loopback; drafts kept only when
the config says so."""

from __future__ import annotations

import json
from pathlib import Path

from tests.web.conftest import make_catalog, multipart, start_server, write_config

TOKEN = "s3cret-token-0123456789abcdef"


def test_default_binding_is_loopback(tmp_path: Path) -> None:
    make_catalog(tmp_path / "catalog.db")
    write_config(tmp_path)
    server = start_server(tmp_path)
    try:
        assert server.url.startswith("http://127.0.0.1:")
        assert server.get("/healthz").json()["auth"] is False
    finally:
        assert server.stop() == 0


def test_any_other_address_without_a_token_refuses_to_start(tmp_path: Path) -> None:
    write_config(tmp_path)
    server = start_server(tmp_path, "--host", "0.0.0.0", expect_exit=True)
    assert server.proc.returncode == 2
    out = "".join(server.log)
    assert "needs a bearer token" in out and "token_env" in out
    assert "Traceback" not in out and len(out.strip().splitlines()) == 1
    # a token variable named but empty: refused too, naming the variable
    write_config(tmp_path, '[serve]\ntoken_env = "EMBARGO_TEST_TOKEN"\n')
    server = start_server(tmp_path, "--host", "0.0.0.0", expect_exit=True,
                          env={"EMBARGO_TEST_TOKEN": ""})
    assert server.proc.returncode == 2 and "EMBARGO_TEST_TOKEN" in "".join(server.log)


def test_off_loopback_every_request_needs_the_token(tmp_path: Path) -> None:
    make_catalog(tmp_path / "catalog.db")
    write_config(tmp_path, '[serve]\ntoken_env = "EMBARGO_TEST_TOKEN"\n')
    # bound to every address; the test itself only talks to 127.0.0.1
    server = start_server(tmp_path, "--host", "0.0.0.0", env={"EMBARGO_TEST_TOKEN": TOKEN})
    try:
        draft = {"text": "ACR20 was reached by 61.9% of patients (acr-2024:0645).",
                 "at": "2024-11-20 09:00 ET"}
        r = server.post_json("/v1/check", draft)
        assert r.status == 401 and r.json()["field"] == "Authorization"
        assert r.headers["www-authenticate"].startswith("Bearer")
        assert "items" not in r.text
        r = server.post_json("/v1/check", draft, {"Authorization": "Bearer wrong-token"})
        assert r.status == 401 and "not valid" in r.json()["error"]
        for path in ("/v1/policies", "/openapi.json", "/v1/lifts?meeting=acr-2024"):
            assert server.get(path).status == 401, path
        page = server.get("/")
        assert page.status == 401 and "Access token" in page.text  # the sign-in form
        r = server.post_json("/v1/check", draft, {"Authorization": f"Bearer {TOKEN}"})
        assert r.status == 200 and r.json()["items"][0]["verdict"] == "pass"
        assert server.get("/healthz").json()["auth"] is True  # open: for load balancers
        # the page signs in once and keeps the token in an HttpOnly, SameSite cookie
        body, ctype = multipart({"token": TOKEN})
        r = server.request("POST", "/login", body, {"Content-Type": ctype})
        assert r.status == 303
        cookie = r.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie
        jar = cookie.split(";", 1)[0]
        assert server.get("/", {"Cookie": jar}).status == 200
        body, ctype = multipart({"token": "nope"})
        assert server.request("POST", "/login", body, {"Content-Type": ctype}).status == 401
    finally:
        assert server.stop() == 0


def test_drafts_are_kept_only_when_configured(tmp_path: Path) -> None:
    make_catalog(tmp_path / "catalog.db")
    write_config(tmp_path, '[serve]\nkeep_drafts = "kept"\n')
    server = start_server(tmp_path)
    try:
        text = "ACR20 was reached by 61.9% of patients (acr-2024:0645). Marker 5521."
        r = server.post_json("/v1/check", {"text": text, "at": "2024-11-20 09:00 ET",
                                           "format": "text"})
        assert r.status == 200
        kept = sorted((tmp_path / "kept").iterdir())
        assert [p.suffix for p in kept] == [".txt", ".json"]
        assert kept[0].read_text(encoding="utf-8") == text
        assert json.loads(kept[1].read_text(encoding="utf-8"))["items"][0]["verdict"] == "pass"
    finally:
        assert server.stop() == 0
