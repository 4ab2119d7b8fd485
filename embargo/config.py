"""The configuration file (TOML).  Every key is documented in ``config.example.toml``.

Unknown keys are refused with the list of allowed ones; relative paths are read from the
config file's folder; credentials are never read from this file, only the names of the
environment variables that hold them.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from datetime import time, timedelta
from pathlib import Path
from typing import Any

from embargo.errors import InputError
from embargo.model import Kind, Verdict
from embargo.patterns import lazy
from embargo.policy.toml_lines import KeyLines
from embargo.timeparse import get_zone, parse_clock, parse_duration

DEFAULT_CONFIG_NAMES = ("embargo.toml",)
#: Kinds of notices (besides findings) a channel can send: a lift coming up, a lift, and a held
#: draft that may now be published.
NOTICE_KINDS = frozenset({"lift-upcoming", "lift", "publishable"})
ENV_CONFIG = "EMBARGO_CONFIG"
_ENV_NAME = lazy(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class FeedConfig:
    url: str
    kind: Kind = Kind.EDITORIAL
    every: timedelta = timedelta(minutes=10)
    name: str | None = None
    meeting: str | None = None  # restrict linking to one meeting

    @property
    def label(self) -> str:
        return self.name or self.url


@dataclass(frozen=True)
class DraftsConfig:
    path: Path
    kind: Kind | None = None
    every: timedelta = timedelta(minutes=5)
    pattern: str = "*"
    meeting: str | None = None


@dataclass(frozen=True)
class EmailConfig:
    host: str
    port: int = 587
    starttls: bool = False
    ssl: bool = False
    username_env: str | None = None
    password_env: str | None = None
    sender: str = "embargo@localhost"
    to: tuple[str, ...] = ()
    immediate: frozenset[Verdict] = frozenset({Verdict.VIOLATION})
    digest: time | None = time(8, 0)
    timeout: float = 20.0
    subject_prefix: str = "[embargo]"
    notices: frozenset[str] = NOTICE_KINDS  # notice kinds sent at once (the rest: digest)
    ca_file: Path | None = None  # extra CA certificates (a private relay's), PEM


@dataclass(frozen=True)
class WebhookConfig:
    url: str
    style: str = "generic"  # generic | slack | teams
    immediate: frozenset[Verdict] = frozenset({Verdict.VIOLATION})
    digest: time | None = None
    timeout: float = 10.0
    headers_env: tuple[str, ...] = ()  # names of env vars holding "Header: value"
    notices: frozenset[str] = NOTICE_KINDS


@dataclass(frozen=True)
class MaildirConfig:
    path: Path
    immediate: frozenset[Verdict] = frozenset({Verdict.VIOLATION, Verdict.REVIEW})
    digest: time | None = time(8, 0)
    notices: frozenset[str] = NOTICE_KINDS


@dataclass(frozen=True)
class DaemonConfig:
    lift_leads: tuple[timedelta, ...] = (timedelta(hours=24), timedelta(hours=1))
    jitter: timedelta = timedelta(seconds=10)
    misfire_grace: timedelta = timedelta(minutes=5)
    workers: int = 16  # feeds polled at the same time (threads: mostly waiting on sockets)
    timeout: float = 20.0  # connect/read timeout per feed, seconds
    max_bytes: int = 10 * 1024 * 1024  # feed size cap
    max_redirects: int = 5
    user_agent: str = "embargo-feed-checker/0.1 (+https://github.com/embargo-tool/embargo)"
    outbox_every: timedelta = timedelta(seconds=30)
    log_format: str = "text"  # text | json
    lift_catchup: timedelta = timedelta(days=7)  # lifts missed while stopped, announced late
    stop_grace: timedelta = timedelta(seconds=5)  # on SIGTERM: wait this long for jobs in hand
    entries_per_poll: int = 5000  # entries judged per poll of a feed; the rest on the next polls
    lease: timedelta = timedelta(minutes=5)  # shared state: a claimed feed's lease


@dataclass(frozen=True)
class PostgresConfig:
    """``[postgresql]``: how to reach a PostgreSQL ``state`` (the URL is ``state`` itself)."""

    password_env: str | None = None  # name of the env var holding the password
    pool: int = 4  # connections per daemon
    connect_timeout: float = 10.0  # seconds


@dataclass(frozen=True)
class ServeConfig:
    """``embargo serve``: where it listens and what it accepts."""

    host: str = "127.0.0.1"
    port: int = 8080
    token_env: str | None = None  # env var holding the bearer token (required off loopback)
    max_bytes: int = 2 * 1024 * 1024  # request body limit
    keep_drafts: Path | None = None  # a folder to keep every checked draft in; default none
    reload: bool = True  # reload policies/catalogue/config when their files change


@dataclass(frozen=True)
class Thresholds:
    link_accept: float = 0.75
    link_candidate: float = 0.35
    kind: float = 0.6


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    timezone: str = "UTC"
    catalog: Path = Path("embargo-catalog.db")
    no_catalog: bool = False  # `catalog = false`: check without a catalogue (no abstract → review)
    #: A SQLite file, or a ``postgresql://user@host/db`` URL (a ``str``) for a shared state.
    state: Path | str = Path("embargo-state.db")
    policies: tuple[Path, ...] = ()
    templates: Path | None = None
    thresholds: Thresholds = field(default_factory=Thresholds)
    feeds: tuple[FeedConfig, ...] = ()
    drafts: tuple[DraftsConfig, ...] = ()
    email: EmailConfig | None = None
    webhook: WebhookConfig | None = None
    maildir: MaildirConfig | None = None
    daemon: DaemonConfig = field(default_factory=DaemonConfig)
    serve: ServeConfig = field(default_factory=ServeConfig)
    postgresql: PostgresConfig = field(default_factory=PostgresConfig)

    def env(self, name: str | None) -> str | None:
        return os.environ.get(name) if name else None


_TOP = {"timezone", "catalog", "state", "policies", "templates", "thresholds", "feeds",
        "drafts", "email", "webhook", "maildir", "daemon", "serve",
        "postgresql"}


class _R:
    def __init__(self, path: Path | None, text: str) -> None:
        self.path = path
        self.lines = KeyLines(text)

    def err(self, key: str, msg: str) -> InputError:
        return InputError(msg, path=str(self.path) if self.path else None,
                          line=self.lines.line_of(key), key=key)

    def table(self, value: Any, key: str, allowed: set[str], required: set[str] | None = None
              ) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.err(key, "must be a table")
        for k in value:
            if k not in allowed:
                raise self.err(f"{key}.{k}" if key else k,
                               f"unknown key {k!r}; allowed: {', '.join(sorted(allowed))}")
        for k in required or set():
            if k not in value:
                raise self.err(key, f"missing required key {k!r}")
        return value

    def typed(self, value: Any, key: str, kind: type | tuple[type, ...]) -> Any:
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(
                k.__name__ for k in kind)
            raise self.err(key, f"must be {names}, got {value!r}")
        return value

    def duration(self, value: Any, key: str, *, allow_zero: bool = False) -> timedelta:
        try:
            d = parse_duration(str(value), allow_negative=False)
        except InputError as e:
            raise self.err(key, e.message) from None
        if d < timedelta(0) or (d == timedelta(0) and not allow_zero):
            raise self.err(key, "must be longer than zero")
        return d

    def kind(self, value: Any, key: str) -> Kind:
        try:
            return Kind(str(value))
        except ValueError:
            raise self.err(key, f"unknown kind {value!r}; use one of "
                           f"{', '.join(k.value for k in Kind)}") from None

    def verdicts(self, value: Any, key: str) -> frozenset[Verdict]:
        if not isinstance(value, list):
            raise self.err(key, "must be a list such as [\"violation\"]")
        out = set()
        for v in value:
            try:
                out.add(Verdict(v))
            except ValueError:
                raise self.err(key, f"unknown verdict {v!r}; use pass, review, violation"
                               ) from None
        return frozenset(out)

    def notices(self, value: Any, key: str) -> frozenset[str]:
        if not isinstance(value, list):
            raise self.err(key, "must be a list such as [\"lift\", \"publishable\"]")
        for v in value:
            if v not in NOTICE_KINDS:
                raise self.err(key, f"unknown notice {v!r}; use "
                               f"{', '.join(sorted(NOTICE_KINDS))}")
        return frozenset(value)

    def clock(self, value: Any, key: str) -> time | None:
        if value in (False, "off", "none", ""):
            return None
        try:
            t, label = parse_clock(str(value))
        except InputError as e:
            raise self.err(key, e.message) from None
        if label:
            raise self.err(key, "write the digest time without a zone; it is read in "
                           "`timezone`")
        return t

    def env_name(self, value: Any, key: str) -> str | None:
        """The name of an environment variable, never a secret itself: anything else is
        refused, and the message does not repeat what was written (it may be a password)."""
        if value is None:
            return None
        if not isinstance(value, str) or not _ENV_NAME.fullmatch(value):
            raise self.err(key, "must be the NAME of an environment variable (letters, digits "
                           "and _, not starting with a digit, e.g. EMBARGO_SMTP_PASSWORD) that "
                           "holds the value; the value written here is not shown: if it is a "
                           "password, take it out of this file")
        return value

    def env_names(self, value: Any, key: str) -> tuple[str, ...]:
        """A list of environment variable names (see :meth:`env_name`); never echoed."""
        if not isinstance(value, list):
            raise self.err(key, "must be a list of environment variable NAMES, e.g. "
                           "[\"EMBARGO_WEBHOOK_AUTH\"]; the value written here is not shown")
        return tuple(str(self.env_name(v, key)) for v in value)

    def rel(self, value: Any, key: str) -> Path:
        p = Path(self.typed(value, key, str)).expanduser()
        if not p.is_absolute() and self.path is not None:
            p = self.path.parent / p
        return p


def find_config(explicit: str | None) -> Path | None:
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env)
    for name in DEFAULT_CONFIG_NAMES:
        if Path(name).is_file():
            return Path(name)
    return None


def load_config(path: str | Path | None) -> Config:
    """Read a config file; ``None`` gives the defaults."""
    if path is None:
        return Config()
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("config file not found", path=str(p)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read config file: {e}", path=str(p)) from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        import re

        m = re.search(r"at line (\d+)", str(e))
        raise InputError(f"TOML syntax: {str(e).split(' (at')[0]}", path=str(p),
                         line=int(m.group(1)) if m else None) from None
    return parse_config(doc, p, text)


def parse_config(doc: dict[str, Any], path: Path | None = None, text: str = "") -> Config:
    r = _R(path, text)
    r.table(doc, "", _TOP)
    tz = r.typed(doc.get("timezone", "UTC"), "timezone", str)
    try:
        get_zone(tz)
    except InputError as e:
        raise r.err("timezone", e.message) from None
    policies_raw = doc.get("policies", [])
    if isinstance(policies_raw, str):
        policies_raw = [policies_raw]
    policies = tuple(r.rel(v, "policies") for v in r.typed(policies_raw, "policies", list))

    th = r.table(doc.get("thresholds", {}), "thresholds", {"link_accept", "link_candidate",
                                                           "kind"})
    thresholds = Thresholds(**{k: float(r.typed(v, f"thresholds.{k}", (int, float)))
                               for k, v in th.items()})
    if not 0 < thresholds.link_candidate <= thresholds.link_accept <= 1:
        raise r.err("thresholds", "need 0 < link_candidate <= link_accept <= 1")

    feeds = []
    for i, f in enumerate(r.typed(doc.get("feeds", []), "feeds", list)):
        key = f"feeds[{i}]"
        f = r.table(f, key, {"url", "kind", "every", "name", "meeting"}, {"url"})
        url = r.typed(f["url"], f"{key}.url", str)
        if not url.startswith(("http://", "https://")):
            url = str(r.rel(url, f"{key}.url"))
        feeds.append(FeedConfig(
            url=url,
            kind=r.kind(f.get("kind", "editorial"), f"{key}.kind"),
            every=r.duration(f.get("every", "10m"), f"{key}.every"),
            name=f.get("name"),
            meeting=f.get("meeting"),
        ))
    drafts = []
    for i, d in enumerate(r.typed(doc.get("drafts", []), "drafts", list)):
        key = f"drafts[{i}]"
        d = r.table(d, key, {"path", "kind", "every", "pattern", "meeting"}, {"path"})
        drafts.append(DraftsConfig(
            path=r.rel(d["path"], f"{key}.path"),
            kind=r.kind(d["kind"], f"{key}.kind") if "kind" in d else None,
            every=r.duration(d.get("every", "5m"), f"{key}.every"),
            pattern=r.typed(d.get("pattern", "*"), f"{key}.pattern", str),
            meeting=d.get("meeting"),
        ))
    email = None
    if "email" in doc:
        et = r.table(doc["email"], "email", {"host", "port", "starttls", "ssl", "username_env",
                                            "password_env", "from", "to", "immediate",
                                            "digest", "timeout", "subject_prefix",
                                            "notices", "ca_file"}, {"host"})
        to = et.get("to", [])
        if isinstance(to, str):
            to = [to]
        if et.get("starttls") and et.get("ssl"):
            raise r.err("email.ssl", "choose starttls or ssl, not both")
        email = EmailConfig(
            host=r.typed(et["host"], "email.host", str),
            port=r.typed(et.get("port", 465 if et.get("ssl") else 587), "email.port", int),
            starttls=r.typed(et.get("starttls", False), "email.starttls", bool),
            ssl=r.typed(et.get("ssl", False), "email.ssl", bool),
            username_env=r.env_name(et.get("username_env"), "email.username_env"),
            password_env=r.env_name(et.get("password_env"), "email.password_env"),
            sender=r.typed(et.get("from", "embargo@localhost"), "email.from", str),
            to=tuple(r.typed(to, "email.to", list)),
            immediate=r.verdicts(et.get("immediate", ["violation"]), "email.immediate"),
            digest=r.clock(et.get("digest", "08:00"), "email.digest"),
            timeout=float(r.typed(et.get("timeout", 20), "email.timeout", (int, float))),
            subject_prefix=r.typed(et.get("subject_prefix", "[embargo]"),
                                   "email.subject_prefix", str),
            notices=r.notices(et.get("notices", sorted(NOTICE_KINDS)), "email.notices"),
            ca_file=r.rel(et["ca_file"], "email.ca_file") if "ca_file" in et else None,
        )
        if not email.to:
            raise r.err("email.to", "list at least one recipient")
    webhook = None
    if "webhook" in doc:
        w = r.table(doc["webhook"], "webhook", {"url", "style", "immediate", "digest",
                                                "timeout", "headers_env", "notices"}, {"url"})
        style = w.get("style", "generic")
        if style not in ("generic", "slack", "teams"):
            raise r.err("webhook.style", "use generic, slack or teams")
        webhook = WebhookConfig(
            url=r.typed(w["url"], "webhook.url", str), style=style,
            immediate=r.verdicts(w.get("immediate", ["violation"]), "webhook.immediate"),
            digest=r.clock(w.get("digest", "off"), "webhook.digest"),
            timeout=float(r.typed(w.get("timeout", 10), "webhook.timeout", (int, float))),
            headers_env=r.env_names(w.get("headers_env", []), "webhook.headers_env"),
            notices=r.notices(w.get("notices", sorted(NOTICE_KINDS)), "webhook.notices"),
        )
    maildir = None
    if "maildir" in doc:
        m = r.table(doc["maildir"], "maildir", {"path", "immediate", "digest", "notices"},
                    {"path"})
        maildir = MaildirConfig(
            path=r.rel(m["path"], "maildir.path"),
            immediate=r.verdicts(m.get("immediate", ["violation", "review"]),
                                 "maildir.immediate"),
            digest=r.clock(m.get("digest", "08:00"), "maildir.digest"),
            notices=r.notices(m.get("notices", sorted(NOTICE_KINDS)), "maildir.notices"),
        )
    dm = r.table(doc.get("daemon", {}), "daemon", {
        "lift_leads", "jitter", "misfire_grace", "workers", "timeout", "max_bytes",
        "max_redirects", "user_agent", "outbox_every", "log_format", "lift_catchup",
        "stop_grace", "entries_per_poll", "lease"})
    defaults = DaemonConfig()
    daemon = DaemonConfig(
        lift_leads=tuple(r.duration(v, "daemon.lift_leads") for v in
                         r.typed(dm.get("lift_leads", ["24h", "1h"]), "daemon.lift_leads",
                                 list)),
        jitter=r.duration(dm["jitter"], "daemon.jitter", allow_zero=True) if "jitter" in dm
        else defaults.jitter,
        misfire_grace=r.duration(dm["misfire_grace"], "daemon.misfire_grace")
        if "misfire_grace" in dm else defaults.misfire_grace,
        workers=r.typed(dm.get("workers", defaults.workers), "daemon.workers", int),
        timeout=float(r.typed(dm.get("timeout", defaults.timeout), "daemon.timeout",
                              (int, float))),
        max_bytes=r.typed(dm.get("max_bytes", defaults.max_bytes), "daemon.max_bytes", int),
        max_redirects=r.typed(dm.get("max_redirects", defaults.max_redirects),
                              "daemon.max_redirects", int),
        user_agent=r.typed(dm.get("user_agent", defaults.user_agent), "daemon.user_agent",
                           str),
        outbox_every=r.duration(dm["outbox_every"], "daemon.outbox_every")
        if "outbox_every" in dm else defaults.outbox_every,
        log_format=r.typed(dm.get("log_format", "text"), "daemon.log_format", str),
        lift_catchup=r.duration(dm["lift_catchup"], "daemon.lift_catchup")
        if "lift_catchup" in dm else defaults.lift_catchup,
        stop_grace=r.duration(dm["stop_grace"], "daemon.stop_grace")
        if "stop_grace" in dm else defaults.stop_grace,
        entries_per_poll=r.typed(dm.get("entries_per_poll", defaults.entries_per_poll),
                                 "daemon.entries_per_poll", int),
        lease=r.duration(dm["lease"], "daemon.lease") if "lease" in dm else defaults.lease,
    )
    if daemon.entries_per_poll < 1:
        raise r.err("daemon.entries_per_poll", "must be 1 or more")
    if daemon.lease < timedelta(seconds=2):
        raise r.err("daemon.lease", "must be 2s or longer")
    pg = r.table(doc.get("postgresql", {}), "postgresql", {"password_env", "pool",
                                                           "connect_timeout"})
    postgresql = PostgresConfig(
        password_env=r.env_name(pg.get("password_env"), "postgresql.password_env"),
        pool=r.typed(pg.get("pool", 4), "postgresql.pool", int),
        connect_timeout=float(r.typed(pg.get("connect_timeout", 10),
                                      "postgresql.connect_timeout", (int, float))))
    if postgresql.pool < 1:
        raise r.err("postgresql.pool", "must be 1 or more")
    if postgresql.connect_timeout <= 0:
        raise r.err("postgresql.connect_timeout", "must be more than zero")
    if daemon.workers < 1:
        raise r.err("daemon.workers", "must be 1 or more")
    if daemon.timeout <= 0:
        raise r.err("daemon.timeout", "must be more than zero")
    if daemon.max_bytes < 1024:
        raise r.err("daemon.max_bytes", "must be at least 1024")
    if daemon.max_redirects < 0:
        raise r.err("daemon.max_redirects", "must be 0 or more")
    if daemon.log_format not in ("text", "json"):
        raise r.err("daemon.log_format", "use text or json")
    serve = _serve(r, doc.get("serve", {}))
    no_catalog = doc.get("catalog") is False
    if doc.get("catalog") is True:
        raise r.err("catalog", "write the catalogue's path, or false to check without one")
    return Config(
        path=path,
        timezone=tz,
        catalog=r.rel(doc["catalog"], "catalog") if "catalog" in doc and not no_catalog
        else Path("embargo-catalog.db"),
        no_catalog=no_catalog,
        state=state_location(doc["state"], r) if "state" in doc else Path("embargo-state.db"),
        policies=policies,
        templates=r.rel(doc["templates"], "templates") if "templates" in doc else None,
        thresholds=thresholds,
        feeds=tuple(feeds),
        drafts=tuple(drafts),
        email=email,
        webhook=webhook,
        maildir=maildir,
        daemon=daemon,
        serve=serve,
        postgresql=postgresql,
    )


def _serve(r: _R, value: Any) -> ServeConfig:
    sv = r.table(value, "serve", {"host", "port", "token_env", "max_bytes", "keep_drafts",
                                  "reload"})
    d = ServeConfig()
    port = r.typed(sv.get("port", d.port), "serve.port", int)
    if not 0 < port < 65536:
        raise r.err("serve.port", "must be between 1 and 65535")
    max_bytes = r.typed(sv.get("max_bytes", d.max_bytes), "serve.max_bytes", int)
    if max_bytes < 1024:
        raise r.err("serve.max_bytes", "must be at least 1024")
    token_env = r.env_name(sv.get("token_env"), "serve.token_env")
    return ServeConfig(
        host=r.typed(sv.get("host", d.host), "serve.host", str),
        port=port,
        token_env=token_env,
        max_bytes=max_bytes,
        keep_drafts=r.rel(sv["keep_drafts"], "serve.keep_drafts") if "keep_drafts" in sv
        else None,
        reload=r.typed(sv.get("reload", d.reload), "serve.reload", bool),
    )


def state_location(value: Any, r: _R | None = None, key: str = "state") -> Path | str:
    """``state``: a PostgreSQL URL (kept as text, checked) or a SQLite path."""
    from embargo.state.postgresql import check_url, is_postgres_url

    if isinstance(value, str) and is_postgres_url(value):
        problem = check_url(value.strip())
        if problem:
            raise r.err(key, problem) if r else InputError(problem, key=key)
        return value.strip()
    if r is None:
        return Path(str(value)).expanduser()
    return r.rel(value, key)
