"""``embargo abstracts import | search | show``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from embargo.cli.common import add_common, config_from

NAME = "abstracts"
HELP = "the abstract catalogue: import, search, show"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(NAME, help=HELP, description=HELP)
    ps = p.add_subparsers(dest="abstracts_cmd", metavar="ACTION", required=True)
    i = ps.add_parser("import", help="import JSONL, CSV or saved HTML abstract pages")
    i.add_argument("paths", nargs="+", metavar="PATH")
    i.add_argument("--skip-invalid", action="store_true",
                   help="import the valid records and list the skipped ones (default: refuse "
                        "the whole import on the first bad record)")
    i.add_argument("--input-format", metavar="FMT", help="force a format (jsonl, csv, html)")
    i.add_argument("--meeting", metavar="ID",
                   help="put every imported abstract in this meeting (e.g. acr-2021), whatever "
                        "the file says")
    i.add_argument("--quiet", action="store_true", help="no progress lines")
    add_common(i)
    s = ps.add_parser("search", help="full-text search of the catalogue")
    s.add_argument("query", nargs="+", metavar="QUERY")
    s.add_argument("--meeting", metavar="ID")
    s.add_argument("--limit", type=int, default=10)
    s.add_argument("--format", default="text", choices=("text", "json"))
    add_common(s)
    w = ps.add_parser("show", help="show one abstract")
    w.add_argument("abstract_id", metavar="ABSTRACT_ID")
    w.add_argument("--format", default="text", choices=("text", "json"))
    add_common(w)


def _catalog(args: argparse.Namespace, readonly: bool):  # type: ignore[no-untyped-def]
    from embargo.catalog.store import Catalog

    cfg = config_from(args)
    return cfg, Catalog(Path(args.catalog) if args.catalog else cfg.catalog, readonly=readonly)


def run(args: argparse.Namespace) -> int:
    return {"import": _import, "search": _search, "show": _show}[args.abstracts_cmd](args)


def _import(args: argparse.Namespace) -> int:
    import time

    from embargo.catalog.importing import import_new, import_paths
    from embargo.catalog.store import Catalog
    from embargo.policy.loader import PolicySet

    cfg = config_from(args)
    target = Path(args.catalog) if args.catalog else Path(cfg.catalog)
    policies = PolicySet.load([*cfg.policies, *args.policies])

    def zone_for(meeting: str) -> str | None:
        p = policies.get(meeting)
        return p.meeting.zone if p else None

    names: dict[str, str] = {}
    for pol in policies:
        for alias in (pol.meeting.name, *pol.meeting.aliases):
            names.setdefault(" ".join(alias.lower().split()), pol.id)
    if args.meeting:
        from embargo.catalog.records import MEETING
        from embargo.errors import InputError

        if not MEETING.match(args.meeting):
            raise InputError(f"--meeting {args.meeting!r} is not a meeting id such as "
                             "'acr-2024'")

    last = [time.monotonic()]

    def progress(n: int) -> None:
        now = time.monotonic()
        if not args.quiet and now - last[0] >= 1.0:
            print(f"  … {n:,} abstracts read", file=sys.stderr)
            last[0] = now

    options = dict(zone_for=zone_for, skip_invalid=args.skip_invalid, fmt=args.input_format,
                   progress=progress, meeting=args.meeting, meeting_names=names)
    done = None
    if str(target) != ":memory:" and target.parent.is_dir() and not target.exists():
        done = import_new(target, args.paths, **options)  # built aside, moved into place
    if done is None:
        with Catalog(target) as catalog:
            report = import_paths(catalog, args.paths, **options)
            total = catalog.count()
    else:
        report, total = done
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    for err in report.skipped:
        print(f"skipped {err}", file=sys.stderr)
    if report.unknown_keys:
        print(f"note: kept unknown key(s) as extra data: {', '.join(sorted(report.unknown_keys))}",
              file=sys.stderr)
    no_policy = sorted(m for m in report.meetings if m not in policies)
    if no_policy:
        print(f"note: no policy loaded for meeting(s) {', '.join(no_policy)}: items about them "
              "will get `review`", file=sys.stderr)
    rate = report.total / report.seconds if report.seconds > 0 else 0
    print(f"imported {report.total:,} abstract(s): {report.inserted:,} new, "
          f"{report.updated:,} updated, {len(report.skipped):,} skipped "
          f"({rate:,.0f}/s); catalogue {target} holds {total:,}")
    return 0


def _search(args: argparse.Namespace) -> int:
    from embargo.catalog.records import abstract_to_record

    _, catalog = _catalog(args, readonly=True)
    with catalog:
        hits = catalog.search(" ".join(args.query), meeting=args.meeting, limit=args.limit)
    if args.format == "json":
        doc = {"results": [{**abstract_to_record(a), "score": round(s, 3)} for a, s in hits]}
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        return 0
    if not hits:
        print("no abstracts match")
    for a, score in hits:
        print(f"{a.id:<22} {score:6.2f}  {a.title[:100]}")
    return 0


def _show(args: argparse.Namespace) -> int:
    from embargo.catalog.records import abstract_to_record
    from embargo.errors import InputError

    _, catalog = _catalog(args, readonly=True)
    with catalog:
        a = catalog.get(args.abstract_id)
    if a is None:
        hint = "write MEETING:NUMBER, e.g. acr-2024:1709" if ":" not in args.abstract_id \
            else "not in the catalogue"
        raise InputError(f"unknown abstract {args.abstract_id!r}: {hint}")
    if args.format == "json":
        sys.stdout.write(json.dumps(abstract_to_record(a), indent=2, ensure_ascii=False) + "\n")
        return 0
    print(f"{a.id}  {a.title}")
    if a.authors:
        print(f"Authors: {', '.join(a.authors)}")
    if a.category or a.tags:
        print(f"Labels: {', '.join(sorted(a.labels))}")
    if a.session:
        s = a.session
        print(f"Session: {s.title or ''} {s.start.isoformat() if s.start else ''}"
              f"{' – ' + s.end.isoformat() if s.end else ''}".rstrip())
    if a.online_at:
        print(f"Online: {a.online_at.isoformat()}")
    for name, when in a.events.items():
        print(f"Event {name}: {when.isoformat()}")
    for tier, lift in a.lifts.items():
        print(f"Lift override {tier}: {lift}")
    if a.trial_ids:
        print(f"Trials: {', '.join(a.trial_ids)}")
    if a.keywords:
        print(f"Keywords: {', '.join(a.keywords)}")
    if a.url:
        print(f"URL: {a.url}")
    if a.body:
        print()
        print(a.body)
    return 0
