"""The linker's quick paths answer as the plain ones: the preprint marks looked for
alternative by alternative, the terms an item shares with a profile found once per item."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from embargo.content.numbers import fold_for_ignorecase
from embargo.linking import features as F
from embargo.linking import venues
from embargo.linking.evidence import _shared
from embargo.linking.item import ItemFeatures

_PIECES = ["preprint", "Preprint", "accepted manuscript", "journal article", "doi.org/10.1056",
           "doi: 10.1001", "PMID: 1234567", "PMCID: PMC123", "published in: Nature",
           "Published online in : Nat Med", "epub ahead of print", "Epub 2024 Nov", "2024",
           "2024 Nov 7;391(18):1696", " ;12:e34", "protocol for a randomised trial",
           "summary of this new paper", "a recent journal article", "(2025, Gao et al)",
           "(", ")", "\n", "peer-reviewed publication", " ", " ", ".", "item type: article",
           "x", "paper", "et al", "ſummary", "İtem", "reviewed publication", "19", "20"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_preprint_marks_are_found_alternative_by_alternative(text: str) -> None:
    found = venues._preprint_alternatives().found(text, fold_for_ignorecase(text))
    assert found == (venues._PREPRINT.search(text) is not None)


def test_preprint_marks_on_the_real_items() -> None:
    texts = [f.read_text(encoding="utf-8") for f in sorted(
        (Path(__file__).parents[1] / "cases" / "real").glob("*/items/*")) if f.is_file()]
    assert len(texts) > 100
    for text in texts:
        found = venues._preprint_alternatives().found(text, fold_for_ignorecase(text))
        assert found == (venues._PREPRINT.search(text) is not None)


def test_shared_terms_are_found_once_per_item_and_profile() -> None:
    from embargo.linking.linker import Linker

    linker = Linker.__new__(Linker)
    linker._shared_terms = (None, {})
    a = ItemFeatures.of("Orvelimab in lupus: the LUMEN-5 trial met its endpoint.")
    b = ItemFeatures.of("Tofacitinib in arthritis, the STAR2 study.")
    p = F.Profile(("w:orvelimab", "w:lupu", "b:orvelimab_lupu"), ("w:trial", "w:tofacitinib"),
                  frozenset(), frozenset(), (), (), ())
    q = F.Profile(("w:star2",), ("w:arthriti",), frozenset(), frozenset(), (), (), ())
    for item in (a, b, a):
        for prof in (p, q, p):
            assert linker._shared(item, prof) == _shared(item.termset, prof)
    assert linker._shared(a, p) is linker._shared(a, p)
