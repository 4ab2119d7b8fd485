"""The import's quick paths give what the plain definitions give: profiles built per
whitespace token against patterns run over the whole text, ``fold`` against a translation of
every character, author keys, index terms, and the term counter's postings."""

from __future__ import annotations

import json
import random
import re

import pytest

from embargo.catalog.indexer import TermCounter
from embargo.catalog.store import _map_json, _strings_json, registry_ids
from embargo.linking import features as F

TRICKY = [
    "Patients (n=1,234) had 61.9% vs. 12% response; p<0.001 at week 52, 2019-2021.",
    "ORCHID-2 and IL-23 in covid-19-related long-term follow-up:\x1c3.5 mg\u00a010mg 0.0 10.",
    "Σ final ΣΑΣ μg/kg ≥ 2.5, İstanbul\u2009cohort –12.4 ± 3.1; 1950 1949 2039 2040 09 9.",
    "x-\n1 a-(\t2 1.2.3 ,5 .5 5. 5,000,000 1,23 12,345.67 ab12-3cd -7 3–4",
]


def reference_profile(title: str, body: str, keywords: tuple[str, ...],
                      authors: tuple[str, ...], extra: str) -> tuple[object, ...]:
    """The profile by the plain definition: patterns over whole texts."""
    ft = F.fold(title)
    title_terms = {"w:" + w for w in F.content_words(ft)}
    title_terms.update("b:" + b for b in F.bigrams(ft))
    rest = F.fold(f"{' . '.join(keywords)} . {body} {extra}")
    other = {"w:" + s for w in F._WORD.findall(rest) if (s := F._content(w))}
    if keywords:
        other.update("b:" + b for b in F.bigrams(F.fold(" . ".join(keywords))))
    other -= title_terms
    found = F.numbers(f"{ft} {rest}")
    surnames = []
    for a in authors:
        sn, _ = F.surname_key(a)
        if sn and "|" not in sn:
            surnames.append(sn)
    return (sorted(title_terms), sorted(other), {"n:" + e for e, _ in found},
            {"r:" + r for _, r in found if r is not None}, surnames)


def texts() -> list[str]:
    rng = random.Random(13)
    alphabet = "ab Z-19.,;:()[]\"“”\n\t\x1c\u00a0\u2009–é%<≥μΣ0"
    out = list(TRICKY)
    out += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
            for _ in range(400)]
    return out


@pytest.mark.parametrize("repeat", [1, 2])  # the second time from the token caches
def test_profile_matches_the_plain_definition(repeat: int) -> None:
    for i, text in enumerate(texts()):
        title = texts()[-1 - i]
        kw = (text[:12], "bone density") if i % 2 else ()
        authors = ("Min Jung Kim", "Kim, M", text[:10]) if i % 3 else ()
        p = F.profile_of(title, text, kw, authors, text[::-1])
        got = (sorted(p.title), sorted(p.terms), set(p.numbers), set(p.rounded),
               list(p.surnames))
        assert got == reference_profile(title, text, kw, authors, text[::-1]), text
        encoded, terms = F.encoded_profile(title, text, kw, authors, text[::-1])
        assert sorted(encoded.split("|")[0].split()) == sorted(p.title)
        assert F.Profile.decode(encoded).surnames == p.surnames
        assert sorted(terms) == sorted(F.encoded_index_terms(encoded))
        assert len(set(terms)) == len(terms)


def test_fold_is_a_translation_of_every_character() -> None:
    every = "".join(chr(c) for c in range(0x3000)) + "ΣΑΣ σς İ ß"
    assert F.fold(every) == every.lower().translate(F._FOLD)
    for text in texts():
        assert F.fold(text) == text.lower().translate(F._FOLD)


@pytest.mark.parametrize("name", [
    "Kim\x1cMJ", "Kim\u00a0MJ", "Smith,\u2009John", "  ", ",", "Jr", "MD PhD", "Bridges SL Jr",
    "Lee 1,2*", "J.-P. Dupont", "van der Heijde D.", "O'Neil A†",
])
def test_author_keys_split_white_space_as_the_pattern_did(name: str) -> None:
    clean = F.fold(re.sub(r"[\d*†‡§¶]+", "", name)).replace(".", " ")
    parts = [p for p in re.split(r"[\s,]+", clean) if p]
    raw = [p for p in re.split(r"[\s,]+", re.sub(r"[\d*†‡§¶.]+", " ", name)) if p]
    assert F.fold(re.sub(r"[\d*†‡§¶]+", "", name)).replace(".", " ").replace(
        ",", " ").split() == parts
    assert re.sub(r"[\d*†‡§¶.]+", " ", name).replace(",", " ").split() == raw
    F.surname_key(name)  # no error on any of them


def test_term_counter_keeps_document_order() -> None:
    counter = TermCounter()
    counter.add(3, ["w:a", "w:b"])
    counter.add(1, ["w:b"])
    counter.add(7, ["w:b", "n:12"])
    assert counter.n == 3
    assert counter.df() == {"w:a": 1, "w:b": 3, "n:12": 1}
    post = counter.postings(2)
    assert set(post) == {"w:a", "n:12"}
    from array import array

    assert array("I", counter.postings(3)["w:b"]).tolist() == [3, 1, 7]


def test_row_json_is_what_json_dumps_writes() -> None:
    rng = random.Random(5)
    alphabet = 'aé"\\\n\t\u2028中\U0001F600/ x<>&\x00\x7f'
    for _ in range(2000):
        xs = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
              for _ in range(rng.randint(1, 4))]
        assert _strings_json(xs) == json.dumps(xs)
        assert _strings_json(tuple(xs)) == json.dumps(tuple(xs))
        m = dict(zip(xs, reversed(xs), strict=True))
        assert _map_json(m) == json.dumps(m)
    assert _strings_json([1, "a"]) == json.dumps([1, "a"])
    assert _map_json({"a": 1}) == json.dumps({"a": 1})


@pytest.mark.parametrize("text, ids", [
    ("see NCT01234567 and ISRCTN12345678", {"NCT01234567", "ISRCTN12345678"}),
    ("DRKS00012345 only", {"DRKS00012345"}), ("UMIN000012345", {"UMIN000012345"}),
    ("EudraCT 2019-001234-56", {"EUDRACT 2019-001234-56"}), ("no registry here", set()),
])
def test_registry_ids(text: str, ids: set[str]) -> None:
    assert registry_ids(text) == ids
