"""Kinds of presentation material in drafts, and the advice for each (issue 12, item 2)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from embargo.content.material import detect_material, removal_advice
from embargo.content.tiers import analyse_tiers
from embargo.model import Abstract, Material, Tier
from tests.conftest import Run

ABSTRACT = Abstract(meeting="acr-2024", number="0645",
                    title="Zelorimab in Psoriatic Arthritis: the ORCHID-2 Trial",
                    body="At week 24, 61.9% on zelorimab and 35.7% on placebo reached ACR20.")

S, IMG, R = Material.SLIDES, Material.IMAGES, Material.RECORDINGS


@pytest.mark.parametrize("text, kind", [
    ("See the slides: https://x.example/orchid2.pptx", S),
    ("- Attachment: ORCHID-2_plenary.key (application/x-iwork-keynote)", S),
    ("Download the poster (https://x.example/poster-0645.pdf).", S),
    ("The slide deck is available on our website.", S),
    ("Attached are the slides Dr. Okafor will present on Saturday.", S),
    ("Here is my photo of the efficacy slide:", IMG),
    ("[Image: Kaplan-Meier curve of ACR20 response, zelorimab vs placebo]", IMG),
    ("A picture of the poster at board 12.", IMG),
    ("The figures are here: https://x.example/orchid2-figures.pdf", IMG),
    ("Chart: https://x.example/acr20-chart.png", IMG),
    ("Here is the key slide 👇", IMG),
    ("Watch the full talk: https://www.youtube.com/watch?v=abc123", R),
    ("Replay: https://youtu.be/abc123", R),
    ("https://vimeo.com/123456789", R),
    ("The session recording is at https://x.example/plenary.mp4", R),
    ("A recording of the presentation will be posted next week.", R),
    ("Listen to the talk: https://x.example/talk.mp3", R),
    ("Here is the recording of the talk.", R),
])
def test_each_kind_of_material_is_detected(text: str, kind: Material) -> None:
    hit = detect_material(text)
    assert hit is not None and hit.kind is kind, hit


@pytest.mark.parametrize("text", [
    "The results will be presented on Saturday at ACR Convergence 2024.",
    "Our press release (https://x.example/release.pdf) has the details.",
    "Visit https://www.example.org/about for more about the company.",
    "Logo: https://x.example/logo.png",
])
def test_no_material(text: str) -> None:
    assert detect_material(text) is None


def test_tier_evidence_carries_the_kind() -> None:
    evs = analyse_tiers("Watch the talk: https://youtu.be/abc123\n\nSee the slides: "
                        "https://x.example/orchid2.pptx", ABSTRACT)
    assert [(e.tier, e.material) for e in evs if e.tier is Tier.MATERIAL] == [
        (Tier.MATERIAL, R), (Tier.MATERIAL, S)]
    evs = analyse_tiers("A short note.", ABSTRACT, links=("https://youtu.be/xyz",))
    assert [(e.tier, e.material) for e in evs] == [(Tier.MATERIAL, R)]


@pytest.mark.parametrize("kind, evidence, advice", [
    (S, "See the slides: https://x.example/orchid2.pptx", "remove the slide file"),
    (S, "Download the poster (https://x.example/poster.pdf).", "remove the poster file"),
    (IMG, "Here is my photo of the efficacy slide:", "remove the photo of the slide"),
    (IMG, "A picture of the poster at board 12.", "remove the photo of the poster"),
    (IMG, "Chart: https://x.example/acr20-chart.png", "remove the image of the data"),
    (R, "Watch the full talk: https://youtu.be/abc123", "remove the recording link"),
])
def test_advice_per_kind(kind: Material, evidence: str, advice: str) -> None:
    assert removal_advice(kind, evidence) == advice


POLICY = '''schema = 1
[meeting]
id = "mat-2024"
name = "Material Meeting 2024"
zone = "America/Chicago"
starts = 2024-06-12
ends = 2024-06-15
sources = ["https://mat.example.org/embargo"]

[[rules]]
id = "no-recordings"
materials = ["recordings"]
never = true
explanation = "Recordings of talks may never be published."

[[rules]]
id = "slides"
materials = ["slides"]
lift = "presentation_start"
explanation = "Slide files are free at the talk."

[[rules]]
id = "rest"
lift = "2024-06-01 10:00"
explanation = "Everything else from June 1, 10:00."
'''
CATALOG = {"meeting": "mat-2024", "number": "12", "title":
           "Zelorimab in Psoriatic Arthritis: the ORCHID-2 Trial",
           "body": "At week 24, 61.9% on zelorimab and 35.7% on placebo reached ACR20.",
           "events": {"presentation_start": "2024-06-13T10:00:00-05:00"}}
DRAFT = """---
kind: editorial
abstracts: [mat-2024:12]
---
# ORCHID-2 at the Material Meeting

In ORCHID-2, 61.9% of patients on zelorimab reached ACR20, against 35.7% on placebo.

See the slides: https://x.example/orchid2.pptx

Watch the talk: https://www.youtube.com/watch?v=orchid2
"""


Cli = Callable[..., Run]


def _setup(run_cli: Cli, tmp_path: Path) -> list[str]:
    (tmp_path / "pol").mkdir()
    (tmp_path / "pol" / "mat-2024.toml").write_text(POLICY, encoding="utf-8")
    (tmp_path / "cat.jsonl").write_text(json.dumps(CATALOG) + "\n", encoding="utf-8")
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    common = ["--policies", str(tmp_path / "pol"), "--catalog", str(tmp_path / "c.db")]
    assert run_cli("abstracts", "import", str(tmp_path / "cat.jsonl"), *common).code == 0
    return common


def test_check_judges_each_kind_by_its_own_rule_and_says_what_to_remove(
        cli: Cli, tmp_path: Path) -> None:
    run_cli = cli
    common = _setup(cli, tmp_path)
    r = run_cli("check", str(tmp_path / "draft.md"), "--at", "2024-06-13 09:00 CT",
                "--format", "json", *common)
    assert r.code == 1
    findings = json.loads(r.out)["items"][0]["findings"]
    material = {f["material"]: (f["rule"], f["verdict"]) for f in findings
                if f["tier"] == "material"}
    assert material == {"slides": ("mat-2024/slides", "violation"),
                        "recordings": ("mat-2024/no-recordings", "violation")}
    assert all("material" not in f for f in findings if f["tier"] != "material")
    r = run_cli("check", str(tmp_path / "draft.md"), "--at", "2024-06-13 09:00 CT", *common)
    assert "To publish now, remove the slide file:" in r.out
    assert "and remove the recording link:" in r.out
    assert "cut what goes beyond the abstract" not in r.out
    # After the talk the slides are free; the recording never is.
    r = run_cli("check", str(tmp_path / "draft.md"), "--at", "2024-06-13 10:00 CT",
                "--format", "json", *common)
    findings = json.loads(r.out)["items"][0]["findings"]
    assert {f["material"]: f["verdict"] for f in findings if f["tier"] == "material"} == {
        "slides": "pass", "recordings": "violation"}
    assert json.loads(r.out)["items"][0]["earliest_compliant"] is None


def test_when_shows_each_kind_of_material(cli: Cli, tmp_path: Path) -> None:
    run_cli = cli
    common = _setup(cli, tmp_path)
    r = run_cli("when", "mat-2024:12", "--kind", "editorial", *common)
    assert r.code == 0
    assert "recordings" in r.out and "never allowed" in r.out
    assert "slides" in r.out and "Thu 13 Jun 2024 10:00" in r.out
    r = run_cli("when", "mat-2024:12", "--kind", "editorial", "--format", "json", *common)
    kinds = json.loads(r.out)["kinds"]["editorial"]
    assert kinds["material:recordings"]["action"] == "never"
    assert kinds["material"]["action"] == "never"  # the strictest kind
