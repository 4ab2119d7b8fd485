"""One test per tier rule learnt from real coverage (issue 10): what restates an abstract,
what is no content about it, and what goes beyond it.  The abstract and sentences are
invented, each to exercise one rule; figures on real text come from bench/score_real.py.
"""

from __future__ import annotations

import pytest

from embargo.content.numbers import extract
from embargo.content.tiers import analyse_tiers
from embargo.model import Abstract, Tier

LUMEN = Abstract(
    meeting="acr-2024", number="0849",
    title="Orvelimab in Active Lupus Nephritis: 52-Week Results of the Phase 2 LUMEN-3 Trial",
    authors=("Hartmann K", "Osei B", "Lindqvist P"),
    body="Background/Purpose: Many patients with lupus nephritis do not reach a complete renal "
         "response. Methods: In LUMEN-3 (NCT01234567), 212 adults with active lupus nephritis "
         "were randomized 1:1 to orvelimab 300 mg monthly or placebo, on top of standard care, "
         "for 12 months. The primary endpoint was complete renal response (CRR) at week 52. "
         "Results: CRR was reached by 84 of 106 patients (79.2%) on orvelimab and 65 of 106 "
         "(61.3%) on placebo (p=0.004); the primary endpoint was met. Regulatory T cells rose "
         "2.3-fold with orvelimab. Flares between months 6 and 12 occurred in 20.4% versus "
         "41.0%. Infections were similar (12.3% vs 11.3%). Conclusion: Orvelimab significantly "
         "improved renal response and halved late flares.")
PLANNED = Abstract(
    meeting="acr-2024", number="TP12",
    title="Design of LUMEN-4, a Phase 3 Trial of Orvelimab in Lupus Nephritis",
    body="Methods: LUMEN-4 is a randomized, placebo-controlled phase 3 trial planning to enrol "
         "900 patients with lupus nephritis at 150 sites; the primary endpoint is complete renal "
         "response at week 104. Enrolment began in 2024.")


def tier_of(sentence: str, abstract: Abstract = LUMEN) -> Tier | None:
    """The tier the sentence carries, as the lead paragraph of an item about the abstract
    (an anchor sentence first, so the sentence under test is about the study)."""
    lead = "LUMEN-3 tested orvelimab in lupus nephritis."
    found = {ev.evidence: ev for ev in analyse_tiers(f"{lead}\n\n{sentence}", abstract)}
    ev = found.get(sentence)
    return ev.tier if ev else None


# ----------------------------------------------------------------------- (f) restatements

@pytest.mark.parametrize("sentence", [
    "Eighty-four of the 106 patients on orvelimab reached a complete renal response.",
    "Nearly 80% of patients on orvelimab responded, against about 61% on placebo.",
    "Compared with placebo, complete renal response was more frequent with orvelimab.",
    "The trial met its primary endpoint.",
    "Orvelimab significantly improved renal response over placebo.",
    "Half of the patients were assigned to orvelimab and half to placebo.",
    "Late flares were roughly halved with orvelimab.",
    "About one in five patients on orvelimab flared in the second half of the year.",
    "Patients received orvelimab once a month, and flares between six months and one year "
    "fell from 41% to about 20%.",
    "Regulatory T cells more than doubled with orvelimab.",
    "The response rate was 18 percentage points higher with orvelimab.",
])
def test_a_restatement_in_other_words_is_the_abstract(sentence: str) -> None:
    assert tier_of(sentence) is Tier.ABSTRACT


@pytest.mark.parametrize("sentence, tier", [
    # The study's authors reported as drawing the abstract's own conclusion.
    ("The study authors, led by Kai Hartmann, MD, of Lakeside Hospital, say orvelimab "
     "significantly improved renal response and halved late flares.", Tier.ABSTRACT),
    ("The investigators concluded that orvelimab significantly improved renal response.",
     Tier.ABSTRACT),
    # A conclusion the abstract does not draw, a number, or someone else's reading: beyond.
    ("The study authors say orvelimab should now replace steroids for every patient with "
     "lupus nephritis.", Tier.BEYOND),
    ("The study authors say orvelimab halved late flares within 18 months.", Tier.BEYOND),
    ("Dr. Rosa Vint, who was not involved, says orvelimab significantly improved renal "
     "response and halved late flares.", Tier.BEYOND),
])
def test_the_authors_reported_conclusion_is_the_abstracts(sentence: str, tier: Tier) -> None:
    assert tier_of(sentence) is tier


@pytest.mark.parametrize("written, reference, same", [
    ("for a year", "for 12 months", True),
    ("at one year", "at week 52", True),
    ("after 18 months", "for 12 months", False),
    ("tripled", "rose 2.3-fold", False),
    ("more than doubled", "rose 2.3-fold", True),
    ("nearly tripled", "10.1% versus 3.6%", True),
    ("halved", "20.4% versus 41.0%", True),
    ("two-thirds", "61.3% on placebo", False),
    ("about a third", "31.6% of patients", True),
    ("p=0.004", "84 of 106 (p=0.004)", True),
    # a count with its magnitude in words, as precise as it is written
    ("more than 3 million people", "3,401,616 people in four databases", True),
    ("3.4 million people", "3,401,616 people in four databases", True),
    ("3.5 million people", "3,401,616 people in four databases", False),
    ("3 million people", "3 patients stopped", False),
])
def test_numbers_compare_like_with_like(written: str, reference: str, same: bool) -> None:
    from embargo.content.numbers import count_shares, derived, extract, matches

    refs = extract(reference, reference=True)
    refs += derived([refs]) + count_shares(reference)
    (n,) = extract(written)
    assert matches(n, refs) is same


def test_a_confidence_level_and_programme_counts_are_no_data() -> None:
    from embargo.content.numbers import extract

    assert [n.value for n in extract("HR 1.30 (95% CI 1.12-1.71)")] == [1.30, 1.12, 1.71]
    assert extract("The company will present more than 20 abstracts and 3 posters.") == []


def test_a_planned_enrolment_restated_from_the_abstract_is_the_abstract() -> None:
    s = "LUMEN-4 is planning to enrol 900 patients at 150 sites."
    assert tier_of(s, PLANNED) is Tier.ABSTRACT


# ----------------------------------------------------------------------- (g) not content

@pytest.mark.parametrize("sentence", [
    "Notes from the Clinic — a newsletter by Dr. Elena Varga",
    "Catalyst calendar (next 30 days)",
    "Good morning, everyone.",
    "See you next Sunday.",
    "You are receiving this because you subscribed to Notes from the Clinic.",
    "1.",
    "Schedule your 30 min Free Lupus Line Demo!",
    "Discover why more than 1,500 members use Lupus Line to follow every trial.",
])
def test_mastheads_greetings_and_markers_are_no_content(sentence: str) -> None:
    assert tier_of(sentence) is None


@pytest.mark.parametrize("sentence", [
    "WASHINGTON, Nov. 16, 2024 /PRNewswire/ -- Lumen Bio today presented new data from "
    "LUMEN-3 at ACR Convergence 2024.",
    "New data from the LUMEN-3 trial are presented at ACR Convergence 2024 in Washington, D.C.",
    "Researchers from Lakeshore University will present new findings at ACR Convergence 2024.",
    "The study will be presented as a poster on Sunday, Nov. 17 (abstract 0849).",
    "Lumen Bio will present more than 20 abstracts at ACR Convergence 2024, including "
    "LUMEN-3.",
])
def test_openers_and_slot_lines_only_name_the_abstract(sentence: str) -> None:
    assert tier_of(sentence) is Tier.EXISTENCE


def test_numbers_about_the_organisation_are_no_content() -> None:
    text = ("LUMEN-3 tested orvelimab in lupus nephritis.\n\nAbout Lumen Bio\nLumen Bio has "
            "more than 400 employees in 12 countries and was founded in 2011.")
    assert [ev.tier for ev in analyse_tiers(text, LUMEN) if "employees" in ev.evidence] == []


# ----------------------------------------------------------------------- (h) beyond

@pytest.mark.parametrize("sentence, why", [
    ("Regulatory T-cell counts tripled in the treatment group, data that were not part of "
     "the submitted abstract.", "not part of the submitted abstract"),
    ("Regulatory T-cell counts tripled in the treatment group.", "tripled"),
    ("The drug cut late flares by two-thirds.", "two-thirds"),
    ("One in three patients on placebo flared late in the year.", "one in three"),
    ("At 18 months, 83.5% of patients remained in response.", "83.5"),
    ("“We are thrilled with these results,” said the chief executive.", "quotation"),
    ("Lumen Bio plans to start a phase 3 trial in 2025.", "plans"),
    ("Lumen Bio is planning to enrol 900 patients in a phase 3 trial.", "plans"),
    # a forecast of what the findings will do for care: the writer's own reading
    ("Findings like these could encourage wider use of monthly orvelimab infusions.",
     "implications"),
    ("Orvelimab may broaden the choices open to people with lupus nephritis.", "implications"),
    # the presentation says it brings more than the abstract, whatever the catalogue holds
    ("The oral presentation will add new data with a median follow-up of 26.5 months.",
     "add new data"),
    ("The oral presentation will share a later data cut.", "later data cut"),
])
def test_what_the_abstract_does_not_support_is_beyond(sentence: str, why: str) -> None:
    found = {ev.evidence: ev for ev in analyse_tiers(
        f"LUMEN-3 tested orvelimab in lupus nephritis.\n\n{sentence}", LUMEN)}
    ev = found.get(sentence)
    assert ev is not None and ev.tier is Tier.BEYOND, ev
    assert why.lower() in ev.reason.lower(), ev.reason


def test_a_claim_the_abstract_contradicts_is_beyond() -> None:
    negative = Abstract(meeting="acr-2024", number="0850", title="Orvelimab in LUMEN-5",
                        body="Results: The primary endpoint was not met (p=0.18). CRR was "
                             "41.2% versus 38.0%.")
    assert tier_of("LUMEN-5 met its primary endpoint.", negative) is Tier.BEYOND


def test_a_sentence_about_another_study_is_not_about_this_one() -> None:
    text = ("LUMEN-3 tested orvelimab in lupus nephritis.\n\n"
            "Dr. Okafor will also present an update to her FLAURA trial, with 88.1% alive at "
            "three years.")
    assert [ev.tier for ev in analyse_tiers(text, LUMEN) if "FLAURA" in ev.evidence] == []


@pytest.mark.parametrize("sentence", [
    "The Foundation funds research that aims to improve how new lupus drugs are tested.",
    "The congress draws more than 30,000 professionals from 120 countries.",
    "Check back for more news as embargoes lift during the meeting.",
    "Lupus has about 86,000 new cases worldwide each year.",
    # what the meeting is and offers, said of the meeting itself
    "The European Congress of Rheumatology is Europe's main meeting place for rheumatology.",
    "The meeting offers over 200 sessions built around the presidential theme chosen by "
    "Dr. Ana Lind: “Partnering With Patients: The Heart of Lupus Care”.",
    "The meeting will feature therapy advances for rare cancers and new treatment options for "
    "advanced breast cancer.",
    # the meeting's own counts of abstracts
    "Over 2,500 abstracts were accepted for on-site presentation at the Annual Meeting, and a "
    "further 3,350 for online publication.",
    "This year's meeting had 200 sessions and 7,000 abstract presentations.",
])
def test_the_publisher_the_meeting_and_the_disease_are_no_content(sentence: str) -> None:
    assert tier_of(sentence) is None


def test_a_reviews_count_of_abstracts_is_still_its_data() -> None:
    # Hundreds of abstracts "screened" by a review are its data, not the meeting's crowd.
    assert tier_of("The team screened 1,200 abstracts and kept 40 trials.") is Tier.BEYOND


def test_in_a_round_up_a_quote_counts_only_beside_the_study() -> None:
    text = ("Researchers will present three studies.\n\n"
            "The LUMEN-3 trial of orvelimab met its primary endpoint in lupus nephritis.\n\n"
            "The ORCA study of telanib and the PIKE trial of dorvamab are also featured.\n\n"
            "“Many of our studies show promise,” said the dean.\n\n"
            "In LUMEN-3, “the responses were durable,” said Dr. Hartmann.")
    tiers = {ev.evidence[:20]: ev.tier for ev in analyse_tiers(text, LUMEN)}
    assert "“Many of our studie" not in tiers
    assert tiers.get("In LUMEN-3, “the res") is Tier.BEYOND


@pytest.mark.parametrize("sentence", [
    "Check the CCO website during the meeting for downloadable slidesets on these studies.",
    "CME-certified online modules will follow with expert analysis of the clinical "
    "implications.",
    "The annual conference is under way, with potentially practice-changing data.",
    "Dr. Simon will give a talk titled “Can metabolism be targeted in cancer?” on Monday.",
])
def test_the_publishers_offers_meeting_news_and_talk_titles_are_not_beyond(sentence: str) -> None:
    assert tier_of(sentence) is not Tier.BEYOND


def test_programme_counts_of_studies_are_no_data() -> None:
    from embargo.content.numbers import extract

    assert extract("Our researchers will present more than 50 studies at the meeting.") == []


def test_a_secondary_endpoint_that_missed_is_no_failed_primary() -> None:
    mixed = Abstract(meeting="acr-2024", number="0851", title="Orvelimab in LUMEN-6",
                     body="Results: BICLA response was 49.5% versus 34.6%. At week 24 the "
                          "secondary BICLA difference was not statistically significant.")
    assert tier_of("LUMEN-6 met its primary endpoint.", mixed) is not Tier.BEYOND


def test_a_study_section_heading_is_no_boilerplate() -> None:
    text = ("LUMEN-3 tested orvelimab in lupus nephritis.\n\n**About the Analysis**\n\n"
            "At 18 months, 83.5% of patients remained in response.")
    found = {ev.evidence: ev.tier for ev in analyse_tiers(text, LUMEN)}
    assert found.get("At 18 months, 83.5% of patients remained in response.") is Tier.BEYOND


def test_an_organisations_reading_of_the_results_is_beyond() -> None:
    s = "The company reads the results as showing that orvelimab protects the kidney."
    assert tier_of(s) is Tier.BEYOND


def test_a_persons_words_count_even_about_the_background() -> None:
    s = ("He added that corticosteroids, the backbone of treatment, have well-known limits, "
         "and that orvelimab is an investigational antibody.")
    assert tier_of(s) is Tier.BEYOND


def test_a_treatments_schedule_is_design_not_new_data() -> None:
    # Durations of the regimen ("in 8 weeks", "4-6 weeks before surgery") are no result.
    assert tier_of("The orvelimab group received 4 infusions in 8 weeks, starting 2 weeks "
                   "after randomization.") is not Tier.BEYOND


def test_a_schedule_sentence_with_a_new_result_is_still_beyond() -> None:
    assert tier_of("After 6 infusions, 88% of patients on orvelimab had responded.") \
        is Tier.BEYOND


def test_a_note_marker_after_the_full_stop_ends_the_sentence() -> None:
    from embargo.content.sentences import split_block

    assert split_block("They were randomised (n=217).1 The trial ran in 25 sites.2,3 It "
                       "uses version 2.1 The end.") == [
        "They were randomised (n=217).", "The trial ran in 25 sites.",
        "It uses version 2.1 The end."]


@pytest.mark.parametrize("sentence", [
    "Katrin Hartmann will present the randomized, double-blind LUMEN-3 trial of orvelimab "
    "(abstract 0849) in the plenary session on Sunday.",
    "LUMEN-3 is a double-blind trial that also enrolled patients with triple-positive "
    "antiphospholipid antibodies.",
])
def test_design_words_are_no_magnitude_or_result(sentence: str) -> None:
    # "double-blind" is no doubling, "triple-positive" no tripling: neither a magnitude the
    # abstract lacks (beyond) nor a finding (abstract).
    assert tier_of(sentence) not in (Tier.BEYOND, Tier.ABSTRACT)


@pytest.mark.parametrize("text", [
    "In April 2020 the foundation launched a registry.",  # a month and a year, no day
    "More than 30 studies from Lakeshore investigators will be presented at the meeting.",
    # an institution's count of its own abstracts
    "After peer review, 10 high-quality abstracts from the Institute earned oral presentations, "
    "and a further 83 of its abstracts appeared in the poster sessions.",
    # poster codes after a hyphen, and an abstract label with a lettered session
    "PS5-03 Celtil score and survival in early HER2-positive breast cancer",
    "GS1-01 was presented on Wednesday",
    "Randomised trial identifies the best regimen (Abstract O 011), embargoed until Thursday",
])
def test_dates_and_programme_counts_are_no_data(text: str) -> None:
    from embargo.content.numbers import extract

    assert extract(text) == []


def test_the_meetings_crowd_is_no_data() -> None:
    assert tier_of("ACR Convergence is the most complete rheumatology meeting, drawing "
                   "more than 15,000 rheumatology professionals.") is not Tier.BEYOND


@pytest.mark.parametrize("listing, tier", [
    # its numbers are a session code, a room and an abstract number, not data
    ("Orvelimab Raises Complete Renal Response in Lupus Nephritis: LUMEN-3 Session Title: "
     "PO.12 - Lupus Nephritis 1 Location: Section 22 Abstract Number: 0849", Tier.EXISTENCE),
    # a share in a listing is still data
    ("LUMEN-3 Session Title: Lupus Nephritis Location: Hall B Result: 57.5% responded",
     Tier.BEYOND),
])
def test_a_programme_listing_only_names_the_abstract(listing: str, tier: Tier) -> None:
    assert tier_of(listing) is tier


@pytest.mark.parametrize("field", [
    "Session Category: Late-Breaking Research: Clinical Trials 2",
    "Poster Board Number: 14",
    "Location: Poster Section 54",
])
def test_one_programme_field_on_its_own_line_only_names_the_abstract(field: str) -> None:
    assert tier_of(field) is not Tier.BEYOND
    # a share on such a line is still data
    assert tier_of(field + ", where 57.5% responded") is Tier.BEYOND


def test_a_web_pages_file_name_is_no_data() -> None:
    from embargo.content.numbers import extract

    assert extract("View Source;orvelimab-lumen-3-results-1-302439218.html") == []
    assert extract("Slides: lumen3-results-on-orv112-1203.pdf") == []
    assert [n.value for n in extract("Of 1203 patients, 57.5% responded.")] == [1203.0, 57.5]


def test_a_labelled_abstract_number_is_no_data() -> None:
    from embargo.content.numbers import extract

    assert extract("Abstract Number: 1749") == []


def test_quotation_marks_in_an_images_description_are_no_quote() -> None:
    # The marks enclose what a logo or banner shows, not anyone's words.
    picture = '[Graphic: the Lakeshore logo with the text "Lakeshore at the 2024 ACR Convergence"]'
    assert tier_of(picture) is not Tier.BEYOND
    spoken = '"Lakeshore at the 2024 ACR Convergence is a proud moment," said Dr. Lind.'
    assert tier_of(spoken) is Tier.BEYOND


def test_a_round_ups_opening_introduces_the_meeting_not_this_abstract() -> None:
    # Before a round-up names this abstract, its opening speaks of the meeting as a whole;
    # once named, the same kind of sentence counts for it again (failing closed).
    text = ("Key phase 3 trials are expected to bring practice-changing updates this year.\n\n"
            "The PALOMA-9 trial (Abstract LBA8) tested palbociclib in breast cancer.\n\n"
            "The KRYSTAL-20 trial (Abstract LBA9) tested adagrasib in lung cancer.\n\n"
            "LUMEN-3 tested orvelimab in lupus nephritis (Abstract 0849). Key phase 3 trials "
            "like it are expected to bring practice-changing updates this year.")
    found = [ev for ev in analyse_tiers(text, LUMEN) if ev.tier is not Tier.MATERIAL]
    opening = "Key phase 3 trials are expected to bring practice-changing updates this year."
    assert opening not in {ev.evidence for ev in found}
    assert any(ev.evidence.startswith("Key phase 3 trials like it") for ev in found)


@pytest.mark.parametrize("text, kept", [
    # a reference marker glued to the word before it is no data; a spaced range still is
    ("They were chosen from the thousands submitted this year(1-5):", []),
    ("Flares fell in months (6-12) of the trial.", ["6", "12"]),
    # where a journal printed the piece: volume, issue and pages
    ("ONCOLOGY Vol 38, Issue 7 | Volume 38 | Issue 7 | Pages: 261", []),
    ("See pp. 12-19 of the supplement.", []),
    # a meeting abstract cited where its society's journal printed it
    ("J Clin Oncol 39, 2021 (suppl 15; abstr 535)", []),
    ("Ann Rheum Dis 83 (Suppl 1): POS0123", []),
    # a DOI, and the journal's impact factor on an index's record ("if" in a sentence is a
    # conjunction)
    ("DOI: 10.1182/blood-2023-179153 · IF: 20.3 · Blood", []),
    ("The journal, with an impact factor of 20.3, printed it.", []),
    ("They asked if 20.3% of patients would respond.", ["20.3%"]),
])
def test_reference_markers_and_a_journals_volume_issue_pages_are_no_data(
        text: str, kept: list[str]) -> None:
    from embargo.content.numbers import extract

    assert [n.text for n in extract(text)] == kept


@pytest.mark.parametrize("sentence", [
    # a health organisation's projection of the disease's burden
    "For 2025, the American Lupus Society expects about 16,400 new lupus nephritis diagnoses "
    "and about 1,230 deaths.",
    # a subtype's share of the disease
    "Class IV disease accounts for roughly 35-40% of all lupus nephritis cases.",
    # how common the disease is among diseases
    "About 90% of these cancers begin in the bladder, and the disease ranks fifth among the "
    "most common cancers in Europe.",
])
def test_the_diseases_burden_counted_by_others_is_background(sentence: str) -> None:
    assert tier_of(sentence) is not Tier.BEYOND


def test_a_quoted_theme_or_campaign_is_a_name_not_speech() -> None:
    named = ('The meeting\'s president chose the theme "The Art and Science of Kidney Care: '
             'From Biopsy to Cure" for this year.')
    assert tier_of(named) is not Tier.BEYOND
    spoken = '"The art and science of kidney care meet in this trial," said Dr. Lind.'
    assert tier_of(spoken) is Tier.BEYOND
    stated = ('This year\'s theme is "Advancing Equitable Kidney Care Through Innovation," and '
              'the meeting will feature new options for people on dialysis.')
    assert tier_of(stated) is not Tier.BEYOND
    assert tier_of('The theme this year is "Equity: Every Patient, Every Day, Everywhere."') \
        is not Tier.BEYOND


@pytest.mark.parametrize("after, beyond", [
    ("", False),
    (" Orvelimab tripled responses, said Dr. Lind.", True),
    (' "Orvelimab works well," said Dr. Lind.', True),
])
def test_a_title_split_by_full_stops_is_still_the_title(after: str, beyond: bool) -> None:
    text = ("LUMEN-3 tested orvelimab in lupus nephritis.\n\nThe theme this year is \"Equity: "
            "Every Patient. Every Day. Everywhere.\"" + after)
    tiers = {ev.tier for ev in analyse_tiers(text, LUMEN)}
    assert (Tier.BEYOND in tiers) is beyond


@pytest.mark.parametrize("sentence", [
    "The opening session also heard impressive talks from the institute's director and from "
    "Dr. Ana Lind.",
    "Dr. Ana Lind, honored with the 2024 Evelyn Hess Memorial Award for her contributions "
    "to lupus care, gave an exciting keynote.",
])
def test_the_meetings_own_sessions_and_honours_are_about_the_meeting(sentence: str) -> None:
    assert tier_of(sentence) is not Tier.BEYOND


def test_a_studys_own_share_or_new_cases_stay_data() -> None:
    # The background rules above read the disease's burden, not the trial's results: a
    # share of the trial's events, or new cases it prevented, are still numbers to check.
    assert tier_of("With orvelimab, flares account for 30% of all hospital stays in "
                   "LUMEN-3.") is Tier.BEYOND
    assert tier_of("LUMEN-3 patients on orvelimab had 45% fewer new kidney flare cases.") \
        is Tier.BEYOND


def test_numbers_a_partly_held_abstract_lacks_are_unsure() -> None:
    from dataclasses import replace
    from types import MappingProxyType

    sentence = "Renal flares fell to 9.7% with orvelimab by week 104."
    whole = {ev.evidence: ev for ev in analyse_tiers(f"LUMEN-3 tested orvelimab.\n\n{sentence}",
                                                     LUMEN)}[sentence]
    assert whole.tier is Tier.BEYOND and not whole.unsure
    partial = replace(LUMEN, number="0850", extra=MappingProxyType({"partial": True}))
    found = analyse_tiers(f"LUMEN-3 tested orvelimab.\n\n{sentence}", partial)
    ev = {e.evidence: e for e in found}[sentence]
    assert ev.tier is Tier.BEYOND and ev.unsure
    assert "holds only part of this abstract" in ev.reason
    # a quotation goes beyond any abstract, whole or not
    quote = '"We were surprised," said Dr. Hartmann.'
    ev = {e.evidence: e for e in analyse_tiers(f"LUMEN-3 tested orvelimab.\n\n{quote}",
                                               partial)}[quote]
    assert ev.tier is Tier.BEYOND and not ev.unsure


def test_a_sentence_going_on_about_the_meeting_is_about_the_meeting_too() -> None:
    text = ("LUMEN-3 tested orvelimab in lupus nephritis.\n\n"
            "The congress is Europe's main meeting place for rheumatology. It aims to be a "
            "forum of the highest standard and works with patient groups to improve care.\n\n"
            "Orvelimab raised complete renal response. It tripled regulatory T cells.")
    found = {ev.evidence[:12]: ev.tier for ev in analyse_tiers(text, LUMEN)}
    assert "The congress" not in found and "It aims to b" not in found
    # after a sentence about the study, "It" is the study's: its new magnitude is beyond
    assert found.get("It tripled r") is Tier.BEYOND


@pytest.mark.parametrize("text, sentence", [
    ("Results presented at the meeting offered a 45% response in the orvelimab arm.",
     "Results presented at the meeting offered a 45% response in the orvelimab arm."),
    # "They" after a sentence about the publisher are the researchers, not the publisher
    ("The Foundation funds lupus research. They found that orvelimab tripled regulatory T "
     "cells.", "They found that orvelimab tripled regulatory T cells."),
])
def test_a_result_beside_the_meeting_or_the_publisher_is_still_judged(
        text: str, sentence: str) -> None:
    found = {ev.evidence: ev.tier for ev in analyse_tiers(
        f"LUMEN-3 tested orvelimab in lupus nephritis.\n\n{text}", LUMEN)}
    assert found.get(sentence) is Tier.BEYOND


def test_a_range_and_a_count_beside_a_label_stay_data() -> None:
    from embargo.content.numbers import extract

    assert [n.text for n in extract("Response was 40-60% across the presentation of 45 "
                                     "patients.")] == ["40", "60%", "45"]


@pytest.mark.parametrize("sentence", [
    "The most common cancers in the cohort were breast cancer in 32% and lung cancer in 21%.",
    "The exercise program will include 40 participants from each of 12 clinics.",
])
def test_a_studys_own_commonest_findings_and_plans_are_not_background(sentence: str) -> None:
    # Not the disease's rank among diseases, nor a meeting's crowd or programme: the study's
    # own numbers, which the abstract does not give.
    assert tier_of(sentence) is Tier.BEYOND


def test_a_persons_words_in_quotation_marks_are_commentary_however_few() -> None:
    assert tier_of('"It works," said Dr. Lind.') is Tier.BEYOND
    assert tier_of("It works, Dr. Lind said of the trial design.") is not Tier.ABSTRACT



def test_a_persons_words_after_a_sentence_about_the_meeting_are_still_judged() -> None:
    # "It …" after a sentence about the meeting goes on about the meeting, but not in a quote.
    text = ('LUMEN-3 tested orvelimab in lupus nephritis.\n\nThe congress opened in Boston. '
            '"It works," said Dr. Lind.')
    assert Tier.BEYOND in {ev.tier for ev in analyse_tiers(text, LUMEN)}


def test_a_releases_list_of_its_talks_is_the_abstracts_slot() -> None:
    # "Abstract: 0849" and "Senior author: …" are fields of a programme listing, like
    # "Presenter: …"; the title in it is the abstract's existence, whatever it claims.
    listing = ("Late-breaking session: Orvelimab Significantly Improved Renal Response in "
               "LUMEN-3 Abstract: 0849 Senior author: Kai Hartmann")
    assert tier_of(listing) is Tier.EXISTENCE
    # "abstract:" before words is no field ("In the abstract: the drug worked")
    assert tier_of("Orvelimab, in short, significantly improved renal response over placebo."
                   ) is Tier.ABSTRACT


def test_a_quoted_session_name_after_its_date_is_a_name() -> None:
    # "for its briefing on Dec. 7, “…”": the quotation names the briefing.
    named = ('The society picked LUMEN-3 for its press briefing on Nov. 14, '
             '"Building Solutions for Kidney Disease."')
    assert tier_of(named) is not Tier.BEYOND
    # a person's words after a date are still commentary
    assert tier_of('On Nov. 14, "It works," said Dr. Lind.') is Tier.BEYOND
    assert tier_of('At the session on Nov. 14, "It works," said Dr. Lind.') is Tier.BEYOND


def test_a_source_line_is_a_note_not_the_head_of_boilerplate() -> None:
    # A relay opens with "Source: …" and its story follows: the story is still judged.
    text = ("Source: a story in Lupus Daily News (lupusdaily.example/s)\n\n"
            "LUMEN-3 tested orvelimab in lupus nephritis.\n\n"
            "Regulatory T-cell counts tripled in the treatment group.")
    assert Tier.BEYOND in {ev.tier for ev in analyse_tiers(text, LUMEN)}
    # "About <organisation>" still opens the boilerplate that ends a release
    about = ("LUMEN-3 tested orvelimab in lupus nephritis.\n\nAbout Lumen Bio\n\n"
             "Lumen Bio has tripled its staff since 2019.")
    assert Tier.BEYOND not in {ev.tier for ev in analyse_tiers(about, LUMEN)}


def test_a_listing_line_with_a_speakers_words_is_still_commentary() -> None:
    # A listing's fields make its whole numbers places and codes, not its quotes slot lines.
    line = ('Abstract: 0849 Lead author: Kai Hartmann "This changes how we treat lupus '
            'nephritis," Hartmann said.')
    assert tier_of(line) is Tier.BEYOND


def test_a_quotation_after_an_abstracts_number_is_its_title() -> None:
    # A round-up names each abstract by number and title; another abstract's title is no
    # one's words about this one.
    line = ('LUMEN-3 is abstract 0849, "Kidney responses in a new era," to be presented on '
            'Sunday, November 17, in Hall B.')
    assert tier_of(line) is not Tier.BEYOND
    # a speaker's words after the number are still commentary
    assert tier_of('Abstract 0849, "It works," said Dr. Lind.') is Tier.BEYOND


@pytest.mark.parametrize("sentence", [
    "Details will follow soon.",
    "More news will follow as embargoes lift during the meeting.",
])
def test_the_publishers_promise_of_more_coverage_is_no_plan_of_the_study(sentence: str) -> None:
    assert tier_of(sentence) is not Tier.BEYOND
    # the study's own plans stay beyond
    assert tier_of("The investigators will follow patients for a further two years.") \
        is Tier.BEYOND


@pytest.mark.parametrize("sentence", [
    "The session, “RA – Treatment Abstract Session V,” begins at 12:00 p.m. local time on "
    "November 14.",
    "Dr. Osei gave an oral abstract on her work “Urinary Markers of Renal Flare in Lupus "
    "Nephritis Cohorts.”",
])
def test_a_quotation_written_as_a_title_is_a_name_not_commentary(sentence: str) -> None:
    assert tier_of(sentence) is not Tier.BEYOND


@pytest.mark.parametrize("sentence", [
    "“This Changes How We Treat Lupus Nephritis,” said Dr. Hartmann.",
    "The session, “RA – Treatment Abstract Session V,” was where Dr. Osei said “this will "
    "change practice.”",
])
def test_a_quotation_of_someones_words_stays_commentary(sentence: str) -> None:
    assert tier_of(sentence) is Tier.BEYOND


@pytest.mark.parametrize("sentence, carries", [
    ("The findings have not yet been published in a peer-reviewed journal and should be "
     "considered preliminary.", False),
    ("Findings presented at medical meetings should be regarded as preliminary until they "
     "appear in a peer-reviewed journal.", False),
    # a caveat that goes on to give data, or to comment, is still read
    ("The results, which have not been published, showed that 44.8% responded.", True),
    ("The findings have not yet been published; the team plans to start a phase 3 trial.",
     True),
])
def test_the_news_caveat_on_meeting_data_is_no_content(sentence: str, carries: bool) -> None:
    assert (tier_of(sentence) is not None) is carries


def test_a_state_written_md_is_no_doctors_credential() -> None:
    # "ROCKVILLE, Md." in a dateline is Maryland: the company's announcement is no person's
    # commentary (an "M.D." or "MD" after a name still is a credential).
    lead = ("ROCKVILLE, Md., Nov. 15, 2024 -- Lumenbio said today that LUMEN-3 data on "
            "orvelimab will be presented at ACR Convergence 2024.")
    assert tier_of(lead) is not Tier.BEYOND
    assert tier_of("Kai Hartmann, MD, said the drug should now be tested in children.") \
        is Tier.BEYOND


@pytest.mark.parametrize("sentence", [
    "Taken together, the writer argues, orvelimab may do more than protect the kidney.",
    "The columnist says her picks reflect her own interest in lupus nephritis.",
])
def test_the_writers_own_view_is_commentary(sentence: str) -> None:
    assert tier_of(sentence) is Tier.BEYOND


def test_the_abstracts_own_data_cutoff_is_the_abstract() -> None:
    dated = Abstract(meeting="acr-2024", number="0850", title=LUMEN.title,
                     authors=LUMEN.authors,
                     body=LUMEN.body + " Data cut-off January 15, 2024.")
    same = "At the data cutoff of January 15, 2024, complete renal response was 79.2%."
    assert tier_of(same, dated) is Tier.ABSTRACT
    # another day, or no day the abstract can be held to, is a later cut-off: beyond
    assert tier_of(same.replace("January 15", "June 30"), dated) is Tier.BEYOND
    assert tier_of("At the data cutoff, complete renal response was 79.2%.", dated) \
        is Tier.BEYOND
    assert tier_of(same, LUMEN) is Tier.BEYOND


@pytest.mark.parametrize("sentence", [
    "Orvelimab is the first and only antibody to improve renal response in lupus nephritis.",
    "It is a first-in-class treatment for lupus nephritis, the company said in its filing.",
])
def test_a_claim_of_primacy_over_the_field_is_beyond(sentence: str) -> None:
    assert tier_of(sentence) is Tier.BEYOND


def test_the_diseases_outlook_counted_from_diagnosis_is_background() -> None:
    assert tier_of("Lupus nephritis often relapses; ten years after diagnosis only 60-80% "
                   "of patients are still alive.") is None
    # a study's own figure at a time point is no background
    assert tier_of("At five years, 91.4% of patients on orvelimab were alive.") is Tier.BEYOND


def test_a_writers_promise_for_the_drug_is_commentary() -> None:
    assert tier_of("The findings point to real promise for orvelimab against this draining "
                   "disease.") is Tier.BEYOND


def test_a_response_criterions_code_states_its_threshold() -> None:
    # "ACR50" is a 50% improvement in the ACR criteria: an item writing the share out
    # restates what the abstract says; a share the code does not give is still beyond.
    coded = Abstract(
        meeting="acr-2024", number="1711",
        title="Orvelimab in Rheumatoid Arthritis: Week 24 Results of LUMEN-RA",
        body="Methods: 300 patients were randomized to orvelimab or placebo. Results: ACR50 at "
             "week 24 was reached by 41.2% on orvelimab and 18.0% on placebo (p<0.001).")
    assert tier_of("LUMEN-RA counted a 50% improvement in the ACR criteria at week 24.",
                   coded) is Tier.ABSTRACT
    assert tier_of("LUMEN-RA counted a 60% improvement in the ACR criteria at week 24.",
                   coded) is Tier.BEYOND


def test_the_level_of_a_confidence_interval_is_no_data_in_any_language() -> None:
    for text in ("HR 0.69 (IC 95%: 0.51-0.92)", "HR 0,69 (IC del 95%: 0,51-0,92)",
                 "HR 0.16, 95%信頼区間[CI]0.10-0.24", "HR 0.16; 95%-KI 0.10-0.24",
                 "HR 0,16 (KI 95%: 0,10-0,24)", "HR 0.16 (95 %-Konfidenzintervall 0.10-0.24)",
                 "HR 0,69 (intervalle de confiance à 95 % : 0,51-0,92)"):
        assert 95.0 not in [n.value for n in extract(text)], text
    # a share of 95% is data, in any language
    assert 95.0 in [n.value for n in extract("el 95% de los pacientes respondió")]


def test_decimal_commas_are_decimals_where_a_text_writes_no_decimal_point() -> None:
    # In a text in another language that writes no decimal point, "0,69" is a decimal.
    es = "El riesgo bajó con el fármaco (HR 0,69; 0,51-0,92) según los datos del estudio"
    assert [n.value for n in extract(es)] == [0.69, 0.51, 0.92]
    got = extract("el 84,2% de los pacientes respondió y la mediana fue de 14,5 meses en el "
                  "grupo del fármaco")
    assert [(n.value, n.decimals, n.percent) for n in got][:2] == [(84.2, 1, True),
                                                                  (14.5, 1, False)]
    # a thousands group and a list stay what they are
    assert [n.value for n in extract("1.234 de los pacientes y 1,234 de los otros")][-1] \
        == 1234.0
    assert 1.8 not in [n.value for n in extract("los días 1,8,15 de cada ciclo del estudio")]
    # a text that writes a decimal point writes its decimals so: its commas are no decimals
    assert 0.69 not in [n.value for n in extract("el HR 0,69 y una dosis de 1.5 mg en el "
                                                 "grupo del estudio")]
    # in English, "(1,2)" is a pair of notes and "2,3-DPG" a chemical's name
    assert 1.2 not in [n.value for n in extract("Luquini (1,2) and Xie (2,3) of the team")]
    assert 2.3 not in [n.value for n in extract("raising ATP and lowering 2,3-DPG in the cells")]
    # an abstract's own text is read as written (its decimals are points)
    assert 0.69 not in [n.value for n in extract(es, reference=True)]


def test_an_item_writing_decimal_commas_shares_the_abstracts_numbers() -> None:
    from embargo.linking.item import ItemFeatures

    item = ItemFeatures.of("El osimertinib redujo el riesgo de progresión o muerte (HR 0,16; "
                           "IC 95%: 0,10-0,24) y la mediana fue de 39,1 meses en el grupo del "
                           "fármaco, según los datos que se presentaron en el congreso.")
    assert {"n:0.16", "n:0.24", "n:39.1"} <= item.exact
    english = ItemFeatures.of("Raising ATP and lowering 2,3-DPG, the drug helped the red cells "
                              "of the patients in the trial, the team said.")
    assert "n:2.3" not in english.exact


def test_a_share_is_a_share_in_other_languages_words_for_percent() -> None:
    for text in ("37 Prozent der Patienten", "el 37 por ciento", "37 pour cent des patients",
                 "il 37 per cento", "37 procent", "37 prosent", "37 por cento"):
        (n,) = extract(text)
        assert (n.value, n.percent) == (37.0, True), text
    (n,) = extract("a programme of 37 projects")
    assert not n.percent


def test_a_spaced_criterion_threshold_and_an_instruments_scale_are_no_data() -> None:
    # "SVR 35" is the criterion "SVR35" (a 35% reduction), spaced; the questionnaire's size
    # and range describe the instrument
    assert extract("SVR 35 at any time") == []
    assert [n.value for n in extract("PASI 75 response in 80% of patients")] == [80.0]
    assert extract("the 7-item MFSAF v4.0 (scale 0-70)") == []
    assert extract("scored on a 0-10 numeric rating scale") == []
    # a year after the code, a lower-case word and a count of items stay numbers
    assert [n.value for n in extract("at ACR 2024, 50% responded")] == [50.0]
    assert 50.0 in [n.value for n in extract("salt 50 g a day")]
    assert [n.value for n in extract("12 items were flagged")] == [12.0]


def test_stages_and_grades_in_the_plural_or_as_a_range_are_no_data() -> None:
    assert extract("patients with CKD stages 1-4") == []
    assert extract("CKD stage 1-2 is the right time to refer") == []
    assert [n.value for n in extract("grade 3 or 4 events in 12%")] == [12.0]
    assert extract("a trial across phases I–III") == []


def test_a_share_of_people_saying_something_is_a_survey_result_not_a_comment() -> None:
    from embargo.content.tiers import _attributed_now

    assert not _attributed_now("Yet 9% of patients had no biopsy, even though few "
                               "nephrologists say they have trouble ordering one.")
    assert not _attributed_now("Most respondents said the app was easy to use.")
    assert not _attributed_now("Of those surveyed, 62% of rheumatologists agreed.")
    # a person commenting is still one
    assert _attributed_now("The drug is promising, said Dr. Lee, a nephrologist.")
    assert _attributed_now("Nephrologists say the results are exciting.")


def test_a_markers_share_and_unnamed_specialists_opinion_stay_what_they_are() -> None:
    # "Ki-67" is no confidence interval's "KI"; "some rheumatologists say" is an opinion of
    # unnamed people, not a survey's share.
    from embargo.content.tiers import _attributed_now

    assert 95.0 in [n.value for n in extract("95% Ki-67 positivity in the tumour")]
    assert _attributed_now("Some rheumatologists say the results could change practice.")


def test_dates_of_a_programme_are_no_data() -> None:
    # a range of days before its month, and a slot's month/day before its clock time
    assert extract("ESMO Congress 2024, Barcelona, Spain, 13-17 September") == []
    assert extract("Session date and time: 4/17, 1:30 pm, ET") == []
    assert extract("presented 6/2 at 9 AM CDT") == []
    # a share written as a slash, and a count after a month, stay numbers
    assert [n.value for n in extract("By June 300 patients had enrolled")] == [300.0]
    assert [n.value for n in extract("on 4/17 patients 12 and 13 relapsed")] == [12.0, 13.0]


def test_a_fraction_that_begins_a_compound_word_is_no_share() -> None:
    assert extract("the site uses a third-party service to translate pages") == []
    assert extract("a third-generation EGFR inhibitor with a long half-life") == []
    assert [n.text for n in extract("a third of patients and half of the rest")] == [
        "a third", "half"]


def test_a_trials_name_and_a_posters_code_with_their_numbers_are_no_data() -> None:
    # a name in inner capitals with its number spaced, and a code's further digit groups
    assert extract("late-breaking data from the phase 3 CodeBreaK 300 trial") == []
    assert extract("updated results of CheckMate 067") == []
    assert extract("OT-26-02 phase III open-label trial of palbociclib") == []
    # a unit, a share or a count of people after the number keeps it data
    assert [n.value for n in extract("In CheckMate 300 patients were randomised")] == [300.0]
    assert [n.text for n in extract("McMaster 200 mg daily")] == ["200 mg"]
    assert [n.text for n in extract("as AstraZeneca 12 months ago said")] == ["12 months"]


def test_a_capitalised_speech_word_after_of_is_a_name() -> None:
    from embargo.content.tiers import _attributed_now

    # "City of Hope" is an institution, not someone hoping
    assert not _attributed_now("City of Hope experts will give 64 presentations at the "
                               "meeting, among them oral sessions.")
    # the verb in lower case, or a capital at no "of", is still speech
    assert _attributed_now("Dr. Lee, head of oncology, hopes the drug works.")
    assert _attributed_now("The drug works, Dr. Lee Says.")


def test_a_place_written_with_full_stops_ends_its_word() -> None:
    # "in the U.S." ends in a full stop, after which no word boundary stands before a space:
    # the disease's burden there is background all the same
    from embargo.content.tiers import _background
    from embargo.linking.venues import _REGULATORY

    assert _background("About 14 million adults in the U.S. live with diabetic kidney disease.")
    assert _background("About 1,000 new cases are seen in the U.S. each spring.")
    assert _REGULATORY.search("The test was cleared for use in the U.S. last year.")
    assert not _background("Patients in the USSR arm did well.")
    # a study's own part there is no background
    assert not _background("In the U.S. cohort, 45% of patients responded.")
    assert not _background("In the United States subgroup, patients did better.")


def test_how_common_a_cancer_is_and_its_subtypes_share_are_background() -> None:
    from embargo.content.tiers import _TITLED, _background

    assert _background("Lung cancer is the second most common cancer in men and in women.")
    assert _background("It makes up about 13% of all new cancers and 21% of all cancer deaths.")
    assert _background("About 85% of lung cancers are non-small cell lung cancer.")
    # a share of a study's tumours, told in the past, is a result; so is what befalls them
    assert not _background("In the trial, 85% of tumours were PD-L1 positive.")
    assert not _background("With the test, 85% of cancers are caught early.")
    assert not _background("In the trial, 40% of tumours are detected at stage I.")
    # a credential written with full stops, before a comma, names a person
    assert _TITLED.search("Jane Smith, M.D., a member of the team")
