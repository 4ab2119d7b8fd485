"""Policy files: bundled ones validate and pass their examples; bad ones name file, line, key."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from embargo.errors import InputError
from embargo.model import Verdict
from embargo.policy import PolicySet, load_policy_text
from embargo.policy.examples import run_examples
from embargo.policy.validate import validate
from tests.policy.helpers import HEAD, abstract, judge_at, policy


def test_bundled_policies_validate_without_errors(policies: PolicySet) -> None:
    assert "acr-2024" in policies
    for p in policies:
        errors = [pr for pr in validate(p) if pr.level == "error"]
        assert not errors, [e.render(p.path) for e in errors]


def test_bundled_examples_all_pass(policies: PolicySet) -> None:
    results = run_examples(list(policies))
    assert len(results) >= 8
    failed = [(r.where, r.example.name, r.problems) for r in results if not r.ok]
    assert not failed


def test_a_wrong_example_fails() -> None:
    p = policy('[[rules]]\nid = "r"\nlift = "2024-06-01 10:00"\nexplanation = "x"\n'
               '[[examples]]\nname = "wrong"\nkind = "editorial"\ntiers = ["abstract"]\n'
               'at = "2024-06-01 09:00"\nexpect = "pass"\n')
    (result,) = run_examples([p])
    assert not result.ok and "expected pass, got violation" in result.problems[0]


@pytest.mark.parametrize("body, key, fragment", [
    ('[[rules]]\nid = "r"\nlift = "2024-06-01 10:00 XYZ"\nexplanation = "x"\n',
     "rules[0].lift", "unknown zone"),
    ('[[rules]]\nid = "r"\nlfit = "2024-06-01 10:00"\nexplanation = "x"\n',
     "rules[0].lfit", "unknown key"),
    ('[[rules]]\nid = "r"\nlift = "2024-06-01 10:00"\n', "rules[0]", "explanation"),
    ('[[rules]]\nid = "r"\nkinds = ["journalist"]\nlift = "2024-06-01 10:00"\n'
     'explanation = "x"\n', "rules[0].kinds", "unknown kind"),
    ('[[rules]]\nid = "r"\nlift = { event = "session_start", clok = "07:00" }\n'
     'explanation = "x"\n', "rules[0].lift.clok", "unknown key"),
    ('[[rules]]\nid = "r"\nallow = true\nlift = "2024-06-01"\nexplanation = "x"\n',
     "rules[0]", "exactly one of"),
])
def test_errors_name_line_and_key(body: str, key: str, fragment: str) -> None:
    with pytest.raises(InputError) as e:
        load_policy_text(HEAD.format(zone="America/Chicago") + body, "p/test-2024.toml")
    err = e.value
    assert err.key == key
    assert fragment in err.message
    assert err.line is not None and err.line > 8
    assert str(err).startswith(f"p/test-2024.toml:{err.line}: {key}: ")


def test_toml_syntax_error_names_line() -> None:
    with pytest.raises(InputError) as e:
        load_policy_text(HEAD.format(zone="UTC") + "[[rules]\n", "x/test-2024.toml")
    assert e.value.line == 10


def test_missing_venue_zone_is_an_error() -> None:
    text = HEAD.format(zone="UTC").replace('zone = "UTC"\n', "")
    with pytest.raises(InputError, match="zone"):
        load_policy_text(text + '[[rules]]\nid = "r"\nallow = true\nexplanation = "x"\n')


def test_file_name_must_match_meeting_id(tmp_path: Path) -> None:
    f = tmp_path / "other.toml"
    f.write_text(HEAD.format(zone="UTC") + '[[rules]]\nid = "r"\nallow = true\nexplanation = "x"\n')
    with pytest.raises(InputError, match=r"test-2024\.toml"):
        PolicySet.load([f], bundled=False)


def test_validate_finds_undefined_event_unreachable_rule_and_order() -> None:
    p = policy('[[rules]]\nid = "all"\nlift = "2024-06-13 10:00"\nexplanation = "x"\n'
               '[[rules]]\nid = "dead"\nkinds = ["social"]\nlift = "poster_opening"\n'
               'explanation = "x"\n')
    problems = validate(p)
    text = "\n".join(pr.render("p.toml") for pr in problems)
    assert "poster_opening" in text
    assert "'dead' can never apply" in text
    q = policy('[[rules]]\nid = "b"\ntiers = ["beyond"]\nlift = "2024-06-01 10:00"\n'
               'explanation = "x"\n[[rules]]\nid = "a"\nlift = "2024-06-05 10:00"\n'
               'explanation = "x"\n')
    assert any("before the abstract" in pr.message for pr in validate(q))


def test_validate_warns_on_mislabelled_zone_with_both_readings() -> None:
    p = policy('[[rules]]\nid = "r"\nlift = "Sep 30, 2024 12:01 am EST"\nexplanation = "x"\n',
               zone="America/New_York")
    (w,) = [pr for pr in validate(p) if "literal EST" in pr.message]
    assert w.level == "warning" and "04:01 UTC" in w.message and "05:01 UTC" in w.message


_LIFT = datetime(2024, 11, 14, 15, 0, tzinfo=UTC)
_ACR = None


@settings(max_examples=200, deadline=None)
@given(offset=st.integers(min_value=-3 * 86400, max_value=3 * 86400))
def test_acr_beyond_lift_boundary(offset: int) -> None:
    """Property: beyond-the-abstract content is a violation exactly when t < 10:00 ET Nov 14."""
    global _ACR
    if _ACR is None:
        _ACR = PolicySet.load().require("acr-2024")
    at = _LIFT + timedelta(seconds=offset)
    j = judge_at(_ACR, at, "press-release", ["beyond"], abstract("1709", meeting="acr-2024"))
    assert j.verdict is (Verdict.VIOLATION if at < _LIFT else Verdict.PASS)
    assert j.earliest_compliant == _LIFT
