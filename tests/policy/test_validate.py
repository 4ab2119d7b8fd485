"""`embargo policy validate`: what authors get wrong, with file, line, key and a fix."""

from __future__ import annotations

import pytest

from embargo.errors import InputError
from embargo.policy import PolicySet, load_policy_text
from embargo.policy.validate import Problem, validate
from tests.policy.helpers import HEAD, policy

EXAMPLE = ('[[examples]]\nname = "e"\nkind = "editorial"\ntiers = ["abstract"]\n'
           'at = "2024-06-13 10:00"\nexpect = "pass"\n')


def problems(body: str, level: str | None = None, zone: str = "America/Chicago"
             ) -> list[Problem]:
    out = validate(policy(body, zone=zone))
    return [p for p in out if level is None or p.level == level]


def test_shipped_policies_have_no_errors_and_only_honest_warnings(policies: PolicySet) -> None:
    assert len(policies) >= 10
    for p in policies:
        found = validate(p)
        assert not [x for x in found if x.level == "error"], p.id
        warnings = [x for x in found if x.level == "warning"]
        if p.id == "chest-2024":  # the organiser's "12:01 am EST" on a daylight-time date
            assert len(warnings) == 1 and "literal EST" in warnings[0].message
        else:
            assert not warnings, [w.render(p.path) for w in warnings]
        assert len(p.examples) >= 8, p.id


def test_unknown_zone_abbreviation_is_a_parse_error_with_line_and_key() -> None:
    with pytest.raises(InputError) as e:
        load_policy_text(HEAD.format(zone="UTC") + '[events]\nlift_time = "2024-06-01 10:00 '
                         'PDST"\n[[rules]]\nid = "r"\nlift = "lift_time"\nexplanation = "x"\n',
                         "p/test-2024.toml")
    assert e.value.key == "events.lift_time" and e.value.line == 11
    assert "unknown zone label 'PDST'" in e.value.message


def test_meeting_without_venue_zone_says_how_to_fix() -> None:
    text = HEAD.format(zone="UTC").replace('zone = "UTC"\n', "")
    with pytest.raises(InputError) as e:
        load_policy_text(text + '[[rules]]\nid = "r"\nallow = true\nexplanation = "x"\n', "x")
    assert e.value.key == "meeting" and "IANA" in e.value.message and e.value.line == 3


def test_two_renderings_that_disagree_name_both() -> None:
    with pytest.raises(InputError) as e:
        policy('[events]\nx = ["2024-06-01 7:00 AM CT", "2024-06-01 9:00 AM ET"]\n'
               '[[rules]]\nid = "r"\nlift = "x"\nexplanation = "x"\n')
    assert e.value.key == "events.x" and "12:00 UTC" in e.value.message \
        and "13:00 UTC" in e.value.message


def test_undefined_event_is_an_error_with_a_suggestion() -> None:
    (err,) = problems('[[rules]]\nid = "r"\nlift = "sesion_start"\nexplanation = "x"\n' + EXAMPLE,
                      "error")
    assert err.key == "rules[0].lift" and err.line == 12
    assert "'sesion_start'" in err.message and "Did you mean 'session_start'" in err.message


def test_undefined_meeting_dates() -> None:
    text = HEAD.format(zone="UTC").replace("starts = 2024-06-12\nends = 2024-06-15\n", "")
    p = load_policy_text(text + '[[rules]]\nid = "r"\nlift = "meeting_end"\nexplanation = "x"\n')
    (err,) = [x for x in validate(p) if x.level == "error"]
    assert "add ends = YYYY-MM-DD" in err.message


def test_per_abstract_events_are_notes_that_say_where_they_come_from() -> None:
    found = problems('[[rules]]\nid = "r"\nlift = { earliest = ["presentation_start", '
                     '"briefing_start?"] }\nexplanation = "x"\n' + EXAMPLE)
    notes = {p.message.split("'")[1]: p.message for p in found if p.level == "note"}
    assert "events.presentation_start" in notes["presentation_start"]
    assert "review" in notes["presentation_start"]
    assert "skipped" in notes["briefing_start"]
    assert not [p for p in found if p.level == "error"]


def test_declared_custom_event_is_fine() -> None:
    found = problems('[events]\nsymposium_start = { unknown = true }\n'
                     '[[rules]]\nid = "r"\nlift = "symposium_start"\nexplanation = "x"\n')
    assert not [p for p in found if p.level == "error"]


def test_circular_events() -> None:
    found = problems('[events]\na = "b + 1h"\nb = "a"\n[[rules]]\nid = "r"\nlift = "a"\n'
                     'explanation = "x"\n', "error")
    assert any("circle" in p.message for p in found)


def test_bounds_in_the_wrong_order() -> None:
    (err,) = problems('[[rules]]\nid = "r"\nlift = { unknown = true, not_before = '
                      '"2024-06-10 00:00", not_after = "2024-06-01 00:00" }\nexplanation = "x"\n',
                      "error")
    assert "swap" in err.message


def test_lifts_out_of_order_exact_and_with_bounds() -> None:
    exact = problems('[[rules]]\nid = "b"\ntiers = ["beyond"]\nlift = "2024-06-01 10:00"\n'
                     'explanation = "x"\n[[rules]]\nid = "a"\nlift = "2024-06-05 10:00"\n'
                     'explanation = "x"\n', "warning")
    assert any("beyond the abstract is free before" in p.message and p.key == "rules[0]"
               for p in exact)
    bounded = problems('[[rules]]\nid = "b"\ntiers = ["beyond"]\nlift = { unknown = true, '
                       'not_after = "2024-06-01 10:00" }\nexplanation = "x"\n'
                       '[[rules]]\nid = "a"\nlift = { unknown = true, not_before = '
                       '"2024-06-03 10:00" }\nexplanation = "x"\n', "warning")
    assert any("free before the abstract" in p.message for p in bounded)
    overlapping = problems('[[rules]]\nid = "b"\ntiers = ["beyond"]\nlift = { unknown = true, '
                           'not_after = "2024-06-05 10:00" }\nexplanation = "x"\n'
                           '[[rules]]\nid = "a"\nlift = { unknown = true, not_before = '
                           '"2024-06-03 10:00" }\nexplanation = "x"\n', "warning")
    assert not any("free before the abstract" in p.message for p in overlapping)


def test_unreachable_and_duplicate_rules() -> None:
    found = problems('[[rules]]\nid = "a"\ntiers = ["beyond"]\nlift = "2024-06-01 10:00"\n'
                     'explanation = "x"\n[[rules]]\nid = "a2"\ntiers = ["beyond"]\n'
                     'lift = "2024-06-02 10:00"\nexplanation = "x"\n'
                     '[[rules]]\nid = "all"\nallow = true\nexplanation = "x"\n'
                     '[[rules]]\nid = "dead"\nkinds = ["social"]\nallow = true\n'
                     'explanation = "x"\n', "error")
    msgs = {p.key: p.message for p in found}
    assert "duplicate" in msgs["rules[1]"] and "'a'" in msgs["rules[1]"]
    assert "'all'" in msgs["rules[3]"] and "never apply" in msgs["rules[3]"]


def test_shadowing_overlap_warns_only_when_the_earlier_rule_frees_no_later() -> None:
    buggy = problems('[[rules]]\nid = "pr"\nkinds = ["press-release"]\n'
                     'lift = "2024-06-01 10:00"\nexplanation = "x"\n'
                     '[[rules]]\nid = "beyond"\ntiers = ["beyond"]\nlift = "2024-06-13 10:00"\n'
                     'explanation = "x"\n[[rules]]\nid = "rest"\nlift = "2024-06-01 10:00"\n'
                     'explanation = "x"\n', "warning")
    (w,) = [p for p in buggy if "'pr' and 'beyond'" in p.message]
    assert "beyond content by press-release" in w.message and "move it above" in w.message
    stricter = problems('[[rules]]\nid = "pr"\nkinds = ["press-release"]\n'
                        'lift = "2024-06-14 10:00"\nexplanation = "x"\n'
                        '[[rules]]\nid = "beyond"\ntiers = ["beyond"]\n'
                        'lift = "2024-06-13 10:00"\nexplanation = "x"\n[[rules]]\nid = "rest"\n'
                        'lift = "2024-06-01 10:00"\nexplanation = "x"\n', "warning")
    assert not [p for p in stricter if "both select" in p.message]
    exempt = problems('[[rules]]\nid = "tip"\ntags = ["trials-in-progress"]\nallow = true\n'
                      'explanation = "x"\n[[rules]]\nid = "rest"\nlift = "2024-06-01 10:00"\n'
                      'explanation = "x"\n', "warning")
    assert not [p for p in exempt if "both select" in p.message]


def test_gaps_are_warnings_naming_tier_kind_and_label() -> None:
    found = problems('[[rules]]\nid = "r"\nkinds = ["editorial"]\nlift = "2024-06-01 10:00"\n'
                     'explanation = "x"\n[[rules]]\nid = "lb"\ntags = ["late-breaking"]\n'
                     'allow = true\nexplanation = "x"\n', "warning")
    assert any("no rule covers any content by press-release, social, scholarly, other" in
               p.message for p in found)


def test_far_off_year_and_label_spelling_and_coverage() -> None:
    found = problems('[[rules]]\nid = "lb"\ntags = ["latebreaking"]\nlift = '
                     '"2023-06-01 10:00"\nexplanation = "x"\n[[rules]]\nid = "r"\n'
                     'lift = "2024-06-01 10:00"\nexplanation = "x"\n' + EXAMPLE, "warning")
    text = "\n".join(p.message for p in found)
    assert "more than a year before the meeting starts" in text
    assert "label 'latebreaking' is no catalogue category" in text
    assert "no example exercises rule 'lb'" in text
    assert "no example exercises rule 'r'" not in text


def test_no_examples_warns() -> None:
    found = problems('[[rules]]\nid = "r"\nlift = "2024-06-01 10:00"\nexplanation = "x"\n',
                     "warning")
    assert any(p.key == "examples" for p in found)


def test_cli_validate_output_and_exit_codes(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "test-2024.toml"
    good.write_text(HEAD.format(zone="America/New_York") + '[[rules]]\nid = "r"\n'
                    'lift = "Sep 30, 2024 12:01 am EST"\nexplanation = "x"\n' + EXAMPLE)
    r = cli("policy", "validate", good)
    assert r.code == 0, r.out
    assert f"{good}:12: warning: rules[0].lift: 'EST' does not match" in r.out
    assert r.out.strip().endswith("0 error(s), 2 warning(s)")
    assert cli("policy", "validate", "--strict", good).code == 2
    bad = tmp_path / "bad-2024.toml"
    bad.write_text(HEAD.format(zone="UTC").replace("test-2024", "bad-2024")
                   + '[[rules]]\nid = "r"\nlift = "poster_opening"\nexplanation = "x"\n')
    r = cli("policy", "validate", bad)
    assert r.code == 2 and f"{bad}:12: error: rules[0].lift: refers to event" in r.out


def test_skeleton_is_in_step_with_the_language() -> None:
    from embargo.policy.examples import run_examples
    from embargo.policy.skeleton import skeleton

    text = skeleton("new-2025")
    text = text.replace('zone = "TODO: the venue\'s IANA zone, e.g. America/Chicago or '
                        'Europe/Vienna"', 'zone = "America/New_York"')
    p = load_policy_text(text, "new-2025.toml")
    found = [x for x in validate(p) if x.level != "note"]
    todo = [x for x in found if "still says TODO" in x.message]
    assert todo and all(x.level == "warning" and x.line for x in todo)  # left to fill in
    assert not [x for x in found if x not in todo]
    assert all(r.ok for r in run_examples([p]))
    for key in ("all_tags", "not_tags", "exception", "[[requirements]]", "[[overrides]]",
                "earliest", "first", "unknown = true", "never = true", "review ="):
        assert key in text


def test_optional_custom_event_needs_no_declaration_and_declaring_it_unknown_warns() -> None:
    body = ('[[rules]]\nid = "r"\nlift = { first = ["journal_publication?", '
            '"presentation_start"] }\nexplanation = "x"\n')
    found = problems(body)
    assert not [p for p in found if p.level == "error"]
    assert any(p.level == "note" and "journal_publication" in p.message for p in found)
    found = problems('[events]\njournal_publication = { unknown = true }\n' + body, "warning")
    assert any("never be skipped" in p.message for p in found)


def test_optional_event_is_skipped_when_absent() -> None:
    from tests.policy.helpers import abstract, judge_at

    p = policy('[[rules]]\nid = "r"\nlift = { first = ["journal_publication?", '
               '"presentation_start"] }\nexplanation = "x"\n')
    pub = abstract("1", events={"journal_publication": "2024-06-12 16:00",
                                "presentation_start": "2024-06-13 10:00"})
    talk = abstract("2", events={"presentation_start": "2024-06-13 10:00"})
    assert judge_at(p, "2024-06-12 16:00 CT", "editorial", ["beyond"], pub).verdict.value == \
        "pass"
    assert judge_at(p, "2024-06-12 16:00 CT", "editorial", ["beyond"], talk).verdict.value == \
        "violation"
