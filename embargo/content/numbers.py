"""Numbers as data: find them in prose, skip the ones that are not data, compare with rounding.

"61.9%", "nearly 62 percent" and "62%" are the same datum; "612 patients" and "more than 600
patients" too; "two-thirds" is about 66.7%.  Each number carries its **unit**, and only like
compares with like:

* ``%`` — percentages, percentage points, and shares written as fractions ("one in five");
* ``time`` — durations and time points, in days ("12 months" = "a year" = "week 52");
* ``x`` — ratios and magnitudes ("2.3-fold", "tripled", "halved", "twice as many");
* ``dose`` — amounts of a drug ("300 mg");
* plain — counts and other values ("212 patients", "AUC 0.81").

A writer restating an abstract may compute from it: differences and ratios of the numbers it
compares, the share a count is of its total ("84 of 106" = 79.2%), the risk reduction a
hazard ratio implies (0.38 → 62%), the shares an allocation ratio implies (1:1 → half); so the
abstract's reference numbers include those (``derived``).  Dates, clock times, years,
abstract and trial numbers, rooms, phases, gene names, list markers, dosing frequencies and
calendar spans ("the next 30 days", "the second half of the year") are not data.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from embargo.content.language import leans_foreign
from embargo.content.memo import remember
from embargo.patterns import blank, required_literals
from embargo.patterns import compile as re_compile
from embargo.timeparse import months

_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
_FRACTIONS = {
    "half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "one-third": 1 / 3,
    "two thirds": 2 / 3, "two-thirds": 2 / 3, "a quarter": 0.25, "one quarter": 0.25,
    "one-quarter": 0.25, "three quarters": 0.75, "three-quarters": 0.75, "a fifth": 0.2,
    "one fifth": 0.2, "one-fifth": 0.2, "two fifths": 0.4, "two-fifths": 0.4,
    "three fifths": 0.6, "three-fifths": 0.6, "four fifths": 0.8, "four-fifths": 0.8,
    "a tenth": 0.1, "one tenth": 0.1, "one-tenth": 0.1,
}
_DAYS = {"day": 1.0, "week": 7.0, "wk": 7.0, "month": 30.44, "mo": 30.44, "year": 365.25,
         "yr": 365.25}
_QUALIFIER = re_compile(
    r"(?:nearly|almost|about|approximately|approx\.?|around|roughly|some|close to|just under|"
    r"just over|just below|just above|more than|over|at least|less than|fewer than|under|"
    r"up to|upwards of|well over|an estimated|~|≈|>|<|≥|≤)\s*$", re.IGNORECASE)
_ABOVE = re_compile(r"(?:more than|over|at least|just over|just above|upwards of|well over|"
                    r">|≥)\s*$", re.IGNORECASE)
_BELOW = re_compile(r"(?:nearly|almost|just under|just below|less than|fewer than|under|up to|"
                    r"<|≤)\s*$", re.IGNORECASE)
_MONTHS = months.PATTERN
_NUMWORD = r"(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
# Spans that hold digits but no data: each part with what any match of it must contain, so
# that the parts a text cannot match are left out of the alternation it is searched with
# (see _blank).  A requirement is a tuple of conditions, all needed; a condition is either a
# tuple of literals, any one enough (compared case-insensitively), or a pattern (a string) that
# must occur in the text, searched as the parts are (IGNORECASE).  ``_D`` is "a digit".
_D = r"\d"
_MONTH_WORDS = months.ABBREVIATIONS


#: A count of a meeting's or an institution's programme, not of a study: "more than 20
#: abstracts", "13,000 attendees", "250 oral abstract presentations", "a further 83 of its
#: abstracts" (IGNORECASE), and the words one of which each such count holds.
PROGRAMME_COUNT = (r"\b\d[\d,]*\+?\s+(?:of\s+(?:its|their|our|the|these)\s+)?"
                   r"(?:[a-z][a-z\-]*\s+)?(?:abstracts?|presentations?|posters?|e-?posters?|"
                   r"oral presentations?|sessions?|symposia|attendees|delegates|exhibitors|"
                   r"speakers|booths?|educational sessions?)\b")
PROGRAMME_WORDS = ("abstract", "presentation", "poster", "session", "symposia", "attendees",
                   "delegates", "exhibitors", "speakers", "booth")


class _Part(NamedTuple):
    """A kind of span that holds digits but no data, and where it can be."""

    source: str  # the pattern (IGNORECASE)
    #: What every match contains: every condition holds (see above).
    needs: tuple[str | tuple[str, ...], ...]
    #: Literals one of which every match begins with (lower case): tried only there.
    starts: tuple[str, ...] | None = None
    #: A pattern every match holds a match of that begins at most so many characters after
    #: the span does (a name's last letter before its number: "SARS-CoV-2", "IL-6"): tried
    #: only there.
    near: tuple[str, int] | None = None


_NOT_DATA_PARTS: tuple[_Part, ...] = (
    _Part(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?",  # clock times
          (_D, r"\d:\d")),
    _Part(r"\b\d{1,2}\s*(?:[ap]\.m\.|[AP]M\b|am\b|pm\b)", (_D, r"\d\s*[ap]\.?m")),
    _Part(_MONTHS + r"\s+\d{1,2}(?!\d)(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?"
          r"(?:,?\s+(?:19|20)\d\d)?",
          (_D, _MONTH_WORDS), starts=_MONTH_WORDS),
    # (a range of days before its month too: "13-17 September")
    _Part(r"\b(?:\d{1,2}(?:st|nd|rd|th)?\s*[-–]\s*)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
          + _MONTHS + r"(?:,?\s+(?:19|20)\d\d)?",
          (_D, _MONTH_WORDS,
           r"\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + months.ABBREVIATION_ALTERNATION + ")")),
    _Part(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?",
          (_D, r"\d{4}-\d{2}-\d{2}")),
    _Part(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", (_D, r"\d/\d{1,2}/\d")),
    # a slot's day written month/day before its clock time: "4/17, 1:30 pm", "6/2 at 9 AM"
    _Part(r"\b\d{1,2}/\d{1,2}(?=,?\s+(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\b|[ap]\.m\.))",
          (_D, r"\d/\d{1,2},?\s+(?:at\s+)?\d")),
    _Part(r"\bNCT\d{8}\b", (_D, ("nct",)), starts=("nct",)),  # registry ids
    _Part(r"\b[A-Z]{2,}-?\d{3,}\b", (_D, r"\d{3}", r"[A-Z]-?\d")),  # product codes
    _Part(r"\b\d{4,6}\.(?:SH|SZ|SS|HK|T|KS|KQ|TW|L|PA|DE|AX|TO|V)\b",  # exchange tickers
          (_D, r"\d{4}\.[A-Z]")),
    _Part(r"(?:abstract|poster|presentation|board|booth|LBA|e-?poster|ePoster|number|no\.|"
          # "Abstract Number: 1749", and a session letter spaced from the number ("Abstract
          # O 011", capitals only: "presentation of 45" is no label)
          r"#)\s*(?:no\.?|number|#)?\s*:?\s*(?:[A-Z]{0,4}|(?-i:[A-Z]{1,3})[ \t])\d+[A-Z]?\b",
          (_D, ("abstract", "poster", "presentation", "board", "booth", "lba", "number", "no.",
                "#")),
          starts=("abstract", "poster", "presentation", "board", "booth", "lba", "e-poster",
                  "eposter", "number", "no.", "#")),
    _Part(r"\b(?:session|room|hall|booth|level|floor|suite|track|gate|ballroom|auditorium|"
          r"theater|theatre|stage|building|halle?)\s+[A-Z]?\d+[A-Z]?\b(?:\s*[-–]\s*\d+\b)?",
          (_D, ("session", "room", "hall", "booth", "level", "floor", "suite", "track", "gate",
                "auditorium", "theater", "theatre", "stage", "building")),
          starts=("session", "room", "hall", "booth", "level", "floor", "suite", "track", "gate",
                  "ballroom", "auditorium", "theater", "theatre", "stage", "building")),
    # (and their plurals and ranges: "CKD stages 1-4", "grades 3 or 4", "phases I–III")
    _Part(r"\b(?:phase|class|type|stage|grade|step|part|cohort|arm|study|trial|figure|fig\.|"
          r"table|chapter|section|version|day|visit|line|tier|level)(?:e?s)?\s+(?:[1-4]/)?"
          r"(?:\d+[a-d]?|[IVX]+[ab]?)(?:\s*(?:[-–]|to|or|and|through)\s*(?:\d+[a-d]?|"
          r"[IVX]+[ab]?)\b)?\b",
          (("phase", "class", "type", "stage", "grade", "step", "part", "cohort", "arm", "study",
            "trial", "figure", "fig.", "table", "chapter", "section", "version", "day", "visit",
            "line", "tier", "level"),),
          starts=("phase", "class", "type", "stage", "grade", "step", "part", "cohort", "arm",
                  "study", "trial", "figure", "fig.", "table", "chapter", "section", "version",
                  "day", "visit", "line", "tier", "level")),
    _Part(r"\b(?:19|20)\d\d(?:[-–/](?:19|20)?\d\d)?\b", (_D, r"(?:19|20)\d\d")),  # years
    _Part(r"\b(?:COVID|SARS-CoV|H\dN|HbA|HER|PD|PD-L|IL|TNF|CD|CTLA|JAK|BRCA|KRAS|EGFR|ALK|"
          r"BCMA|CAR|FGF|IgG|IgA|IgE|HLA|APOE|PCSK|SGLT|GLP|DPP|CYP|TLR|HPV|HIV|HCV|HBV|ACR|"
          r"EULAR|DAS|PASI|CDAI|SDAI|HAQ|MDA|ASAS|BASDAI|UPCR|eGFR|CKD|NYHA|ECOG|ASA|"
          # (with the further digit groups of a code: "OT-26-02", "P1-08-12")
          r"[A-Za-z]{1,5})[-‑]?\d+[a-z]?(?:[-‑]\d+)*\b",  # gene/protein/score names and codes
          (_D, r"[A-Za-z][-‑]?\d"), near=(r"[A-Za-z][-‑]?\d", 7)),  # "SARS-CoV" is 8 long
    # A trial's name written in inner capitals, with its number spaced ("CodeBreaK 300",
    # "CheckMate 067"): a name, not data (a unit or a share after the number keeps it data).
    _Part(r"(?-i:\b[A-Z][a-z]+[A-Z][A-Za-z]*)\s+\d{1,4}(?![\d%]|[.,]\d|\s*(?:%|percent\b|"
          r"per cent\b|mg\b|µg\b|mcg\b|ml\b|g\b|kg\b|patients\b|people\b|participants\b|"
          r"(?:days?|weeks?|months?|years?)\b))",
          (_D, r"[a-z][a-z]*\s+\d")),
    # A response criterion with its threshold spaced from its code ("SVR 35", "PASI 75",
    # "ACR 50": as glued, "SVR35", a name; the code in capitals, a year no threshold).
    _Part(r"\b(?-i:ACR|PASI|EASI|SVR|ASAS|HiSCR|SALT|CLASI|TSS|SCORAD|NAPSI|BASDAI)\s+"
          r"(?:20|30|35|40|50|70|75|90|100)(?!\d|[.,]\d)",
          (_D, ("acr", "pasi", "easi", "svr", "asas", "hiscr", "salt", "clasi", "tss",
                "scorad", "napsi", "basdai"))),
    # A questionnaire's size and its scale ("the 7-item MFSAF", "scale 0-70", "a 0-10
    # scale", "on a scale of 0 to 10", "a 10-point scale"): the instrument, not data.
    _Part(r"\b\d{1,3}[-‑]items?\b", (_D, ("item",))),
    _Part(r"\bscale\s*(?:of\s+|from\s+)?\d{1,3}\s*(?:[-–]|to)\s*\d{1,3}\b|"
          r"\b\d{1,3}\s*(?:[-–]|to)\s*\d{1,3}(?:[-‑ ]points?)?\s+(?:[a-z]+\s+){0,2}scale\b|"
          r"\b\d{1,3}[-‑ ]points?\s+(?:[a-z]+\s+){0,2}scale\b",
          (_D, ("scale",))),
    _Part(r"(?:\+\d{1,3}[\s.\-]?)?\(?\b\d{3}\)?[\s.\-]\d{3}[\s.\-]\d{4}\b",  # phones
          (_D, r"\d{3}\)?[\s.\-]\d{3}[\s.\-]\d{4}"),
          near=(r"\d{3}\)?[\s.\-]\d{3}[\s.\-]\d{4}", 6)),  # "+123 (" is 6 long
    _Part(r"\+\d{1,3}[\s.\-]?\d{1,4}(?:[\s.\-]\d{2,4}){2,4}\b", (_D, r"\+\d")),
    _Part(r"(?<=\()\d{1,2}/\d{1,2}(?=\))|(?:^|(?<=\s))\d{1,2}/\d{0,2}(?=\s|$)",  # 1/3 threads
          (_D, r"\d/"), near=(r"\d/", 1)),
    _Part(r"[#@]\w+", (r"[#@]\w",), starts=("#", "@")),  # hashtags, handles
    _Part(r"https?://\S+|www\.\S+|\S+@\S+\.\w+",  # URLs, e-mail addresses
          (("http", "www.", "@"),)),
    # Reference markers: bracketed ("[3]", "[1-5]"), or in parentheses glued to the word
    # before them ("submitted this year(1-5):").
    _Part(r"\[\d{1,3}(?:[,–\-]\s*\d{1,3})*\]|(?<=[a-z.,;:])\(\d{1,3}(?:\s*[,–\-]\s*\d{1,3})*\)",
          (_D, r"\[\d|[a-z.,;:]\(\d")),
    _Part(r"\b\d+(?:st|nd|rd|th)\b", (_D, r"\d(?:st|nd|rd|th)\b")),  # ordinals: "88th annual"
    _Part(r"\b(?:CME|CE|CPD|AMA PRA)?\s*credits?\s*:?\s*\d+(?:\.\d+)?(?:\s*hours?)?",
          (_D, ("credit",))),
    # Calendar spans and halves of a period: "the next 30 days", "the second half".
    _Part(r"\b(?:next|past|coming|previous|last|following)\s+(?:\d+|" + _NUMWORD + r")\s+"
          r"(?:hours?|days?|weeks?|months?|years?)\b",
          (("next", "past", "coming", "previous", "last", "following"),),
          starts=("next", "past", "coming", "previous", "last", "following")),
    _Part(r"\b(?:first|second|latter|last|other)\s+half\b|\bhalf\s+(?:a|an)\s+(?:hour|day)\b",
          (("half",),), starts=("first", "second", "latter", "last", "other", "half")),
    # Dosing frequencies are design, not results: "once a month", "twice daily".
    _Part(r"\b(?:once|twice|three times|four times)\s+(?:a|per|each|every)?\s*(?:day|week|"
          r"month|year|daily|weekly|monthly)\b", (("once", "twice", "times"),),
          starts=("once", "twice", "three times", "four times")),
    _Part(r"\bevery\s+(?:\d+|" + _NUMWORD + r"|other)\s+(?:days?|weeks?|months?)\b",
          (("every",),), starts=("every",)),
    _Part(r"\b(?:\d+|" + _NUMWORD + r")\s+times\s+(?:a|per)\s+(?:day|week|month|year)\b",
          (("times",),)),
    _Part(r"\b\d+\s*-?\s*(?:year|month|week|day)s?[\s-]+old\b",  # ages of people
          (_D, ("old",), r"\d\s*-?\s*(?:year|month|week|day)s?[\s-]+old")),
    # Counts of the programme, not of a study: "more than 20 abstracts", "13,000
    # attendees"; the confidence level of an interval ("95% CI").
    # ("10 high-quality abstracts", "a further 83 of its abstracts": the institution's share)
    _Part(PROGRAMME_COUNT, (_D, PROGRAMME_WORDS)),
    _Part(r"\b9[059](?:\.\d)?\s*%\s*(?:CI|confidence|credible|prediction)\b",
          (_D, ("ci", "confidence", "credible", "prediction"), r"9[059](?:\.\d)?\s*%")),
    # ... and as other languages write it: "IC 95%", "IC del 95%", "intervalle de confiance à
    # 95 %", "95%-KI", "KI 95%", "95%信頼区間", "95%置信区间".
    # ("95% Ki-67" is a marker's share: the abbreviations stand alone)
    _Part(r"\b9[059](?:[.,]\d)?\s*%\s*-?\s*(?:(?:KI|IC)(?![\w\-‑])|Konfidenz|信頼区間|置信区间|"
          r"信賴區間)|\b(?:IC|KI)\s*(?:(?:del|al|à|a|de|di)\s+)?9[059](?:[.,]\d)?\s*%|"
          r"\b(?:intervalo|intervalle|intervallo)\s+d[ei]\s+conf(?:ian[cz]|idenz)\w*\s+"
          r"(?:(?:del|al|à|a|de|di)\s+)?9[059](?:[.,]\d)?\s*%",
          (_D, ("ic", "ki", "konfidenz", "信頼区間", "置信区间", "信賴區間", "confian",
                "confidenz"),
           r"9[059](?:[.,]\d)?\s*%")),
    _Part(r"\b(?:present|share|feature|highlight|lead|report)\w*\s+(?:more than |over |nearly |"
          r"about |some |almost )?\d[\d,]*\+?\s+(?:new\s+)?(?:studies|papers|projects|"
          r"trials|talks)\b",
          (_D, ("present", "share", "feature", "highlight", "lead", "report")),
          starts=("present", "share", "feature", "highlight", "lead", "report")),
    _Part(r"^\W*\d{1,2}[.)]\s*$", (_D, (".", ")"))),  # a list marker alone
    # "More than 30 studies from our investigators will be presented": the programme again.
    _Part(r"\b\d[\d,]*\+?\s+(?:new\s+)?(?:studies|papers|projects|trials|talks)\b(?=[^.]{0,80}"
          r"\b(?:will be|are being|are|were|to be)\s+(?:presented|shared|featured|highlighted)\b)",
          (_D, ("presented", "shared", "featured", "highlighted"))),
    # Where a journal printed it: "Vol 38, Issue 7", "Pages: 261", "pp. 12-19".
    _Part(r"\b(?:vol(?:ume)?\.?|issue|pages?|pp\.)\s*:?\s*\d+(?:\s*[-–]\s*\d+)?\b",
          (_D, ("vol", "issue", "page", "pp."))),
    # A meeting abstract cited where its society's journal printed it: "J Clin Oncol 39,
    # 2021 (suppl 15; abstr 535)", "Ann Rheum Dis 83 (Suppl 1)".
    _Part(r"\b(?:suppl(?:ement)?|abstr)\.?\s*:?\s*[a-z]{0,3}\d+[a-z\d\-]*",
          (_D, ("suppl", "abstr"))),
    _Part(r"\b(?:j\.?\s?clin\.?\s?oncol|ann\.?\s?rheum\.?\s?dis|arthritis\s?rheumatol|"
          r"j\.?\s?am\.?\s?soc\.?\s?nephrol|am\.?\s?j\.?\s?gastroenterol)\.?\s*\d+",
          (_D, ("oncol", "rheum", "rheumatol", "nephrol", "gastroenterol"))),
    # A DOI written without its address ("DOI: 10.1182/blood-2023-179153"): an identifier.
    _Part(r"\b10\.\d{4,9}/[^\s·|,;]+", (_D, ("10.",))),
    # A journal's impact factor, on an index's record of a paper or an abstract ("DOI: … ·
    # IF: 20.3 · Blood", "impact factor of 20.3"): about the journal, not the study.
    _Part(r"\b(?:(?:journal\s+)?impact\s+factor|(?-i:J?IF)(?=\s*:))\s*(?:of\s+)?:?\s*"
          r"\d+(?:\.\d+)?", (_D, ("impact factor", "if"))),
    # A web page's file name, with or without its address ("…-results-302439218.html").
    _Part(r"\S+\.(?:s?html?|php|aspx?|jsp|pdf)\b", (("htm", "php", "asp", "jsp", "pdf"),)),
)
_NOT_DATA_SOURCE = "|".join(part.source for part in _NOT_DATA_PARTS)
# Eligibility ages: not data in a draft, but kept in the reference (an abstract's "aged 60 or
# older" lets a draft's "over 60" match).
_AGES = re_compile(
    r"\b(?:aged?|ages)\s+(?:≥|>=|>)?\s*\d+\s*(?:(?:to|-|–|and)\s*\d+)?"
    r"(?:\s*(?:years?|or older|and older|\+))?|"
    r"\b\d+\s*(?:years?|yrs?)\s+(?:of age\s+)?(?:or|and)\s+(?:older|over|above)\b",
    re.IGNORECASE)
# Allocation ratios ("randomized 1:1", "2:1 to drug or placebo"): shares of the patients.
_ALLOCATION = re_compile(r"\b(\d{1,2})\s*:\s*(\d{1,2})(?:\s*:\s*(\d{1,2}))?\b")
_RATIO_SPAN = re_compile(r"\b\d+(?::\d+){1,3}\b")
_RATIO_MARK = ":"  # in every match of _RATIO_SPAN
# "84 of 106 patients", "65/106": a count and its total.
_COUNT_OF = re_compile(r"\b(\d{1,6}(?:,\d{3})*)\s*(?:of|/|out of)\s*(?:the\s+)?"
                       r"(\d{1,6}(?:,\d{3})*)\b")
# Durations and time points: "12 months", "52-week", "week 24", "a year", "one-year".
_TIME = re_compile(
    r"\b(?:(week|wk|month|mo|day|year)s?\s+(\d{1,3}(?:\.\d+)?)(?:\s*(?:and|to|-|–)\s*(\d{1,3}))?"
    r"|(\d{1,3}(?:\.\d+)?|a|an|one|" + _NUMWORD + r"(?:[- ](?:one|two|three|four|five|six|"
    r"seven|eight|nine))?|half a)[\s-]+(day|week|wk|month|mo|year|yr)s?\b(?![\s-]+old))",
    re.IGNORECASE)
# Magnitudes: "tripled", "halved", "twice as many", "3-fold", "three times as likely".
_MAGNITUDE = re_compile(
    r"\b(?:(doubl|tripl|quadrupl|halv)(?:ed|es|ing|e)\b(?![-‑ ](?:blind|mask|dummy|negative|"
    r"positive|check))|(twice)\b(?!\s+(?:daily|a|per|"
    r"weekly|monthly))|(\d+(?:\.\d+)?)\s*[-‑]?\s*(?:fold)\b|(\d+(?:\.\d+)?|two|three|four|five|"
    r"six|ten)\s*[-‑]?\s*(?:fold|times)\s+(?:as|more|higher|greater|lower|less|the|fewer|"
    r"likelier|likely|larger|smaller|bigger)\b|\b(two|three|four|five|ten)[-‑]fold)",
    re.IGNORECASE)
# What every match of _TIME holds (compared with fold_for_ignorecase's text).
_TIME_WORDS = ("week", "wk", "mo", "day", "year", "yr")
# What every match of _MAGNITUDE holds (compared with fold_for_ignorecase's text).
_MAGNITUDE_WORDS = ("doubl", "tripl", "quadrupl", "halv", "twice", "fold", "times")
_P_BEFORE = re_compile(r"\bp\s*(?:value\s*)?[=<>≤≥]\s*0?$|\bp\s*(?:value\s*)?[=<>≤≥]\s*$",
                       re.IGNORECASE)
#: What every match of _QUALIFIER holds, read in the folded text (``fold_for_ignorecase``):
#: a word of each alternative or its sign, or (``_QUALIFIER_UP``) "up" and "to" around one
#: character (the space between them may be one that blanking made) or "upwards".
_QUALIFIER_WORDS = ("nearly", "almost", "about", "approx", "around", "roughly", "some", "close",
                    "just", "more", "over", "least", "less", "fewer", "under", "estimated", "~",
                    "≈", ">", "<", "≥", "≤")
_QUALIFIER_UP = re_compile(r"up.to|upwards", re.DOTALL)


def _qualifiable(folded: str) -> bool:
    """Whether a text (folded) may hold a match of _QUALIFIER anywhere (False: it holds
    none)."""
    for word in _QUALIFIER_WORDS:
        if word in folded:
            return True
    return "up" in folded and _QUALIFIER_UP.search(folded) is not None


#: One of which every match of _P_BEFORE holds.
_P_SIGNS = "=<>≤≥"


def _p_signed(text: str) -> bool:
    """Whether a text may hold a match of _P_BEFORE anywhere (False: it holds none)."""
    return any(c in text for c in _P_SIGNS)
_MAGNITUDE_VALUE = {"doubl": 2.0, "tripl": 3.0, "quadrupl": 4.0, "halv": 0.5, "twice": 2.0}
_NUM = re_compile(
    r"(?<![\w.,/])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s*[x×]\s*10\s*\^?\s*(\d+))?"
    # (a share as other languages write it too: "37 Prozent", "el 37 por ciento")
    r"(?:\s*(%|percent\b|per cent\b|pct\b|percentage points?\b|points?\b|prozent\b|"
    r"procent\b|prosent\b|por ciento\b|pour cent\b|per cento\b|por cento\b|mg\b|mcg\b|µg\b|"
    r"g/kg\b|mg/kg\b|ml\b|mL\b|IU\b))?"
    # a count in words of its magnitude: "3.4 million people", "more than 3 million"
    r"(?:\s+(thousand|million|billion)\b)?(?![\w])",
    re.IGNORECASE)
#: What each magnitude word multiplies by (its power of ten).
_SCALE = {"thousand": 3, "million": 6, "billion": 9}
_WORD_NUM = re_compile(
    # (not the first word of a compound: "a third-party service", "half-life")
    r"\b(" + "|".join(sorted(_FRACTIONS, key=len, reverse=True)) + r")\b(?![-‑]\w)|"
    r"\b(\w+)\s+(?:in|out of)\s+(\w+)\b|"
    r"\b(" + "|".join(_WORDS) + r")(?:[- ](one|two|three|four|five|six|seven|eight|nine))?"
    r"(?:\s+(hundred|thousand))?\s*(percent|per cent|%)?\b", re.IGNORECASE)


@dataclass(frozen=True)
class Num:
    value: float
    text: str
    decimals: int
    percent: bool = False
    fraction: bool = False  # "two-thirds", "one in four": compare as a share
    qualified: bool = False  # "nearly", "more than": looser comparison
    word: bool = False  # written in words
    unit: str = ""  # "", "time" (days), "x" (ratio), "dose"
    direction: int = 0  # +1 "more than", -1 "nearly"/"less than", 0 plain or "about"

    @property
    def kind(self) -> str:
        """What it measures, for comparison: "%", "time", "x", "dose" or ""."""
        if self.percent or self.fraction:
            return "%"
        return self.unit


# The only characters beyond ASCII that IGNORECASE matches to an ASCII letter (checked over all
# of Unicode in the tests): folded before literals are looked for.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_AGES_NEEDS: tuple[str | tuple[str, ...], ...] = (_D, ("age", "year", "yr"))


def fold_for_ignorecase(text: str) -> str:
    """``text`` as IGNORECASE compares it with ASCII letters: lower case, with the characters
    beyond ASCII that match an ASCII letter made that letter."""
    if text.isascii() or not any(c in text for c in "\u0130\u0131\u017f\u212a"):
        return text.lower()
    return text.translate(_FOLD).lower()


def _for_folded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """An IGNORECASE ``pattern`` as a case-sensitive one over ``fold_for_ignorecase``'s text:
    the same matches at the same places (the fold keeps every character's place and class),
    found faster (a literal letter is one comparison, not a case-folding one).  Only for
    patterns whose letters are all ASCII lower case, escapes aside; the matched text is then
    the folded one, so callers read what was written from the original at the match's span."""
    source = pattern.pattern
    letters = re.sub(r"\\.", "", source)
    if any(c.isalpha() and not (c.isascii() and c.islower()) for c in letters):
        raise ValueError(f"not a lower-case pattern: {source[:40]!r}")
    return re_compile(source, pattern.flags & ~re.IGNORECASE)


_TIME_FOLDED = _for_folded(_TIME)
_MAGNITUDE_FOLDED = _for_folded(_MAGNITUDE)
# "\w+" runs possessively: what follows each run needs a non-word character, so giving back
# part of a run could never make a match (the same matches, without the retries).
_WORD_NUM_FOLDED = _for_folded(re_compile(
    _WORD_NUM.pattern.replace(r"\b(\w+)\s+(?:in|out of)\s+(\w+)\b",
                              r"\b(\w++)\s+(?:in|out of)\s+(\w++)\b"), re.IGNORECASE))


@functools.cache
def _rx(source: str) -> re.Pattern[str]:
    """A pattern compiled on first use (IGNORECASE, as _NOT_DATA's parts are)."""
    return re_compile(source, re.IGNORECASE)


#: Each probe's pattern and required literals (``embargo.patterns.required_literals``),
#: looked up once: ``_present`` asks about nine of them in a typical sentence.
_PROBES: dict[str, tuple[re.Pattern[str], tuple[str, ...] | None]] = {}


def _present(source: str, text: str, folded: str) -> bool:
    """Whether ``_rx(source)`` matches in ``text``; not searched when ``folded`` (``text``
    folded, ``fold_for_ignorecase``) shows it cannot: ``search_folded``, with the pattern's
    literals looked up once."""
    probe = _PROBES.get(source)
    if probe is None:
        rx = _rx(source)
        probe = _PROBES[source] = (rx, required_literals(rx.pattern, rx.flags))
    rx, needles = probe
    if needles is not None:
        for needle in needles:
            if needle in folded:
                break
        else:
            return False  # (cannot_match)
    return rx.search(text) is not None


def _satisfied(needs: tuple[str | tuple[str, ...], ...], text: str, folded: str,
               seen: dict[str, bool]) -> bool:
    for cond in needs:
        if isinstance(cond, str):
            found = seen.get(cond)
            if found is None:
                found = seen[cond] = _present(cond, text, folded)
            if not found:
                return False
        elif not any(lit in folded for lit in cond):
            return False
    return True


# Each part with whether it needs a digit, its literal conditions and its other patterns.
_Plan = tuple[_Part, bool, tuple[tuple[str, ...], ...], tuple[str, ...]]
_NOT_DATA_PLAN: tuple[_Plan, ...] = tuple(
    (part, _D in part.needs, tuple(c for c in part.needs if not isinstance(c, str)),
     tuple(c for c in part.needs if isinstance(c, str) and c != _D))
    for part in _NOT_DATA_PARTS)


def _not_data_spans(text: str, folded: str, seen: dict[str, bool]) -> list[tuple[int, int]]:
    """The spans _NOT_DATA substitutes in ``text``, found part by part.

    The alternation takes, at the leftmost position where any part matches, the first such
    part (in order) with that part's own match, then goes on from its end.  So does this:
    each part's next match is searched separately (a search from ``pos`` sees the text
    before it, for lookbehinds and ``\\b``), and a part whose required literal or pattern is
    absent from the text is not searched at all: it cannot match anywhere."""
    digit = seen.get(_D)
    if digit is None:
        digit = seen[_D] = _rx(_D).search(text) is not None
    parts = []
    starts: list[list[int] | None] = []
    for part, needs_digit, literals, probes in _NOT_DATA_PLAN:
        if needs_digit and not digit:
            continue
        for cond in literals:
            for lit in cond:
                if lit in folded:
                    break
            else:
                break  # no literal of this condition
        else:
            for probe in probes:
                hit = seen.get(probe)
                if hit is None:
                    hit = seen[probe] = _present(probe, text, folded)
                if not hit:
                    break
            else:
                parts.append(_rx(part.source))
                if part.starts is not None:
                    starts.append(_starts_of(folded, part.starts))
                elif part.near is not None:
                    starts.append(_starts_near(text, *part.near))
                else:
                    starts.append(None)
    found = [_next(part, text, 0, at) for part, at in zip(parts, starts, strict=True)]
    spans: list[tuple[int, int]] = []
    while True:
        best: re.Match[str] | None = None
        for m in found:
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return spans
        start, end = best.span()
        spans.append((start, end))
        for i, m in enumerate(found):
            if m is not None and m.start() < end:
                found[i] = _next(parts[i], text, end, starts[i])


def _starts_of(folded: str, literals: tuple[str, ...]) -> list[int]:
    """Where any of ``literals`` begins in ``folded``, in order."""
    out = set()
    for lit in literals:
        i = folded.find(lit)
        while i >= 0:
            out.add(i)
            i = folded.find(lit, i + 1)
    return sorted(out)


def _starts_near(text: str, probe: str, back: int) -> list[int]:
    """The places at most ``back`` before a match of ``probe`` begins (or at it), in order."""
    out: set[int] = set()
    pattern = _rx(probe)
    m = pattern.search(text)
    while m is not None:  # every place a match begins, overlapping ones too
        out.update(range(max(0, m.start() - back), m.start() + 1))
        m = pattern.search(text, m.start() + 1)
    return sorted(out)


def _next(part: re.Pattern[str], text: str, pos: int, starts: list[int] | None
          ) -> re.Match[str] | None:
    """``part.search(text, pos)``; with ``starts`` (every place a match of it can begin),
    tried only there."""
    if starts is None:
        return part.search(text, pos)
    for start in starts[bisect.bisect_left(starts, pos):]:
        m = part.match(text, start)
        if m is not None:
            return m
    return None


def _blank(text: str, ages: bool = True, folded: str | None = None,
           digit: bool | None = None) -> str:
    """``text`` with the spans that are not data (and, with ``ages``, eligibility ages)
    blanked: the same as substituting the whole _NOT_DATA alternation, only cheaper.
    (``folded``: ``text`` folded, and ``digit``: whether it holds a digit, when known.)"""
    if folded is None:
        folded = fold_for_ignorecase(text)
    seen: dict[str, bool] = {} if digit is None else {_D: digit}
    spans = _not_data_spans(text, folded, seen)
    if spans:
        pieces = []
        pos = 0
        for start, end in spans:
            pieces.append(text[pos:start])
            pieces.append(" " * (end - start))
            pos = end
        pieces.append(text[pos:])
        text = "".join(pieces)
    if ages and _satisfied(_AGES_NEEDS, text, folded, seen):
        text = _AGES.sub(blank, text)
    return text


def _word_value(token: str) -> float | None:
    if not token:
        return None
    t = token.lower()
    if t in ("a", "an", "one"):
        return 1.0
    if t == "half a":
        return 0.5
    parts = re.split(r"[- ]", t)
    if all(p in _WORDS for p in parts):
        return float(sum(_WORDS[p] for p in parts))
    return None


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


_EXTRACTED: dict[tuple[str, bool, bool], tuple[Num, ...]] = {}
_EXTRACTED_MAX = 8192


def extract(text: str, *, words: bool = True, reference: bool = False) -> list[Num]:
    """Data numbers in ``text`` (in order of appearance); ``reference``: an abstract's own
    text, where eligibility ages count too.

    Remembered (bounded) per text: a sentence is judged against every abstract an item is
    about, and an abstract's sentences again for each item."""
    found: tuple[Num, ...] = remember(
        _EXTRACTED, (text, words, reference),
        lambda: tuple(_extract(text, words=words, reference=reference)), _EXTRACTED_MAX)
    return list(found)


def _extract(text: str, *, words: bool, reference: bool) -> list[Num]:
    folded = fold_for_ignorecase(text)
    digit = _rx(_D).search(text) is not None
    clean = _blank(text, not reference, folded, digit)
    out: list[tuple[int, Num]] = []
    # Every qualifier and every p-value's sign holds text of ``text`` itself (blanking only
    # makes spaces): a text without any qualifies no number and gives no p-value.
    qualifiable: list[bool] = []  # (looked for at the first number)
    signed = _p_signed(text)

    def qualifier(start: int) -> tuple[bool, int]:
        if not qualifiable:
            qualifiable.append(_qualifiable(folded))
        if not qualifiable[0]:
            return False, 0
        before = clean[max(0, start - 20):start]
        if not _QUALIFIER.search(before):
            return False, 0
        return True, (1 if _ABOVE.search(before) else -1 if _BELOW.search(before) else 0)

    # Allocation ratios first: not data themselves, but the shares they imply (reference).
    # Each pattern below is looked for only in text holding what any match of it holds.
    for m in (_RATIO_SPAN.finditer(clean) if digit and _RATIO_MARK in text else ()):
        clean = clean[:m.start()] + " " * (m.end() - m.start()) + clean[m.end():]
    spans: list[tuple[int, int]] = []
    # The time and magnitude patterns read the same text (what they find is blanked after
    # both): folded once for the two.
    low = fold_for_ignorecase(clean)
    times = _TIME_FOLDED.finditer(low) if any(
        w in folded for w in _TIME_WORDS) else ()
    for m in times:
        written = clean[m.start():m.end()]
        unit = (m.group(1) or m.group(5) or "").lower()
        per = _DAYS.get(unit)
        if per is None:
            continue
        q, d = qualifier(m.start())
        if m.group(2):  # "week 52", "months 6 and 12"
            for g in (m.group(2), m.group(3)):
                if g:
                    out.append((m.start(), Num(float(g) * per, written, 0, unit="time",
                                               qualified=q, direction=d)))
        else:
            raw = m.group(4)
            v = float(raw) if raw[0].isdigit() else _word_value(raw)
            if v is None:
                continue
            out.append((m.start(), Num(v * per, written, 0, unit="time", qualified=q,
                                       direction=d, word=not raw[0].isdigit())))
        spans.append(m.span())
    magnitudes = _MAGNITUDE_FOLDED.finditer(low) if any(
        word in folded for word in _MAGNITUDE_WORDS) else ()
    for m in magnitudes:
        q, d = qualifier(m.start())
        if m.group(1) or m.group(2):
            v = _MAGNITUDE_VALUE[(m.group(1) or m.group(2)).lower()]
            word = True
        else:
            raw = m.group(3) or m.group(4) or m.group(5)
            word = not raw[0].isdigit()
            v = float(raw) if not word else float(_WORDS[raw.lower()])
        out.append((m.start(), Num(v, clean[m.start():m.end()], 1, unit="x", qualified=q,
                                   direction=d,
                                   word=word)))
        spans.append(m.span())
    clean = _mask(clean, spans)
    if words:
        spans = []
        for m in _WORD_NUM_FOLDED.finditer(fold_for_ignorecase(clean)):
            written = clean[m.start():m.end()]
            q, d = qualifier(m.start())
            if m.group(1):
                out.append((m.start(), Num(_FRACTIONS[m.group(1).lower()], written, 3,
                                           fraction=True, qualified=q, word=True,
                                           direction=d)))
            elif m.group(2):
                a = _word_value(m.group(2)) or (int(m.group(2)) if m.group(2).isdigit()
                                                else None)
                b = _word_value(m.group(3)) or (int(m.group(3)) if m.group(3).isdigit()
                                                else None)
                if a and b and b > a:
                    out.append((m.start(), Num(a / b, written, 3, fraction=True,
                                               qualified=q, word=True, direction=d)))
                    spans.append(m.span())
            elif m.group(4):
                v = _WORDS[m.group(4).lower()]
                if m.group(5):
                    v += _WORDS[m.group(5).lower()]
                if m.group(6):
                    v *= 100 if m.group(6).lower() == "hundred" else 1000
                if v <= 1 and not m.group(7):
                    continue  # "one", "zero": too common to be data
                out.append((m.start(), Num(float(v), written, 0,
                                           percent=bool(m.group(7)), qualified=q, word=True,
                                           direction=d)))
        clean = _mask(clean, spans)  # "3 in 10" is one share, not two numbers
    if digit and not reference and may_write_decimal_commas(clean) and leans_foreign(text):
        clean = comma_decimals(clean)
    for m in (_NUM.finditer(clean) if digit else ()):
        if m.start() >= 2 and clean[m.start() - 1] in "-‑" and _CODE_BEFORE.search(
                text, max(0, m.start() - 40), m.start() - 1):
            # part of a name or code: IL-6, COVID-19, PS5-03 (but "40-60" is a range); read
            # in the text, as the code itself may be blanked in ``clean``
            continue
        raw = m.group(0)
        whole = m.group(1).replace(",", "")
        dec = m.group(2) or ""
        try:
            value = float(f"{whole}.{dec}" if dec else whole)
        except ValueError:
            continue
        if m.group(3):
            value *= 10 ** int(m.group(3))
        places = len(dec)
        if m.group(5) and not m.group(4):
            # "3.4 million" is 3,400,000 to the nearest 100,000: as precise as it is written
            power = _SCALE[m.group(5).lower()]
            value *= 10 ** power
            places -= power
        unit = (m.group(4) or "").lower()
        pct = unit.startswith(("%", "percent", "per cent", "pct", "point", "pro", "por ",
                               "pour "))
        dose = unit in ("mg", "mcg", "µg", "g/kg", "mg/kg", "ml", "iu")
        pvalue = signed and _P_BEFORE.search(clean[max(0, m.start() - 12):m.start()]) is not None
        q, d = qualifier(m.start())
        out.append((m.start(), Num(value, raw.strip(), places, percent=pct, qualified=q,
                                   direction=d, unit="dose" if dose else "p" if pvalue
                                   else "")))
    out.sort(key=lambda t: t[0])
    return [n for _, n in out]


#: A decimal comma ("0,69", "14,5 meses", "84,2%"): one or two digits after a comma that do
#: not go on as a thousands group or a list ("1,234", "days 1,8,15").
_COMMA_DECIMAL = re_compile(r"(?<![\d.,])(\d{1,3}),(\d{1,2})(?![\d]|,\d)")
#: A decimal point between digits ("0.69"): a text that writes one writes its decimals so.
_POINT_DECIMAL = re_compile(r"\d\.\d")


def may_write_decimal_commas(text: str) -> bool:
    """Whether ``text`` may write decimals with a comma: it holds a comma, and no decimal
    point (cheap: asked before the language, which costs more)."""
    return "," in text and _POINT_DECIMAL.search(text) is None


def comma_decimals(text: str) -> str:
    """``text`` with its decimal commas written as points ("HR 0,69 (0,51-0,92)" as "HR 0.69
    (0.51-0.92)"): the way most languages but English write a decimal.  Asked of a text (or a
    part of one) in another language that writes no decimal point
    (``may_write_decimal_commas``): in English "(1,2)" is a pair of notes and "2,3-DPG" a
    chemical's name.  The same length, so positions in it are positions in ``text``."""
    return _COMMA_DECIMAL.sub(r"\1.\2", text)


#: The word before a hyphen, when it holds a letter: the number after the hyphen is part of
#: a name or a code ("IL-6", "SCLERA-1", "PS5-03", "GS1-01").
_CODE_BEFORE = re_compile(r"(?<![\w.])\w*[^\W\d_]\w*$")


def _close(a: float, b: float, decimals: int) -> bool:
    return abs(a - b) <= 0.5 * 10.0 ** (-decimals) + 1e-9


def _ratio_fits(n: Num, r: float) -> bool:
    """Whether a magnitude ("tripled", "more than doubled", "2.3-fold") states ratio ``r``
    (or its inverse: "halved" is a ratio of 2 read the other way)."""
    for ref in (r, 1.0 / r if r else 0.0):
        if ref <= 0:
            continue
        v = n.value
        if n.direction > 0:
            if v * 0.98 <= ref <= v * 1.6:
                return True
        elif n.direction < 0:
            if v * 0.8 <= ref <= v * 1.02:
                return True
        elif n.word:
            if abs(ref - v) <= 0.12 * v:
                return True
        elif _close(ref, v, n.decimals) or abs(ref - v) <= 0.05 * v:
            return True
    return False


def matches(n: Num, reference: list[Num]) -> bool:
    """Whether ``n`` states one of the ``reference`` numbers (rounding, format and unit
    tolerated; only like compares with like)."""
    kind = n.kind
    for r in reference:
        rk = r.kind
        if kind == "x":
            if rk in ("x", "") and r.value > 0 and _ratio_fits(n, r.value):
                return True
            if n.value < 1 and rk == "%" and abs((1 - n.value) * 100 - r.value) <= 8.0:
                return True  # "halved" = a 50% reduction
            continue
        if kind == "time":
            if rk == "time" and abs(n.value - r.value) <= (0.15 if n.qualified else 0.05) * \
                    max(r.value, 1.0):
                return True
            continue
        if (kind == "p") != (rk == "p"):
            continue
        if rk == "time" or (rk == "x" and kind != ""):
            continue
        if kind != rk and not (kind == "" and rk == "%" and n.decimals > 0) and not (
                kind == "" and rk == "x" and n.decimals > 0) and not (
                kind == "dose" and rk == "") and not (kind == "" and rk == "dose"):
            continue
        if n.fraction or r.fraction:
            a = n.value * 100 if n.fraction else n.value
            b = r.value * 100 if r.fraction else r.value
            if abs(a - b) <= (6.0 if n.qualified else 4.0 if n.fraction else 3.5):
                return True
            continue
        if _close(n.value, r.value, n.decimals):
            return True
        if n.qualified:
            if n.percent or r.percent:
                if abs(n.value - r.value) <= 2.5:
                    return True
            elif r.value and abs(n.value - r.value) / max(r.value, 1.0) <= 0.12:
                return True
    return False


def allocation_shares(text: str) -> list[Num]:
    """The shares an allocation ratio implies: "randomized 1:1" → half each (as %)."""
    out: list[Num] = []
    for m in _ALLOCATION.finditer(text):
        parts = [int(g) for g in m.groups() if g]
        total = sum(parts)
        if not (2 <= len(parts) <= 3) or total <= 0 or max(parts) > 10:
            continue
        if not re.search(r"random|allocat|assign", text[max(0, m.start() - 60):m.end() + 30],
                         re.I):
            continue
        for p in dict.fromkeys(parts):
            out.append(Num(round(100 * p / total, 1), m.group(0), 1, percent=True))
    return out


#: A response criterion named by its code glued to its threshold: "ACR20" is a 20%
#: improvement in the ACR criteria, "PASI 75" a 75% improvement in PASI, "SVR35" a spleen
#: volume reduction of at least 35%, "EASI-75", "ASAS40", "HiSCR50", "CLASI-50", "TSS50".
_CRITERION = re_compile(r"\b(?:ACR|PASI|EASI|SVR|ASAS|HiSCR|SALT|CLASI|TSS|SCORAD|NAPSI)"
                        r"[-‑ ]?(20|30|35|40|50|70|75|90|100)(?!\d|[.,]\d)")


def criterion_thresholds(text: str) -> list[Num]:
    """The thresholds the response criteria of ``text`` are named by ("ACR20" → 20%, "SVR35"
    → 35%): a text that uses the code states the share, which others may write out ("a
    spleen volume reduction of at least 35%")."""
    return [Num(float(m.group(1)), m.group(0), 0, percent=True)
            for m in _CRITERION.finditer(text)]


def count_shares(text: str) -> list[Num]:
    """The share a count is of its total: "84 of 106" → 79.2%."""
    out: list[Num] = []
    for m in _COUNT_OF.finditer(text):
        a, b = (float(g.replace(",", "")) for g in m.groups())
        if 0 < a < b:
            out.append(Num(round(100 * a / b, 1), m.group(0), 1, percent=True))
    return out


def derived(groups: list[list[Num]]) -> list[Num]:
    """Figures a writer may compute from the abstract alone: differences and ratios of the
    numbers compared within one sentence ("26 points higher", "1.7 times as many", "1.3 mL
    less per year"), and the risk reduction a hazard or odds ratio implies (0.38 → 62%)."""
    out: list[Num] = []
    for group in groups:
        vals = [n for n in group if not n.fraction and n.unit in ("", "x")][:8]
        for i, a in enumerate(vals):
            if 0 < a.value < 1 and not a.percent:
                out.append(Num(round(100 * (1 - a.value), 1), "", 1, percent=True))
            for b in vals[i + 1:]:
                x, y = a.value, b.value
                if x == y or a.percent != b.percent:
                    continue
                both = a.percent and b.percent
                out.append(Num(round(abs(x - y), 2), "", 1, percent=both))
                if min(x, y) > 0:
                    out.append(Num(round(max(x, y) / min(x, y), 2), "", 2, unit="x"))
                    if both:
                        rel = round(100 * abs(x - y) / max(x, y), 1)
                        out.append(Num(rel, "", 1, percent=True))
    return out
