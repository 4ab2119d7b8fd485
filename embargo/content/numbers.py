"""Numbers as data: find them in prose, skip the ones that are not data, compare with rounding.

"61.9%", "nearly 62 percent" and "62%" are the same datum; "612 patients" and "more than 600
patients" too; "two-thirds" is about 66.7%.  Dates, clock times, years, abstract and trial
numbers, session rooms, phases and classes, gene names such as IL-23 and list markers are not
data and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_QUALIFIER = re.compile(
    r"(?:nearly|almost|about|approximately|approx\.?|around|roughly|some|close to|just under|"
    r"just over|just below|just above|more than|over|at least|less than|fewer than|under|"
    r"up to|upwards of|well over|an estimated|~|≈|>|<|≥|≤)\s*$", re.IGNORECASE)
_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
           r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# Spans that hold digits but no data.
_NOT_DATA = re.compile(
    "|".join([
        r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?",  # clock times
        r"\b\d{1,2}\s*(?:[ap]\.m\.|[AP]M\b|am\b|pm\b)",
        _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?(?:,?\s+(?:19|20)\d\d)?",
        r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTHS + r"(?:,?\s+(?:19|20)\d\d)?",
        r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?",
        r"\b\d{1,2}/\d{1,2}/\d{2,4}\b",
        r"\bNCT\d{8}\b", r"\b[A-Z]{2,}-?\d{3,}\b",  # registry ids, product codes
        r"(?:abstract|poster|presentation|board|booth|LBA|e-?poster|ePoster|number|no\.|"
        r"#)\s*(?:no\.?|number|#)?\s*[A-Z]{0,4}\d+[A-Z]?\b",
        r"\b(?:session|room|hall|booth|level|floor|suite|track|gate|ballroom|auditorium|"
        r"theater|theatre|stage|building|halle?)\s+[A-Z]?\d+[A-Z]?\b",
        r"\b(?:phase|class|type|stage|grade|step|part|cohort|arm|study|trial|figure|fig\.|"
        r"table|chapter|section|version|day|visit|line|tier|level)\s+(?:[1-4]/)?"
        r"(?:\d+[a-d]?|[IVX]+[ab]?)\b",
        r"\b(?:19|20)\d\d(?:[-–/](?:19|20)?\d\d)?\b",  # years
        r"\b(?:COVID|SARS-CoV|H\dN|HbA|HER|PD|PD-L|IL|TNF|CD|CTLA|JAK|BRCA|KRAS|EGFR|ALK|"
        r"BCMA|CAR|FGF|IgG|IgA|IgE|HLA|APOE|PCSK|SGLT|GLP|DPP|CYP|TLR|HPV|HIV|HCV|HBV|ACR|"
        r"EULAR|DAS|PASI|CDAI|SDAI|HAQ|MDA|ASAS|BASDAI|UPCR|eGFR|CKD|NYHA|ECOG|ASA|"
        r"[A-Za-z]{1,5})[-‑]?\d+[a-z]?\b",  # gene/protein/score names and codes
        r"(?:\+\d{1,3}[\s.\-]?)?\(?\b\d{3}\)?[\s.\-]\d{3}[\s.\-]\d{4}\b",  # phones
        r"\+\d{1,3}[\s.\-]?\d{1,4}(?:[\s.\-]\d{2,4}){2,4}\b",
        r"\b\d+(?::\d+){1,3}\b",  # ratios 1:1:1
        r"(?<=\()\d{1,2}/\d{1,2}(?=\))|(?:^|(?<=\s))\d{1,2}/\d{0,2}(?=\s|$)",  # 1/3 threads
        r"[#@]\w+",  # hashtags, handles
        r"https?://\S+|www\.\S+|\S+@\S+\.\w+",  # URLs, e-mail addresses
        r"\[\d{1,3}(?:[,–\-]\s*\d{1,3})*\]",  # citation markers
        r"\b\d+(?:st|nd|rd|th)\b",  # ordinals: "88th annual meeting"
        r"\b(?:CME|CE|CPD|AMA PRA)?\s*credits?\s*:?\s*\d+(?:\.\d+)?(?:\s*hours?)?",
    ]), re.IGNORECASE)
# Eligibility ages: not data in a draft, but kept in the reference (an abstract's "aged 60 or
# older" lets a draft's "over 60" match).
_AGES = re.compile(
    r"\b(?:aged?|ages)\s+(?:≥|>=|>)?\s*\d+\s*(?:(?:to|-|–|and)\s*\d+)?"
    r"(?:\s*(?:years?|or older|and older|\+))?|"
    r"\b\d+\s*(?:years?|yrs?)\s+(?:of age\s+)?(?:or|and)\s+(?:older|over|above)\b",
    re.IGNORECASE)
_NUM = re.compile(
    r"(?<![\w.,/])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s*[x×]\s*10\s*\^?\s*(\d+))?"
    r"(?:\s*(%|percent\b|per cent\b|pct\b|percentage points?\b|points?\b))?(?![\w])",
    re.IGNORECASE)
_WORD_NUM = re.compile(
    r"\b(" + "|".join(sorted(_FRACTIONS, key=len, reverse=True)) + r")\b|"
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


def _blank(text: str, ages: bool = True) -> str:
    text = _NOT_DATA.sub(lambda m: " " * len(m.group(0)), text)
    return _AGES.sub(lambda m: " " * len(m.group(0)), text) if ages else text


def _word_value(token: str) -> int | None:
    return _WORDS.get(token.lower()) if token else None


def extract(text: str, *, words: bool = True, reference: bool = False) -> list[Num]:
    """Data numbers in ``text`` (in order of appearance); ``reference``: an abstract's own
    text, where eligibility ages count too."""
    clean = _blank(text, ages=not reference)
    out: list[tuple[int, Num]] = []

    def qualified(start: int) -> bool:
        return bool(_QUALIFIER.search(clean[max(0, start - 20):start]))

    if words:
        spans: list[tuple[int, int]] = []
        for m in _WORD_NUM.finditer(clean):
            q = qualified(m.start())
            if m.group(1):
                out.append((m.start(), Num(_FRACTIONS[m.group(1).lower()], m.group(0), 3,
                                           fraction=True, qualified=q, word=True)))
            elif m.group(2):
                a = _word_value(m.group(2)) or (int(m.group(2)) if m.group(2).isdigit()
                                                else None)
                b = _word_value(m.group(3)) or (int(m.group(3)) if m.group(3).isdigit()
                                                else None)
                if a and b and b > a:
                    out.append((m.start(), Num(a / b, m.group(0), 3, fraction=True,
                                               qualified=q, word=True)))
                    spans.append(m.span())
            elif m.group(4):
                v = _WORDS[m.group(4).lower()]
                if m.group(5):
                    v += _WORDS[m.group(5).lower()]
                if m.group(6):
                    v *= 100 if m.group(6).lower() == "hundred" else 1000
                if v <= 1 and not m.group(7):
                    continue  # "one", "zero": too common to be data
                out.append((m.start(), Num(float(v), m.group(0), 0,
                                           percent=bool(m.group(7)), qualified=q, word=True)))
        for a, b in spans:  # "3 in 10" is one share, not two numbers
            clean = clean[:a] + " " * (b - a) + clean[b:]
    for m in _NUM.finditer(clean):
        if m.start() >= 2 and clean[m.start() - 1] in "-‑" and clean[m.start() - 2].isalnum():
            continue  # part of a name: IL-6, SCLERA-1, COVID-19
        raw = m.group(0)
        whole = m.group(1).replace(",", "")
        dec = m.group(2) or ""
        try:
            value = float(f"{whole}.{dec}" if dec else whole)
        except ValueError:
            continue
        if m.group(3):
            value *= 10 ** int(m.group(3))
        unit = (m.group(4) or "").lower()
        pct = unit.startswith(("%", "percent", "per cent", "pct"))
        out.append((m.start(), Num(value, raw.strip(), len(dec), percent=pct,
                                   qualified=qualified(m.start()))))
    out.sort(key=lambda t: t[0])
    return [n for _, n in out]


def _close(a: float, b: float, decimals: int) -> bool:
    return abs(a - b) <= 0.5 * 10.0 ** (-decimals) + 1e-9


def matches(n: Num, reference: list[Num]) -> bool:
    """Whether ``n`` states one of the ``reference`` numbers (rounding and format tolerated)."""
    for r in reference:
        if n.fraction or r.fraction:
            a = n.value * 100 if n.fraction else n.value
            b = r.value * 100 if r.fraction else r.value
            if (n.fraction and not (r.percent or r.fraction)) or (
                    r.fraction and not (n.percent or n.fraction)):
                continue
            if abs(a - b) <= (6.0 if n.qualified or n.fraction else 3.5):
                return True
            continue
        if _close(n.value, r.value, n.decimals) or _close(r.value, n.value, r.decimals):
            return True
        if n.qualified:
            if n.percent or r.percent:
                if abs(n.value - r.value) <= 2.5:
                    return True
            elif r.value and abs(n.value - r.value) / max(r.value, 1.0) <= 0.12:
                return True
    return False


def derived(groups: list[list[Num]]) -> list[Num]:
    """Figures a writer may compute from the abstract alone: differences and ratios of the
    numbers compared within one sentence ("26 points higher", "1.7 times as many", "1.3 mL
    less per year"), and the risk reduction a hazard or odds ratio implies (0.38 → 62%)."""
    out: list[Num] = []
    for group in groups:
        vals = [n for n in group if not n.fraction][:8]
        for i, a in enumerate(vals):
            if 0 < a.value < 1 and not a.percent:
                out.append(Num(round(100 * (1 - a.value), 1), "", 1, percent=True))
            for b in vals[i + 1:]:
                x, y = a.value, b.value
                if x == y:
                    continue
                both = a.percent and b.percent
                out.append(Num(round(abs(x - y), 2), "", 1, percent=both))
                if min(x, y) > 0:
                    out.append(Num(round(max(x, y) / min(x, y), 1), "", 1))
                    if both:
                        rel = round(100 * abs(x - y) / max(x, y), 1)
                        out.append(Num(rel, "", 1, percent=True))
    return out
