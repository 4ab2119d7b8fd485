"""One test per linking rule learnt from real coverage (issue 10).  Each case is invented to
exercise one rule; the figures on real text come from bench/score_real.py, never from here.

The catalogue: one trial (LUMEN-3, NCT01234567, drug orvelimab) presented at ACR Convergence
2023 and again in 2024, a second study by other authors on the same disease, pages addressed
by ``?p=`` query strings, and an abstract numbered 0849.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from embargo.catalog import Catalog, import_paths
from embargo.linking import Linker
from embargo.linking.evidence import CALIBRATION, Signals
from embargo.linking.features import url_key
from embargo.linking.item import abstract_numbers, author_lists, study_people
from embargo.policy import PolicySet

ROWS = [
    {"meeting": "acr-2023", "number": "1402", "title": "Orvelimab in Active Lupus Nephritis: "
     "24-Week Results of the Phase 2 LUMEN-3 Trial", "authors": ["Hartmann K", "Osei B",
                                                                 "Lindqvist P"],
     "body": "Methods: LUMEN-3 (NCT01234567) randomized 212 patients with lupus nephritis to "
     "orvelimab or placebo. Results: Complete renal response at week 24 was 31.4% versus "
     "18.9%. Conclusion: Orvelimab improved renal response.",
     "url": "https://abstracts.example.org/?p=40012", "trial_ids": ["NCT01234567"]},
    {"meeting": "acr-2024", "number": "0849", "title": "Orvelimab in Active Lupus Nephritis: "
     "52-Week Results of the Phase 2 LUMEN-3 Trial", "authors": ["Hartmann K", "Osei B",
                                                                 "Lindqvist P"],
     "body": "Methods: LUMEN-3 (NCT01234567) randomized 212 patients with lupus nephritis to "
     "orvelimab or placebo. Results: Complete renal response at week 52 was 44.8% versus "
     "23.1%. Conclusion: Responses deepened to one year.",
     "url": "https://abstracts.example.org/?p=44257", "trial_ids": ["NCT01234567"]},
    {"meeting": "acr-2024", "number": "1695", "title": "Urinary Biomarkers of Flare in Lupus "
     "Nephritis: A Multicentre Cohort", "authors": ["Mbeki T", "Sato Y"],
     "body": "Methods: 388 adults with lupus nephritis gave monthly urine samples. Results: A "
     "three-protein urinary panel predicted renal flare with an AUC of 0.81. Conclusion: "
     "Urine proteins may flag flares early.", "url": "https://abstracts.example.org/?p=44300",
     "category": "plenary"},
    {"meeting": "acr-2024", "number": "2210", "title": "Long-Haul COVID-19 Symptoms in "
     "Rheumatology Outpatients", "authors": ["Ferrand L", "Quist M"],
     "body": "Methods: A survey of 3,120 outpatients. Results: 41.7% of those with COVID-19 "
     "reported symptoms beyond four weeks. Conclusion: Long-haul symptoms are common.",
     "url": "https://abstracts.example.org/?p=44310"},
]


def catalogue(folder: Path, rows: list[dict[str, object]]) -> Path:
    """A catalogue file of ``rows``, imported as a user imports one."""
    src = folder / "c.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    with Catalog(folder / "c.db") as cat:
        import_paths(cat, [src])
    return folder / "c.db"


@pytest.fixture(scope="module")
def linker(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    cat = Catalog(catalogue(tmp_path_factory.mktemp("rules"), ROWS), readonly=True)
    yield Linker(cat, PolicySet.load())
    cat.close()


def links(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {x.abstract.id for x in result.links}


def candidates(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {x.abstract.id for x in result.candidates}


def reasons(result) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Each candidate's evidence, joined: what the item is told about it."""
    return {x.abstract.id: " ".join(x.evidence) for x in result.candidates}


# ----------------------------------------------------------------------- (b) page addresses

def test_a_page_address_keeps_its_query_and_drops_tracking() -> None:
    assert url_key("https://acrabstracts.org/?p=44257") == "acrabstracts.org/?p=44257"
    assert url_key("https://www.acrabstracts.org/?utm_source=x&p=44257#top") == \
        "acrabstracts.org/?p=44257"
    assert url_key("https://acrabstracts.org/abstract/foo/") == "acrabstracts.org/abstract/foo"


def test_a_site_root_names_no_abstract() -> None:
    assert url_key("https://acrabstracts.org/") is None
    assert url_key("https://acrabstracts.org/?utm_campaign=news") is None


def test_a_query_addressed_page_links_that_page_only(linker) -> None:  # type: ignore[no-untyped-def]
    r = linker.link("Read the abstract: https://abstracts.example.org/?p=44257")
    assert links(r) == {"acr-2024:0849"}
    r = linker.link("All abstracts are online at https://abstracts.example.org/ today.")
    assert links(r) == set() and candidates(r) == set()


# ----------------------------------------------------------------------- (c) numbers

def test_a_list_of_abstract_numbers_gives_each() -> None:
    # "Abstracts 0770 & 1695": both; a list goes on only with numbers of the first's form
    def numbers(text: str) -> list[str]:
        return list(dict.fromkeys(n for n, _, g in abstract_numbers(text) if g is None))

    assert numbers("Abstracts 0770 & 1695: Merkel et al.") == ["0770", "1695"]
    assert numbers("See posters 1234, 1235 and 1236 in the hall.") == ["1234", "1235", "1236"]
    assert numbers("Abstract 0770 and 12 patients were described.") == ["0770"]


def test_places_and_submission_ids_are_not_abstract_numbers() -> None:
    assert abstract_numbers("Visit us at booth #1695 in Hall C.") == []
    assert abstract_numbers("Abstract #2128553 was accepted.") == []
    assert [n for n, _, _ in abstract_numbers("See abstract 1695 and poster #L12.")] == \
        ["1695", "L12"]


def test_a_note_marker_glued_to_a_number_is_tried_without_it(linker) -> None:  # type: ignore[no-untyped-def]
    assert ("08494", "08494", "0849") in abstract_numbers("Abstract 08494 reported")
    r = linker.link("At ACR Convergence 2024, Abstract 08494 reported one-year LUMEN-3 results "
                    "of orvelimab in lupus nephritis.")
    assert "acr-2024:0849" in links(r) | candidates(r)
    assert "acr-2023:1402" not in links(r)


# ----------------------------------------------------------------------- (a) study vs abstract

LUMEN = ("Orvelimab, an antibody in the LUMEN-3 trial (NCT01234567), raised complete renal "
         "response in lupus nephritis in 212 patients.")


def test_another_meeting_with_its_year_is_not_this_abstract(linker) -> None:  # type: ignore[no-untyped-def]
    r = linker.link(f"Data presented at EULAR 2025 in Barcelona. {LUMEN}")
    assert links(r) == set()
    assert all("another publication" in " ".join(c.evidence) for c in r.candidates)


def test_a_journal_publication_is_not_the_abstract(linker) -> None:  # type: ignore[no-untyped-def]
    r = linker.link(f"The full results were published today in The Lancet. {LUMEN}")
    assert links(r) == set()


@pytest.mark.parametrize("design", ["first-in-human", "first-line"])
def test_a_design_called_first_recalls_no_earlier_publication(linker, design: str) -> None:  # type: ignore[no-untyped-def]
    # "first reported in" recalls; "a first-in-human trial published in" places the data.
    data = f"{LUMEN} Complete renal response at week 52 was 44.8% versus 23.1%."
    r = linker.link(f"According to a {design} trial published in The Lancet, orvelimab "
                    f"helped. {data}")
    assert links(r) == set()
    assert links(linker.link(data)) == {"acr-2024:0849"}


def test_published_online_first_is_this_publication_not_an_earlier_one(linker) -> None:  # type: ignore[no-untyped-def]
    # "online first" is a journal's early release of the paper the item reports; "first
    # published in" still recalls an earlier one.
    data = f"{LUMEN} Complete renal response at week 52 was 44.8% versus 23.1%."
    assert links(linker.link(f"The study was published online first in The Lancet. {data}")) \
        == set()
    assert links(linker.link(f"The study was first published in The Lancet. {data}")) == {
        "acr-2024:0849"}


def test_a_page_reproducing_a_journal_article_is_about_the_article(linker) -> None:  # type: ignore[no-untyped-def]
    r = linker.link(f"Health Newsdesk | reproduced from BMJ Open\n\n{LUMEN} Complete renal "
                    "response at week 52 was 44.8% versus 23.1%.")
    assert "acr-2024:0849" not in links(r)


@pytest.mark.parametrize("opening", [
    "Posting the summary of this new paper.",
    "Orvelimab in lupus nephritis (2025, Hartmann et al).",
])
def test_a_paper_named_as_such_or_cited_is_not_the_abstract(linker, opening: str) -> None:  # type: ignore[no-untyped-def]
    r = linker.link(f"{opening}\n\n{LUMEN} Complete renal response at week 52 was 44.8% "
                    "versus 23.1%.")
    assert links(r) == set()


@pytest.mark.parametrize("date", ["2024", "2024 Nov", "2024 Nov 7"])
def test_a_reference_in_nlm_style_is_a_journal_article(linker, date: str) -> None:  # type: ignore[no-untyped-def]
    # "Hartmann J, Vos L, et al. Orvelimab in lupus nephritis. Lupus Sci Med. 2024 Nov
    # 7;11(2):e001234.": the issue's month and day may stand between year and volume.
    text = (f"{LUMEN} Complete renal response at week 52 was 44.8% versus 23.1%.\n\n"
            f"Reference\nHartmann J, Vos L, et al. Orvelimab in lupus nephritis. Lupus Sci "
            f"Med. {date};11(2):e001234.")
    assert links(linker.link(text)) == set()
    # Without the citation the same text is about the abstract.
    assert links(linker.link(text.split("\n\nReference")[0])) == {"acr-2024:0849"}


@pytest.mark.parametrize("cited", ["Lupus Sci Med. 2024 Nov 7. [Epub ahead of print]",
                                   "Lupus Sci Med. Epub 2024 Nov 7."])
def test_an_article_cited_ahead_of_print_is_a_journal_article(linker, cited: str) -> None:  # type: ignore[no-untyped-def]
    # A reference list's entry for a paper out before its issue has no volume or pages.
    text = (f"{LUMEN} Complete renal response at week 52 was 44.8% versus 23.1%.\n\n"
            f"Reference\n- Hartmann J, Vos L, et al. Orvelimab in lupus nephritis. {cited}")
    assert links(linker.link(text)) == set()
    assert links(linker.link(text.split("\n\nReference")[0])) == {"acr-2024:0849"}


@pytest.mark.parametrize("said", ["are lead authors of a new study in JAMA",
                                  "report the findings, out in The Lancet"])
def test_a_study_said_to_be_in_a_journal_is_the_journal_paper(linker, said: str) -> None:  # type: ignore[no-untyped-def]
    text = (f"Drs. Hartmann and Osei {said}: in LUMEN-3, orvelimab gave complete renal "
            "responses at week 52 in 44.8% versus 23.1%.")
    assert links(linker.link(text)) == set()
    assert links(linker.link(text.replace(said, "report the trial"))) == {"acr-2024:0849"}


def test_a_headlines_results_in_a_journals_word_are_no_journal(linker) -> None:  # type: ignore[no-untyped-def]
    # "New Results in Blood Cancers": Blood here begins a noun phrase, not the journal's name.
    from embargo.linking.venues import find_venues

    m = linker._meeting_matcher()
    for title in ("New Results in Blood Cancers at ACR Convergence 2024",
                  "New Findings in Cell Therapy for Lupus"):
        assert [v.kind for v in find_venues("Lumen Bio said so.", title, m)
                if v.kind == "journal"] == [], title


@pytest.mark.parametrize("doi", ["DOI: https://doi.org/10.1182/blood-2023-179153 · IF: 20.3 · "
                                 "2023-11-28 · Blood",
                                 "DOI: 10.1200/jco.2024.42.16_suppl.4091 (Journal of Clinical "
                                 "Oncology)",
                                 "Annals of the Rheumatic Diseases DOI: "
                                 "10.1136/annrheumdis-2024-eular.1234"])
def test_a_meeting_supplements_doi_is_the_abstract_not_a_journal_paper(
        linker, doi: str) -> None:  # type: ignore[no-untyped-def]
    # An index's record giving the DOI a meeting's supplement prints its abstracts under
    # (Blood's "blood-2023-…" for ASH, JCO's "_suppl" for ASCO, ARD's "-eular" for EULAR)
    # records the abstract; a paper's DOI in the same journal ("blood.2023021234") places the
    # data at the journal.
    from embargo.linking.venues import find_venues

    m = linker._meeting_matcher()
    text = f"Orvelimab in lupus nephritis: complete renal response 44.8% versus 23.1%.\n{doi}\n"
    assert [v for v in find_venues(text, None, m) if v.kind == "journal"] == [], doi
    paper = text.replace("blood-2023-179153", "blood.2023021234").replace(
        "16_suppl.4091", "23.01234").replace("-2024-eular.1234", "-2024-225001")
    assert "journal" in [v.kind for v in find_venues(paper, None, m)], paper


@pytest.mark.parametrize("record", ["| Published in: | Arthritis & rheumatology (Hoboken, N.J.) |",
                                    "| Veröffentlicht in: | Arthritis & rheumatology, 2025-01 |",
                                    "| Format: | Artikel |", "Format: Article"])
def test_a_library_records_fields_mark_a_journal_article(
        linker, record: str) -> None:  # type: ignore[no-untyped-def]
    # A library catalogue's record of a paper (English or German field labels, laid out in a
    # table or not) places the study at a journal; the same words in running text do not.
    from embargo.linking.venues import find_venues

    m = linker._meeting_matcher()
    text = ("Orvelimab in lupus nephritis: complete renal response 44.8% versus 23.1%.\n\n"
            f"{record}\n")
    assert "journal" in [v.kind for v in find_venues(text, None, m)], record
    prose = ("Orvelimab in lupus nephritis: the format of the article was new, the editor said, "
             "and the results will be presented at a congress.")
    assert "journal" not in [v.kind for v in find_venues(prose, None, m)]


@pytest.mark.parametrize("said", ["Auf dem ASCO wurden die finalen Daten vorgestellt.",
                                  "Die Daten wurden beim ASH-Kongress gezeigt.",
                                  "Resultatene ble lagt fram på ASCO-kongressen."])
def test_at_the_meeting_in_german_or_norwegian_places_the_data_there(
        linker, said: str) -> None:  # type: ignore[no-untyped-def]
    # "Auf dem ASCO", "beim ASH-Kongress", "på ASCO": those languages' "at the" before a
    # known series' acronym is a place the item's data are at; the society's criteria are not.
    from embargo.linking.venues import find_venues

    m = linker._meeting_matcher()
    assert [v.series for v in find_venues(said, None, m) if v.kind == "meeting"][:1] in (
        ["asco"], ["ash"]), said
    assert not [v for v in find_venues("Die Diagnose folgte den ACR-Kriterien.", None, m)
                if v.kind == "meeting"]


def test_trials_that_met_their_endpoint_in_no_named_meeting_are_a_topline(linker) -> None:  # type: ignore[no-untyped-def]
    text = ("Lumen Bio has announced positive results from LUMEN-3 (NCT01234567): orvelimab "
            "met its primary endpoint in lupus nephritis, with complete renal response at week "
            "52 of 44.8% versus 23.1% among 212 patients.")
    assert links(linker.link(text)) == set()
    # naming the meeting makes it the presentation's release
    named = text.replace("(NCT01234567)", "(NCT01234567) at ACR Convergence 2024")
    assert links(linker.link(named)) == {"acr-2024:0849"}


@pytest.mark.parametrize("promise", [
    "detailed results will be presented at an upcoming medical meeting",
    # a congress not yet named
    "the full data set will be presented at a scientific congress in H2 2024",
    # "high-level results": a topline in some companies' words
    "high-level results from LUMEN-3 were positive",
])
def test_a_topline_announcement_is_not_the_abstract(linker, promise: str) -> None:  # type: ignore[no-untyped-def]
    results = ("In LUMEN-3, orvelimab gave complete renal responses at week 52 in 44.8% "
               "versus 23.1%.")
    assert links(linker.link(results)) == {"acr-2024:0849"}
    r = linker.link(f"{results} The company said {promise}.")
    assert links(r) == set()


def test_naming_the_abstracts_meeting_and_year_links_it(linker) -> None:  # type: ignore[no-untyped-def]
    r = linker.link(f"Presented at ACR Convergence 2024 in Washington: {LUMEN} Complete renal "
                    "response at one year was 44.8% versus 23.1%.")
    assert links(r) == {"acr-2024:0849"}


def test_the_abstract_named_outright_wins_over_the_other_venue(linker) -> None:  # type: ignore[no-untyped-def]
    r = linker.link(f"Published in The Lancet and shown as abstract 0849 at ACR Convergence "
                    f"2024. {LUMEN}")
    assert links(r) == {"acr-2024:0849"}


def test_an_earlier_presentation_recalled_is_background(linker) -> None:  # type: ignore[no-untyped-def]
    r = linker.link(f"Presented at ACR Convergence 2024: {LUMEN} Complete renal response at "
                    "one year was 44.8% versus 23.1%. Week-24 data were previously presented "
                    "at EULAR 2024.")
    assert links(r) == {"acr-2024:0849"}


def test_the_organisers_annual_meeting_names_its_series(linker) -> None:  # type: ignore[no-untyped-def]
    m = linker._meeting_matcher()
    found = m.mentions("to be presented at the American College of Rheumatology annual "
                       "meeting next week")
    assert [(x.series, x.explicit) for x in found] == [("acr", False)]


@pytest.mark.parametrize("text", [
    "presented at the 2025 American College of Rheumatology conference in Chicago",
    "shown at the American College of Rheumatology's annual scientific meeting",
    "presented here on Saturday at the meeting of the American College of Rheumatology",
    "to be presented at the ACR congress next week",
])
def test_the_organisers_conference_or_congress_names_its_series(  # type: ignore[no-untyped-def]
        linker, text: str) -> None:
    # "conference" and "congress" are the society's meeting as much as "meeting" is.
    m = linker._meeting_matcher()
    assert [x.series for x in m.mentions(text)] == ["acr"]


def test_a_society_named_before_its_meetings_word_is_its_series() -> None:
    # A meeting the catalogue knows only by its series ("aan-2024"): the society's name, its
    # year before it, then a lower-case meeting word; a name whose initials spell no known
    # series is no venue on so loose a form.
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    m = MeetingMatcher.build(PolicySet.load(), ["aan-2024"])
    found = find_venues("The study was presented at the 2024 American Academy of Neurology "
                        "annual meeting in Denver.", None, m)
    assert [(v.series, v.year) for v in found] == [("aan", 2024)]
    assert find_venues("The case was presented at the Mayo Clinic conference.", None, m) == []


def test_a_societys_meeting_named_in_words_or_by_its_acronym_and_ordinal() -> None:
    # The society's initials without the meeting's generic words ("Scientific") spell its
    # series; its acronym in brackets before the edition's ordinal and meeting words, with
    # the dates after, is that year's edition (the 83rd Sessions of 2023, not the 82nd).
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    m = MeetingMatcher.build(PolicySet.load(), ["ada-2022"])
    found = find_venues("Late-breaking data shown at the American Diabetes Association "
                        "Scientific Sessions point to better care.", None, m)
    assert [(v.series, v.year) for v in found] == [("ada", None)]
    found = find_venues("The data were presented at the American Diabetes Association (ADA) "
                        "83rd Scientific Sessions, held June 23-26, 2023, in San Diego.", None, m)
    assert ("ada", 2023) in [(v.series, v.year) for v in found]


def test_a_known_series_its_host_city_and_a_year_name_that_edition() -> None:
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    m = MeetingMatcher.build(PolicySet.load(), ["esmo-2021"])
    found = find_venues("In this video two experts talk through the results.",
                        "ESMO Barcelona 2024: GI in depth", m)
    assert [(v.series, v.year) for v in found] == [("esmo", 2024)]
    # a series no policy or catalogue knows is no meeting on so loose a form
    assert find_venues("Results of the trial.", "Phase Madrid 2024: a review", m) == []
    # nor is the society's other work
    assert find_venues("What changed.", "ESMO Guidelines 2024 for colon cancer", m) == []


def test_a_journal_whose_name_a_copy_dropped_is_still_a_journal() -> None:
    # Copies drop a link's text: "a study published in ." named the journal in its link.
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    m = MeetingMatcher.build(PolicySet.load(), ["ecco-2023"])
    found = find_venues("Antibiotics may raise the risk of IBD, according to the results of a "
                        "study published in . The findings suggest a dose effect.", None, m)
    assert [v.kind for v in found] == ["journal"]
    # a name after it, or a recalled paper, is no dropped name
    assert find_venues("The team had previously published in . a smaller cohort.", None, m) == []
    assert find_venues("Results were published in time for the meeting.", None, m) == []


def test_a_talk_told_in_the_past_perfect_is_an_earlier_one(linker) -> None:  # type: ignore[no-untyped-def]
    # "had presented …, the study's primary endpoint, at …": the venue is recalled, however
    # far back in its sentence the verb stands.
    from embargo.linking.venues import find_venues

    m = linker._meeting_matcher()
    text = ("Overall survival improved. Ramalingam had presented updated data on progression-free "
            "survival (PFS), the study's primary endpoint, at the annual American College of "
            "Rheumatology conference in Chicago.")
    assert find_venues(text, None, m) == []
    placed = text.replace("had presented", "presented")
    assert [v.series for v in find_venues(placed, None, m)] == ["acr"]
    # in another clause of the sentence, the past perfect tells of other work
    other = ("Overall survival improved. The drug had shown activity in a phase 1 study; "
             "updated data were presented at the annual American College of Rheumatology "
             "conference in Chicago.")
    assert [v.series for v in find_venues(other, None, m)] == ["acr"]


def test_a_yearless_series_fits_every_edition(linker) -> None:  # type: ignore[no-untyped-def]
    from embargo.linking.evidence import Where

    w = Where(series=frozenset({"acr"}))
    assert w.meeting_signal("acr-2023", "acr") == 0.0
    w = Where(explicit=frozenset({"acr-2024"}))
    assert w.meeting_signal("acr-2024", "acr") == 1.0
    assert w.meeting_signal("acr-2023", "acr") == -1.0


def test_a_yearless_venue_beside_a_named_edition_is_that_edition() -> None:
    from embargo.linking.evidence import Where
    from embargo.linking.venues import Venue

    named = Venue("meeting", "eular-2024", "eular-2024", "eular", 2024, True)
    yearless = Venue("meeting", "eular", None, "eular", None, True)
    w = Where(explicit=frozenset({"eular-2024"}), venues=(named, yearless))
    # "the EULAR Congress" beside "EULAR 2024" places the data at 2024, not at 2021
    assert w.elsewhere(1, "eular-2021", "eular") == named
    assert w.elsewhere(1, "eular-2024", "eular") is None
    # alone, a yearless mention of the series fits every edition
    w = Where(series=frozenset({"eular"}), venues=(yearless,))
    assert w.elsewhere(1, "eular-2021", "eular") is None
    # beside an edition the catalogue lacks ("SABCS 2025"), it is that edition too
    uncatalogued = Venue("meeting", "SABCS 2025", None, "sabcs", 2025, True)
    sabcs = Venue("meeting", "sabcs", None, "sabcs", None, True)
    w = Where(venues=(uncatalogued, sabcs))
    assert w.elsewhere(1, "sabcs-2024", "sabcs") == uncatalogued


def test_an_item_naming_a_study_the_abstract_never_names_is_at_most_a_candidate(linker) -> None:  # type: ignore[no-untyped-def]
    # The item names its study (KESTREL, zentacimab); the biomarker abstract shares one of its
    # counts, a short decimal and the topic's words, but none of its names.
    kestrel = ("In the KESTREL study of zentacimab, 388 adults with lupus nephritis gave monthly "
               "urine samples; a three-protein urinary panel read from them predicted renal "
               "flare with an AUC of 0.81 among those on zentacimab, so urine proteins may flag "
               "flares early.")
    r = linker.link(kestrel)
    assert "acr-2024:1695" not in links(r)
    said = reasons(r)
    assert "probably another study" in said["acr-2024:1695"]
    # Without the other study's names the same sentences are about the abstract.
    plain = kestrel.replace("In the KESTREL study of zentacimab, ", "").replace(
        " among those on zentacimab", "")
    assert links(linker.link(plain)) == {"acr-2024:1695"}


def test_another_study_caps_the_evidence_below_a_link() -> None:
    strong = [(4.0, "count", "388", "n:388"), (3.5, "decimal", "0.81", "n:0.81"),
              (2.0, "word", "flare", "w:flare")]
    assert Signals(parts=list(strong)).llr() > CALIBRATION["shift"] + 0.3
    assert Signals(parts=list(strong), other_study=True).llr() <= CALIBRATION["shift"] + 0.3
    assert Signals(parts=list(strong), other_headline=["kestrel"]).llr() <= \
        CALIBRATION["shift"] + 0.3
    assert Signals(parts=list(strong), other_work=True).llr() <= CALIBRATION["shift"] + 0.3


def test_a_trial_the_title_is_about_and_the_abstract_lacks_is_the_items_subject(linker) -> None:  # type: ignore[no-untyped-def]
    text = ("The first patients have been dosed in KESTREL, a trial of zentacimab in lupus "
            "nephritis. Zentacimab follows orvelimab, whose LUMEN-3 study gave complete renal "
            "responses in 44.8% versus 23.1%. KESTREL will enroll 240 patients.")
    r = linker.link(text, title="KESTREL trial of zentacimab doses first patients in lupus "
                    "nephritis")
    assert links(r) == set()
    said = reasons(r)
    assert "its title is about kestrel" in said["acr-2024:0849"]
    # A title about the abstract's own trial leaves the link alone.
    r = linker.link(text, title="LUMEN-3: orvelimab's one-year results in lupus nephritis")
    assert links(r) == {"acr-2024:0849"}


def test_a_drug_the_title_is_about_and_the_abstract_lacks_is_the_items_subject(
        tmp_path: Path) -> None:
    # A title naming a drug and no trial: an abstract that never names the drug, met only by
    # numbers of the text (a data-dense item shares some with any data-dense abstract), is
    # at most a candidate.
    row = {"meeting": "aacr-2025", "number": "0700", "title": "Bevacizumab Maintenance in "
           "Ovarian Cancer: A Registry Study", "authors": ["Okafor N"],
           "body": "Methods: 388 women in a national registry. Results: Response was 49.5% "
           "versus 34.6% (difference 14.6%); grade 3 events 19.6% versus 14.8%; serious "
           "events 9.9%. Conclusion: Maintenance helped."}
    with Catalog(catalogue(tmp_path, [row, *ROWS]), readonly=True) as cat:
        lk = Linker(cat, PolicySet.load())
        text = ("Among 388 patients, response was 49.5% on zentacimab and 34.6% on standard "
                "care, 14.6% higher; grade 3 events were 19.6% versus 14.8%, and serious events "
                "9.9%.")
        assert links(lk.link(text)) == {"aacr-2025:0700"}  # nothing says otherwise
        r = lk.link(text, title="Zentacimab data presented at the congress")
        assert links(r) == set()
        assert "its title is about zentacimab" in reasons(r)["aacr-2025:0700"]
        # A title naming the abstract's own drug leaves the link alone.
        r = lk.link(text.replace("zentacimab", "bevacizumab"),
                    title="Bevacizumab data presented at the congress")
        assert links(r) == {"aacr-2025:0700"}


def test_an_abstract_number_given_without_a_meeting_names_the_abstract(linker) -> None:  # type: ignore[no-untyped-def]
    # No meeting named: the trial and the drug alone fit any publication of the study, but
    # the item also gives this abstract's number, which no other publication carries.
    text = ("Orvelimab keeps working in lupus nephritis. Abstract #0849 followed the LUMEN-3 "
            "trial of orvelimab in lupus nephritis for a further half year.")
    assert links(linker.link(text)) == {"acr-2024:0849"}
    r = linker.link(text.replace("Abstract #0849 followed", "Investigators followed"))
    assert links(r) == set()


def test_a_study_week_is_a_time_point_not_a_meeting() -> None:
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {"asn-2024": 10})
    for week in ("At Week 16", "Through Week 52"):
        text = f"Dr Rao presented the results. {week}, 84% had clear skin."
        assert find_venues(text, None, matcher) == [], week
    # a meeting called a Week still is one, with its year or without
    assert [v.series for v in find_venues(
        "The data were presented at Kidney Week 2024 in San Diego.", None, matcher)] == ["asn"]


def test_the_writers_byline_credits_no_one_with_the_study() -> None:
    from embargo.linking.item import ItemFeatures, bystanders

    body = "\n\nOrvelimab's renal responses held to week 52 in lupus nephritis."
    byline = "By Renee Botello MSc, Navigator, Lupus Foundation" + body
    # the writer, credentials and all, is a bystander, not the study's author
    assert "botello" not in ItemFeatures.of(byline).people
    assert "botello" in bystanders(byline)
    # the same person said to have presented the data is credited with it
    assert "botello" in ItemFeatures.of("Renee Botello MSc presented the data." + body).people


# ----------------------------------------------------------------------- (d) talks and people

def test_the_people_credited_with_the_work(linker) -> None:  # type: ignore[no-untyped-def]
    text = ("At a session, Joan T. Merrill, MD, of the foundation, reviewed the field. "
            "The work was presented by Dr. Aiko Tanaka. Lindqvist and colleagues agreed. "
            "Dr. Rosa Vint, who was not involved in the study, was cautious.")
    assert study_people(text) == {"merrill", "tanaka", "lindqvist"}


def test_credited_with_the_work_is_narrower_than_named_with_a_degree() -> None:
    text = ("Patient Power asked Mikkael Sekeres, MD, chair of the society's committee, about "
            "the late-breakers.\n\nPresenter: Laura Kooienga, MD, of Colorado Kidney Care.\n\n"
            "Lead author Dana Whitfield said the subgroups agreed.")
    assert study_people(text) == {"sekeres", "kooienga", "whitfield"}
    assert study_people(text, credited_only=True) == {"kooienga", "whitfield"}


@pytest.mark.parametrize("presenter, linked", [("Rosa Vint", False), ("Kai Hartmann", True)])
def test_another_presenters_analysis_of_the_same_study_is_a_candidate(
        linker, presenter: str, linked: bool) -> None:  # type: ignore[no-untyped-def]
    # The item shares the study's names, its meeting and half its title, but none of its
    # numbers: presented by someone who is not among the authors, it is the same trial's
    # other analysis at the meeting.
    text = ("At ACR Convergence 2024, a new analysis of the LUMEN-3 trial looked at renal "
            "responses to orvelimab by baseline proteinuria.\n\n"
            f"Presenter: {presenter}, MD, of Lakeside Kidney Center.\n\n"
            f"Lead author {presenter} said orvelimab helped patients with lupus nephritis in "
            "every proteinuria group of LUMEN-3.")
    r = linker.link(text)
    assert ("acr-2024:0849" in links(r)) is linked
    assert "acr-2024:0849" in links(r) | candidates(r)


def test_a_talk_by_someone_who_is_no_author_is_not_the_abstract(linker) -> None:  # type: ignore[no-untyped-def]
    talk = ("At a session at ACR Convergence 2024, Joan T. Merrill, MD, reviewed urinary "
            "biomarkers of flare in lupus nephritis from multicentre cohorts.")
    r = linker.link(talk)
    assert "acr-2024:1695" not in links(r)
    r = linker.link(talk.replace("Joan T. Merrill, MD", "Thandi Mbeki, MD"))
    assert "acr-2024:1695" in links(r) | candidates(r)


# ----------------------------------------------------------------------- names and ties

def test_a_coded_disease_name_is_no_trial_name(linker) -> None:  # type: ignore[no-untyped-def]
    r = linker.link("The society will discuss COVID-19 and telehealth at ACR Convergence 2024 "
                    "in rheumatology outpatients.")
    assert links(r) == set()


def test_the_best_supported_hypothesis_explains_first(linker) -> None:  # type: ignore[no-untyped-def]
    # Both 2023 and 2024 LUMEN-3 abstracts share the trial; only 2024 holds the one-year
    # numbers and the meeting: it explains the trial name, and the 2023 sibling is left.
    r = linker.link(f"ACR Convergence 2024: {LUMEN} At one year 44.8% versus 23.1% reached it.")
    assert links(r) == {"acr-2024:0849"}


def test_same_answer_under_two_hash_seeds(tmp_path: Path) -> None:
    src = tmp_path / "c.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in ROWS) + "\n", encoding="utf-8")
    db = tmp_path / "c.db"
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for i, text in enumerate([LUMEN, f"ACR Convergence 2024: {LUMEN}", "Urinary panel AUC "
                              "0.81 in lupus nephritis flares (388 adults)."]):
        (drafts / f"d{i}.md").write_text(text, encoding="utf-8")
    exe = [sys.executable, "-m", "embargo"]
    subprocess.run([*exe, "abstracts", "import", str(src), "--catalog", str(db)], check=True,
                   capture_output=True)
    outs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        p = subprocess.run([*exe, "check", str(drafts), "--catalog", str(db), "--format",
                            "json", "--at", "2026-01-01T00:00:00Z"], env=env,
                           capture_output=True, text=True)
        assert p.returncode in (0, 1, 3), p.stderr
        outs.append(json.loads(p.stdout))
    assert outs[0] == outs[1]


def test_scores_that_look_like_series_and_years_are_no_venues(linker) -> None:  # type: ignore[no-untyped-def]
    from embargo.linking.venues import find_venues

    m = linker._meeting_matcher()
    assert find_venues("ACR20 at week 24 was reached by 61.9%; PASI 75 and DAS28 too.", None,
                       m) == []
    found = find_venues("Data presented at #ESMO24 and at SDPA 2025.", None, m)
    assert [(v.series, v.year) for v in found] == [("esmo", 2024), ("sdpa", 2025)]


def test_a_second_study_is_judged_on_what_the_first_link_leaves(linker) -> None:  # type: ignore[no-untyped-def]
    # The presenter and trial name of the first study count against the second only until
    # the first is linked; "the plenary" then singles the second out among its topic.
    text = (f"ACR Convergence 2024: {LUMEN} Complete renal response at one year was 44.8% "
            "versus 23.1%, said Katrin Hartmann, MD. She also praised the meeting's plenary on "
            "urinary biomarkers that predict flare in lupus nephritis in a multicentre cohort.")
    r = linker.link(text)
    assert "acr-2024:0849" in links(r)
    assert "acr-2024:1695" in links(r) | candidates(r)
    assert any("plenary (its category)" in e for x in r.links + r.candidates
               if x.abstract.id == "acr-2024:1695" for e in x.evidence)


def test_an_ordinal_or_an_unknown_year_names_another_edition(linker) -> None:  # type: ignore[no-untyped-def]
    m = linker._meeting_matcher()
    found = m.mentions("shown at the 63rd American Society of Hematology Annual Meeting")
    assert [(x.meeting, x.explicit, x.known) for x in found] == [("ash-2021", True, False)]
    found = m.mentions("the 65th ASH Annual Meeting")
    assert [(x.meeting, x.explicit) for x in found] == [("ash-2023", True)]
    found = m.mentions("first presented at ACR Convergence 2019 in Atlanta")
    assert [(x.meeting, x.known) for x in found] == [("acr-2019", False)]
    # A venue, not a meeting to judge.
    assert "acr-2019" not in m.find("first presented at ACR Convergence 2019 in Atlanta")


def test_a_passing_adjective_does_not_hide_the_meeting(linker) -> None:  # type: ignore[no-untyped-def]
    m = linker._meeting_matcher()
    assert [x.series for x in m.mentions("presented at the ACR's virtual annual meeting")] == \
        ["acr"]


def test_doses_and_short_decimals_say_little_about_which_abstract() -> None:
    from embargo.linking.item import ItemFeatures

    item = ItemFeatures.of("Patients took 7.5 mg or 15 mg daily; 61.9% responded.")
    assert "n:7.5" not in item.exact and "n:61.9" in item.exact
    from embargo.linking.evidence import KINDS

    assert KINDS["short_decimal"].floor > KINDS["decimal"].floor


def test_a_meeting_named_in_words_is_the_series_its_initials_spell() -> None:
    from embargo.linking.venues import _initials_series

    known = {"elcc", "eha", "acr"}
    assert _initials_series("the 2025 European Lung Cancer Congress", known) == "elcc"
    assert _initials_series("European Hematology Association Congress", known) == "eha"
    assert _initials_series("the Annual Meeting of the Endocrine Society", known) is None


def test_the_annual_meeting_of_a_society_spelt_out_is_the_series_its_initials_spell() -> None:
    # "the annual meeting of the American Academy of Neurology": a meeting the catalogue knows
    # only as "aan-2025" (no policy gives the society's name), read by the name's initials;
    # another society's meeting so named is a venue of its own, its name whole.
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    m = MeetingMatcher.build(PolicySet.load(), ["aan-2025"])
    text = ("Marine microplastics go with disability, according to a study due to be presented "
            "at the annual meeting of the American Academy of Neurology, April 5 to 9 in San "
            "Diego.")
    assert [(v.kind, v.series) for v in find_venues(text, None, m)] == [("meeting", "aan")]
    # (a month after the name is the meeting's date, no word of the name)
    dated = text.replace("Neurology, April", "Neurology April")
    assert [v.series for v in find_venues(dated, None, m)] == ["aan"]
    other = find_venues("The data were presented at the Annual Meeting of the European Society "
                        "for Blood and Marrow Transplantation.", None, m)
    assert [(v.name, v.series) for v in other] == [
        ("Annual Meeting of the European Society for Blood and Marrow Transplantation", None)]


def test_a_societys_own_meeting_is_spelt_by_its_acronym_and_the_initials_after_it() -> None:
    # "asco-qcs": the society's acronym, then the initials of the meeting's own words.
    from embargo.linking.venues import _initials_series

    known = {"asco", "asco-qcs", "esmo"}
    assert _initials_series("the 2024 ASCO Quality Care Symposium", known) == "asco-qcs"
    assert _initials_series("2024 American Society of Clinical Oncology (ASCO) Quality Care "
                            "Symposium", known) == "asco-qcs"
    # the same society's other meeting is not this series
    assert _initials_series("the 2024 ASCO Breakthrough Summit", known) is None
    assert _initials_series("the 2024 ESMO Quality Care Symposium", known) is None


def test_a_societys_meeting_named_by_the_society_and_a_word_is_that_series() -> None:
    # "esmo-asia": the society, as its acronym or spelt out, then the series' own word, then
    # only a meeting's words.
    from embargo.linking.venues import _initials_series

    known = {"esmo", "esmo-asia"}
    assert _initials_series("ESMO Asia Congress 2024", known) == "esmo-asia"
    assert _initials_series("the European Society for Medical Oncology Asia Congress 2024",
                            known) == "esmo-asia"
    # the word must be the series' own, and nothing but a meeting's words may follow it
    assert _initials_series("the ESMO Breast Congress 2024", known) is None
    assert _initials_series("the ESMO Asia Breast Summit 2024", known) is None


def test_a_meeting_of_a_society_named_with_its_small_words_is_that_societys() -> None:
    # "the 2024 Congress of the European Society for Medical Oncology (ESMO)": the name runs
    # past "for" to its acronym, so the venue is ESMO 2024, not "the European Society".
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    m = MeetingMatcher.build(PolicySet.load(), ["esmo-2024", "ash-2024"])
    text = ("New results from the GALAXY arm were made public today at the 2024 Congress of "
            "the European Society for Medical Oncology (ESMO) in Barcelona, Spain.")
    assert [(v.series, v.year) for v in find_venues(text, None, m)] == [("esmo", 2024)]
    text = ("The phase 2 data were presented at the Annual Meeting and Exposition of the "
            "American Society of Hematology in San Diego.")
    assert [v.series for v in find_venues(text, None, m)] == ["ash"]
    # another society's meeting is a venue of its own, its name whole (a weekday after it is
    # the meeting's day, no word of it)
    for text, name in (
            ("The data will be presented at the Spring Meeting of the Endocrine Society Monday "
             "in San Diego.", "the Spring Meeting of the Endocrine Society"),
            ("The data were shown at the Spring Meeting of the Society for Endocrinology and "
             "Metabolism (SEM) on Monday.",
             "the Spring Meeting of the Society for Endocrinology and Metabolism (SEM)")):
        assert [(v.name, v.series) for v in find_venues(text, None, m)] == [(name, None)]


def test_a_meetings_word_is_a_whole_word() -> None:
    # "Physician's Weekly" is a publication, not a week of meetings; a footnote's digit may
    # touch the word ("Meeting3"), and the plural of a series' meeting is still it.
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    m = MeetingMatcher.build(PolicySet.load(), ["asco-2023", "acr-2024"])
    assert find_venues("*Physician's Weekly*\n\nThe results were presented by Dr. Tesser.",
                       None, m) == []
    assert [(v.series, v.year) for v in find_venues(
        "The results, presented at the 2023 ASCO Annual Meeting3 and published after, held.",
        None, m)] == [("asco", 2023)]
    assert [(v.series, v.year) for v in find_venues(
        "Standout discoveries from the 2023 ASCO Annual Meetings: a summary.", None, m)] == [
        ("asco", 2023)]


@pytest.mark.parametrize("name, series", [
    ("the 2023 ASCO Annual Meeting", "asco"),
    ("the EULAR Annual Congress", "eular"),
    ("International AIDS Conference", "aids"),
    ("the 2023 American Academy of Neurology (AAN) Annual Meeting", "aan"),
    # the meeting's format is not whose meeting it is
    ("the American College of Rheumatology (ACR) All-Virtual Annual Meeting", "acr"),
    ("the EULAR Virtual Congress", "eular"),
    # the society's other meetings, and words that are not the acronym spelt out
    ("the 2024 ASCO Gastrointestinal Cancers Symposium", None),
    ("the American Society of Clinical Oncology (ASCO) Breakthrough Summit", None),
    ("the Orvelan AIDS Conference", None),
])
def test_a_series_acronym_among_common_words_names_its_series(name: str,
                                                              series: str | None) -> None:
    from embargo.linking.venues import _initials_series

    assert _initials_series(name, {"asco", "eular", "aids", "aan", "acr"}) == series


def test_a_series_acronym_as_the_place_of_a_talk_names_that_meeting() -> None:
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {"elcc-2025": 10, "asco-2024": 10})
    for text in ("My talk at ELCC was on the ADRIATIC trial.",
                 "In the ELCC presentation I reported the patterns of recurrence."):
        assert [(v.series, v.year) for v in find_venues(text, None, matcher)] == [
            ("elcc", None)], text
    # the society alone, or its guidelines, is no meeting; an unknown acronym neither
    for text in ("ASCO guidelines recommend the combination.",
                 "The data were shown at ESSDAI visits.",
                 "ELCC members voted on the new statutes."):
        assert find_venues(text, None, matcher) == [], text


def test_first_after_a_meetings_name_recalls_nothing() -> None:
    # "first reported at ASCO" recalls an earlier publication; "at ASCO I reported the first
    # recurrences" does not, nor "… before the FDA decision".
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {"elcc-2025": 10})
    for text in ("In the ELCC presentation I reported the first recurrences.",
                 "My talk at ELCC came before the regulator's decision."):
        assert [v.series for v in find_venues(text, None, matcher)] == ["elcc"], text
    assert find_venues("The data were first reported at ELCC last spring.", None,
                       matcher) == []


def test_a_bracketed_series_before_its_meetings_word_in_any_language_is_that_meeting() -> None:
    # "præsenteret på American Society of Hematologys (ASH) årlige kongres": the series, its
    # year unsaid; with a year after the word it is that edition's name, read elsewhere.
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {"ash-2024": 10, "ers-2024": 10})
    for text in ("Studiet er netop fremlagt på American Society of Hematologys (ASH) årlige "
                 "kongres.",
                 "Die Daten wurden auf der (ASH) Jahrestagung vorgestellt."):
        assert [(v.series, v.year) for v in find_venues(text, None, matcher)] == [
            ("ash", None)], text
    assert ("ers", None) not in [(v.series, v.year) for v in find_venues(
        "It was shown at the European Respiratory Society (ERS) Congress 2025 in Amsterdam.",
        None, matcher)]
    # the meeting's dates after its word give the edition, even over a wrapped line
    eha = MeetingMatcher.build(PolicySet.load(), {"eha-2023": 10})
    assert [(v.series, v.year) for v in find_venues(
        "Autolus will present three abstracts at the European Hematology Association (EHA) "
        "Congress, June 13-16,\n2024.", None, eha)] == [("eha", 2024)]


def test_a_meeting_named_without_its_year_takes_the_year_of_the_dates_after_it() -> None:
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {"aids-2016": 10})
    text = ("22nd International AIDS Conference, Amsterdam, Netherlands, July 23-27, 2018\n\n"
            "Most participants kept their injection visits, the investigators reported.")
    assert [(v.series, v.year) for v in find_venues(text, None, matcher)] == [("aids", 2018)]
    assert [(v.series, v.year) for v in find_venues(
        text.replace(", Amsterdam, Netherlands, July 23-27, 2018", ""), None, matcher)] == [
        ("aids", None)]
    # a year in the next sentence is not the meeting's
    assert [v.year for v in find_venues(
        "Data were presented at the International AIDS Conference. In 2018, 230 enrolled.",
        None, matcher)] == [None]
    # a wrapped line goes on: the dates may run over one line break, not over a paragraph
    wrapped = ("Three abstracts will be presented at the International AIDS Conference, July "
               "23-27,\n2018, the company said.")
    assert [v.year for v in find_venues(wrapped, None, matcher)] == [2018]
    assert [v.year for v in find_venues(wrapped.replace(",\n", ",\n\n"), None, matcher)] == [
        None]


def test_a_meeting_named_with_its_year_inside_is_a_venue() -> None:
    # "the Society of Hematologic Oncology 2024 Annual Meeting": the society's name, the
    # edition's year, then the meeting's words.
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {"asco-2024": 10})
    text = ("A subanalysis of the trial was presented at the Society of Hematologic Oncology "
            "2024 Annual Meeting in Houston, Texas.")
    found = find_venues(text, None, matcher)
    assert [(v.kind, v.year) for v in found] == [("meeting", 2024)]
    assert "Society of Hematologic Oncology" in found[0].name


def test_a_meeting_name_of_common_words_alone_names_no_venue() -> None:
    # "its 64th Annual Meeting and Exposition": whose meeting it is, the sentence says (the
    # society before it); the common words alone are no other congress.
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {"ash-2022": 10})
    text = ("The society holds its 64th Annual Meeting and Exposition in New Orleans, where "
            "Dr Rao will present the results.")
    assert find_venues(text, None, matcher) == []
    named = find_venues(text.replace("64th Annual", "64th Orvelan Annual"), None, matcher)
    assert [v.name for v in named] == ["Orvelan Annual Meeting and Exposition"]


@pytest.mark.parametrize("text, series", [
    # a society's name with its small words, wrapped over a line
    ("The results are due at the American Academy of Neurology\nAnnual Meeting in April.",
     "aan"),
    ("Rao presented the findings at the European Society for Medical Oncology\nCongress 2024.",
     "esmo"),
])
def test_a_societys_full_name_with_its_small_words_names_its_series(text: str,
                                                                   series: str) -> None:
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {"aan-2025": 10, "esmo-2024": 10})
    assert series in [v.series for v in find_venues(text, None, matcher)]


@pytest.mark.parametrize("session", ["the Presidential Symposium", "the Plenary Session",
                                     "the Late-Breaking Abstracts Session"])
def test_a_session_named_by_its_part_in_the_meeting_is_no_other_venue(session: str) -> None:
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {})
    text = f"Six abstracts were picked for {session}, held on Friday."
    assert find_venues(text, None, matcher) == []


def test_a_regulators_decision_in_the_headline_is_not_the_abstract(linker) -> None:  # type: ignore[no-untyped-def]
    r = linker.link(f"Presented at ACR Convergence 2024 earlier: {LUMEN}",
                    title="Orvelimab approved in US for lupus nephritis")
    assert links(r) == set()
    # A decision sought is no decision: the item is still about the presentation.
    r = linker.link(f"Presented at ACR Convergence 2024: {LUMEN} Complete renal response at "
                    "one year was 44.8% versus 23.1%.",
                    title="Lumen Bio to seek FDA approval for orvelimab after ACR data")
    assert links(r) == {"acr-2024:0849"}


def test_a_decision_in_doubt_or_wanted_is_no_decision(linker) -> None:  # type: ignore[no-untyped-def]
    from embargo.linking.venues import find_venues

    m = linker._meeting_matcher()
    for title in ("ACR: Orvelimab data strong, but FDA Approval Uncertain",
                  "Orvelimab's EU approval remains unclear after ACR",
                  "Lumen Bio wants full FDA approval for orvelimab"):
        kinds = [v.kind for v in find_venues("Lumen Bio said so today.", title, m)]
        assert "regulatory" not in kinds, title
    found = find_venues("Lumen Bio said so today.", "Orvelimab wins FDA approval", m)
    assert [v.kind for v in found] == ["regulatory"]


def test_a_regulator_named_after_the_decision_is_a_regulatory_headline(linker) -> None:  # type: ignore[no-untyped-def]
    from embargo.linking.venues import find_venues

    m = linker._meeting_matcher()
    for title in ("Orvelimab submission accepted for Priority Review by Health Canada",
                  "Orvelimab approval recommended by the regulators in Japan",
                  "Orvelimab approved by the U.S. Food and Drug Administration"):
        found = find_venues("Lumen Bio said so today.", title, m)
        assert [v.kind for v in found] == ["regulatory"], title
    r = linker.link(f"The data were last presented at ACR Convergence 2024. {LUMEN}",
                    title="Orvelimab submission accepted for Priority Review by Health Canada")
    assert links(r) == set()


def test_a_note_marker_glued_to_the_stop_ends_the_headline_sentence(linker) -> None:  # type: ignore[no-untyped-def]
    from embargo.linking.venues import find_venues

    m = linker._meeting_matcher()
    # The regulator's approval in the second sentence is background, not the headline's news.
    text = ("Lumen Bio said today it will present orvelimab data at ACR Convergence 2024 "
            "in Washington.1 Orvelimab is the only such drug approved by the FDA for this "
            "use.")
    assert [v.kind for v in find_venues(text, "Lumen Bio to present data", m)
            if v.kind == "regulatory"] == []


def test_results_that_were_presented_before_are_background(linker) -> None:  # type: ignore[no-untyped-def]
    from embargo.linking.venues import find_venues

    m = linker._meeting_matcher()
    found = find_venues("The drug was cleared on the strength of LUMEN-3, whose results were "
                        "presented in the plenary of ACR Convergence 2024.", None, m)
    assert [v for v in found if v.kind == "meeting"] == []




TEAM = ["Bell S", "Okafor O", "Ruiz A", "Tan D", "Varga E", "Lund M"]
TEAM_ROWS = [
    {"meeting": "acr-2024", "number": "0302", "title": "Work Disability After Diagnosis of "
     "Early Rheumatoid Arthritis in the NORTHSTAR Cohort", "authors": TEAM,
     "body": "Methods: 512 working adults with early rheumatoid arthritis in the NORTHSTAR "
     "cohort. Results: 14.1% stopped work within 2 years. Conclusion: Early arthritis costs "
     "jobs."},
    {"meeting": "acr-2024", "number": "0303", "title": "Gout Flares After Elective Hip "
     "Replacement Surgery", "authors": ["Nash P", "Imrie K"],
     "body": "Methods: 90 patients with gout had hip replacement. Results: 11% flared within "
     "a week. Conclusion: Plan flare prophylaxis."},
    {"meeting": "acr-2024", "number": "0304", "title": "Statins and Uveitis",
     "authors": ["Quinn R"], "body": "Methods: 300 patients. Results: no link."},
]

ROUNDUP = (
    "Lakeshore Arthritis Institute at ACR Convergence 2024: our work of the day\n\n"
    "**Gout Flares After Elective Hip Replacement Surgery**\n\n"
    "People with gout often had a flare in the week after a new hip.\n\n"
    "Research Team: Nash P, Imrie K\n\n"
    "**Reporting hand function in early arthritis**\n\n"
    "A short self-report scale tracked hand function in early rheumatoid arthritis "
    "reliably.\n\nResearch Team: Bell S, Okafor O, Ruiz A, Tan D, Varga E, Lund M, on behalf "
    "of the NORTHSTAR investigators\n")


@pytest.fixture(scope="module")
def team_linker(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    cat = Catalog(catalogue(tmp_path_factory.mktemp("team"), TEAM_ROWS), readonly=True)
    yield Linker(cat, PolicySet.load())
    cat.close()


def test_a_round_up_quoting_titles_links_only_the_entries_it_titles(team_linker) -> None:  # type: ignore[no-untyped-def]
    # The same team's other abstract is named only by its authors and cohort: a candidate.
    got = team_linker.link(ROUNDUP)
    assert links(got) == {"acr-2024:0303"}
    assert "acr-2024:0302" in candidates(got)


def test_an_abstract_number_is_explained_by_the_edition_linked(tmp_path: Path) -> None:
    # Two editions' abstracts share the number L05; a programme naming "Abstract L05" with
    # the 2023 title names that one, and the 2024 namesake keeps no evidence from the number.
    rows = [
        {"meeting": "acr-2023", "number": "L05", "title": "Cytoreductive Synovectomy Followed "
         "by Orvelimab Versus Orvelimab Alone in Refractory Knee Arthritis: The CARVEN Trial",
         "authors": ["Mejean A", "Ravaud A"], "body": "Methods: 450 patients randomized. "
         "Results: median time to flare 18.4 vs 13.9 months. Conclusion: not inferior."},
        {"meeting": "acr-2024", "number": "L05", "title": "Telehealth Versus In-Person "
         "Follow-Up of Early Arthritis at Lakeshore General Hospital",
         "authors": ["Greer J", "Temel J"], "body": "Methods: 1,250 patients at Lakeshore "
         "General Hospital. Results: equivalent quality of life. Conclusion: video works."},
    ]
    with Catalog(catalogue(tmp_path, rows), readonly=True) as cat:
        got = Linker(cat, PolicySet.load()).link(
            "Programme of the day\n\nSession 2, chaired by Dr. Ana Kim of Lakeshore General "
            "Hospital\n\nAbstract L05: CARVEN: Cytoreductive synovectomy followed by "
            "orvelimab versus orvelimab alone in refractory knee arthritis.\n")
    assert links(got) == {"acr-2023:L05"}
    assert "acr-2024:L05" not in candidates(got)


def test_author_lists_in_citation_form_are_read_in_order() -> None:
    assert author_lists("Research Team: Rai S, McCormick N, Choi HK.") == (
        ("rai", "mccormick", "choi"),)
    # Particles stay with the surname; dotted initials are initials; a list may wrap.
    assert author_lists("Authors: van der Heijde D., Smith J.K.,\nLee A, et al.") == (
        ("heijde", "smith", "lee"),)
    # A reference is no byline: a title follows its names.
    assert author_lists("1. Choi HK, McCormick N, Yokose C. Gout in women. Lancet. 2021.") == ()
    # Two names are no list, and capitalised words before abbreviations are no names.
    assert author_lists("Rai S, McCormick N.") == ()
    assert author_lists("Outcomes in Patients With RA, SSc, and IPF") == ()


@pytest.mark.parametrize("lead, linked", [("Okafor O, Bell S", False), ("Bell S, Okafor O", True)])
def test_the_teams_author_list_led_by_someone_else_is_another_abstract(
        team_linker, lead: str, linked: bool) -> None:  # type: ignore[no-untyped-def]
    # The team's list, reproduced as the page prints it, starts with its first author: led
    # by another of the team, it is the team's other work (the same cohort, the same topic).
    text = ("Lakeshore Arthritis Institute at ACR Convergence 2024\n\n"
            "Job loss in the first years of early rheumatoid arthritis\n\n"
            "Working adults with early rheumatoid arthritis in the NORTHSTAR cohort often left "
            "work within two years of diagnosis, and those with manual jobs most of all.\n\n"
            f"Research Team: {lead}, Ruiz A, Tan D, Varga E, Lund M.\n")
    got = team_linker.link(text)
    if linked:
        assert links(got) == {"acr-2024:0302"}
    else:
        assert links(got) == set()
        said = reasons(got)
        assert "author list led by okafor" in said["acr-2024:0302"]


def test_a_trial_protocol_is_not_a_results_abstract(team_linker) -> None:  # type: ignore[no-untyped-def]
    # The protocol paper carries the study's title, but it is another publication.
    text = ("Early rheumatoid arthritis often costs people their jobs. The NORTHSTAR cohort "
            "will follow 512 working adults for two years.")
    title = ("Work Disability After Diagnosis of Early Rheumatoid Arthritis in the NORTHSTAR "
             "Cohort: protocol for a prospective cohort study")
    assert links(team_linker.link(text, title=title)) == set()


def test_a_datelines_date_is_read() -> None:
    from datetime import date

    from embargo.linking.item import dateline_date

    assert dateline_date("CALGARY, Alberta, Oct. 25, 2022 (GLOBE NEWSWIRE) -- X") == \
        date(2022, 10, 25)
    assert dateline_date("BOSTON, 3 June 2024 - X") == date(2024, 6, 3)
    assert dateline_date("Posted 2024-06-02. Text") == date(2024, 6, 2)
    assert dateline_date("No date here, only 2024.") is None
    assert dateline_date("Medscape | Nov 14, 2024 | By Ann Lee") == date(2024, 11, 14)
    # European wires put the day first, with dots
    assert dateline_date("25.05.2024 12:15:05 - dpa-AFX: GNW-Adhoc\n\nText") == \
        date(2024, 5, 25)
    # A date inside a sentence is an event's, not the item's.
    assert dateline_date("Lupus news\n\nOn a sunny morning much happened, and then, on "
                         "June 2, 2023, the FDA approved the drug.") is None


@pytest.mark.parametrize("dateline, want, other", [
    ("BOSTON, Nov. 12, 2023 --", "acr-2023:1402", "acr-2024:0849"),
    ("BOSTON, Nov. 16, 2024 --", "acr-2024:0849", "acr-2023:1402"),
])
def test_a_yearless_meeting_in_a_dated_item_is_that_dates_edition(
        linker, dateline: str, want: str, other: str) -> None:  # type: ignore[no-untyped-def]
    r = linker.link(f"{dateline} At the ACR Convergence meeting, Katrin Hartmann presented "
                    "the LUMEN-3 results of orvelimab in lupus nephritis in 212 patients: "
                    "complete renal response was higher than with placebo.")
    # Undated, the two editions tie (both candidates); the dateline settles it.
    assert links(r) == {want}
    assert other not in links(r)


def test_response_definitions_and_toxicities_are_no_trial_names() -> None:
    from embargo.linking.item import ItemFeatures

    item = ItemFeatures.of("One patient reached DORIS remission and two reached LLDAS; there "
                           "was no ICANS and only grade 1 CRS in the ORCHID-2 trial.")
    assert {"w:doris", "w:lldas", "w:ican", "w:icans", "w:crs"}.isdisjoint(item.trial_like)
    assert "w:orchid2" in item.trial_like or any("orchid" in t for t in item.trial_like)
    # Sjögren's disease measures too: "clinESSDAI", "CRESS"
    sjogren = ItemFeatures.of("Responses were judged by clinESSDAI and the composite CRESS in "
                              "the phase 3 ORCHID-2 trial.")
    assert {"w:clinessdai", "w:cress"}.isdisjoint(sjogren.trial_like)


def test_the_writer_and_outside_experts_are_no_authors() -> None:
    from embargo.linking.item import bystanders

    text = ("By Margaret Zhang, Medical Dispatch\n\nThe work, by Steven Carvalho and colleagues, "
            "looked at lupus. Anjali Hussain, who directs a clinic and was not involved in the "
            "work, said the findings fit.")
    got = bystanders(text)
    assert {"zhang", "hussain"} <= got
    assert "carvalho" not in got


def test_a_shared_surname_of_the_writer_or_an_outsider_links_nothing(team_linker) -> None:  # type: ignore[no-untyped-def]
    text = ("By Sarah Bell and Omar Okafor, Rheum Dispatch\n\nA study presented at ACR "
            "Convergence 2024 looked at work in early rheumatoid arthritis. Ana Ruiz, Daniel Tan "
            "and Eva Varga, who were not involved in the research, said it fits what clinics "
            "see.")
    assert links(team_linker.link(text)) == set()


def test_boilerplate_numbers_and_names_and_the_abstracts_label_are_no_evidence() -> None:
    from embargo.linking.item import ItemFeatures

    text = ("HELSINKI, December 8, 2023 — Among 726 patients, thrombosis was rarer after CAR "
            "T-cell therapy. The data will be presented (abstract #203) at the meeting.\n\n"
            "About Helsinki Medical Center\n\nHelsinki Medical Center is a leading academic "
            "centre. Its researchers lead more than 1443 clinical studies each year.\n\n"
            "Media contact: Elizabeth Zhu, media@example.org")
    item = ItemFeatures.of(text)
    assert "n:726" in item.exact
    assert "n:1443" not in item.exact and "n:203" not in item.exact
    assert "zhu" not in item.caps
    # Said in the item's own sentences, the same number still counts.
    again = ItemFeatures.of(text.replace("Among 726 patients", "Among 1443 patients"))
    assert "n:1443" in again.exact


SIBLING_ROWS = [
    {"meeting": "acr-2024", "number": "0501", "title": "Primary Results of the Phase 3 ALPHA-7 "
     "Trial of Zentarimab in Psoriatic Arthritis", "authors": ["Olsen K", "Price D"],
     "trial_ids": ["NCT09999999"],
     "body": "Methods: ALPHA-7 (NCT09999999) randomized 640 adults with psoriatic arthritis to "
     "zentarimab or placebo. Results: ACR50 at week 24 was 47.3% versus 12.9%. Conclusion: "
     "Zentarimab was effective."},
    {"meeting": "acr-2024", "number": "0502", "title": "Fatigue and Work Productivity with "
     "Zentarimab: Patient-Reported Outcomes from ALPHA-7", "authors": ["Berg L", "Olsen K"],
     "trial_ids": ["NCT09999999"],
     "body": "Methods: Patient-reported outcomes in ALPHA-7 (NCT09999999). Results: "
     "FACIT-Fatigue improved by 6.2 points versus 2.1. Conclusion: Zentarimab improved "
     "fatigue."},
    # A crowd of other studies, so that the trial's names are as rare as in a real catalogue.
    *({"meeting": "acr-2024", "number": f"09{i:02d}", "title": f"Outcomes of {topic} care in "
       f"cohort {i}", "authors": [f"Author{i} A"], "body": f"Methods: {100 + i} patients with "
       f"{topic}. Results: {10 + i}.5% improved. Conclusion: care matters."}
      for i, topic in enumerate(["gout", "lupus", "vasculitis", "myositis", "scleroderma",
                                 "osteoporosis", "uveitis", "sarcoidosis"] * 5)),
]


def test_a_registry_id_is_explained_by_the_studys_linked_abstract(tmp_path: Path) -> None:
    # The sibling analysis shares only the study's names and registry id: once the primary
    # analysis is linked, nothing is left for it, not even a candidate.
    with Catalog(catalogue(tmp_path, SIBLING_ROWS), readonly=True) as cat:
        got = Linker(cat, PolicySet.load()).link(
            "At ACR Convergence 2024, zentarimab (NCT09999999) doubled response in psoriatic "
            "arthritis: ACR50 at week 24 was 47.3% versus 12.9% in 640 adults.")
    assert links(got) == {"acr-2024:0501"}
    assert "acr-2024:0502" not in candidates(got)


def test_numbers_about_the_companys_money_are_no_study_numbers() -> None:
    from embargo.linking.item import ItemFeatures

    item = ItemFeatures.of("Lumira Bio raised its forecast. Revenue grew 24.4% to $302 million, "
                           "while research spending rose 12.8%. In the trial, 61.9% responded.")
    assert "n:24.4" not in item.exact and "n:12.8" not in item.exact
    assert "n:61.9" in item.exact
    # An amount of money alone is no company's: a study's costs are its results.
    costs = ItemFeatures.of("Annual costs were US$12,400 lower per patient. A visit cost "
                            "US$5, and 61.9% of the 312 patients responded.")
    assert {"n:12400", "n:61.9", "n:312"} <= costs.exact


def test_a_surname_with_another_first_name_is_another_person(team_linker) -> None:  # type: ignore[no-untyped-def]
    from embargo.linking.item import given_names

    assert given_names("said Dr. Bram Rivera, lead author")["rivera"] == {"b"}
    text = ("At ACR Convergence 2024, a study of work in early rheumatoid arthritis was "
            "presented by Victor Bell, Pia Okafor, Quentin Ruiz, Walter Tan and Xavier Varga.")
    assert links(team_linker.link(text)) == set()
    # The same surnames with the authors' initials are the authors.
    same = text.replace("Victor Bell", "Sarah Bell").replace("Pia Okafor", "Omar Okafor")
    assert "acr-2024:0302" in links(team_linker.link(same)) | candidates(team_linker.link(same))


def test_bystanders_names_do_not_crowd_the_shortlist(tmp_path: Path) -> None:
    # Twenty-five abstracts by namesakes of the writer and the outside experts must not push
    # the study itself off the shortlist.
    rows = [{"meeting": "acr-2023", "number": "2549", "title": "CXCL13 in Classical Monocytes "
             "of Rheumatoid Arthritis", "authors": ["Anke Lee", "Sofia Myers"],
             "body": "Methods: 74 patients and 40 healthy controls. Results: CXCL13 rose "
             "6.8-fold in classical monocytes."}]
    # (Their topic is the same and a few have a Lee among their authors, so that nothing of
    # the study is rare enough to put it on the shortlist by itself.)
    rows += [{"meeting": "acr-2023", "number": f"3{i:03d}", "title": f"CXCL13 and classical "
              f"monocytes in rheumatoid arthritis cohort {i}",
              "authors": ["Margaret Zhang", "Amy Yoshida", "Samantha Sanchez",
                          *(["Bo Lee"] if i < 4 else [])],
              "body": f"Methods: {200 + i} patients. Results: CXCL13 rose 6.8-fold in "
              f"classical monocytes; {20 + i}.5% flared."}
             for i in range(25)]
    db = catalogue(tmp_path, rows)
    text = ("By Margaret Zhang, Medical Dispatch\n\nA study presented at ACR Convergence 2023 "
            "looked at classical monocytes. The work, by Anke Lee and colleagues: CXCL13 rose "
            "6.8-fold in 74 patients.\n\nAmy Yoshida and "
            "Samantha Sanchez, who were not involved in the research, said it needs follow-up.")
    from embargo.linking.item import ItemFeatures

    with Catalog(db, readonly=True) as cat:
        linker = Linker(cat, PolicySet.load())
        shortlist = linker._shortlist(ItemFeatures.of(text), {}, None)
        ids = {a.id for a in cat.by_rowids(shortlist).values()}
    assert "acr-2023:2549" in ids


@pytest.mark.parametrize("stamp", [
    "25.05.2024 12:15:05 - Wire service",
    "Posted at 10:30 a.m. ET on 11/14/2024",
    "Basel, May 25, 2024 - Lumen Bio",
    "2024-05-25T10:15 update",
])
def test_clock_times_and_dates_are_no_study_numbers(stamp: str) -> None:
    from embargo.linking.item import ItemFeatures

    f = ItemFeatures.of(f"{stamp}\n\nOrvelimab raised response in 212 patients.")
    assert {t for t in f.exact if t != "n:212"} == set()
    assert "n:212" in f.exact


def test_authors_writing_in_a_journal_place_the_data_there() -> None:
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    text = ("\"These results support orvelimab,\" write Anna Lind and co-authors in The "
            "Lancet Rheumatology.")
    venues = find_venues(text, None, MeetingMatcher.build(PolicySet.load(), {}))
    assert [v.kind for v in venues] == ["journal"]
    # a journal named without anyone writing or publishing there places nothing
    assert find_venues("Lind trained in The Lancet Rheumatology's office.", None,
                       MeetingMatcher.build(PolicySet.load(), {})) == []


def test_sending_the_reader_to_the_study_in_a_journal_places_the_data_there() -> None:
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {})
    for text in ("Orvelimab lengthened survival. Click to read the study in NEJM.",
                 "Orvelimab lengthened survival; see the full paper in The Lancet Rheumatology."):
        assert [v.kind for v in find_venues(text, None, matcher)] == ["journal"], text
    # a journal named without the reader sent to the study there places nothing
    assert find_venues("Orvelimab lengthened survival, said Dr. Lind, who keeps every issue "
                       "of NEJM.", None, matcher) == []


_MEETING_WORDS = ["EHA", "esmo", "Annual", "annual", "Congress", "congress", "Meeting", "2024",
                  "1999", "20245", "ſ", "\u212a", "x", "Ab", " ", "  ", "\n", "@", "#", "-", "é"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_MEETING_WORDS), max_size=20).map(" ".join)
       | st.lists(st.sampled_from(_MEETING_WORDS), max_size=20).map("".join))
def test_series_meeting_year_is_found_as_by_the_plain_pattern(text: str) -> None:
    # The possessive series run finds what "[A-Z][A-Za-z]*[A-Z][A-Za-z]*" found.
    import re

    from embargo.linking.venues import _ACRONYM_MEETING_YEAR as fast

    plain = re.compile(fast.pattern.replace("([A-Z][A-Za-z]++)",
                                            "([A-Z][A-Za-z]*[A-Z][A-Za-z]*)"), fast.flags)
    assert plain.pattern != fast.pattern
    assert [m.regs for m in plain.finditer(text)] == [m.regs for m in fast.finditer(text)]


def linked(folder: Path, rows: list[dict[str, object]], *texts: str) -> list:  # type: ignore[type-arg]
    """Each text linked against a catalogue of ``rows``."""
    with Catalog(catalogue(folder, rows), readonly=True) as cat:
        linker = Linker(cat, PolicySet.load())
        return [linker.link(text) for text in texts]


#: A catalogue's other abstract, on the same disease: the crowd a rule's abstract stands in.
FILLER_ROW = {"meeting": "acr-2024", "number": "0700", "title": "Hydroxychloroquine Levels and "
              "Flares in Lupus", "authors": ["Ng W"], "body": "Methods: 150 patients. Results: "
              "low blood levels preceded flares (OR 2.1)."}
SERIES_ROWS = [
    {"meeting": "acr-2024", "number": "1545", "title": "Sustained Complete Renal Response with "
     "Long-term Voclosporin in AURORA 2", "authors": ["Teng Y", "Saxena A"],
     "body": "Background: in AURORA 1, more patients on voclosporin with mycophenolate reached "
     "complete renal response at 52 weeks (41% vs 23%). Methods: patients who finished "
     "AURORA 1 continued into AURORA 2 for two more years. Results: 216 patients entered; "
     "renal response was sustained in 87.6%.", "trial_ids": ["NCT03597464"]},
    FILLER_ROW,
]


def test_a_numbered_trial_is_not_its_series_other_trial(tmp_path: Path) -> None:
    # The release cites AURORA 1; the abstract's title is about AURORA 2, whose background
    # repeats AURORA 1's result: another trial of the series, a candidate at most.
    text = ("Guidelines presented at ACR Convergence 2024 put voclosporin first in lupus "
            "nephritis. In the phase 3 AURORA 1 study, complete renal response at 52 weeks was "
            "reached by 41% of patients on voclosporin with mycophenolate versus 23% on "
            "mycophenolate alone, and renal response was sustained long term.")
    cited, named = linked(tmp_path, SERIES_ROWS, text,
                          text.replace("AURORA 1 study", "AURORA 2 study"))
    assert "acr-2024:1545" not in links(cited)
    assert "acr-2024:1545" in candidates(cited)
    assert "acr-2024:1545" in links(named)  # naming the abstract's own trial links it


def test_numbered_trial_names_are_read_as_one_name() -> None:
    from embargo.linking.item import numbered_trials

    assert numbered_trials("AURORA 1, CheckMate 227 and TULIP-II; SELECT 2 mg; phase 3; "
                           "HER 2; PROSPER 2.5 mg") == {
        "aurora": {"1"}, "checkmate": {"227"}, "tulip": {"2"}}


FURTHER_ROWS = [
    {"meeting": "asn-2024", "number": "FR-OR109", "title": "Semaglutide and Mortality in the "
     "FLOW Trial", "authors": ["Pratley R", "Tuttle K"], "body": "Methods: FLOW "
     "(NCT03819153) randomized 3,533 people with type 2 diabetes and chronic kidney disease "
     "to semaglutide or placebo. Results: all-cause death was lower with semaglutide.",
     "trial_ids": ["NCT03819153"]},
    {"meeting": "asn-2024", "number": "G101", "title": "Outcomes of Chronic Kidney Disease "
     "Care in Routine Practice", "authors": ["Okafor C", "Lind M"], "body": "Methods: "
     "records of adults with chronic kidney disease. Results: cardiovascular death fell "
     "(HR 0.62) and kidney failure rose 2.8-fold without specialist care. Conclusion: "
     "chronic kidney disease care matters."},
    {"meeting": "asn-2024", "number": "G102", "title": "Anaemia in Dialysis", "authors":
     ["Brun S"], "body": "Methods: 90 people on dialysis. Results: anaemia was common."},
]


def test_a_further_link_needs_an_anchor_of_its_own(tmp_path: Path) -> None:
    # Once FLOW's abstract explains the item's study, a routine-care abstract on the same
    # disease that shares only topic words and two short decimals is a candidate at most:
    # the drug and the investigator that counted against it were explained by FLOW.
    text = ("At ASN Kidney Week 2024, Dr. Richard Pratley presented a FLOW (NCT03819153) "
            "analysis: semaglutide lowered all-cause death in chronic kidney disease, and "
            "cardiovascular death (HR 0.62), with kidney failure 2.8 times less frequent in "
            "people with chronic kidney disease and type 2 diabetes.")
    assert links(linked(tmp_path, FURTHER_ROWS, text)[0]) == {"asn-2024:FR-OR109"}


def test_a_source_line_citing_a_paper_places_the_data_in_that_paper() -> None:
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {})
    body = "Orvelimab lengthened survival in lupus nephritis, the trial showed.\n\n"
    paper = body + ("Source:\n\nLind A, Osei B, Hartmann K, et al. Orvelimab in active lupus "
                    "nephritis.")
    assert [v.kind for v in find_venues(paper, None, matcher)] == ["journal"]
    # a citation of the meeting's abstract places nothing elsewhere
    talk = body + ("Source: Lind A, Osei B, et al. Orvelimab in active lupus nephritis. "
                   "Abstract 0849. Presented at ACR Convergence 2024.")
    assert [v.kind for v in find_venues(talk, None, matcher) if v.kind == "journal"] == []


@pytest.mark.parametrize("edition", ["ACR Convergence 2024", "ESMO 2024", "ASCO24"])
def test_a_citation_naming_a_meetings_edition_cites_its_abstract(edition: str) -> None:
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {})
    text = ("Orvelimab lengthened survival in lupus nephritis, the trial showed.\n\n"
            f"Reference:\nLind A et al. Orvelimab in active lupus nephritis. {edition}.")
    assert [v.kind for v in find_venues(text, None, matcher) if v.kind == "journal"] == []


def test_a_news_services_peer_reviewed_publication_label_places_the_data_in_a_journal() -> None:
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {})
    release = ("EurekAlert! — News Release\n\nPeer-Reviewed Publication\n\nLakeshore "
               "University\n\nOrvelimab lengthened survival in lupus nephritis.")
    assert [v.kind for v in find_venues(release, None, matcher)] == ["journal"]
    # the words inside a sentence are no label
    said = ("Orvelimab lengthened survival, and a peer-reviewed publication will follow, "
            "Lind said.")
    assert find_venues(said, None, matcher) == []


# ------------------------------------------------------------- batch 12: studies and chance

SJOGREN_ROW = {
    "meeting": "acr-2024", "number": "1210", "title": "Vorilimab Dosing in Primary Sjögren's "
    "Disease: A Registry Cohort", "authors": ["Delacroix M", "Ansah P"],
    "body": "Methods: 140 adults with primary Sjögren's disease on vorilimab in a national "
    "registry. Results: dryness scores fell by 32.4% at six months and 12.2% stopped for "
    "infections. Conclusion: vorilimab dosing in practice matched trial doses."}


def test_a_trial_named_by_the_item_is_another_study_even_with_the_same_drug(
        tmp_path: Path) -> None:
    # The item names its trial (HALCYON) twice; the registry abstract never names it and
    # shares the drug, one decimal and a rounded share: a drug is tested in many trials.
    text = ("The HALCYON trial of vorilimab has reported its results. In HALCYON, dryness "
            "scores fell by 32.4% on vorilimab, and 12% of patients stopped early.")
    plain = "Dryness scores fell by 32.4% on vorilimab, and 12% of patients stopped early."
    named, unnamed = linked(tmp_path, [*ROWS, SJOGREN_ROW], text, plain)
    assert links(named) == set()
    said = reasons(named)
    assert "probably another study" in said["acr-2024:1210"]
    assert links(unnamed) == {"acr-2024:1210"}  # without the trial's name, the same evidence


SWITCH_ROW = {
    "meeting": "acr-2024", "number": "1777", "title": "Injectable Tarnemab Every Two Months in "
    "Adults Switching From Daily Pills", "authors": ["Quarshie A", "Lund E"],
    "body": "Methods: adults switching to tarnemab. Results: adherence reached 31.8% at first, "
    "36.2% by the second visit, 40.1% by the third and 47.3% by the fourth; satisfaction items "
    "scored 11.4%, 13.7%, 17.9%, 22.6%, 26.8%, 53.7%, 57.9%, 63.8%, 71.2%, 77.6% and 83.9%."}


def test_small_numbers_shared_by_chance_are_no_evidence(tmp_path: Path) -> None:
    # A clinic's report giving nineteen whole numbers under 100 meets four of the fifteen
    # the abstract rounds to (32, 36, 40, 47) by chance: with the drug and a few words, a
    # candidate.  The same four numbers given alone are the abstract's.
    many = ("Tarnemab given every two months kept the virus suppressed in a clinic's patients. "
            "Of 95 people, 14 had high counts, 24 had missed visits, 25 were unhoused, 28 used "
            "drugs, 32 had depression, 36 were women, 40 were over 50, 43 had hepatitis, 47 had "
            "switched before, 50 were Black, 51 were Latino, 52 had insurance, 60 kept every "
            "visit, 69 reached suppression by week 4, 82 by week 8, 85 by week 12, 86 by week "
            "16, 88 by week 20 and 90 by week 24.")
    few = ("Tarnemab given every two months: adherence reached 32% at first, 36% by the second "
           "visit, 40% by the third and 47% by the fourth, in adults switching from daily pills.")
    crowded, plain = linked(tmp_path, [*ROWS, SWITCH_ROW], many, few)
    assert links(crowded) == set()
    assert "acr-2024:1777" in candidates(crowded)
    assert links(plain) == {"acr-2024:1777"}


@pytest.mark.parametrize("sentence", [
    "said ASCO Chief Medical Officer & Executive Vice President Julie R. Gralow, MD, FACP.",
    "said Julie R. Gralow, MD, FACP, FASCO, Chief Medical Officer and Executive Vice President "
    "of ASCO.",
    "said Lynn M. Schuchter, MD, FASCO, President of the society.",
])
def test_an_organisations_officer_commenting_is_not_credited_with_the_study(
        sentence: str) -> None:
    assert study_people(sentence) == set()
    # The same person introduced as the study's author is.
    author = sentence.replace("said ", "said lead author ")
    assert study_people(author, credited_only=True)


@pytest.mark.parametrize("name", [
    "the American College of Rheumatology's 2023 meeting",
    "the ACR's 2023 annual meeting",
    "the American College of Rheumatology 2023 annual meeting",
    "ACR's 2023 Scientific Meeting",
])
def test_a_year_inside_a_societys_meeting_name_picks_the_edition(linker, name: str) -> None:  # type: ignore[no-untyped-def]
    found = linker._meeting_matcher().mentions(f"Two studies shared at {name} looked at this.")
    assert [(x.meeting, x.explicit) for x in found] == [("acr-2023", True)]


PMDD_ROWS = [
    {"meeting": "acr-2024", "number": "0449", "title": "Premenstrual Dysphoric Disorder in "
     "Women with Rheumatoid Arthritis and Healthy Women", "authors": ["Bardan A", "Colunga I"],
     "body": "Methods: 59 women with rheumatoid arthritis and matched controls were screened "
     "for premenstrual dysphoric disorder. Results: it was found in 7 women with rheumatoid "
     "arthritis and 2 controls; 52.54% reported moderate to severe interference."},
]


def test_a_lay_retelling_of_most_of_a_title_at_its_meeting_is_a_candidate(
        tmp_path: Path) -> None:
    # A patient blog retells most of the title at the named meeting, with no number of the
    # abstract: no anchor for a link, but not something to pass unseen.
    text = ("Two studies shared at the 2024 ACR Convergence looked at hormones. One found "
            "premenstrual dysphoric disorder commoner with rheumatoid arthritis.")
    elsewhere = text.replace("the 2024 ACR Convergence", "a women's health forum")
    at_meeting, unnamed = linked(tmp_path, [*ROWS, *PMDD_ROWS], text, elsewhere)
    assert links(at_meeting) == set()
    said = reasons(at_meeting)
    assert "retells most of its title at its meeting" in said["acr-2024:0449"]
    assert "acr-2024:0449" not in candidates(unnamed) | links(unnamed)


TELEHEALTH_ROWS = [
    {"meeting": "acr-2024", "number": "2301", "title": "Telehealth Visits and Missed Care in "
     "Lupus Clinics During the Pandemic", "authors": ["Varga N", "Osei B", "Lindqvist P"],
     "body": "Methods: appointment ledgers and portal messages of lupus patients at clinics in "
     "Leeds and Bergen. Results: video appointments rose and no-shows fell. Conclusion: remote "
     "follow-up kept lupus care going."},
    # A catalogue of some size, so that two authors' surnames are rare in it.
    *({"meeting": "acr-2024", "number": f"3{i:03d}", "title": f"Cohort {i} of Gout Flares in "
       "Older Adults", "authors": [f"Filler{i} A", f"Other{i} B"],
       "body": f"Methods: {100 + i} adults with gout. Results: flares were common."}
      for i in range(300)),
]


def test_some_of_a_teams_authors_and_the_topic_are_the_teams_other_work(tmp_path: Path) -> None:
    # Two of the abstract's authors, not its first, and its topic's words, with none of its
    # title, numbers or names: the same team's other work as much as this abstract.
    team = ("Benedicta Osei, MD, and Pia Lindqvist, MD, presented at ACR Convergence 2024 what "
            "appointment ledgers and portal messages from Leeds and Bergen showed: video "
            "appointments rose, no-shows fell and remote follow-up held up.")
    led = "Nora Varga, MD, " + team
    others, first = linked(tmp_path, [*ROWS, *TELEHEALTH_ROWS], team, led)
    assert links(others) == set()
    said = reasons(others)
    assert "the same team's other work" in said["acr-2024:2301"]
    assert links(first) == {"acr-2024:2301"}  # its first author named: the abstract's own


def test_the_area_kidney_function_is_scaled_to_is_part_of_the_unit() -> None:
    from embargo.linking.features import numbers

    assert [e for e, _ in numbers("egfr 45 ml/min/1.73 m2, then 30 ml/min/1.73 m²")] == \
        ["45", "30"]
    assert [e for e, _ in numbers("a dose of 1.73 mg, a body surface of 1.91 m2")] == \
        ["1.73", "1.91"]


def test_a_registered_brand_in_capitals_is_no_trial_name() -> None:
    from embargo.linking.item import ItemFeatures

    branded = ItemFeatures.of("Clinicians used KRYSTEXXA® with methotrexate more often.")
    assert "w:krystexxa" not in branded.trial_like
    named = ItemFeatures.of("Clinicians in the KRYSTAL study used methotrexate more often.")
    assert "w:krystal" in named.trial_like


def test_a_building_named_after_someone_is_no_author() -> None:
    from embargo.linking.item import ItemFeatures

    venue = ItemFeatures.of("We met at McCormick Place and at the MD Anderson Cancer Center.")
    assert not {"mccormick", "anderson"} & venue.caps
    person = ItemFeatures.of("Natalie McCormick presented the gout study with Dr. Anderson.")
    assert {"mccormick", "anderson"} <= person.caps


def test_one_digit_after_the_word_abstract_is_an_abstract_number() -> None:
    # ASH numbers its plenary abstracts 1 to 6: "(Abstract 4)" names one.
    for text in ("presented at the 66th ASH Annual Meeting (Abstract 4).", "Abstract #4 showed",
                 "Abstract: 6"):
        assert [n[0] for n in abstract_numbers(text)] in (["4"], ["6"])
    # a release's count of its posters or talks, or a list's "Abstract 1:", is no label
    for text in ("Poster 2 shows the subgroup.", "presentation 1 of 3", "Abstract 1: Lupus flares"):
        assert abstract_numbers(text) == []


SIZE_ROWS = [
    {"meeting": "acr-2024", "number": "0266", "title": "Diagnostic Delays and Disparities in "
     "Access to Care in Systemic Lupus Erythematosus", "authors": ["Okonkwo L", "Brandt M"],
     "body": "Methods: a population-based lupus cohort interviewed yearly about delays before "
     "a rheumatologist or nephrologist saw them. Results: 417 patients, 90% female; 16% "
     "waited more than two years to see a doctor. Conclusion: delays in specialty care are "
     "common and unequal."},
    FILLER_ROW,
]
_SIZE_STORY = ("Lupus patients face delays in reaching specialty care, Dr. Lena Okonkwo "
               "reported at ACR Convergence 2024 in her study of diagnostic delays and "
               "disparities in access to care in systemic lupus erythematosus. The team studied "
               "{n} lupus patients; those with less schooling waited longer before a "
               "rheumatologist or nephrologist saw them.")


def test_a_study_of_another_size_is_another_publication(tmp_path: Path) -> None:
    # The abstract counts 417 patients; a story whose team "studied 196" is about another
    # analysis of the same cohort: a candidate, with the two sizes said.  Its own 417 links.
    other, own = linked(tmp_path, SIZE_ROWS, _SIZE_STORY.format(n=196),
                        _SIZE_STORY.format(n=417))
    assert "acr-2024:0266" not in links(other)
    assert "acr-2024:0266" in candidates(other)
    assert "study's size as 196; this abstract's is 417" in reasons(other)["acr-2024:0266"]
    assert "acr-2024:0266" in links(own)


ARMS_ROWS = [
    {"meeting": "acr-2024", "number": "0267", "title": "Orvelimab Consolidation in Lupus "
     "Nephritis: the LUMEN-5 Trial", "authors": ["Okonkwo L", "Brandt M"],
     "body": "Results: 264 patients received orvelimab and 266 placebo. Median renal survival "
     "was 55.9 versus 33.4 months (HR 0.73); 3-year response 57.1% versus 47.6%. "
     "Conclusion: orvelimab improved renal survival."},
    FILLER_ROW,
]


def test_an_item_giving_the_abstracts_own_results_is_about_it_whatever_total_it_gives() -> None:
    # LUMEN-5 enrolled 730 over three arms; its abstract reports two (264 and 266).  A story
    # giving the trial's total beside three of the abstract's own decimals reports this
    # abstract; with the total and no result of it, it may be another publication.
    import tempfile

    story = ("LUMEN-5 enrolled 730 patients with lupus nephritis, Dr. Lena Okonkwo said. "
             "Median renal survival was {a} versus {b} months with orvelimab consolidation, "
             "and {c}% responded at three years.")
    with tempfile.TemporaryDirectory() as d:
        own, other = linked(Path(d), ARMS_ROWS, story.format(a="55.9", b="33.4", c="57.1"),
                            story.format(a="61.2", b="35.0", c="60.2"))
    assert "acr-2024:0267" in links(own)
    assert "acr-2024:0267" not in links(other)


def test_study_sizes_are_the_items_own_counts_before_its_closing_sections() -> None:
    from embargo.linking.item import other_size, study_sizes

    assert study_sizes("The team studied 196 lupus patients. It enrolled 1,204 adults.") == {
        "196", "1204"}
    # a rounding, a subgroup, another study, a trial's "About" section, a year: none
    assert study_sizes("It included more than 400 patients; of 55 patients who completed, "
                       "most improved. A separate study followed 173 RA patients.\n\nAbout "
                       "VERTEX\n\nVERTEX enrolled 198 patients.") == set()
    # the abstract must state a size of its own, which the item never gives
    assert other_size({"196"}, "studied 196 patients", "Results: 417 patients, 90% women") == (
        "196", "417")
    assert other_size({"196"}, "studied 196 patients", "Results: most improved") is None
    assert other_size({"196"}, "studied 196 patients", "Of 417 patients, 196 were women") \
        is None
    assert other_size({"196"}, "studied 196 patients (417 screened)",
                      "417 patients were screened") is None
    # counts of another order are part and whole: a subgroup, or an abstract giving only
    # those with an event and never its total
    assert other_size({"12"}, "included 12 patients", "Results: 417 patients") is None
    assert other_size({"350"}, "enrolled 350 patients", "Results: 12 patients had flares") \
        is None
    # a count glued to a code ("PH20"), or a phrase between count and people, is no size
    assert other_size({"89"}, "enrolled 89 adults",
                      "efgartigimod PH20 SC in adult participants") is None


def test_a_journal_named_by_its_issue_is_a_journal() -> None:
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {})
    text = ("What follows sums up a study by Ferrandiz et al., published in the November 2024 "
            "issue of Rheumatology. Social needs lengthened the delay to diagnosis.")
    assert [(v.kind, v.name) for v in find_venues(text, None, matcher)] == [
        ("journal", "Rheumatology")]
    recalled = ("Social needs lengthened the delay to diagnosis, as previously published in "
                "the May issue of Rheumatology.")
    assert find_venues(recalled, None, matcher) == []
    assert find_venues("Dr. Lind reads every issue of Rheumatology.", None, matcher) == []


SPLIT_TEAM_ROWS = [
    {"meeting": "acr-2024", "number": "2806", "title": "Childhood Abuse and Risk of Systemic "
     "Lupus Erythematosus Among Women", "authors": ["Medha Barbhaiya", "Yvette Cozier",
                                                    "Nelsy Castro-Webb", "Sara Tedeschi"],
     "body": "Methods: a prospective cohort of American women followed for lupus. Results: "
     "abuse in childhood went with a higher risk of developing lupus. Conclusion: trauma "
     "matters."},
    FILLER_ROW,
]


def test_a_team_only_partly_among_the_authors_is_another_study(tmp_path: Path) -> None:
    # The release credits Barbhaiya and Mandl together; the abstract is Barbhaiya's with
    # others: her other work (a candidate at most). Credited with her own co-author, it links.
    text = ("New research at the American College of Rheumatology annual meeting. "
            "Rheumatologists Medha Barbhaiya, MD, MPH, {other}, MD, MPH, and colleagues looked "
            "at what makes American patients with lupus develop long-lasting symptoms.")
    other, own = linked(tmp_path, SPLIT_TEAM_ROWS, text.format(other="Lisa A. Mandl"),
                        text.format(other="Yvette Cozier"))
    assert "acr-2024:2806" not in links(other)
    assert "team with mandl" in reasons(other).get("acr-2024:2806", "mandl: not scored")
    assert "acr-2024:2806" in links(own)


def test_a_team_is_two_people_credited_in_one_sentence() -> None:
    from embargo.linking.item import study_teams

    assert study_teams("Medha Barbhaiya, MD, MPH, Lisa A. Mandl, MD, MPH, and colleagues "
                       "looked for risk factors.") == [frozenset({"barbhaiya", "mandl"})]
    # one person with several credentials; an institution whose name holds "MD"; two people
    # in two sentences
    assert study_teams("Adetunji Toriola, MD, PhD, MPH, said so.") == []
    assert study_teams("Naveen Pemmaraju, MD, of The University of Texas MD Anderson Cancer "
                       "Center, spoke.") == []
    assert study_teams("Ana Ruiz, MD, presented it. Tom Lee, MD, commented.") == []


# ------------------------------------------------- an anchor for every link, and recalled ids

@pytest.fixture(scope="module")
def crowd() -> list[dict[str, object]]:
    """400 generated abstracts (bench/catalog_gen.py, numbered G…): the crowd that gives topic
    words and small numbers the frequency they have in a real catalogue."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from catalog_gen import CatalogGenerator

    return [dict(g.record, number="G" + str(g.record["number"]))
            for g in CatalogGenerator(seed=11).catalogue(400)]


_RURAL = {"meeting": "acr-2024", "number": "0277", "title": "A Nurse-Led Model for Crystal "
          "Arthritis Across Affiliated Sites", "authors": ["Okafor C", "Lind M", "Brun S"],
          "body": "Methods: a national network of rural and urban clinics tested the model. "
          "Results: 33.6% of rural veterans had a urate test in a year against 19.8% before; "
          "deaths were fewer. Conclusion: the best quality care reaches rural veterans through "
          "the network.", "trial_ids": ["NCT01940276"]}


def test_topic_words_and_rounded_numbers_make_a_candidate_not_a_link(
        tmp_path: Path, crowd: list[dict[str, object]]) -> None:
    # Nothing that singles the abstract out (no identifier, title, name, author or study
    # number): "about 34%" and "20%" only round two of its figures.  Its exact figures and
    # its first author link it.
    text = ("Rural veterans with gout get better care through a national network of clinics: "
            "{a} of them had a urate test, up from {b}, and fewer deaths followed. The best "
            "quality care reaches rural veterans through the network{who}.")
    loose, exact = linked(tmp_path, [*crowd, _RURAL],
                          text.format(a="about 34%", b="20%", who=""),
                          text.format(a="33.6%", b="19.8%", who=", said Dr. Chidi Okafor"))
    assert links(loose) == set()
    assert "only the topic's words and small numbers" in reasons(loose)["acr-2024:0277"]
    assert links(exact) == {"acr-2024:0277"}


def test_an_item_three_months_before_an_abstract_makes_it_no_candidate(
        tmp_path: Path, crowd: list[dict[str, object]]) -> None:
    # Weak evidence (a candidate) for an abstract whose meeting opens more than three months
    # after the item: meetings accept their abstracts later than that, so the item reports
    # the study's earlier work.  A month ahead it may be a leak; a link keeps the longer bound.
    from datetime import UTC, datetime, timedelta

    starts = PolicySet.load().get("acr-2024").meeting.starts
    assert starts is not None
    opening = datetime(starts.year, starts.month, starts.day, tzinfo=UTC)
    text = ("Rural veterans with gout get better care through a national network of clinics: "
            "{a} of them had a urate test, up from {b}, and fewer deaths followed. The best "
            "quality care reaches rural veterans through the network{who}.")
    loose = text.format(a="about 34%", b="20%", who="")
    exact = text.format(a="33.6%", b="19.8%", who=", said Dr. Chidi Okafor")
    with Catalog(catalogue(tmp_path, [*crowd, _RURAL]), readonly=True) as cat:
        linker = Linker(cat, PolicySet.load())
        early = linker.link(loose, at=opening - timedelta(days=150))
        late = linker.link(loose, at=opening - timedelta(days=30))
        linked_early = linker.link(exact, at=opening - timedelta(days=150))
    assert "acr-2024:0277" not in candidates(early)
    assert "acr-2024:0277" in candidates(late)
    assert links(linked_early) == {"acr-2024:0277"}


def test_three_exact_short_numbers_anchor_a_link() -> None:
    from embargo.linking.evidence import Signals

    words = [(2.0, "word", w, "w:" + w) for w in ("rural", "network", "veteran")]
    rounded = Signals(parts=[*words, (2.0, "rounded", "≈34", "r:34"),
                             (2.0, "rounded", "≈20", "r:20"), (2.0, "rounded", "≈11", "r:11")])
    exact = Signals(parts=[*words, (2.0, "short_decimal", "8.2", "n:8.2"),
                           (2.0, "small", "27", "n:27"), (2.0, "small", "78", "n:78")])
    assert not rounded.anchored()
    assert exact.anchored()
    assert not Signals(parts=[*words, (2.0, "small", "27", "n:27")]).anchored()


def test_one_count_alone_anchors_no_link() -> None:
    # A count ("306") beside a few of the field's words, with nothing of the abstract's title,
    # names or people and its meeting unnamed, is a coincidence; with a word of its title, its
    # meeting named or another of its study numbers, it singles the abstract out.
    from embargo.linking.evidence import Signals

    parts = [(2.0, "word", w, "w:" + w) for w in ("prolong", "match")]
    parts += [(4.0, "count", "306", "n:306"), (2.0, "small", "30", "n:30")]
    assert not Signals(parts=list(parts)).anchored()
    assert Signals(parts=list(parts), title=0.2).anchored()
    assert Signals(parts=list(parts), meeting=1.0).anchored()
    assert Signals(parts=[*parts, (4.0, "decimal", "35.5", "n:35.5")]).anchored()
    assert Signals(parts=[*parts, (4.0, "count", "417", "n:417")]).anchored()


def test_a_registry_id_recalled_as_earlier_work_is_background(
        tmp_path: Path, crowd: list[dict[str, object]]) -> None:
    # The item is about another trial, and recalls the abstract's as the one it builds on.
    story = ("Apalutamide with abiraterone in metastatic prostate cancer: the new trial, "
             "presented at ACR Convergence 2024, {how} (NCT01940276).")
    recalled, named = linked(tmp_path, [*crowd, _RURAL],
                             story.format(how="builds on the previously reported Abi Race "
                                              "trial"),
                             story.format(how="is the Abi Race trial"))
    assert "acr-2024:0277" not in links(recalled)
    assert "acr-2024:0277" in links(named)


_SMR = {"meeting": "acr-2024", "number": "0280", "title": "A Nurse-Led Model for Crystal "
        "Arthritis Across Affiliated Sites", "authors": ["Okafor C", "Lind M", "Brun S"],
        "body": "Methods: a national network of rural and urban clinics tested the model in 1,304 "
        "veterans. Results: deaths from any cause were more frequent in rural veterans "
        "(standardized mortality ratio 1.30). Conclusion: rural veterans need the network."}


def test_a_ratio_near_one_is_no_study_number(tmp_path: Path,
                                             crowd: list[dict[str, object]]) -> None:
    # "1.30" is a mortality or hazard ratio, printed in any abstract of the field: with the
    # topic's words it makes a candidate at most; the study's count links it.
    text = ("Rural veterans with gout die sooner, a study at ACR Convergence 2024 finds: across "
            "a national network of clinics, deaths from any cause were more frequent among "
            "rural veterans{n} (mortality ratio 1.30).")
    ratio, count = linked(tmp_path, [*crowd, _SMR], text.format(n=""),
                          text.format(n=" in a study of 1,304 veterans"))
    assert links(ratio) == set()
    assert links(count) == {"acr-2024:0280"}


def test_an_aside_in_brackets_inside_a_meetings_name_is_read_past(linker) -> None:  # type: ignore[no-untyped-def]
    m = linker._meeting_matcher()
    # A relay's link text inserted into the society's name; the ordinal picks the edition.
    found = m.mentions("accepted at the 65th American Society of Hematology (ASH) (Free ASH "
                       "Whitepaper) Annual Meeting in San Diego")
    assert [(x.meeting, x.explicit) for x in found] == [("ash-2023", True)]


def test_a_headline_about_the_trials_progress_is_about_the_trial(linker) -> None:  # type: ignore[no-untyped-def]
    body = ("Lumen Bio said half of the planned patients are now enrolled in LUMEN-3, its "
            "trial of orvelimab in lupus nephritis; complete renal response at week 52 was "
            "44.8% versus 23.1% in the Phase 2 data {where}.")
    yearless = body.format(where="presented at the ACR annual meeting")
    assert "acr-2024:0849" in links(linker.link(yearless, title="Lumen Bio reports LUMEN-3 data"))
    for title in ("Lumen Bio Announces Fifty Percent Enrollment Milestone in LUMEN-3",
                  "Lumen Bio completes enrollment in LUMEN-3 trial of orvelimab",
                  "First patient dosed in Lumen Bio's LUMEN-3 extension"):
        r = linker.link(yearless, title=title)
        assert links(r) == set(), title
        assert any("trial milestone" in e for x in r.candidates for e in x.evidence), title
    # Data placed at the abstract's own edition, named with its year, are still its news.
    dated = body.format(where="to be presented at ACR Convergence 2024")
    assert links(linker.link(dated, title="Lumen Bio completes enrollment in LUMEN-3")) == \
        {"acr-2024:0849"}


def test_the_abstract_sharing_most_words_is_weighed_when_numbers_fill_the_list(
        tmp_path: Path) -> None:
    # A data-heavy item shares a number or two with many abstracts; the abstract it retells,
    # cut before its results, holds none of them and must still be weighed.
    numbers = ["0.61", "0.54", "0.69", "4.9", "8.1", "0.63", "0.51", "0.78", "1.05"]
    filler = [{"meeting": "acr-2024", "number": f"{3000 + i}", "title": f"Registry Study {i} "
               "of Hip Fracture Care", "authors": [f"Quist{i} M"],
               "body": f"Methods: Registry {i}. Results: {numbers[i % 9]} and "
               f"{numbers[(i + 1) % 9]} in {100 + i} sites."} for i in range(24)]
    words = ("gout risk with sodium glucose cotransporter inhibitors versus glucagon peptide "
             "agonists in a population cohort of new users").split()
    # Abstracts on the same topic, each lacking one of its words: no word is rare (held by
    # four or more), and the retold abstract shares the most of them.
    topic = [{"meeting": "acr-2022", "number": f"{4000 + i}", "title": f"Topic Study {i}",
              "authors": [f"Lund{i} M"], "body": "Methods: " + " ".join(
                  w for w in words if w != lacking) + "."}
             for i, lacking in enumerate(("gout", "sodium", "glucose", "cotransporter"))]
    other = [{"meeting": "acr-2023", "number": f"{5000 + i}", "title": f"Unrelated Study {i}",
              "authors": [f"Berg{i} K"], "body": f"Methods: {i} children with uveitis in clinic."}
             for i in range(150)]
    target = {"meeting": "acr-2019", "number": "2834", "title": "Assessing Diabetes Drug "
              "Classes", "authors": ["Fralick M"],
              "body": "Methods: " + " ".join(words) + "."}
    with Catalog(catalogue(tmp_path, [*filler, *topic, *other, target]), readonly=True) as cat:
        lk = Linker(cat, PolicySet.load())
        lk.link("Adults taking sodium glucose cotransporter inhibitors had less gout risk than "
                "new users of glucagon peptide agonists in a population cohort: 4.9 vs 8.1 "
                "per 1000, hazard ratio 0.61 (0.54-0.69); heart failure 0.63 (0.51-0.78).")
        assert "acr-2019:2834" in _scored_ids(lk)


def _scored_ids(lk: Linker) -> set[str]:
    """The abstracts the linker weighed for its last item."""
    return {a.id for a in lk.catalog.by_rowids([r for _, r, _ in lk.last_scored]).values()}


def test_a_meeting_two_societies_hold_is_named_by_both(linker) -> None:  # type: ignore[no-untyped-def]
    m = linker._meeting_matcher()
    for text in ("presented at the 2023 ACR/ARP Annual Meeting in San Diego",
                 "the 2023 American College of Rheumatology/Association of Rheumatology "
                 "Professionals (ACR/ARP) Annual Meeting",
                 "the American College of Rheumatology/Association of Rheumatology "
                 "Professionals 2023 Annual Meeting"):
        assert [(x.meeting, x.explicit) for x in m.mentions(text)] == [("acr-2023", True)], text
    # A joint set of criteria is no meeting.
    assert m.mentions("classified by the 2019 EULAR/ACR criteria at the first visit") == []


def test_a_coined_name_with_a_capital_inside_names_a_model_or_study() -> None:
    from embargo.linking.item import ItemFeatures

    item = ItemFeatures.of("The ASembleNet hybrid model and a CycleGAN-based tool read spine "
                           "MRI scans in Chicago; Dr. McNamara and Ms. Smith led the work "
                           "(ClinicalTrials.gov).")
    assert {"w:asemblenet", "w:cyclegan"} <= item.trial_like
    # a surname with a capital inside ("McNamara": too short a stem) and plain words are not
    assert {"w:mcnamara", "w:chicago", "w:smith", "w:hybrid", "w:clinicaltrials"}.isdisjoint(
        item.trial_like)  # nor a site's name


def test_an_institution_named_after_someone_names_no_author() -> None:
    from embargo.linking.item import ItemFeatures

    item = ItemFeatures.of("Liu trained at the Lewis Katz School of Medicine at Temple "
                           "University and is now a resident at George Washington University; "
                           "she also rotated at Mayo Clinic.")
    assert {"lewis", "katz", "temple", "george", "washington", "mayo"}.isdisjoint(item.caps)
    assert "liu" in item.caps
    # the same names as people still count
    person = ItemFeatures.of("Dr. Anna George and Dr. Brian Lewis presented the poster.")
    assert {"george", "lewis"} <= person.caps


def test_a_round_thousand_meets_by_chance_not_as_the_studys_own_number(tmp_path: Path) -> None:
    # "16,000 healthcare professionals" at the meeting is not the abstract's "16,000 QALYs";
    # an exact count such as 16,384 is the study's own.
    rows = [*ROWS, {"meeting": "acr-2016", "number": "1256", "title": "Population Losses in "
                    "Quality-Adjusted Life Years After Knee Replacement",
                    "authors": ["Kerman H", "Losina E"],
                    "body": "Methods: A simulation of 16,384 adults. Results: Current use "
                    "yields 16,000 QALYs lost in American men. Conclusion: Gaps persist.",
                    "url": "https://abstracts.example.org/?p=31256"}]
    with Catalog(catalogue(tmp_path, rows), readonly=True) as cat:
        lk = Linker(cat, PolicySet.load())
        r = lk.link("More than 450 sessions and 16,000 healthcare professionals make the "
                    "American meeting a place where no question is lost.")
        assert "acr-2016:1256" not in links(r)
        shown = [e for x in (*r.links, *r.candidates) if x.abstract.id == "acr-2016:1256"
                 for e in x.evidence]
        assert not any("numbers: 16000" in e for e in shown), shown
        r = lk.link("A simulation of 16,384 adults found quality-adjusted life years lost.")
        shown = [e for x in (*r.links, *r.candidates) if x.abstract.id == "acr-2016:1256"
                 for e in x.evidence]
        assert any("numbers: 16384" in e for e in shown), shown


@pytest.mark.parametrize("written", ["Abstract LBA-7", "abstract LBA7"])
def test_an_organisers_label_is_found_with_or_without_its_dash(tmp_path: Path,
                                                               written: str) -> None:
    # The catalogue holds "LBA-7"; coverage writes "LBA-7" or "LBA7".
    rows = [*ROWS, {"meeting": "ash-2018", "number": "LBA-7", "title": "Orvelimab in Cold "
                    "Agglutinin Disease", "authors": ["Quist M"], "body": "Results: 48 "
                    "patients.", "url": "https://abstracts.example.org/?p=18007"}]
    with Catalog(catalogue(tmp_path, rows), readonly=True) as cat:
        r = Linker(cat, PolicySet.load()).link(
            f"At the 2018 ASH Annual Meeting, {written} reported a new treatment.")
    assert "ash-2018:LBA-7" in links(r)
    ev = [e for x in r.links for e in x.evidence if x.abstract.id == "ash-2018:LBA-7"]
    assert any(e.startswith("abstract number") for e in ev), ev


def test_numbers_alone_are_a_coincidence_not_a_link() -> None:
    # An abstract on another disease that shares "14.2%", "31.7%" and two small numbers with
    # the item, and not one word of its topic, has no anchor: no link (and, in the linker, no
    # candidate either); one word of the topic beside them and the numbers anchor again.
    numbers = [(3.0, "decimal", "14.2", "n:14.2"), (2.5, "decimal", "31.7", "n:31.7"),
               (0.5, "small", "12", "n:12"), (0.5, "small", "18", "n:18")]
    alone = Signals(parts=list(numbers))
    assert not alone.anchored() and alone.numbers_only()
    topic = Signals(parts=[*numbers, (1.0, "word", "relapse", "w:relaps")])
    assert not topic.numbers_only() and topic.anchored()
    assert Signals(parts=list(numbers), ids=0.95).anchored()
def test_people_precheck_never_skips_a_credited_sentence():
    # _people_by_sentence searches a sentence for people only when it holds one of the
    # strings every match holds (a credential, or a cue of _CREDITED's alternatives).
    from embargo.linking.item import (
        _CREDITED,
        _STUDY_PERSON,
        _TEAM_PERSON,
        _credits_anyone,
    )

    sentences = [
        "The data were presented by Dr. Ana Chen at the meeting.",
        "The study was led by Tom Okafor.", "It was given by Ruth Abara.",
        "Lead author Maria Lopez said so.", "Principal investigator Ken Sato spoke.",
        "Study researchers, Dr. Ines Bauer among them, agreed.",
        "Presenter: Laura Kooienga", "Presenting authors: Dr. Li Wei",
        "Okafor and colleagues found it.", "Okafor & co-workers found it.",
        "Okafor and coauthors found it.", "Okafor and her team found it.",
        "Okafor and his team found it.", "As Kim et al. found, it works.",
        "Kim et\nal showed it.", "Joan T. Merrill, MD, of Oklahoma, said so.",
        "Ana Ruiz PhD agreed.",
        "Ana Ruiz, DO, agreed.", "Ana Ruiz, MBChB, agreed.", "Ana Ruiz, MBBS, agreed.",
        "Ana Ruiz, MPH, agreed.", "Ana Ruiz, MSc, agreed.", "Ana Ruiz, MS, agreed.",
        "Ana Ruiz, MHS, agreed.", "Ana Ruiz, MSCE, agreed.", "Ana Ruiz, RN, agreed.",
        "Ana Ruiz, PharmD, agreed.", "Ana Ruiz, DrPH, agreed.", "Ana Ruiz, FRCPC, agreed.",
        "Ana Ruiz, FRCP, agreed.", "Ana Ruiz, FACR, agreed.", "Ana Ruiz, FRACP, agreed.",
        "Ana Ruiz, FACP, agreed.", "Ana Ruiz, Jr., MD, agreed.",
    ]
    for sentence in sentences:
        credited, credential = _credits_anyone(sentence)
        assert any(p.search(sentence) for p in (_CREDITED, _STUDY_PERSON, _TEAM_PERSON)), \
            sentence
        if _CREDITED.search(sentence):
            assert credited, sentence
        assert credited or credential, sentence
    assert _credits_anyone("Ana Ruiz said the drug worked in 40% of patients.") == (False,
                                                                                   False)


def test_small_numbers_count_only_beside_the_items_topic() -> None:
    # A drug tested in many diseases, "cohort study" and a few small or rounded numbers: an
    # abstract on alcohol-associated hepatitis shares them with a story on rheumatoid
    # arthritis by chance.  With a word of the topic shared, the numbers count again.
    parts = [(4.0, "name", "semaglutid", "w:semaglutid"),
             (0.9, "pair", "cohort study", "b:cohort_study"),
             (1.9, "small", "42", "n:42"), (1.7, "rounded", "≈29", "r:29")]
    apart = Signals(parts=list(parts))
    assert not apart.topical()
    assert not any("small numbers" in e for e in apart.evidence)
    without = Signals(parts=parts[:2])
    assert apart.llr() == without.llr()
    word = (1.5, "word", "rheumatoid", "w:rheumatoid")
    near = Signals(parts=[*parts, word])
    assert near.topical()
    assert near.llr() > Signals(parts=[*parts[:2], word]).llr() + 2.0


def test_results_none_of_which_are_the_abstracts_are_another_data_cut(tmp_path: Path) -> None:
    # An item naming no meeting and nothing of the abstract, giving three results or more and
    # none of the abstract's, reports another data cut or publication of the same study (a
    # later update, a journal paper): a candidate at most, whatever title words it shares.
    # A catalogue holding the abstract only in part may lack those results: no such cap.
    update = ("Orvelimab in Active Lupus Nephritis: Results of the Phase 2 LUMEN-3 Trial\n\n"
              "In the phase 2 LUMEN-3 trial of orvelimab in active lupus nephritis, complete "
              "renal response at 18 months was 51.2% versus 25.4%, 62.5% of responders stayed "
              "in remission, and flares fell to 11.3%.")
    own = update.replace("at 18 months was 51.2% versus 25.4%", "at week 52 was 44.8% versus "
                         "23.1%")
    whole = dict(ROWS[1])
    partial = {**whole, "partial": True}
    for row, text, linked in ((whole, update, False), (whole, own, True),
                              (partial, update, True)):
        folder = tmp_path / f"{linked}-{len(row)}-{len(text)}"
        folder.mkdir()
        with Catalog(catalogue(folder, [row, *ROWS[2:]]), readonly=True) as cat:
            result = Linker(cat, PolicySet.load()).link(text)
        assert (links(result) == {"acr-2024:0849"}) is linked, (row.get("partial"), text)


def test_a_known_series_glued_to_its_year_is_that_edition() -> None:
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {"elcc-2025": 10})
    assert [(v.series, v.year) for v in find_venues(
        "The update was presented at ELCC2025 in Paris.", None, matcher)] == [("elcc", 2025)]
    # a drug's code of the same shape is no meeting
    assert find_venues("Patients received AZD2014 twice daily in the study.", None,
                       matcher) == []


def test_in_another_language_a_named_edition_is_where_the_data_are() -> None:
    # "Au congrès de l'ASCO 2025, l'équipe a détaillé ...": the English words that place data
    # at a meeting cannot be read in French, so an edition named with its year is a venue
    # (in English, a passing mention needs them).
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {"asco-2025": 10, "asco-2024": 10})
    lead = ("L'essai de phase III a comparé deux schémas de chimiothérapie chez des patients "
            "atteints d'un cancer de l'œsophage, et les résultats ont montré une survie plus "
            "longue avec le premier schéma, selon les auteurs de l'étude. " * 8)
    french = lead + "Au congrès de l'ASCO 2025, l'équipe a détaillé les modes de récidive."
    assert ("asco", 2025) in [(v.series, v.year) for v in find_venues(french, None, matcher)]
    english = ("The phase 3 trial compared two chemotherapy schedules in patients with "
               "oesophageal cancer, and the results showed longer survival with the first, "
               "the authors said. " * 8 + "Some will recall the ASCO 2025 meeting's crowds.")
    assert ("asco", 2025) not in [(v.series, v.year)
                                  for v in find_venues(english, None, matcher)]


@pytest.mark.parametrize(("headline", "regulatory"), [
    ("【承認】限局型小細胞肺がんへの適応でイミフィンジが薬事承認", True),
    ("Orvelimab erhält die Zulassung in der EU", True),
    ("Orvelimab: approvazione AIFA per la nefrite lupica", True),
    ("イミフィンジの承認申請を行った", False),  # the application, not the approval
    ("Orvelimab improves renal response at ACR Convergence 2024", False),
])
def test_an_approval_headline_in_another_language_is_a_regulatory_decision(
        headline: str, regulatory: bool) -> None:
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {"acr-2024": 10})
    kinds = [v.kind for v in find_venues("Die Daten folgen.", headline, matcher)]
    assert ("regulatory" in kinds) is regulatory, kinds
    # an approval the lead recalls as background, under a title about a congress, is none
    lead = f"LAURA試験でPFSが延びた。この結果でFDAの承認も得ている。{headline}"
    assert "regulatory" not in [v.kind for v in find_venues(
        lead, "LAURA試験 OSアップデート解析 ELCC2025", matcher)]


def test_a_library_record_and_a_grant_record_are_other_publications() -> None:
    # A library catalogue's record of a paper ("Format: Article") is the journal paper; a
    # research grant's record (an NIH award number in its lead, "R21AR080309") is the funded
    # project, whose title the team's abstract may repeat: neither is a presentation.
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {"acr-2024": 10})
    record = ("Bibliographic Details\nMain Authors: Kelli D. Allen, Liubov Arbeeva\n"
              "Format: Article\nOnline Access: Get full text")
    assert [v.kind for v in find_venues(record, "Optimizing osteoarthritis care", matcher)] \
        == ["journal"]
    grant = ("Award R21AR080309 — project summary\n\nA large body of studies has shown "
             "shortfalls in the quality of osteoarthritis care.")
    assert [v.kind for v in find_venues(grant, None, matcher)] == ["grant"]
    # an award number deep in a story's acknowledgements is no record of the grant
    story = ("The team presented its trial of a clinic-community model of care for knee and "
             "hip osteoarthritis, in which 60 patients took part, and reported better "
             "function after a year. " * 8 + "The work was funded by award R21AR080309.")
    assert "grant" not in [v.kind for v in find_venues(story, None, matcher)]


# ------------------------------------------------- stop 34: a study's names by its registry id

STUDY_ROWS = [
    # The meeting's abstract as the catalogue holds it: title, authors, the registry id, and
    # no trial name (the page showed only the title).
    {"meeting": "acr-2024", "number": "L21", "title": "Corvalimab Improved Disease Activity in "
     "Systemic Lupus Erythematosus: Results of a Phase 3 Trial", "authors": ["Hallberg T",
     "Osei K"], "trial_ids": ["NCT07777777"], "category": "late-breaking",
     "body": "Efficacy and safety of corvalimab in a phase 3 trial in lupus.", "partial": True},
    # The same study's analysis at the next year's meeting names the trial beside its id.
    {"meeting": "acr-2025", "number": "1866", "title": "Remission With Corvalimab in Lupus: "
     "A Post Hoc Analysis of the NIMBUS-3 Trial", "authors": ["Osei K", "Hallberg T"],
     "body": "Methods: NIMBUS-3 (NCT07777777) randomized adults with lupus to corvalimab or "
     "placebo. Results: remission reached 21.4% versus 11.9%. Conclusion: more remission."},
    *({"meeting": "acr-2024", "number": f"07{i:02d}", "title": f"Outcomes of {topic} care in "
       f"cohort {i}", "authors": [f"Author{i} A"], "body": f"Methods: {100 + i} patients with "
       f"{topic}. Results: {10 + i}.5% improved. Conclusion: care matters."}
      for i, topic in enumerate(["gout", "lupus", "vasculitis", "myositis", "scleroderma",
                                 "osteoporosis", "uveitis", "sarcoidosis"] * 8)),
]


def test_a_trial_name_the_catalogue_gives_with_the_registry_id_is_the_studys(
        tmp_path: Path) -> None:
    # The item names the trial (NIMBUS-3) and the meeting, never the registry id.  The
    # meeting's abstract does not write the trial's name, but another publication in the
    # catalogue gives it beside the registry id both hold: the name is no sign of another
    # study, and with the meeting and the category the meeting's abstract is the link.
    text = ("Data from the NIMBUS-3 trial of corvalimab in people with lupus came in a "
            "late-breaking oral presentation at ACR Convergence 2024. In NIMBUS-3, more "
            "patients responded.")
    with Catalog(catalogue(tmp_path, STUDY_ROWS), readonly=True) as cat:
        got = Linker(cat, PolicySet.load()).link(text)
        rowid = {aid: r for r, aid in cat.conn.execute("SELECT rowid, id FROM abstracts")}
        assert cat.study_siblings(rowid["acr-2024:L21"]) == [rowid["acr-2025:1866"]]
        assert cat.study_siblings(rowid["acr-2024:0700"]) == []
    assert links(got) == {"acr-2024:L21"}
    said = " ".join(next(x for x in got.links if x.abstract.id == "acr-2024:L21").evidence)
    assert "nimbus" in said and "names not shared" not in said


def test_the_day_of_the_talk_before_a_yearless_meeting_name_gives_its_edition() -> None:
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {"asn-2022": 10, "asn-2023": 10})
    text = ('The abstract, to be presented on November 4, 2022 at the American Society of '
            'Nephrology ("ASN") Annual Conference – Kidney Week, is now online.')
    found = [(v.meeting, v.year) for v in find_venues(text, None, matcher)]
    assert found == [("asn-2022", 2022)]
    # Without the day before it, the name fits every edition; a day in another sentence is
    # not the meeting's.
    assert [v.year for v in find_venues(text.replace("on November 4, 2022 ", ""), None,
                                        matcher)] == [None]
    assert [v.year for v in find_venues(
        "Enrollment closed on November 4, 2022. It will be presented at Kidney Week.", None,
        matcher)] == [None]


def test_the_named_studys_other_publications_are_all_weighed(tmp_path: Path) -> None:
    # A data-heavy item shares two numbers with each of many abstracts, which fill the
    # shortlist; the meeting's abstract, held without its results, shares none.  It is
    # still weighed, as the other publication of the study the item names.
    numbers = [f"{20 + i}.{i % 9 + 1}" for i in range(80)]
    crowd = [{"meeting": "acr-2024", "number": f"08{i:02d}", "title": f"Registry outcomes in "
              f"cohort {i}", "authors": [f"Writer{i} B"], "body": "Methods: a registry. "
              f"Results: {', '.join(numbers[4 * i:4 * i + 4])}% improved."}
             for i in range(20)]
    # The drug is in other studies too: it is no rare word that brings any of them.
    crowd += [{"meeting": "acr-2024", "number": f"09{i:02d}", "title": f"Corvalimab in "
               f"{topic}: a phase 2 study", "authors": [f"Maker{i} C"], "body": "Methods: "
               f"adults with {topic}. Results: corvalimab was tolerated."}
              for i, topic in enumerate(["psoriasis", "gout", "myositis", "uveitis"])]
    text = ("Data from the NIMBUS-3 trial of corvalimab in people with lupus came in a "
            "late-breaking oral presentation at ACR Convergence 2024. In NIMBUS-3, "
            + ", ".join(f"{n}%" for n in numbers) + " of the measures improved.")
    with Catalog(catalogue(tmp_path, [*STUDY_ROWS, *crowd]), readonly=True) as cat:
        linker = Linker(cat, PolicySet.load())
        got = linker.link(text)
        ids = {r: aid for r, aid in cat.conn.execute("SELECT rowid, id FROM abstracts")}
        weighed = {ids[rowid] for _, rowid, _ in linker.last_scored}
    assert "acr-2024:L21" in weighed
    assert links(got) == {"acr-2024:L21"}


def test_counts_of_the_meetings_programme_are_no_study_numbers() -> None:
    from embargo.linking.item import ItemFeatures

    item = ItemFeatures.of("This year's meeting features more than 2,500 posters and more than "
                           "250 oral abstract presentations. In the trial, 61.9% of 312 "
                           "patients responded.")
    assert "n:250" not in item.exact and "n:2500" not in item.exact
    assert {"n:61.9", "n:312"} <= item.exact
    # the same number counting patients is the study's
    assert "n:250" in ItemFeatures.of("The trial enrolled 250 patients.").exact
    # a poster's place over the next line's label is no count of the programme
    assert "n:50" in ItemFeatures.of("Location: Section 50\nAbstract Number: CT192").exact


def test_a_source_line_or_a_journals_article_address_places_the_data_in_a_journal() -> None:
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {"asn-2025": 10})
    body = "\n\nPISCES randomized 1,228 patients on hemodialysis to fish oil or placebo.\n"

    def kinds(text: str) -> list[str]:
        return [v.kind for v in find_venues(text, None, matcher)]

    assert kinds("Back to news list\n\nSource: NEJM" + body) == ["journal"]
    assert kinds("Original: https://www.nejm.org/doi/full/10.1056/NEJMoa2513032" + body) == [
        "journal"]
    # a meeting supplement's address is the abstract's own, and a journal named in passing
    # with no mark of publication places nothing
    assert kinds("See https://ascopubs.org/doi/10.1200/JCO.2024.42.16_suppl.4091" + body) == []
    assert kinds("The NEJM editors were not involved." + body) == []


def test_a_headline_announcing_a_regulatory_filing_is_about_the_filing() -> None:
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {"asco-2023": 10})
    body = "\n\nThe application holds the phase 2b LUMEN-2 data, with a response rate of 41.3%.\n"
    for title in ("Corvalimab Biologics License Application for Biliary Cancer Completed",
                  "Lumen Bio Submits New Drug Application to the FDA for Corvalimab"):
        assert [v.kind for v in find_venues(body, title, matcher)] == ["filing"], title
    # a filing in the body, or one only planned, is background
    assert find_venues(body + "A BLA submission is planned for next year.\n",
                       "LUMEN-2 Results at ASCO", matcher) == []


def test_a_registered_sign_is_no_part_of_a_meetings_name() -> None:
    from embargo.linking.features import fold
    from embargo.linking.meetings import MeetingMatcher

    assert fold("ASCO® 2024 Highlights") == "asco  2024 highlights"
    assert fold("LORBRENA™ (lorlatinib)") == "lorbrena  (lorlatinib)"
    matcher = MeetingMatcher.build(PolicySet.load(), {"asco-2024": 10})
    assert {m.meeting for m in matcher.mentions("ASCO® 2024 Highlights: Presenter Vignette")
            if m.explicit} == {"asco-2024"}


def test_a_meetings_name_holds_registered_signs_and_not_its_day() -> None:
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {"asco-2024": 10})
    text = ("The data will be presented at the 2024 American Society of Clinical Oncology® "
            "(ASCO®) Annual Meeting on Monday, June 3 at 8 a.m. CT.")
    assert [(v.series, v.year) for v in find_venues(text, None, matcher)] == [("asco", 2024)]
    # what a meeting is on is its name; when it is, not
    assert [v.name for v in find_venues(
        "It was presented at the Annual Meeting on Monday.", None, matcher)] == []


ODDS_ROW = {
    "meeting": "acr-2024", "number": "1888", "title": "Metabolic Conditions and Early-Onset "
    "Gout in a Claims Database", "authors": ["Okonkwo F", "Lindqvist M"],
    "body": "Methods: nested case-control study in a claims database of adults under 50. "
    "Results: 4,673 cases and 40,832 controls. Obesity raised the risk (OR: 1.33, 95% CI "
    "1.16-1.52); one, two and three conditions gave ORs of 1.13 (1.04-1.22), 1.18 (1.07-1.31) "
    "and 1.40 (1.22-1.61), and hypertension 1.25 (1.10-1.42). Conclusion: metabolic conditions "
    "go with early-onset gout."}


def test_ratios_near_one_shared_by_chance_are_no_anchor(tmp_path: Path) -> None:
    # A story giving nine hazard ratios on another database study shares two of them with an
    # abstract of odds ratios and their intervals, and a "50": chance explains one of the
    # ratios, so what is left anchors nothing (a candidate at most).  The same two ratios
    # given alone, with the abstract's counts, still link.
    many = ("A Dutch primary care database found that osteoarthritis goes with obesity and "
            "other diseases in about 50% of the comorbidities studied: anaemia (HR 1.47), "
            "thromboembolic disease (HR 1.64), drug abuse (HR 1.40), rheumatoid arthritis (HR "
            "1.52), gout (HR 1.70), psoriasis (HR 1.72), asthma (HR 1.81), reflux (HR 2.06) "
            "and sleep apnoea (HR 2.55).")
    few = ("In a claims database of 4,673 cases and 40,832 controls, obesity raised the risk "
           "of early-onset gout (OR 1.40; upper bound 1.52).")
    # (a catalogue of some size, so that the ratios are as rare as in a real one)
    crowded, plain = linked(tmp_path, [*ROWS, *STUDY_ROWS[2:], ODDS_ROW], many, few)
    assert "acr-2024:1888" not in links(crowded)
    assert "acr-2024:1888" in candidates(crowded)
    assert links(plain) == {"acr-2024:1888"}


DESIGN_ROW = {
    "meeting": "acr-2020", "number": "INFO29", "title": "A Phase 3, Randomized, Placebo-"
    "Controlled Study of Corvalimab in Lupus Nephritis (The HALO Study)", "authors": [
        "Sorensen P", "Mbeki T"], "body": "Background: lupus nephritis needs new therapies. "
    "The abstract describes HALO, a phase 3 randomized study of corvalimab."}


def test_an_item_dated_years_after_a_meeting_naming_none_is_a_later_publication(
        tmp_path: Path) -> None:
    # A company's results release of 2024 names the trial and the drug and most of the title
    # of the trial's design abstract at the 2020 meeting, but no meeting: coverage of an
    # abstract comes with its meeting, so this reports a later publication (a candidate at
    # most).  The same text dated the meeting's year links.
    body = ("Lumen Bio today presented results of the phase 3 randomized HALO study of "
            "corvalimab in lupus nephritis: 41.2% of patients on corvalimab reached a complete "
            "renal response. HALO is a placebo-controlled study.")
    late, near = linked(tmp_path, [*ROWS, *STUDY_ROWS[2:], DESIGN_ROW],
                        "Basel, May 25, 2024 - " + body, "Basel, May 25, 2020 - " + body)
    assert "acr-2020:INFO29" not in links(late)
    assert "after this abstract's meeting" in reasons(late)["acr-2020:INFO29"]
    assert links(near) == {"acr-2020:INFO29"}


def test_a_trials_listing_still_recruiting_is_the_trial_in_progress() -> None:
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {"asco-2024": 10})
    listing = ("Stepped Palliative Care in Advanced Lung Cancer (STEP PC)\n\nEarly palliative "
               "care improves outcomes.\n\nStudy Status\n\nData Collection/Active Recruitment\n")
    assert [v.kind for v in find_venues(listing, None, matcher)] == ["milestone"]
    assert [v.kind for v in find_venues("Recruitment status: Recruiting\n", None, matcher)] == [
        "milestone"]
    # a finished trial's status, or the word in prose, is nothing
    assert find_venues(listing.replace("Active Recruitment", "Analysis complete"), None,
                       matcher) == []
    assert find_venues("Their status improved, and they kept recruiting friends.", None,
                       matcher) == []


AURELIA_ROW = {
    "meeting": "acr-2024", "number": "0940", "title": "Orvelimab Reduces Flares in Systemic "
    "Lupus Erythematosus: Results of the Randomized AURELIA Trial", "authors": ["Quist H",
                                                                                  "Mbata K"],
    "body": "Methods: 210 adults with SLE. Results: flares fell from 38.2% to 21.7%. "
    "Conclusion: orvelimab reduced flares."}


def test_with_no_meeting_named_a_link_needs_most_of_the_title(tmp_path: Path) -> None:
    # Naming no meeting, no identifier and none of the study's numbers, an item retelling
    # under three quarters of the title shares only what every publication of the study
    # shares (its name, drug and topic): a candidate.  Retelling most of it links.
    some = ("Orvelimab reduces flares in systemic lupus, the AURELIA trial found. AURELIA "
            "tested the drug in adults.")
    most = ("Orvelimab reduces flares in systemic lupus erythematosus, according to the "
            "AURELIA trial. AURELIA tested the drug in adults.")
    partly, mostly = linked(tmp_path, [*ROWS, *STUDY_ROWS[2:], AURELIA_ROW], some, most)
    assert links(partly) == set()
    assert "nothing of this abstract beyond its study" in reasons(partly)["acr-2024:0940"]
    assert links(mostly) == {"acr-2024:0940"}


def test_another_word_for_a_societys_annual_meeting_is_its_meeting() -> None:
    from embargo.linking.meetings import MeetingMatcher

    matcher = MeetingMatcher.build(PolicySet.load(), {"acr-2021": 10})
    for text, word in (("Today at the American College of Rheumatology (ACR) annual assembly, "
                        "researchers reported the results.", "assembly"),
                       ("They spoke at the ACR annual convention.", "convention")):
        (found,) = matcher.mentions(text)
        assert found.series == "acr"
        assert text[found.start:found.end].endswith("annual " + word)  # the whole word
    assert matcher.mentions("the annual assembly of the village") == []


def test_a_meeting_word_before_its_societys_bracketed_acronym_names_that_meeting() -> None:
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    matcher = MeetingMatcher.build(PolicySet.load(), {"asco-2023": 10, "eha-2023": 10})
    for text in ("Los resultados se conocieron el domingo en Chicago, en el congreso anual más "
                 "grande de especialistas en cáncer, el que organiza la Sociedad Estadounidense "
                 "de\nOncología Clínica (ASCO).",
                 "The company presented the data at this year's meeting of the American Society "
                 "of Clinical Oncology (ASCO)."):
        assert [(v.series, v.year) for v in find_venues(text, None, matcher)] == [
            ("asco", None)], text
    # a meeting with a name of its own that the society organises is another meeting
    assert "eha" not in {v.series for v in find_venues(
        "Data were shown at the 1st European CAR T Meeting organized by the European "
        "Hematology Association (EHA), in February.", None, matcher)}


def test_a_cohorts_disease_after_a_programmes_name_is_no_part_of_the_name() -> None:
    # "RESET-Myositis" of the RESET programme (RESET-SLE, RESET-SSc): "myositis" is the
    # cohort's disease, a topic word that any myositis abstract holds, not the study's name.
    from embargo.linking.item import ItemFeatures, _name_part

    assert _name_part("RESET-Myositis") == "RESET"
    assert _name_part("RESET-SLE") == "RESET-SLE"
    assert _name_part("DESTINY-Breast06") == "DESTINY-Breast06"
    item = ItemFeatures.of("In the RESET-Myositis trial, six patients with dermatomyositis were "
                           "treated; RESET-SLE enrolled three.")
    assert "w:reset" in item.trial_like and "w:sle" in item.trial_like
    assert "w:myositis" not in item.trial_like


def test_a_round_up_numbering_its_entries_reports_only_the_numbered_ones(linker) -> None:  # type: ignore[no-untyped-def]
    # Three late-breakers named by number, all of ASH 2018; a 2017 late-breaker the second's
    # conclusion cites by its study's name is mentioned, not reported: a candidate at most.
    from embargo.linking.evidence import Signals

    def sig(am: str, number: str | None) -> Signals:
        s = Signals(am=am)
        if number:
            s.ids, s.id_evidence = 1.0, [f"abstract number {number}"]
        return s

    accepted = [(1.0, 1, sig("ash-2018", "LBA-1")), (1.0, 2, sig("ash-2018", "LBA-2")),
                (0.96, 3, sig("ash-2017", None)), (0.9, 4, sig("ash-2018", None))]
    kept, demoted = linker._numbered_entries(accepted)
    assert [r for _, r, _ in kept] == [1, 2, 4]
    assert [(r, c) for c, r, _ in demoted] == [(3, linker.options.demoted)]
    # one numbered entry is no round-up by numbers
    assert linker._numbered_entries(accepted[1:]) == (accepted[1:], [])


def test_a_language_is_no_author_without_a_first_name(tmp_path: Path) -> None:
    # "speaks English" names no author English; "Kelly English" does.
    rows = [{"meeting": "acr-2024", "number": "PP04", "title": "Patient Engagement in Research "
             "Improves Quality of Life", "authors": ["Kelly English", "Graham Macdonald"],
             "body": "Background: Living with a difficult disease, the author took part in "
             "research as a patient partner. Conclusion: Engagement eased her stress.",
             "url": "https://abstracts.example.org/?p=1"}]
    with Catalog(catalogue(tmp_path, rows), readonly=True) as cat:
        lk = Linker(cat, PolicySet.load())
        blog = ("Back from the meeting: my clinic's nurse speaks English and Hungarian, and we "
                "talked about stress in difficult disease and research.")
        lk.link(blog)
        assert not any("english" in e for _, _, sig in lk.last_scored for e in sig.evidence)
        lk.link(blog + " Kelly English told the story of her research as a patient partner.")
        assert any("english (first author)" in e for _, _, sig in lk.last_scored
                   for e in sig.evidence)


def test_of_one_first_authors_two_abstracts_the_retold_title_wins() -> None:
    # The author fits both of the team's abstracts alike: the one whose title the item retells
    # (at least half of it, and twice the other's share) is the one it reports.
    from embargo.linking.evidence import Signals

    def sig(title: float, author: str | None) -> Signals:
        s = Signals(am="acr-2024", title=title)
        if author:
            s.parts.append((2.0, "first_author", author, "a:" + author))
        return s

    current = {1: sig(0.25, "jorge"), 2: sig(0.55, "jorge"), 3: sig(0.9, None)}
    llr = {1: 10.3, 2: 8.2, 3: 6.6}
    assert Linker._same_study_by_title(1, current, llr) == 2
    # another author's abstract, however much of its title is retold, is not the team's
    assert Linker._same_study_by_title(1, {1: current[1], 3: current[3]}, llr) == 1
    # a title share not twice the best's, or evidence far weaker, leaves the best
    assert Linker._same_study_by_title(1, {1: sig(0.3, "jorge"), 2: current[2]}, llr) == 1
    assert Linker._same_study_by_title(1, current, {1: 12.0, 2: 8.2, 3: 6.6}) == 1


def test_of_one_trials_two_abstracts_the_retold_title_wins() -> None:
    # The trial's name fits each of its analyses at the meeting alike (a remission analysis,
    # a flare analysis): the one whose title the item retells is the one it reports, whoever
    # leads either author list.
    from embargo.linking.evidence import Signals

    def sig(title: float, trial: str | None, author: str | None = None) -> Signals:
        s = Signals(am="acr-2025", title=title)
        if trial:
            s.parts.append((4.0, "trial", trial, "w:" + trial))
        if author:
            s.parts.append((2.0, "author", author, "a:" + author))
        return s

    flares, remission = sig(0.1, "phoenyc", "vital"), sig(0.57, "phoenyc", "vital")
    llr = {1: 16.89, 2: 16.89}
    assert Linker._same_study_by_title(1, {1: flares, 2: remission}, llr) == 2
    # another trial's abstract, or one sharing only a co-author, is not the trial's analysis
    assert Linker._same_study_by_title(1, {1: flares, 2: sig(0.57, "ember")}, llr) == 1
    assert Linker._same_study_by_title(1, {1: flares, 2: sig(0.57, None, "vital")}, llr) == 1
    # a sibling with stronger evidence that retells more of its title (not twice as much) is
    # preferred too: the best was chosen by its share of the evidence, which a sibling whose
    # evidence holds all of its own and more can lose to it
    subgroup, mrd = sig(0.43, "cartitude4"), sig(0.66, "cartitude4")
    assert Linker._same_study_by_title(1, {1: subgroup, 2: mrd}, {1: 12.87, 2: 13.61}) == 2
    assert Linker._same_study_by_title(1, {1: subgroup, 2: mrd}, {1: 12.87, 2: 12.5}) == 1


def test_a_hyphenated_surname_is_read_whole_and_in_parts() -> None:
    # The catalogue keeps "C. Roberto Simons-Linares" as the surname simons-linares: the
    # item's capitalised words hold it whole, and its parts still (a "Linares" alone).
    from embargo.linking.item import ItemFeatures

    item = ItemFeatures.of("A team led by C. Roberto Simons-Linares, MD, presented a poster.")
    assert {"simons-linares", "simons", "linares"} <= item.caps
    assert "kaplan-meier" not in ItemFeatures.of("the kaplan-meier curves").caps


def test_an_initial_before_a_first_name_is_a_first_name_too() -> None:
    # "C. Roberto Simons-Linares" goes by his second name: the author listed as C. Simons-
    # Linares is he, and a "Bram Rivera" is still not an author Sharon Rivera.
    from embargo.linking.item import given_names

    got = given_names("A team led by C. Roberto Simons-Linares, MD, and Bram Rivera said")
    assert got["simons-linares"] == {"c", "r"}
    assert got["rivera"] == {"b"}


def test_the_lancet_is_a_journal_with_a_lower_case_article_or_none() -> None:
    # "Writing in the Lancet, Collins and colleagues …": the same journal as "The Lancet"
    # (a lancet, lower case, is an instrument).
    from embargo.linking.meetings import MeetingMatcher
    from embargo.linking.venues import find_venues

    m = MeetingMatcher.build(PolicySet.load(), ["asn-2022"])
    for text in ("Writing in the Lancet, Michael Collins and colleagues reported the trial.",
                 "The results were published in Lancet on Friday.",
                 "The paper appeared in The Lancet Oncology."):
        assert [v.kind for v in find_venues(text, None, m)] == ["journal"], text
    assert find_venues("Blood was drawn with a lancet and tested.", None, m) == []


def test_an_agent_is_a_word_of_research_writing_and_no_topic() -> None:
    # "a therapeutic agent", "biologic agents", "second-line therapy", "lines of treatment":
    # said of any study, so it is no evidence (the
    # signals skip such words), and an abstract sharing only it and a couple of numbers with
    # an item shares numbers only: not even a candidate.
    from embargo.linking import features as F

    assert {"agent", F.stem("agents"), "line", F.stem("lines")} <= F.GENERIC_STEMS
    assert F.generic_term("w:agent") and not F.generic_term("b:igg4_agent")


def test_one_or_two_decimals_beside_the_topic_are_no_anchor() -> None:
    # A paper's summary giving twenty-six decimals shares two of them with some abstract of
    # the field by chance: that and the topic's words make a candidate at most.  Three
    # numbers given exactly, a count, or two decimals at the meeting the item names single
    # the abstract out.
    from embargo.linking.evidence import Signals

    def sig(*numbers: tuple[str, str], meeting: float = 0.0) -> Signals:
        s = Signals(am="ash-2023", meeting=meeting,
                    parts=[(1.0, "word", "leukemia", "w:leukemia")])
        s.parts += [(3.0, kind, v, "n:" + v) for kind, v in numbers]
        return s

    assert not sig(("decimal", "30.1"), ("decimal", "15.9")).anchored()
    assert not sig(("decimal", "75.9")).anchored()
    assert sig(("decimal", "30.1"), ("decimal", "15.9"), meeting=1.0).anchored()
    assert sig(("decimal", "30.1"), ("decimal", "15.9"), ("small", "36")).anchored()
    # (a count, with its meeting named or beside another of its study numbers: see also
    # test_one_count_alone_anchors_no_link)
    assert sig(("count", "438"), meeting=1.0).anchored()
    assert sig(("count", "438"), ("decimal", "75.9")).anchored()


def test_an_edition_known_only_by_its_year_is_held_that_year(tmp_path: Path) -> None:
    # "elcc-2025": no policy, and its abstract carries no date; it is held in 2025, so an item
    # of May 2024 cannot report it (nor be a candidate for it); one of December 2024 may.
    from datetime import UTC, datetime

    row = {"meeting": "elcc-2025", "number": "LBA4", "title": "Orvelimab After Chemoradiation "
           "in Unresectable Stage III Lung Cancer", "authors": ["Tamsin Okoro"],
           "body": "Results: among 216 patients, 3-year survival was 61.2% with orvelimab."}
    text = ("Orvelimab after chemoradiation in stage III lung cancer: of 216 patients, 61.2% "
            "were alive at three years, Dr. Okoro reported.")
    with Catalog(catalogue(tmp_path, [row, FILLER_ROW]), readonly=True) as cat:
        linker = Linker(cat, PolicySet.load())
        may = linker.link(text, at=datetime(2024, 5, 20, tzinfo=UTC))
        december = linker.link(text, at=datetime(2024, 12, 2, tzinfo=UTC))
    assert "elcc-2025:LBA4" not in links(may) | candidates(may)
    assert "elcc-2025:LBA4" in links(december)


def test_a_candidate_says_where_else_the_item_places_its_data(linker) -> None:  # type: ignore[no-untyped-def]
    # The trial's name alone makes the trial's abstracts candidates; an item reporting the
    # trial's journal paper carries that venue on each, for the engine to weigh.
    text = ("Orvelimab in lupus nephritis: the LUMEN-3 trial's one-year results were published "
            "today in the New England Journal of Medicine, the company said.")
    r = linker.link(text)
    assert "acr-2024:0849" in candidates(r)
    assert all(c.elsewhere and c.elsewhere.startswith("a journal publication")
               for c in r.candidates)
    r = linker.link(text.replace("were published today in the New England Journal of Medicine",
                                 "will be shown at a congress"))
    assert "acr-2024:0849" in candidates(r)
    assert all(c.elsewhere is None for c in r.candidates)


def test_an_item_dated_half_a_year_before_an_abstract_cannot_report_it(linker) -> None:  # type: ignore[no-untyped-def]
    # No meeting takes its abstracts half a year ahead: an item of March 2024 giving the trial's
    # one-year numbers reports the study's earlier work, not the ACR 2024 abstract (its meeting
    # opens in November); in October it may.  Named by its meeting and year, or by its page,
    # the abstract is linked whatever the date (the date is then the one in doubt).
    from datetime import UTC, datetime

    text = ("Orvelimab in lupus nephritis: in LUMEN-3 (NCT01234567), complete renal response at "
            "week 52 was 44.8% versus 23.1% among 212 patients, the investigators reported.")
    march, october = datetime(2024, 3, 1, tzinfo=UTC), datetime(2024, 10, 15, tzinfo=UTC)
    assert "acr-2024:0849" in links(linker.link(text, at=october))
    early = linker.link(text, at=march)
    assert "acr-2024:0849" not in links(early) | candidates(early)
    named = linker.link(text + " The results come at ACR Convergence 2024.", at=march)
    assert "acr-2024:0849" in links(named)
    paged = linker.link(text + " https://abstracts.example.org/?p=44257", at=march)
    assert "acr-2024:0849" in links(paged)


def test_an_item_of_its_own_date_a_year_after_the_meeting_reports_a_later_publication(
        linker) -> None:  # type: ignore[no-untyped-def]
    # Dated by itself (its front matter, its dateline) more than a year after the meeting,
    # naming neither the meeting nor the abstract, an item with the trial's numbers reports
    # the study's later publication: the abstract is a candidate.  Within the year, or naming
    # the meeting's series, or the abstract's page, it is linked; a time it is merely judged at
    # (``at`` alone: --at, now) says nothing of when it was written.
    from datetime import UTC, datetime

    text = ("Orvelimab in lupus nephritis: in LUMEN-3 (NCT01234567), complete renal response at "
            "week 52 was 44.8% versus 23.1% among 212 patients, the investigators reported.")
    late, soon = datetime(2026, 2, 1, tzinfo=UTC), datetime(2025, 6, 1, tzinfo=UTC)
    r = linker.link(text, at=late, own_date=late)
    assert "acr-2024:0849" in candidates(r) and "acr-2024:0849" not in links(r)
    assert "later publication" in reasons(r)["acr-2024:0849"]
    assert "acr-2024:0849" in links(linker.link(text, at=soon, own_date=soon))
    assert "acr-2024:0849" in links(linker.link(text, at=late))
    named = text + " The trial was first shown at ACR Convergence."
    assert "acr-2024:0849" in links(linker.link(named, at=late, own_date=late))
    paged = text + " https://abstracts.example.org/?p=44257"
    assert "acr-2024:0849" in links(linker.link(paged, at=late, own_date=late))
    datelined = "February 2, 2026 -- " + text
    assert "acr-2024:0849" in candidates(linker.link(datelined, at=soon))


def test_the_items_own_date_is_its_front_matters_not_the_time_it_is_judged_at(
        linker) -> None:  # type: ignore[no-untyped-def]
    # The same text: with ``publish_at`` of February 2026 in its front matter it was written
    # then (a later publication: a candidate); judged with ``at`` of February 2026 and no date
    # of its own, it may be a draft written any time (linked).
    from embargo.api import Embargo

    text = ("Orvelimab in lupus nephritis: in LUMEN-3 (NCT01234567), complete renal response at "
            "week 52 was 44.8% versus 23.1% among 212 patients, the investigators reported.\n")
    emb = Embargo(catalog=linker.catalog)
    own = emb.check_text("---\npublish_at: 2026-02-01T09:00:00Z\n---\n" + text)
    judged = emb.check_text(text, at="2026-02-01T09:00:00Z")
    assert "acr-2024:0849" in {a.abstract.id for a in own.item.candidates}
    assert not own.item.links
    assert [a.abstract.id for a in judged.item.links] == ["acr-2024:0849"]
