"""The policy file: TOML → typed, validated model.

Unknown keys are refused everywhere, naming the allowed ones; every error names file, line
and key.  See ``docs/policies.md`` for the language reference.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import Any, overload
from zoneinfo import ZoneInfo

from embargo.errors import InputError
from embargo.model import CATEGORIES, Abstract, Kind, Material, Session, Tier, Verdict
from embargo.policy.lifts import EVENT_NAME, OWN_LIFT, LiftExpr, LiftParser
from embargo.policy.toml_lines import KeyLines
from embargo.timeparse import get_zone, parse_when
from embargo.timeparse.zones import lookup_label

SCHEMA_VERSION = 1
KIND_HINT = ("(journalists' stories = editorial; releases by institutions and companies = "
             "press-release; posts = social; other meetings, journals, preprints = scholarly)")
TIER_HINT = ("(title, authors, slot, the fact of acceptance = existence; what the abstract says "
             "= abstract; new data, quotes, commentary = beyond; slides, posters, photos, "
             "recordings = material)")
MATERIAL_HINT = ("(slide decks and poster files = slides; photos or images of slides, posters or "
                 "data = images; audio or video of a talk, or a link to it = recordings)")
MEETING_ID = re.compile(r"^[a-z0-9][a-z0-9\-]*[a-z0-9]$")
RULE_ID = re.compile(r"^[a-z0-9][a-z0-9\-_]*$")
ACTIONS = ("lift", "allow", "never", "review")
REQUIREMENT_CHECKS = ("meeting-name", "abstract-number", "embargo-time", "pattern", "manual")


def norm_label(label: str) -> str:
    """Labels compare case-blind, with spaces and underscores read as '-'."""
    return re.sub(r"[\s_]+", "-", label.strip().lower())


def labels_of(abstract: Abstract | None) -> frozenset[str]:
    """An abstract's category and tags, normalised: what rules select on."""
    if abstract is None:
        return frozenset()
    return frozenset(norm_label(x) for x in abstract.labels)


@dataclass(frozen=True)
class Meeting:
    id: str
    name: str
    zone: str
    sources: tuple[str, ...]
    starts: date | None = None
    ends: date | None = None
    venue: str | None = None
    organiser: str | None = None
    aliases: tuple[str, ...] = ()
    consequences: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def tz(self) -> ZoneInfo:
        return get_zone(self.zone)

    @property
    def year(self) -> int | None:
        return self.starts.year if self.starts else None


@dataclass(frozen=True)
class Rule:
    """First matching rule governs an (abstract, tier, kind)."""

    id: str
    explanation: str
    action: str  # lift | allow | never | review
    lift: LiftExpr | None = None
    tiers: frozenset[Tier] = frozenset()  # empty = every tier
    kinds: frozenset[Kind] = frozenset()  # empty = every kind
    tags: frozenset[str] = frozenset()  # any of these labels; empty = any abstract
    not_tags: frozenset[str] = frozenset()  # none of these labels
    all_tags: frozenset[str] = frozenset()  # every one of these labels
    exception: str | None = None  # applies only when the abstract has this approved exception
    has_event: frozenset[str] = frozenset()  # events the abstract must have (own or [events])
    lacks_event: frozenset[str] = frozenset()  # events the abstract must not have
    materials: frozenset[Material] = frozenset()  # only these kinds of presentation material
    starts: LiftExpr | None = None  # the embargo start for what this rule governs
    overridable: bool = True  # per-abstract `lifts` from the catalogue replace this lift
    source: str | None = None
    consequences: str | None = None  # what the organiser threatens for breaking this rule
    note: str | None = None  # an author's remark (interpretation, doubts), shown by `show`
    counts_as: Tier | None = None  # items this rule governs carry this tier by nature
    line: int | None = None

    def matches(self, tier: Tier, kind: Kind, labels: frozenset[str],
                exceptions: frozenset[str], events: frozenset[str] = frozenset(),
                material: Material | None = None) -> bool:
        """Whether the rule selects this tier, kind and abstract.

        ``events`` are the events defined for the abstract (its own and the meeting-wide
        ones); ``material`` is the kind of presentation material (for the material tier).
        """
        if self.materials:
            # Only these kinds of material; material of an unknown kind is not selected
            # (the engine judges it as each kind in turn).
            if tier is not Tier.MATERIAL or material not in self.materials:
                return False
        elif self.tiers and tier not in self.tiers and not (
                tier is Tier.MATERIAL and Tier.BEYOND in self.tiers):
            # Presentation materials are beyond-the-abstract content: a rule for `beyond`
            # covers them too, unless an earlier rule names `material` itself.
            return False
        if self.kinds and kind not in self.kinds:
            return False
        if self.tags and not (self.tags & labels):
            return False
        if self.not_tags & labels:
            return False
        if not self.all_tags <= labels:
            return False
        if not self.has_event <= events or self.lacks_event & events:
            return False
        return not (self.exception is not None and self.exception not in exceptions)

    @property
    def label_words(self) -> str:
        """The abstract selector in words ("" when the rule takes every abstract)."""
        parts = []
        if self.tags:
            parts.append("labelled " + " or ".join(sorted(self.tags)))
        if self.all_tags:
            parts.append("labelled " + " and ".join(sorted(self.all_tags)))
        if self.not_tags:
            parts.append("not labelled " + " or ".join(sorted(self.not_tags)))
        if self.exception:
            parts.append(f"with an approved '{self.exception}' exception")
        if self.has_event:
            parts.append("with their own " + " and ".join(sorted(self.has_event)))
        if self.lacks_event:
            parts.append("without " + " or ".join(sorted(self.lacks_event)))
        return ", ".join(parts)

    @property
    def selects_events(self) -> frozenset[str]:
        """The events this rule's selectors ask about."""
        return self.has_event | self.lacks_event


@dataclass(frozen=True)
class Requirement:
    """Something a release must do; unmet or uncheckable → a ``review`` (or a note)."""

    id: str
    explanation: str
    check: str  # one of REQUIREMENT_CHECKS
    kinds: frozenset[Kind] = frozenset()
    tags: frozenset[str] = frozenset()
    not_tags: frozenset[str] = frozenset()
    within: str = "anywhere"  # or "first-paragraph"
    level: str = "review"  # or "note"
    before: LiftExpr | None = None  # only for items published before this lift
    source: str | None = None
    pattern: str | None = None  # for check = "pattern": a regular expression the text must match
    line: int | None = None


@dataclass(frozen=True)
class Override:
    """The organiser moved the lift of some abstracts, as the policy page itself says."""

    numbers: frozenset[str]
    tiers: frozenset[Tier]  # empty = every tier
    lift: LiftExpr
    text: str
    note: str | None = None
    line: int | None = None

    def applies(self, number: str, tier: Tier) -> bool:
        if number not in self.numbers:
            return False
        return not self.tiers or tier in self.tiers or (
            tier is Tier.MATERIAL and Tier.BEYOND in self.tiers)


@dataclass(frozen=True)
class ExampleAbstract:
    abstract: Abstract
    tiers: tuple[Tier, ...]
    materials: tuple[Material, ...] = ()  # kinds of material the item carries (material tier)


@dataclass(frozen=True)
class Example:
    name: str
    kind: Kind
    at: datetime
    abstracts: tuple[ExampleAbstract, ...]
    expect: Verdict
    earliest_compliant: datetime | str | None = "unchecked"  # "unchecked" = not asserted
    rule: str | None = None
    text: str | None = None
    line: int | None = None


class Examples(Sequence[Example]):
    """A policy's worked examples, read when first used.

    Only ``embargo policy validate`` and ``policy test`` (and ``policy show``'s count) use
    them; reading them parses every example's times, which checking a draft never needs.
    Their shape (tables, keys, kinds, verdicts) is checked when the policy loads, so a
    misspelt key is still an error of every command; a bad time in an example is reported
    (with file, line and key) when the examples are read."""

    def __init__(self, read: Callable[[], tuple[Example, ...]]) -> None:
        self._read: Callable[[], tuple[Example, ...]] | None = read
        self._items: tuple[Example, ...] = ()

    def _all(self) -> tuple[Example, ...]:
        if self._read is not None:
            self._items = self._read()
            self._read = None
        return self._items

    @overload
    def __getitem__(self, index: int) -> Example: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Example]: ...

    def __getitem__(self, index: int | slice) -> Example | Sequence[Example]:
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[Example]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Examples):
            return self._all() == other._all()
        if isinstance(other, tuple):
            return self._all() == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Examples({self._all()!r})"


@dataclass(frozen=True)
class Policy:
    meeting: Meeting
    rules: tuple[Rule, ...]
    events: Mapping[str, LiftExpr] = field(default_factory=dict)
    embargo_start: LiftExpr | None = None
    embargo_explanation: str | None = None
    requirements: tuple[Requirement, ...] = ()
    examples: Sequence[Example] = ()  # an Examples when loaded from a file
    overrides: tuple[Override, ...] = ()
    declared_events: frozenset[str] = frozenset()  # written under [events] (not implied)
    path: str | None = None
    text: str = ""
    parse_warnings: tuple[tuple[str, str], ...] = ()  # (key, warning)

    @property
    def id(self) -> str:
        return self.meeting.id

    @property
    def source(self) -> str:
        return self.meeting.sources[0]

    def rule_id(self, rule: Rule) -> str:
        return f"{self.id}/{rule.id}"

    @property
    def distinguishes_materials(self) -> bool:
        """True when some rule selects kinds of presentation material (``materials``)."""
        return any(r.materials for r in self.rules)

    def line_of(self, key: str) -> int | None:
        return KeyLines(self.text).line_of(key) if self.text else None

    def label_sets(self) -> list[frozenset[str]]:
        """No label, then each label the rules select on, alone, in the rules' order: the
        kinds of abstract whose lifts differ (a regular one, a late-breaker, a poster...)."""
        out: list[frozenset[str]] = [frozenset()]
        for rule in self.rules:
            for tag in sorted(rule.tags):
                if frozenset({tag}) not in out:
                    out.append(frozenset({tag}))
        return out


# --------------------------------------------------------------------------- reading


class _Reader:
    """Walks the TOML document with a path, so every error names its key and line."""

    def __init__(self, path: str | None, text: str) -> None:
        self.path = path
        self.text = text
        self.lines = KeyLines(text)
        self.warnings: list[tuple[str, str]] = []

    def error(self, key: str, message: str) -> InputError:
        return InputError(message, path=self.path, line=self.lines.line_of(key), key=key)

    def relocate(self, err: InputError, default_key: str) -> InputError:
        key = err.key or default_key
        return InputError(err.message, path=self.path, line=self.lines.line_of(key), key=key)

    def table(self, value: Any, key: str, allowed: set[str] | frozenset[str],
              required: frozenset[str] | set[str] = frozenset()) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(key, f"must be a table, got {type(value).__name__}")
        unknown = set(value) - allowed
        if unknown:
            bad = sorted(unknown)[0]
            raise self.error(f"{key}.{bad}" if key else bad,
                             f"unknown key {bad!r}; allowed here: {', '.join(sorted(allowed))}")
        missing = required - set(value)
        if missing:
            raise self.error(key, f"missing required key(s): {', '.join(sorted(missing))}")
        return value

    def string(self, value: Any, key: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, "must be a non-empty string")
        return value.strip()

    def strings(self, value: Any, key: str) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, "must be a list of strings")
        return tuple(v.strip() for v in value)

    def labels(self, table: dict[str, Any], name: str, key: str) -> frozenset[str]:
        if name not in table:
            return frozenset()
        return frozenset(norm_label(x) for x in self.strings(table[name], f"{key}.{name}"))

    def event_names(self, table: dict[str, Any], name: str, key: str) -> frozenset[str]:
        if name not in table:
            return frozenset()
        out = set()
        for v in self.strings(table[name], f"{key}.{name}"):
            v = v.rstrip("?")
            if not EVENT_NAME.match(v):
                raise self.error(f"{key}.{name}", f"{v!r} is not an event name: use lower-case "
                                 "letters, digits and _, e.g. 'briefing_start'")
            out.add(v)
        if not out:
            raise self.error(f"{key}.{name}", "name at least one event")
        return frozenset(out)

    def materials(self, value: Any, key: str) -> frozenset[Material]:
        out = set()
        for v in self.strings(value, key):
            try:
                out.add(Material(v))
            except ValueError:
                raise self.error(key, f"unknown kind of material {v!r}; use one of "
                                      f"{', '.join(m.value for m in Material)} {MATERIAL_HINT}"
                                 ) from None
        if not out:
            raise self.error(key, "name at least one kind of material")
        return frozenset(out)

    def kinds(self, value: Any, key: str) -> frozenset[Kind]:
        out = set()
        for v in self.strings(value, key):
            try:
                out.add(Kind(v))
            except ValueError:
                raise self.error(key, f"unknown kind {v!r}; use one of "
                                      f"{', '.join(k.value for k in Kind)} {KIND_HINT}"
                                 ) from None
        return frozenset(out)

    def tiers(self, value: Any, key: str) -> frozenset[Tier]:
        out = set()
        for v in self.strings(value, key):
            try:
                out.add(Tier(v))
            except ValueError:
                raise self.error(key, f"unknown tier {v!r}; use one of "
                                      f"{', '.join(t.value for t in Tier)} {TIER_HINT}"
                                 ) from None
        return frozenset(out)

    def day(self, value: Any, key: str) -> date:
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise self.error(key, f"must be a date YYYY-MM-DD, got {value!r}") from None

    def lift(self, parser: LiftParser, value: Any, key: str) -> LiftExpr:
        try:
            expr = parser.parse(value, key)
        except InputError as e:
            raise self.relocate(e, key) from None
        for node in expr.walk():
            for w in getattr(node, "warnings", ()):
                self.warnings.append((key, w))
        return expr


_TOP = {"schema", "meeting", "embargo", "events", "rules", "requirements", "examples",
        "overrides"}
_MEETING = {"id", "name", "zone", "sources", "starts", "ends", "venue", "organiser", "aliases",
            "consequences", "notes"}
_EMBARGO = {"starts", "explanation"}
_RULE = {"id", "explanation", "tiers", "kinds", "tags", "not_tags", "all_tags", "exception",
         "has_event", "lacks_event", "materials", "lift", "allow", "never", "review", "starts",
         "overridable", "source", "note", "consequences", "counts_as"}
_REQUIREMENT = {"id", "explanation", "check", "kinds", "tags", "not_tags", "within", "level",
                "before", "source", "pattern"}
_OVERRIDE = {"abstract", "abstracts", "tiers", "lift", "note"}
_EXAMPLE = {"name", "kind", "at", "tiers", "materials", "abstract", "abstracts", "expect",
            "earliest_compliant", "rule", "text"}
_EX_ABSTRACT = {"number", "title", "category", "tags", "online_at", "session", "events",
                "lifts", "exceptions", "tiers", "materials"}


def load_policy_text(text: str, path: str | None = None) -> Policy:
    """Parse one policy file's text."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
        line = int(m.group(1)) if m else None
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(e))
        raise InputError(f"TOML syntax: {msg}", path=path, line=line) from None
    r = _Reader(path, text)
    r.table(doc, "", _TOP, {"meeting", "rules"})
    schema = doc.get("schema", SCHEMA_VERSION)
    if schema != SCHEMA_VERSION:
        raise r.error("schema", f"this embargo reads schema {SCHEMA_VERSION}, not {schema!r}")

    if isinstance(doc["meeting"], dict) and "zone" not in doc["meeting"]:
        raise r.error("meeting", "the meeting has no venue zone: add zone = \"America/Chicago\" "
                      "(the venue's IANA zone) under [meeting]; 'local time' and times written "
                      "without a zone are read in it")
    mt = r.table(doc["meeting"], "meeting", _MEETING, {"id", "name", "zone", "sources"})
    mid = r.string(mt["id"], "meeting.id")
    if not MEETING_ID.match(mid):
        raise r.error("meeting.id", f"{mid!r} is not a meeting id: use lower-case letters, "
                      "digits and '-', e.g. 'acr-2024'")
    zone_name = r.string(mt["zone"], "meeting.zone")
    try:
        zone = get_zone(zone_name)
    except InputError as e:
        try:  # forgiving: "ET", "CT", "CET" name a region's wall clock
            zone = get_zone(lookup_label(zone_name).region)
        except InputError:
            raise r.error("meeting.zone", e.message + " (the venue's zone, e.g. "
                          "'America/Chicago')") from None
    sources = r.strings(mt["sources"], "meeting.sources")
    if not sources or not all(s.startswith(("http://", "https://")) for s in sources):
        raise r.error("meeting.sources", "list at least one http(s) URL of the published policy")
    meeting = Meeting(
        id=mid,
        name=r.string(mt["name"], "meeting.name"),
        zone=zone.key,
        sources=sources,
        starts=r.day(mt["starts"], "meeting.starts") if "starts" in mt else None,
        ends=r.day(mt["ends"], "meeting.ends") if "ends" in mt else None,
        venue=r.string(mt["venue"], "meeting.venue") if "venue" in mt else None,
        organiser=r.string(mt["organiser"], "meeting.organiser") if "organiser" in mt else None,
        aliases=r.strings(mt.get("aliases", []), "meeting.aliases"),
        consequences=r.string(mt["consequences"], "meeting.consequences")
        if "consequences" in mt else None,
        notes=r.strings(mt.get("notes", []), "meeting.notes"),
    )
    if meeting.starts and meeting.ends and meeting.ends < meeting.starts:
        raise r.error("meeting.ends", "the meeting ends before it starts")
    if path is not None:
        from pathlib import Path as _P

        stem = _P(path).stem
        if stem != mid:
            raise r.error("meeting.id", f"the file is named {stem!r} but declares meeting "
                          f"{mid!r}: name the file '{mid}.toml'")

    parser = LiftParser(zone)
    events: dict[str, LiftExpr] = {}
    ev_table = r.table(doc.get("events", {}), "events", set(doc.get("events", {})))
    for name, value in ev_table.items():
        if not EVENT_NAME.match(name):
            raise r.error(f"events.{name}", "event names use lower-case letters, digits and _")
        if name == OWN_LIFT:
            raise r.error(f"events.{name}", f"{OWN_LIFT!r} is reserved: it names the abstract's "
                          "own lift in a rule; call the event something else")
        events[name] = r.lift(parser, value, f"events.{name}")
    declared = frozenset(events)
    # Meeting dates are events too, unless declared explicitly.
    if meeting.starts and "meeting_start" not in events:
        events["meeting_start"] = parser.parse({"date": meeting.starts}, "meeting.starts")
    if meeting.ends and "meeting_end" not in events:
        events["meeting_end"] = parser.parse({"end_of_day": meeting.ends}, "meeting.ends")

    embargo_start = None
    embargo_explanation = None
    if "embargo" in doc:
        em = r.table(doc["embargo"], "embargo", _EMBARGO)
        if "starts" in em:
            embargo_start = r.lift(parser, em["starts"], "embargo.starts")
        if "explanation" in em:
            embargo_explanation = r.string(em["explanation"], "embargo.explanation")

    rules = _read_rules(r, parser, doc["rules"])
    requirements = _read_requirements(r, parser, doc.get("requirements", []),
                                      frozenset(x.id for x in rules))
    overrides = _read_overrides(r, parser, doc.get("overrides", []))
    policy = Policy(
        meeting=meeting, rules=rules, events=events, embargo_start=embargo_start,
        embargo_explanation=embargo_explanation, requirements=requirements,
        overrides=overrides, declared_events=declared, path=path, text=text,
    )
    raw_examples = doc.get("examples", [])
    _check_example_shapes(r, raw_examples)
    examples = Examples(partial(_read_examples, r, parser, policy, raw_examples))
    return Policy(
        meeting=meeting, rules=rules, events=events, embargo_start=embargo_start,
        embargo_explanation=embargo_explanation, requirements=requirements, examples=examples,
        overrides=overrides, declared_events=declared, path=path, text=text,
        parse_warnings=tuple(r.warnings),
    )


def _read_overrides(r: _Reader, parser: LiftParser, raw: Any) -> tuple[Override, ...]:
    if not isinstance(raw, list):
        raise r.error("overrides", "write [[overrides]] tables")
    out: list[Override] = []
    for i, value in enumerate(raw):
        key = f"overrides[{i}]"
        t = r.table(value, key, _OVERRIDE, {"lift"})
        if ("abstract" in t) == ("abstracts" in t):
            raise r.error(key, "name the abstract: abstract = \"LBA4\" (its number as printed) "
                          "or abstracts = [\"LBA4\", \"LBA5\"]")
        numbers = r.strings(t["abstract"] if "abstract" in t else t["abstracts"],
                            f"{key}.abstract" if "abstract" in t else f"{key}.abstracts")
        if not numbers:
            raise r.error(f"{key}.abstracts", "name at least one abstract number")
        lift = r.lift(parser, t["lift"], f"{key}.lift")
        out.append(Override(
            numbers=frozenset(numbers),
            tiers=r.tiers(t["tiers"], f"{key}.tiers") if "tiers" in t else frozenset(),
            lift=lift,
            text=str(t["lift"]),
            note=r.string(t["note"], f"{key}.note") if "note" in t else None,
            line=r.lines.line_of(key),
        ))
    return tuple(out)


def _read_rules(r: _Reader, parser: LiftParser, raw: Any) -> tuple[Rule, ...]:
    if not isinstance(raw, list) or not raw:
        raise r.error("rules", "write at least one [[rules]] table")
    rules: list[Rule] = []
    seen: set[str] = set()
    for i, value in enumerate(raw):
        key = f"rules[{i}]"
        t = r.table(value, key, _RULE, {"id", "explanation"})
        rid = r.string(t["id"], f"{key}.id")
        if not RULE_ID.match(rid):
            raise r.error(f"{key}.id", f"{rid!r}: rule ids use lower-case letters, digits, - and _")
        if rid in seen:
            raise r.error(f"{key}.id", f"rule id {rid!r} is used twice; ids must be unique")
        seen.add(rid)
        actions = [a for a in ACTIONS if a in t]
        if len(actions) != 1:
            raise r.error(key, "a rule needs exactly one of: lift = <when>, allow = true, "
                          f"never = true, review = \"<what to check>\" (found {actions or 'none'})")
        action = actions[0]
        lift = None
        if action == "lift":
            lift = r.lift(parser, t["lift"], f"{key}.lift")
        elif action in ("allow", "never") and t[action] is not True:
            raise r.error(f"{key}.{action}", f"write {action} = true")
        elif action == "review" and not isinstance(t["review"], str):
            raise r.error(f"{key}.review", "write review = \"<what a person must check>\"")
        explanation = r.string(t["explanation"], f"{key}.explanation")
        if action == "review":
            explanation = (f"{explanation} "
                           f"Check: {t['review']}")
        overridable = t.get("overridable", True)
        if not isinstance(overridable, bool):
            raise r.error(f"{key}.overridable", "write overridable = true or false")
        tiers = r.tiers(t["tiers"], f"{key}.tiers") if "tiers" in t else frozenset()
        materials = r.materials(t["materials"], f"{key}.materials") if "materials" in t \
            else frozenset()
        if materials and tiers and Tier.MATERIAL not in tiers:
            raise r.error(f"{key}.materials", "materials selects kinds of presentation material: "
                          "give the rule tiers = [\"material\"] or leave tiers out")
        if materials and len(tiers) > 1:
            raise r.error(f"{key}.tiers", "a rule with materials governs presentation material "
                          "only: write tiers = [\"material\"] (or leave tiers out) and give the "
                          "other tiers a rule of their own")
        has_event = r.event_names(t, "has_event", key)
        lacks_event = r.event_names(t, "lacks_event", key)
        if has_event & lacks_event:
            both = ", ".join(sorted(has_event & lacks_event))
            raise r.error(f"{key}.lacks_event", "an event cannot be both required (has_event) "
                          f"and excluded (lacks_event): {both}")
        rules.append(Rule(
            id=rid,
            explanation=explanation,
            action=action,
            lift=lift,
            tiers=frozenset({Tier.MATERIAL}) if materials else tiers,
            kinds=r.kinds(t["kinds"], f"{key}.kinds") if "kinds" in t else frozenset(),
            tags=r.labels(t, "tags", key),
            not_tags=r.labels(t, "not_tags", key),
            all_tags=r.labels(t, "all_tags", key),
            exception=r.string(t["exception"], f"{key}.exception") if "exception" in t else None,
            has_event=has_event,
            lacks_event=lacks_event,
            materials=materials,
            starts=r.lift(parser, t["starts"], f"{key}.starts") if "starts" in t else None,
            overridable=overridable,
            source=r.string(t["source"], f"{key}.source") if "source" in t else None,
            consequences=r.string(t["consequences"], f"{key}.consequences")
            if "consequences" in t else None,
            note=r.string(t["note"], f"{key}.note") if "note" in t else None,
            counts_as=next(iter(r.tiers([t["counts_as"]], f"{key}.counts_as")))
            if "counts_as" in t else None,
            line=r.lines.line_of(key),
        ))
    return tuple(rules)


def _read_requirements(r: _Reader, parser: LiftParser, raw: Any,
                       rule_ids: frozenset[str] = frozenset()) -> tuple[Requirement, ...]:
    if not isinstance(raw, list):
        raise r.error("requirements", "write [[requirements]] tables")
    out: list[Requirement] = []
    seen: set[str] = set(rule_ids)
    for i, value in enumerate(raw):
        key = f"requirements[{i}]"
        t = r.table(value, key, _REQUIREMENT, {"id", "explanation", "check"})
        check = r.string(t["check"], f"{key}.check")
        if check not in REQUIREMENT_CHECKS:
            raise r.error(f"{key}.check", f"unknown check {check!r}; use one of "
                          f"{', '.join(REQUIREMENT_CHECKS)}")
        within = t.get("within", "anywhere")
        if within not in ("anywhere", "first-paragraph"):
            raise r.error(f"{key}.within", "use 'anywhere' or 'first-paragraph'")
        level = t.get("level", "review")
        if level not in ("review", "note"):
            raise r.error(f"{key}.level", "use 'review' or 'note'")
        pattern = None
        if check == "pattern":
            if "pattern" not in t:
                raise r.error(key, "check = \"pattern\" needs pattern = \"<regular expression "
                              "the text must contain>\"")
            pattern = r.string(t["pattern"], f"{key}.pattern")
            try:
                re.compile(pattern)
            except re.error as e:
                raise r.error(f"{key}.pattern", f"not a regular expression: {e}") from None
        elif "pattern" in t:
            raise r.error(f"{key}.pattern", "pattern goes with check = \"pattern\"")
        rid = r.string(t["id"], f"{key}.id")
        if not RULE_ID.match(rid):
            raise r.error(f"{key}.id", f"{rid!r}: ids use lower-case letters, digits, - and _")
        if rid in seen:
            raise r.error(f"{key}.id", f"requirement id {rid!r} is used twice (rule and "
                          "requirement ids share one namespace)")
        seen.add(rid)
        out.append(Requirement(
            id=rid,
            explanation=r.string(t["explanation"], f"{key}.explanation"),
            check=check,
            kinds=r.kinds(t["kinds"], f"{key}.kinds") if "kinds" in t else frozenset(),
            tags=r.labels(t, "tags", key),
            not_tags=r.labels(t, "not_tags", key),
            within=within,
            level=level,
            before=r.lift(parser, t["before"], f"{key}.before") if "before" in t else None,
            source=r.string(t["source"], f"{key}.source") if "source" in t else None,
            pattern=pattern,
            line=r.lines.line_of(key),
        ))
    return tuple(out)


def _with_material(tiers: tuple[Tier, ...], materials: tuple[Material, ...]
                   ) -> tuple[Tier, ...]:
    """Naming kinds of material implies the material tier."""
    if materials and Tier.MATERIAL not in tiers:
        return tuple(sorted((*tiers, Tier.MATERIAL), key=lambda x: x.value))
    return tiers


def _instant(r: _Reader, value: Any, key: str, zone: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.isoformat()
        else:
            return value
    if not isinstance(value, str):
        raise r.error(key, f"must be a time, got {value!r}")
    try:
        return parse_when(value, zone, local_zone=zone).instant
    except InputError as e:
        raise r.error(key, e.message) from None


def _example_kind(r: _Reader, t: dict[str, Any], key: str) -> Kind:
    try:
        return Kind(t["kind"])
    except ValueError:
        raise r.error(f"{key}.kind", f"unknown kind {t['kind']!r}; use one of "
                      f"{', '.join(k.value for k in Kind)} {KIND_HINT}") from None


def _example_expect(r: _Reader, t: dict[str, Any], key: str) -> Verdict:
    try:
        return Verdict(t["expect"])
    except ValueError:
        raise r.error(f"{key}.expect", "expect must be pass, violation or review") from None


def _check_example_shapes(r: _Reader, raw: Any) -> None:
    """What loading a policy checks of its examples without reading them (see Examples):
    tables, their keys, kinds and expected verdicts."""
    if not isinstance(raw, list):
        raise r.error("examples", "write [[examples]] tables")
    for i, value in enumerate(raw):
        key = f"examples[{i}]"
        t = r.table(value, key, _EXAMPLE, {"name", "kind", "at", "expect"})
        _example_kind(r, t, key)
        _example_expect(r, t, key)
        if "abstract" in t and "abstracts" in t:
            raise r.error(key, "use either abstract or abstracts")
        if "abstract" in t:
            r.table(t["abstract"], f"{key}.abstract", _EX_ABSTRACT)
        for j, a in enumerate(t.get("abstracts", [])):
            r.table(a, f"{key}.abstracts[{j}]", _EX_ABSTRACT)


def _read_examples(r: _Reader, parser: LiftParser, policy: Policy, raw: Any
                   ) -> tuple[Example, ...]:
    if not isinstance(raw, list):
        raise r.error("examples", "write [[examples]] tables")
    zone = policy.meeting.tz
    out: list[Example] = []
    for i, value in enumerate(raw):
        key = f"examples[{i}]"
        t = r.table(value, key, _EXAMPLE, {"name", "kind", "at", "expect"})
        kind = _example_kind(r, t, key)
        expect = _example_expect(r, t, key)
        default_materials = tuple(sorted(r.materials(t["materials"], f"{key}.materials"))) \
            if "materials" in t else ()
        default_tiers = _with_material(
            tuple(sorted(r.tiers(t.get("tiers", []), f"{key}.tiers"), key=lambda x: x.value)),
            default_materials)
        raw_abstracts: list[tuple[str, Any]] = []
        if "abstract" in t and "abstracts" in t:
            raise r.error(key, "use either abstract or abstracts")
        if "abstract" in t:
            raw_abstracts.append((f"{key}.abstract", t["abstract"]))
        for j, a in enumerate(t.get("abstracts", [])):
            raw_abstracts.append((f"{key}.abstracts[{j}]", a))
        if not raw_abstracts:
            raw_abstracts.append((f"{key}.abstract", {"number": "EX1"}))
        abstracts: list[ExampleAbstract] = []
        for j, (akey, a) in enumerate(raw_abstracts):
            a = r.table(a, akey, _EX_ABSTRACT)
            materials = tuple(sorted(r.materials(a["materials"], f"{akey}.materials"))) \
                if "materials" in a else default_materials
            tiers = _with_material(tuple(sorted(r.tiers(a["tiers"], f"{akey}.tiers"),
                                                key=lambda x: x.value)), materials) \
                if "tiers" in a else _with_material(default_tiers, materials)
            if not tiers:
                raise r.error(f"{key}.tiers", "say which tiers the item carries")
            abstracts.append(ExampleAbstract(
                _example_abstract(r, policy, a, akey, j, zone), tiers, materials))
        ec: datetime | str | None = "unchecked"
        if "earliest_compliant" in t:
            v = t["earliest_compliant"]
            ec = None if v in ("none", "null", "unknown") else _instant(
                r, v, f"{key}.earliest_compliant", zone)
        rule = t.get("rule")
        if rule is not None:
            rule = r.string(rule, f"{key}.rule")
        out.append(Example(
            name=r.string(t["name"], f"{key}.name"),
            kind=kind,
            at=_instant(r, t["at"], f"{key}.at", zone),
            abstracts=tuple(abstracts),
            expect=expect,
            earliest_compliant=ec,
            rule=rule,
            text=t.get("text"),
            line=r.lines.line_of(key),
        ))
    return tuple(out)


def _example_abstract(r: _Reader, policy: Policy, a: dict[str, Any], key: str, index: int,
                      zone: ZoneInfo) -> Abstract:
    number = str(a.get("number", f"EX{index + 1}"))
    category = a.get("category")
    if category is not None and category not in CATEGORIES:
        raise r.error(f"{key}.category", f"unknown category {category!r}; use one of "
                      f"{', '.join(CATEGORIES)}")
    session = None
    if "session" in a:
        s = r.table(a["session"], f"{key}.session", {"title", "start", "end"})
        session = Session(
            title=s.get("title"),
            start=_instant(r, s["start"], f"{key}.session.start", zone) if "start" in s else None,
            end=_instant(r, s["end"], f"{key}.session.end", zone) if "end" in s else None,
        )
    events = {}
    for name, v in r.table(a.get("events", {}), f"{key}.events", set(a.get("events", {}))
                           ).items():
        events[name] = _instant(r, v, f"{key}.events.{name}", zone)
    lifts = {}
    for tier_name, v in r.table(a.get("lifts", {}), f"{key}.lifts", {t.value for t in Tier}
                                ).items():
        lifts[tier_name] = str(v)
    return Abstract(
        meeting=policy.id,
        number=number,
        title=str(a.get("title", f"Example abstract {number}")),
        category=category,
        tags=r.strings(a.get("tags", []), f"{key}.tags"),
        session=session,
        online_at=_instant(r, a["online_at"], f"{key}.online_at", zone)
        if "online_at" in a else None,
        events=events,
        lifts=lifts,
        exceptions=r.strings(a.get("exceptions", []), f"{key}.exceptions"),
    )

