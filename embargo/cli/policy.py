"""``embargo policy list | show | validate | test | new``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from embargo.cli.common import add_common, config_from

NAME = "policy"
HELP = "policies: list, explain in plain words, validate, run their worked examples"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(NAME, help=HELP, description=HELP)
    ps = p.add_subparsers(dest="policy_cmd", metavar="ACTION", required=True)
    a = ps.add_parser("list", help="the loaded policies")
    add_common(a)
    s = ps.add_parser("show", help="explain one policy in plain words")
    s.add_argument("meeting_id", metavar="ID")
    add_common(s)
    v = ps.add_parser("validate", help="check policy files (errors name file, line and key)")
    v.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: all "
                   "loaded policies)")
    v.add_argument("--strict", action="store_true", help="treat warnings as errors")
    v.add_argument("-q", "--quiet", action="store_true", help="hide notes (per-abstract events "
                   "the catalogue must supply)")
    add_common(v)
    t = ps.add_parser("test", help="run the worked examples in policy files")
    t.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: all "
                   "loaded policies)")
    t.add_argument("-v", "--verbose", action="store_true", help="list passing examples too")
    add_common(t)
    n = ps.add_parser("new", help="write a commented skeleton policy to start from")
    n.add_argument("meeting_id", metavar="ID", help="e.g. asco-2025")
    n.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    add_common(n)


def _selected(args: argparse.Namespace) -> list:  # type: ignore[type-arg]
    from embargo.policy.loader import PolicySet, policy_files, read_policy_file

    if args.paths:
        return [read_policy_file(f) for f in policy_files([Path(p) for p in args.paths])]
    cfg = config_from(args)
    return list(PolicySet.load([*cfg.policies, *args.policies]))


def run(args: argparse.Namespace) -> int:
    return {"list": _list, "show": _show, "validate": _validate, "test": _test,
            "new": _new}[args.policy_cmd](args)


def _list(args: argparse.Namespace) -> int:
    from embargo.policy.loader import PolicySet

    cfg = config_from(args)
    ps = PolicySet.load([*cfg.policies, *args.policies])
    for p in ps:
        m = p.meeting
        dates = f"{m.starts} – {m.ends}" if m.starts and m.ends else "dates not given"
        print(f"{m.id:<14} {m.name:<44} {dates:<26} {m.zone}")
    return 0


def _show(args: argparse.Namespace) -> int:
    from embargo.policy.explain import explain
    from embargo.policy.loader import PolicySet

    cfg = config_from(args)
    ps = PolicySet.load([*cfg.policies, *args.policies])
    print(explain(ps.require(args.meeting_id)))
    return 0


def _validate(args: argparse.Namespace) -> int:
    from embargo.errors import InputError
    from embargo.policy.loader import policy_files, read_policy_file
    from embargo.policy.validate import counts, validate

    if args.paths:
        files = policy_files([Path(p) for p in args.paths])
    else:
        from embargo.policy.loader import bundled_dir

        cfg = config_from(args)
        roots = [d for d in (bundled_dir(),) if d is not None]
        files = policy_files([*roots, *cfg.policies, *(Path(p) for p in args.policies)])
    errors = warnings = 0
    for f in files:
        try:
            policy = read_policy_file(f)
            len(policy.examples)  # read the worked examples now: their errors are this file's
        except InputError as e:
            print(f"{e.path or f}{':' + str(e.line) if e.line else ''}: error: "
                  f"{e.key + ': ' if e.key else ''}{e.message}")
            errors += 1
            continue
        problems = validate(policy)
        for pr in problems:
            if pr.level != "note" or not args.quiet:
                print(pr.render(str(f)))
        n = counts(problems)
        errors += n["error"]
        warnings += n["warning"]
        if not n["error"] and not n["warning"]:
            print(f"{f}: ok ({len(policy.rules)} rules, {len(policy.examples)} examples)")
    print(f"{len(files)} file(s): {errors} error(s), {warnings} warning(s)")
    if errors or (args.strict and warnings):
        return 2
    return 0


def _test(args: argparse.Namespace) -> int:
    from embargo.policy.examples import run_examples

    policies = _selected(args)
    results = run_examples(policies)
    passed = sum(1 for r in results if r.ok)
    failed = len(results) - passed
    for r in results:
        if not r.ok:
            print(f"FAIL {r.where}: {r.example.name}")
            for problem in r.problems:
                print(f"     {problem}")
        elif args.verbose:
            print(f"ok   {r.where}: {r.example.name}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def _new(args: argparse.Namespace) -> int:
    from embargo.policy.skeleton import skeleton

    text = skeleton(args.meeting_id)
    if args.output:
        out = Path(args.output)
        if out.exists():
            from embargo.errors import InputError

            raise InputError("exists already; choose another name", path=str(out))
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
        except OSError as e:
            from embargo.errors import InputError

            raise InputError(f"cannot write the policy file: {e.strerror or e}",
                             path=str(out)) from None
        print(f"wrote {out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
