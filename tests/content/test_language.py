"""The language an item is written in: English, which the tier reader reads, or another."""

from __future__ import annotations

import pytest

from embargo.content.language import unread_language
from embargo.content.tiers import analyse_tiers
from embargo.model import Abstract, Tier

ENGLISH = ("The phase 3 trial of orvelimab met its primary endpoint in lupus nephritis, and "
           "complete renal response was reached by 79.2% of the patients on the drug against "
           "61.3% of those on placebo, the investigators said at the meeting in Washington.")


@pytest.mark.parametrize(("text", "language"), [
    (ENGLISH, None),
    ("限局型小細胞肺がん、デュルバルマブ地固めでOS・PFS改善(ADRIATIC)/ASCO2024。国際共同第III相"
     "試験の中間解析で全生存期間を有意に改善した。", "Japanese"),
    ("Die Ergebnisse der Studie wurden auf der Jahrestagung vorgestellt, und die Patienten mit "
     "dem neuen Wirkstoff lebten länger als die der Kontrollgruppe, die nur die übliche "
     "Therapie bekam; der Unterschied war bei allen Untergruppen zu sehen.", "German"),
    ("Hos patienter med højrisiko myelomatose faldt risikoen for at udvikle aktiv sygdom med "
     "51 pct., når de fik behandlingen i tre år. Det viser studiet, som blev fremlagt på den "
     "årlige kongres, og det er et vigtigt resultat for patienterne.", "Danish or Norwegian"),
    # a Danish story naming an English institution ("for" is a Danish word too)
    ("Det viser studiet, som professor Meletios Dimopoulos fra National and Kapodistrian "
     "University of Athens School of Medicine netop har fremlagt for kongressen; risikoen "
     "for sygdom faldt med 51 pct. for patienterne, og det er et vigtigt resultat.",
     "Danish or Norwegian"),
    # a short English post with a foreign name or two is English
    ("Great talk by Dr Müller on the LUMEN-3 data at ACR today!", None),
])
def test_the_language_of_an_item(text: str, language: str | None) -> None:
    assert unread_language(text) == language


LUMEN = Abstract(
    meeting="acr-2024", number="0849", title="Orvelimab in Active Lupus Nephritis: Phase 2 "
    "LUMEN-3", body="Results: Complete renal response was 79.2% versus 61.3% (p=0.004).")


def test_a_text_the_reader_cannot_read_may_carry_anything_up_to_beyond() -> None:
    # What a story in Danish says of the study cannot be checked: a finding of content beyond
    # the abstract, marked unsure (a person reads it), so it is review before the lift and
    # never a pass.
    danish = ("LUMEN-3: Orvelimab forbedrer nyrefunktionen. Hos patienter med lupus nefritis "
              "steg andelen med komplet respons til 79,2 pct. med orvelimab mod 61,3 pct. med "
              "placebo. Det viser studiet, som blev fremlagt på den årlige kongres, og det er "
              "et vigtigt resultat for patienterne, siger overlægen.")
    found = analyse_tiers(danish, LUMEN)
    unsure = [ev for ev in found if ev.tier is Tier.BEYOND and ev.unsure]
    assert unsure and "Danish or Norwegian" in unsure[0].reason
    assert "a person must read it" in unsure[0].check
    assert not any(ev.unsure and "does not read" in ev.reason
                   for ev in analyse_tiers(ENGLISH, LUMEN))


def test_a_short_text_leans_foreign_by_its_function_words() -> None:
    from embargo.content.language import leans_foreign

    assert leans_foreign("El riesgo bajó con el fármaco según los datos del estudio")
    assert leans_foreign("Die Mediane lag bei 14,5 Monaten in der Gruppe")
    assert not leans_foreign("Luquini (1,2) and Xie (2,3) of the team")
    assert not leans_foreign("HR 0,69 (0,51-0,92)")  # nothing to go by: English
