"""Saved abstract pages (HTML and their text rendering): fields, meeting ids, zones."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.catalog import Catalog, import_paths
from embargo.catalog.importers import REGISTRY, importer_for
from embargo.catalog.importers.base import ImportContext
from embargo.catalog.importers.html import HtmlImporter, meeting_id, parse_authors
from embargo.errors import InputError

CASES = Path(__file__).resolve().parents[1] / "cases" / "catalog"
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "acr-abstract-page.txt"
NAMES = {"acr convergence 2024": "acr-2024", "acr convergence": "acr-2024",
         "acr annual meeting": "acr-2024"}


def _zone(meeting: str) -> str | None:
    return "America/New_York" if meeting == "acr-2024" else None


def _import(tmp_path: Path, *paths: Path, **kw: object) -> Catalog:
    cat = Catalog(tmp_path / "c.db")
    import_paths(cat, list(paths), zone_for=_zone, meeting_names=NAMES, **kw)  # type: ignore[arg-type]
    return cat


def test_html_is_a_registered_importer() -> None:
    assert REGISTRY["html"] is HtmlImporter
    assert isinstance(importer_for(CASES / "acr-2021-page.html"), HtmlImporter)
    # A .txt file is an abstract page only when it reads like one.
    assert isinstance(importer_for(CASES / "acr-2024-page.txt"), HtmlImporter)


def test_html_page_fields(tmp_path: Path) -> None:
    with _import(tmp_path, CASES / "acr-2021-page.html") as cat:
        a = cat.get("acr-2021:0931")
        assert a is not None
        assert a.title.startswith("Three-Year Outcomes of Nurse-Led Tapering")
        assert a.authors == ("Ingrid Solberg", "Marco De Santis", "Yusuf Adeyemi-Cole")
        assert a.extra["affiliations"][2] == "King’s College London, London, United Kingdom"
        assert a.keywords == ("Axial spondyloarthritis", "Biologicals", "nursing")
        assert a.category == "poster"
        assert a.body.startswith("Background/Purpose: Many patients")
        assert "Methods: Adults" in a.body and a.body.endswith("for three years.")
        assert "Disclosures" not in a.body and "AbbVie" in a.extra["disclosures"]
        assert a.url == ("https://acrabstracts.org/abstract/three-year-outcomes-of-nurse-led-"
                         "tapering-of-biologics-in-axial-spondyloarthritis/")
        assert a.trial_ids == ("NCT03990021",)
        assert a.session is not None and a.session.title is not None
        assert a.session.title.startswith("Spondyloarthritis Including PsA")


def test_the_embargo_text_on_the_page_does_not_move_the_abstract(tmp_path: Path) -> None:
    """The page's footer speaks of the 2024 meeting; the abstract is of 2021."""
    with _import(tmp_path, CASES / "acr-2021-page.html") as cat:
        assert [m for m, _ in cat.meetings()] == ["acr-2021"]


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed page is not here")
def test_the_seed_page_is_acr_2021_1709(tmp_path: Path) -> None:
    with _import(tmp_path, SEED) as cat:
        a = cat.get("acr-2021:1709")
        assert a is not None and cat.count() == 1
        assert a.authors == ("Min Jung Kim", "Eun Hye Park", "Kichul Shin")
        assert a.trial_ids == ("NCT02221258",)


def test_times_without_a_known_zone_are_kept_as_written(tmp_path: Path) -> None:
    cat = Catalog(tmp_path / "c.db")
    rep = import_paths(cat, [CASES / "acr-2021-page.html"], zone_for=_zone,
                       meeting_names=NAMES)
    a = cat.get("acr-2021:0931")
    assert a is not None and a.session is not None and a.session.start is None
    assert a.extra["session_date"] == "2021-11-08"
    assert a.extra["session_time"] == "8:30AM-10:30AM"
    assert any("acr-2021" in n and "time zone" in n for n in rep.notes)
    assert not rep.unknown_keys  # the page's extra fields are documented ones


def test_session_times_in_the_meeting_zone(tmp_path: Path) -> None:
    with _import(tmp_path, CASES / "acr-2024-page.txt") as cat:
        a = cat.get("acr-2024:2277")
        assert a is not None and a.session is not None
        assert a.session.start is not None and a.session.end is not None
        assert a.session.start.isoformat() == "2024-11-17T10:30:00-05:00"
        assert a.session.end.isoformat() == "2024-11-17T12:30:00-05:00"
        assert a.authors == ("Aylin Demir", "Tobias Kranz", "Grace Mwangi")


def test_meeting_override(tmp_path: Path) -> None:
    with _import(tmp_path, CASES / "acr-2021-page.html", meeting="acr-2022") as cat:
        assert cat.get("acr-2022:0931") is not None


@pytest.mark.parametrize("name, expected", [
    ("ACR Convergence 2024", "acr-2024"),  # a loaded policy's name
    ("ACR Convergence 2021", "acr-2021"),  # the series of a loaded policy, another year
    ("EULAR 2023 European Congress of Rheumatology", "eular-2023"),  # the general rule
    ("2019 ACR/ARP Annual Meeting", "acr-2019"),
    ("The Liver Meeting 2022", "liver-2022"),
])
def test_meeting_ids(name: str, expected: str) -> None:
    ctx = ImportContext(meeting_names=NAMES)
    assert meeting_id(name, ctx, None, "p", "1") == expected


def test_meeting_without_year_or_name_is_refused() -> None:
    with pytest.raises(InputError, match="--meeting"):
        meeting_id("", ImportContext(), None, "p", "1")
    with pytest.raises(InputError, match="year"):
        meeting_id("Some Symposium", ImportContext(), None, "p", "1")
    # The session date gives the year when the name has none.
    assert meeting_id("Some Symposium", ImportContext(), "Tuesday, May 2, 2023", "p",
                      "1") == "some-symposium-2023"


def test_authors_line_variants() -> None:
    names, aff = parse_authors("Ana Silva1,2, Bo Chen2 and Carl Otto1, 1Uni A, Lisbon, "
                               "Portugal, 2Uni B, Lund, Sweden")
    assert names == ["Ana Silva", "Bo Chen", "Carl Otto"]
    assert aff == ["Uni A, Lisbon, Portugal", "Uni B, Lund, Sweden"]
    names, aff = parse_authors("Ana Silva and Bo Chen, University of Porto, Porto, Portugal")
    assert names == ["Ana Silva", "Bo Chen"]
    assert aff == ["University of Porto, Porto, Portugal"]


def test_several_abstracts_in_one_file_and_bad_pages(tmp_path: Path) -> None:
    one = (CASES / "acr-2024-page.txt").read_text(encoding="utf-8")
    two = one + "\n" + one.replace("Abstract Number: 2277", "Abstract Number: 2278")
    p = tmp_path / "two.txt"
    p.write_text(two, encoding="utf-8")
    with _import(tmp_path, p) as cat:
        assert cat.get("acr-2024:2277") and cat.get("acr-2024:2278")
    bad = tmp_path / "bad.html"
    bad.write_text("<html><body><p>Nothing here</p></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="Abstract Number"):
        _import(tmp_path, bad)


def test_cli_import_html_with_meeting_flag(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "cli.db"
    r = cli("abstracts", "import", CASES / "acr-2021-page.html", "--catalog", db)
    assert r.code == 0, r.err
    assert "time zone" in r.err  # the note about times kept as written
    r = cli("abstracts", "show", "acr-2021:0931", "--catalog", db)
    assert r.code == 0 and "STEP-DOWN" in r.out
    r = cli("abstracts", "import", CASES / "acr-2021-page.html", "--catalog", db,
            "--meeting", "Not An Id")
    assert r.code == 2 and "meeting id" in r.err


def test_a_company_form_written_with_full_stops_is_an_organisations_word() -> None:
    from embargo.catalog.importers.html import _ORG_WORDS

    assert _ORG_WORDS.search("Grifols S.A., Barcelona")
    assert not _ORG_WORDS.search("S.A.M. Jones")
