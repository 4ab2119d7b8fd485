"""Kind inference: who publishes this item, from its own markers.

Each kind has a table of markers (a pattern, a weight, a label); the labels of the markers
found are the evidence.  The best kind's confidence grows with its own score and shrinks with
the runner-up's, so a draft with a dateline, an "About …" paragraph and a media contact is a
confident press release, while a bare paragraph is a low-confidence guess whose plausible
alternatives the engine tries too (and answers ``review`` if they disagree).

Markers are deliberately about form (datelines, boilerplate, bylines, hashtags, paper
sections), not subject matter, so that they carry over to meetings and fields not seen here.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from embargo.content.draft import Draft
from embargo.content.numbers import fold_for_ignorecase
from embargo.model import Kind, KindGuess
from embargo.patterns import LazyPattern, blank, cannot_match, lazy
from embargo.patterns import compile as re_compile
from embargo.timeparse import months

_MONTH = months.PATTERN
#: The months in English, German, French, Spanish and Italian, for datelines that give the
#: day before the month.
_DAY_MONTH = (
    r"january|february|march|may|june|july|october|december|"
    r"januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|"
    r"janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|"
    r"diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|"
    r"dicembre")
_OUTLETS = (
    r"Reuters|Associated Press|\(AP\)|AP News|Bloomberg|STAT(?: News)?|Medscape|MedPage Today|"
    r"Healio|HCPLive|Fierce(?:Biotech|Pharma)|Endpoints News|BioPharma Dive|Pharmaceutical "
    r"Technology|Cancer Network|OncLive|Targeted Oncology|Rheumatology Advisor|Physician's "
    r"Weekly|The New York Times|The Washington Post|The Wall Street Journal|The Guardian|"
    r"BBC(?: News)?|CNN|NBC News|CBS News|ABC News|NPR|Los Angeles Times|USA Today|"
    r"The Boston Globe|Financial Times|The Times|Le Monde|Der Spiegel|Axios|Politico|"
    r"Kaiser Health News|KFF Health News|HealthDay|WebMD|Everyday Health|Verywell|"
    r"MD Edge|MDedge|Clinical Advisor|Renal & Urology News|Oncology Nurse Advisor|"
    r"The BMJ news|Nature News|Science News|New Scientist|Scientific American|Benzinga|"
    r"The Fly|TheFly|MedPath|CGTLive|PMLi[Vv]E|Medicom|Conexiant|Drug Topics|ASCO Post|"
    r"The ASCO Post|Pharmacy Times|Managed Healthcare Executive|RheumNow|The Rheumatologist|"
    r"Nephrology Times|Kidney News|Medical Dialogues|Korea Biomedical Review|KBR|Seeking Alpha|"
    r"MarketScreener|Cercle Finance|Fierce Biotech|Fierce Pharma|BioSpace|Evaluate Vantage|"
    r"ApexOnco|PharmaVoice|MM\+M|TCTMD|Cardiovascular Business|DocWire News|Oncology Nursing "
    r"News|CURE|Cure Today|OncoDaily|ecancer|VJHemOnc|Hematology Advisor|Pulmonology Advisor|"
    r"Gastroenterology Advisor|Neurology Advisor|Cancer Therapy Advisor|Medical Xpress|"
    r"ScienceDaily|News-Medical|Medical News Today|Healthline|GenomeWeb|Patient Power|esanum|"
    r"Contemporary OB/GYN|Dermatology Times|Ophthalmology Times|Urology Times|Pharmaphorum|"
    r"pharmaphorum|Labiotech|BioWorld|Scrip|Pink Sheet|Endpoints|STAT\+|Reuters Health|"
    r"MedicalResearch\.com|EMJ|European Medical Journal|Rheumatology Network|Neurology Live|"
    r"NeurologyLive|Dermatology Advisor|Psychiatry Advisor|Endocrinology Advisor|"
    r"Infectious Disease Advisor|Cardiology Advisor|AJMC|American Journal of Managed Care|"
    r"Becker'?s|Modern Healthcare|Healthcare Dive|MobiHealthNews|Targeted Therapies in "
    r"Oncology|Oncology Live|Hem/Onc Today|Cardiology Today|Infectious Diseases in Children")
_WIRES = (r"PR ?Newswire|Business ?Wire|GLOBE ?NEWSWIRE|GlobeNewswire|EurekAlert!?|Newswise|"
          r"ACCESSWIRE|Accesswire|PRWeb|Cision|EIN Presswire|Marketwired|/PRNewswire/|"
          r"DGAP-News|EQS-News|EQS Group|IRW-Press|Newsfile|The issuer is solely responsible|"
          r"Der Emittent ist f[üu]r den Inhalt|RNS Number|Regulatory News Service|"
          # news aktuell's original-text service credited in a dateline: "Paris (ots) -"
          r"\((?:ots|OTS)(?:/[\w ]{2,20})?\)\s*[-–—]|APA-OTS|AsiaNet|ACN Newswire|JCN Newswire")
#: A name that reads as an institution or company (a newsroom's masthead), not an outlet.
_INSTITUTION = (r"(?:University|Universit[äé]|College|Institute|Institut|Hospital|Medical "
                r"(?:Center|Centre|School)|Health(?: System|care)?|Clinic|Cancer Center|"
                r"Foundation|Research|Laborator(?:y|ies)|School of Medicine|Medicine|"
                r"Therapeutics|Pharmaceuticals?|Pharma|Biosciences|Bio|Inc\.?|Ltd\.?|AG|SE|"
                r"plc|Corp(?:oration)?|Company|Group|Alliance|Society|Association|Academy)")
#: An institution's newsroom masthead, after the page's opening marks: "Lakeside University |
#: Newsroom", "Lakeside Cancer Center News Release".
_NEWSROOM = (r"[^\n|·•]{0,60}\b" + _INSTITUTION + r"\b[^\n|·•]{0,40}(?:[|·•\-–]\s*[^\n]{0,30})?"
             r"\b(?:News(?:room| Center| Centre| Release)?|Press(?: Room| Release)?|"
             r"Media(?: Room| Center)?|Stories|Announcements?)\b")
_EMOJI = lazy("[\U0001F300-\U0001FAFF\u2600-\u27BF\U0001F000-\U0001F2FF]")


@dataclass(frozen=True)
class Marker:
    pattern: LazyPattern  # compiled when a kind is first inferred
    weight: float
    label: str
    cap: int = 1  # how many hits count (hashtags: several); 0 = once
    unquoted: bool = False  # read outside quotations only (the words are the writer's)


def _m(pattern: str, weight: float, label: str, flags: int = re.I | re.M, cap: int = 1,
       unquoted: bool = False) -> Marker:
    return Marker(lazy(pattern, flags), weight, label, cap, unquoted)


# "The data have been accepted for publication in NEJM" is a story about a study; "This
# article has been accepted for publication" is the manuscript's own banner.
_NOT_ABOUT_A_STUDY = "".join(
    f"(?<!{subject} {verb} )" for subject in ("data", "results", "findings", "study", "trial",
                                              "analysis", "work", "paper")
    for verb in ("have been", "has been", "had been", "were", "was", "are", "is"))


# A quotation within one paragraph (it may wrap over lines, never over a blank line).
_QUOTATION = lazy(r'"(?:[^"\n]|\n(?![ \t]*\n)){1,1500}"|“(?:[^”\n]|\n(?![ \t]*\n)){1,1500}”')


def _without_quotations(text: str) -> str:
    """``text`` with what its quotations say blanked out (same length): "I" and "my" in
    a quoted researcher's words are the researcher's, not the writer's."""
    return _QUOTATION.sub(blank, text)


MARKERS: dict[Kind, tuple[Marker, ...]] = {
    Kind.PRESS_RELEASE: (
        _m(r"\bfor immediate release\b", 3.0, "'for immediate release'"),
        _m(r"\bembargoed?\s+(?:until|for release|news|material|release|till)\b|"
           r"^\s*embargo(?:ed)?\s*:", 2.0, "carries its own embargo line"),
        _m(r"^\W{0,4}(?:media|press|news|communications?|investor)\s+(?:contacts?|"
           r"inquiries|enquiries|relations)\b", 3.0, "media contact"),
        _m(r"^\W{0,4}contacts?\s*:?\s*$|^\W{0,4}contacts?\s*:\s*\S", 1.5, "contact block"),
        _m(r"^\W{0,4}(?i:about)\s+(?!(?i:the|this|our)\s+(?i:analysis|study|studies|trial|"
           r"findings|results|data|research|survey|poster|abstract|presentation)\b)"
           r"(?:the\s+)?[A-Z0-9][\w&.,'’()\- ]{1,80}\W{0,4}$", 2.5,
           "'About …' boilerplate section", re.M),
        _m(r"^\W{0,4}(?i:about)\s+(?:the\s+)?[A-Z][\w&.'’\- ]{1,60}(?:\s*\n\s*\n?|\s*[:\-–—]\s+)"
           r"(?:The\s+|[A-Z][\w&.'’\- ]{1,60}\s+)?(?:is|was|are|has|,)", 2.0,
           "'About …' boilerplate paragraph", re.M),
        _m(r"^\W{0,4}[A-Z][A-Z.'’\-]+(?:[ ,]+(?:and\s+|&\s+)?[A-Z][A-Za-z.'’\-]+){0,7}"
           # (a state, or a dash: "SEATTLE — Dec. 1, 2022 —", also touching the city:
           # "(SAN DIEGO—Dec. 7, 2024) –")
           r"(?:,?\s+(?:\(?[A-Z][a-z.]+\)?,?\s+|\s*[-–—]{1,2}\s*)?|[-–—]{1,2}\s*)"
           r"\(?(?:" + _MONTH + r"\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+" + _MONTH +
           r"(?:\s+\d{4})?)\)?\s*(?:/[^/\n]{2,40}/\s*|\([A-Z][\w ]{2,30}\)\s*)?"
           r"(?:[-–—]{1,2}|:)", 2.5, "dateline with a date", re.M),
        _m(r"^\W{0,4}[A-Z]{3,}(?:[ ,]+[A-Z][A-Za-z.]+){0,3}\s*[-–—]{1,2}\s+[A-Z]", 0.5,
           "dateline", re.M),
        _m(r"^\s*(?:#{3}|-\s?30\s?-|–30–|- ?END ?-)\s*$", 2.0, "'###' end mark", re.M),
        _m(_WIRES, 3.0, "wire service", 0),
        # "ESMO | Newsroom | Press Office": the page of a press office, whoever runs it.
        # (an aggregator's "source: GlobeNewswire News Room" is another's newsroom; an
        # institution's newsroom masthead is the marker below, counted once)
        _m(r"\A\W{0,4}(?![^\n]*\bsources?\s*:)(?!" + _NEWSROOM + r")"
           r"[^\n]{0,60}\b(?:News ?room|Press (?:Office|Room|"
           r"Releases?)|Pressroom|"
           r"Media (?:Room|Cent(?:er|re)))\b[^\n]{0,60}$", 2.5, "a press office's masthead",
           re.I | re.M),
        _m(r"\A\W{0,4}" + _NEWSROOM, 2.5, "a newsroom's masthead", re.I),
        _m(r"^\W{0,4}[A-Z][a-z]+(?:[ ,]+[A-Z][A-Za-z.]*){0,3}\s*[-–—]{1,2}\s*(?:" + _MONTH +
           r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+" + _MONTH + r"\s+\d{4})\b", 2.0,
           "dateline with a date", re.M),
        # the day before the month, in English, German, French, Spanish or Italian: "Lugano,
        # Switzerland, 3 June 2024 –", "Ingelheim, Deutschland, 4. November 2022 –", "Paris
        # (France), le 13 novembre 2023 –", "Madrid, 3 de junio de 2024 –"
        _m(r"^\W{0,4}[A-ZÄÖÜÉ][\wäöüßéèàíóúñ.\-]*(?:[ ,;]+(?:und\s+|et\s+|y\s+|e\s+)?"
           r"\(?[A-ZÄÖÜÉ][\wäöüßéèàíóúñ.\-]*\)?){0,8},\s*(?:le\s+|el\s+|il\s+)?"
           r"\d{1,2}(?:\.|er)?\s*(?:de\s+)?(?i:" + _DAY_MONTH + r")\s+(?:de\s+)?\d{4}"
           r"\s*[-–—]", 2.0, "dateline with a date", re.M),
        # the Spanish form: "Madrid, 16th of May, 2019.-", "Madrid, October 1st, 2019.-"
        _m(r"^\W{0,4}[A-Z][a-z]+(?:[ ,]+[A-Z][A-Za-z.]*){0,3},\s*(?:" + _MONTH +
           r"\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+" + _MONTH +
           r"),?\s+\d{4}\s*\.\s?[-–—]", 2.0, "dateline with a date", re.M),
        _m(r"\b(?:researchers|scientists|investigators|physicians|experts|clinicians|faculty|"
           r"teams?) (?:from|at) (?:the )?[A-Z][\w.&'’\-]+(?:\s+[A-Z][\w.&'’\-]+){0,5}\s+"
           r"(?:will|are|were|is|to)\s+(?:present|presenting|share|sharing|lead|leading|"
           r"highlight)|\b(?:New|Recent) (?:work|research|findings|data) (?:from|by) "
           # (not "New data from ACR Convergence 2025": a meeting, not the publisher)
           r"(?![A-Z]{2,8}\s+(?:Convergence|Congress|Annual|(?:19|20)\d\d)\b|the\s+(?:[A-Z][\w&]*"
           r"\s+){1,5}(?:Convergence|Congress|Meeting|Conference|Sessions|Symposium)\b)[A-Z]|"
           r"\b[A-Z][\w&.'’\-]+(?:\s+[A-Z][\w&.'’\-]+){0,4}\s+(?:researchers|scientists|"
           r"investigators|experts|physicians|faculty|clinicians)\s+(?:(?:will|are|were|also|to)\s+)?"
           r"(?:present|presenting|share|sharing|lead|leading|highlight)\b|\bpresentations? by "
           r"[A-Z][\w&.'’\-]+(?:\s+[A-Z][\w&.'’\-]+){0,4} (?:researchers|scientists|faculty|"
           r"investigators|experts)\b|\bled by (?:researchers|scientists|investigators|a team) "
           r"(?:at|from) [A-Z]|\b(?:studies|abstracts|presentations|posters) (?:led|authored|"
           r"co-?authored) by [A-Z][\w&.'’\-]+(?:\s+[A-Z][\w&.'’\-]+){0,4}(?:[- ]affiliated)? "
           r"(?:researchers|scientists|investigators|faculty|experts)\b|\b" + _INSTITUTION
           + r"(?:\s+(?:of|for)(?:\s+(?:the\s+)?[A-Z][\w.&'’\-]+){1,4})?\s+(?:\([A-Z]{2,8}\)\s+)?"
           r"(?:and (?:many |the )?(?:researchers|scientists|investigators) it funds\s+)?"
           r"(?:will|to)\s+present\b", 1.5, "an institution presents its own work", re.M),
        # A headline of its own presenting its work: "HSS Presents New Research at the ACR
        # Annual Meeting", "AbbVie Presents Data at ASH".
        _m(r"^\W{0,4}[A-Z][\w&.'’\-]*(?:[ \t]+[A-Z][\w&.'’\-]*){0,6}[ \t]+(?:Presents?|"
           r"Showcases?|Highlights?|Shares?|Brings?|Unveils?)[ \t]+(?:New[ \t]+|Latest[ \t]+|"
           r"Key[ \t]+)?(?:Research|Data|Findings|Studies|Results|Science|Abstracts)[ \t]+"
           r"(?:at|during|from)\b", 2.5, "a headline presenting its own work", re.M),
        # ... or announcing them: "Amgen to Present Data at ACR Convergence 2023", "Sanofi to
        # showcase new data from its oncology portfolio at ASH 2022".
        _m(r"\A\W{0,4}[A-Z][\w&.'’\-]*(?:[ \t]+(?:[A-Z&][\w&.'’\-]*|of|and|for)){0,4}[ \t]+"
           r"(?i:to|will)[ \t]+(?i:present|showcase|share|highlight|unveil|feature)\b", 2.0,
           "a headline announcing its own presentations", 0),
        _m(r"\A\W{0,4}[^\n]{0,60}\b" + _INSTITUTION + r"\b[^\n]{0,30}?\s+at\s+(?:the\s+)?"
           r"[^\n]{0,40}\b(?:Convergence|Congress|Annual Meeting|Conference|Sessions|Symposium|"
           r"Kidney Week|Liver Meeting|[A-Z]{2,8}\s?(?:19|20)\d\d)\b", 2.5,
           "an institution at the meeting (its own page)",
           re.M),
        _m(r"\A\W{0,4}[^\n]{0,80}\b" + _INSTITUTION + r"\b[^\n]{0,40}\s[-–—|]\s*(?:" + _MONTH +
           r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+" + _MONTH + r"\s+\d{4})\s*$", 2.0,
           "an institution's dated masthead", re.M),
        _m(r"\b(?:today|recently)\s+(?:announced|shared|presented|reported|unveiled|released|"
           r"highlighted|detailed|published)\b|\b(?:announced|shared|presented|released)\s+"
           r"today\b|\bannounces?\b(?=[^.]{0,80}\b(?:results?|data|findings|presentation)\b)",
           2.0, "'announced today'"),
        _m(r"\bforward[- ]looking statements?\b", 3.0, "forward-looking statements"),
        # (one listing or several, a market named after its exchange, a code in digits:
        # "(Nasdaq: CALT, Nasdaq Stockholm: CALTX)", "(Euronext Brussels: UCB)", "(TSE: 4568)")
        _m(r"\((?:(?:NASDAQ|NYSE|Nasdaq|LSE|TSX|ASX|Euronext|SIX|OTC\w*|TSE|HKEX|SSE|SZSE|"
           r"XETRA|Xetra|AIM|TASE)(?:[ \t]+[A-Z][a-z]+)?(?:/[A-Z]+)?\s*:\s*[A-Z0-9.]+"
           r"(?:\s*[,;]\s*(?:and\s+)?)?)+\)", 2.0, "stock ticker"),
        _m(r"\b(?:press|news)\s+release\b", 1.0, "calls itself a release"),
        _m(r"^\W{0,4}SOURCE\s*:?\s+[A-Z]", 1.5, "'SOURCE' line", re.M),
        _m(r"\bfor more information,? (?:visit|please|contact|go to)\b|\bvisit www\.", 1.0,
           "'for more information' line"),
        _m(r"\b(?:our|we)\s+(?:researchers|investigators|scientists|company|institute)\b", 0.5,
           "speaks for an institution"),
        # A company naming itself as its releases do, with a capital: "the Company is
        # presenting", '("XORTX" or the "Company")'.  A reporter writes "the company".
        _m(r"[a-z,;][ \t]+the Company\b|\bthe [\"“]Company[\"”]", 2.0,
           "calls itself 'the Company'", 0),
        _m(r"^\W{0,4}(?:Note to editors|Notes to editors|Editor'?s note|Editors?:)", 2.0,
           "notes to editors", re.M),
        _m(r"\bwill (?:be )?present(?:ed)?\b[^.]{0,120}\b(?:at|during)\b[^.]{0,90}\b(?:"
           r"Meeting|Congress|Convergence|Conference|Sessions?|Symposium|Week)\b", 1.0,
           "announces a presentation"),
    ),
    Kind.EDITORIAL: (
        _m(r"\A\W{0,4}(?![^\n]*\b" + _INSTITUTION + r"\b)(?:[A-Z][\w&.'’\-]*\s+(?:&\s+)?){0,5}"
           r"News[ \t]*[—–|·•][ \t]*[A-Z]", 2.5, "an outlet's masthead", re.M),
        # (on one line: "Media Toolkit" over a dateline "NEW ORLEANS – At the … Meeting" is
        # no masthead)
        _m(r"\A\W{0,4}(?!.*\b" + _INSTITUTION + r"\b)[A-Z][\w&.'’\-]*(?:[ \t]+[\w&.'’\-]+){0,4}"
           r"[ \t]*(?:[|·•]|[ \t][—–][ \t])\s*(?:[\w&'’\- ]+\s*[|·•]\s*)?(?:[\w&'’\- ]*\b(?:news|"
           r"updates?|report|coverage|feature|analysis|opinion|commentary|interview|video|podcast|"
           r"biotech|oncology|rheumatology|nephrology|hematology|cardiology|pharma|"
           r"conference|meeting|congress)\b[\w&'’\- ]*)", 2.5, "an outlet's masthead",
           re.I),
        _m(r"\baccording to (?:a |an |the |this |these |new |updated |early |interim |final |"
           r"preliminary |study |lead |senior |first )*"
           r"(?:research|"
           r"results?|data|stud(?:y|ies)|findings|(?:interim )?analys[ie]s|trial data|press "
           r"release|statement|company|companies|abstract|presentation|report)\b[^.]{0,60}"
           r"\b(?:presented|published|released|reported|from|at|in)\b|\baccording to (?:the )?"
           r"(?:study|lead|senior|first) (?:author|investigator)s?\b", 1.5,
           "reports third-hand ('according to ... presented at')", re.I, 2),
        _m(r"\b(?:Speaking|Presenting|Interviewed) (?:at|during|with)\b|\btalks about\b|"
           r"\bsat down with\b|\bKey [Tt]akeaways\b|^\W{0,4}(?:Also read|Read more|Related|"
           r"See also)\s*:", 1.5, "reporting features", re.M),
        # (also "the investigators also wrote", "said the lead study author", "Hosein and
        # colleagues pointed out", "George et al reported")
        _m(r"\b(?:the )?(?:researchers|investigators|(?:study )?authors|study team)\s+"
           r"(?:also\s+|further\s+|additionally\s+)?(?:said|say|"
           r"argued?|noted?|wrote|write|concluded?|reported|report|found|find|suggested|"
           r"suggest|explained|added|cautioned|acknowledged)\b|\b(?:said|says|wrote|writes|noted|"
           r"concluded|explained|added|reported)\s+the\s+(?:researchers|investigators|(?:study\s+)?"
           r"authors|study team)\b|\b(?:presented|reported|shared|"
           r"unveiled) (?:the |these |their )(?:findings|data|results)(?:\d{1,2})?\b|\bPresenting "
           # (a two-part name too: "Dr. Jefferson DeKloe said")
           r"(?:the |these |their )(?:findings|data|results)\b|\b(?:Dr|Prof|Professor)\.? "
           r"[A-Z][a-z'’\-]+(?: [A-Z][\w'’\-]+)? (?:said|says|noted|explained|added|told|"
           r"stressed|emphasi[sz]ed|"
           r"pointed out|cautioned|concluded|commented)\b|\b(?:said|says|stressed|noted|explained|"
           r"added|commented|emphasi[sz]ed|cautioned)\s+(?:the\s+)?(?:lead|senior|first|"
           r"corresponding|principal)\s+(?:study\s+)?(?:author|investigator)\b|\b[A-Z][a-z'’\-]+ "
           r"and (?:colleagues|co-?workers|(?:his|her|their) (?:team|colleagues))\b|\bet al\.?,? "
           r"(?:reported|found|showed|presented|wrote|noted|concluded|observed)\b", 1.0,
           "reports on researchers in the third person", 0, 2),
        # An outlet's article page keeps its reading furniture on lines of their own.
        _m(r"^\W{0,3}(?:Continue Reading|Related Articles|Get Permission|User login|Author\(s\):|"
           r"Most Read)\W{0,3}$", 1.5, "an article page's furniture", re.M),
        _m(r"^\W{0,4}(?:Sources?|References?)\s*:?\s*\n?\s*(?:1\.\s*)?[A-Z][\w'’\-]+ [A-Z]{1,3}\b"
           r"[^\n]{0,300}?(?:Presented at|Abstract\s*#?\s*[A-Z]{0,4}-?\d|\b(?:Annual Meeting|"
           r"Congress|Kidney Week|Convergence|Sessions|Symposium)\b)", 2.0,
           "cites the meeting abstract it reports on", re.M),
        _m(r"\bAccessed (?:on )?(?:" + _MONTH + r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+" + _MONTH +
           r"\s+\d{4})|(?:©|\(c\)|\bCopyright(?:\s*(?:©|\(c\)))?)\s*(?:19|20)\d\d\s+[A-Z][\w.]+(?:\.com)?\b"
           r"(?!.*\bThe Author)", 1.5,
           "cites web sources or carries an outlet's copyright", re.M),
        _m(r"^\W{0,4}(?i:by)\s+[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,3}(?:\s*(?:,|and|&)\s*"
           r"[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,3})*(?:\s*,\s*[^\n]{0,60})?\s*$", 2.5,
           "byline", re.M),
        _m(r"\b(?:who|which) (?:was|were|is|are) not (?:involved|part of|affiliated|"
           r"associated)\b|\bnot involved (?:in|with) the (?:study|research|trial|work)\b|"
           r"\b(?:independent|outside|unaffiliated) (?:expert|researcher|physician|specialist)"
           r"s?\b", 3.0, "independent expert quoted"),
        _m(_OUTLETS, 2.0, "news outlet named", re.M),
        # The page opens with a known outlet's name alone ("RheumNow", "Healio | News").
        _m(r"\A\W{0,4}(?:" + _OUTLETS + r")[ \t]*(?:[—–|·•:\-][^\n]{0,40})?$", 1.5,
           "an outlet's name as masthead", re.M),
        _m(r"^[^\n]{0,80}[·|•—–]\s*(?i:by)\s+(?:[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,3}|"
           r"(?i:the editors|our (?:staff|editors|reporters)|staff))\s*$|"
           r"^\W{0,4}(?i:by)\s+(?i:the editors|our (?:staff|editors|reporters)|staff reports?)\s*$",
           2.5, "masthead byline", re.M),
        _m(r"\b(?:has|have|had|with) no (?:financial )?(?:ties|relationships?|connection|"
           r"involvement) (?:to|with|in)\b|\b(?:our|this outlet's) (?:editors|reporters|"
           r"correspondents|newsroom)\b|\b(?:live|meeting) coverage\b", 2.0,
           "writes as a newsroom"),
        # (someone told something: "told Healio", "told the press", not the instruction
        # "patients are told to eat well")
        _m(r"\btold\s+(?!to\b)(?:[A-Z][\w&]+(?:\s+[A-Z][\w&]+){0,3}|reporters|journalists|us|"
           r"this (?:newspaper|publication|outlet|news organi[sz]ation))\b|\bin an interview\b|"
           r"\bsaid in an interview\b|\bspeaking to\b", 2.0, "interviewed by the outlet"),
        # An ad-supported page: an "Advertisement" slot on a line of its own.
        _m(r"^\W{0,4}advertisement\W{0,4}$", 1.5, "carries advertisement slots", re.I | re.M),
        # The writer was in the room: "presented here on Saturday", "said during a briefing".
        _m(r"\b(?:presented|reported|said|noted|announced)\s+here\s+(?:on|at|during|today|"
           r"yesterday|this|last|in)\b", 1.5, "writes from the meeting ('presented here')"),
        _m(r"\b(?:said|says|noted|explained|told|added|summed up|commented|stressed|cautioned)"
           r"\b[^.\n]{0,60}?\b(?:during|at|in) (?:a|an|the|her|his|their) (?:presentation|"
           r"(?:press|news|media) (?:briefing|conference)|briefing|session|talk)\b", 1.5,
           "reports what was said at a session or briefing", unquoted=True),
        _m(r"\b(?:reporter|correspondent|staff writer|contributing writer|senior writer|"
           r"news editor|health editor|science editor|Reporting by|Editing by|Additional "
           r"reporting|Write to)\b", 2.0, "reporter credited"),
        _m(r"\b(?:declined to comment|did not (?:immediately )?respond to (?:a )?requests? for "
           r"comment|could not be reached|was not immediately available)\b", 3.0,
           "sought comment"),
        # "LONDON (Reuters) -", "2023-12-11 (RTTNews) -", "Dec. 4, 2024 (HealthDay News) —":
        # a dateline crediting a news agency.
        # The place may be written with accented capitals ("ZÜRICH", "MONTRÉAL"), and the
        # credit may name the agency's service after it ("(dpa-AFX Analyser)"); a copy may
        # open on the credit alone ("(RTTNews) - Eli Lilly said ...").
        _m(r"^\W{0,4}(?:(?:[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .,'’\-]+|(?:19|20)\d\d-\d\d-\d\d|(?:" + _MONTH +
           r")\.?\s+\d{1,2},?\s+(?:19|20)\d\d)\s*|(?=\())\((?:Reuters|AP|AFP|Bloomberg|UPI|"
           r"HealthDay(?: News)?|RTTNews|dpa(?:-AFX)?|Xinhua|MT Newswires|Dow Jones|Kyodo|"
           r"ANSA|Yonhap|IANS|PTI|Alliance News|Sharecast(?: News)?)"
           r"(?:\s+[A-Z][\w\-]{1,20})?\)", 3.0, "wire-agency dateline", re.M),
        # The press's conventions in other languages: an editor's insertion in a quotation
        # ("(NSCLC, red.)", Scandinavian and German papers), a commentary's label
        # ("KOMMENTAR:"), a byline ("Af", "Av", "Par", "Por" and a name alone on its line;
        # not German "Von", which heads "Von Willebrand Disease" as well); and a syndicator's
        # disclaimer that the views are the author's.
        _m(r"\((?:[^()\n]{0,40},\s*)?[Rr]ed\.\s*\)|^\W{0,4}(?:KOMMENTAR|Kommentar|LEDER|"
           r"Leder|ANALYSE|Analyse)\s*:|^\W{0,4}(?:Af|Av|Par|Por)[ \t]+"
           r"[A-ZÀ-ÖØ-Þ][\w.'’\-]+(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w.'’\-]+){1,3}[ \t]*$|\bviews and "
           r"opinions expressed herein are (?:the views and opinions )?of the author", 2.0,
           "the press's conventions (an editor's insertion, a byline, a commentary)", re.M),
        _m(r"\b(?:the|both|two) (?:two |three )?(?:companies|drugmakers|partners) (?:had |have "
           r"|also )?(?:said|say|saying|previewed|reported|announced|noted|expect|plan)\w*\b|"
           r"\bdrugmakers?\b|\bbiotechs\b", 1.5,
           "writes about companies in the third person", re.M),
        _m(r"\b(?:according to|said in|in) a (?:press|news) release\b|\bthe company said\b|"
           r"\bsaid in a statement\b|\b(?:in|by) a statement\b", 2.0,
           "cites a release or statement"),
        _m(r"^\W{0,4}(?:Source(?: Reference)?s?|Disclosures?|Primary Source|Secondary "
           r"Source)\s*:?\s*$", 1.0, "source note", re.M),
        _m(r"\b(?:this (?:newspaper|news outlet|publication)|our (?:newsroom|reporters?))\b", 2.0,
           "speaks as an outlet"),
        _m(r"\bThe study (?:has not|hasn['’]t) (?:yet )?been (?:peer[- ]reviewed|published)\b|"
           r"\b(?:findings|data) presented at (?:medical )?meetings? (?:are|should be) "
           r"(?:typically |usually )?considered preliminary\b", 2.0,
           "news caveat about meeting data"),
        _m(r"^\W{0,4}(?:Presented by|Speakers?)\s*:\s*[A-Z]|"
           r"^\W{0,4}Presented by\s+(?:Prof|Dr|Professor)\b|^\W{0,4}(?:Bottom line|"
           r"Take-?home (?:message|point)s?|Why (?:this|it) matters|Clinical (?:relevance|"
           r"implications?))\s*:", 1.5, "a coverage format (presented by, bottom line)", re.M),
        _m(r"^\W{0,4}(?:Conference|Meeting|Congress) (?:Coverage|Highlights|News|Recap|Report)"
           r"\W{0,4}$|\b(?:meeting|congress|conference|(?:19|20)\d\d) (?:highlights|coverage|"
           r"recap|wrap-?up)\b", 2.0, "a conference-coverage section", re.M | re.I),
    ),
    Kind.SOCIAL: (
        # "Abstract #LBA-2", "#S222": a number sign before an abstract's code, no hashtag.
        _m(r"(?:^|\s)(?<!(?i:abstract) )(?<!(?i:poster) )(?<!(?i:number) )(?<!(?i:no\.) )"
           r"#(?![A-Z]{0,2}\d|[A-Z]{1,5}-\d|LBA\d)[A-Za-z]\w{1,}",
           1.0, "hashtags", re.M, 3),
        _m(r"(?:^|[\s(])@[A-Za-z_]\w{1,}", 1.0, "handles", re.M, 2),
        # A forum's community and user: "r/BcellAutoimmuneDis • u/bbyfog".
        # (at the head of a line, or "posted in r/…", "by u/…": "300 r/min" is a unit)
        _m(r"(?:^[^\w\n]{0,3}|\b(?:in|on|to|from|by)\s)(?:r|u)/[A-Za-z0-9_]{3,21}\b", 2.0,
           "a forum's community or user", re.M, 1),
        # (a count in brackets after a share is the share's: "30.8% (16/52)", "60 percent (3/5)")
        _m(r"🧵|\bthread\b\s*[:👇⬇]|(?<![\d%])(?<![\d%] )(?<!percent )(?<!per cent )"
           r"\(\d{1,2}/\d{1,2}\)|^\s*\d{1,2}/\d{0,2}\s|^\s*\d{1,2}/\s*$", 2.0, "a thread", re.M),
        _m(r"\b(?:I|I['’]m|I['’]ve|my|me)\b", 0.75, "first person", re.M, 3, unquoted=True),
        _m(r"\bforum (?:post|thread|topic|member|reply|replies)\b|\b(?:discussion|online|"
           r"community|patient|message) (?:forum|board)\b|\b(?:thread started by|posted by|"
           r"personal blog)\b|\bSenior Member\b", 1.5, "a forum or personal blog"),
        _m(r"\b(?:so proud|thrilled|excited to (?:share|present)|honou?red to|check out|"
           r"great (?:talk|poster|session)|come (?:see|by)|stop by|don['’]t miss|swipe|"
           # a retweet's mark before the handle, not "RT" in a trial's name or "RT-PCR"
           r"link in bio|(?-i:RT)[ \t]*:?[ \t]*@\w|retweet|follow us|DM me)", 1.5,
           "social phrasing"),
        _m(r"\b(?:t\.co|bit\.ly|buff\.ly|ow\.ly|lnkd\.in)/", 1.0, "short link"),
    ),
    Kind.SCHOLARLY: (
        # "Under review" labels a manuscript; "the findings are still under peer review" is
        # a story about a study, not the study.  So is the news caveat "(not yet) published
        # in a peer-reviewed journal", or "has not yet appeared in" one.
        # (Not "manuscript" alone, nor "submitted to", nor a regulator's "NDA under review":
        # releases and stories say them of a paper, an abstract sent to a meeting, a filing.)
        _m(r"\b(?:preprint|medRxiv|bioRxiv|SSRN|Research Square|arXiv|submitted for "
           r"publication|(?<!\bare )(?<!\bis )(?<!\bstill )(?<!\bremain )(?<!\balso )"
           r"(?<!\bNDA )(?<!\bBLA )(?<!\bMAA )(?<!\bapplication )(?<!\bsubmission )"
           r"(?<!\bremains )(?<!\bcurrently )(?<!\bwas )(?<!\bwere )under (?:peer )?review|"
           r"(?<!in a )peer[- ]review(?:ed)? (?:journal|"
           r"process)|(?=accepted for publication)" + _NOT_ABOUT_A_STUDY
           + r"accepted for publication|in press\b|"
           r"supplementary (?:table|figure|"
           r"material|appendix)|cover letter|reviewer\s*#?\d|camera[- ]ready)", 2.5,
           "manuscript or preprint"),
        # A section's name alone on its line, capitalised as headings are ("Results",
        # "RESULTS"): a wrapped sentence's last word ("...gave successful\nresults.") is none.
        _m(r"^\W{0,4}(?-i:(?=[A-Z]))(?:abstract|introduction|background|methods?|"
           r"materials and methods|results|"
           r"discussion|conclusions?|limitations|acknowledg(?:e)?ments?|references|"
           r"bibliography|funding|author contributions|competing interests|conflicts? of "
           r"interest|data availability|keywords)\W{0,4}\s*$", 1.0, "paper sections",
           re.I | re.M, 4),
        # A structured abstract's sections run in: a paragraph opening with the section's
        # name and going on with a capital ("Methods AURORA 2 is a blinded ...").
        _m(r"(?:\A|(?<=\n\n))(?:Background|Objectives?|Methods|Results|Conclusions?|"
           r"Introduction|Discussion) (?=[A-Z0-9])", 1.0, "paper sections run in", 0, 3),
        # A journal issue: "Volume 8, Supplement 2", "Vol. 63, Issue 4".
        _m(r"\bVol(?:ume|\.)?\s*\d{1,4},?\s*(?:Supplement|Suppl\.?|Issue|No\.)\s*[A-Z]?"
           r"\d{1,4}\b", 1.5, "a journal issue"),
        _m(r"^\s*(?:\[\d{1,3}\]|\d{1,3}\.)\s+[A-Z][a-z'\-]+\s+[A-Z]{1,3}[,.]", 2.0,
           "reference list", re.M),
        _m(r"\bet al\.?,?\s*(?:\(?(?:19|20)\d\d\)?|\d{4})|(?<=[a-z.])\s?\[\d{1,3}(?:[,–\-]\s*"
           r"\d{1,3})+\]", 1.5, "citations", 0),
        # The page's own publication line ("Published in: Nat Med", "Published by Elsevier
        # Ltd."), capitalised as a label is; prose saying where a study appeared ("…, published
        # in the LANCET last month, had shown …") is a story about that study.
        _m(r"(?-i:\bPublished (?:in|by))(?:\s*:\s*[A-Z]|\s+(?:Elsevier|Springer|Wiley|Oxford|"
           r"BMJ|Wolters|Taylor|SAGE|Frontiers|MDPI|Nature|Cell Press)\b)", 1.5,
           "names the journal it appeared in", 0),
        _m(r"\bCreative Commons\b|"
           r"©\s*(?:19|20)\d\d\s+The Authors?\b|\b(?:e-?[Pp]rints|repository|Scholars@\w+)\b|"
           r"\bJournal Article\b|\bFinal ID\s*:|"
           # A structured abstract's labels head their line or follow a sentence's end, and
           # are capitalised: "Key findings:" in a newsletter is no abstract page.
           r"(?:^[^\w\n]{0,4}|(?<=[.!?] ))(?-i:(?=[A-Z]))(?:Hypothesis|Study Design|Findings|"
           r"Interpretation)\s*:", 2.0, "a journal or abstract page"),
        _m(r"\bdoi\s*:\s*10\.\d{4,}|\bdoi\.org/10\.\d{4,}", 1.0, "DOI"),
        # A bibliographic record: an RIS export ("TY  - JOUR"), BibTeX, EndNote.
        _m(r"^TY\s+-\s+(?:JOUR|ABST|CONF|CPAPER|BOOK|CHAP|EJOUR|THES)\b|^@(?:article|"
           r"inproceedings)\s*\{|^%0 (?:Journal Article|Conference Paper)", 3.0,
           "a bibliographic record", re.M),
        # (Not "corresponding author": stories and releases about a paper name the paper's
        # corresponding author as often as the paper does - "Collins, the corresponding
        # author, said", a journal's release's "Corresponding Author: To reach …".)
        _m(r"\baffiliations?\s*:|^\s*\d\s*[A-Z][a-z]+ (?:University|Hospital|Institute)\b",
           2.0, "author affiliations", re.M),
        _m(r"\b(?:Figure|Fig\.|Table)\s+\d+[A-Za-z]?\b", 0.75, "figures and tables", 0),
        _m(r"\b(?:Dear (?:Editor|Dr\.? [A-Z][a-z]+)|this manuscript|the present study|in this "
           r"(?:paper|article|work), we)\b", 1.5, "writes as authors to a journal"),
        _m(r"\b(?:grand rounds|invited (?:talk|lecture|symposium)|encore (?:presentation|"
           r"abstract|submission))\b",
           2.5, "another scholarly venue",
           cap=2),
        _m(r"^\W{0,4}(?:background|methods?|results|conclusions?|objectives?|purpose|design|"
           r"setting|participants|interventions?|main outcome measures?)\s*:", 1.0,
           "structured abstract", re.M | re.I, 3),
        _m(r"\b(?:cover letter|manuscript (?:type|number|ID)|submission to (?:the )?(?:journal|"
           r"[A-Z][\w ]+Journal)|not (?:under (?:consideration|review)|submitted) elsewhere|"
           r"original (?:article|research article)|(?:journal|editorial) office)\b", 2.5,
           "journal submission"),
    ),
    # Publishers that are none of the above: analysts, educators, foundations and their
    # newsletters, health-system bulletins, digests and aggregators.
    Kind.OTHER: (
        _m(r"\bequity research\b|\bprice target\b|\btarget price\b|\binstitutional investors?\b|"
           r"\banalyst certification\b|\b(?:buy|sell|hold|overweight|underweight|outperform|"
           r"neutral) rating\b|\brating (?:is |remains )?unchanged\b|\bcatalyst (?:calendar|"
           r"watch)\b|\bnot (?:investment|financial) advice\b|\b(?:our|the) (?:analyst|"
           r"investment) (?:view|take|thesis)\b|\bpipeline forecast\b|\bmarket outlook\b|"
           r"\bsell-side\b|\bmorning note\b", 3.0, "an analyst's note", cap=2),
        _m(r"\bCME\b|\bcontinuing (?:medical )?education\b|\bAMA PRA Category 1\b|"
           r"\blearning objectives?\b|\bcredit hours?\b|\baccredit\w+\b|\bcourse director\b|"
           r"\bfaculty disclosures?\b|\bregister (?:now|here|today)\b|\bon-?demand (?:course|"
           r"module|webinar)\b|\beducational (?:grant|activity|content|programme|program)\b",
           2.5, "an education (CME) page", cap=2),
        _m(r"\b(?:donate|donation|support our (?:mission|work)|become a member|membership|"
           r"unsubscribe|manage (?:your )?subscription|view (?:this email )?in (?:your )?browser|"
           r"forward to a friend)\b", 1.5, "a newsletter's footer", cap=2),
        _m(r"^[^\n]{0,80}\b(?:Foundation|Alliance|Association|Society|Coalition|Network)\b[^\n]{0,60}"
           r"\b(?i:newsletter|update|bulletin|digest|blog)\b", 2.5,
           "a foundation's newsletter", re.M),
        _m(r"\bCore insights\b|\bKey points from (?:the )?sources\b|\bsource:\s*[A-Z][^\n]{0,40}"
           r"(?:News ?Room|Newswire|Wire)\b|\[\d{1,2}\]\[\d{1,2}\]", 2.5,
           "an aggregator's digest of sources"),
        # An organisation's blog ("MMRF Blog", "the foundation's blog"); a personal one is
        # a social post (its writer's first person says so).
        _m(r"(?<!personal )\bblog\b", 1.5, "a blog"),
        _m(r"\bbulletin\b|\bin this issue\b|\bdigest\b|\bround-?up\b|\bweekly (?:update|"
           r"briefing|news)\b|\bthis week in\b|\bnews in brief\b", 1.0,
           "a digest or bulletin", cap=2),
        _m(r"\b(?:department|division) of pharmacy\b|\bformulary\b|\bpharmacy (?:&|and) "
           r"therapeutics\b|\bP&T\b|\binternal distribution\b|\bstaff (?:bulletin|"
           r"newsletter)\b", 2.5, "an organisation's internal bulletin"),
    ),
}


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


@dataclass(frozen=True)
class _Extra:
    kind: Kind
    weight: float
    label: str
    test: Callable[[Draft, str], bool]


def _header(d: Draft, name: str) -> str:
    return " ".join(v for k, v in d.headers if k == name)


_EXTRAS: tuple[_Extra, ...] = (
    _Extra(Kind.SOCIAL, 2.0, "very short", lambda d, t: 0 < _words(t) < 70),
    _Extra(Kind.SOCIAL, 0.75, "short", lambda d, t: 70 <= _words(t) < 140),
    _Extra(Kind.SOCIAL, 1.0, "emoji", lambda d, t: bool(_EMOJI.search(t))),
    _Extra(Kind.EDITORIAL, 1.5, "page is a news article",
           lambda d, t: bool(re.search(r"news|times|post|today|daily|herald|tribune|gazette|"
                                       r"journal of record|report|wire|live",
                                       _header(d, "site"), re.I))
           and not re.search(r"newsroom|press|media cent", _header(d, "site"), re.I)),
    _Extra(Kind.EDITORIAL, 0.75, "page names an author",
           lambda d, t: bool(_header(d, "author")) and d.format == "html"),
    _Extra(Kind.PRESS_RELEASE, 2.0, "sent by a press or communications office",
           lambda d, t: bool(re.search(r"\b(?:press|media|news(?:room)?|communications?|pr|"
                                       r"publicaffairs|public\.affairs)\b",
                                       _header(d, "from"), re.I))),
    _Extra(Kind.PRESS_RELEASE, 2.0, "subject says release or embargoed",
           lambda d, t: d.format == "eml" and bool(re.search(
               r"\b(?:press|news|media) release\b|\bembargo", _header(d, "subject"), re.I))),
    _Extra(Kind.PRESS_RELEASE, 1.5, "page is a newsroom",
           lambda d, t: bool(re.search(r"newsroom|press (?:room|release)|media cent|"
                                       r"news release", " ".join(
                                           [_header(d, "site"), _header(d, "url"),
                                            _header(d, "section")]), re.I))),
    _Extra(Kind.SCHOLARLY, 2.0, "scholarly page metadata",
           lambda d, t: bool(_header(d, "citation_title") or _header(d, "citation_doi"))),
)


_CHAR_CLASS = re_compile(r"\[(?:\\.|[^\]\\])*\]")
#: A line break inside a paragraph, where the next line continues it (not a list item, a
#: heading or a table row).
_WRAP = re_compile(r"[ \t]*\n(?![ \t]*(?:\n|[-*•#>|]|\d{1,3}[.)]\s))[ \t]*")


@functools.cache
def _line_bound(source: str) -> bool:
    """Whether a marker's pattern reads the page's lines (a masthead, a dateline, a contact
    block: anchored at a line's or the text's start or end, or matching a line break): such
    markers read the text as laid out; the others read prose, whose lines a writer or a mail
    program may have wrapped anywhere."""
    source = _CHAR_CLASS.sub("", source)
    return any(tok in source for tok in ("^", "$", "\\A", "\\Z", "\\n"))


def _flowed(text: str) -> str:
    """``text`` with each paragraph's wrapped lines joined by spaces ("according\nto the
    study author" reads "according to the study author")."""
    return _WRAP.sub(" ", text)


def _stands_alone(m: re.Match[str]) -> bool:
    """Whether the first line a masthead marker matched is a line of its own (a masthead),
    not the opening of a paragraph: a line that runs on into the next in mid-sentence (the
    next line starts in lower case) or is longer than any masthead is prose."""
    text = m.string
    start = text.rfind("\n", 0, m.start()) + 1
    end = text.find("\n", m.start())
    end = len(text) if end < 0 else end
    if end - start > 200:
        return False
    nxt = text[end + 1:].lstrip(" \t")
    return not (nxt and nxt[0].islower())


def _score(draft: Draft) -> tuple[dict[Kind, float], dict[Kind, list[str]]]:
    text = draft.text
    if draft.title and draft.title not in text[:500]:
        text = f"{draft.title}\n\n{text}"
    scores: dict[Kind, float] = {k: 0.0 for k in Kind}
    evidence: dict[Kind, list[str]] = {k: [] for k in Kind}
    body = draft.text
    flowed = _flowed(text)
    unquoted: dict[bool, str] = {}
    # A marker none of whose required strings the text holds cannot match it (the body and
    # the text without quotations hold no more than the text): not searched.
    folded = {True: fold_for_ignorecase(text), False: fold_for_ignorecase(flowed)}
    for kind, markers in MARKERS.items():
        for mk in markers:
            laid_out = _line_bound(mk.pattern.pattern)
            src = text if laid_out else flowed
            if cannot_match(mk.pattern, folded[laid_out]):
                continue
            if mk.unquoted:
                if laid_out not in unquoted:
                    unquoted[laid_out] = _without_quotations(src)
                hits = list(mk.pattern.finditer(unquoted[laid_out]))
            else:
                hits = list(mk.pattern.finditer(src))
            if not hits and text is not body and mk.pattern.pattern.startswith(r"\A"):
                # A masthead is the page's first line, under the title the reader took apart.
                hits = list(mk.pattern.finditer(body))
            if hits and mk.pattern.pattern.startswith(r"\A"):
                hits = [h for h in hits if _stands_alone(h)]
            if not hits:
                continue
            scores[kind] += mk.weight * min(len(hits), max(mk.cap, 1))
            sample = " ".join(hits[0].group(0).split())[:50]
            evidence[kind].append(f"{mk.label} ({sample!r})" if sample else mk.label)
    for ex in _EXTRAS:
        if ex.test(draft, text):
            scores[ex.kind] += ex.weight
            evidence[ex.kind].append(ex.label)
    # Long texts are not social posts, whatever their hashtags say.
    words = _words(text)
    if words > 400:
        scores[Kind.SOCIAL] = max(0.0, scores[Kind.SOCIAL] - 2.0 - words / 400)
    return scores, evidence


def infer_kind(draft: Draft) -> KindGuess:
    """The most likely kind of ``draft`` with a confidence, the evidence and alternatives."""
    scores, evidence = _score(draft)
    order = {k: i for i, k in enumerate(Kind)}
    ranked = sorted(Kind, key=lambda k: (-scores[k], order[k]))
    best, second = ranked[0], ranked[1]
    s1, s2 = scores[best], scores[second]
    if s1 < 1.0:
        ev = tuple(evidence[best]) or ("no marker of any kind",)
        return KindGuess(Kind.EDITORIAL, 0.3, ev, "inferred", ())
    confidence = (s1 / (s1 + s2 + 0.5)) * (1.0 - math.exp(-s1 / 1.5))
    confidence = round(min(0.97, confidence), 2)
    alternatives: tuple[Kind, ...] = tuple(
        k for k in ranked[1:] if scores[k] >= max(1.0, 0.35 * s1))
    if confidence < 0.6:
        # Uncertain: the plausible others are every kind with some evidence, and "other"
        # (an unknown publisher) when the best kind's own evidence is thin.
        plausible: list[Kind] = [k for k in ranked[1:] if scores[k] >= 0.5]
        if s1 < 2.0 and Kind.OTHER not in (best, *plausible):
            plausible.append(Kind.OTHER)
        alternatives = tuple(plausible)
    return KindGuess(best, confidence, tuple(evidence[best]), "inferred",
                     (best, *alternatives) if alternatives else ())


def kind_scores(draft: Draft) -> dict[str, float]:
    """Raw scores per kind (for explanations and tests)."""
    scores, _ = _score(draft)
    return {k.value: round(v, 2) for k, v in scores.items()}
