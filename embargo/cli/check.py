"""``embargo check``: the pre-publish check."""

from __future__ import annotations

import argparse
import sys

from embargo.cli.common import (
    add_common,
    expand_drafts,
    open_session,
    read_stdin_bytes,
    starting_up,
    use_color,
)
from embargo.model import Kind

NAME = "check"
HELP = "pre-publish check of drafts: may this go out at that time?"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from embargo.reports.formats import NAMES

    p = sub.add_parser(NAME, help=HELP, description=HELP + (
        " Exit 0: all pass; 1: a violation; 3: review needed, no violation; 2: bad input."))
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="draft files or folders ('-' reads stdin)")
    p.add_argument("--at", metavar="WHEN",
                   help="publication time, e.g. '2024-11-14 09:30 ET' (default: front matter "
                        "publish_at, else now)")
    p.add_argument("--kind", choices=[k.value for k in Kind], help="who publishes it")
    p.add_argument("--meeting", metavar="ID", help="the meeting the drafts are about")
    p.add_argument("--abstract", metavar="ID", action="append", default=[],
                   help="an abstract the drafts are about (repeatable)")
    p.add_argument("--format", default="text", choices=sorted(NAMES), help="output format")
    p.add_argument("--input-format", metavar="FMT",
                   help="read drafts as this format (markdown, text, html, eml)")
    p.add_argument("--color", default="auto", choices=("auto", "always", "never"))
    p.add_argument("-v", "--verbose", action="store_true", help="show passing findings too")
    p.add_argument("--jobs", type=int, metavar="N",
                   help="drafts judged at once, in worker processes (default: the number of "
                        "cores; 1: all in this process)")
    add_common(p, no_catalog=True)


def run(args: argparse.Namespace) -> int:
    with starting_up():
        from embargo.batch import SessionRecipe, check_paths, default_jobs
        from embargo.engine import exit_code
        from embargo.errors import InputError
        from embargo.model import Judgement, Verdict
        from embargo.reports.formats import get_format
        from embargo.reports.formats.base import ContextRecipe

        fmt = get_format(args.format)
        jobs = default_jobs() if args.jobs is None else args.jobs
        if jobs < 1:
            raise InputError("--jobs must be 1 or more")
        files = expand_drafts(args.paths)
        session = open_session(args)
    with session as emb:
        if args.at is not None:
            emb.instant(args.at)  # refuse a bad --at before reading anything
        recipe = ContextRecipe(emb.policies, emb.config.timezone,
                               color=use_color(sys.stdout, args.color) and args.format == "text",
                               verbose=args.verbose, zone_label="configured")
        # Judgements are rendered as they come and not kept (unless the format needs them
        # all): only one of each verdict is, for the exit code.
        out = fmt.stream(recipe, sys.stdout.write)
        errors: list[tuple[str, str]] = []
        one_of_each: dict[Verdict, Judgement] = {}
        for c in check_paths(emb, files, jobs=jobs, read_stdin=read_stdin_bytes,
                             recipe=SessionRecipe.of(emb, args.policies or ()),
                             kind=args.kind, at=args.at, meeting=args.meeting,
                             abstracts=args.abstract, fmt=args.input_format):
            if c.judgement is None:
                assert c.error is not None
                errors.append((c.path, c.error))
                print(f"embargo: {c.error}", file=sys.stderr)
                continue
            one_of_each.setdefault(c.judgement.verdict, c.judgement)
            out.add(c.judgement)
        out.close(errors)
        if errors:
            return 2
        return exit_code(one_of_each.values())
