"""Tier analysis remembers and skips only what cannot change its answer."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from embargo.content import tiers
from embargo.content.numbers import Num
from embargo.content.sentences import split_block
from embargo.model import Abstract

ABSTRACT = Abstract(
    meeting="acr-2024", number="L16", title="Orvelimab in KRAS-12 Lupus: the LUMEN-5 Trial",
    authors=("Ana Kim", "Bo Ştefan", "Jo O'Neil", "Li Na"),
    body="Orvelimab and tofacitinib were compared in LUMEN-5 (NCT01234567) and STAR2 at "
         "week 52; 61.9% responded.", trial_ids=("NCT01234567",))

_PIECES = ["orvelimab", "ORVELIMAB", "Orvelımab", "kras-12", "KRAS-12", "\u212aRAS-12",
           "lumen-5", "LUMEN-5", "LUMEN-50", "x-LUMEN-5", "Kim", "kim", "Ştefan", "şTEFAN",
           "O'Neil", "Na", "abstract L16", "poster #l16", "acr-2024:L16", "ACR-2024:l16",
           "nct01234567", "NCT01234567", "tofacitinib", "STAR2", "ſtar2", " ", ", ", ".",
           "-", "İ", "the", "study"]


def _plain_hits(p: tiers._Profile, text: str) -> list[str]:
    out = []
    for source, flags in p.anchors:
        m = re.compile(source, flags).search(text)
        if m:
            out.append(m.group(0))
    return out


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_anchor_hits_are_every_anchor_searched(text: str) -> None:
    p = tiers._make_profile(ABSTRACT)
    assert len(p.needles) == len(p.anchors)
    first = p.anchor_hits(text)
    assert first == _plain_hits(p, text)
    first.append("changed")  # a list of the caller's own
    assert p.anchor_hits(text) == _plain_hits(p, text)  # remembered, the same


def test_anchor_hits_find_each_anchor() -> None:
    p = tiers._make_profile(ABSTRACT)
    for text in ["ORVELIMAB works", "\u212aRAS-12 mutant", "said Kim", "poster #L16",
                 "in Lumen-5", "ſtar2 results", "acr-2024:l16"]:
        assert p.anchor_hits(text) == _plain_hits(p, text) != [], text
    assert p.anchor_hits("nothing here") == []


def test_known_words_are_body_and_title_words() -> None:
    p = tiers._make_profile(ABSTRACT)
    assert p.known_words == p.body_words | p.title_words


def _span(m: re.Match[str] | None) -> tuple[int, int] | None:
    return m.span() if m else None


def test_remembered_answers_are_the_answers() -> None:
    texts = ["Dr Kim said the trial met its primary endpoint.",
             "The abstract says 61.9% responded.", "“It works,” she said.", "",
             "FLAURA2 and osimertinib in the STAR2 trial", "Check levels each trimester!"]
    for text in texts:
        for _ in range(2):
            assert tiers._attributed(text) == tiers._attributed_now(text)
            assert tiers._words(text) == {
                w for w in re.findall(r"[a-z][a-z0-9\-]{2,}", text.lower())
                if w not in tiers._STOP}
            assert _span(tiers._found(tiers._RESULT, text)) == _span(tiers._RESULT.search(text))
            _names, drugs = tiers._study_names(text)
            assert drugs == tuple(m.group(0) for m in tiers._DRUG.finditer(text.lower()))
    assert tiers._study_names("FLAURA2 and osimertinib in the STAR2 trial") == (
        ("star2",), ("osimertinib",))


def test_memories_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tiers, "_MEMO_MAX", 2)
    for name in ("_FOUND", "_WORDS", "_MATERIAL", "_ATTRIBUTED", "_FOLDED", "_STUDY_NAMES"):
        monkeypatch.setattr(tiers, name, {})
    for i in range(40):
        text = f"Dr Kim{i} said the slides {i} are at x.org/deck{i}.pptx"
        tiers._attributed(text)
        tiers._words(text)
        tiers._material(text)
        tiers._found(tiers._RESULT, text)
        tiers._folded(text)
        tiers._study_names(text)
    assert len(tiers._FOUND) <= 16
    p = tiers._make_profile(ABSTRACT)
    for i in range(10):
        p.anchor_hits(f"Kim {i}")
    assert len(p.hits) <= 2
    for name in ("_WORDS", "_MATERIAL", "_ATTRIBUTED", "_FOLDED", "_STUDY_NAMES"):
        assert len(getattr(tiers, name)) <= 2, name


def test_sentences_split_once_are_the_sentences() -> None:
    text = "# Head\n\nDr Kim said “it works.” Then 61.9% responded.\n\nAbout X\nX is a firm."
    first = tiers._sentences(text)
    assert first == tiers._sentences_now(text)
    first.clear()
    assert tiers._sentences(text) == tiers._sentences_now(text) != []
    body = "Results: 61.9% responded. Dr. Kim et al. found more.  Next  line."
    assert tiers._body_sentences(body) == tuple(split_block(" ".join(body.split())))
    assert tiers._body_sentences("") == ()


def _real_abstracts() -> list[Abstract]:
    """Every abstract of the real-coverage set (tests/cases/real), as the catalogue holds it."""
    import json
    from pathlib import Path

    out = []
    for f in sorted((Path(__file__).parents[1] / "cases" / "real").glob("*/catalog.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                out.append(Abstract(meeting=r["meeting"], number=str(r["number"]),
                                    title=r.get("title", ""), body=r.get("body", "")))
    return out


def test_an_abstracts_numbers_are_those_of_its_title_and_sentences() -> None:
    """The profile reads an abstract's numbers sentence by sentence (once each) instead of
    reading the whole text again: on every real abstract, the two readings agree."""
    from embargo.content.numbers import extract

    abstracts = _real_abstracts()
    assert len(abstracts) > 50
    for a in abstracts:
        whole = extract(f"{a.title}. {a.body}", reference=True)
        parts = extract(a.title, reference=True) + [
            n for s in tiers._body_sentences(a.body or "") for n in extract(s, reference=True)]
        assert whole == parts, a.id


def test_an_abstracts_numbers_are_read_only_when_a_sentence_brings_numbers() -> None:
    tiers._PROFILES.clear()
    a = Abstract(meeting="acr-2024", number="L17", title="Orvelimab in lupus",
                 body="At week 52, 61.9% responded on orvelimab and 40.2% on placebo.")
    no_numbers = tiers.analyse_tiers("Orvelimab helped people with lupus, said Dr Kim.", a)
    p = tiers._profile(a)
    # not read: the item's sentences compare no number
    assert "numbers" not in vars(p) and p.reading.sentences is None
    with_numbers = tiers.analyse_tiers("With orvelimab, 61.9% responded.", a)
    # read as far as the first sentence holding it, not further
    assert any(n.value == 61.9 for n in p.reading.read) and not p.reading.done
    assert "numbers" not in vars(p)
    assert no_numbers and with_numbers
    assert with_numbers[0].tier.name == "ABSTRACT"


def test_an_abstract_read_a_piece_at_a_time_holds_what_its_whole_numbers_match() -> None:
    """``_Profile.holds`` reads the abstract's numbers only until one matches: on every real
    abstract, against the numbers of every real abstract's first sentences, it answers as
    ``matches`` against all of them, and the pieces read make the plain reading (every
    sentence at once) in its order."""
    from embargo.content.numbers import derived, extract, matches

    def plain(a: Abstract) -> list[Num]:
        groups = [extract(s, reference=True) for s in tiers._body_sentences(a.body or "")]
        return (extract(a.title, reference=True) + [n for g in groups for n in g]
                + derived(groups) + tiers._text_shares(a))

    abstracts = _real_abstracts()
    probes = list(dict.fromkeys(
        n for a in abstracts[:80] for s in tiers._body_sentences(a.body or "")[:3]
        for n in extract(s)))
    assert len(probes) > 100
    for a in abstracts:
        whole = plain(a)
        p = tiers._make_profile(a)
        for n in probes:
            assert p.holds(n) == matches(n, whole), (a.id, n)
        assert p.numbers == tuple(whole), a.id
        fresh = tiers._make_profile(a)
        assert fresh.numbers == tuple(whole), a.id


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="aZb.!?\"'”’)] \n1-,;é(“", max_size=14))
def test_last_word_is_the_patterns_match(text: str) -> None:
    from embargo.content.sentences import LAST_WORD, last_word

    found = re.findall(LAST_WORD, text)
    assert last_word(text) == (found[-1] if found else None)


def test_last_word_examples() -> None:
    from embargo.content.sentences import last_word

    assert last_word("said Dr.") == "Dr."
    assert last_word("as J. Smith.”") == "Smith."
    assert last_word("it works!)") == "works"
    assert last_word("U.S.\n") == "U.S."
    assert last_word("n = 42.") == "."
    assert last_word("p < 0.05)") is None
    assert last_word("") is None
