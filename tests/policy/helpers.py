"""Small policies written inline, and a one-call judge for tests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from embargo.engine import judge
from embargo.model import (
    Abstract,
    Item,
    Judgement,
    Kind,
    KindGuess,
    Link,
    Session,
    Tier,
    TierEvidence,
)
from embargo.policy import PolicySet, load_policy_text
from embargo.policy.schema import Policy
from embargo.timeparse import parse_when

HEAD = """
schema = 1
[meeting]
id = "test-2024"
name = "Test Meeting 2024"
zone = "{zone}"
starts = 2024-06-12
ends = 2024-06-15
sources = ["https://example.org/embargo"]
"""


def policy(body: str, zone: str = "America/Chicago") -> Policy:
    return load_policy_text(HEAD.format(zone=zone) + body)


def t(text: str, zone: str = "UTC") -> datetime:
    return parse_when(text, zone).instant


def abstract(number: str = "1", *, zone: str = "America/Chicago", **kw: Any) -> Abstract:
    session = kw.pop("session", None)
    if session is not None:
        session = Session("s", t(session[0], zone), t(session[1], zone) if session[1] else None)
    events = {k: t(v, zone) for k, v in kw.pop("events", {}).items()}
    online = kw.pop("online_at", None)
    return Abstract(meeting=kw.pop("meeting", "test-2024"), number=number,
                    title=kw.pop("title", f"Abstract {number}"), session=session,
                    events=events, online_at=t(online, zone) if online else None, **kw)


def judge_at(p: Policy, at: str | datetime, kind: str, tiers: list[str],
             *abstracts: Abstract, extra: PolicySet | None = None) -> Judgement:
    when = at if isinstance(at, datetime) else t(at, p.meeting.zone)
    abs_ = abstracts or (abstract(),)
    item = Item(
        source="test", text="", kind=KindGuess(Kind(kind), 1.0, source="flag"),
        published_at=when, links=tuple(Link(a, 1.0, ("test",)) for a in abs_),
        tiers={a.id: tuple(TierEvidence(Tier(x), "e") for x in tiers) for a in abs_},
    )
    return judge(item, extra or PolicySet([p]))
