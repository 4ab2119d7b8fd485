"""``when``, ``policy`` and ``abstracts`` through the real entry point."""

from __future__ import annotations

import json

import pytest

from tests.conftest import EXAMPLES


def test_when_json(cli, catalog_path) -> None:  # type: ignore[no-untyped-def]
    r = cli("when", "acr-2024:0645", "--kind", "press-release", "--format", "json",
            "--catalog", catalog_path)
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    pr = doc["kinds"]["press-release"]
    assert pr["abstract"]["free_from"] == "2024-10-25T16:00:00+00:00"
    assert pr["beyond"]["free_from"] == "2024-11-14T15:00:00+00:00"
    assert pr["beyond"]["rule"] == "acr-2024/beyond"


def test_when_text_and_unknown_online_date(cli, catalog_path) -> None:  # type: ignore[no-untyped-def]
    r = cli("when", "acr-2024:0912", "--catalog", catalog_path)
    assert r.code == 0
    assert "editorial:" in r.out and "unknown" in r.out


@pytest.mark.parametrize("aid", ["acr-2024:9999", "nonsense", "zzz-2024:1"])
def test_when_unknown_abstract_is_exit_2(cli, catalog_path, aid) -> None:  # type: ignore[no-untyped-def]
    r = cli("when", aid, "--catalog", catalog_path)
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1


def test_policy_commands(cli) -> None:  # type: ignore[no-untyped-def]
    assert "acr-2024" in cli("policy", "list").out
    show = cli("policy", "show", "acr-2024")
    assert show.code == 0 and "15:00 UTC" in show.out and "rheumatology.org" in show.out
    assert cli("policy", "show", "nope-2024").code == 2
    v = cli("policy", "validate")
    assert v.code == 0 and "0 error(s)" in v.out
    t = cli("policy", "test")
    assert t.code == 0 and t.out.strip().splitlines()[-1].endswith("0 failed")


def test_policy_test_fails_with_exit_1(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.policy.helpers import HEAD

    f = tmp_path / "test-2024.toml"
    f.write_text(HEAD.format(zone="UTC") + '[[rules]]\nid = "r"\nlift = "2024-06-01 10:00"\n'
                 'explanation = "x"\n[[examples]]\nname = "bad"\nkind = "social"\n'
                 'tiers = ["abstract"]\nat = "2024-06-01 09:00"\nexpect = "pass"\n')
    r = cli("policy", "test", f)
    assert r.code == 1 and "1 failed" in r.out and "test-2024.toml:" in r.out


def test_policy_validate_bad_file_exit_2(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "bad-2024.toml"
    f.write_text('schema = 1\n[meeting]\nid = "bad-2024"\nname = "x"\nzone = "Mars/Olympus"\n'
                 'sources = ["https://x.org"]\n[[rules]]\nid = "r"\nallow = true\n'
                 'explanation = "x"\n')
    r = cli("policy", "validate", f)
    assert r.code == 2 and f"{f}:5: error: meeting.zone" in r.out


def test_policy_new_skeleton_is_valid_toml(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "new-2025.toml"
    assert cli("policy", "new", "new-2025", "-o", out).code == 0
    r = cli("policy", "validate", out)
    # The skeleton has TODO placeholders (an unknown zone): validate must say where.
    assert r.code == 2 and "meeting.zone" in r.out


def test_abstracts_show_search(cli, catalog_path) -> None:  # type: ignore[no-untyped-def]
    r = cli("abstracts", "show", "acr-2024:L12", "--format", "json", "--catalog", catalog_path)
    assert json.loads(r.out)["category"] == "late-breaking"
    r = cli("abstracts", "search", "lupus", "nephritis", "--catalog", catalog_path)
    assert "acr-2024:L12" in r.out
    assert cli("abstracts", "show", "acr-2024:nope", "--catalog", catalog_path).code == 2


def test_import_refuses_whole_file_on_bad_line(cli, tmp_path, catalog_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.jsonl"
    good = (EXAMPLES / "catalog.jsonl").read_text().splitlines()[0]
    bad.write_text(good.replace('"0645"', '"7777"') + "\n{\"meeting\": \"acr-2024\"}\n")
    db = tmp_path / "c.db"
    r = cli("abstracts", "import", bad, "--catalog", db)
    assert r.code == 2 and f"{bad}:2: number: missing required key" in r.err
    assert cli("abstracts", "show", "acr-2024:7777", "--catalog", db).code == 2  # nothing kept
    r = cli("abstracts", "import", bad, "--catalog", db, "--skip-invalid")
    assert r.code == 0 and "skipped" in r.err and "1 new" in r.out
    assert cli("abstracts", "show", "acr-2024:7777", "--catalog", db).code == 0


def test_help_and_usage_errors(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("--help").code == 0
    r = cli("frobnicate")
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1
    r = cli("check")
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1
