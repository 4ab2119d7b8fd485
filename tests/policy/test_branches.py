"""Rules that branch on an abstract's own events, kinds of presentation material, and the
abstract's own lift as an operand (issue 12, items 1-3)."""

from __future__ import annotations

import pytest

from embargo.engine import judge
from embargo.errors import InputError
from embargo.model import (
    Abstract,
    Item,
    Kind,
    KindGuess,
    Link,
    Material,
    Tier,
    TierEvidence,
    Verdict,
)
from embargo.policy import PolicySet
from embargo.policy.explain import explain
from embargo.policy.schema import Policy
from embargo.policy.validate import validate
from tests.policy.helpers import abstract, judge_at, policy, t

V, P, R = Verdict.VIOLATION, Verdict.PASS, Verdict.REVIEW

BRIEFED = '''
[[rules]]
id = "press-programme"
has_event = "briefing_start"
lift = "briefing_start"
explanation = "Abstracts in the press programme lift at their briefing."

[[rules]]
id = "rest"
lacks_event = "briefing_start"
lift = "session_start"
explanation = "The others lift at their session."
'''


def test_has_event_selects_abstracts_the_catalogue_gives_the_event() -> None:
    p = policy(BRIEFED)
    briefed = abstract("1", session=("2024-06-13 10:00 CT", None),
                       events={"briefing_start": "2024-06-12 08:00 CT"})
    plain = abstract("2", session=("2024-06-13 10:00 CT", None))
    j = judge_at(p, "2024-06-12 08:00 CT", "editorial", ["beyond"], briefed)
    assert j.verdict is P and j.findings[0].rule == "test-2024/press-programme"
    assert judge_at(p, "2024-06-12 07:59:59 CT", "editorial", ["beyond"], briefed).verdict is V
    j = judge_at(p, "2024-06-12 08:00 CT", "editorial", ["beyond"], plain)
    assert j.verdict is V and j.findings[0].rule == "test-2024/rest"
    assert j.earliest_compliant == t("2024-06-13 10:00 CT", "America/Chicago")


def test_a_branch_can_lead_to_an_unknown_lift_or_a_clock_on_another_events_day() -> None:
    p = policy('''
[[rules]]
id = "press-programme"
has_event = "briefing_start"
lift = "07:00 on presentation_start"
explanation = "Press-programme abstracts are free at 07:00 on their presentation day."

[[rules]]
id = "others"
lift = "unknown"
explanation = "The others' lift is not published."
''')
    briefed = abstract("1", events={"briefing_start": "2024-06-12 08:00 CT",
                                    "presentation_start": "2024-06-14 15:30 CT"})
    assert judge_at(p, "2024-06-14 06:59:59 CT", "editorial", ["abstract"],
                    briefed).verdict is V
    j = judge_at(p, "2024-06-14 07:00 CT", "editorial", ["abstract"], briefed)
    assert j.verdict is P and j.earliest_compliant == t("2024-06-14 12:00 UTC")
    j = judge_at(p, "2030-01-01 00:00 UTC", "editorial", ["abstract"], abstract("2"))
    assert j.verdict is R and j.earliest_compliant is None


def test_has_event_combines_with_labels_and_kinds() -> None:
    p = policy('''
[[rules]]
id = "briefed-posters-releases"
tags = ["poster"]
kinds = ["press-release"]
has_event = ["briefing_start", "briefing_end"]
lift = "briefing_end"
explanation = "Releases on briefed posters wait for the end of the briefing."

[[rules]]
id = "rest"
lift = "2024-06-12 08:00"
explanation = "Everything else on June 12 at 8:00."
''')
    both = {"briefing_start": "2024-06-13 08:00 CT", "briefing_end": "2024-06-13 09:00 CT"}
    poster = abstract("1", category="poster", events=both)
    at = "2024-06-13 08:30 CT"
    assert judge_at(p, at, "press-release", ["abstract"], poster).verdict is V
    assert judge_at(p, at, "editorial", ["abstract"], poster).verdict is P
    assert judge_at(p, at, "press-release", ["abstract"],
                    abstract("2", category="oral", events=both)).verdict is P
    only_start = abstract("3", category="poster",
                          events={"briefing_start": "2024-06-13 08:00 CT"})
    assert judge_at(p, at, "press-release", ["abstract"], only_start).verdict is P


def test_event_selectors_are_checked_when_loading() -> None:
    with pytest.raises(InputError, match="both required") as e:
        policy('[[rules]]\nid = "x"\nhas_event = "a_b"\nlacks_event = ["a_b"]\nallow = true\n'
               'explanation = "x"\n')
    assert e.value.key == "rules[0].lacks_event" and e.value.line
    with pytest.raises(InputError, match="not an event name"):
        policy('[[rules]]\nid = "x"\nhas_event = "Briefing start"\nallow = true\n'
               'explanation = "x"\n')


def test_validate_understands_event_selectors() -> None:
    # The catch-all after an exhaustive has/lacks pair can never apply.
    p = policy(BRIEFED + '[[rules]]\nid = "never"\nlift = "2024-06-12 08:00"\n'
               'explanation = "x"\n')
    errors = [x for x in validate(p) if x.level == "error"]
    assert [x.key for x in errors] == ["rules[2]"]
    assert "can never apply" in errors[0].message
    # A has_event rule alone leaves abstracts without the event uncovered.
    p = policy(BRIEFED.split("[[rules]]\nid = \"rest\"")[0])
    gaps = [x.message for x in validate(p) if x.key == "rules" and x.level == "warning"]
    assert gaps and "without briefing_start" in gaps[0]
    # An event every abstract has (declared under [events]) makes the selector meaningless.
    p = policy('[events]\nbriefing_start = "2024-06-12 08:00"\n' + BRIEFED)
    msgs = [x.message for x in validate(p) if x.key == "rules[0].has_event"]
    assert msgs and "every abstract has it" in msgs[0]
    # A misspelt event name gets a suggestion.
    p = policy('[[rules]]\nid = "x"\nhas_event = "breifing_start"\nlift = "briefing_start"\n'
               'explanation = "x"\n[[rules]]\nid = "y"\nallow = true\nexplanation = "y"\n')
    msgs = [x.message for x in validate(p) if x.key == "rules[0].has_event"]
    assert msgs and "did you mean 'briefing_start'" in msgs[0]
    # The hint for an unexercised has_event rule says how to give an example the event.
    p = policy(BRIEFED + '[[examples]]\nname = "x"\nkind = "editorial"\nat = "2024-06-01 00:00"'
               '\ntiers = ["abstract"]\nexpect = "review"\n')
    msgs = [x.message for x in validate(p) if x.key == "rules[0]"]
    assert any("events = { briefing_start" in m for m in msgs)


def test_show_has_a_grid_for_abstracts_with_the_event() -> None:
    text = explain(policy(BRIEFED))
    assert "with its own briefing_start:" in text
    assert "abstracts with their own briefing_start" in text
    assert "abstracts without briefing_start" in text


# ----------------------------------------------------------------- kinds of material

MATERIALS = '''
[[rules]]
id = "no-recordings"
materials = ["recordings"]
never = true
explanation = "Recordings of talks are never allowed."

[[rules]]
id = "no-images-social"
kinds = ["social"]
materials = "images"
never = true
explanation = "No images of data on social media, before, during or after the meeting."

[[rules]]
id = "slides"
materials = ["slides"]
lift = "presentation_start"
explanation = "Slide files are free once the talk starts."

[[rules]]
id = "rest"
lift = "2024-06-12 08:00"
explanation = "Everything else on June 12 at 8:00."
'''


def _mat(p: Policy, at: str, kind: str, material: Material, a: Abstract) -> Verdict:
    item = Item(source="t", text="", kind=KindGuess(Kind(kind), 1.0, source="flag"),
                published_at=t(at, "America/Chicago"), links=(Link(a, 1.0, ("t",)),),
                tiers={a.id: (TierEvidence(Tier.MATERIAL, "e", "", material),)})
    j = judge(item, PolicySet([p]))
    assert all(f.material is material for f in j.findings if f.tier is Tier.MATERIAL)
    return j.verdict


def test_each_kind_of_material_has_its_own_rule() -> None:
    p = policy(MATERIALS)
    a = abstract("1", events={"presentation_start": "2024-06-13 10:00 CT"})
    assert _mat(p, "2024-06-13 09:59 CT", "editorial", Material.SLIDES, a) is V
    assert _mat(p, "2024-06-13 10:00 CT", "editorial", Material.SLIDES, a) is P
    assert _mat(p, "2030-01-01 10:00 CT", "editorial", Material.RECORDINGS, a) is V
    assert _mat(p, "2030-01-01 10:00 CT", "social", Material.IMAGES, a) is V
    assert _mat(p, "2024-06-12 08:00 CT", "editorial", Material.IMAGES, a) is P


def test_material_of_no_stated_kind_is_judged_as_every_kind() -> None:
    p = policy(MATERIALS)
    a = abstract("1", events={"presentation_start": "2024-06-13 10:00 CT"})
    j = judge_at(p, "2024-06-14 10:00 CT", "editorial", ["material"], a)
    assert j.verdict is V and j.earliest_compliant is None
    assert {f.material for f in j.findings} == set(Material)
    assert {f.rule for f in j.findings if f.verdict is V} == {"test-2024/no-recordings"}


def test_materials_selector_is_checked_when_loading() -> None:
    with pytest.raises(InputError, match="unknown kind of material 'videos'") as e:
        policy('[[rules]]\nid = "x"\nmaterials = ["videos"]\nnever = true\nexplanation = "x"\n')
    assert e.value.key == "rules[0].materials"
    with pytest.raises(InputError, match="tiers"):
        policy('[[rules]]\nid = "x"\ntiers = ["beyond"]\nmaterials = ["slides"]\nnever = true\n'
               'explanation = "x"\n')


def test_validate_and_show_know_the_kinds_of_material() -> None:
    p = policy(MATERIALS.replace('[[rules]]\nid = "rest"\nlift = "2024-06-12 08:00"\n',
                                 '[[rules]]\nid = "rest"\ntiers = ["existence", "abstract", '
                                 '"beyond"]\nlift = "2024-06-12 08:00"\n'))
    gaps = [x.message for x in validate(p) if x.key == "rules" and x.level == "warning"]
    assert gaps == []  # beyond rules cover the kinds of material no rule names
    p = policy(MATERIALS + '[[rules]]\nid = "dead"\nmaterials = ["recordings"]\n'
               'allow = true\nexplanation = "x"\n')
    assert [x.key for x in validate(p) if x.level == "error"] == ["rules[4]"]
    text = explain(policy(MATERIALS))
    assert "presentation material: recordings" in text
    assert "    recordings " in text and "    slides " in text


def test_examples_can_carry_kinds_of_material() -> None:
    p = policy(MATERIALS + '''
[[examples]]
name = "a recording link, any time"
kind = "editorial"
at = "2030-01-01 00:00"
materials = ["recordings"]
expect = "violation"
rule = "no-recordings"
earliest_compliant = "none"

[[examples]]
name = "the slide file at the talk"
kind = "editorial"
at = "2024-06-13 10:00"
materials = ["slides"]
abstract = { number = "7", events = { presentation_start = "2024-06-13 10:00" } }
expect = "pass"
''')
    from embargo.policy.examples import run_examples

    assert [r.problems for r in run_examples([p])] == [(), ()]


# ----------------------------------------------------------------- the abstract's own lift

OWN = '''
[[rules]]
id = "all"
lift = { latest = ["meeting_start", { first = ["own_lift", "abstracts_online"] }] }
explanation = "Not before the first day, nor before the abstract's own lift (extendable)."

[events]
abstracts_online = "2024-06-01 10:00"
'''


def test_own_lift_names_the_abstracts_own_overridden_lift() -> None:
    p = policy(OWN)
    plain = abstract("1")
    # No own lift: the online time, but not before the first day.
    j = judge_at(p, "2024-06-11 23:59 CT", "editorial", ["abstract"], plain)
    assert j.verdict is V and j.earliest_compliant == t("2024-06-13 00:00 CT",
                                                        "America/Chicago")
    assert judge_at(p, "2024-06-12 12:00 CT", "editorial", ["abstract"], plain).verdict is R
    assert judge_at(p, "2024-06-13 00:00 CT", "editorial", ["abstract"], plain).verdict is P
    # The author extended it: the override counts, and the first day still holds.
    extended = abstract("2", lifts={"abstract": "2024-06-14 09:00 CT"})
    j = judge_at(p, "2024-06-14 08:59 CT", "editorial", ["abstract"], extended)
    assert j.verdict is V and j.earliest_compliant == t("2024-06-14 14:00 UTC")
    assert "own abstract lift" in (j.findings[0].explanation or "")
    # An override earlier than the first day does not free it earlier.
    early = abstract("3", lifts={"abstract": "2024-05-01 09:00 CT"})
    assert judge_at(p, "2024-06-11 12:00 CT", "editorial", ["abstract"], early).verdict is V


def test_own_lift_is_checked() -> None:
    with pytest.raises(InputError, match="takes no offset"):
        policy('[[rules]]\nid = "a"\nlift = { latest = ["meeting_start", "own_lift + 1d"] }\n'
               'explanation = "x"\n')
    with pytest.raises(InputError, match="reserved"):
        policy('[events]\nown_lift = "2024-06-01"\n[[rules]]\nid = "a"\nlift = "own_lift"\n'
               'explanation = "x"\n')
    p = policy('[events]\nx = { latest = ["meeting_start", "own_lift"] }\n'
               '[[rules]]\nid = "a"\nlift = "x"\nexplanation = "x"\n')
    assert [x.key for x in validate(p) if x.level == "error"] == ["events.x"]


def test_overridable_false_still_replaces_nothing_and_own_lift_still_reads_it() -> None:
    p = policy('[[rules]]\nid = "a"\noverridable = false\nlift = { latest = ["meeting_start", '
               '"own_lift"] }\nexplanation = "x"\n')
    extended = abstract("2", lifts={"abstract": "2024-06-14 09:00 CT"})
    j = judge_at(p, "2024-06-14 08:00 CT", "editorial", ["abstract"], extended)
    assert j.verdict is V and j.earliest_compliant == t("2024-06-14 14:00 UTC")


def test_validate_warns_when_a_label_rule_takes_material_a_later_rule_forbids() -> None:
    p = policy('''
[[rules]]
id = "lbs"
tags = ["late-breaking"]
lift = "presentation_start"
explanation = "Late-breaking abstracts at their talk."

[[rules]]
id = "recordings"
materials = ["recordings"]
never = true
explanation = "Recordings never."

[[rules]]
id = "rest"
lift = "2024-06-01 10:00"
explanation = "Everything else."
''')
    msgs = [x.message for x in validate(p) if x.key == "rules[0]" and x.level == "warning"]
    assert any("material (recordings) content" in m and "move it above 'lbs'" in m
               for m in msgs)
