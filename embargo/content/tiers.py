"""Tier analysis: which sentences of an item restate an abstract, only name it, or go beyond.

First version: quotes and attributed commentary are ``beyond``; sentences that share the
abstract's numbers or much of its wording are ``abstract``; sentences naming its title,
authors or slot are ``existence``.  Background that is not about the study is neither.
"""

from __future__ import annotations

import re

from embargo.content.sentences import split_sentences
from embargo.model import Abstract, Tier, TierEvidence

_QUOTE = re.compile(r"[“\"]([^”\"]{12,})[”\"]")
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|explained|explains|noted|notes|added|adds|commented|comments|told|"
    r"according to|remarked|stated|cautioned|emphasi[sz]ed)\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:\.\d+)?\s*%|\bp\s*[<=>]\s*0?\.\d+|\b\d+(?:\.\d+)?\b")
_WORD = re.compile(r"[a-z][a-z\-]{3,}")
_STOP = frozenset(
    "that this with from were have been their which these those there about into than then "
    "them they also more most such when where while other after before between during over "
    "under study studies patients patient results result data trial analysis showed shows "
    "show group groups among using used based years year months month week weeks".split()
)


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def _numbers(text: str) -> set[str]:
    return {re.sub(r"\s+", "", n) for n in _NUMBER.findall(text) if not re.fullmatch(r"\d", n)}


def analyse_tiers(text: str, abstract: Abstract) -> tuple[TierEvidence, ...]:
    body_words = _words(abstract.body)
    title_words = _words(abstract.title)
    body_numbers = _numbers(abstract.body)
    surnames = {a.split()[-1].lower() for a in abstract.authors if a.split()}
    out: list[TierEvidence] = []
    for s in split_sentences(text):
        low = s.lower()
        words = _words(s)
        if _QUOTE.search(s) or (_ATTRIBUTION.search(s) and len(words) >= 4):
            out.append(TierEvidence(Tier.BEYOND, s, "quote or attributed commentary"))
            continue
        nums = _numbers(s) - {str(y) for y in range(1990, 2040)}
        shared = len(words & body_words)
        if nums and nums & body_numbers:
            out.append(TierEvidence(Tier.ABSTRACT, s, "repeats the abstract's numbers"))
        elif words and shared >= 4 and shared / len(words) >= 0.5:
            out.append(TierEvidence(Tier.ABSTRACT, s, "restates the abstract"))
        elif (title_words and len(words & title_words) >= max(2, len(title_words) // 2)) or (
                surnames and any(re.search(rf"\b{re.escape(n)}\b", low) for n in surnames)):
            out.append(TierEvidence(Tier.EXISTENCE, s, "names the abstract"))
    return tuple(out)
