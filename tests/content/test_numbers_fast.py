"""The cheap ways of finding numbers give exactly what the plain ways give."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from embargo.content import numbers
from embargo.content.numbers import _AGES, _FOLD, _NOT_DATA_PARTS, _NOT_DATA_SOURCE, _blank

_WHOLE = re.compile(_NOT_DATA_SOURCE, re.IGNORECASE)


def _plain_blank(text: str, ages: bool = True) -> str:
    """The substitution _blank stands for: the whole alternation, then the ages."""
    text = _WHOLE.sub(lambda m: " " * len(m.group(0)), text)
    return _AGES.sub(lambda m: " " * len(m.group(0)), text) if ages else text


# Pieces that make (and nearly make) every part of the alternation, and the characters that
# IGNORECASE matches to ASCII letters from beyond ASCII.
_TOKENS = [
    "0", "1", "2", "3", "5", "9", "12", "95", "2024", "1999", "123", "4567", "12345678",
    "%", "CI", "confidence", ":", ".", ",", "-", "‑", "–", "/", "(", ")", "[", "]", "+", "#",
    "@", "a.m.", "pm", "AM", "am", "p", "Jan", "March", "Sept", "may", "of", "st", "nd", "th",
    " ", " ", " ", "\n", "phase", "II", "IV", "iii", "b", "x", "IL", "HbA", "NCT", "abstract",
    "no.", "No", "poster", "e-poster", "number", "session", "room", "hall", "booth", "credits",
    "credit", "CME", "next", "past", "two", "thirty", "days", "hours", "half", "second",
    "once", "twice", "times", "three times", "every", "other", "a", "an", "day", "week",
    "month", "year", "years", "yrs", "old", "aged", "ages", "age", "older", "or", "and",
    "attendees", "present", "presented", "studies", "new", "http://", "https://x.org/a",
    "www.", "x@y.com", "HK", "SH", "T", "İ", "ı", "ſ", "K", "ſession", "stage", "level",
    "figure", "fig.", "table", "version", "study", "trial", "arm", "part", "more than",
    "report", "lead", "9", "0", "5", "≥", "to", "Dec", "Ḱ", "é",
]
# A phrase that each part matches, to be cut and joined with the rest.
_PHRASES = [
    "10:30 am", "9 p.m.", "Jan 5, 2024", "5th of March 1999", "2024-01-05T10:00:00Z",
    "05/01/2024", "NCT01234567", "ABC-1234", "600519.SH", "abstract no. LBA12", "room 12B",
    "phase IIb", "2019-20", "PD-L1", "+1 555-123-4567", "(555) 123-4567", "+44 20 7946 0958",
    "(2/5)", " 1/3 ", "#ACR24", "me@x.org", "[1,2]", "88th", "CME credits: 1.5 hours",
    "next thirty days", "second half", "half an hour", "once a week", "every other week",
    "3 times a day", "twice daily", "45-year-old", "20 new abstracts", "95% CI",
    "presented more than 30 new studies", "12.", "aged 18 to 65 years", "60 years or older",
    "SARS-CoV-2", "COVID-19", "BASDAI50", "sars-cov‑2", "+123 (555) 123-4567", "1 2/3",
    " 12/3 ", "(12/5)",
    "95 % CI", "90.5%confidence", "45 year old", "3 - years-old", "10 a.m.", "7PM", "5 th May",
    "1st of Sept.", "ab-123", "x‑1", "HbA1c", "(555).123.4567", "+1 (555) 123-4567",
    "IC 95%", "IC del 95%", "95%-KI", "KI 95 %", "95%信頼区間", "95 % Konfidenzintervall",
    "intervalo de confianza del 95%", "intervallo di confidenza al 95%", "0,69",
    "SVR 35", "PASI 75", "ACR 2024", "acr 50", "7-item", "scale 0-70", "0 to 10 scale",
    "10-point rating scale", "scale of 1 to 5", "stages 1-4", "stage 1-2", "grades 3 or 4",
    "phases I–III", "Hall 3-5",
]
_TEXT = st.lists(st.one_of(st.sampled_from(_TOKENS), st.sampled_from(_PHRASES)),
                 max_size=30).map(" ".join) | st.lists(
    st.sampled_from(_TOKENS + _PHRASES), max_size=30).map("".join)


@settings(max_examples=3000, deadline=None)
@given(_TEXT, st.booleans())
def test_blank_is_the_whole_alternation(text: str, ages: bool) -> None:
    assert _blank(text, ages) == _plain_blank(text, ages)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80), st.booleans())
def test_blank_is_the_whole_alternation_on_any_text(text: str, ages: bool) -> None:
    assert _blank(text, ages) == _plain_blank(text, ages)


def test_blank_on_examples_of_every_part() -> None:
    examples = [
        "at 10:30 a.m. on Jan. 5, 2024 (NCT01234567), abstract #LBA12 in Hall B2",
        "phase IIb, stage 3, IL-6, COVID-19, 600519.SH, call +1 555-123-4567 or (555) 123-4567",
        "see 1/3 and (2/5), #ACR24 @handle https://x.org/a www.y.com me@x.org [1,2] 88th",
        "CME credits: 1.5 hours; the next 30 days, the second half, half a day, once a week,",
        "every two weeks, 3 times a day, a 45-year-old, 20 abstracts, 95% CI, presented more "
        "than 30 new studies", "12.", "aged 18 to 65 years, 60 years or older", "ſession 12",
        "Kelvin: K12, İL-6, ıL-6", "2024-01-05T10:00:00Z on 05/01/2024",
    ]
    for text in examples:
        for ages in (True, False):
            assert _blank(text, ages) == _plain_blank(text, ages), text


def test_every_part_takes_a_character() -> None:
    # Searching the parts one by one follows the alternation only while no part can match
    # the empty string (the substitution's rule for empty matches would then apply).
    from re import _parser  # type: ignore[attr-defined]

    for part in _NOT_DATA_PARTS:
        assert _parser.parse(part.source, re.IGNORECASE).getwidth()[0] >= 1, part.source


def test_fold_covers_every_character_matched_to_an_ascii_letter() -> None:
    beyond = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000)
    found = set(re.findall(r"[a-z]", beyond, re.IGNORECASE))
    assert found == {chr(c) for c in _FOLD}
    for c, folded in _FOLD.items():
        assert re.fullmatch(str(folded), chr(c), re.IGNORECASE)


_TRICKY = [
    "", "61.9% vs nearly 62 percent at week 52", "84 of 106 patients (79.2%), p<0.001",
    "two-thirds; one in five; tripled; 2.3-fold; 300 mg every 3 weeks; aged 60 or older",
    "randomized 2:1 on Jan 5, 2024 at 10:30 a.m. in Hall B2; IL-6 fell 40-60%",
    "about a year; half a day; twelve months; the next 30 days; COVID-19 in 1,234 people",
]


def test_extract_remembered_is_extract_computed() -> None:
    for text in _TRICKY:
        for words in (True, False):
            for reference in (True, False):
                fresh = numbers._extract(text, words=words, reference=reference)
                assert numbers.extract(text, words=words, reference=reference) == fresh
                assert numbers.extract(text, words=words, reference=reference) == fresh


def test_extract_gives_a_list_of_its_own() -> None:
    text = "61.9% of 212 patients"
    first = numbers.extract(text)
    first.clear()
    assert numbers.extract(text) == numbers._extract(text, words=True, reference=False) != []


def test_extract_memory_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(numbers, "_EXTRACTED_MAX", 3)
    monkeypatch.setattr(numbers, "_EXTRACTED", {})
    for i in range(10):
        assert numbers.extract(f"{i}1.5% of patients")[0].value == float(f"{i}1.5")
        assert len(numbers._EXTRACTED) <= 3


_MAGNITUDE_TOKENS = ["randomized 2:1", "1:1:1", "week 52", "12 months", "a year", "52-week",
                     "1 yr", "3 wk", "doubled", "Tripled", "halved", "quadrupling", "twice",
                     "as many", "3-fold",
                     "2.5 fold", "two-fold", "three times", "4 times", "as likely", "more",
                     "higher", "ΤWICE", "\u212a", "daily", " ", "-", "‑", "fold", "times", "x"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_MAGNITUDE_TOKENS + _TOKENS[:40]), max_size=20).map(" ".join))
def test_patterns_looked_for_only_where_one_can_be(text: str) -> None:
    for reference in (False, True):
        gated = numbers._extract(text, words=True, reference=reference)
        with pytest.MonkeyPatch.context() as mp:
            # "" is in every text and matches everywhere: no gate at all.
            for name in ("_MAGNITUDE_WORDS", "_TIME_WORDS"):
                mp.setattr(numbers, name, ("",))
            mp.setattr(numbers, "_RATIO_MARK", "")
            mp.setattr(numbers, "_D", "")
            assert numbers._extract(text, words=True, reference=reference) == gated


def test_fold_keeps_every_character_in_its_place() -> None:
    # Parts are tried where their literals begin in the folded text: positions must agree.
    for c in range(0x110000):
        if 0xD800 <= c < 0xE000:
            continue
        ch = chr(c)
        assert len(numbers.fold_for_ignorecase(ch + "\u0131")) == 2, hex(c)


def test_anchored_parts_begin_with_their_literals() -> None:
    anchored = [part for part in _NOT_DATA_PARTS if part.starts is not None]
    assert len(anchored) >= 10
    for part in anchored:
        assert part.near is None
        for lit in part.starts or ():
            assert lit == lit.lower()


# Pieces of what the time, magnitude and word-number patterns match, in several cases, with
# the characters IGNORECASE matches to ASCII letters from beyond ASCII.
_WORDISH = [
    "week", "Weeks", "WK", "month", "MONTHS", "mo", "day", "Year", "yr", "52", "12.5", "3",
    "a", "an", "one", "One", "twenty", "Twenty-Five", "half a", "HALF", "old", "-", " ",
    "and", "to", "–", "doubled", "Tripled", "halving", "twice", "TWICE", "fold", "3-fold",
    "times", "as", "more", "likely", "blind", "daily", "two", "Three", "in", "IN", "out of",
    "Out Of", "ten", "five", "third", "a third", "Two-Thirds", "quarter", "percent", "%",
    "per cent", "hundred", "thousand", "dozen", "ſix", "\u212aelvin", "İn", "ı", "é", "ü",
]
_WORD_TEXT = st.lists(st.sampled_from(_WORDISH), max_size=25).map(" ".join) | st.lists(
    st.sampled_from(_WORDISH), max_size=25).map("".join)


@settings(max_examples=3000, deadline=None)
@given(_WORD_TEXT)
def test_lower_case_patterns_find_the_same_on_folded_text(text: str) -> None:
    # An IGNORECASE pattern over the text and its case-sensitive twin over the folded text
    # match at the same places (the fold keeps every character's place and class).
    folded = numbers.fold_for_ignorecase(text)
    for plain, fast in ((numbers._TIME, numbers._TIME_FOLDED),
                        (numbers._MAGNITUDE, numbers._MAGNITUDE_FOLDED),
                        (numbers._WORD_NUM, numbers._WORD_NUM_FOLDED)):
        assert [m.regs for m in plain.finditer(text)] == [m.regs for m in fast.finditer(folded)]


def test_a_pattern_with_capitals_is_not_run_on_folded_text() -> None:
    with pytest.raises(ValueError):
        numbers._for_folded(re.compile(r"\bIL-\d", re.IGNORECASE))


def test_a_long_s_in_a_number_word_is_read_not_a_crash() -> None:
    # "ſix" is "six" to IGNORECASE; the word's value is looked up from the folded text.
    assert [(n.value, n.unit) for n in numbers.extract("ſix weeks")] == [(42.0, "time")]


def test_a_response_criterions_code_gives_its_threshold_and_a_meeting_none() -> None:
    from embargo.content.numbers import criterion_thresholds

    found = criterion_thresholds("ACR20, PASI 75, SVR35 and EASI-90 at ACR 2024; SVR12 in HCV")
    assert [(n.value, n.percent) for n in found] == [(20.0, True), (75.0, True), (35.0, True),
                                                     (90.0, True)]


# Qualifiers and p-values, written and nearly written, beside numbers and what blanking
# turns into spaces.
_QUALIFIED = st.lists(st.sampled_from([
    "nearly", "almost", "about", "approximately", "approx.", "around", "roughly", "some",
    "close to", "close", "just under", "just over", "just below", "just above", "more than",
    "over", "at least", "less than", "fewer than", "under", "up to", "up", "to", "upto",
    "up#1to", "up\nto", "upwards of", "well over", "an estimated", "~", "≈", ">", "<", "≥",
    "≤", "ſome", "OVER", "Up To", "p", "P", "p value", "=", "p=", "p <", " ", " ", "12",
    "61.9%", "0.04", "3", "NCT01234567", "#x", "[1]", "Jan 5", "2024", "IL-6", ".", ",",
    "patients", "group", "of",
]), max_size=16)


@settings(max_examples=3000, deadline=None)
@given(_QUALIFIED, st.booleans(), st.booleans())
def test_numbers_read_past_qualifiers_and_signs_a_text_lacks_are_the_same(
        pieces: list[str], joined: bool, reference: bool) -> None:
    """A text holding no qualifier's word or sign (``_qualifiable``) and no p-value's sign
    (``_p_signed``) is not searched for them: the numbers are those of searching."""
    text = ("" if joined else " ").join(pieces)
    fast = numbers._extract(text, words=True, reference=reference)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(numbers, "_qualifiable", lambda folded: True)
        mp.setattr(numbers, "_p_signed", lambda text: True)
        searched = numbers._extract(text, words=True, reference=reference)
    assert fast == searched
