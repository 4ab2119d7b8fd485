"""The HTML report in a real headless Chromium: it renders and shows the findings.

Skipped, saying why, where no Chromium can be found (``.ci/run`` installs the Debian package;
set ``EMBARGO_CHROMIUM`` to a browser binary to use another one).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser() -> str | None:
    explicit = os.environ.get("EMBARGO_CHROMIUM")
    if explicit:
        return explicit
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def headless(browser: str, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    args = [browser, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--disable-dev-shm-usage", f"--user-data-dir={profile}", *extra]
    return subprocess.run(args, capture_output=True, text=True, timeout=90)


@pytest.fixture()
def browser() -> str:
    found = find_browser()
    if found is None:
        pytest.skip("no headless Chromium here (looked for /usr/bin/chromium, "
                    f"{', '.join(CANDIDATES)} and $EMBARGO_CHROMIUM): install the distribution's "
                    "chromium package (as .ci/run does) to run the HTML report browser test")
    probe = subprocess.run([found, "--version"], capture_output=True, text=True, timeout=30)
    if probe.returncode != 0:
        pytest.skip(f"{found} does not start here: {probe.stderr.strip()[:200]}")
    return found


def test_html_report_renders_in_chromium(cli, populated, tmp_path, browser) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "report.html"
    r = cli("report", "--config", populated, "--since", "1d", "--at", "2024-11-14 09:45 ET",
            "--format", "html", "-o", page)
    assert r.code == 0, r.err
    dom = headless(browser, tmp_path / "profile", "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = dom.stdout
    # the browser built the page: title, sections, one row per finding
    assert "<title>embargo report</title>" in html
    assert 'data-meeting="acr-2024"' in html
    assert html.count('class="finding"') >= 2
    assert 'data-lifts-at="2024-11-14T15:00:00+00:00"' in html
    assert "Violations (1)" in html and "Needs review (1)" in html
    assert "most consistent joint responses" in html
    # the hostile title stayed text: the DOM holds no script element
    assert "<script" not in html and "&lt;script&gt;" in html
    shot = tmp_path / "report.png"
    s = headless(browser, tmp_path / "profile", f"--screenshot={shot}",
                 "--window-size=1100,900", page.as_uri())
    assert s.returncode == 0 and shot.exists(), s.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000  # not a blank page
