"""Invented news coverage of generated abstracts: press releases, news stories, social and blog
posts written from an abstract's *facts* (never its sentences), the way coverage is written:
lay words for the disease, brand or generic drug names, rounded numbers, the first author and
institution, the meeting named or not.  Also unrelated items (approvals, guidelines, other
congresses, general health news, meeting previews) that must link to nothing.
"""

from __future__ import annotations

import random
from typing import Any

from catalog_gen import COMPANIES, DRUGS, MEETINGS

Facts = dict[str, Any]

_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
          8: "eight", 9: "nine", 10: "ten"}


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def pct(rng: random.Random, v: float) -> str:
    """A percentage as coverage writes it: exact, rounded, or in words."""
    r = int(v + 0.5)
    choice = rng.random()
    if choice < 0.35:
        return f"{v}%"
    if choice < 0.6:
        return f"{r}%"
    if choice < 0.75:
        return f"{'nearly' if r > v else 'about'} {r}%"
    if choice < 0.87:
        return f"{r} percent"
    tens = round(v / 10)
    if 1 <= tens <= 9:
        return f"about {_WORDS.get(tens, str(tens))} in 10"
    return f"{r}%"


def drug_name(rng: random.Random, f: Facts) -> str:
    if f["brand"] and rng.random() < 0.5:
        return f"{f['brand']} ({f['generic']})" if rng.random() < 0.5 else f["brand"]
    return f["generic"]


def surname(name: str) -> str:
    return name.split()[-1]


def _meeting_phrase(rng: random.Random, f: Facts) -> str:
    m = f["meeting_name"]
    return rng.choice([f" at {m}", f" at the {m}", f", presented this week at {m}",
                       f" being presented at {m}", "", ""])


def _lead_phrase(rng: random.Random, f: Facts) -> str:
    first = f["first_author"]
    return rng.choice([
        f"said lead author Dr. {first} of {f['institution']}",
        f"said Dr. {first}, a physician-scientist at {f['institution']} who led the study",
        f"said {surname(first)}, the study's first author",
        f"according to Dr. {first} of {f['institution']}",
    ])


def _result_sentence(rng: random.Random, f: Facts, drug: str) -> str:
    lay_ep = f["endpoint"]
    if f["design"] in ("rct", "phase2", "subgroup", "posthoc", "extension", "biomarker"):
        opts = [
            f"{_cap(pct(rng, f['treat']))} of patients taking {drug} reached {lay_ep}, compared "
            f"with {pct(rng, f['ctrl'])} of those on {f['control']}.",
            f"By week {f['weeks']}, {pct(rng, f['treat'])} of people on {drug} had achieved "
            f"{lay_ep} versus {pct(rng, f['ctrl'])} in the {f['control']} group.",
            f"The {lay_ep} rate was {pct(rng, f['treat'])} with {drug} and {pct(rng, f['ctrl'])} "
            f"with {f['control']}.",
        ]
    else:
        opts = [
            f"Among the {f['n']:,} patients studied, {lay_ep} occurred in {pct(rng, f['second'])}.",
            f"The analysis of more than {round(f['n'], -2) if f['n'] > 1000 else f['n']:,} people "
            f"found {lay_ep} in {pct(rng, f['second'])}, with a hazard ratio of {f['hr']}.",
        ]
    return rng.choice(opts)


def _second_result(rng: random.Random, f: Facts) -> str:
    return rng.choice([
        f"Rates of {f['endpoint2']} were {pct(rng, f['second'])} and {pct(rng, f['second_c'])}, "
        "respectively.",
        f"The treatment also improved {f['endpoint2']} ({pct(rng, f['second'])} vs. "
        f"{pct(rng, f['second_c'])}).",
        "Side effects were mostly mild, and no new safety concerns emerged.",
        "Serious side effects were uncommon and similar across groups.",
    ])


def _design_phrase(rng: random.Random, f: Facts) -> str:
    d = f["design"]
    trial = f["trial"]
    if d == "rct":
        return rng.choice([f"the phase {f['phase']} {trial} trial" if trial else
                           f"a phase {f['phase']} randomized trial",
                           f"a randomized trial of {f['n']} patients"])
    if d == "extension":
        return rng.choice([f"the long-term extension of {trial or 'a pivotal trial'}",
                           f"{_WORDS.get(f['years'], f['years'])}-year follow-up data"])
    if d == "subgroup":
        return f"an analysis of {f['pop']} in {trial or 'a phase 3 trial'}"
    if d == "posthoc":
        return f"a new analysis of {trial or 'pooled trial data'}"
    if d == "biomarker":
        return f"a study of blood markers in patients treated with {f['generic']}"
    if d in ("realworld", "cohort", "registry"):
        return rng.choice([f"a study of {f['n']:,} patients treated in routine care",
                           f"a large real-world study of {f['n']:,} people",
                           f"registry data on {f['n']:,} patients"])
    if d == "cross":
        return f"a survey of {f['n']:,} adults"
    if d == "cost":
        return "an economic analysis"
    if d == "meta":
        return "a review pooling dozens of trials"
    return f"a phase 2 study of {f['generic']}"


def _quote(rng: random.Random, f: Facts) -> str:
    return rng.choice([
        f"\u201cThese results give patients with {f['lay']} a real new option,\u201d",
        "\u201cWe were encouraged by how consistent the benefit was,\u201d",
        "\u201cThis is the kind of durable response our patients have been waiting for,\u201d",
        "\u201cThe findings should help doctors choose treatment with more confidence,\u201d",
        "\u201cWe now need to see whether the benefit holds up over longer periods,\u201d",
    ])


def press_release(rng: random.Random, f: Facts) -> str:
    drug = drug_name(rng, f)
    owner = f["institution"] if rng.random() < 0.6 else f["company"]
    head = rng.choice([
        f"{_cap(drug)} shows benefit in {f['lay']} in new study",
        f"New data for {drug} in {f['lay']} to be presented"
        f"{_meeting_phrase(rng, f) or ' this month'}",
        f"{owner} researchers report "
        f"{(f['design'] == 'extension' and 'long-term') or 'new'} results in {f['lay']}",
        f"Study finds {drug} helps people with {f['lay']}",
    ])
    city = f["city"].split(",")[0]
    lines = [f"# {head}", "",
             f"{city.upper()} \u2014 {owner} today announced results from "
             f"{_design_phrase(rng, f)} in {f['disease']}{_meeting_phrase(rng, f)}."]
    lines.append(_result_sentence(rng, f, drug) + " " + _second_result(rng, f))
    lines.append(f"{_quote(rng, f)} {_lead_phrase(rng, f)}.")
    lines.append(rng.choice([
        f"{_cap(f['lay'])} affects millions of people worldwide, and many do not respond to "
        "existing treatments.",
        f"About {f['lay']}: the condition causes pain, fatigue and disability, and current "
        "therapies leave many patients without lasting control.",
        f"{f['company']} is developing {f['generic']} as a {f['class']}.",
    ]))
    return "\n\n".join(lines) + "\n"


def news_story(rng: random.Random, f: Facts) -> str:
    drug = drug_name(rng, f)
    head = rng.choice([
        f"{_cap(f['class'])} {drug} {rng.choice(['beats', 'outperforms', 'tops'])} "
        f"{f['control']} in {f['lay']}",
        f"Long-term {drug} data reassure in {f['lay']}" if f["design"] == "extension" else
        f"{_cap(drug)} helps hard-to-treat {f['lay']}",
        f"What a new {f['lay']} study means for patients",
    ])
    who = rng.choice([f"Dr. {f['first_author']} and colleagues at {f['institution']}",
                      f"researchers led by {f['first_author']} of {f['institution']}",
                      f"a team at {f['institution']}"])
    lines = [f"# {head}", "",
             f"{_cap(who)} reported{_meeting_phrase(rng, f)} that {drug} improved "
             f"{f['endpoint']} in {f['pop']} in {_design_phrase(rng, f)}.",
             _result_sentence(rng, f, drug),
             _second_result(rng, f),
             rng.choice([
                 "\u201cIt is a meaningful step, though cost and access will matter,\u201d said "
                 "an independent expert who was not involved in the study.",
                 "Outside experts cautioned that longer follow-up is needed.",
                 f"The study was funded by {f['company']}."]),
             ]
    if f["trial"] and rng.random() < 0.5:
        lines.insert(3, f"The {f['trial']} study enrolled {f['n']} participants.")
    return "\n\n".join(lines) + "\n"


def social_post(rng: random.Random, f: Facts) -> str:
    drug = drug_name(rng, f)
    tag = f["tag"] if rng.random() < 0.6 else ""
    if f["design"] in ("rct", "phase2", "subgroup", "posthoc", "extension", "biomarker"):
        res = f"{int(f['treat'] + 0.5)}% vs {int(f['ctrl'] + 0.5)}%" if rng.random() < 0.5 \
            else f"{f['treat']}% vs {f['ctrl']}%"
        body = rng.choice([
            f"{f['trial'] or _cap(drug)} hits in {f['short']}: {f['endpoint']} {res} vs "
            f"{f['control']}. {tag}",
            f"Impressive {f['short']} data on {drug} today: {res} {f['endpoint']}. "
            f"Congrats Dr. {surname(f['first_author'])} & team! {tag}",
        ])
    else:
        body = (f"Interesting {f['short']} poster: {f['n']:,} pts, {f['endpoint']} in "
                f"{f['second']}% (HR {f['hr']}). {tag}")
    return body.strip() + "\n"


def blog_post(rng: random.Random, f: Facts) -> str:
    drug = drug_name(rng, f)
    return (f"# My notes from the {f['lay']} sessions\n\nOne study stood out for me. "
            f"{_cap(_design_phrase(rng, f))} looked at {drug} in {f['pop']}. "
            f"{_result_sentence(rng, f, drug)} I spoke briefly with "
            f"{surname(f['first_author'])}'s group afterwards; they plan to follow patients "
            f"for longer.\n\nI am cautiously optimistic.\n")


WRITERS = {"press-release": press_release, "editorial": news_story, "social": social_post,
           "blog": blog_post}


def two_study_release(rng: random.Random, f1: Facts, f2: Facts) -> str:
    d1, d2 = drug_name(rng, f1), drug_name(rng, f2)
    return "\n\n".join([
        f"# {f1['institution']} researchers present two studies",
        f"Two studies from our investigators will be presented{_meeting_phrase(rng, f1)}.",
        f"In the first, {_design_phrase(rng, f1)}, {d1} was tested in {f1['pop']}. "
        + _result_sentence(rng, f1, d1),
        f"The second study, led by Dr. {f2['first_author']}, examined {d2} in {f2['disease']}. "
        + _result_sentence(rng, f2, d2),
        f"{_quote(rng, f1)} {_lead_phrase(rng, f1)}.",
    ]) + "\n"


# --------------------------------------------------------------------------- unrelated items

def unrelated(rng: random.Random, area: str, meeting: str) -> str:
    generic, brand, cls = rng.choice(DRUGS[area])
    name = brand or generic
    m = MEETINGS[meeting]
    kinds = [
        f"# FDA approves {name} for a new indication\n\nThe U.S. Food and Drug Administration "
        f"has approved {name} ({generic}), a {cls}, for an additional group of adults. The "
        f"decision was based on earlier trial results. {rng.choice(COMPANIES)} said the drug "
        "will be available within weeks.\n",
        f"# Updated guideline recommends earlier treatment\n\nA professional society has "
        f"published an updated guideline that recommends starting a {cls} earlier in the "
        "disease course and revisiting treatment goals every three months. The guideline "
        "panel reviewed studies published over the last decade.\n",
        f"# Prices of {cls}s keep rising, analysis finds\n\nList prices of {cls}s, including "
        f"{generic}, rose by double digits over five years, according to an analysis of "
        "insurance claims. Patient groups called for caps on out-of-pocket costs.\n",
        f"# What to watch at {m['name']}\n\nThousands of clinicians will gather for "
        f"{m['name']} this month. Sessions on new therapies, long-term safety and health "
        f"equity are expected to draw crowds. Follow along with {m['tag']}.\n",
        "# Cardiologists report new heart failure data at the ESC Congress\n\nAt the "
        "European Society of Cardiology Congress, investigators reported that a new "
        "once-weekly injection lowered hospitalisations for heart failure by 23% over two "
        "years in a trial of 4,211 adults.\n",
        "# Exercise eases fatigue in chronic illness, review says\n\nA review of 48 trials "
        "found that supervised exercise programmes reduced fatigue by a moderate amount in "
        "people with long-term conditions. The authors called for programmes tailored to "
        "each patient.\n",
        f"# Hospital opens new infusion centre\n\nThe new centre will offer {generic} and "
        "other infused therapies closer to home for about 3,000 patients a year, the "
        "hospital said on Tuesday.\n",
        f"# Biosimilar of {generic} launches in Europe\n\nA lower-cost biosimilar version of "
        f"{generic} became available across the EU, which analysts expect to cut prices by "
        "up to 40%.\n",
    ]
    return rng.choice(kinds)
