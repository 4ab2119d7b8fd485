"""Which meetings an item names (aliases from the loaded policies)."""

from __future__ import annotations

import re
from datetime import datetime

from embargo.policy.loader import PolicySet


def mentioned_meetings(text: str, policies: PolicySet, at: datetime | None = None) -> list[str]:
    """Meeting ids whose name or alias the text contains.

    An alias without a year ("ACR Convergence") fits every edition; the edition is picked by a
    year written next to it, else by the edition nearest to ``at``.
    """
    found: dict[str, int] = {}
    low = text.lower()
    by_alias: dict[str, list[str]] = {}
    for p in policies:
        for alias in {p.meeting.name, *p.meeting.aliases}:
            by_alias.setdefault(alias.lower(), []).append(p.id)
    for alias, ids in by_alias.items():
        for m in re.finditer(rf"(?<![\w]){re.escape(alias)}(?![\w])", low):
            if len(ids) == 1:
                found.setdefault(ids[0], m.start())
                continue
            window = low[m.end():m.end() + 12]
            year = re.search(r"\b(20\d\d)\b", window)
            chosen = None
            if year:
                chosen = next((i for i in ids if (y := policies.require(i).meeting.year)
                               and str(y) == year.group(1)), None)
            if chosen is None and at is not None:
                def distance(i: str) -> float:
                    s = policies.require(i).meeting.starts
                    if s is None:
                        return float("inf")
                    return abs((s - at.date()).days)
                chosen = min(ids, key=distance)
            if chosen:
                found.setdefault(chosen, m.start())
    return sorted(found, key=lambda k: found[k])
