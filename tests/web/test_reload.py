"""Policies and catalogue are loaded once, and again when their files change."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES, ROOT
from tests.web.conftest import CASES, start_server, write_config

POLICY = CASES / "policies" / "tso-2025.toml"


def test_policy_and_catalogue_changes_are_picked_up(tmp_path: Path) -> None:
    folder = tmp_path / "pol"
    folder.mkdir()
    write_config(tmp_path, policies=str(folder))
    subprocess.run([sys.executable, "-m", "embargo", "abstracts", "import",
                    str(EXAMPLES / "catalog.jsonl"), "--catalog", str(tmp_path / "catalog.db")],
                   check=True, capture_output=True, cwd=ROOT, timeout=120)
    server = start_server(tmp_path)
    try:
        first = server.get("/healthz").json()
        ids = [p["id"] for p in server.get("/v1/policies").json()["policies"]]
        assert "tso-2025" not in ids
        assert server.get("/healthz").json()["generation"] == first["generation"]  # no reload
        # a new policy file in the configured folder
        shutil.copy(POLICY, folder / "tso-2025.toml")
        ids = [p["id"] for p in server.get("/v1/policies").json()["policies"]]
        assert "tso-2025" in ids
        assert server.get("/healthz").json()["generation"] == first["generation"] + 1
        # a broken edit: refused with the file's own error until it is fixed
        good = (folder / "tso-2025.toml").read_text(encoding="utf-8")
        (folder / "tso-2025.toml").write_text(good + "\n[nonsense\n", encoding="utf-8")
        r = server.post_json("/v1/check", {"text": "Hello."})
        assert r.status == 503, r.text
        assert "tso-2025.toml" in r.json()["error"] and "TOML" in r.json()["error"]
        assert server.get("/healthz").status == 503
        (folder / "tso-2025.toml").write_text(good, encoding="utf-8")
        assert server.get("/v1/policies/tso-2025").status == 200
        # abstracts imported into the catalogue while the service runs
        assert server.get("/v1/abstracts/acr-2024:1123").status == 404
        subprocess.run([sys.executable, "-m", "embargo", "abstracts", "import",
                        str(CASES / "catalog.jsonl"), "--catalog",
                        str(tmp_path / "catalog.db")],
                       check=True, capture_output=True, cwd=ROOT, timeout=120)
        assert server.get("/v1/abstracts/acr-2024:1123").status == 200
    finally:
        assert server.stop() == 0
