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

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain, pairwise

from embargo.patterns import compile as re_compile

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
agent agents line lines
""".split())

# A word; "il-23", "orchid-2" are read as one word (the hyphen is dropped when stemming).
_WORD = re_compile(r"[a-z][a-z0-9]*(?:-\d[a-z0-9]*)?")
# A number not glued to a word: "61.9", "1,234", "0.001" (but not the 23 of "il23").
_NUM = re_compile(r"\d(?<![a-z0-9.,]\d)(?<![a-z]-\d)(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?"
                  r"(?![a-z\d]|\.\d)")
_SPLIT_SENT = re_compile(r"[.;:!?()\[\]\"“”]\s|\n")


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        c = chr(code).lower()
        base = "".join(x for x in unicodedata.normalize("NFKD", c)
                       if not unicodedata.combining(x))
        if base != c and base.isascii():
            table[code] = base
    table.update({0xDF: "ss", 0xE6: "ae", 0xF8: "o", 0x153: "oe", 0x131: "i", 0x142: "l",
                  0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2014: " ",
                  0x2212: "-", 0x2018: "'", 0x2019: "'", 0x00A0: " ", 0x2009: " ",
                  0x202F: " ", 0x00B7: ".", 0x2265: ">=", 0x2264: "<="})
    # Registered and trade-mark signs are no part of a name: "ASCO® 2024" is ASCO 2024.
    table.update({0xAE: " ", 0x2122: " "})
    return table


_FOLD = _fold_table()
# The runs of characters outside ASCII (every character the table folds is one), found by
# one scan for a simple range, far quicker than a scan for the table's own characters: a text
# of a few kilobytes holds a handful of them, and translating those is far cheaper than
# translating the whole text, a dictionary lookup per character.
_NON_ASCII = re_compile(r"[^\x00-\x7f]+")


def _fold_run(m: re.Match[str]) -> str:
    return m.group().translate(_FOLD)


def fold(text: str) -> str:
    """Lower-case, accents removed, dashes unified, letter–digit hyphens glued."""
    text = text.lower()
    return _NON_ASCII.sub(_fold_run, text) if not text.isascii() else text


_STEM_CACHE: dict[str, str] = {}


def _stem(word: str) -> str:
    """A light, symmetric stemmer: plurals and the commonest verb endings."""
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
    return w


def _content(word: str) -> str:
    """The stem of a content word, or "" for stop words and short non-codes (cached)."""
    hit = _STEM_CACHE.get(word)
    if hit is not None:
        return hit
    key = word
    if "-" in word:
        word = word.replace("-", "")
    if (len(word) < 3 and not any(c.isdigit() for c in word)) or word in STOP:
        s = ""
    else:
        s = _stem(word)
        if s in STOP:
            s = ""
    if len(_STEM_CACHE) < 300_000:
        _STEM_CACHE[key] = s
    return s


_TERM_CACHE: dict[str, str] = {}  # word as written → "w:<stem>", or "" for no term
_MISS = "\x00"


def _term(word: str) -> str:
    s = _content(word)
    t = "w:" + s if s else ""
    if len(_TERM_CACHE) < 300_000:
        _TERM_CACHE[word] = t
    return t


#: GENERIC as the stems the normaliser produces ("disease" → "diseas"), and as written.
GENERIC_STEMS = GENERIC | frozenset(_stem(w) for w in GENERIC)


def generic_term(term: str) -> bool:
    """Whether a word or pair term ("w:cohort", "b:cohort_study") is made only of the words
    of research writing: damped as evidence, and no sign of the item's topic."""
    return all(w in GENERIC_STEMS for w in term[2:].split("_"))


def stem(word: str) -> str:
    return _stem(word)


def content_words(text: str) -> list[str]:
    """Stems of the content words of ``text`` in order (``text`` already folded)."""
    get = _STEM_CACHE.get
    out = []
    for w in _WORD.findall(text):
        s = get(w)
        if s is None:
            s = _content(w)
        if s:
            out.append(s)
    return out


def content_set(text: str) -> set[str]:
    """The distinct content-word stems of ``text`` (``text`` already folded)."""
    get = _STEM_CACHE.get
    out = set()
    for w in set(_WORD.findall(text)):
        s = get(w)
        if s is None:
            s = _content(w)
        if s:
            out.add(s)
    return out


def bigrams(text: str) -> list[str]:
    """Adjacent content-word pairs within sentence-like chunks (``text`` already folded)."""
    out: list[str] = []
    for chunk in _SPLIT_SENT.split(text):
        ws = content_words(chunk)
        out.extend(f"{a}_{b}" for a, b in pairwise(ws) if a != b)
    return out


def _decimal(intpart: str, frac: str | None) -> str:
    return intpart.replace(",", "") + (f".{frac}" if frac else "")


def _number(tok: str) -> tuple[str, str | None] | None:
    """``(exact, rounded)`` of one number as matched by ``_NUM``, or None when it is not worth
    matching (single digits, years, zero)."""
    if "," in tok:
        tok = tok.replace(",", "")
    if "." not in tok:
        v = int(tok)
        if v < 10 or (1950 <= v <= 2039 and len(tok) == 4):
            return None
        return str(v), None
    value = float(tok)
    if value == 0:
        return None
    intpart, frac = tok.split(".")
    exact = f"{int(intpart)}.{frac}"
    r = int(value + 0.5)
    return exact, (str(r) if value >= 1 and r >= 10 else None)


#: A number that is part of a unit: the 1.73 m² that kidney function is scaled to
#: ("mL/min/1.73 m2"), the same in every abstract that gives an eGFR.
_PER_AREA = re_compile(r"\s?m(?:2|²|\^2)(?![a-z\d])")


def numbers(text: str) -> list[tuple[str, str | None]]:
    """``(exact, rounded)`` for each number worth matching: not single digits, not years, not
    part of a unit.  ``text`` is lower-cased."""
    out: list[tuple[str, str | None]] = []
    for m in _NUM.finditer(text):
        if m.group(0) == "1.73" and _PER_AREA.match(text, m.end()):
            continue
        n = _number(m.group(0))
        if n is not None:
            out.append(n)
    return out


_MARKS = re.compile(r"[\d*†‡§¶]+")  # affiliation numbers and footnote marks
_MARKS_DOTS = re.compile(r"[\d*†‡§¶.]+")
_INITIALS = re.compile(r"[A-Z]{1,3}")
_PARTICLES = frozenset({"jr", "sr", "ii", "iii", "iv", "md", "phd"})


@functools.lru_cache(maxsize=65536)  # authors recur across a meeting's abstracts
def surname_key(name: str) -> tuple[str, str]:
    """(surname, first initial) of an author name as printed ("Min Jung Kim" → kim, m)."""
    # Words are split at white space and commas (``str.split`` and ``\s`` agree on what
    # white space is).
    parts = fold(_MARKS.sub("", name)).replace(".", " ").replace(",", " ").split()
    if not parts:
        return "", ""
    raw = _MARKS_DOTS.sub(" ", name).replace(",", " ").split()
    # Trailing particles such as "Jr" are not surnames ("Bridges SL Jr", "Bridges Jr, S").
    while len(parts) > 1 and parts[-1] in _PARTICLES:
        parts.pop()
        raw = raw[:-1] if len(raw) > 1 else raw
    if "," in name:  # "Kim, Min Jung"
        surname, rest = parts[0], parts[1:]
    elif len(raw) >= 2 and len(raw) == len(parts) and _INITIALS.fullmatch(raw[-1]):
        # Vancouver style, initials last: "Kim MJ", "van der Heijde D".
        surname, rest = parts[-2], [parts[-1]]
    else:
        # Trailing particles such as "Jr" are not surnames.
        while len(parts) > 1 and parts[-1] in _PARTICLES:
            parts.pop()
        surname, rest = parts[-1], parts[:-1]
    return surname.replace("'", ""), (rest[0][:1] if rest else "")


#: Suffixes of international non-proprietary drug names (stems of at least 7 letters).
_DRUGLIKE = re_compile(r"^[a-z]{3,}(?:mab|nib|lisib|rasib|parib|ciclib|cept|sentan|flozin|"
                       r"glutid|glutide|previr|buvir|asvir|tegravir|kinra|leucel|ucel|"
                       r"[a-z]{2}stat|lukast|sartan|gliptin|parin|oxaban|gatran|dronat|"
                       r"platin|taxel|rubicin|tecan|degib|zomib|lidomid|siran|rsen|dronic|"
                       r"ersen|tercept|kinib|citinib|relin|rapag|cogene|dagene)$")


#: Kinds whose chance also counts the shortlisted neighbours holding the feature: the topic's
#: words and the commonest numbers.  Names, authors and specific numbers shared with a
_DRUG_CACHE: dict[str, bool] = {}


def druglike(word: str) -> bool:
    """Whether a stem reads as an international non-proprietary drug name."""
    hit = _DRUG_CACHE.get(word)
    if hit is None:
        hit = len(word) >= 7 and _DRUGLIKE.match(word) is not None
        if len(_DRUG_CACHE) < 200_000:
            _DRUG_CACHE[word] = hit
    return hit


@dataclass(frozen=True)
class Profile:
    """What the linker compares of one abstract (stored with the catalogue's index)."""

    title: tuple[str, ...]  # terms of the title itself (w: and b:)
    terms: tuple[str, ...]  # every other term (keywords, body, affiliations ...)
    numbers: frozenset[str]  # n: exact
    rounded: frozenset[str]  # r: rounded
    surnames: tuple[str, ...]  # authors in order: surname, first initial, first name
    initials: tuple[str, ...]
    firsts: tuple[str, ...]
    drugs: tuple[str, ...] = ()  # title words that read as drug names (w: terms)

    @property
    def authors(self) -> list[tuple[str, str, str]]:
        return list(zip(self.surnames, self.initials, self.firsts, strict=True))

    def encode(self) -> str:
        """One line for the catalogue: fields split by ``|``, items by spaces."""
        return _encode(self.title, self.terms, self.numbers, self.rounded, self.surnames,
                       self.initials, self.firsts, self.drugs)

    @staticmethod
    def decode(line: str) -> Profile:
        t, o, n, r, s, i, f, d = line.split("|")
        return Profile(tuple(t.split()), tuple(o.split()), frozenset(n.split()),
                       frozenset(r.split()), tuple(s.split()),
                       tuple("" if x == "-" else x for x in i.split()),
                       tuple("" if x == "-" else x for x in f.split()), tuple(d.split()))


def encoded_index_terms(line: str) -> list[str]:
    """The index terms of an encoded profile (without decoding it whole)."""
    t, o, n, r, s, _ = line.split("|", 5)
    out = f"{t} {o} {n} {r}".split()
    out.extend(dict.fromkeys("a:" + x for x in s.split()))
    return out


_ACRONYM = re_compile(r"\b[A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*\b")


def acronyms(text: str) -> set[str]:
    """Coined words written in capitals or with digits, as ``w:`` terms: trial names, drug
    codes, gene names (ORCHID-2, ABC-123, TYK2); of "HRR-mutated" only ``hrr``."""
    out: set[str] = set()
    for m in _ACRONYM.finditer(text):
        tok = m.group(0)
        if sum(1 for c in tok if c.isupper()) < 2:
            continue
        parts = tok.split("-")
        keep = [p for p in parts if sum(1 for c in p if c.isupper()) >= 2 or p.isdigit()
                or (any(c.isdigit() for c in p) and any(c.isupper() for c in p))]
        if not keep:
            continue
        for w in content_words(fold("-".join(keep))):
            out.add("w:" + w)
    return out


def _words(xs: Iterable[str]) -> str:
    return " ".join(x.replace(" ", "_") or "-" for x in xs)


def _encode(title: Iterable[str], terms: Iterable[str], nums: Iterable[str],
            rounded: Iterable[str], surnames: Iterable[str], initials: Iterable[str],
            firsts: Iterable[str], drugs: Iterable[str]) -> str:
    """A profile's fields as one line (see ``Profile.encode``)."""
    return "|".join((" ".join(title), " ".join(terms), " ".join(nums), " ".join(rounded),
                     _words(surnames), _words(initials), _words(firsts), " ".join(drugs)))


#: Per-token and per-name results of the profile's steps: abstracts share most of their
#: words as written ("patients,", "(95%"), their numbers ("12", "0.05") and many authors.
_AUTHOR_KEYS: dict[str, tuple[str, str, str]] = {}  # name → (surname, initial, first name)
_NO_AUTHOR = ("", "", "")
_NOT_NAME = re.compile(r"[^a-z\-]")


class _TokenTerms(dict[str, tuple[str, ...]]):
    """The terms of a whitespace-delimited token, each computed once (bounded).  No word or
    number pattern matches across whitespace, and the number pattern's look-arounds read a
    whitespace neighbour as they read the start or end of a text, so the terms of a text are
    those of its tokens."""

    def __init__(self, compute: Callable[[str], tuple[str, ...]], limit: int) -> None:
        super().__init__()
        self._compute = compute
        self._limit = limit

    def __missing__(self, tok: str) -> tuple[str, ...]:
        out = self._compute(tok)
        if len(self) < self._limit:
            self[tok] = out
        return out


def _token_terms(tok: str) -> tuple[str, ...]:
    """The ``w:`` terms of the words in a token, then the ``n:`` and ``r:`` terms of its
    numbers."""
    out = [t for w in _WORD.findall(tok) if (t := _term(w))]
    for m in _NUM.findall(tok):
        n = _number(m)
        if n is not None:
            out.append("n:" + n[0])
            if n[1] is not None:
                out.append("r:" + n[1])
    return tuple(out)


_TOKEN_TERMS = _TokenTerms(_token_terms, 300_000)


def _author_key(name: str) -> tuple[str, str, str]:
    sn, ini = surname_key(name)
    out = _NO_AUTHOR
    if sn and "|" not in sn:
        first = ""
        if "," not in name:
            word = fold(name).split()[0]
            if len(word) >= 2:
                first = _NOT_NAME.sub("", word)
        out = (sn, ini, first if first != sn else "")
    if len(_AUTHOR_KEYS) < 100_000:
        _AUTHOR_KEYS[name] = out
    return out


_Parts = tuple[set[str], set[str], frozenset[str], frozenset[str], tuple[str, ...],
               tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _profile_parts(title: str, body: str, keywords: tuple[str, ...],
                   authors: tuple[str, ...], extra_text: str) -> _Parts:
    """The fields of an abstract's profile: title terms, other terms, numbers, rounded
    numbers, surnames, initials, first names, title drug names."""
    ft = fold(title)
    # The title's words are those of its sentence-like chunks (the chunks' separators are
    # never part of a word), so one pass over the chunks gives both words and bigrams.
    title_terms: set[str] = set()
    for chunk in _SPLIT_SENT.split(ft):
        ws = content_words(chunk)
        title_terms.update(["w:" + w for w in ws])
        title_terms.update(["b:" + a + "_" + b for a, b in pairwise(ws) if a != b])
    rest = fold(f"{' . '.join(keywords)} . {body} {extra_text}")
    tokens = set(rest.split())  # each distinct token once: the fields are sets
    other = set(chain.from_iterable(map(_TOKEN_TERMS.__getitem__, tokens)))
    found = [t for t in other if t[0] != "w"]  # numbers (n:, r:); the rest are words
    other.difference_update(found)
    found.extend(t for t in chain.from_iterable(map(_TOKEN_TERMS.__getitem__, ft.split()))
                 if t[0] != "w")
    if keywords:
        other.update("b:" + b for b in bigrams(fold(" . ".join(keywords))))
    other -= title_terms
    nums = [t for t in found if t[0] == "n"]
    rounded = [t for t in found if t[0] == "r"]
    surnames: list[str] = []
    initials: list[str] = []
    firsts: list[str] = []
    akey = _AUTHOR_KEYS.get
    for a in authors:
        k = akey(a)
        if k is None:
            k = _author_key(a)
        if k[0]:
            surnames.append(k[0])
            initials.append(k[1])
            firsts.append(k[2])
    title_drugs = tuple(t for t in title_terms if t[0] == "w" and druglike(t[2:]))
    return (title_terms, other, frozenset(nums), frozenset(rounded), tuple(surnames),
            tuple(initials), tuple(firsts), title_drugs)


def profile_of(title: str, body: str, keywords: tuple[str, ...], authors: tuple[str, ...],
               extra_text: str = "") -> Profile:
    t, o, n, r, s, i, f, d = _profile_parts(title, body, keywords, authors, extra_text)
    return Profile(tuple(t), tuple(o), n, r, s, i, f, d)


def encoded_profile(title: str, body: str, keywords: tuple[str, ...],
                    authors: tuple[str, ...], extra_text: str = "") -> tuple[str, list[str]]:
    """``profile_of(...).encode()`` and its ``encoded_index_terms``, without building the
    Profile or splitting the line again (the import's hot path)."""
    t, o, n, r, s, i, f, d = _profile_parts(title, body, keywords, authors, extra_text)
    # Surnames hold no space and are never empty (see ``surname_key``): as encoded.
    terms = [*t, *o, *n, *r, *dict.fromkeys(["a:" + x for x in s])]
    return _encode(t, o, n, r, s, i, f, d), terms


#: Query parameters that track a click rather than name a page.
_TRACKING = re_compile(r"^(?:utm_\w*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hs\w*|"
                       r"hsctatracking|igshid|mkt_tok|ref|ref_src|cmpid|s_cid|share|"
                       r"trk|spm)$")


def number_key(number: str) -> str:
    """An abstract number as looked up: upper case, dashes and spaces and leading zeros
    dropped ("0645" → "645", "LBA-1" and "LBA 1" → "LBA1": coverage writes an organiser's
    label with or without its dash)."""
    return re.sub(r"[\s\-–]", "", number.upper()).lstrip("0") or "0"


def url_key(url: str) -> str | None:
    """A page address as compared: without scheme, ``www.``, fragment, trailing slash or
    tracking parameters, but with the rest of its query — ``acrabstracts.org/?p=44257`` is
    one page, not the site.  ``None`` for a site's root (no path, no query): a link to a
    home page names no abstract."""
    u = url.strip()
    u = re.sub(r"^[A-Za-z][A-Za-z0-9+.\-]*://", "", u)
    u = u.split("#", 1)[0]
    path, _, query = u.partition("?")
    path = path.lower()
    if path.startswith("www."):
        path = path[4:]
    host, _, rest = path.partition("/")
    rest = rest.rstrip("/")
    params = sorted(p for p in query.split("&")
                    if p and not _TRACKING.match(p.split("=", 1)[0].lower()))
    if not rest and not params:
        return None
    key = f"{host}/{rest}" if rest else f"{host}/"
    return f"{key}?{'&'.join(params)}" if params else key


def legacy_url_key(url: str) -> str:
    """The key catalogues written before query strings counted stored (path only)."""
    u = url.strip().lower()
    u = re.sub(r"^[a-z]+://", "", u)
    u = u.split("#", 1)[0].split("?", 1)[0]
    if u.startswith("www."):
        u = u[4:]
    return u.rstrip("/")
