"""Start-up: a command imports what it needs, not every command's dependencies.

Each check runs a fresh interpreter and looks at ``sys.modules`` (what was imported), never
at a clock.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

HEAVY = ("jinja2", "yaml", "dateutil", "email.message", "feedparser", "psycopg",
         "embargo.api", "embargo.daemon", "embargo.web", "embargo.reports.formats.html",
         "embargo.content.kind", "embargo.linking", "embargo.catalog.store")


def _modules(code: str) -> set[str]:
    script = textwrap.dedent(code) + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))\n"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[1])
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_import_embargo_loads_nothing_heavy() -> None:
    loaded = _modules("import embargo")
    assert not [m for m in HEAVY if m in loaded]


def test_the_public_names_are_still_there() -> None:
    import embargo
    from embargo.api import Embargo, check_text
    from embargo.model import Verdict
    from embargo.policy import PolicySet

    assert embargo.Embargo is Embargo and embargo.check_text is check_text
    assert embargo.Verdict is Verdict and embargo.PolicySet is PolicySet
    for name in embargo.__all__:
        assert getattr(embargo, name) is not None
        assert name in dir(embargo)
    with pytest.raises(AttributeError):
        embargo.NoSuchThing  # noqa: B018


def test_check_loads_neither_other_commands_nor_unused_formats(tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text("+++\nkind = \"press-release\"\n+++\n\nA note about nothing.\n",
                     encoding="utf-8")
    loaded = _modules(f"""
        from embargo.cli.main import main
        rc = main(["check", {str(draft)!r}, "--no-catalog", "--format", "json",
                   "--at", "2024-11-14T15:00:00Z"])
        assert rc in (0, 1, 3), rc
    """)
    for m in ("jinja2", "yaml", "feedparser", "psycopg", "email.message", "embargo.daemon",
              "embargo.web", "embargo.sources", "embargo.state", "embargo.reports.formats.html",
              "embargo.reports.formats.sarif", "embargo.content.kind", "multiprocessing"):
        assert m not in loaded, m  # one draft is judged in this process: no pool
    assert "embargo.reports.formats.json" in loaded


def test_help_still_lists_every_command(cli) -> None:  # type: ignore[no-untyped-def]
    from embargo.cli.main import COMMAND_MODULES

    r = cli("--help")
    assert r.code == 0
    for name in COMMAND_MODULES:
        mod = __import__(name, fromlist=["NAME", "HELP"])
        assert re.search(rf"^\s+{mod.NAME}\s", r.out, re.M), mod.NAME
        assert mod.HELP.split()[0] in r.out
    r = cli("nosuch")
    assert r.code == 2 and "invalid choice" in r.err


def test_a_command_and_its_options_still_parse(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("check", "--help")
    assert r.code == 0 and "--format" in r.out and "sarif" in r.out
    r = cli("check", str(EXAMPLES / "drafts" / "nosuch.md"), "--format", "nosuch")
    assert r.code == 2 and "--format" in r.err


def test_the_format_registry() -> None:
    from embargo.reports import formats

    assert tuple(formats.WHERE) == formats.NAMES
    for name in formats.NAMES:
        assert formats.format_class(name).name == name
    assert set(formats.REGISTRY) == set(formats.NAMES)
    assert formats.get_format("json").name == "json"
    from embargo.errors import InputError

    with pytest.raises(InputError):
        formats.get_format("pdf")


def test_lazy_patterns_compile_once_on_first_use() -> None:
    from embargo.patterns import lazy

    p = lazy(r"(\d+)-(\w+)", re.I)
    assert p._compiled is None
    assert p.search("x 12-ab").group(2) == "ab"  # type: ignore[union-attr]
    first = p.compiled
    assert p.compiled is first and first.flags & re.I
    assert p.findall("1-a 2-b") == [("1", "a"), ("2", "b")]
    assert p.sub("_", "1-a 2-b") == "_ _" and p.subn("_", "1-a") == ("_", 1)
    assert p.split("x1-ay") == re.split(r"(\d+)-(\w+)", "x1-ay", flags=re.I)
    assert p.match("3-c") and not p.match("c-3") and p.fullmatch("4-d")
    assert [m.group(0) for m in p.finditer("5-e 6-f")] == ["5-e", "6-f"]


def test_kind_markers_compile_when_a_kind_is_first_inferred() -> None:
    loaded = _modules("""
        from embargo.content import kind
        assert all(m.pattern._compiled is None for ms in kind.MARKERS.values() for m in ms)
        from embargo.content.draft import Draft, FrontMatter
        g = kind.infer_kind(Draft(source="-", text="FOR IMMEDIATE RELEASE\\n\\nNews.",
                                  format="markdown", meta=FrontMatter()))
        assert g.kind.value == "press-release", g
        # compiled when used: the marker that matched is, and one whose required strings the
        # text lacks (no "forward-looking") never is
        marks = {m.label: m for ms in kind.MARKERS.values() for m in ms}
        assert marks["'for immediate release'"].pattern._compiled is not None
        assert marks["forward-looking statements"].pattern._compiled is None
    """)
    assert "embargo.content.kind" in loaded
