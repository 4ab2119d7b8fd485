"""The real-coverage set (tests/cases/real) scored as a user runs embargo: a regression guard.

The figures themselves are reported by bench/score_real.py; here they must not fall below
what the rules reached when this test was written, and no violation may ever pass.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EMBARGO = Path(sys.executable).parent / "embargo"

#: Floors, a little under the figures measured when the rules were last changed (the fourth
#: held-out batch, its new abstracts read only in part, brought verdict and tier down; the
#: fifth and sixth, many of their pages without a masthead, brought kind down; the ninth,
#: blogs, digests and copies whose kind its own labels call arguable, brought it to 0.879; the
#: tenth, news pages stored without masthead or byline, to 0.859, with no rule changed; the
#: eleventh, organisers' and trial groups' own pages and uncredited copies, to 0.835; the
#: twelfth, news and society pages without masthead and a congress release relayed without
#: its wire's name, to 0.817; the thirteenth, foundations' blogs and pages without masthead,
#: to 0.800, tier to 0.750; the fourteenth, its ACR abstracts read only in part, tier to
#: 0.740; the sixteenth and seventeenth, news pages without masthead and abstracts read only
#: in part, kind to 0.786 and tier to 0.731, with the rules they taught; the eighteenth, its
#: abstracts read only in part, tier to 0.722; the nineteenth and twentieth, likewise, tier to
#: 0.706 and 0.697; the twenty-first, news pages stored without masthead or byline, kind to
#: 0.769; the twenty-fourth, sibling abstracts of one drug and abstracts read only in part,
#: recall to 0.770; the twenty-eighth, foundations' blogs, a digest and news pages stored
#: without masthead or byline, kind to 0.754; the twenty-ninth, patient-organisation and
#: education pages and abstracts read only in part, kind to 0.751, tier to 0.705; the rules
#: of the same stop raised recall to 0.796, and its floor to 0.78; the thirtieth, a forum
#: post, news pages without masthead and a patient group's newsletter, kind to 0.744; the
#: thirty-first, trade news without masthead and translated releases, to 0.732; the
#: thirty-second, sibling abstracts of one trial at one meeting, brought precision to 0.954;
#: the thirty-sixth, Danish and Norwegian news (no English marker of who publishes), a debate
#: talk and a patient association's statement on a catalogued therapy, an AI agent's article
#: on a later data cut and a topline naming its congress session, brought precision to 0.948,
#: recall to 0.778 and kind to 0.728; the thirty-seventh, Japanese, Portuguese, Italian and
#: French news (no English marker of who publishes; review, not pass, where the tier reader
#: cannot read the text), kind to 0.710 and verdict to 0.904; the forty-fourth batch's stop
#: held a link from an item naming no meeting to three quarters of the title, which raised
#: precision to 0.951, and its floor to 0.945; the forty-fifth, whose new catalogue rows (the
#: same teams' and trials' other abstracts) drew links from four older items and one of its
#: own, brought precision to 0.944 and the floor back to 0.94, and its verdicts on abstracts
#: read only in part (review where the labels say pass) verdict to 0.898, the floor to 0.89;
#: the forty-sixth, a society's press-programme release whose briefing time no catalogue row
#: holds and abstracts read only in part, verdict to 0.887, the floor to 0.88; the
#: forty-eighth, a registry's figure of 75.9% met by a generated distractor abstract at the
#: meeting the item names and an AI synopsis of a trial's methods paper whose title repeats its
#: trials-in-progress abstract's, brought precision to 0.938, the floor to 0.93; the
#: forty-ninth, positives about abstracts catalogued by title only (a phase 3 trial's row that
#: keeps its first author, not the presenter its coverage credits) and Japanese pages, brought
#: recall to 0.766, the floor to 0.76; the fiftieth, positives linked by content alone (AI
#: rewrites, a podcast's transcript, a foundation's page naming no meeting, a live tracker's
#: subhead) and a company's five posters of which one is catalogued, to 0.755, the floor to
#: 0.75; the fifty-ninth, positives linked by their content alone (an AI summary of a news
#: round-up, a hashtag page's teaser, a rewrite of others' coverage, all naming no trial or
#: number) and a registry's posters catalogued by title only, to 0.749, the floor to 0.74).
#: The negatives checked at their own dates pass in 74.9% of cases since the sixty-fifth
#: batch's stop (two rules on dates: no candidate 100 days or more ahead of an abstract; an
#: edition known only by its year is held that year; and a candidate of an item placing its
#: data at another publication raises no review); the positives checked at their own
#: dates, their abstracts left for the linker to find, pass in 3 cases where their labels say
#: violation or review (a scenario copy naming no meeting, a relayed headline, a day page whose
#: summary is another study's), a ceiling.
#: A new batch that brings a figure under its floor lowers the floor here, with the reason: no
#: rule may.
FLOORS = {"precision": 0.93, "recall": 0.74, "kind": 0.70, "verdict": 0.88, "tier": 0.69,
          "negatives_pass": 0.72}
CEILINGS = {"own_date_wrong_pass": 3}


@pytest.mark.slow
@pytest.mark.skipif(not EMBARGO.exists(), reason="needs the installed embargo command")
def test_real_set_figures_hold(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    p = subprocess.run([sys.executable, str(ROOT / "bench" / "score_real.py"), "--only", "real",
                        "--embargo", str(EMBARGO), "--json", str(out)],
                       capture_output=True, text=True, timeout=900)
    assert out.exists(), p.stdout + p.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    link = next(v for k, v in figures.items() if k.endswith("linking"))
    pre = next(v for k, v in figures.items() if k.endswith("pre-publish"))
    precision = link["tp"] / (link["tp"] + link["fp"])
    recall = link["tp"] / (link["tp"] + link["fn"])
    assert pre["wrong_pass"] == 0, p.stdout
    assert precision >= FLOORS["precision"], p.stdout
    assert recall >= FLOORS["recall"], p.stdout
    assert pre["kind"] / pre["n"] >= FLOORS["kind"], p.stdout
    assert pre["verdict"] / pre["n_verdict"] >= FLOORS["verdict"], p.stdout
    assert pre["tier"] / pre["n_tier"] >= FLOORS["tier"], p.stdout
    alarms = next(v for k, v in figures.items() if k.endswith("alarms"))
    own = next(v for k, v in figures.items() if k.endswith("verdicts"))
    assert alarms["passed"] / alarms["n"] >= FLOORS["negatives_pass"], p.stdout
    assert own["wrong_pass"] <= CEILINGS["own_date_wrong_pass"], p.stdout
