"""Which language an item is written in, as far as the judge needs to know: English, which
the tier reader reads, or another, which it does not.

The tier reader judges sentences by English words ("significantly improved", "said", "not
part of the submitted abstract"); a story in Japanese or Danish gives it numbers at best, so
what it finds there proves nothing either way.  Told apart by script (kana, Han, Hangul,
Cyrillic, Greek, Arabic, Hebrew, Thai, Devanagari letters) and, in the Latin script, by the
share of each language's function words: English "the", "and", "of" against German "und",
"der", Danish "og", "af" ...  Deterministic, standard library only.
"""

from __future__ import annotations

import functools
import unicodedata

from embargo.patterns import compile as re_compile

__all__ = ["leans_foreign", "unread_language"]

_ENGLISH = frozenset(
    "the and of to in with was were is for that on at by from as an are this be it its have "
    "has had not or which who".split())
#: Those of them no other language of ``_FOREIGN`` writes ("at", "in", "is", "an", "on" are
#: Danish, German, Dutch or French words too; so is the Scandinavian "for").
_ONLY_ENGLISH = frozenset("the and of with was were that from this which who have has had "
                          "are be its it by or not".split())
#: Function words of the languages coverage is most often written in besides English, none
#: of them an English word.
_FOREIGN: dict[str, frozenset[str]] = {
    "German": frozenset("der die das und nicht mit für von zu den dem des ist sind wurde "
                        "bei auf eine einer wurden auch sich im".split()),
    "French": frozenset("le la les et des du une est pour dans avec sur au aux qui été "
                        "chez ont sont".split()),
    "Spanish": frozenset("el los las y del para con una por que se es fue según como más "
                         "entre".split()),
    "Italian": frozenset("il gli della delle nel per con che sono è stato degli alla dei "
                         "una".split()),
    "Portuguese": frozenset("os da do das dos em uma para com não que foi pelo pela são "
                            "também".split()),
    "Danish or Norwegian": frozenset("og af til med som ikke det på har er en et den blev "
                                     "ved fra av".split()),
    "Dutch": frozenset("het een van voor niet zijn werd en met bij ook dat".split()),
    "Swedish": frozenset("och att för med som inte är av på var till från".split()),
}
#: Every one of them, for a look-up in one set.
_ANY_FOREIGN = frozenset().union(*_FOREIGN.values())
_WORD = re_compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: Scripts by the first word of their letters' Unicode names.
_SCRIPTS = {"CJK": "Chinese or Japanese", "HIRAGANA": "Japanese", "KATAKANA": "Japanese",
            "HANGUL": "Korean", "CYRILLIC": "a Cyrillic script", "GREEK": "Greek",
            "ARABIC": "Arabic", "HEBREW": "Hebrew", "THAI": "Thai",
            "DEVANAGARI": "Devanagari"}


@functools.lru_cache(maxsize=64)
def unread_language(text: str) -> str | None:
    """The language ``text`` is written in when it is not English (a name to show a
    person), else None.  A text with no letters to go by is taken for English.  Read from
    its first 4,000 characters (a page's language does not change half-way; the linker and
    the tier reader ask of every item)."""
    # The common case, told at once: English prose opens with its function words.
    head = text[:1200].lower().split()
    if len(head) >= 20 and sum(1 for w in head if w in _ONLY_ENGLISH) >= 0.12 * len(head):
        return None
    text = text[:4000]
    if text.isascii():
        return _latin([w.lower() for w in _WORD.findall(text)])
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    scripts: dict[str, int] = {}
    for c in letters:
        if ord(c) < 0x250:
            continue  # Latin
        name = unicodedata.name(c, "")
        script = _SCRIPTS.get(name.split(" ", 1)[0])
        if script:
            scripts[script] = scripts.get(script, 0) + 1
    other = sum(scripts.values())
    if other >= 0.3 * len(letters):
        if scripts.get("Japanese"):
            return "Japanese"  # kana among Han characters
        return max(sorted(scripts), key=lambda s: scripts[s])
    return _latin([w.lower() for w in _WORD.findall(text)])


def _latin(words: list[str]) -> str | None:
    """The language of a text in the Latin script, by its function words, if not English."""
    if len(words) < 20:
        return None
    english = sum(1 for w in words if w in _ENGLISH)
    best, count = None, 0
    for lang in sorted(_FOREIGN):
        n = sum(1 for w in words if w in _FOREIGN[lang])
        if n > count:
            best, count = lang, n
    if best is not None and count > english and count >= 0.05 * len(words):
        return best
    return None



def leans_foreign(text: str) -> bool:
    """Whether a text, however short (a sentence), holds more function words of the other
    languages of ``_FOREIGN`` than words only English writes: "el riesgo bajó con el fármaco"
    does, "Luquini and Xie of the team" does not, and a text with neither is taken for
    English."""
    foreign = english = 0
    for w in _WORD.findall(text[:4000].lower()):
        if w in _ONLY_ENGLISH:
            english += 1
        elif w in _ANY_FOREIGN:
            foreign += 1
    return foreign > english
