"""The linker on small, explicit cases: each signal, the trap of topic-only matches, meetings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from embargo.catalog import Catalog, import_paths
from embargo.linking import Linker, LinkOptions
from embargo.linking.features import content_words, fold, numbers
from embargo.policy import PolicySet

CASES = Path(__file__).resolve().parents[1] / "cases" / "linking"
HAND = CASES / "handwritten" / "abstracts.jsonl"


@pytest.fixture(scope="module")
def linker(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    db = tmp_path_factory.mktemp("linking") / "c.db"
    with Catalog(db) as cat:
        import_paths(cat, [CASES / "catalogue.jsonl"])
    cat = Catalog(db, readonly=True)
    yield Linker(cat, PolicySet.load())
    cat.close()


def ids(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {x.abstract.id for x in result.links}


def test_explicit_full_id_and_number_in_a_named_meeting(linker) -> None:  # type: ignore[no-untyped-def]
    r = linker.link("Our poster acr-2024:0813 is up.")
    assert ids(r) == {"acr-2024:0813"}
    assert any("abstract id" in e for e in r.links[0].evidence)
    r = linker.link("Come to abstract #L07 at ACR Convergence 2024 on Tuesday.")
    assert "acr-2024:L07" in ids(r)


def test_trial_registry_id_and_page_link(linker) -> None:  # type: ignore[no-untyped-def]
    # A registry id names the study; with no meeting named it may be another publication
    # of it (a paper, another congress), so it is a candidate until the meeting is named.
    r = linker.link("Results from NCT05593120 are out.")
    assert ids(r) == set() and {x.abstract.id for x in r.candidates} == {"acr-2024:L07"}
    r = linker.link("Results from NCT05593120 were presented at ACR Convergence 2024.")
    assert ids(r) == {"acr-2024:L07"}
    assert r.links[0].evidence[0] == "trial NCT05593120"
    url = "https://acrabstracts.example.org/abstract/denosumab-versus-zoledronic-acid-shield-gio/"
    r = linker.link("Read it here.", urls=(url,))
    assert ids(r) == {"acr-2024:0812"}


def test_numbers_authors_and_brand_names_without_ids(linker) -> None:  # type: ignore[no-untyped-def]
    text = ("Prolia (denosumab) raised spine bone density by 4.8% against 2.9% with an annual "
            "zoledronic acid infusion in 318 steroid-treated patients, said Dr. Tomasz "
            "Wieczorek.")
    r = linker.link(text)
    assert ids(r) == {"acr-2024:0812"}
    link = r.links[0]
    assert 0.75 <= link.confidence <= 1.0
    joined = "; ".join(link.evidence)
    assert "4.8" in joined and "wieczorek" in joined


def test_rounded_numbers_meet_the_abstract(linker) -> None:  # type: ignore[no-untyped-def]
    text = ("A weekly under-the-skin myeloma antibody, pelarutamab, led to responses in "
            "about 71% of 156 heavily treated patients; nearly 39% had a complete response.")
    assert ids(linker.link(text)) == {"ash-2023:445"}


def test_sibling_analyses_of_one_trial_are_told_apart(linker) -> None:  # type: ignore[no-untyped-def]
    main = ("Adjuvant tevoratinib cut recurrence after lung cancer surgery: 3-year "
            "disease-free survival 82.7% versus 49.6% (HR 0.31) in LANTERN.")
    qol = ("In LANTERN, quality of life on tevoratinib matched placebo; 641 of 682 patients "
           "answered the questionnaires.")
    assert ids(linker.link(main)) == {"asco-2024:LBA4"}
    assert ids(linker.link(qol)) == {"asco-2024:8512"}


def test_two_studies_in_one_release(linker) -> None:  # type: ignore[no-untyped-def]
    text = (CASES / "items" / "h015-press-release-two-studies.md").read_text(encoding="utf-8")
    assert ids(linker.link(text)) == {"acr-2024:0812", "acr-2024:2210"}


@pytest.mark.parametrize("name", ["h016-unrelated-biosimilar-denosumab.md",
                                  "h017-unrelated-giop-guideline.md",
                                  "h019-unrelated-other-congress-nsclc.md",
                                  "h025-unrelated-myeloma-approval.md"])
def test_topic_alone_links_nothing(linker, name: str) -> None:  # type: ignore[no-untyped-def]
    """Approvals, guidelines and other congresses share the vocabulary, not the study."""
    assert ids(linker.link((CASES / "items" / name).read_text(encoding="utf-8"))) == set()


def test_meeting_named_but_no_abstract(linker) -> None:  # type: ignore[no-untyped-def]
    r = linker.link("Packing for #ACR24 in DC! Who else is going?")
    assert r.links == () and r.meetings == ("acr-2024",)


def test_meeting_scope_and_options(linker) -> None:  # type: ignore[no-untyped-def]
    text = "Results from NCT05593120 are out."
    assert ids(linker.link(text, meeting="asco-2024")) == set()
    strict = Linker(linker.catalog, linker.policies, LinkOptions(accept=1.0, candidate=0.1))
    r = strict.link("Velmarizumab cut IgG4-related disease flares to 12.4% from 41.9%.")
    assert r.links == () and r.candidates[0].abstract.id == "acr-2024:L07"


def test_empty_catalogue_links_nothing(tmp_path: Path) -> None:
    with Catalog(tmp_path / "empty.db") as cat:
        r = Linker(cat, PolicySet.load()).link("Anything at ACR Convergence 2024, 61.9%.")
        assert r.links == () and r.meetings == ("acr-2024",)


def test_features_normalise_both_sides_alike() -> None:
    assert content_words(fold("The ORCHID-2 trial of IL-23 blockers in Sjögren’s")) == [
        "orchid2", "trial", "il23", "blocker", "sjogren"]
    assert numbers(fold("61.9% vs 35.7% (n=1,234; p<0.001) in 2024; IL-23")) == [
        ("61.9", "62"), ("35.7", "36"), ("1234", None), ("0.001", None)]


def test_handwritten_abstracts_are_in_the_case_catalogue() -> None:
    hand = [json.loads(x) for x in HAND.read_text(encoding="utf-8").splitlines() if x.strip()]
    catalogue = (CASES / "catalogue.jsonl").read_text(encoding="utf-8")
    assert len(hand) >= 10 and all(f'"number": "{h["number"]}"' in catalogue for h in hand)


def test_a_small_catalogue_links_as_well(tmp_path: Path) -> None:
    """Eleven abstracts only: rarity estimates are shrunk towards a prior, so a number or a
    drug found in one abstract of eleven still counts as the specific evidence it is."""
    expected = json.loads((CASES / "expected.json").read_text(encoding="utf-8"))
    with Catalog(tmp_path / "small.db") as cat:
        import_paths(cat, [HAND])
        linker = Linker(cat, PolicySet.load())
        tp = fp = fn = 0
        for name, truth in expected.items():
            if not name.startswith("h"):
                continue
            got = ids(linker.link((CASES / "items" / name).read_text(encoding="utf-8")))
            tp, fp, fn = tp + len(got & set(truth)), fp + len(got - set(truth)), \
                fn + len(set(truth) - got)
    assert fp == 0 and tp / (tp + fn) >= 0.85, (tp, fp, fn)


@pytest.mark.parametrize("name, key", [
    ("Min Jung Kim", ("kim", "m")), ("Kim MJ", ("kim", "m")), ("Kim, Min Jung", ("kim", "m")),
    ("van der Heijde D", ("heijde", "d")), ("Robert Smith Jr.", ("smith", "r")),
    ("O'Brien P", ("obrien", "p")), ("Désirée van der Heijde", ("heijde", "d")),
])
def test_author_names_in_every_style(name: str, key: tuple[str, str]) -> None:
    from embargo.linking.features import surname_key

    assert surname_key(name) == key


def test_a_number_by_chance_is_not_a_link(linker) -> None:  # type: ignore[no-untyped-def]
    """Street numbers, phone numbers and ZIP codes meet some abstract's sample size."""
    text = ("# Calder Pharma opens new offices\n\nCalder Pharma moved to 318 Harbor Drive, "
            "Boston, MA 02139 (phone +1 617 555 1046). The company markets Prolia and "
            "Tevoratinib-brand products in 21 countries.\n\nAbout Calder: forward-looking "
            "statements involve risks and uncertainties.")
    r = linker.link(text)
    assert r.links == (), [(x.abstract.id, x.evidence) for x in r.links]
