"""Reading an item for linking: its words, numbers, names, people and abstract numbers.

``ItemFeatures.of(text)`` reads an item once into what the linker compares with the
catalogue's profiles (see ``linking.features`` for the shared normaliser): content words and
pairs, numbers as printed and rounded (doses left out), capitalised words (possible
surnames), trial and drug names — names of studies, not dateline words, headings, exchanges,
coded disease names or outcome measures — the people the item credits with the work, and
the rare categories it names ("plenary", "late-breaking").  ``abstract_numbers`` finds the
abstract numbers an item writes, leaving out places, submission ids and glued note markers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from embargo.content.language import leans_foreign, unread_language
from embargo.content.numbers import (
    PROGRAMME_COUNT,
    PROGRAMME_WORDS,
    comma_decimals,
    fold_for_ignorecase,
    may_write_decimal_commas,
)
from embargo.linking import features as F
from embargo.linking.drugs import BRANDS
from embargo.patterns import blank, cannot_match, search_folded
from embargo.patterns import compile as re_compile
from embargo.timeparse import months

_FULL_ID = re_compile(r"\b([a-z][a-z0-9\-]*-\d{4}):([A-Za-z0-9][A-Za-z0-9.\-]*[A-Za-z0-9]|"
                      r"[A-Za-z0-9])\b")
_NUMBERED = re_compile(
    r"\b(?:abstracts?|posters?|presentations?|poster\s+board|late[- ]breaking\s+abstract|"
    r"LBA|oral\s+abstract)\s*(?:no\.?|number|num\.?|#|:)?\s*#?\s*"
    r"([A-Z]{0,4}-?\d{1,7}[A-Z]?)\b", re.IGNORECASE)
_LABEL = re_compile(r"(?<![\w#])#?((?:LBA|LB|OP|POS|PO|TPS|OA|PS|SAT|THU|FRI|WED|TUE|L)"
                    r"-?\d{1,5}[A-Z]?)\b")
_HASH_NUM = re_compile(r"(?<![\w&])#([A-Z]{0,4}\d{2,7})\b")
#: More numbers after a numbered cue: "Abstracts 0770 & 1695", "posters 1234, 1235 and 1236".
_LIST_TAIL = re_compile(r"[ \t]*(?:,[ \t]*(?:and[ \t]+|&[ \t]*)?|&[ \t]*|and[ \t]+|/[ \t]*)#?"
                        r"([A-Z]{0,4}-?\d{1,7}[A-Z]?)\b")


def _shape(number: str) -> tuple[str, int]:
    """A label's letters and its count of digits: "LBA12" -> ("LBA", 2)."""
    return re.sub(r"[\d\-]", "", number).upper(), sum(c.isdigit() for c in number)
#: Numbers that are places, not abstracts: "booth #1234", "Hall B, stand 12", "table 7".
_PLACE_BEFORE = re_compile(r"\b(?:booths?|stands?|tables?|halls?|rooms?|kiosks?|exhibits?|"
                           r"exhibitors?|suites?|gates?|spaces?|bays?|pavilions?|levels?|"
                           r"floors?|tracks?|channels?|ext\.?|extension|box)\s*(?:no\.?|"
                           r"number|#)?\s*#?\s*$", re.IGNORECASE)
#: The word "abstract" right before a single digit: "(Abstract 4)", "Abstract #4", "abstract
#: no. 6" name a plenary abstract (ASH numbers its plenary session 1 to 6); other cues
#: before one digit ("Poster 2", "presentation 1") count a release's list.
_ONE_DIGIT_CUE = re_compile(r"\babstract\s*(?:no\.?|number|#|:)?\s*#?\s*$", re.IGNORECASE)
#: The longest number an organiser gives an abstract; longer ones are submission or
#: registration ids ("Abstract #2128553"), never an abstract's label.
MAX_NUMBER_DIGITS = 5


def abstract_numbers(text: str) -> list[tuple[str, str, str | None]]:
    """Abstract numbers the text writes: (number as looked up, as written, the number read
    without a glued trailing note marker or None), in text order.

    Not abstract numbers: places ("booth #1234"), ids longer than any abstract label
    (seven-digit submission ids), single digits (but after the word "abstract").  A
    numbered cue whose digits run one past the usual length ("Abstract 08494") may carry a
    footnote marker: the caller tries it without its last digit as well (``glued``)."""
    global _LAST_NUMBERS
    last = _LAST_NUMBERS  # (one read: another thread may put its own text in meanwhile)
    if last[0] != text:
        last = _LAST_NUMBERS = (text, tuple(_abstract_numbers(text)))
    return list(last[1])


#: The last text ``abstract_numbers`` read and its answer: the linker asks twice of each item.
_LAST_NUMBERS: tuple[str, tuple[tuple[str, str, str | None], ...]] = ("", ())


def _abstract_numbers(text: str) -> list[tuple[str, str, str | None]]:
    out: dict[str, tuple[str, str, str | None]] = {}
    found: list[tuple[int, str]] = []
    folded = fold_for_ignorecase(text)
    for rx in (_NUMBERED, _LABEL, _HASH_NUM):
        if cannot_match(rx, folded):
            continue  # (no match can be here: most items name no abstract, few write "#")
        for m in rx.finditer(text):
            found.append((m.start(1), m.group(1)))
            if rx is _NUMBERED:
                # a list goes on with numbers of the first's form ("0770 & 1695"; not "0770
                # and 12 patients")
                end = m.end()
                while (t := _LIST_TAIL.match(text, end)) and _shape(t.group(1)) == _shape(
                        m.group(1)):
                    found.append((t.start(1), t.group(1)))
                    end = t.end()
    for start, raw in sorted(found):
        cue = text[max(0, start - 30):start]
        if _PLACE_BEFORE.search(re.sub(r"[#:]\s*$", "", cue)) or _PLACE_BEFORE.search(cue):
            continue
        number = raw.replace("-", "")
        digits = re.sub(r"\D", "", number)
        if number.isdigit() and len(number) < 2 and not (
                _ONE_DIGIT_CUE.search(cue) and not text.startswith(":", start + len(raw))):
            continue  # "Poster 2", "presentation 1": a list's count, not a label
        glued: str | None = None
        if len(digits) > MAX_NUMBER_DIGITS:
            continue
        if number.isdigit() and len(number) >= 4 and number.startswith("0"):
            glued = number[:-1]  # "08494": 0849 with note 4, if 8494 is no abstract
        out.setdefault(number, (number, raw, None))
        if glued:
            out.setdefault(number + "#glued", (number, raw, glued))
    return list(out.values())


_REGISTRY_HINT = ("nct", "isrctn", "eudract", "actrn", "chictr", "jrct", "ctri/", "drks",
                  "kct", "umin")
_URL = re_compile(r"https?://[^\s<>()\[\]\"']+")
#: Trial names and drug codes: ORCHID-2, KEYNOTE-189, CheckMate-067, ABC-123, LANTERN; not
#: gene or target names such as CD38, HER2, IL-23, BRCA1 (too short before the digits).
_TRIAL_LIKE = re_compile(r"(?<![#\w])(?:[A-Z][A-Za-z]{4,}-?\d+[A-Za-z]?|[A-Z]{2,}-?\d{3,}|"
                         r"[A-Z]{5,}(?:-[A-Za-z0-9]+)?|"
                         # a coined name with a capital inside: "ASembleNet", "CycleGAN"
                         # (not a site's name: "ClinicalTrials.gov")
                         r"[A-Z]{1,3}[a-z]{3,}[A-Z][A-Za-z]{2,}(?!\.(?:gov|com|org|net)\b))\b")
#: A result number: a percentage or a decimal ("61.9%", "62 percent", "0.54").
_RESULT = re_compile(r"(?<![\w.,])(\d{1,3}(?:\.\d+)?)\s*(?:%|percent|per cent)|"
                     r"(?<![\w.,])(0\.\d+|\d{1,3}\.\d+)(?![\w.]|\.\d)")
#: A study noun near a trial-like word makes it a study's name ("the LUMEN-3 trial", "in the
#: phase 3 PHOENYCS GO study"); without one it may be an outcome measure (BICLA, ESSDAI).
_STUDY_NOUN = (r"(?:trials?|stud(?:y|ies)|programm?e?s?|cohorts?|registr(?:y|ies)|extension|"
               r"sub-?stud(?:y|ies))")
_STUDY_NOUN_AFTER = re_compile(r"(?:[\s-]+[A-Z0-9][A-Za-z0-9\-]*){0,2}[\s-]+(?:\w+[\s-]+)?"
                               + _STUDY_NOUN + r"\b", re.IGNORECASE)
_STUDY_NOUN_BEFORE = re_compile(r"\b(?:" + _STUDY_NOUN + r"|phase\s*(?:[1-4]|I{1,3}V?)[ab]?|"
                                r"NCT\d{8}\)?)[\s,:(]+(?:called\s+|named\s+|known as\s+)?"
                                r"(?:the\s+)?$", re.IGNORECASE)
#: Categories an item can name that single out few abstracts of a meeting.
_CATEGORY_WORDS = {
    "plenary": re_compile(r"\bplenary\b", re.IGNORECASE),
    "late-breaking": re_compile(r"\blate[- ]?break(?:ing|ers?)\b|\bLBA?\s?-?\d", re.IGNORECASE),
}
#: Capital words that are never trial names: exchanges, wires, datelines' parts.
_NOT_TRIALS = frozenset(("NASDAQ", "NYSE", "AMEX", "EURONEXT", "OTCQX", "OTCQB", "HKEX",
                         "SOURCE", "PRNEWSWIRE", "NEWSWIRE", "GLOBE", "WIRE", "UPDATE",
                         "BREAKING", "EMBARGOED", "RELEASE", "CONTACT", "MEDIA", "ABOUT",
                         "ABSTRACT", "BACKGROUND", "METHODS", "RESULTS", "CONCLUSION",
                         "CONCLUSIONS", "PURPOSE", "FINDINGS", "INTERPRETATION", "FUNDING"))
_LINE_LEAD_CAPS = re_compile(r"[\W\d_]*(?:[A-Z][A-Z.'’\-]*[\s,]+)*$")


#: A programme's name with its cohort's disease after it in an ordinary word: "RESET-Myositis"
#: (of "RESET-SLE", "RESET-SSc"), "EMBARK-Lung".  (A part with a digit or in capitals is the
#: name's own: "DESTINY-Breast06", "KEYNOTE-522", "RESET-SLE".)
_COHORT_SUFFIX = re_compile(r"([A-Z]{5,})-[A-Z][a-z]{3,}")


def _name_part(word: str) -> str:
    """The part of a trial-like word that names the study: "RESET" of "RESET-Myositis"."""
    m = _COHORT_SUFFIX.fullmatch(word)
    return m.group(1) if m else word


def _is_trial_name(text: str, m: re.Match[str]) -> bool:
    """A trial-like word is a name unless it heads a line as part of a dateline or a heading
    ("THOUSAND OAKS, Calif. --", "WASHINGTON --", "KEY FINDINGS"), names an exchange or a
    wire ("NASDAQ:AMGN"), labels a section, or is a registered brand ("KRYSTEXXA®")."""
    word = m.group(0)
    if word.upper() in _NOT_TRIALS or word.rstrip("s").upper() in _NOT_TRIALS:
        return False
    if text[m.end():m.end() + 2].lstrip()[:1] in ("®", "™"):
        return False  # a registered brand ("KRYSTEXXA®"): a product, not a trial
    if not word.isupper():
        return True
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    if re.sub(r"[^A-Za-z]", "", line).isupper():
        return False  # a heading in capitals
    if not _LINE_LEAD_CAPS.match(text[line_start:m.start()]):
        return True  # among ordinary words
    rest = text[m.end():m.end() + 40]
    return not re.match(r"(?:\s*[A-Z][A-Z.'’\-]*)*\s*[,(\-–—/]", rest)


#: Clock times and dates written in digits ("12:15:05", "10:30 a.m.", "25.05.2024",
#: "2024-05-25", "11/14/2024"): their parts are no study's numbers (a wire copy's time stamp
#: "25.05.2024 12:15:05" would otherwise offer 25, 12 and 15). Matched on folded text.
_MONTHS_LOW = months.PATTERN_LOWER_NOT_MAY
#: A trial series and its number written apart: "AURORA 2", "CheckMate 227", "PROSPER-2"
#: (joined, "KEYNOTE-189" is one word already).  The series is written in capitals, or with
#: a capital inside (CheckMate); words that number something else are not series.
_NUMBERED_TRIAL = re_compile(r"(?<![\w-])([A-Z]{4,}|[A-Z][a-z]+[A-Z][A-Za-z]+)[ \u00a0-]"
                             r"(\d{1,3}|I{1,3}|IV)(?![\w%/-]|[.,]\d|\s*(?:mg|%|percent))")
_NOT_SERIES = frozenset({"PHASE", "STAGE", "GRADE", "TYPE", "CLASS", "COVID", "PART", "WEEK",
                         "COHORT", "LEVEL", "STEP", "GROUP", "TABLE", "FIGURE", "VERSION",
                         "ARM", "DAY", "YEAR", "MONTH", "SECTION", "TIER", "ROUND", "STUDY",
                         "TRIAL", "ABSTRACT", "POSTER", "SESSION", "BOOTH", "ROOM", "HALL"})


def numbered_trials(text: str) -> dict[str, set[str]]:
    """The numbers each trial series is named with in ``text`` ("AURORA 1 and AURORA 2" →
    {"aurora": {"1", "2"}}); roman numbers as arabic."""
    out: dict[str, set[str]] = {}
    for m in _NUMBERED_TRIAL.finditer(text):
        series, number = m.group(1), m.group(2)
        if series.upper() in _NOT_SERIES:
            continue
        number = {"I": "1", "II": "2", "III": "3", "IV": "4"}.get(number, number.lstrip("0"))
        out.setdefault(series.lower(), set()).add(number or "0")
    return out


def other_trial(item: dict[str, set[str]], title: str) -> tuple[str, str] | None:
    """When an abstract's title names a numbered trial of a series the item names only with
    other numbers ("AURORA 2" against the item's "AURORA 1"): the two names as written, the
    item's first.  A numbered trial is one study; its series' other trials are others."""
    for series, numbers in numbered_trials(title).items():
        mine = item.get(series)
        if mine and not (mine & numbers):
            name = series.upper() if series.isalpha() else series
            return (f"{name} {'/'.join(sorted(mine))}", f"{name} {'/'.join(sorted(numbers))}")
    return None


# A study's size as a text states it: "studied 196 lupus patients", "enrolled 3,533 adults",
# "a total of 412 participants" (a verb of inclusion right before the number: "more than 400
# patients" is a rounding, "of 55 patients who completed" a subgroup), and in an abstract
# also "417 patients" and "n = 417".
_PEOPLE = (r"(?:patients|participants|subjects|people|persons|adults|children|women|men|"
           r"individuals|respondents|veterans|infants|adolescents|survivors|volunteers)\b")
_SIZE_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d{2,7})"
#: Words between a count and its people are what kind of people ("196 lupus patients"), never
#: a phrase of its own ("PH20 SC in adult participants").
_KIND_WORD = r"(?!(?:in|with|of|from|at|on|and|or|to|for|per|vs|by|than)\s)[A-Za-z’'\-]+\s+"
_STUDY_SIZE = re_compile(
    r"\b(?:studied|included|includ(?:es|ing)|enrol(?:l?ed|ling|ls|s)|recruited|analy[sz]ed|"
    r"evaluated|surveyed|involved|involving|followed|assessed|examined|randomi[sz]ed|"
    r"looked at|tracked|a total of)\s+(?:(?:data|records)\s+(?:on|from|of)\s+)?"
    + _SIZE_NUMBER + r"\s+(?:" + _KIND_WORD + r"){0,3}?" + _PEOPLE, re.IGNORECASE)
_STATED_SIZE = re_compile(
    r"(?<![\w.,])" + _SIZE_NUMBER + r"\s+(?:" + _KIND_WORD + r"){0,3}?" + _PEOPLE
    + r"|\bn\s*=\s*" + _SIZE_NUMBER, re.IGNORECASE)
# A sentence about another study than the item's own ("A separate study followed 173 …").
_OTHER_STUDY = re_compile(r"\b(?:separate|another|previous|earlier|prior|older|different)\s+"
                          r"(?:[\w\-]+\s+){0,2}?(?:study|trial|analysis|cohort|survey)\b",
                          re.IGNORECASE)
_DIGITS = re_compile(r"\d[\d,]*")


def _size(number: str) -> str | None:
    value = number.replace(",", "")
    if len(value) == 4 and value[:2] in ("19", "20"):
        return None  # a year ("between 2019 and 2024 of adults")
    return value if int(value) >= 10 else None


#: A heading of a release's closing sections ("About CATALYST-UC", "About the Company"): the
#: trial described there is the whole trial (its full enrolment), of which an abstract may
#: report one cohort or analysis.
_ABOUT_HEADING = re_compile(r"^\W{0,4}About\s+\S[^\n]{0,80}$", re.MULTILINE)


def study_sizes(text: str) -> set[str]:
    """The sizes an item gives its own study ("The team studied 196 lupus patients" → 196),
    outside sentences about another study and before any "About …" section."""
    out: set[str] = set()
    about = _ABOUT_HEADING.search(text)
    if about is not None:
        text = text[:about.start()]
    for m in _STUDY_SIZE.finditer(text):
        start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start()))
        if _OTHER_STUDY.search(text, start + 1, m.start()):
            continue
        size = _size(m.group(1))
        if size:
            out.add(size)
    return out


def numbers_in(text: str) -> set[str]:
    """Every number of ``text`` as digits ("3,533" → 3533)."""
    return {d.replace(",", "") for d in _DIGITS.findall(text)}


def other_size(sizes: set[str], item_text: str, abstract_text: str) -> tuple[str, str] | None:
    """When the item gives its study a size the abstract never states, and the abstract
    states a size of its own the item never gives: the two sizes (the item's first).  The same
    study's other publication (an earlier cohort, a later analysis, another meeting) counts
    other patients; a release or story about the abstract repeats its count.

    The two largest counts must be of one order (within a factor of three): a count far below
    the other's is a part of the same cohort (a subgroup, those with an event), and an abstract
    whose counts are all far below the item's may never state its total."""
    if not sizes:
        return None
    theirs: set[str] = set()
    for m in _STATED_SIZE.finditer(abstract_text):
        size = _size(m.group(1) or m.group(2))
        if size:
            theirs.add(size)
    if not theirs:
        return None
    mine, top = max(int(x) for x in sizes), max(int(x) for x in theirs)
    if not top / 3 <= mine <= top * 3:
        return None
    if sizes & numbers_in(abstract_text):
        return None
    if theirs & numbers_in(item_text):
        return None
    return (", ".join(sorted(sizes, key=int)), ", ".join(sorted(theirs, key=int)))


_CLOCK_OR_DATE = re_compile(
    # clock times: with seconds, or with a zone, "h" or a.m./p.m. after them
    r"(?<![\w.:])\d{1,2}:[0-5]\d:[0-5]\d(?!\d)|"
    r"(?<![\w.:])\d{1,2}:[0-5]\d(?=\s*(?:[ap]\.?m\b|[ap]\.m\.|h\b|hrs?\b|"
    r"(?:[ecmp][sd]?t|utc|gmt|ces?t|bst)\b))|"
    # dates in digits: 25.05.2024, 11/14/2024, 11/14/24, 2024-05-25 (with a time after "t")
    r"(?<![\w.:/])(?:\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d|\d{1,2}/\d{1,2}/\d\d|"
    r"(?:19|20)\d\d-\d{1,2}-\d{1,2}(?:t\d{1,2}:\d\d(?::\d\d)?)?)(?![\w:]|[./]\d)|"
    # a day with its month: "may 25, 2024", "november 14", "14 nov 2024" ("may" only with
    # a year: it is a verb too)
    r"\b(?:" + _MONTHS_LOW + r"\s+\d{1,2}(?:st|nd|rd|th)?(?!\d)(?!\s*(?:%|percent))|"
    r"may\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:" + _MONTHS_LOW + r"|may\b))")


#: A dose: "7.5 mg", "300 mg/kg", "1,500 mg IV" (the regimen, shared by every report).
_DOSE = re_compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)\s*(?:mg|mcg|µg|g|ml|iu|units?)(?:/(?:kg|m2|"
                   r"day|d|week|wk))?\b")
#: Coded words of the field that look like trial names but name a disease, a pathogen, a
#: scale, a response definition or a toxicity (COVID-19, PROMIS-29, SLEDAI-2K, DORIS, LLDAS,
#: ICANS, CRS, RECIST): topic words, never the name of one study.
_CODED = ("covid19 covid sarscov2 sarscov hiv1 hiv2 hpv16 hpv18 htlv1 hhv8 h1n1 h5n1 promis29 "
          "promis10 promis mpox ebola zika sf36 eq5d phq9 gad7 "
          # disease-activity scores and response definitions
          "sledai sledai2k bilag bicla sri4 sri doris lldas essdai clinessdai esspri cress das28 "
          "cdai sdai haq "
          "haqdi pasi easi basdai asdas mda dapsa acr20 acr50 acr70 crr prr uacr upcr kdigo "
          "recist irecist ecog nyha ctcae "
          # toxicities of cell and immune therapies
          "crs icans icans gvhd hlh irae")
CODED_TOPICS = frozenset(_CODED.split()) | frozenset(F.content_words(_CODED))
_CREDENTIAL = (r"(?:MD|M\.D\.|PhD|Ph\.D\.|DO|MBBS|MBChB|MPH|MSc|MS|MHS|MSCE|RN|PharmD|DrPH|"
               r"FRCPC?|FACR|FRACP|FACP)")
_PERSON = r"(?:[A-Z][\w'’\-]+\s+)?(?:[A-Z]\.\s*){0,2}(?:[A-Z][\w'’\-]+\s+)?([A-Z][\w'’\-]{2,})"
#: Whom an item says did the work: "presented by Dr. Chen", "lead author Maria Lopez",
#: "Presenter: Laura Kooienga", "Okafor and colleagues", "Kim et al."
_CREDITED_SOURCE = (
    rf"\b(?:presented|led|conducted|reported|authored|delivered|given) by\s+(?:Dr\.?\s+)?"
    rf"{_PERSON}|"
    rf"\b(?:[Ll]ead|[Ff]irst|[Ss]enior|[Cc]orresponding|[Ss]tudy|[Pp]rincipal)\s*(?:author|"
    rf"investigator|researcher)s?,?\s+(?:Dr\.?\s+)?{_PERSON}|"
    rf"(?m:^\W{{0,4}}(?:Presenter|Presenting author)s?\s*:\s*(?:Dr\.?\s+)?{_PERSON})|"
    rf"\b([A-Z][\w'’\-]{{2,}})\s+(?:and|&)\s+(?:colleagues|co-?workers|co-?authors|her team|"
    rf"his team)\b|\b([A-Z][\w'’\-]{{2,}})\s+et\s+al\b")
_CREDITED = re_compile(_CREDITED_SOURCE)
#: Who an item credits with the work: those, and anyone with a credential, "Joan T. Merrill,
#: MD, of ..." (who may be a commentator too).
_STUDY_PERSON = re_compile(
    rf"\b{_PERSON}(?:,?\s+(?:Jr|Sr|II|III|IV)\.?)?,?\s+{_CREDENTIAL}\b|" + _CREDITED_SOURCE)
#: A dateline's date: "CALGARY, Alberta, Oct. 25, 2022", "Boston, 3 June 2024", "2024-06-02".
_DATELINE_DATE = re_compile(
    r"\b(?:(" + months.ABBREVIATION_ALTERNATION + r")[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|"
    r"th)?,?\s+((?:19|20)\d\d)|(\d{1,2})\s+(" + months.ABBREVIATION_ALTERNATION + r")"
    r"[a-z]*\.?,?\s+((?:19|20)\d\d)|((?:19|20)\d\d)-(\d\d)-(\d\d)|"
    # the day first with dots, as European wires date themselves: "25.05.2024 12:15:05"
    r"(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d))\b", re.IGNORECASE)


#: One name of an author list in citation form: a surname (with its particles) and up to three
#: initials ("Choi HK", "van der Heijde D.", "Landon-Cardinal O").
_CITED_NAME = (r"(?:(?:van|von|de|der|den|da|di|du|del|dos|le|la|el)\s+)*[A-Z][\w'’\-]+\s+"
               r"(?:[A-Z]\.?){1,3}")
#: A work's author list as a page reproduces it ("Research Team: Rai S, McCormick N, Morgan X,
#: …"): three names or more in citation form, wrapped over lines perhaps.
_AUTHOR_LIST = re_compile(rf"(?<![\w\-'’])({_CITED_NAME}(?:,[ \t]*\n?[ \t]*{_CITED_NAME}){{2,}})"
                          r"(?![\w'’])")
#: What may stand before a byline on its line: nothing, or a label ("Research Team:").
_LIST_LABEL = re_compile(r"\W{0,4}(?:[A-Z][\w’' ]{0,40}:)?[ \t]*$")
#: What may follow it: "et al.", "on behalf of … Investigators", a full stop.
_LIST_END = re_compile(r"[ \t]*(?:,?[ \t]*(?:et al\b\.?|on behalf of\b[^\n]*))?[ \t.]*$",
                       re.IGNORECASE)


def author_lists(text: str) -> tuple[tuple[str, ...], ...]:
    """The author lists the item gives as bylines in citation form (on lines of their own, or
    after a label such as "Research Team:"; not inside a reference, whose title follows the
    names), each as its folded surnames in order (the first is the work's first author)."""
    out = []
    for m in _AUTHOR_LIST.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        if not (_LIST_LABEL.match(text, start, m.start()) and _LIST_END.match(text, m.end(), end)):
            continue
        out.append(tuple(F.surname_key(" ".join(name.replace(".", "").split()))[0]
                         for name in m.group(1).split(",")))
    return tuple(out)


def dateline_date(text: str, within: int = 600) -> date | None:
    """The item's own date, when its opening states it where a date of writing stands: near
    the start of one of its first lines ("CALGARY, Alberta, Oct. 25, 2022 --", "June 3,
    2024", a masthead's date) or after "Published", "Posted", "Updated" or "Date".  A date
    inside a sentence ("On June 2, 2023, the FDA approved …") is not the item's.  It says
    which edition a meeting named without its year is."""
    head = text[:within]
    lines = [ln for ln in head.splitlines() if ln.strip()][:5]
    spans = [ln[:90] for ln in lines]
    spans += [m.group(0) for m in _DATED_LABEL.finditer(head)]
    for span in spans:
        for m in _DATELINE_DATE.finditer(span):
            before = span[:m.start()]
            if not _DATED_LABEL.match(span) and (
                    m.start() > 60 or re.search(r"(?<![\w'’])[a-z][a-z]{3,}", before)):
                continue  # inside a sentence, not where the item dates itself
            g = m.groups()
            try:
                if g[0]:
                    return date(int(g[2]), months.NUMBER[g[0].lower()], int(g[1]))
                if g[3]:
                    return date(int(g[5]), months.NUMBER[g[4].lower()], int(g[3]))
                if g[6]:
                    return date(int(g[6]), int(g[7]), int(g[8]))
                return date(int(g[11]), int(g[10]), int(g[9]))
            except ValueError:
                continue  # "Feb 30, 2024": no date
    return None


_DATED_LABEL = re_compile(r"\b(?:published|posted|updated|date[d]?)\s*(?:on\s*)?:?\s*[^\n]{0,40}",
                          re.IGNORECASE)


#: A person the item quotes as an outsider is no author of the study.
_OUTSIDER = re_compile(r"\bnot (?:involved|part of|affiliated)|\bno (?:ties|role|involvement)|"
                       r"\bindependent\b|\bunaffiliated\b|\boutside expert|\bwho did not\b",
                       re.IGNORECASE)


#: Sentence ends, but not after "Dr.", "Prof.", an initial ("T.") or "et al.".
#: (The lookbehinds all test the same place, so their order does not change what matches; the
#: cheap one that fails almost everywhere goes first.)
_SENTENCE_END = re_compile(r"(?<=[.!?])(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bSt\.)"
                           r"(?<!\bal\.)(?<!\bProf\.)(?<!\bMrs\.)(?<!\b[A-Z]\.)\s+|\n\s*\n")


def _name_key(name: str) -> str:
    """A name as surnames are compared: folded, apostrophes dropped ("O’Neil" → oneil)."""
    return F.fold(name).replace("’", "'").replace("'", "")


def _surname(word: str) -> str:
    """A capitalised word as a surname, a possessive dropped ("Hussain's" → hussain)."""
    return _name_key(re.sub(r"['’]s$", "", word))


#: An office held in an organisation, written before a name ("said ASCO Chief Medical Officer
#: Julie R. Gralow, MD", "ACR President Dr. Carol Langford"): the organisation's spokesperson
#: commenting, not someone the item credits with the study.
#: (Written after the name and its credentials too: "said Julie R. Gralow, MD, FACP, FASCO,
#: Chief Medical Officer and Executive Vice President of ASCO".)  An officer may still be an
#: author, so the name is not set aside as a bystander's: it only credits nobody.
_OFFICE = (r"(?:President(?:-[Ee]lect)?|Chief [A-Z][a-z]+ Officer|CEO|Chair(?:man|woman|"
           r"person)?|Co-?[Cc]hair)")
_OFFICE_BEFORE = re_compile(r"\b" + _OFFICE + r"\s+(?:Dr\.?\s+|Prof\.?\s+)?$")
_OFFICE_AFTER = re_compile(r"(?:,\s*[A-Z][A-Za-z.]{1,8})*,\s*(?:the\s+)?(?:(?:Executive\s+)?"
                           r"Vice\s+)?" + _OFFICE + r"\b")


def _office_holder(sentence: str, start: int, end: int) -> bool:
    """Whether the name from ``start`` to ``end`` comes with an office title (``_OFFICE``)."""
    return (_OFFICE_BEFORE.search(sentence, max(0, start - 60), start) is not None
            or _OFFICE_AFTER.match(sentence, end) is not None)


#: A person with credentials set off by a comma ("Lisa A. Mandl, MD, MPH"; not "The University
#: of Texas MD Anderson"), or one credited with the work: a member of a team.
_TEAM_PERSON = re_compile(
    rf"\b{_PERSON}(?:,?\s+(?:Jr|Sr|II|III|IV)\.?)?,\s+{_CREDENTIAL}\b|" + _CREDITED_SOURCE)
_CREDENTIAL_WORD = re_compile(_CREDENTIAL, re.IGNORECASE)  # "PhD, MPH": no one's name


#: Strings one of which every match of ``_CREDITED`` holds, case and all (one for each of its
#: alternatives: "presented by"/"led by" …/"given by", "lead author" …, "Presenter:",
#: "… and colleagues" …); the last, "et al", is looked for by ``_ET_AL``.
_CREDITED_NEEDLES = ("ed by", "en by", "author", "investigator", "researcher", "Present",
                     "colleagues", "workers", "her team", "his team")
_ET_AL = re_compile(r"et\s+al")
#: Strings one of which every credential (``_CREDENTIAL``) holds, case and all.
_CREDENTIAL_NEEDLES = tuple(re.sub(r"\\(.)", r"\1", alt).removesuffix("C?")
                            for alt in _CREDENTIAL[3:-1].split("|"))


def _credits_anyone(sentence: str) -> tuple[bool, bool]:
    """(whether ``sentence`` may hold a match of ``_CREDITED``, whether it may hold a
    credential): a sentence holding neither holds no match of ``_CREDITED``,
    ``_STUDY_PERSON`` or ``_TEAM_PERSON`` (each a credentialed name or ``_CREDITED``'s
    reading), so they need not be searched for there."""
    credited = any(n in sentence for n in _CREDITED_NEEDLES) or (
        "al" in sentence and _ET_AL.search(sentence) is not None)
    return credited, any(n in sentence for n in _CREDENTIAL_NEEDLES)


def _people_by_sentence(text: str, patterns: tuple[re.Pattern[str], ...]
                        ) -> list[tuple[set[str], ...]]:
    """For each sentence not about an outsider, the folded surnames each pattern credits in
    it (one set per pattern): one pass over the sentences serves every reading.  (The
    patterns are ``_CREDITED``, ``_STUDY_PERSON`` or ``_TEAM_PERSON``; see
    ``_credits_anyone``.)"""
    out: list[tuple[set[str], ...]] = []
    known = all(p is _CREDITED or p is _STUDY_PERSON or p is _TEAM_PERSON for p in patterns)
    for sentence in _SENTENCE_END.split(text):
        if search_folded(_OUTSIDER, sentence, fold_for_ignorecase(sentence)):
            continue
        found: tuple[set[str], ...] = tuple(set() for _ in patterns)
        credited, credential = _credits_anyone(sentence) if known else (True, True)
        if not credited and not credential:
            out.append(found)
            continue
        for names, pattern in zip(found, patterns, strict=True):
            if not credited and pattern is _CREDITED:
                continue
            for m in pattern.finditer(sentence):
                if _office_holder(sentence, m.start(), m.end()) \
                        and not _CREDITED.match(m.group(0)):
                    continue  # an officer commenting ("lead author …, President of …" still is)
                name = next((g for g in m.groups() if g), None)
                if name and name.lower() not in F.STOP and not name.isupper():
                    names.add(_name_key(name))
        out.append(found)
    return out


def study_people(text: str, *, credited_only: bool = False) -> set[str]:
    """Folded surnames of the people the item credits with the study or its presentation;
    ``credited_only``: only those it says did the work (not anyone with a credential, nor an
    organisation's officer commenting)."""
    pattern = _CREDITED if credited_only else _STUDY_PERSON
    return set().union(*(found for found, in _people_by_sentence(text, (pattern,))))


def _teams(found: list[set[str]]) -> list[frozenset[str]]:
    """The teams among the people credited sentence by sentence (see ``study_teams``)."""
    teams = []
    for names in found:
        members = frozenset(x for x in names if not _CREDENTIAL_WORD.fullmatch(x))
        if len(members) >= 2:
            teams.append(members)
    return teams


def study_teams(text: str) -> list[frozenset[str]]:
    """The teams the item credits with a study: two people or more credited in one sentence
    ("Medha Barbhaiya, MD, MPH, Lisa A. Mandl, MD, MPH, and colleagues looked for …")."""
    return _teams([found for found, in _people_by_sentence(text, (_TEAM_PERSON,))])


#: The writer's own line: "By Margaret Zhang, Medical Dispatch", "Reporting by Ana Ruiz".
_BYLINE = re_compile(r"^\W{0,4}(?:By|Reporting by|Written by|Edited by)\s+([A-Z][^\n]{0,80})$",
                     re.MULTILINE)


def bystanders(text: str) -> set[str]:
    """Folded surnames the item gives for people who are not the study's authors: its writers
    (the byline) and experts it says were not involved.  A shared surname of theirs is no sign
    of authorship ("said Anjali Hussain, who was not involved" is not Hussain's abstract)."""
    out: set[str] = set()
    for m in _BYLINE.finditer(text):
        for name in re.split(r"\s*(?:,|\band\b|&|\|)\s*", m.group(1))[:3]:
            parts = name.split()
            while parts and _CREDENTIAL_WORD.fullmatch(parts[-1].strip(".")):
                parts.pop()  # "By Renee Botello MSc": the writer is Botello
            if 1 < len(parts) <= 4 and all(p[:1].isupper() for p in parts):
                out.add(_name_key(parts[-1]))
    for sentence in _SENTENCE_END.split(text):
        if search_folded(_OUTSIDER, sentence, fold_for_ignorecase(sentence)):
            out.update(_surname(c) for c in _CAPS.findall(sentence))
    return out


#: A person written with a first name: "Dr. Bram Rivera", "Kenji Gomez", "Anna K. Lee".
#: (an initial before the first name is a first name too: "C. Roberto Simons-Linares" is the
#: author C. Simons-Linares who goes by his second name)
_GIVEN = re_compile(r"\b(?:([A-Z])\.\s+)?([A-Z][a-zà-öø-ÿ'’\-]+)\s+(?:[A-Z]\.\s+)?"
                    r"([A-Z][\w'’\-]{2,})\b")
_NOT_GIVEN = frozenset(("dr", "prof", "professor", "mr", "mrs", "ms", "sir", "dame", "saint",
                        "st", "san", "santa", "new", "north", "south", "east", "west", "the"))


#: Words English writes with a capital whoever they are about: languages and nationalities
#: ("speaks English", "in German").  An author of such a surname (Kelly English, Martin
#: German) counts only with a first name or an initial before it.
LANGUAGE_WORDS = frozenset(
    "english french german spanish italian dutch swedish danish norwegian finnish polish "
    "greek turkish chinese japanese korean portuguese russian irish scottish welsh british "
    "american canadian australian swiss hungarian arabic hebrew hindi czech".split())


def given_names(text: str) -> dict[str, set[str]]:
    """Folded surname → the initials of the first names the item gives it ("Bram Rivera":
    rivera → {b}).  An author of the same surname whose first name starts otherwise is
    another person."""
    out: dict[str, set[str]] = {}
    for m in _GIVEN.finditer(text):
        first = F.fold(m.group(2))
        if first in F.STOP or first in _NOT_GIVEN:
            continue
        initials = out.setdefault(_surname(m.group(3)), set())
        initials.add(first[:1])
        if m.group(1):
            initials.add(F.fold(m.group(1)))
    return out


#: A building named after someone: "McCormick Place", "Moscone Center", "the Walter E.
#: Washington Convention Center", "MD Anderson Cancer Center" — a place, not an author.
_NAMED_PLACE = re_compile(r"\b[A-Z][\w'’\-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’\-]+)){0,3}\s+(?:Place|"
                          r"(?:Convention|Cancer|Medical|Exhibition|Conference) (?:Center|Centre)|"
                          r"Center|Centre|Hall|Pavilion|Arena|Auditorium|Hotel|"
                          # an institution named after someone: "George Washington University",
                          # "Lewis Katz School of Medicine", "Mayo Clinic"
                          r"University|College|School|Institute|Clinic|Hospital|Infirmary)\b")


def _caps_of(text: str) -> set[str]:
    """Folded capitalised words (possible surnames), hyphenated names whole and split ("Simons-
    Linares" is the author Simons-Linares, and may be a Linares); not those of a building or
    an institution named after someone (``_NAMED_PLACE``)."""
    caps = set()
    for c in _CAPS.findall(_NAMED_PLACE.sub(blank, text)):
        if c.endswith(("'s", "’s")):
            c = c[:-2]  # (a word of _CAPS holds no newline: its possessive ends it)
        folded = F.fold(c).replace("’", "'")
        parts = [part.replace("'", "") for part in folded.split("-")]
        for part in parts:
            if len(part) >= 2:
                caps.add(part)
        if len(parts) > 1 and all(len(part) >= 2 for part in parts):
            caps.add("-".join(parts))
    return caps


def boilerplate_split(text: str) -> tuple[str, str]:
    """(the sentences set aside, the others), each joined: what tier analysis reads as the
    organisation's, the contacts' and the disclosures' (``embargo.content.tiers``), and the
    sentences about the company's money."""
    from embargo.content.tiers import boilerplate_sentences

    aside: list[str] = []
    own: list[str] = []
    for sentence, zone in boilerplate_sentences(text):
        money = search_folded(_MONEY, sentence, fold_for_ignorecase(sentence)) is not None
        (aside if zone or money else own).append(sentence)
    return "\n".join(aside), "\n".join(own)


#: A sentence about the company's money (revenue, spending, shares, guidance): its numbers
#: are no study's ("Revenue grew 24.4% ... research spending rose 12.8%").  An amount of
#: money alone says nothing of whose money it is: a study's costs ("$12,400 lower per
#: patient") are its results.
_MONEY = re_compile(r"\b(?:revenues?|sales|earnings|profits?|net (?:income|loss)|spending|"
                    r"shares? (?:rose|fell|closed|gained|dropped|jumped|slid|price)|stock|"
                    r"market (?:cap|value)|guidance|fiscal|quarter(?:ly)?|dividend|"
                    r"\d\s?(?:million|billion) (?:dollars|euros))\b",
                    re.IGNORECASE)


_CAPS = re_compile(r"(?<![\w'’])([A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’\-]+)")


#: Counts of the meeting's programme ("2,500 posters", "250 oral abstract presentations"),
#: on one line: "Section 50" over a line "Abstract Number: CT192" is a poster's place.
_PROGRAMME = re_compile(PROGRAMME_COUNT.replace(r"\s+", r"[ \t]+"), re.IGNORECASE)


@dataclass
class ItemFeatures:
    words: set[str]
    bigrams: set[str]
    exact: set[str]  # n: terms
    ints: set[str]  # integers of the item, as r: terms (to meet rounded abstract numbers)
    caps: set[str]  # folded capitalised words (possible surnames)
    tokens: set[str]  # every folded word, for first names
    coined: set[str]  # w: terms the item writes in capitals or with digits (ORCHID-2, TNF)
    termset: set[str] = field(default_factory=set)  # w: and b: terms
    names: set[str] = field(default_factory=set)  # drug and trial names (see Linker._names)
    trial_like: set[str] = field(default_factory=set)  # EMBER-301, ORCHID: w: terms
    results: list[tuple[str, str | None]] = field(default_factory=list)  # (n:, r: or None)
    lead_words: set[str] = field(default_factory=set)  # words of the lead, or said twice
    people: set[str] = field(default_factory=set)  # surnames the item credits with the work
    #: Of those, the ones it says did the work: presenter, lead author, "… and colleagues".
    credited: set[str] = field(default_factory=set)
    bystanders: set[str] = field(default_factory=set)  # surnames of its writers, outside experts
    given: dict[str, set[str]] = field(default_factory=dict)  # surname → first initials given
    study_names: set[str] = field(default_factory=set)  # w: terms used as a study's name
    categories: set[str] = field(default_factory=set)  # "plenary", "late-breaking" named
    headline: set[str] = field(default_factory=set)  # trial names the item's title gives
    headline_names: set[str] = field(default_factory=set)  # its drug and trial names
    repeated: set[str] = field(default_factory=set)  # content words said twice or more
    #: Author lists in citation form, as folded surnames in order (see ``author_lists``).
    lists: tuple[tuple[str, ...], ...] = ()
    #: Teams credited with one study in one sentence (see ``study_teams``).
    teams: list[frozenset[str]] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> ItemFeatures:
        low = F.fold(text)
        words = F.content_set(low)
        for brand in words & BRANDS.keys():
            words.update(F.content_words(" ".join(BRANDS[brand])))
        big = set(F.bigrams(low))
        exact: set[str] = set()
        ints: set[str] = set()
        doses = {m.group(1).replace(",", "") for m in _DOSE.finditer(low)}
        counted = _CLOCK_OR_DATE.sub(blank, low)
        if any(w in low for w in PROGRAMME_WORDS):
            # "more than 250 oral abstract presentations": the meeting's, no study's
            counted = _PROGRAMME.sub(blank, counted)
        # (decimals written with a comma, as most languages but English write them, read as
        # decimals)
        foreign = may_write_decimal_commas(low) and (unread_language(text) is not None
                                                     or leans_foreign(text))
        if foreign:
            counted = comma_decimals(counted)
        for e, _ in F.numbers(counted):
            if e in doses:
                continue  # "7.5 mg": a dose names the drug's regimen, not this abstract
            exact.add("n:" + e)
            if "." not in e:
                ints.add("r:" + e)
        caps = _caps_of(text)
        # Numbers and names of the boilerplate (About the organisation, contacts, funding and
        # disclosures) and an abstract's own label ("abstract #203") say nothing about which
        # abstract the item reports, unless its own sentences repeat them.
        aside, own = boilerplate_split(text)
        if aside:
            own_low = F.fold(own)
            aside_low = F.fold(aside)
            if foreign:
                own_low = comma_decimals(own_low)
                aside_low = comma_decimals(aside_low)
            kept = {e for e, _ in F.numbers(own_low)}
            for e, _ in F.numbers(aside_low):
                if e not in kept:
                    exact.discard("n:" + e)
                    ints.discard("r:" + e)
            caps -= _caps_of(aside) - _caps_of(own)
        for number, _, _ in abstract_numbers(text):
            if len(re.findall(rf"(?<![\w.]){re.escape(number)}(?![\w.])", text)) == 1:
                exact.discard("n:" + number)
                ints.discard("r:" + number)
        coined = F.acronyms(text)
        # The trial-like names with the part of each that names the study, folded.
        trial_names = [(m, F.fold(_name_part(m.group(0)))) for m in _TRIAL_LIKE.finditer(text)
                       if _is_trial_name(text, m)]
        trial_like = {"w:" + w for w in F.content_words(" ".join(
            name for _, name in trial_names))}
        # Names a release gives in its closing boilerplate ("About the company: it markets
        # ...") say nothing against a study; only those of the lead, or repeated, count
        # as the item's own (see Linker._names).
        lead = F.fold(text[:2000])
        repeated = {w for w, c in Counter(F.content_words(low)).items() if c >= 2}
        own_names = F.content_set(lead) | repeated
        for brand in own_names & BRANDS.keys():
            own_names.update(F.content_words(" ".join(BRANDS[brand])))
        termset = {"w:" + w for w in words}
        termset.update("b:" + b for b in big)
        results: list[tuple[str, str | None]] = []
        for m in _RESULT.finditer(low):
            v = m.group(1) or m.group(2)
            if "." in v:
                r = int(float(v) + 0.5)
                results.append(("n:" + v.lstrip("0") if not v.startswith("0.") else "n:" + v,
                                "r:" + str(r) if float(v) >= 1 and r >= 10 else None))
            elif int(v) >= 10:
                results.append(("n:" + v, "r:" + v))
        tokens = set(low.split()) | set(low.replace("-", " ").split())
        trial_like -= {"w:" + w for w in CODED_TOPICS}
        study_names = {"w:" + w for w in F.content_words(" ".join(
            name for m, name in trial_names
            if _STUDY_NOUN_AFTER.match(text, m.end())
            or _STUDY_NOUN_BEFORE.search(text[max(0, m.start() - 30):m.start()])))}
        study_names -= {"w:" + w for w in CODED_TOPICS}
        # Who the item credits, in one pass over its sentences: anyone credited, those said to
        # have done the work, and the teams credited together.
        # (The writer's byline, "By Renee Botello MSc, Navigator", credits no one with it.)
        by_sentence = _people_by_sentence(_BYLINE.sub(blank, text),
                                          (_STUDY_PERSON, _CREDITED, _TEAM_PERSON))
        people = set().union(*(found[0] for found in by_sentence))
        credited = set().union(*(found[1] for found in by_sentence))
        team_found = [found[2] for found in by_sentence if found[2]]
        return cls(words, big, exact, ints, caps, tokens, coined, termset, set(), trial_like,
                   list(dict.fromkeys(results)), own_names, people=people,
                   credited=credited if people else set(),
                   bystanders=bystanders(text) - people, given=given_names(text),
                   study_names=study_names,
                   categories={c for c, rx in _CATEGORY_WORDS.items() if rx.search(text)},
                   repeated=repeated, lists=author_lists(text),
                   teams=_teams(team_found) if people else [])
