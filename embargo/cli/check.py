"""``embargo check``: the pre-publish check."""

from __future__ import annotations

import argparse
import sys

from embargo.cli.common import add_common, expand_drafts, open_session, read_stdin_bytes, use_color
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
    add_common(p, no_catalog=True)


def run(args: argparse.Namespace) -> int:
    from embargo.engine import exit_code
    from embargo.errors import InputError
    from embargo.reports.formats import get_format, render_context

    fmt = get_format(args.format)
    files = expand_drafts(args.paths)
    with open_session(args) as emb:
        if args.at is not None:
            emb.instant(args.at)  # refuse a bad --at before reading anything
        judgements = []
        errors: list[tuple[str, str]] = []
        stdin_used = False
        for f in files:
            try:
                options = dict(kind=args.kind, at=args.at, meeting=args.meeting,
                               abstracts=args.abstract)
                if f == "-":
                    if stdin_used:
                        raise InputError("stdin ('-') may be given once")
                    stdin_used = True
                    j = emb.check_bytes(read_stdin_bytes(), "-", fmt=args.input_format,
                                        **options)
                else:
                    j = emb.check_path(f, fmt=args.input_format, **options)
                judgements.append(j)
            except InputError as e:
                err = e if e.path else e.located(path=f)
                errors.append((f, str(err)))
                print(f"embargo: {err}", file=sys.stderr)
        if judgements:
            ctx = render_context(judgements, emb.policies, emb.config.timezone,
                                 color=use_color(sys.stdout, args.color)
                                 and args.format == "text", verbose=args.verbose,
                                 zone_label="configured")
            sys.stdout.write(fmt.render(judgements, ctx, errors) + "\n")
        if errors:
            return 2
        return exit_code(judgements)
