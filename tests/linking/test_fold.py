"""fold() replaces only the characters its table knows, exactly as str.translate would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from embargo.linking.features import _FOLD, fold

# Text mixing ASCII, the folded letters and dashes, and characters the table leaves alone.
_CHARS = st.sampled_from([chr(c) for c in sorted(_FOLD)] + list("aZ09 -.,'é") + ["\u4e2d",
                                                                                "\u2603", "ß"])


@given(st.lists(_CHARS | st.characters(), max_size=200).map("".join))
@settings(max_examples=400)
def test_fold_is_translate_of_the_lower_cased_text(text: str) -> None:
    lower = text.lower()
    assert fold(text) == lower.translate(_FOLD)


def test_fold_examples() -> None:
    assert fold("Säo Paulo – Müller’s ≥ 50·2") == "sao paulo - muller's >= 50.2"
    assert fold("ASCII only") == "ascii only"
