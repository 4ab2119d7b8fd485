"""``embargo feeds check``: one pass over feeds without a daemon.

Many feeds are fetched at once; each entry is judged at its own published (or updated)
instant, an entry without a date at the moment of the check (``--at``, default now).  A feed
that cannot be read is reported inside the output (``errors`` and ``feeds[].error``), never
as one failure for all.

Exit code: 1 if any entry is a violation; else 3 if any entry needs review **or any feed
could not be checked** (a person must look: silence would claim it was clean); else 0.
2 only for usage errors (bad flags, a bad ``--at``, a bad config).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime
from typing import TYPE_CHECKING, Any

from embargo.cli.common import add_common, open_session, use_color
from embargo.model import Judgement, Kind

if TYPE_CHECKING:
    from embargo.api import Embargo
    from embargo.config import FeedConfig
    from embargo.sources.base import Entry
    from embargo.sources.feeds import Body, ParsedFeed

NAME = "feeds"
HELP = "check RSS/Atom/JSON feeds once (each entry at its own publication time)"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(NAME, help=HELP, description=HELP)
    fsub = p.add_subparsers(dest="feeds_command", metavar="SUBCOMMAND", required=True,
                            parser_class=type(p))
    c = fsub.add_parser("check", help="fetch and judge feeds once", description=(
        "Fetch each feed (URL or local file), judge every entry at its own published or "
        "updated time. Exit 0: all pass; 1: a violation; 3: review needed or a feed could "
        "not be checked; 2: usage error."))
    c.add_argument("targets", nargs="+", metavar="URL_OR_FILE", help="feed URLs or files")
    c.add_argument("--at", metavar="WHEN",
                   help="the moment of the check: entries without a date of their own are "
                        "judged at it (default: now); dated entries keep their own date")
    c.add_argument("--kind", choices=[k.value for k in Kind],
                   help="kind of the entries (default: the configured feed's kind, else "
                        "editorial)")
    c.add_argument("--meeting", metavar="ID", help="link entries to this meeting only")
    c.add_argument("--format", default="text", choices=("text", "json"), help="output format")
    c.add_argument("--workers", type=int, metavar="N",
                   help="feeds fetched at once (default: [daemon] workers)")
    c.add_argument("--jobs", type=int, metavar="N",
                   help="feeds parsed and entries judged at once, in worker processes "
                        "(default: the number of cores; 1: all in this process)")
    c.add_argument("--timeout", type=float, metavar="SECONDS",
                   help="connect and read timeout per feed (default: [daemon] timeout)")
    c.add_argument("--color", default="auto", choices=("auto", "always", "never"))
    c.add_argument("-v", "--verbose", action="store_true", help="show passing findings too")
    add_common(c, no_catalog=True)


def run(args: argparse.Namespace) -> int:
    from embargo.batch import SessionRecipe, default_jobs, map_in_workers
    from embargo.engine import exit_code
    from embargo.errors import InputError
    from embargo.reports.formats.base import RenderContext
    from embargo.reports.formats.json import judgement_json
    from embargo.reports.formats.text import TextFormat
    from embargo.sources.feeds import FeedSource, feed_config_for, fetch_all
    from embargo.sources.fetch import FetchOptions
    from embargo.timeparse import iso, now_utc

    if args.workers is not None and args.workers < 1:
        raise InputError("--workers must be 1 or more")
    jobs = default_jobs() if args.jobs is None else args.jobs
    if jobs < 1:
        raise InputError("--jobs must be 1 or more")
    if args.timeout is not None and args.timeout <= 0:
        raise InputError("--timeout must be more than zero")
    with open_session(args) as emb:
        now: datetime = emb.instant(args.at) if args.at is not None else now_utc()
        dm = emb.config.daemon
        opts = FetchOptions(timeout=args.timeout or dm.timeout, max_bytes=dm.max_bytes,
                            max_redirects=dm.max_redirects, user_agent=dm.user_agent)
        kind = Kind(args.kind) if args.kind else None
        sources = [FeedSource(feed_config_for(t, emb.config.feeds, kind, args.meeting), opts)
                   for t in args.targets]
        # Downloads in threads (they wait on sockets); parsing and judging in worker
        # processes (CPU-bound), answers in the order of the feeds and their entries.
        recipe = SessionRecipe.of(emb, args.policies or ())
        fetched = fetch_all(sources, args.workers or dm.workers)
        harvests = [h for h, _ in fetched]
        bodies = [(i, b, src.config.url) for i, ((_, b), src)
                  in enumerate(zip(fetched, sources, strict=True)) if b is not None]
        for (i, _, _), (parsed, seconds) in zip(bodies, map_in_workers(
                emb, _parse, [(b, url) for _, b, url in bodies], jobs=jobs, recipe=recipe),
                strict=True):
            FeedSource.take(harvests[i], parsed, seconds)
        judgements: list[Judgement] = []
        items: list[dict[str, Any]] = []
        errors: list[dict[str, Any]] = []
        feeds: list[dict[str, Any]] = []
        cap = dm.entries_per_poll
        answers = map_in_workers(emb, _judge, [(e, src.config, now) for src, h in zip(
            sources, harvests, strict=True) for e in h.entries[:cap]], jobs=jobs,
            recipe=recipe)
        for src, h in zip(sources, harvests, strict=True):
            judged = 0
            unchecked = max(0, len(h.entries) - cap)
            for entry in h.entries[:cap]:
                j, msg = next(answers)
                if j is None:  # one odd entry must not cost the rest their check
                    errors.append({"source": entry.link, "feed": src.config.url,
                                   "entry": entry.key, "error": msg[:500]})
                    continue
                judged += 1
                judgements.append(j)
                d = judgement_json(j)
                d["feed"] = src.config.url
                d["entry_id"] = entry.key
                items.append(d)
            if h.error:
                errors.append({"source": src.config.url, "feed": src.config.url,
                               "error": h.error})
            if unchecked:
                # Never a silent pass: entries not checked make the answer "look at it" (3).
                errors.append({"source": src.config.url, "feed": src.config.url,
                               "error": f"{unchecked} of {len(h.entries)} entries NOT checked "
                                        f"(at most {cap} per check: raise [daemon] "
                                        "entries_per_poll to check them all)"})
            feeds.append({
                "feed": src.config.url, "status": "error" if h.error else "ok",
                "http_status": h.http_status, "error": h.error, "entries": len(h.entries),
                "judged": judged, "unchecked": unchecked,
                "title": h.feed_title, "version": h.feed_version,
                "final_url": h.final_url, "notes": h.notes, "bytes": h.bytes_read,
                "duration": round(h.duration, 3),
            })
        answers.close()  # the workers stop now
        if args.format == "json":
            doc = {"items": items, "feeds": feeds, "errors": errors, "checked_at": iso(now)}
            _write(json.dumps(doc, indent=2, ensure_ascii=False))
        else:
            ctx = RenderContext(zone=emb.config.timezone,
                                color=use_color(sys.stdout, args.color),
                                verbose=args.verbose)
            text = TextFormat().render(judgements, ctx, [(e["source"], e["error"])
                                                         for e in errors])
            lines = [text] if text else []
            for f in feeds:
                state = f"ERROR {f['error']}" if f["error"] else (
                    f"{f['entries']} entr{'y' if f['entries'] == 1 else 'ies'}")
                if f["unchecked"]:
                    state += f", {f['judged']} checked, {f['unchecked']} NOT checked"
                http = f" (HTTP {f['http_status']})" if f["http_status"] else ""
                lines.append(f"feed {f['feed']}{http}: {state}")
                lines.extend(f"  note: {n}" for n in f["notes"])
            _write("\n".join(lines))
    code = exit_code(judgements)
    if code == 0 and errors:
        code = 3
    return code


def _parse(emb: Embargo, task: tuple[Body, str]) -> tuple[ParsedFeed, float]:
    from embargo.sources.feeds import parse_feed

    body, url = task
    started = time.monotonic()
    parsed = parse_feed(body.body, body.headers, url)
    return parsed, time.monotonic() - started


def _judge(emb: Embargo, task: tuple[Entry, FeedConfig, datetime]
           ) -> tuple[Judgement | None, str]:
    """An entry's judgement, or the one-line reason it has none."""
    from embargo.errors import InputError
    from embargo.sources.feeds import FeedSource
    from embargo.sources.judge import judge_entry

    entry, feed, now = task
    try:
        return judge_entry(emb, entry, FeedSource(feed), now), ""
    except Exception as e:
        return None, e.message if isinstance(e, InputError) else (
            f"internal error: {type(e).__name__}: {' '.join(str(e).split())}")


def _write(text: str) -> None:
    data = (text + "\n").encode("utf-8", "replace")
    buf = getattr(sys.stdout, "buffer", None)
    if buf is not None:
        sys.stdout.flush()
        buf.write(data)
        buf.flush()
    else:
        sys.stdout.write(data.decode("utf-8"))
