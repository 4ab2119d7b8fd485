"""Worked examples are read when first used: checking never parses them, while their shape
is still checked on load and ``policy validate`` still reports their errors by file, line and
key."""

from __future__ import annotations

import pytest

from embargo.errors import InputError
from embargo.policy.schema import Examples
from tests.policy.helpers import HEAD, policy

RULES = '[[rules]]\nid = "r"\nlift = "2024-06-01 10:00"\nexplanation = "x"\n'
GOOD = ('[[examples]]\nname = "e"\nkind = "editorial"\ntiers = ["abstract"]\n'
        'at = "2024-06-01 10:00"\nexpect = "pass"\n')
BAD_TIME = ('[[examples]]\nname = "e"\nkind = "editorial"\ntiers = ["abstract"]\n'
            'at = "the day after the lift"\nexpect = "pass"\n')


def test_examples_are_read_when_first_used() -> None:
    p = policy(RULES + GOOD)
    assert isinstance(p.examples, Examples)
    assert p.examples._read is not None  # not read by loading
    assert len(p.examples) == 1 and p.examples[0].name == "e"
    assert [e.name for e in p.examples] == ["e"]
    assert p.examples._read is None
    assert p.examples == (p.examples[0],)


def test_a_bad_example_time_is_an_error_when_the_examples_are_read() -> None:
    p = policy(RULES + BAD_TIME)  # loading (what `check` does) does not parse example times
    with pytest.raises(InputError) as e:
        len(p.examples)
    assert e.value.key == "examples[0].at"
    assert e.value.line == HEAD.count("\n") + RULES.count("\n") + 5


@pytest.mark.parametrize("body, key", [
    (GOOD.replace('kind = "editorial"', 'kind = "journalist"'), "examples[0].kind"),
    (GOOD.replace('expect = "pass"', 'expect = "fine"'), "examples[0].expect"),
    (GOOD.replace('name = "e"', 'nmae = "e"'), "examples[0].nmae"),
    (GOOD + 'abstract = { numbr = "1" }\n', "examples[0].abstract.numbr"),
])
def test_the_shape_of_examples_is_still_checked_on_load(body: str, key: str) -> None:
    with pytest.raises(InputError) as e:
        policy(RULES + body)
    assert e.value.key == key


def test_validate_reports_a_bad_example_time_with_file_line_and_key(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "test-2024.toml"
    f.write_text(HEAD.format(zone="UTC") + RULES + BAD_TIME)
    r = cli("policy", "validate", f)
    assert r.code == 2
    line = HEAD.format(zone="UTC").count("\n") + RULES.count("\n") + 5
    assert f"{f}:{line}: error: examples[0].at" in r.out


def test_policies_with_unread_examples_pickle() -> None:
    """Worker processes may receive loaded policies: unread examples travel too."""
    import pickle

    p = policy(RULES + GOOD)
    copy = pickle.loads(pickle.dumps(p))
    assert [e.name for e in copy.examples] == ["e"]
    assert copy.examples == p.examples
