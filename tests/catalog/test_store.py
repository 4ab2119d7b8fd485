"""The catalogue: real SQLite files, re-import in place, CSV, validation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from embargo.catalog import Catalog, import_paths
from embargo.errors import InputError

REC = {"meeting": "acr-2024", "number": "0645", "title": "A trial",
       "online_at": "2024-10-25T12:00:00-04:00", "trial_ids": ["nct05512345"],
       "session": {"title": "S", "start": "2024-11-16T14:00:00-05:00"}}


def _jsonl(path: Path, *records: dict) -> Path:  # type: ignore[type-arg]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_reimport_updates_in_place(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Catalog(db) as cat:
        rep = import_paths(cat, [_jsonl(tmp_path / "a.jsonl", REC)])
        assert (rep.inserted, rep.updated) == (1, 0)
        rep = import_paths(cat, [_jsonl(tmp_path / "b.jsonl", {**REC, "title": "Renamed"})])
        assert (rep.inserted, rep.updated) == (0, 1)
        assert cat.count() == 1
        a = cat.get("acr-2024:0645")
        assert a is not None and a.title == "Renamed"
        assert [x.id for x in cat.by_trial_id("NCT05512345")] == ["acr-2024:0645"]
        assert cat.search("renamed")[0][0].id == "acr-2024:0645"
        assert not cat.search("trial")  # the old title is gone from the index


def test_leading_zeros_and_letters_are_kept(tmp_path: Path) -> None:
    with Catalog(tmp_path / "c.db") as cat:
        import_paths(cat, [_jsonl(tmp_path / "a.jsonl", {**REC, "number": "LBA1"},
                                  {**REC, "number": "0007"})])
        assert cat.get("acr-2024:LBA1") and cat.get("acr-2024:0007")


@pytest.mark.parametrize("rec, key", [
    ({"meeting": "ACR 2024", "number": "1", "title": "t"}, "meeting"),
    ({"meeting": "acr-2024", "number": 12.5, "title": "t"}, "number"),
    ({"meeting": "acr-2024", "number": "1", "title": "t", "category": "talk"}, "category"),
    ({"meeting": "acr-2024", "number": "1", "title": "t", "online_at": "soon"}, "online_at"),
    ({"meeting": "acr-2024", "number": "1", "title": "t", "lifts": {"everything": "x"}},
     "lifts.everything"),
    ({"meeting": "zzz-2024", "number": "1", "title": "t", "online_at": "2024-10-01 10:00"},
     "online_at"),
])
def test_bad_records_name_the_key(tmp_path: Path, rec: dict, key: str) -> None:  # type: ignore[type-arg]
    with Catalog(tmp_path / "c.db") as cat, pytest.raises(InputError) as e:
        import_paths(cat, [_jsonl(tmp_path / "a.jsonl", REC, rec)])
    assert e.value.key == key and e.value.line == 2


def test_naive_times_use_the_policy_zone(tmp_path: Path) -> None:
    with Catalog(tmp_path / "c.db") as cat:
        import_paths(cat, [_jsonl(tmp_path / "a.jsonl", {**REC, "online_at": "2024-10-25 12:00"})],
                     zone_for=lambda m: "America/New_York")
        a = cat.get("acr-2024:0645")
        assert a is not None and a.online_at is not None
        assert a.online_at.utcoffset() is not None and a.online_at.hour == 12


def test_csv_import(tmp_path: Path) -> None:
    csv = tmp_path / "a.csv"
    csv.write_text("meeting,number,title,authors,session_start,trial_ids\n"
                   'asco-2024,LBA1,"Drug X in NSCLC","A One; B Two",2024-06-02T13:00:00-05:00,'
                   "NCT01234567\n", encoding="utf-8")
    with Catalog(tmp_path / "c.db") as cat:
        import_paths(cat, [csv])
        a = cat.get("asco-2024:LBA1")
        assert a is not None and a.authors == ("A One", "B Two")
        assert a.session is not None and a.session.start is not None


def test_not_a_database(tmp_path: Path) -> None:
    f = tmp_path / "x.db"
    f.write_text("hello, I am not SQLite" * 100)
    with pytest.raises(InputError, match="not a catalogue"):
        Catalog(f)


def test_search_takes_words_as_the_index_cuts_them(tmp_path: Path) -> None:
    """The full-text index keeps no positions: a hyphenated or underscored query is its
    words, each searched alone (a phrase query would be refused by the index)."""
    with Catalog(tmp_path / "c.db") as cat:
        import_paths(cat, [_jsonl(tmp_path / "a.jsonl",
                                  {**REC, "title": "Outcomes after COVID-19 in lupus"},
                                  {**REC, "number": "0646", "title": "Gout flares"})])
        assert [a.id for a, _ in cat.search("COVID-19")] == ["acr-2024:0645"]
        assert [a.id for a, _ in cat.search("lupus_gout")] != []
        assert len(cat.search("lupus gout")) == 2
        assert cat.search("-- ' \" _") == []
