"""Every TOML example in docs/policies.md loads, validates without errors and passes its own
worked examples (as urlwatch runs the examples of its filter documentation)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from embargo.policy import load_policy_text
from embargo.policy.examples import run_examples
from embargo.policy.validate import validate

DOC = Path(__file__).resolve().parents[2] / "docs" / "policies.md"
HEAD = """schema = 1
[meeting]
id = "doc-2024"
name = "Doc Meeting 2024"
zone = "{zone}"
starts = 2024-06-12
ends = 2024-06-15
sources = ["https://doc.example.org/embargo"]
"""
DEFAULT_RULE = '\n[[rules]]\nid = "doc-default"\nallow = true\nexplanation = "x"\n'


def _blocks() -> list[tuple[int, str]]:
    text = DOC.read_text(encoding="utf-8")
    out = []
    for m in re.finditer(r"^( *)```toml\n(.*?)^ *```", text, flags=re.S | re.M):
        block = textwrap.dedent(m.group(2)) if m.group(1) else m.group(2)
        out.append((text[: m.start()].count("\n") + 1, block))
    return out


def _as_policy(block: str) -> str:
    if "[meeting]" in block:
        return block if "[[rules]]" in block else block + DEFAULT_RULE
    zone = re.search(r"^# zone: (\S+)", block, flags=re.M)
    head = HEAD.format(zone=zone.group(1) if zone else "America/Chicago")
    if not re.search(r"^\[", block, flags=re.M):  # a bare rule body
        block = '[[rules]]\nid = "doc"\nexplanation = "doc"\n' + block
    body = head + block
    return body if "[[rules]]" in block else body + DEFAULT_RULE


BLOCKS = _blocks()


def test_the_doc_has_many_examples() -> None:
    assert len(BLOCKS) >= 25


@pytest.mark.parametrize("line, block", BLOCKS, ids=[f"line{n}" for n, _ in BLOCKS])
def test_doc_example(line: int, block: str) -> None:
    policy = load_policy_text(_as_policy(block), None)
    errors = [p.render(f"docs/policies.md block at line {line}") for p in validate(policy)
              if p.level == "error"]
    assert not errors
    failed = [(r.example.name, r.problems) for r in run_examples([policy]) if not r.ok]
    assert not failed
