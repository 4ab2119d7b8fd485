"""Kind inference: who publishes this item, from its own markers.

First version: a few strong markers per kind, scored; the best kind with a confidence.
"""

from __future__ import annotations

import re

from embargo.content.draft import Draft
from embargo.model import Kind, KindGuess

_MARKERS: dict[Kind, list[tuple[re.Pattern[str], float, str]]] = {
    Kind.PRESS_RELEASE: [
        (re.compile(r"for immediate release", re.I), 3.0, "'for immediate release'"),
        (re.compile(r"^\s*(?:media|press)\s+contacts?\b", re.I | re.M), 2.5, "media contact"),
        (re.compile(r"^\s*#*\s*about\s+[A-Z][\w&.\- ]{2,60}$", re.M), 2.0, "'About …' boilerplate"),
        (re.compile(r"^[A-Z][A-Za-z .,]{2,40}\s[-–—]{1,2}\s(?:\(|[A-Z])", re.M), 1.0, "dateline"),
        (re.compile(r"\bpress release\b|\bnews release\b", re.I), 1.5, "calls itself a release"),
        (re.compile(r"\b(?:PRNewswire|Business Wire|GLOBE NEWSWIRE|EurekAlert)\b"), 2.5, "wire"),
        (re.compile(r"###\s*$", re.M), 1.0, "'###' end mark"),
    ],
    Kind.EDITORIAL: [
        (re.compile(r"^\s*by\s+[A-Z][a-z]+(?:\s+[A-Z][a-z.]+){1,3}\s*$", re.M), 2.0, "byline"),
        (re.compile(r"\b(?:who was not involved|not involved in the (?:study|research))\b",
                    re.I), 2.5, "independent expert quoted"),
        (re.compile(r"\b(?:reporter|correspondent|staff writer|news desk|Medscape|MedPage|"
                    r"Healio|STAT News|Reuters)\b", re.I), 1.5, "outlet or reporter"),
    ],
    Kind.SOCIAL: [
        (re.compile(r"(?:^|\s)#\w{2,}"), 1.0, "hashtags"),
        (re.compile(r"(?:^|\s)@\w{2,}"), 1.0, "handles"),
    ],
    Kind.SCHOLARLY: [
        (re.compile(r"\b(?:manuscript|preprint|medRxiv|bioRxiv|submitted to|under review|"
                    r"peer review|supplementary (?:table|material))\b", re.I), 2.0,
         "manuscript or preprint"),
        (re.compile(r"^\s*(?:abstract|introduction|methods|references)\s*$", re.I | re.M), 1.0,
         "paper sections"),
    ],
}


def infer_kind(draft: Draft) -> KindGuess:
    text = draft.text
    scores: dict[Kind, float] = {k: 0.0 for k in Kind}
    evidence: dict[Kind, list[str]] = {k: [] for k in Kind}
    for kind, markers in _MARKERS.items():
        for pattern, weight, label in markers:
            if pattern.search(text):
                scores[kind] += weight
                evidence[kind].append(label)
    words = len(text.split())
    if words and words < 80:
        scores[Kind.SOCIAL] += 1.0
        evidence[Kind.SOCIAL].append(f"short ({words} words)")
    best = max(scores, key=lambda k: scores[k])
    total = sum(scores.values())
    if scores[best] <= 0:
        return KindGuess(Kind.OTHER, 0.3, ("no marker of any kind",), "inferred",
                         tuple(Kind))
    confidence = min(0.95, 0.4 + 0.6 * scores[best] / (total + 1.0))
    alternatives = tuple(k for k in Kind if scores[k] >= 0.5 * scores[best] and k is not best)
    return KindGuess(best, round(confidence, 2), tuple(evidence[best]), "inferred",
                     (best, *alternatives) if alternatives else (best, Kind.OTHER))
