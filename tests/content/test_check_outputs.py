"""``embargo check`` end to end: formats (text, json, sarif, junit), review on an uncertain
kind, stdin HTML and e-mail, exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

from tests.content.evaluation import CASES

DRAFTS = CASES / "drafts"
POLICIES = CASES / "policies"


def _catalog(tmp: Path) -> Path:
    from embargo.catalog import Catalog, import_paths

    path = tmp / "eval.db"
    with Catalog(path) as cat:
        import_paths(cat, [CASES / "catalog.jsonl"])
    return path


def test_text_report_says_when_or_what_to_cut(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = cli("check", DRAFTS / "acr1123-release-quote.md", "--abstract", "acr-2024:1123",
            "--at", "2024-10-28 09:00 ET", "--catalog", _catalog(tmp_path))
    assert r.code == 1, r.err
    assert "VIOLATION" in r.out
    assert "You may publish this at Thu 14 Nov 2024 10:00 EST (15:00 UTC)." in r.out
    assert "cut what goes beyond the abstract (2 passages)" in r.out
    assert "✂ “\"Our next step is a longer extension study" in r.out
    assert "because: “\"For the first time" in r.out
    assert "rule: Anything that goes beyond the abstract" in r.out
    assert "\x1b[" not in r.out
    r = cli("check", DRAFTS / "acr1123-release-quote.md", "--abstract", "acr-2024:1123",
            "--at", "2024-10-28 09:00 ET", "--catalog", _catalog(tmp_path), "--color", "always")
    assert "\x1b[1;31mVIOLATION" in r.out


def test_sarif_output(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    draft = DRAFTS / "acr1123-release-quote.md"
    r = cli("check", draft, "--abstract", "acr-2024:1123", "--at", "2024-10-28 09:00 ET",
            "--catalog", _catalog(tmp_path), "--format", "sarif")
    assert r.code == 1
    doc = json.loads(r.out)
    assert doc["version"] == "2.1.0" and "sarif-2.1.0" in doc["$schema"]
    run = doc["runs"][0]
    assert [x["id"] for x in run["tool"]["driver"]["rules"]] == ["acr-2024/beyond"]
    (res,) = run["results"]
    assert res["level"] == "error" and res["ruleId"] == "acr-2024/beyond"
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == str(draft)
    lines = draft.read_text(encoding="utf-8").splitlines()
    assert "For the first time" in lines[loc["region"]["startLine"] - 1]
    assert res["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == \
        loc["region"]["startLine"]
    # --verbose also lists passing findings, as notes.
    r = cli("check", draft, "--abstract", "acr-2024:1123", "--at", "2024-10-28 09:00 ET",
            "--catalog", _catalog(tmp_path), "--format", "sarif", "--verbose")
    levels = {x["level"] for x in json.loads(r.out)["runs"][0]["results"]}
    assert levels == {"error", "note"}


def test_junit_output_one_testcase_per_item(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = cli("check", DRAFTS / "acr2048-release-abstract-only.md",
            DRAFTS / "acr2048-release-quote.md", tmp_path / "missing.md",
            "--at", "2024-10-28 09:00 ET", "--catalog", _catalog(tmp_path), "--format", "junit")
    assert r.code == 2  # the missing file
    r = cli("check", DRAFTS / "acr2048-release-abstract-only.md",
            DRAFTS / "acr2048-release-quote.md",
            "--at", "2024-10-28 09:00 ET", "--catalog", _catalog(tmp_path), "--format", "junit")
    assert r.code == 1
    root = ET.fromstring(r.out.split("?>", 1)[1])
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 2 and root.get("failures") == "1"
    assert cases[0].find("failure") is None
    fail = cases[1].find("failure")
    assert fail is not None and fail.get("type") == "violation"
    assert "You may publish this at" in (fail.text or "")


def test_uncertain_kind_gives_review_naming_the_guess(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = cli("check", DRAFTS / "ambiguous-plain.txt", "--abstract", "acr-2024:1123",
            "--at", "2024-10-28 09:00 ET", "--catalog", _catalog(tmp_path), "--format", "json")
    assert r.code == 3, r.out + r.err
    item = json.loads(r.out)["items"][0]
    assert item["verdict"] == "review" and item["kind_source"] == "inferred"
    msgs = " ".join(f["message"] for f in item["findings"])
    assert f"guessed the kind as {item['kind']}" in msgs and "--kind" in msgs
    # Told who publishes it, the same draft has a definite answer.
    r = cli("check", DRAFTS / "ambiguous-plain.txt", "--abstract", "acr-2024:1123",
            "--at", "2024-10-28 09:00 ET", "--catalog", _catalog(tmp_path), "--kind",
            "editorial")
    assert r.code == 1


def test_config_default_kind_for_drafts_is_used(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from embargo.api import Embargo
    from embargo.catalog import Catalog
    from embargo.config import Config

    with Embargo(Config(timezone="America/New_York"),
                 catalog=Catalog(_catalog(tmp_path), readonly=True)) as emb:
        j = emb.check_path(DRAFTS / "ambiguous-plain.txt", at="2024-10-28 09:00 ET",
                           abstracts=["acr-2024:1123"], default_kind="press-release")
    assert j.item.kind.source == "configured default" and j.verdict.value == "pass"


def test_stdin_html_and_eml_through_json(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = (DRAFTS / "gimS1021-news.html").read_bytes()
    r = cli("check", "-", "--abstract", "gim-2024:S1021", "--at", "2024-10-25 09:00 ET",
            "--policies", POLICIES, "--catalog", _catalog(tmp_path), "--format", "json",
            stdin=page)
    assert r.code == 1, r.err
    item = json.loads(r.out)["items"][0]
    assert item["source"] == "-" and item["kind"] == "editorial"
    assert item["title"].startswith("Poop pills beat antibiotics")
    assert item["earliest_compliant"] == "2024-10-27T16:00:00+00:00"
    tiers = {f["tier"] for f in item["findings"] if f["abstract"] == "gim-2024:S1021"}
    assert tiers == {"abstract", "beyond"}
    mail = (DRAFTS / "tso8004-release-embargoed.eml").read_bytes()
    r = cli("check", "-", "--abstract", "tso-2025:8004", "--policies", POLICIES,
            "--catalog", _catalog(tmp_path), "--format", "json", stdin=mail)
    item = json.loads(r.out)["items"][0]
    assert item["published_at"] == "2025-05-22T21:00:00+00:00"
    assert item["published_at_note"] == "the release's own embargo line"
    assert item["verdict"] == "pass" and r.code == 0


#: An ACR 2024 abstract (online October 24, beyond lifting on November 14) for drafts about it.
LUMEN_ROW = {"meeting": "acr-2024", "number": "0849", "title": "Orvelimab in Active Lupus "
             "Nephritis: 52-Week Results of the Phase 2 LUMEN-3 Trial",
             "authors": ["Hartmann K"], "body": "Methods: LUMEN-3 randomized 212 patients to "
             "orvelimab or placebo. Results: complete renal response at week 52 was 44.8% "
             "versus 23.1%.", "online_at": "2024-10-24T10:00:00-04:00"}


def test_numbers_a_partly_held_abstract_lacks_give_review_not_violation(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A number the catalogue's entry lacks proves no breach when the entry holds only part
    of the abstract: a person checks it, and the safe time is still the beyond lift."""
    row = LUMEN_ROW
    draft = tmp_path / "d.md"
    draft.write_text("---\ntitle: Orvelimab in lupus nephritis\nkind: press-release\n"
                     "abstracts: [acr-2024:0849]\npublish_at: 2024-11-01T09:00:00-04:00\n---\n"
                     "LUMEN-3 tested orvelimab in lupus nephritis. Complete renal response at "
                     "week 52 was 44.8% versus 23.1%. Flares fell to 9.7% with orvelimab.\n",
                     encoding="utf-8")
    answers = {}
    for name, extra in (("whole", {}), ("partial", {"partial": True})):
        src = tmp_path / f"{name}.jsonl"
        src.write_text(json.dumps({**row, **extra}) + "\n", encoding="utf-8")
        db = tmp_path / f"{name}.db"
        assert cli("abstracts", "import", src, "--catalog", db).code == 0
        r = cli("check", draft, "--catalog", db, "--format", "json")
        answers[name] = (r.code, json.loads(r.out)["items"][0])
    code, item = answers["whole"]
    assert code == 1 and item["verdict"] == "violation"
    code, item = answers["partial"]
    assert code == 3 and item["verdict"] == "review"
    assert item["earliest_compliant"] == "2024-11-14T15:00:00+00:00"
    assert any("holds only part" in (f.get("reason") or "") for f in item["findings"])


def test_a_draft_in_a_language_not_read_is_review_before_the_lift(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """What a Danish draft says of the study cannot be read: before the beyond lift it is
    review (never pass, never a violation the tool cannot show), the safe time is the beyond
    lift, and the finding names the language; after the lift it passes."""
    row = LUMEN_ROW
    src = tmp_path / "c.jsonl"
    src.write_text(json.dumps(row) + "\n", encoding="utf-8")
    db = tmp_path / "c.db"
    assert cli("abstracts", "import", src, "--catalog", db).code == 0
    body = ("LUMEN-3 viser, at orvelimab hjælper patienter med lupus nefritis: andelen med "
            "komplet respons efter et år var større med orvelimab end med placebo. Det er et "
            "vigtigt resultat for patienterne, og studiet blev fremlagt på den årlige kongres "
            "i Washington, hvor mange af lægerne var til stede.\n")
    answers = {}
    for when in ("2024-11-01T09:00:00-04:00", "2024-11-15T09:00:00-05:00"):
        draft = tmp_path / f"{when[:10]}.md"
        draft.write_text(f"---\ntitle: Orvelimab og lupus nefritis\nkind: press-release\n"
                         f"abstracts: [acr-2024:0849]\npublish_at: {when}\n---\n{body}",
                         encoding="utf-8")
        r = cli("check", draft, "--catalog", db, "--format", "json")
        answers[when[:10]] = (r.code, json.loads(r.out)["items"][0])
    code, item = answers["2024-11-01"]
    assert code == 3 and item["verdict"] == "review"
    assert item["earliest_compliant"] == "2024-11-14T15:00:00+00:00"
    assert any("Danish" in (f.get("reason") or "") for f in item["findings"])
    code, item = answers["2024-11-15"]
    assert code == 0 and item["verdict"] == "pass"
