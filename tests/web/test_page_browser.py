"""The page in a real headless Chromium (the distribution's, driven by Selenium through the
distribution's chromedriver): paste a draft, submit with the keyboard, read the verdict and
the marked sentences; a hostile draft stays text; a phone-width screen; the lift calendar.

Skipped, saying why, where Chromium, chromedriver or Selenium is missing (``.ci/run`` installs
them; under CI, with ``CI`` set, a missing browser fails instead).
``EMBARGO_SCREENSHOTS=DIR`` also writes the screenshots that docs/serve.md shows.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES
from tests.web.conftest import Server, make_catalog, multipart, start_server, write_config

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = os.environ.get("EMBARGO_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = os.environ.get("EMBARGO_CHROMEDRIVER") or shutil.which("chromedriver") or \
    "/usr/bin/chromedriver"
READER_ZONE = "Asia/Tokyo"  # the browser's own zone here: neither the venue's nor UTC


def _skip_reason() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    if not Path(CHROMIUM).exists():
        return (f"no Chromium at {CHROMIUM}: install the distribution's chromium package (as "
                ".ci/run does) or set EMBARGO_CHROMIUM")
    if not Path(DRIVER).exists():
        return (f"no chromedriver at {DRIVER}: install the distribution's chromium-driver "
                "package (as .ci/run does) or set EMBARGO_CHROMEDRIVER")
    return None


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    reason = _skip_reason()
    if reason and os.environ.get("CI"):
        pytest.fail(f"CI must run the page tests: {reason}")
    if reason:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("page")
    make_catalog(folder / "catalog.db")
    write_config(folder)
    server = start_server(folder)
    yield server
    assert server.stop() == 0


@pytest.fixture(scope="module")
def browser(site: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                 f"--user-data-dir={tmp_path_factory.mktemp('profile')}",
                 "--window-size=1100,1000"):
        opts.add_argument(flag)
    env = {**os.environ, "TZ": READER_ZONE}
    service = Service(executable_path=DRIVER, env=env)
    driver = webdriver.Chrome(service=service, options=opts)
    driver.set_page_load_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()


def shoot(driver: Any, tmp_path: Path, name: str) -> Path:
    """A screenshot of the whole page (the window grown to its height, then restored)."""
    path = tmp_path / name
    size = driver.get_window_size()
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(size["width"], min(int(height) + 140, 5000))
    driver.execute_script("window.scrollTo(0, 0)")
    try:
        driver.save_screenshot(str(path))
    finally:
        driver.set_window_size(size["width"], size["height"])
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000  # not a blank page
    out = os.environ.get("EMBARGO_SCREENSHOTS")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(out) / name)
    return path


def new_page(driver: Any, act: Any, ready_css: str) -> None:
    """Do ``act`` (a submit) and wait until the next page has replaced this one and shows
    ``ready_css``.  The old document is marked first, so the wait cannot mistake it for the
    new one; errors while the browser is between documents are retried."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script("document.documentElement.dataset.embargoOld = '1'")
    act()

    def arrived(d: Any) -> bool:
        fresh = d.execute_script("return document.readyState === 'complete' && "
                                 "document.documentElement.dataset.embargoOld === undefined")
        return bool(fresh) and bool(d.find_elements(By.CSS_SELECTOR, ready_css))

    WebDriverWait(driver, 120, ignored_exceptions=(WebDriverException,)).until(arrived)


def paste_and_submit(driver: Any, site: Server, text: str, at: str = "") -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.get(site.url + "/")
    box = driver.find_element(By.ID, "text")
    box.send_keys(text)
    if at:
        driver.find_element(By.ID, "at").send_keys(at)
    button = driver.find_element(By.CSS_SELECTOR, "#check-form button[type=submit]")
    # the keyboard, not a click
    new_page(driver, lambda: button.send_keys(Keys.ENTER), "#result, #form-error")


def test_a_press_officer_checks_a_draft(browser: Any, site: Server, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    draft = (EXAMPLES / "drafts" / "02-release-with-quote-before-lift.md").read_text(
        encoding="utf-8")
    paste_and_submit(browser, site, draft)
    item = browser.find_element(By.CSS_SELECTOR, "#result article.item")
    assert item.get_attribute("data-verdict") == "violation"
    assert browser.find_element(By.CSS_SELECTOR, "#result .badge .verdict").text == "Violation"
    # focus moved to the answer, so keyboard and screen-reader users land on it
    assert browser.switch_to.active_element.get_attribute("id") == "result"
    # every sentence is there, the quote marked beyond and under embargo
    beyond = browser.find_elements(By.CSS_SELECTOR, '#result .s[data-tier="beyond"]')
    assert len(beyond) == 2
    assert all(s.get_attribute("data-verdict") == "violation" for s in beyond)
    assert "most consistent joint responses" in beyond[0].text
    assert "UNDER EMBARGO" in beyond[0].text.upper()
    restated = browser.find_elements(By.CSS_SELECTOR, '#result .s[data-tier="abstract"]')
    assert restated and "61.9%" in restated[0].text
    assert len(browser.find_elements(By.CSS_SELECTOR, "#result .sentences .s")) == 5
    # the passages to cut, and the earliest time in the reader's zone and the venue's
    cuts = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#result ol.cut li")]
    assert len(cuts) == 2 and "head-to-head" in cuts[1]
    reader = browser.find_element(By.CSS_SELECTOR, "#result .earliest .t-reader")
    assert reader.text == "Fri 15 Nov 2024 00:00 JST"  # 10:00 EST is midnight in Tokyo
    assert READER_ZONE in browser.find_element(By.CSS_SELECTOR, "#result .earliest").text
    venue = browser.find_element(By.CSS_SELECTOR, "#result .earliest .t-venue")
    assert venue.text == "Thu 14 Nov 2024 10:00 EST"
    assert venue.get_attribute("datetime") == "2024-11-14T15:00:00+00:00"
    # the inferred kind and time are shown on the form, ready to be changed
    assert "found: press-release" in browser.find_element(By.ID, "kind").text
    assert "front matter publish_at" in browser.find_element(By.ID, "at-help").text
    # the same judgement as the API gives for the same draft
    api = site.post_json("/v1/check", {"text": draft}).json()["items"][0]
    assert api["verdict"] == "violation"
    assert api["earliest_compliant"] == venue.get_attribute("datetime")
    shoot(browser, tmp_path, "serve-check.png")


def test_a_hostile_draft_stays_text(browser: Any, site: Server) -> None:
    from selenium.webdriver.common.by import By

    hostile = ("---\ntitle: <script>window.__pwned = 1</script>\n---\n"
               "ACR20 at week 24 was reached by 61.9% of patients on zelorimab "
               "<img src=x onerror=\"window.__pwned = 2\"> (acr-2024:0645).\n\n"
               "<script>window.__pwned = 3</script> \"Wonderful,\" said Dr. Hannah Okafor.\n")
    paste_and_submit(browser, site, hostile, at="2024-11-01 09:00 ET")
    assert browser.execute_script("return window.__pwned === undefined")
    assert not browser.find_elements(By.CSS_SELECTOR, "#result script, #result img")
    title = browser.find_element(By.CSS_SELECTOR, "#result .item-title").text
    assert title == "<script>window.__pwned = 1</script>"
    text = browser.find_element(By.CSS_SELECTOR, "#result .sentences").text
    assert "<img src=x onerror=\"window.__pwned = 2\">" in text
    assert "<script>window.__pwned = 3</script>" in text
    # the text box holds the draft as it was typed, not as markup
    assert "<script>window.__pwned = 3</script>" in browser.find_element(
        By.ID, "text").get_attribute("value")


def test_keyboard_only_focus_order(browser: Any, site: Server) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.get(site.url + "/")
    seen: list[str] = []
    for _ in range(14):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        el = browser.switch_to.active_element
        seen.append(el.get_attribute("id") or el.get_attribute("href") or el.tag_name)
    form = [x for x in seen if x in ("text", "file", "kind", "at", "meeting", "abstracts",
                                     "button")]
    assert form == ["text", "file", "kind", "at", "meeting", "abstracts", "button"], seen
    # every form control has a visible label
    missing = browser.execute_script(
        "return [...document.querySelectorAll('input:not([type=hidden]),select,textarea')]"
        ".filter(e => !e.labels || !e.labels.length || !e.labels[0].textContent.trim())"
        ".map(e => e.id)")
    assert missing == []


def test_readable_on_a_phone(browser: Any, site: Server, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    draft = (EXAMPLES / "drafts" / "03-news-story-pacific.md").read_text(encoding="utf-8")
    browser.set_window_size(390, 844)
    try:
        paste_and_submit(browser, site, draft)
        assert browser.find_element(By.CSS_SELECTOR, "#result article").get_attribute(
            "data-verdict") == "violation"
        width = browser.execute_script("return document.documentElement.clientWidth")
        scroll = browser.execute_script("return document.documentElement.scrollWidth")
        assert scroll <= width, "the page scrolls sideways on a phone"
        shoot(browser, tmp_path, "serve-phone.png")
    finally:
        browser.set_window_size(1100, 1000)


def test_the_lift_calendar(browser: Any, site: Server, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(site.url + "/calendar")
    Select(browser.find_element(By.ID, "meeting")).select_by_value("acr-2024")
    new_page(browser, browser.find_element(By.CSS_SELECTOR, ".cal-form button").click,
             "table.cal")
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert heading == "ACR Convergence 2024: when embargoes lift"
    assert f"zone={READER_ZONE.replace('/', '%2F')}" in browser.current_url
    lifts = browser.find_elements(By.CSS_SELECTOR, "table.cal li.lift")
    api = site.get("/v1/lifts?meeting=acr-2024").json()
    dated = [x for x in api["lifts"] if x["free_from"] or x["day"]]
    assert len(lifts) == len(dated) > 0
    assert "your time" in lifts[0].text and "JST" in lifts[0].text
    shoot(browser, tmp_path, "serve-calendar.png")


def test_a_file_chosen_instead_of_pasted(browser: Any, site: Server) -> None:
    from selenium.webdriver.common.by import By

    from tests.web.conftest import CASES

    eml = CASES / "drafts" / "acr1123-release-slides.eml"
    browser.get(site.url + "/")
    browser.find_element(By.ID, "file").send_keys(str(eml))
    browser.find_element(By.ID, "at").send_keys("2024-10-28 09:00 ET")
    new_page(browser, browser.find_element(By.CSS_SELECTOR,
                                           "#check-form button[type=submit]").click,
             "#result article.item")
    item = browser.find_element(By.CSS_SELECTOR, "#result article.item")
    assert item.get_attribute("data-source") == eml.name
    body, ctype = multipart(
        {"at": "2024-10-28 09:00 ET"}, {"file": (eml.name, eml.read_bytes())})
    api = site.request("POST", "/v1/check", body, {"Content-Type": ctype}).json()["items"][0]
    assert item.get_attribute("data-verdict") == api["verdict"]
    assert eml.name in browser.find_element(By.ID, "file-help").text
