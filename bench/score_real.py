"""Judgement on real coverage: linking, kind, tiers and verdicts, scored as a user runs them.

    python bench/score_real.py [--wrong] [--only SET] [--embargo PATH] [--json FILE]

Scores, with the installed ``embargo`` command (whole processes, the contract's commands):

* the shared development sets ``../shared/corpus/linking-dev`` and ``prepublish-dev`` when that
  folder is next to the checkout (it is not in CI; they are then skipped with a note), exactly
  as their README says;
* the project's own real set ``tests/cases/real/`` (every group folder holding ``items/``,
  ``catalog.jsonl`` and ``truth.tsv``; tests/cases/real/README.md describes it), in two views:
  **linking** — every item as written (front matter names no abstract), all groups' catalogues
  imported into one file, ``--at 2026-01-01T00:00:00Z``; and **pre-publish** — each item about
  abstracts, with the truth's ``abstracts`` and ``publish_at`` put in its front matter (kind
  still inferred), judged at its own time.

Measures (targets of issue 10): linking precision ≥ 0.95, recall ≥ 0.90, at most one negative
in thirty linked; kind ≥ 95 %, verdict (with earliest_compliant) ≥ 95 %, highest tier ≥ 90 %,
no violation ever passed.  Exit 0 when every target holds on every set scored.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pairs import PairCounts

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
REAL = ROOT / "tests" / "cases" / "real"
ORDER = {"existence": 0, "abstract": 1, "beyond": 2, "material": 3}


def rows(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def instant(s: object) -> datetime | None:
    if not isinstance(s, str) or not s.strip() or s.strip() == "-":
        return None
    try:
        d = datetime.fromisoformat(s.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return d.astimezone(UTC) if d.tzinfo else None


def ids(cell: str) -> set[str]:
    return {i.strip() for i in cell.split(",") if i.strip()} if cell.strip() != "-" else set()


@dataclass
class LinkScore(PairCounts):
    neg: int = 0
    neg_linked: int = 0
    tp_full: int = 0  # true links to abstracts the catalogue holds whole ...
    fn_full: int = 0  # ... and those missed
    wrong: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (self.precision >= 0.95 and self.recall >= 0.90
                and self.neg_linked * 30 <= max(self.neg, 30))

    def line(self, name: str) -> str:
        full = ""
        if self.tp_full + self.fn_full != self.tp + self.fn:
            r = self.tp_full / (self.tp_full + self.fn_full) if self.tp_full + self.fn_full else 1
            full = f" [recall {r:.3f} where the abstracts are whole]"
        return (f"{name}: linking precision {self.precision:.3f} recall {self.recall:.3f}{full} "
                f"(tp {self.tp}, fp {self.fp}, fn {self.fn}); {self.neg_linked}/{self.neg} "
                f"negatives linked  {'OK' if self.ok else 'SHORT'}")


@dataclass
class PreScore:
    n: int = 0
    kind: int = 0
    n_verdict: int = 0
    verdict: int = 0
    n_tier: int = 0
    tier: int = 0
    n_tier_full: int = 0  # items whose abstracts' text the catalogue holds in full
    tier_full: int = 0
    wrong_pass: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        def share(a: int, b: int) -> float:
            return a / b if b else 1.0
        return (share(self.kind, self.n) >= 0.95 and share(self.verdict, self.n_verdict) >= 0.95
                and share(self.tier, self.n_tier) >= 0.90 and self.wrong_pass == 0)

    def line(self, name: str) -> str:
        def pct(a: int, b: int) -> str:
            return f"{100 * a / b:.1f}% ({a}/{b})" if b else "-"
        full = (f" [{pct(self.tier_full, self.n_tier_full)} where the abstracts are whole]"
                if self.n_tier_full != self.n_tier else "")
        return (f"{name}: kind {pct(self.kind, self.n)}, "
                f"verdict {pct(self.verdict, self.n_verdict)}, "
                f"highest tier {pct(self.tier, self.n_tier)}{full}, "
                f"wrong pass {self.wrong_pass}  {'OK' if self.ok else 'SHORT'}")


@dataclass
class AlarmScore:
    """The real negatives checked at their own dates: how many pass, and how many a user is
    alarmed by (``review``, ``violation``) though the item is about no catalogued abstract.
    Information, beside the targets: a flood of false alarms makes users switch a tool off."""
    n: int = 0
    passed: int = 0
    review: int = 0
    violation: int = 0
    by_candidate: int = 0  # of the alarms, those raised by a candidate abstract
    linked: int = 0  # negatives with an accepted link, whatever their verdict
    wrong: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return True

    def line(self, name: str) -> str:
        share = f"{100 * self.passed / self.n:.0f}%" if self.n else "-"
        return (f"{name}: pass {self.passed} ({share}), review {self.review}, violation "
                f"{self.violation}; {self.by_candidate} of the alarms from a candidate; "
                f"{self.linked} linked (information)")


@dataclass
class OwnScore:
    """The real positives with a labelled verdict, checked at their own dates with their
    abstracts not declared: what a watched feed gets, the linker finding the abstracts on its
    own.  A pass where the label says violation or review is a wrong pass; a review or a
    violation where it says pass is a false alarm.  Information, beside the targets (which
    the pre-publish run measures, its abstracts declared)."""
    n: int = 0
    agree: int = 0
    wrong_pass: int = 0
    false_alarm: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return True

    def line(self, name: str) -> str:
        share = f"{100 * self.agree / self.n:.1f}% ({self.agree}/{self.n})" if self.n else "-"
        return (f"{name}: verdict {share}, wrong pass {self.wrong_pass}, false alarm "
                f"{self.false_alarm} (information)")


def score_own(got: dict[str, dict[str, object]], truth: list[dict[str, str]]) -> OwnScore:
    s = OwnScore()
    for t in truth:
        item = got.get(t["file"]) or {}
        s.n += 1
        verdict = item.get("verdict")
        s.agree += verdict == t["verdict"]
        if verdict == "pass" and t["verdict"] != "pass":
            s.wrong_pass += 1
        elif verdict != "pass" and t["verdict"] == "pass":
            s.false_alarm += 1
        if verdict != t["verdict"]:
            found = [x.get("id") for x in item.get("abstracts") or []  # type: ignore[attr-defined]
                     if isinstance(x, dict)]
            s.wrong.append(f"  {t['file']}: {verdict} (want {t['verdict']}), linked {found}")
    return s


def score_alarms(got: dict[str, dict[str, object]], names: list[str]) -> AlarmScore:
    s = AlarmScore()
    for name in names:
        item = got.get(name)
        if item is None:
            continue
        s.n += 1
        s.linked += bool(item.get("abstracts"))
        verdict = item.get("verdict")
        if verdict == "pass":
            s.passed += 1
            continue
        if verdict == "violation":
            s.violation += 1
        else:
            s.review += 1
        if item.get("candidates") and not item.get("abstracts"):
            s.by_candidate += 1
        if verdict == "violation":
            found = [x.get("id") for x in item.get("abstracts") or []  # type: ignore[attr-defined]
                     if isinstance(x, dict)]
            s.wrong.append(f"  {name}: violation, linked {found}")
    return s


class Runner:
    def __init__(self, exe: str, tmp: Path) -> None:
        self.exe = exe
        self.tmp = tmp
        self.answers: list[dict[str, object]] = []  # every item's JSON, for --answers

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([self.exe, *args], capture_output=True, text=True, timeout=1800)

    def import_(self, db: Path, *catalogs: Path) -> None:
        p = self.run("abstracts", "import", *map(str, catalogs), "--catalog", str(db))
        if p.returncode:
            sys.exit(f"score_real: import failed: {(p.stderr or p.stdout).strip()[-300:]}")

    def check(self, *args: str) -> dict[str, dict[str, object]]:
        p = self.run("check", *args, "--format", "json")
        try:
            out = json.loads(p.stdout)
        except ValueError:
            sys.exit(f"score_real: no JSON from embargo check (exit {p.returncode}): "
                     f"{p.stderr.strip()[-300:]}")
        items = out.get("items", [])
        for i in items:
            self.answers.append({"run": len(self.answers), "item": _stable(i)})
        return {Path(str(i.get("source") or "")).name: i for i in items}


def _stable(item: dict[str, object]) -> dict[str, object]:
    """An item's answer without what changes from run to run (temporary paths)."""
    out = dict(item)
    out["source"] = Path(str(item.get("source") or "")).name
    return out


def score_links(got: dict[str, dict[str, object]], truth: dict[str, set[str]],
                partial: frozenset[str] | set[str] = frozenset()) -> LinkScore:
    s = LinkScore()
    for name, want in sorted(truth.items()):
        item = got.get(name)
        have = ({a["id"] for a in item.get("abstracts") or [] if isinstance(a, dict)}  # type: ignore[union-attr]
                if item else None)
        if not want:
            s.neg += 1
            s.neg_linked += 1 if (have is None or have) else 0
        if have is None:
            s.fn += len(want)
            s.fn_full += len(want - partial)
            s.wrong.append(f"  {name}: no answer")
            continue
        s.tp, s.fp, s.fn = s.tp + len(want & have), s.fp + len(have - want), s.fn + len(want - have)
        s.tp_full += len((want & have) - partial)
        s.fn_full += len((want - have) - partial)
        if want != have:
            cands = [a.get("id") for a in item.get("candidates") or [] if isinstance(a, dict)]  # type: ignore[union-attr]
            s.wrong.append(f"  {name}: missed {sorted(want - have)} extra {sorted(have - want)}"
                           + (f" (candidates {cands})" if cands else ""))
    return s


def top_tier(item: dict[str, object]) -> str | None:
    found = [f.get("tier") for f in item.get("findings") or []  # type: ignore[union-attr]
             if isinstance(f, dict) and f.get("tier") in ORDER and f.get("tier") != "material"]
    return max(found, key=ORDER.__getitem__) if found else None  # type: ignore[arg-type]


def score_pre(got: dict[str, dict[str, object]], truth: list[dict[str, str]],
              partial: set[str] = frozenset()) -> PreScore:  # type: ignore[assignment]
    """``partial``: abstracts whose text the catalogue holds only in part (the page could
    not be read whole); tiers of items about them are also counted apart."""
    s = PreScore()
    for t in truth:
        item = got.get(t["file"]) or {}
        s.n += 1
        right_k = item.get("kind") == t["kind"]
        s.kind += right_k
        problems = [] if right_k else [f"kind {item.get('kind')} (want {t['kind']})"]
        if t["verdict"] != "-":
            s.n_verdict += 1
            want_e = instant(t["earliest"])
            right_v = item.get("verdict") == t["verdict"] and (
                want_e is None or instant(item.get("earliest_compliant")) == want_e)
            s.verdict += right_v
            if t["verdict"] == "violation" and item.get("verdict") == "pass":
                s.wrong_pass += 1
            if not right_v:
                problems.append(f"verdict {item.get('verdict')} {item.get('earliest_compliant')}"
                                f" (want {t['verdict']} {t['earliest']})")
        if t["tiers"] != "-":
            s.n_tier += 1
            want_t = max(ids(t["tiers"]), key=ORDER.__getitem__)
            have_t = top_tier(item)
            s.tier += have_t == want_t
            whole = not ids(t.get("abstracts", "-")) & partial
            if whole:
                s.n_tier_full += 1
                s.tier_full += have_t == want_t
            if have_t != want_t:
                problems.append(f"top tier {have_t} (want {want_t})"
                                + (" [abstracts whole]" if whole else ""))
        if problems:
            s.wrong.append(f"  {t['file']}: " + "; ".join(problems))
    return s


# ------------------------------------------------------------------------- the shared sets

def shared_sets(r: Runner) -> list[tuple[str, LinkScore | PreScore]]:
    out: list[tuple[str, LinkScore | PreScore]] = []
    d = SHARED / "linking-dev"
    db = r.tmp / "linking-dev.db"
    r.import_(db, d / "catalog.jsonl")
    truth = {row[0]: ids(row[1]) for row in rows(d / "truth.tsv")}
    got = r.check(str(d / "items"), "--catalog", str(db), "--at", "2026-01-01T00:00:00Z")
    out.append(("shared linking-dev", score_links(got, truth)))
    d = SHARED / "prepublish-dev"
    db = r.tmp / "prepublish-dev.db"
    r.import_(db, d / "catalog.jsonl")
    got = r.check(str(d / "drafts"), "--catalog", str(db))
    pre = [{"file": row[0], "kind": row[1], "tiers": row[2], "verdict": row[3],
            "earliest": row[4]} for row in rows(d / "truth.tsv")]
    out.append(("shared prepublish-dev", score_pre(got, pre)))
    return out


# ------------------------------------------------------------------------- our real set

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)


def real_groups(root: Path = REAL) -> list[Path]:
    return sorted(p for p in root.iterdir() if (p / "truth.tsv").exists()) if root.exists() else []


def real_truth(group: Path) -> list[dict[str, str]]:
    keys = ("file", "abstracts", "kind", "tiers", "publish_at", "verdict", "earliest",
            "source_url", "note")
    out = []
    for row in rows(group / "truth.tsv"):
        row = [c.strip() for c in row] + [""] * (len(keys) - len(row))
        out.append(dict(zip(keys, row, strict=False)))
    return out


def with_front(text: str, extra: dict[str, str]) -> str:
    lines = "".join(f"{k}: {v}\n" for k, v in extra.items())
    m = _FRONT.match(text)
    if m:
        return f"---\n{m.group(1)}\n{lines}---\n{text[m.end():]}"
    return f"---\n{lines}---\n{text}"


def background(path: Path, n: int) -> Path:
    """``n`` generated abstracts over the same meetings (numbered G…, so they never take a
    real abstract's number): the crowd a real catalogue has, so that a topic word is as common
    as it is in practice.  Invented text, used only as distractors, never as items."""
    sys.path.insert(0, str(ROOT / "bench"))
    from catalog_gen import CatalogGenerator

    with path.open("w", encoding="utf-8") as fh:
        for g in CatalogGenerator(seed=11).catalogue(n):
            rec = dict(g.record)
            rec["number"] = f"G{rec['number']}"
            rec.pop("url", None)
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def real_sets(r: Runner, groups: list[Path], crowd: int = 0, scored: list[Path] | None = None
              ) -> list[tuple[str, LinkScore | PreScore | AlarmScore | OwnScore]]:
    """Import every group's catalogue; score the items of ``scored`` (default: all groups)."""
    out: list[tuple[str, LinkScore | PreScore | AlarmScore | OwnScore]] = []
    db = r.tmp / "real.db"
    extra = [background(r.tmp / "background.jsonl", crowd)] if crowd else []
    r.import_(db, *extra, *(g / "catalog.jsonl" for g in groups))
    truth: dict[str, set[str]] = {}
    pre: list[dict[str, str]] = []
    stage = r.tmp / "prepublish"
    stage.mkdir()
    linkdir = r.tmp / "linking"
    linkdir.mkdir()
    # The negatives at their own dates (kind inferred): the alarms a user would get.
    alarms = r.tmp / "negatives"
    alarms.mkdir()
    negatives: list[str] = []
    # The positives with a labelled verdict at their own dates, abstracts not declared.
    own = r.tmp / "own"
    own.mkdir()
    owned: list[dict[str, str]] = []
    for g in (groups if scored is None else scored):
        for t in real_truth(g):
            text = (g / "items" / t["file"]).read_text(encoding="utf-8")
            name = f"{g.name}-{t['file']}"
            (linkdir / name).write_text(text, encoding="utf-8")
            truth[name] = ids(t["abstracts"])
            if t["publish_at"] in ("", "-"):
                continue
            # (at its own date, its kind inferred, its abstracts left to the linker)
            dated = with_front(text, {"publish_at": t["publish_at"]})
            if ids(t["abstracts"]):
                extra = {"abstracts": "[" + ", ".join(sorted(ids(t["abstracts"]))) + "]",
                         "publish_at": t["publish_at"]}
                (stage / name).write_text(with_front(text, extra), encoding="utf-8")
                pre.append({**t, "file": name})
                if t["verdict"] not in ("", "-"):
                    (own / name).write_text(dated, encoding="utf-8")
                    owned.append({**t, "file": name})
            else:
                (alarms / name).write_text(dated, encoding="utf-8")
                negatives.append(name)
    got = r.check(str(linkdir), "--catalog", str(db), "--at", "2026-01-01T00:00:00Z")
    partial = {f"{rec['meeting']}:{rec['number']}" for g in groups
               for rec in map(json.loads, (g / "catalog.jsonl").read_text(
                   encoding="utf-8").splitlines()) if rec.get("partial")}
    crowd_note = f", +{crowd} distractors" if crowd else ""
    out.append((f"real set ({len(truth)} items{crowd_note}) linking",
                score_links(got, truth, partial)))
    got = r.check(str(stage), "--catalog", str(db))
    out.append((f"real set ({len(pre)} items) pre-publish", score_pre(got, pre, partial)))
    if owned:
        got = r.check(str(own), "--catalog", str(db))
        out.append((f"real set ({len(owned)} positives at their own dates, abstracts found by "
                    "the linker) verdicts", score_own(got, owned)))
    if negatives:
        got = r.check(str(alarms), "--catalog", str(db))
        out.append((f"real set ({len(negatives)} negatives at their own dates) alarms",
                    score_alarms(got, negatives)))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--embargo", default=str(ROOT / ".venv" / "bin" / "embargo"))
    ap.add_argument("--wrong", action="store_true", help="list every item that came out wrong")
    ap.add_argument("--only", choices=("shared", "real"), help="score only these sets")
    ap.add_argument("--group", action="append", help="only these groups of the real set")
    ap.add_argument("--score-group", action="append", metavar="GROUP",
                    help="import every group's catalogue but score only these groups' items "
                         "(a held-out group measured against the whole catalogue)")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    ap.add_argument("--answers", metavar="FILE",
                    help="also write every item's whole answer to this JSON file: two runs "
                         "(before and after a speed change) must give identical files")
    ap.add_argument("--real", type=Path, default=REAL, help="the real set's folder")
    ap.add_argument("--background", type=int, default=1000, metavar="N",
                    help="generated distractor abstracts added to the real set's catalogue "
                         "(default 1000; 0 for none)")
    a = ap.parse_args()
    if not Path(a.embargo).exists():
        print(f"score_real: no embargo executable at {a.embargo} (run `make demo` first)")
        return 2
    results: list[tuple[str, LinkScore | PreScore | AlarmScore | OwnScore]] = []
    with tempfile.TemporaryDirectory() as t:
        r = Runner(a.embargo, Path(t))
        if a.only != "real":
            if (SHARED / "linking-dev" / "truth.tsv").exists():
                results += shared_sets(r)
            else:
                print(f"(the shared development sets are not here: {SHARED}; skipped)")
        if a.only != "shared":
            groups = [g for g in real_groups(a.real) if not a.group or g.name in a.group]
            scored = ([g for g in groups if g.name in a.score_group] if a.score_group
                      else None)
            if groups:
                results += real_sets(r, groups, a.background, scored)
            else:
                print(f"(no real set under {a.real})")
        answers = r.answers
    if a.answers:
        Path(a.answers).write_text(json.dumps([x["item"] for x in answers], indent=1,
                                              sort_keys=True, default=str), encoding="utf-8")
    for name, s in results:
        print(s.line(name))
        if a.wrong and s.wrong:
            print("\n".join(s.wrong))
    if a.json:
        Path(a.json).write_text(json.dumps({name: {k: v for k, v in vars(s).items()
                                                   if k != "wrong"} for name, s in results},
                                           indent=1), encoding="utf-8")
    return 0 if all(s.ok for _, s in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
