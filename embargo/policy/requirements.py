"""Checks of a release's wording that some policies require (pure text checks)."""

from __future__ import annotations

import re

from embargo.model import Abstract
from embargo.policy.schema import Policy, Requirement

_EMBARGO_TIME = re.compile(
    r"embargo\w*[^.\n]{0,80}?(?:\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?|h\b)|\d{1,2}:\d{2}|noon|midnight)",
    re.IGNORECASE,
)


def first_paragraph(text: str) -> str:
    for para in re.split(r"\n\s*\n", text.strip()):
        stripped = para.strip()
        # skip headings and front-matter-like lines
        if stripped and not stripped.startswith("#") and len(stripped.split()) > 8:
            return stripped
    return text.strip().split("\n\n", 1)[0]


def requirement_met(req: Requirement, policy: Policy, text: str,
                    abstracts: list[Abstract]) -> bool | None:
    """True/False when the text shows (or fails to show) compliance; None when it cannot."""
    scope = first_paragraph(text) if req.within == "first-paragraph" else text
    low = scope.lower()
    if req.check == "manual":
        return None
    if req.check == "meeting-name":
        names = [policy.meeting.name, *policy.meeting.aliases]
        return any(n.lower() in low for n in names)
    if req.check == "abstract-number":
        for a in abstracts:
            pattern = rf"(?<![A-Za-z0-9]){re.escape(a.number)}(?![A-Za-z0-9])"
            if not re.search(pattern, scope, flags=re.IGNORECASE):
                return False
        return True
    if req.check == "embargo-time":
        return bool(_EMBARGO_TIME.search(scope))
    if req.check == "pattern" and req.pattern:
        return bool(re.search(req.pattern, scope, flags=re.IGNORECASE | re.MULTILINE))
    return None
