"""``embargo when``: when each tier of an abstract may be published, by each kind."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from embargo.cli.common import add_common, open_session
from embargo.model import Kind

NAME = "when"
HELP = "when each tier of an abstract may be published by each kind of publisher"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(NAME, help=HELP, description=HELP)
    p.add_argument("abstract_id", metavar="ABSTRACT_ID", help="e.g. acr-2024:1709")
    p.add_argument("--kind", choices=[k.value for k in Kind], help="only this kind")
    p.add_argument("--format", default="text", choices=("text", "json"))
    add_common(p)


def run(args: argparse.Namespace) -> int:
    from embargo.timeparse import format_instant, iso

    with open_session(args, require=False) as emb:
        rows = emb.when(args.abstract_id, args.kind)
        a = rows[0].abstract
        policy = emb.policies.require(a.meeting)
        zone = policy.meeting.zone
        if args.format == "json":
            doc: dict[str, Any] = {
                "abstract": a.id, "title": a.title, "meeting": a.meeting,
                "meeting_name": policy.meeting.name, "zone": zone, "source": policy.source,
                "kinds": {},
            }
            for r in rows:
                ru = r.ruling
                b = ru.bounds
                entry: dict[str, Any] = {
                    "rule": policy.rule_id(ru.rule) if ru.rule else None,
                    "action": ru.action,
                    "lifts_at": iso(b.exact) if b and b.exact else None,
                    "free_from": iso(ru.free_from),
                    "not_before": iso(b.lower) if b and b.exact is None else None,
                    "not_after": iso(b.upper) if b and b.exact is None else None,
                    "known": bool(b and b.exact is not None) or ru.action in ("allow", "never"),
                    "explanation": ru.rule.explanation if ru.rule else None,
                    "notes": list(dict.fromkeys(ru.notes)),
                }
                if ru.override:
                    entry["override"] = ru.override
                if ru.start is not None:
                    entry["embargo_starts"] = {"not_before": iso(ru.start.lower),
                                               "not_after": iso(ru.start.upper)}
                name = r.tier.value if r.material is None else f"{r.tier.value}:{r.material}"
                doc["kinds"].setdefault(r.kind.value, {})[name] = entry
            sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
            return 0
        print(f"{a.id} — {a.title}")
        labels = ", ".join(sorted(a.labels)) or "no category"
        print(f"{policy.meeting.name} ({labels}); times in {zone} and UTC; "
              f"policy: {policy.source}")
        current = None
        by_kind = {r.material for r in rows if r.material is not None}
        for r in rows:
            if by_kind and r.tier.value == "material" and r.material is None:
                continue  # the kinds of material are shown one by one
            if r.kind != current:
                current = r.kind
                print(f"\n{r.kind.value}:")
            ru = r.ruling
            rid = f"[{policy.rule_id(ru.rule)}]" if ru.rule else "[no rule]"
            if ru.action == "allow":
                when = "free at any time"
            elif ru.action == "never":
                when = "never allowed"
            elif ru.action in ("review", "none"):
                when = "a person must check"
            else:
                b = ru.bounds
                assert b is not None
                when = (f"free from {format_instant(b.exact, zone)}" if b.exact is not None
                        else b.describe(zone))
            name = r.tier.value if r.material is None else f"{r.material}"
            print(f"  {name:<10} {when}  {rid}")
            if ru.override:
                print(f"             ({ru.override})")
            for note in dict.fromkeys(ru.notes):
                if ru.action == "lift" and ru.bounds is not None and ru.bounds.exact is None:
                    print(f"             note: {note}")
        return 0
