"""Text features shared by the catalogue's linking index and the linker.

One normaliser is applied to abstracts (at import) and to items (at check time), so both
sides speak the same vocabulary:

* ``w:<stem>``  a content word, lower-cased, accents removed, lightly stemmed
  ("infusions" → "infusion"); a letter–digit hyphen is glued ("ORCHID-2" → ``orchid2``,
  "IL-23" → ``il23``);
* ``b:<stem>_<stem>``  two adjacent content words (titles and keywords of abstracts);
* ``n:<number>``  a number as printed (thousands separators dropped, "61.9", "612");
* ``r:<integer>``  a decimal rounded to the nearest integer ("61.9" → ``r:62``), so that
  news that rounds ("nearly 62%") still meets the abstract;
* ``a:<surname>``  an author's surname.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Function words: never features.
STOP = frozenset("""
a about above across after again against all almost along already also although always am
among an and another any are around as at be became because become been before being below
between both but by can could did do does doing done down during each either else enough
even ever every few for from further had has have having he her here hers him his how however
i if in into is it its itself just least less like made make many may me might more most much
must my near nearly neither no nor not now of off often on once one only or other others our
out over own per rather same she should since so some such than that the their them then
there these they this those though through thus to too toward towards under until up upon us
very via was we well were what when where whether which while who whom whose why will with
within without would yet you your new also two three four five six seven eight nine ten
first second third said says say according told including include includes included
week weeks month months year years day days today yesterday tomorrow percent per cent
mr ms mrs dr prof et al vs versus compared compare comparison based using used use
""".split())

#: Words of research and health writing in general: they appear in any study's coverage, so
#: they say little about which study it is, whatever their frequency in a small catalogue.
GENERIC = frozenset("""
study studie trial patient participant subject people adult child children women men individual
result finding data analysis analyse analyze analyzed analysed evidence outcome outcomes
treatment treat treated therapy therapie therapeutic drug medication medicine intervention
disease condition disorder illness syndrome clinical clinic clinician physician doctor
researcher research investigator author team group cohort arm population sample
risk rate rates level levels effect effects efficacy effective safety safe adverse event
events response responder improve improved improvement improvements increase increased
decrease decreased reduce reduced reduction higher lower high low significant significantly
primary secondary endpoint endpoints end point measure measured assessment assess assessed
baseline follow followup follow-up period time total overall mean median average range
randomized randomised randomly placebo control controlled standard care usual dose doses
dosing daily weekly monthly phase prospective retrospective observational multicenter
multicentre single center centre hospital university medical health healthcare national
associated association factor factors report reported reporting present presented
presentation meeting congress annual conference abstract session poster oral new novel
potential potentially suggest suggests show shows showed shown demonstrate demonstrated
support supports important key major large small long term short term long-term short-term
conclusion background purpose method methods objective objectives aim aims design
year-old older younger age aged ages case cases number numbers proportion percentage
compared comparable similar different difference differences better worse greater
""".split())

_GLUE = re.compile(r"\b([a-z]{1,15})-(\d{1,4}[a-z]?)\b")
_WORD = re.compile(r"[a-z][a-z0-9]*(?:'[a-z]+)?")
_NUM = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\w]|\.\d)")
_SPLIT_SENT = re.compile(r"[.;:!?()\[\]\"“”]\s|\n")


def fold(text: str) -> str:
    """Lower-case, accents removed, dashes unified, letter–digit hyphens glued."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
        text = text.replace("\u2013", "-").replace("\u2014", " ").replace("\u2010", "-")
        text = text.replace("\u2011", "-").replace("\u2019", "'")
    return _GLUE.sub(r"\1\2", text.lower())


_STEM_CACHE: dict[str, str] = {}


def stem(word: str) -> str:
    """A light, symmetric stemmer: plurals and the commonest verb endings."""
    hit = _STEM_CACHE.get(word)
    if hit is not None:
        return hit
    w = word
    if w.endswith("'s"):
        w = w[:-2]
    n = len(w)
    if n > 4 and not any(c.isdigit() for c in w):
        if w.endswith("ies") and n > 5:
            w = w[:-3] + "y"
        elif w.endswith("sses"):
            w = w[:-2]
        elif w.endswith("s") and not w.endswith(("ss", "us", "is", "os", "as")):
            w = w[:-1]
        if len(w) > 6 and w.endswith("ing"):
            w = w[:-3]
        elif len(w) > 5 and w.endswith("ed") and not w.endswith("eed"):
            w = w[:-2]
        if len(w) > 5 and w.endswith("e"):
            w = w[:-1]
    if len(_STEM_CACHE) < 200_000:
        _STEM_CACHE[word] = w
    return w


def content_words(text: str) -> list[str]:
    """Stems of the content words of ``text`` in order (``text`` already folded)."""
    out: list[str] = []
    for w in _WORD.findall(text):
        if len(w) < 3 and not any(c.isdigit() for c in w):
            continue
        if w in STOP:
            continue
        s = stem(w)
        if s in STOP:
            continue
        out.append(s)
    return out


def bigrams(text: str) -> list[str]:
    """Adjacent content-word pairs within sentence-like chunks (``text`` already folded)."""
    out: list[str] = []
    for chunk in _SPLIT_SENT.split(text):
        ws = content_words(chunk)
        out.extend(f"{a}_{b}" for a, b in zip(ws, ws[1:], strict=False) if a != b)
    return out


def _decimal(intpart: str, frac: str | None) -> str:
    return intpart.replace(",", "") + (f".{frac}" if frac else "")


def numbers(text: str) -> list[tuple[str, str | None]]:
    """``(exact, rounded)`` for each number worth matching: not single digits, not years."""
    out: list[tuple[str, str | None]] = []
    for m in _NUM.finditer(text):
        intpart, frac = m.group(1), m.group(2)
        exact = _decimal(intpart, frac)
        if frac is None:
            v = int(intpart.replace(",", ""))
            if v < 10 or (1950 <= v <= 2039 and "," not in intpart):
                continue
            out.append((exact, None))
            continue
        try:
            d = Decimal(exact)
        except InvalidOperation:
            continue
        if d == 0:
            continue
        r = d.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        rounded = str(int(r)) if d >= 1 and r >= 10 else None
        out.append((exact, rounded))
    return out


def surname_key(name: str) -> tuple[str, str]:
    """(surname, first initial) of an author name as printed ("Min Jung Kim" → kim, m)."""
    clean = fold(re.sub(r"[\d*†‡§¶]+", "", name)).replace(".", " ")
    parts = [p for p in re.split(r"[\s,]+", clean) if p]
    if not parts:
        return "", ""
    if "," in name:  # "Kim, Min Jung"
        surname, rest = parts[0], parts[1:]
    else:
        # Trailing particles such as "Jr" are not surnames.
        while len(parts) > 1 and parts[-1] in {"jr", "sr", "ii", "iii", "iv", "md", "phd"}:
            parts.pop()
        surname, rest = parts[-1], parts[:-1]
    return surname.replace("'", ""), (rest[0][:1] if rest else "")


@dataclass(frozen=True)
class Profile:
    """What the linker compares of one abstract (stored with the catalogue's index)."""

    title: tuple[str, ...]  # title and keyword terms (w: and b:)
    terms: tuple[str, ...]  # every other term (body, affiliations...)
    numbers: tuple[str, ...]  # n: exact
    rounded: tuple[str, ...]  # r: rounded
    authors: tuple[tuple[str, str, str], ...]  # (surname, first initial, first name)
    acronyms: tuple[str, ...]  # distinctive upper-case tokens of title/body (w: form)


_ACRONYM = re.compile(r"\b[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*\b")


def acronyms(text: str) -> set[str]:
    """Upper-case coined words as ``w:`` terms: trial names, drug codes (ORCHID-2, ABC-123)."""
    out: set[str] = set()
    for m in _ACRONYM.finditer(text):
        tok = m.group(0)
        upper = sum(1 for c in tok if c.isupper())
        if upper < 2 or len(tok) < 3:
            continue
        for w in content_words(fold(tok)):
            out.add("w:" + w)
    return out


def profile_of(title: str, body: str, keywords: tuple[str, ...], authors: tuple[str, ...],
               extra_text: str = "") -> Profile:
    ft = fold(title + " . " + " . ".join(keywords))
    fb = fold(body + " " + extra_text)
    title_terms = {"w:" + w for w in content_words(ft)} | {"b:" + b for b in bigrams(ft)}
    other = {"w:" + w for w in content_words(fb)} - title_terms
    nums: set[str] = set()
    rounded: set[str] = set()
    for exact, r in numbers(title + " " + body):
        nums.add("n:" + exact)
        if r is not None:
            rounded.add("r:" + r)
    people: list[tuple[str, str, str]] = []
    for a in authors:
        s, i = surname_key(a)
        if s:
            first = fold(a).split()[0].strip(".,") if "," not in a else ""
            people.append((s, i, first if first != s else ""))
    return Profile(tuple(sorted(title_terms)), tuple(sorted(other)), tuple(sorted(nums)),
                   tuple(sorted(rounded)), tuple(people),
                   tuple(sorted(acronyms(title + " " + body))))


def index_terms(p: Profile) -> list[str]:
    """The terms the inverted index holds for an abstract."""
    out = [*p.title, *p.terms, *p.numbers, *p.rounded]
    out.extend(dict.fromkeys("a:" + s for s, _, _ in p.authors))
    return out
