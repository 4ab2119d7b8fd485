"""Real conference policies written from docs/policies.md alone (tests/cases/policy/), as a
check that the documentation says everything they need: each loads, validates without errors
or warnings, passes its worked examples, and its scenarios give the stated answers through
the whole pipeline (catalogue, drafts, `embargo check`)."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from embargo.policy import read_policy_file
from embargo.policy.examples import run_examples
from embargo.policy.validate import validate
from embargo.timeparse import parse_when
from tests.conftest import Run

CASES = Path(__file__).resolve().parents[1] / "cases" / "policy"
POLICIES = sorted((CASES / "policies").glob("*.toml"))
SCENARIOS: list[dict[str, Any]] = tomllib.loads(
    (CASES / "scenarios.toml").read_text(encoding="utf-8"))["scenario"]


def test_there_are_real_cases() -> None:
    assert len(POLICIES) >= 2 and len(SCENARIOS) >= 6


@pytest.mark.parametrize("path", POLICIES, ids=[p.stem for p in POLICIES])
def test_policy_is_clean_and_its_examples_pass(path: Path) -> None:
    policy = read_policy_file(path)
    problems = [p.render(str(path)) for p in validate(policy) if p.level != "note"]
    assert problems == []
    failed = [(r.example.name, r.problems) for r in run_examples([policy]) if not r.ok]
    assert failed == []
    assert len(policy.examples) >= 10


@pytest.fixture
def checked(cli: Callable[..., Run], tmp_path: Path) -> dict[str, dict[str, Any]]:
    common = ["--policies", str(CASES / "policies"), "--catalog", str(tmp_path / "c.db")]
    assert cli("abstracts", "import", str(CASES / "catalog.jsonl"), *common).code == 0
    drafts = sorted((CASES / "drafts").iterdir())
    r = cli("check", *drafts, "--format", "json", *common)
    assert r.code in (0, 1, 3), r.err
    text = cli("check", *drafts, *common).out
    out = {Path(item["source"]).name: item for item in json.loads(r.out)["items"]}
    for name in out:
        block = text.split(f"{CASES / 'drafts' / name}:", 1)[1].split("\n\n", 1)[0]
        out[name]["text"] = block
    return out


def test_every_draft_has_a_scenario() -> None:
    assert {s["draft"] for s in SCENARIOS} == {p.name for p in (CASES / "drafts").iterdir()}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["draft"] for s in SCENARIOS])
def test_scenario(scenario: dict[str, Any], checked: dict[str, dict[str, Any]]) -> None:
    item = checked[scenario["draft"]]
    assert item["verdict"] == scenario["verdict"]
    if "earliest" in scenario:
        want = None if scenario["earliest"] == "none" else parse_when(
            scenario["earliest"]).instant
        got = item["earliest_compliant"]
        assert (got is None and want is None) or (
            got is not None and want is not None and parse_when(got).instant == want)
    found = {f["material"]: f["rule"] for f in item["findings"] if f["tier"] == "material"}
    assert found == scenario.get("materials", {})
    if "advice" in scenario:
        assert "remove" in item["text"] and scenario["advice"] in item["text"]
