"""The public Python API.  The CLI is built on it, so a CMS plugin needs no subprocess::

    import embargo
    with embargo.Embargo.open(config="embargo.toml") as emb:
        j = emb.check_text(text, kind="press-release", at="2024-11-14 09:30 ET")
        print(j.verdict, j.earliest_compliant)

or, for one call, ``embargo.check_text(text, kind=..., at=...)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from embargo.catalog.store import Catalog
from embargo.config import Config, load_config
from embargo.content.draft import Draft
from embargo.content.readers import read_draft
from embargo.content.sentences import split_block, split_blocks
from embargo.content.tiers import analyse_tiers
from embargo.engine import EngineOptions, judge
from embargo.errors import InputError
from embargo.linking import Linker, LinkOptions
from embargo.model import (
    TIER_ORDER,
    Abstract,
    Finding,
    Item,
    Judgement,
    Kind,
    KindGuess,
    Link,
    Material,
    Tier,
    TierEvidence,
    Verdict,
)
from embargo.policy.evaluate import Ruling, rulings
from embargo.policy.loader import PolicySet
from embargo.timeparse import coerce_instant, format_instant, now_utc, parse_when

if TYPE_CHECKING:
    from embargo.batch import Checked

WhenInput = str | datetime | None


def _kind(value: Kind | str | None) -> Kind | None:
    if value is None or isinstance(value, Kind):
        return value
    try:
        return Kind(value)
    except ValueError:
        raise InputError(f"unknown kind {value!r}; use one of "
                         f"{', '.join(k.value for k in Kind)}", key="kind") from None


@dataclass(frozen=True)
class WhenRow:
    """When one tier of an abstract is free for one kind of publisher."""

    abstract: Abstract
    kind: Kind
    tier: Tier
    ruling: Ruling
    material: Material | None = None  # a kind of presentation material, when the policy
    # treats kinds differently (the row without it is then the strictest of them)


@dataclass(frozen=True)
class SentenceMark:
    """One sentence of a judged item, with what it carries of which abstract.

    ``tier`` is the highest tier over every abstract (``None``: the sentence carries nothing,
    e.g. background or boilerplate); ``verdict`` the worst verdict of the findings governing
    those abstracts and tiers (``None`` when nothing governs it).
    """

    text: str
    paragraph: int
    tier: Tier | None = None
    verdict: Verdict | None = None
    marks: tuple[tuple[str, TierEvidence], ...] = ()  # (abstract id, evidence)

    @property
    def blocking(self) -> bool:
        return self.verdict is not None and self.verdict is not Verdict.PASS


def _squash(text: str) -> str:
    return " ".join(text.split())


def mark_sentences(j: Judgement) -> tuple[list[SentenceMark], list[tuple[str, TierEvidence]]]:
    """Every sentence of the judged text in order, marked by the tier evidence of its findings.

    The second list holds evidence that is not a sentence of the text (a linked slide deck).
    Sentences are split as the tier analysis splits them; evidence is matched by its text.
    """
    verdicts: dict[tuple[str | None, Tier | None], Verdict] = {}
    for f in j.findings:
        key = (f.abstract, f.tier)
        verdicts[key] = Verdict.worst([verdicts.get(key, Verdict.PASS), f.verdict])
    sentences = [(bi, s) for bi, block in enumerate(split_blocks(j.item.text))
                 for s in split_block(block)]
    marks: list[list[tuple[str, TierEvidence]]] = [[] for _ in sentences]
    loose: list[tuple[str, TierEvidence]] = []
    for aid, evidence in j.item.tiers.items():
        for ev in evidence:
            needle = _squash(ev.evidence)
            hits = [i for i, (_, s) in enumerate(sentences) if s == needle]
            if not hits:
                hits = [i for i, (_, s) in enumerate(sentences)
                        if needle and (needle in s or s in needle)]
            if not hits:
                loose.append((aid, ev))
            for i in hits:
                marks[i].append((aid, ev))
    order = {t: n for n, t in enumerate(TIER_ORDER)}
    out: list[SentenceMark] = []
    for (bi, s), m in zip(sentences, marks, strict=True):
        tier = max((ev.tier for _, ev in m), key=order.__getitem__, default=None)
        found = [verdicts[(aid, ev.tier)] for aid, ev in m if (aid, ev.tier) in verdicts]
        out.append(SentenceMark(s, bi, tier, Verdict.worst(found) if found else None,
                                tuple(m)))
    return out, loose


class Embargo:
    """A checking session: loaded policies, an open catalogue, the configuration."""

    def __init__(self, config: Config | None = None, *, policies: PolicySet | None = None,
                 catalog: Catalog | None = None, extra_policies: Iterable[str | Path] = ()
                 ) -> None:
        self.config = config or Config()
        self.policies = policies if policies is not None else PolicySet.load(
            [*self.config.policies, *extra_policies])
        #: Checking without a catalogue (``catalog = false``, ``--no-catalog``): an item linked
        #: to no abstract cannot be known to be free, so it is ``review``.
        self.without_catalog = catalog is None and self.config.no_catalog
        if catalog is not None:
            self.catalog = catalog
        elif self.without_catalog:
            self.catalog = Catalog(":memory:", any_thread=True)
        else:
            self.catalog = Catalog(self.config.catalog, readonly=True)
        th = self.config.thresholds
        self.linker = Linker(self.catalog, self.policies,
                             LinkOptions(accept=th.link_accept, candidate=th.link_candidate))
        self.engine_options = EngineOptions(kind_threshold=th.kind,
                                            display_zone=None)

    @classmethod
    def open(cls, config: str | Path | Config | None = None, *,
             policies: Iterable[str | Path] = (), catalog: str | Path | None = None
             ) -> Embargo:
        cfg = config if isinstance(config, Config) else load_config(config)
        cat = Catalog(catalog, readonly=True) if catalog is not None else None
        return cls(cfg, catalog=cat, extra_policies=policies)

    def close(self) -> None:
        self.catalog.close()

    def __enter__(self) -> Embargo:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- checking

    def instant(self, value: WhenInput | Any) -> datetime:
        """Coerce a WHEN (string, pytz/zoneinfo/naive datetime) with the configured zone."""
        return coerce_instant(value, self.config.timezone)

    def check_text(self, text: str, *, kind: Kind | str | None = None, at: WhenInput = None,
                   source: str = "-", meeting: str | None = None,
                   abstracts: Sequence[str] = (), fmt: str | None = None,
                   default_kind: Kind | str | None = None) -> Judgement:
        """Check a draft given as text (front matter allowed).  Empty text is an input error."""
        _not_empty(text.encode("utf-8"), source)
        draft = read_draft(text.encode("utf-8"), source, self.config.timezone, fmt)
        return self.check_draft(draft, kind=kind, at=at, meeting=meeting, abstracts=abstracts,
                                default_kind=default_kind)

    def check_path(self, path: str | Path, **options: Any) -> Judgement:
        p = Path(path)
        try:
            raw = p.read_bytes()
        except IsADirectoryError:
            raise InputError("is a folder; give files or use a folder walk", path=str(p)
                             ) from None
        except OSError as e:
            raise InputError(f"cannot read: {e.strerror}", path=str(p)) from None
        fmt = options.pop("fmt", None)
        _not_empty(raw, str(path))
        draft = read_draft(raw, str(path), self.config.timezone, fmt)
        return self.check_draft(draft, **options)

    def check_paths(self, paths: Sequence[str | Path], *, jobs: int = 1,
                    **options: Any) -> Iterator[Checked]:
        """Check many draft files, in the order given, ``jobs`` worker processes at a time
        (each with its own session like this one; ``1``: in this process).  Each answer is a
        :class:`~embargo.batch.Checked`: the judgement, or the input error naming the file.
        Answers come as they are ready: a caller that does not keep them holds only one."""
        from embargo.batch import check_paths

        return check_paths(self, [str(p) for p in paths], jobs=jobs, **options)

    def check_bytes(self, raw: bytes, source: str = "-", *, fmt: str | None = None,
                    **options: Any) -> Judgement:
        """Check a draft's bytes.  Empty input (or only white space) is an input error."""
        _not_empty(raw, source)
        return self.check_draft(read_draft(raw, source, self.config.timezone, fmt), **options)

    def check_draft(self, draft: Draft, *, kind: Kind | str | None = None,
                    at: WhenInput = None, meeting: str | None = None,
                    abstracts: Sequence[str] = (), default_kind: Kind | str | None = None,
                    now: datetime | None = None) -> Judgement:
        """Judge one draft.  Flags win over front matter; front matter wins over inference."""
        meta = draft.meta
        # When (and the date the item carries itself, not one it is judged at)
        own_date: datetime | None = None
        if isinstance(at, str):
            p = parse_when(at, self.config.timezone)
            published = p.instant
            note = f"--at had no zone: read in {p.zone}" if p.assumed_zone else "given with --at"
        elif at is not None:
            published = self.instant(at)
            note = "given by the caller"
        elif meta.publish_at is not None:
            published = own_date = meta.publish_at.instant
            key = meta.publish_at_key or "publish_at"
            note = f"front matter {key}" if key in ("publish_at", "date") else key
            if meta.publish_at.assumed_zone:
                note += f" had no zone: read in {meta.publish_at.zone}"
        else:
            published = now if now is not None else now_utc()
            note = "no publication time given: judged as if published now"
        # Who
        k = _kind(kind)
        if k is not None:
            guess = KindGuess(k, 1.0, (), "flag")
        elif meta.kind is not None:
            guess = KindGuess(meta.kind, 1.0, (), "front matter")
        elif (dk := _kind(default_kind)) is not None:
            guess = KindGuess(dk, 1.0, (), "configured default")
        else:
            from embargo.content.kind import infer_kind  # its markers load when needed

            guess = infer_kind(draft)
        # What about
        meeting_id = meeting or meta.meeting
        declared, unpoliced = self._declared(list(abstracts) + list(meta.abstracts))
        publication = guess.kind is Kind.SCHOLARLY and guess.confidence >= 0.4
        result = self.linker.link(draft.text, meeting=meeting_id, at=published,
                                  urls=draft.links, title=draft.title,
                                  publication=publication,
                                  own_date=own_date)
        links: list[Link] = list(declared)
        candidates: list[Link] = []
        if declared:
            seen = {x.abstract.id for x in declared}
            links += [x for x in result.links if x.confidence >= 0.9 and x.abstract.id not in seen]
        else:
            links = list(result.links)
            candidates = list(result.candidates)
        meetings = list(result.meetings)
        for m in [*unpoliced, meeting_id]:
            if m and m not in meetings:
                meetings.insert(0, m)
        about = [x.abstract for x in [*links, *candidates]]
        tiers = {a.id: analyse_tiers(draft.text, a, links=draft.links, others=about)
                 for a in about}
        item = Item(
            source=meta.source or draft.source, text=draft.text, kind=guess,
            published_at=published, published_at_note=note, title=draft.title,
            links=tuple(links), candidates=tuple(candidates), tiers=tiers,
            meetings=tuple(meetings),
        )
        j = judge(item, self.policies, self.engine_options)
        if self.without_catalog and not links:
            j = _unknown_without_catalog(j)
        return j

    def _declared(self, ids: list[str]) -> tuple[list[Link], list[str]]:
        """Links for declared abstract ids, and meetings named only through unknown ids.

        An id not in the catalogue is an input error (a typo) when its meeting has a policy;
        when no policy knows its meeting, the item is about an unknown meeting: ``review``.
        """
        out: list[Link] = []
        unpoliced: list[str] = []
        for aid in dict.fromkeys(ids):
            a = self.catalog.get(aid)
            if a is None and self.without_catalog and ":" in aid:
                # No catalogue to look it up in: the policy's meeting-wide times govern.
                meeting, number = aid.split(":", 1)
                if meeting in self.policies and number:
                    out.append(Link(Abstract(meeting=meeting, number=number, title=""), 1.0,
                                    ("named in front matter (no catalogue)",)))
                    continue
            if a is None:
                meeting = aid.split(":", 1)[0]
                if meeting not in self.policies:
                    unpoliced.append(meeting)
                    continue
                raise InputError(f"unknown abstract id {aid!r}: it is not in the catalogue "
                                 f"({self.catalog.path}); import it with `embargo abstracts "
                                 "import`", key="abstracts")
            out.append(Link(a, 1.0, ("named in front matter",)))
        return out, unpoliced

    # ----------------------------------------------------------------- when

    def abstract(self, abstract_id: str) -> Abstract:
        a = self.catalog.get(abstract_id)
        if a is None:
            if ":" not in abstract_id:
                raise InputError(f"{abstract_id!r} is not an abstract id: write MEETING:NUMBER, "
                                 "e.g. acr-2024:1709")
            raise InputError(f"unknown abstract {abstract_id!r}: not in the catalogue "
                             f"({self.catalog.path})")
        return a

    def when(self, abstract_id: str, kind: Kind | str | None = None) -> list[WhenRow]:
        """For each kind (or the one given) and tier: the ruling that governs it."""
        a = self.abstract(abstract_id)
        policy = self.policies.get(a.meeting)
        if policy is None:
            raise InputError(f"no policy for meeting {a.meeting!r} of {a.id} (loaded: "
                             f"{', '.join(self.policies.ids()) or 'none'})")
        k = _kind(kind)
        kinds = [k] if k else list(Kind)
        rows: list[WhenRow] = []
        for kk in kinds:
            rs = rulings(policy, a, kk)
            rows.extend(WhenRow(a, kk, t, rs[t]) for t in TIER_ORDER)
            if policy.distinguishes_materials:
                rows.extend(WhenRow(a, kk, Tier.MATERIAL,
                                    rulings(policy, a, kk, m)[Tier.MATERIAL], m)
                            for m in Material)
        return rows

    def display_zone(self, meeting_zone: str | None = None) -> str:
        """The zone for human output: the configured one, else the meeting's."""
        if self.config.timezone != "UTC" or meeting_zone is None:
            return self.config.timezone
        return meeting_zone

    def describe(self, dt: datetime, zone: str | tzinfo | None = None) -> str:
        return format_instant(dt, zone or self.config.timezone)


def _not_empty(raw: bytes, source: str) -> None:
    if not raw.strip(b" \t\r\n\x00\x0b\x0c\xef\xbb\xbf"):
        raise InputError("empty draft: there is nothing to check (an empty file or stdin, or "
                         "a broken pipe?)", path=source)


def _unknown_without_catalog(j: Judgement) -> Judgement:
    """Checked without a catalogue and linked to no abstract: what it is about is unknown, so
    it cannot pass."""
    from dataclasses import replace

    f = Finding(verdict=Verdict.REVIEW,
                message="checked without an abstract catalogue: which abstracts this item is "
                        "about cannot be known; name them (front matter `abstracts`) or check "
                        "with a catalogue")
    verdict = Verdict.worst([j.verdict, Verdict.REVIEW])
    return replace(j, verdict=verdict, findings=(*j.findings, f), earliest_compliant=None,
                   notes=(*j.notes, "checked without an abstract catalogue"))


def check_text(text: str, *, kind: Kind | str | None = None, at: WhenInput = None,
               config: str | Path | Config | None = None, catalog: str | Path | None = None,
               policies: Iterable[str | Path] = (), **options: Any) -> Judgement:
    """One-call check of a draft's text.  See :class:`Embargo` for the options."""
    with Embargo.open(config, policies=policies, catalog=catalog) as emb:
        return emb.check_text(text, kind=kind, at=at, **options)
