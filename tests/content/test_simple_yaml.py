"""Front matter read without PyYAML: exactly what PyYAML reads, or left to PyYAML."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from embargo.content.frontmatter import parse_front_matter, simple_yaml

KEYS = ["title", "kind", "publish_at", "meeting", "abstracts", "source", "date", "yes", "No",
        "on", "null", "_x", "a1", "Title", "key with space", "1key", "<<", "~", "ON", "x-y"]
VALUES = ['"Oct 28, 2023 6:59 AM PT"', "press-release", "'single'", "'it''s'", '"a \\" b"',
          '"tab\there"', '"  padded  "', '""', "''", "yes", "No", "OFF", "null", "Null", "~",
          "true", "y", "n", "x1", "inf", ".inf", ".nan", "nan", "0x1F", "1e3", "2024-11-14",
          "2024-11-14 10:00", "12:30", "acr-2024", "word # comment", "two words", "[a, b]",
          "{a: 1}", '"é — “curly” ‘q’"', '"\\u00e9"', "'a\"b'", '"a\'b"', "*alias", "&anchor x",
          "!tag x", "|", ">", "-", "- x", "a:b", "a: b", '"unclosed', "E", "_", "Yes", "False"]
SEPARATORS = [": ", ":  ", ":", " : ", ":\t", ": "]


def _yaml(block: str) -> object:
    try:
        return yaml.safe_load(block)
    except yaml.YAMLError:
        return "ERROR"


def test_the_fast_reader_agrees_with_pyyaml_or_steps_aside() -> None:
    rng = random.Random(13)
    fast = 0
    for _ in range(6000):
        lines = []
        for _ in range(rng.randint(1, 4)):
            line = rng.choice(KEYS) + rng.choice(SEPARATORS) + rng.choice(VALUES)
            line += rng.choice(["", "", "", " ", "  ", "\r", " # c", "\t"])
            lines.append(line)
        if rng.random() < 0.1:
            lines.insert(rng.randint(0, len(lines)), rng.choice(["", "  ", "# note", "---"]))
        block = "\n".join(lines) + rng.choice(["\n", "", "\n\n"])
        got = simple_yaml(block)
        if got is not None:
            fast += 1
            assert got == _yaml(block), block
            assert list(got) == list(_yaml(block)), block  # type: ignore[call-overload]
    assert fast > 50  # the common forms are read fast (78 of these 6,000)


@pytest.mark.parametrize("block", [
    'title: "A"\nkind: press-release\npublish_at: "Oct 28, 2023 6:59 AM PT"\n',
    "kind: social\nmeeting: acr-2024\n",
    "title: 'x'\n\nkind: editorial\n",
])
def test_common_front_matter_is_read_fast(block: str) -> None:
    assert simple_yaml(block) == yaml.safe_load(block)


@pytest.mark.parametrize("block", [
    "abstracts: [LBA4]\n", "abstracts:\n  - LBA4\n", "kind: yes\n", "title: x # c\n",
    'title: "a\\tb"\n', "title: A\ntitle: B\n", "publish_at: 2024-11-14 10:00\n",
    "kind: press-release\r\n", "kind: x\x01\n", "",
])
def test_other_yaml_is_left_to_pyyaml(block: str) -> None:
    assert simple_yaml(block) is None


def test_the_same_front_matter_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    import embargo.content.frontmatter as fm

    block = ('title: "Results of TRIAL-1"\nkind: press-release\nmeeting: acr-2024\n'
             'publish_at: "Nov 14, 2024 10:00 AM ET"\nsource: \'https://x.org/a\'\n')
    fast = parse_front_matter("yaml", block, "UTC")
    monkeypatch.setattr(fm, "simple_yaml", lambda block: None)
    assert parse_front_matter("yaml", block, "UTC") == fast


def test_a_plain_yaml_draft_is_checked_without_importing_pyyaml(tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text('---\ntitle: "A note"\nkind: press-release\n---\n\nNothing here.\n',
                     encoding="utf-8")
    code = textwrap.dedent(f"""
        import sys
        from embargo.cli.main import main
        rc = main(["check", {str(draft)!r}, "--no-catalog", "--format", "json",
                   "--at", "2024-11-14T15:00:00Z"])
        assert rc in (0, 1, 3), rc
        print("yaml" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip().splitlines()[-1] == "False"
