"""Tier analysis and kind inference on small, pointed examples."""

from __future__ import annotations

import pytest

from embargo.content.draft import Draft
from embargo.content.kind import infer_kind
from embargo.content.numbers import extract, matches
from embargo.content.tiers import analyse_tiers
from embargo.model import Abstract, Kind, Tier

ABSTRACT = Abstract(
    meeting="acr-2024", number="0645",
    title="Efficacy of Zelorimab in Psoriatic Arthritis: 24-Week Results of the ORCHID-2 Trial",
    authors=("Hannah Okafor", "Luis Mendel"),
    body="Methods: 612 patients were randomised to zelorimab or placebo. Results: ACR20 at week "
         "24 was reached by 61.9% versus 35.7% with placebo (hazard ratio 0.62). Serious "
         "adverse events occurred in 2.9% and 3.0%. Conclusion: Zelorimab improved joint "
         "outcomes over placebo.")


def tiers(text: str, **kw: object) -> dict[str, Tier]:
    return {ev.evidence: ev.tier for ev in analyse_tiers(text, ABSTRACT, **kw)}  # type: ignore[arg-type]


@pytest.mark.parametrize("draft, number, ok", [
    ("nearly 62 percent responded", "62", True),
    ("62% responded", "62%", True),
    ("more than 600 patients", "600", True),
    ("about a third on placebo", "a third", True),
    ("a 38% lower risk", "38%", True),  # 1 - 0.62
    ("26 points more", "26", True),  # 61.9 - 35.7
    ("48% responded", "48%", False),
    ("at week 52", "52", False),
])
def test_numbers_with_rounding_and_formats(draft: str, number: str, ok: bool) -> None:
    from embargo.content.numbers import derived

    ref = extract(ABSTRACT.body, reference=True)
    ref += derived([extract(s, reference=True) for s in ABSTRACT.body.split(". ")])
    (n,) = [x for x in extract(draft) if number in x.text]
    assert matches(n, ref) is ok


def test_not_data_numbers_are_skipped() -> None:
    text = ("Presented Nov. 14, 2024 at 10:00 a.m. ET in Room 207B (abstract 0645, NCT05512345) "
            "at ACR Convergence 2024; IL-23, ORCHID-2, phase 3, #ACR24, call 202-555-0143.")
    assert extract(text) == []


def test_sentence_tiers() -> None:
    t = tiers(
        "# Zelorimab improves psoriatic arthritis in phase 3 trial\n\n"
        "BOSTON, Oct. 28, 2024 — In ORCHID-2, 61.9% of 612 patients on zelorimab reached ACR20 "
        "at week 24, versus 35.7% on placebo.\n\n"
        "The results will be presented on Nov. 16 in Plenary Session II at ACR Convergence.\n\n"
        "“These are the most consistent responses we have seen,” said Dr. Hannah Okafor.\n\n"
        "Dr. Priya Raman, who was not involved in the study, believes the drug could change "
        "practice.\n\n"
        "At 52 weeks, 66.4% of patients had responded, according to updated data.\n\n"
        "The company plans to file for approval next year.\n\n"
        "See the slides: https://x.example/orchid2.pptx\n\n"
        "Psoriatic arthritis affects about 30% of people with psoriasis.\n\n"
        "About Okafor Pharma\n"
        "Okafor Pharma is a biotechnology company with 1,200 employees.\n\n"
        "Media contact: press@okafor.example, 617-555-0100\n")

    def by_start(prefix: str) -> Tier:
        (tier,) = [v for k, v in t.items() if k.startswith(prefix)]
        return tier

    assert by_start("# Zelorimab improves psoriatic") is Tier.ABSTRACT
    assert by_start("BOSTON, Oct. 28, 2024 — In ORC") is Tier.ABSTRACT
    assert by_start("The results will be presented ") is Tier.EXISTENCE
    assert by_start("“These are the most consistent") is Tier.BEYOND
    assert by_start("Dr. Priya Raman, who was not in") is Tier.BEYOND
    assert by_start("At 52 weeks, 66.4% of patients ") is Tier.BEYOND
    assert by_start("The company plans to file for ") is Tier.BEYOND
    assert by_start("See the slides: https://x.exam") is Tier.MATERIAL
    assert not any(k.startswith(("Psoriatic arthritis affects", "Okafor Pharma is",
                                 "Media contact")) for k in t)


def test_according_to_the_abstract_is_not_commentary() -> None:
    t = tiers("According to the abstract, 61.9% reached ACR20 with zelorimab.")
    assert list(t.values()) == [Tier.ABSTRACT]


def test_sentences_about_another_abstract_are_not_counted() -> None:
    other = Abstract(meeting="acr-2024", number="1709", title="Tapering Tocilizumab: TAPER-RA",
                     body="After two years, 23.6% had a flare.")
    t = tiers("In ORCHID-2, 61.9% reached ACR20.\n\nIn TAPER-RA, 23.6% flared after tapering.\n\n"
              "“Tapering works,” said Dr. Lindqvist of the TAPER-RA team.", others=[other])
    assert list(t.values()) == [Tier.ABSTRACT]


def test_material_links_not_in_the_text() -> None:
    evs = analyse_tiers("A short note.", ABSTRACT, links=("https://x.example/poster-0645.pdf",))
    assert [e.tier for e in evs] == [Tier.MATERIAL]


def _draft(text: str, **kw: object) -> Draft:
    return Draft(source="x", text=text, format="markdown", **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("text, kind", [
    ("FOR IMMEDIATE RELEASE\n\nBOSTON, Oct. 28, 2024 — Researchers announced today ...\n\n"
     "About Elm University\nElm is a university.\n\nMedia contact: a@b.example\n\n###",
     Kind.PRESS_RELEASE),
    ("By Jane Roe\n\nA drug helped, said Dr. Lee, who was not involved in the study. The "
     "company did not respond to a request for comment.", Kind.EDITORIAL),
    ("So proud of our #ACR24 poster today! 🎉 Come by board 12 @ACRheum", Kind.SOCIAL),
    ("Abstract\n\nBackground: x.\n\nMethods\n\nResults\n\nReferences\n\n1. Smith J, Lee K. A "
     "paper. J Med. 2020;1:1-2.\n\nPreprint posted on medRxiv; not peer reviewed.",
     Kind.SCHOLARLY),
])
def test_kind_markers(text: str, kind: Kind) -> None:
    g = infer_kind(_draft(text))
    assert g.kind is kind and g.confidence >= 0.6 and g.source == "inferred" and g.evidence


def test_no_marker_is_an_uncertain_editorial() -> None:
    # Coverage of a study that carries no marker of who publishes it is most often a news
    # page stored without masthead or byline (in the real set, 122 of 269 such items against
    # 83 "other" and 51 releases): the guess says so, uncertain, and the verdict is checked
    # against every kind (test_check_outputs: an uncertain kind whose answer differs is review).
    g = infer_kind(_draft("A study of something was done." * 40))
    assert g.kind is Kind.EDITORIAL and g.confidence < 0.6 and not g.alternatives
    assert g.evidence == ("no marker of any kind",)


def test_short_bare_text_is_a_low_confidence_guess_with_alternatives() -> None:
    g = infer_kind(_draft("Results from the trial: 61.9% versus 35.7%."))
    assert g.confidence < 0.6 and (not g.alternatives or Kind.OTHER in g.alternatives)
