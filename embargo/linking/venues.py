"""Where an item places the data it reports: a meeting, a journal, a topline announcement.

A trial registry id, a trial name or a drug names a *study*, not an abstract: the same study
is presented at other congresses, published in journals, announced in topline releases and
presented again in other years.  So before a shared trial name can tie an item to one
abstract, the linker asks where the item says its data were (or will be) shown:

* a **meeting** — named with its year ("EULAR 2024", "ACR Convergence 2025", "#ESMO24") or as
  "the <Name> Congress/Conference/Meeting/Summit/Symposium/Sessions/Week", in a sentence that
  places data there ("presented at", "a poster at", "data from ... shown during") or in the
  headline;
* a **journal** — "published in The Lancet", "in JAMA Network Open", "a paper in Arthritis &
  Rheumatology", a DOI of an article, "accepted manuscript", a preprint server;
* a **topline** announcement — "topline results", "will be presented at an upcoming medical
  meeting", "plans to submit the data for presentation at a future congress";
* a **regulatory** decision — an approval, a designation or a filing in the headline or lead;
* a **milestone** of the trial's conduct in the title — enrollment reached or completed,
  the first patient dosed: the news is the trial's progress, not a presentation of its data.

Mentions that only recall an earlier publication ("previously presented at", "first reported
at ... last year", "had been published in") are background, not where this item's data are.
The result lists the venues; the linker decides what they mean for each abstract.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from embargo.content.language import unread_language
from embargo.content.numbers import fold_for_ignorecase
from embargo.content.sentences import ABBREVIATIONS, last_word
from embargo.linking.meetings import MeetingMatcher
from embargo.patterns import Presence, cannot_match, top_level_branches
from embargo.patterns import compile as re_compile
from embargo.timeparse import months

#: Verbs and phrases that place data at a venue.
_PLACE = re_compile(
    r"\b(?:present(?:ed|s|ing|ation)?|report(?:ed|s|ing)?|unveil(?:ed|s|ing)?|shar(?:ed|es|ing)|"
    r"show(?:n|ed|s|cased|casing)?|highlight(?:ed|s|ing)?|announc(?:ed|es|ing)|"
    r"publish(?:ed|es|ing)?|appear(?:ed|s|ing)?|featur(?:ed|es|ing)|disclos(?:ed|es|ing)|"
    r"debut(?:ed|s)?|detail(?:ed|s)?|delivered|given|accepted|selected|"
    r"poster|e-?poster|oral|abstract|late[- ]breaker|late[- ]breaking|plenary|session|"
    r"symposium|talk|lecture|data|results|findings|analysis|study|paper|article|"
    r"new (?:data|results|findings)|at|during)\b", re.IGNORECASE)
#: Words that recall an earlier publication before a venue's name or after it: "previously
#: presented at ASCO", "at EULAR in 2022", "… ASH, as previously reported".
_RECALL = (r"previously|earlier|initially|originally|had been|have been|already|last year|"
           r"in (?:19|20)\d\d|as reported at|whose (?:results|data|findings) (?:were|was)")
#: A mention that recalls an earlier publication rather than placing this item's data.
#: ("first" alone: "first reported at"; hyphenated it names a design, "a first-in-human trial
#: published in Nature Medicine", or a line of treatment; "published online first" is a
#: journal's early publication, this one.)
_PRIOR = re_compile(
    r"\b(?:" + _RECALL + r"|(?<!online )first(?![-‑])|prior|preceding|before|follow(?:s|ed|ing)? "
    r"(?:on from|up on|results?)|build(?:s|ing)? on|extend(?:s|ing)?|update (?:of|to|on))\b",
    re.IGNORECASE)
#: After the name only the recalling words count: "first" or "before" there qualify what
#: follows ("in the ELCC presentation I reported the first recurrences").
_PRIOR_AFTER = re_compile(r"\b(?:" + _RECALL + r")\b", re.IGNORECASE)
#: A capitalised word of a name, no month or weekday ("… of Neurology April 5 to 9" ends at
#: "Neurology").
_NAME_WORD = (r"(?!(?:" + months.PATTERN + r"|Monday|Tuesday|Wednesday|Thursday|Friday|"
              r"Saturday|Sunday)\b)[A-Z][\w&'’.\-]*")
#: Congresses by their form: "the 2025 SDPA Summer Dermatology Conference", "ESMO Congress".
_NAMED_MEETING = re_compile(
    # (a registered sign may follow a word: "American Society of Clinical Oncology® (ASCO®)")
    r"\b(?:(?:the\s+)?(?:(?:19|20)\d\d\s+)?(?:(?:[A-Z][\w&'’.\-/]*[®™]?|"
    r"\([A-Z][A-Za-z&]{1,9}[®™]?\))"
    # a society's name with its small words: "American Academy of Neurology Annual Meeting"
    # (and its edition's year before the meeting's words: "Society of Hematologic Oncology
    # 2024 Annual Meeting")
    r"\s+(?:(?:[A-Z][\w&'’.\-/]*[®™]?|\([A-Z][A-Za-z&]{1,9}[®™]?\)|of|for|and|&)\s+){0,8}"
    r"(?:(?:19|20)\d\d\s+)?)?(?:Annual\s+|"
    r"Scientific\s+|International\s+|World\s+|European\s+|American\s+)*(?:Congress|"
    r"Conference|Meetings?|Summit|Symposium|Sessions|Forum|Week|Workshop|Colloquium|"
    # (a whole word, a footnote's digit may touch it: "Physician's Weekly" is a publication,
    # no week; "the 2024 ASCO Annual Meeting3" and "the 2023 ASCO Annual Meetings" are the
    # meeting)
    r"Convention|Assembly|Expo(?:sition)?)(?![^\W\d_])"
    # what it is of, on or for, with the name's small words ("… Congress of the European
    # Society for Medical Oncology (ESMO)", "… Exposition of the American Society of
    # Hematology"), not when: "… Annual Meeting on Monday, June 3"
    r"(?:\s+(?:of|on|for)\s+(?:the\s+)?" + _NAME_WORD + r"(?:\s+(?:(?:of|for|and|&)\s+)?"
    + _NAME_WORD + r"){0,6}(?:\s+\([A-Z][A-Za-z&]{1,9}\))?)?"
    r"(?:\s+(?:19|20)\d\d)?)")
#: A society's meeting named after its meeting's word, in any case: "the annual meeting of the
#: American Academy of Neurology", "the Annual Congress of the European Hematology
#: Association" (the society's name in capitals, with its small words).
_MEETING_OF = re_compile(
    r"\b(?:[Aa]nnual|ANNUAL)\s+(?:[Ss]cientific\s+)?(?:[Mm]eeting|[Cc]ongress|[Cc]onference|"
    r"[Cc]onvention|[Aa]ssembly|[Ss]essions)\s+of\s+the\s+(" + _NAME_WORD + r"(?:\s+(?:(?:of|"
    r"for|and|&)\s+)?" + _NAME_WORD + r"){1,7})")
#: A society's name before its meeting's word in lower case: "the American Academy of Neurology
#: annual meeting", "the American Thoracic Society's conference" (read only when the name's
#: initials spell a series a policy or the catalogue knows: a lower-case "conference" after
#: any capitalised words is too loose a name).
_SOCIETY_MEETING = re_compile(
    r"\b(" + _NAME_WORD + r"(?:\s+(?:(?:of|for|and|&)\s+)?" + _NAME_WORD + r"){1,7})(?:['’]s)?\s+"
    r"(?:annual\s+)?(?:scientific\s+)?(?:meeting|congress|conference|convention)\b")
_YEAR_JUST_BEFORE = re_compile(r"\b((?:19|20)\d\d)\s+$")
#: A series acronym with a year: "EULAR 2024", "SDPA 2025", "ESMO24", "#EASL2024", "DDW '25".
#: A two-digit year only with a hashtag or an apostrophe ("#ESMO24", "DDW '25"): glued or
#: spaced two digits are scores ("ACR20", "PASI 75", "DAS28").
_ACRONYM_YEAR = re_compile(
    r"(?<![\w@])(?:#([A-Z][A-Za-z]*[A-Z][A-Za-z]*)\s?['’]?(\d\d|(?:19|20)\d\d)|"
    r"([A-Z][A-Za-z]*[A-Z][A-Za-z]*)(?:\s?['’](\d\d)|\s((?:19|20)\d\d)))(?![\w%])")
#: A known series glued to a four-digit year: "ELCC2025", "ASCO2024" (a known series only:
#: "AZD2014" is a drug's code).
_GLUED_YEAR = re_compile(r"(?<![\w@#])([A-Z]{2,8})((?:19|20)\d\d)(?![\w%])")
#: "EHA congress 2024", "ESMO Annual Meeting 2025": a series, a meeting word, a year.  (Under
#: IGNORECASE the series is any run of two letters or more, taken whole: the space after it
#: could follow no shorter part, so the run is possessive and never retried letter by letter.)
_ACRONYM_MEETING_YEAR = re_compile(
    r"(?<![\w@#])([A-Z][A-Za-z]++)\s+(?:annual\s+)?(?:congress|meeting|"
    r"conference|summit|symposium|sessions|forum)\s+((?:19|20)\d\d)(?!\w)", re.IGNORECASE)
#: A known series, the host city, a year: "ESMO Barcelona 2024" (a known series only:
#: "Phase Madrid 2024" is no meeting; nor is the society's other work: "EULAR
#: Recommendations 2023").
_SERIES_CITY_YEAR = re_compile(
    r"(?<![\w@#])([A-Z]{2,8})\s+(?!(?:Guidelines?|Recommendations?|Criteria|Classification|"
    r"Score|Response|Awards?|Prize|Fellowships?|Grants?|Journal|Foundation)\b)"
    r"[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,})?\s+((?:19|20)\d\d)(?![\w%])")
_JOURNAL = re_compile((
    r"\b(?:N(?:ew)?\s?E(?:ngl)?\.?\s?J(?:ournal)?\.?\s?(?:of\s+)?M(?:ed(?:icine)?)?\.?|NEJM(?:\s+"
    r"Evidence)?|(?:[Tt]he\s+)?Lancet(?:\s+[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)?|"
    r"JAMA(?:\s+(?:Network\s+Open|Internal\s+Medicine|Oncology|Dermatology|Neurology|"
    r"Cardiology|Pediatrics|Psychiatry|Surgery|Ophthalmology|[A-Z][a-z]+))?|BMJ(?:\s+Open)?|"
    r"The\s+BMJ|Nature(?:\s+(?:Medicine|Communications|Reviews\s+\w+|[A-Z][a-z]+))?|"
    r"Science(?:\s+Translational\s+Medicine)?|Cell|Blood(?:\s+Advances)?|Journal\s+of\s+"
    r"(?:the\s+)?[A-Z][\w&\-]*(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\w&\-]*){0,5}|Annals\s+of\s+"
    r"(?:the\s+)?[A-Z][\w\-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w\-]*){0,4}|Arthritis\s+(?:&|and)\s+"
    r"Rheumatology|Arthritis\s+Care\s+(?:&|and)\s+Research|Arthritis\s+Research\s+(?:&|and)\s+"
    r"Therapy|RMD\s+Open|Rheumatology(?=\s+\((?:Oxford)\))|Hepatology|Gastroenterology|"
    r"Kidney\s+International|Circulation|CHEST\s+journal|Clinical\s+Infectious\s+Diseases|"
    r"PLOS\s+(?:ONE|One|Medicine|[A-Z][a-z]+)|Frontiers\s+in\s+[A-Z][\w ]+|medRxiv|bioRxiv|"
    r"Research\s+Square|SSRN|JCO|Cancer\s+Discovery|Clinical\s+Cancer\s+Research|"
    r"Diabetes\s+Care|Ophthalmology|Pediatrics|Neurology)\b")
    # Names never run across a line break: "The Lancet\n\nMedPath" is The Lancet.
    .replace(r"\s+", r"[ \t]+").replace(r"\s?", r"[ \t]?"))
#: A journal whose name a copy dropped with its link: "according to a study published in ."
#: (the name was the link's text).
_JOURNAL_DROPPED = re_compile(r"\bpublished(?:[ \t]+online)?[ \t]+in[ \t]*(?=[.,;:)](?:\s|$))",
                              re.IGNORECASE)
#: A periodical named by its issue: "published in the November 2024 issue of Rheumatology" (a
#: field's name too, alone: after "issue of" it is a journal's).
_ISSUE_OF = re_compile(r"\bissue[ \t]+of[ \t]+(?:the[ \t]+)?([A-Z][\w&\-]*(?:[ \t]+(?:of[ \t]+|"
                       r"and[ \t]+|&[ \t]+)?[A-Z][\w&\-]*){0,5})")
_JOURNAL_CUE = re_compile(
    r"\b(?:published|publishes|publication|appears?|appeared|appearing|paper|article|"
    r"manuscript|journal|peer[- ]reviewed|online (?:ahead|first)|e-?pub|in press|"
    r"accepted for publication|doi|reproduced|reprinted|republished)\b", re.IGNORECASE)
#: The authors writing or reporting in a journal: "write Bureau and co-authors in The Lancet
#: Gastroenterology and Hepatology", "the investigators report in JAMA Oncology".
_JOURNAL_WRITTEN = re_compile(r"\b(?:writes?|wrote|written|writing|reports?|reported|"
                              r"describes?|described|conclude[sd]?)\b", re.IGNORECASE)
_IN_BEFORE = re_compile(r"\bin\s+$", re.IGNORECASE)
#: A page's label for where its text comes from, before a journal's name: "Source: NEJM",
#: "Originally published in: JAMA Oncology".
_SOURCE_LABEL = re_compile(r"(?:^|\n)[^\w\n]{0,4}(?:Sources?|Original(?:ly published in)?|"
                           r"Via|Journal|Published in)[ \t]*:[ \t]*$", re.IGNORECASE)
#: The reader sent to the study in a journal: "Click to read the study in NEJM", "see the
#: full paper in The Lancet".
_JOURNAL_POINTER = re_compile(r"\b(?:read|see|view|access|find|download)\s+(?:the\s+|this\s+)?"
                              r"(?:full\s+|original\s+|complete\s+)?(?:study|paper|article|"
                              r"trial|report|publication|text|results)\s+(?:online\s+)?in\s+$",
                              re.IGNORECASE)
#: A study said to be in a journal: "lead authors of a new study in JAMA", "the findings,
#: out in The Lancet".
_STUDY_IN = re_compile(r"\b(?:study|studies|paper|article|analysis|report|trial|findings|"
                       r"results)\s*,?\s+(?:(?:published|appearing|out|now)\s+)?in\s+(?:the\s+)?$",
                       re.IGNORECASE)
#: A company or team announcing results, and trials meeting their primary endpoint.
_ANNOUNCED = re_compile(r"\b(?:announced|announces|reported|reports|unveiled)\s+(?:positive\s+|"
                        r"new\s+|encouraging\s+|top[- ]?line\s+|headline\s+)*(?:results|"
                        r"data|findings)\b", re.IGNORECASE)
_MET_PRIMARY = re_compile(r"\bmet\s+(?:its|their|the|both(?:\s+of\s+their)?)\s+(?:\w+\s+)?"
                          r"primary\s+(?:end\s?points?|outcomes?|objectives?)\b", re.IGNORECASE)
#: What may follow a journal's name in such a sentence: its end, a clause, a date - not more
#: of a noun phrase, as in a headline's "New Results in Blood Cancers", "Findings in Cell
#: Therapy".
_JOURNAL_ENDS = re_compile(r"\s*(?:[,.;:)!?—–]|$|\(|-\s|(?:on|in|this|last|today|"
                           r"yesterday|earlier|and|by|that|which|with|show|shows|found|"
                           r"finds|suggest|suggests|report|reports)\b)")
#: A source line citing a paper by its authors: "Source: Cheng Y, Spigel DR, Cho BC, et al.
#: Durvalumab after chemoradiotherapy ...".  The item reports that paper, unless the citation
#: is of a meeting's abstract ("... Abstract LBA5. Presented at the ASCO Annual Meeting").
_CITED_SOURCE = re_compile(r"^[^\w\n]{0,4}(?:Sources?|References?|Citations?|Reference "
                           r"article)\s*:\s*(?:\[?\d{1,2}[.\]]\s*)?"
                           r"([A-Z][A-Za-z'’\-]+(?: [A-Z][A-Za-z'’\-]+)? [A-Z]{1,3}"
                           r"(?:,| and| et al)[^\n]*(?:\n(?!\s*\n)[^\n]*){0,3})",
                           re.MULTILINE)
_CITED_MEETING = re_compile(r"\b(?:abstracts?|presented|presentation|poster|meeting|congress|"
                            r"conference|sessions|symposium|convergence|LBA\d*)\b",
                            re.IGNORECASE)
#: A DOI a meeting's supplement gives its abstracts: Blood's for ASH ("10.1182/blood-2023-
#: 179153"; Blood's own papers read "blood.2023021234"), the Journal of Clinical Oncology's for
#: ASCO ("10.1200/JCO.2024.42.16_suppl.4091"), the Annals of the Rheumatic Diseases' for EULAR
#: ("10.1136/annrheumdis-2024-eular.1234"); the journal it names is the supplement's.
_SUPPLEMENT_DOI = re_compile(
    r"10\.1182/blood-(?:19|20)\d\d-\d+|10\.1200/JCO\.\d{4}\.\d+\.\d+_suppl|"
    r"10\.1136/annrheumdis-(?:19|20)\d\d-eular", re.IGNORECASE)
#: Each supplement's journal by its DOI prefix, as the journal finders read its name (lower
#: case, without "the").
_SUPPLEMENT_JOURNAL = {"10.1182": ("blood",),
                       "10.1200": ("jco", "journal of clinical oncology", "j clin oncol"),
                       "10.1136": ("annals of the rheumatic diseases", "ann rheum dis", "ard")}
#: Marks of a journal article or a repository page for one: a DOI, "Published in: Nat Med",
#: a library record's "Format: Article",
#: "Journal Article", a citation's year;volume(issue):pages, a PubMed id, a preprint.
_PREPRINT = re_compile(
    r"\b(?:preprint|accepted manuscript|author manuscript|journal article|original article|"
    # (a library record's fields, in English or German, in a table or not: "Format: |
    # Artikel |", "Veröffentlicht in: | Arthritis & rheumatology (Hoboken, N.J.)")
    r"research article|(?:item type|format):\s*\|?\s*(?:article|artikel)\b|"
    r"doi\.org/10\.\d{4,}|"
    # a journal's own address for an article ("nejm.org/doi/full/10.1056/NEJMoa2513032"), not
    # a meeting supplement's ("ascopubs.org/doi/10.1200/JCO.2024.42.16_suppl.4091")
    r"/doi/(?:full/|abs/|pdf/|epdf/)?10\.\d{4,}/(?![^\s)\]]*suppl)[^\s)\]]+|"
    r"\bdoi:\s*10\.\d{4,}|"
    r"PMID:?\s*\d{6,}|PMCID:?\s*PMC\d+|"
    r"(?:published (?:online )?in|ver(?:ö|oe)ffentlicht in)\s*:\s*\|?\s*[A-Z][^\n]{2,40}|"
    # an article cited before its issue: "Ann Intern Med. 2020 Jan 14. [Epub ahead of print]"
    r"\bepub ahead of print\b|\bepub (?:19|20)\d\d(?:\s+[a-z]{3}\b)?|"
    # with the issue's month and day as the NLM prints them: "2024 Nov 7;391(18):1696"
    r"(?:19|20)\d\d(?:\s+(?:" + months.ABBREVIATION_ALTERNATION + r")[a-z]*\.?(?:\s+\d{1,2})?)?"
    r"\s*;\s*\d{1,4}\s*(?:\(\d{1,3}\))?\s*:\s*[eE]?\d{1,6}|"
    # a trial's protocol, published before its results: "… : protocol for a randomised trial"
    r"\bprotocol for an?(?:\s+[\w\-]+){0,4}\s+(?:trial|study)\b|"
    # a paper, named as such or cited: "the summary of this new paper", "(2025, Gao et al)"
    r"\b(?:summary|abstract) of (?:this|the|a) (?:new |recent |latest )?(?:paper|article|"
    r"publication)\b|\b(?:this|a) (?:new|recent|latest) (?:paper|journal article)\b|"
    r"(?<=\()(?:19|20)\d\d,\s*[A-Z][\w'’\-]+ et al\.?\s*\)|"
    # a news service's label for a release about a journal article (EurekAlert!)
    r"(?m:^[^\w\n]{0,4}peer[- ]reviewed publication[^\w\n]{0,4}$))",
    re.IGNORECASE)
_TOPLINE = re_compile(
    # ("high-level results": the topline in some companies' words)
    r"\btop[- ]?line\b|\bhigh[- ]level (?:results|data|findings)\b|"
    r"\bwill be (?:presented|submitted|shared|reported) (?:for presentation )?"
    r"at (?:an?|the) (?:upcoming|future|later|forthcoming)\b|\b(?:plans?|intends?|expects?) "
    r"to (?:present|submit|share|report) (?:the |these |full |detailed |additional )*"
    r"(?:data|results|findings)\b[^.]{0,60}\b(?:upcoming|future|forthcoming|later)\b|"
    r"\b(?:upcoming|future|forthcoming) (?:medical|scientific) (?:meeting|congress|"
    r"conference)\b|"
    # a congress not yet named: "will be presented at a scientific congress in H2 2023"
    r"\bwill be (?:presented|submitted|shared|reported) (?:for presentation )?at an? "
    r"(?:(?:major|international|leading) )?(?:medical|scientific) (?:meeting|congress|"
    r"conference)\b", re.IGNORECASE)
#: The regulators a decision is credited to, named before or after the decision.
_REGULATORS = (r"FDA|U\.S\. Food and Drug Administration|Food and Drug Administration|EMA|"
               r"European Commission|European Medicines Agency|CHMP|MHRA|Health Canada|PMDA|"
               r"NMPA|TGA|Swissmedic|ANVISA|regulators?")
_REGULATORY = re_compile(
    r"\b(?:" + _REGULATORS + r")\b[^.]{0,80}"
    r"\b(?:approv\w*|grant\w*|clear\w*|accept\w*|authori[sz]\w*|designat\w*|recommend\w*|"
    r"positive opinion)\b|\b(?:approv(?:ed|al)|Fast Track|Breakthrough Therapy Designation|"
    r"Orphan Drug Designation|Priority Review|marketing authori[sz]ation)\b[^.]{0,60}\b(?:"
    + _REGULATORS + r")\b|\b(?:approved|cleared|authori[sz]ed) (?:in|by|for "
    r"use in) (?:the )?(?:US|U\.S\.|EU|Europe|Japan|China|UK|Canada)(?!\w)|\bwins? (?:US |U\.S\. |"
    r"EU |European |FDA )?approval\b|\bgranted (?:approval|marketing authori[sz]ation)\b",
    re.IGNORECASE)
#: An approval in the title of a text in another language: Japanese 承認 (not 承認申請,
#: the application for it), Chinese 批准, Korean 허가 or 승인, German Zulassung, French
#: approbation or autorisation, Spanish and Portuguese aprobación, aprovação, Italian
#: approvazione, Danish, Norwegian and Swedish godkendelse, godkjenning, godkännande, Dutch
#: goedkeuring (and their participles).
_REGULATORY_OTHER = re_compile(
    r"承認(?!申請)|获批|批准|허가|승인|\b(?:Zulassung|zugelassen|approbation|autorisation de mise "
    r"sur le marché|autorisée?|aprobación|aprobado|aprovação|aprovado|approvazione|approvato|"
    r"godkendelse|godkendt|godkjenning|godkjent|godkännande|godkänd|goedkeuring|"
    r"goedgekeurd)\b", re.IGNORECASE)
#: A regulatory filing made or accepted, in a headline: "Zanidatamab Biologics License
#: Application … Completed", "Lumen Bio Submits New Drug Application to the FDA".  The item is
#: about the filing (which holds the trial's data), not a meeting's presentation of them.
_APPLICATION = (r"Biologics License Application|New Drug Application|Marketing Authori[sz]ation "
                r"Application|s?BLA|s?NDA|MAA")
_FILING = re_compile(
    r"\b(?:" + _APPLICATION + r")\b[^.]{0,80}\b(?:submi\w*|complet\w*|accept\w*|validat\w*|"
    r"filed|filing)\b|\b(?:submits?|submitted|completes?|completed|files?|filed)\b[^.]{0,40}"
    r"\b(?:" + _APPLICATION + r")\b", re.IGNORECASE)
#: An NIH award number: activity code, institute, serial ("R21AR080309", "K23CA261234").
_GRANT = re_compile(r"\b[RKUPFT]\d\d[A-Z]{2}\d{6}\b")
#: A decision sought or planned is no decision: "to seek FDA approval", "plans to file".
_REGULATORY_PLANNED = re_compile(r"\b(?:seek\w*|submit\w*|fil(?:e|es|ing)|apply\w* for|"
                                 r"applications? for|plans?|intends?|will|would|could|may|"
                                 r"expects?|hopes?|wants?|wanting|aims?|aiming|toward|"
                                 r"towards|pursu\w*|path to)\b[^.]{0,40}$",
                                 re.IGNORECASE)
#: A decision in doubt is no decision: "FDA Approval Uncertain", "approval remains unclear",
#: "EU approval?".
_REGULATORY_DOUBTED = re_compile(r"[ \t]*(?:(?:is|remains?|looks?|seems?|still)[ \t]+)?"
                                 r"(?:uncertain|unclear|in doubt|in question|doubtful|unlikely|"
                                 r"questionable|elusive|at risk|\?)", re.IGNORECASE)
#: A trial's progress as the news: "Fifty Percent Enrollment Milestone in IMerge Phase 3",
#: "completes enrollment in pivotal trial", "first patient dosed".
_MILESTONE = re_compile(
    r"\b(?:enrol(?:l)?ment|recruitment|accrual)\b[^.]{0,40}?\b(?:milestone|complet\w*|"
    r"target)\b|\b(?:complet(?:es|ed|ing|e)|finish(?:es|ed|ing)?|reach(?:es|ed|ing)?|"
    r"achiev(?:es|ed|ing)?)\b[^.]{0,40}?\b(?:enrol(?:l)?ment|recruitment|accrual)\b|"
    r"\bfully enrolled\b|\bfirst (?:patients?|participants?|subjects?) (?:(?:has|have) been |"
    r"was |were |is |are )?(?:dosed|enrolled|randomi[sz]ed|treated)\b", re.IGNORECASE)
#: A trial's listing giving its status as still recruiting ("Study Status: Data Collection/
#: Active Recruitment", "Recruitment status: Recruiting"): a record of the trial in progress,
#: which a results abstract's title may repeat, not a presentation.
_STATUS = re_compile(
    r"^[^\w\n]{0,4}(?:(?:Study|Trial|Overall|Recruitment)[ \t]+)?Status[ \t]*:?[ \t]*\n?"
    r"(?:[ \t]*\n)?[ \t]*[^\n]{0,40}?\b(?:Active[ \t]+Recruitment|Recruiting|Not[ \t]+yet[ \t]+"
    r"recruiting|Enrolling(?:[ \t]+by[ \t]+invitation)?)\b", re.IGNORECASE | re.MULTILINE)
#: Words that look like a series acronym with a year but are not meetings.
_NOT_SERIES = frozenset("""
COVID SARS ACR20 ACR50 ACR70 DAS PASI EASI HAQ CDAI SDAI BASDAI ASDAS MDA FDA EMA NCT ICD
IL CD HIV HPV HBV HCV TNF JAK BMI LDL HDL CRP ESR GFR EGFR BRCA KRAS HER PD ECOG NYHA Q OR HR
CI RR AE SAE Phase PHASE Part PART Week WEEK Day DAY Cohort COHORT Study STUDY Trial TRIAL
TYK TLR GLP SGLT DPP PCSK APOE CAR BCMA FGF CTLA HLA IgG IgA IgE FcRn Ig MMP UPCR MRI CT PET
""".split())
_LEAD_CHARS = 700
#: A series' acronym as the place of a talk: "my talk at ELCC", "presented at ASCO", "in the
#: ELCC presentation" (not "ASCO guidelines", "EULAR criteria").
_TALK_AT = re_compile(
    r"\b(?:talk|presentation|poster|presented|presenting|presents|oral|abstract|session|"
    r"lecture|data|results|findings)\s+(?:at|during)\s+(?:the\s+)?([A-Z]{3,8})\b(?![ \t]*"
    r"(?:['’]s|guidelines?|recommendations?|criteria|classification|score|response|"
    r"[12]\d\d\d|\d\d\b))|\b(?:the|an?|this|that)\s+([A-Z]{3,8})\s+(?:presentation|talk|"
    r"poster|oral|session|abstract)s?\b|"
    # a society's acronym in brackets before its meeting's word, in English or another
    # language: "American Society of Hematologys (ASH) årlige kongres", "(ASCO) Jahrestagung"
    # (perhaps with its edition's ordinal: "(ADA) 83rd Scientific Sessions")
    r"\(([A-Z]{3,8})\)[ \t]+(?:\d{1,3}(?:st|nd|rd|th)[ \t]+)?(?:[^\W\d_]+[ \t]+)?"
    r"(?i:meeting|congress|conference|sessions|kongres|"
    r"kongress|jahrestagung|jahreskongress|tagung|congr[eè]s|congreso|congresso|årsmøde|"
    r"jaarcongres)\b(?![ \t]*(?:19|20)\d\d)|"
    # ... or after it in the same sentence, as other languages order it: "el congreso anual
    # más grande de especialistas en cáncer, el que organiza la Sociedad Estadounidense de
    # Oncología Clínica (ASCO)"
    # (the common noun, not a name's: "the 1st European CAR T Meeting organized by the
    # European Hematology Association (EHA)" is another meeting; German writes it capitalised)
    r"(?:congress|congreso|congr[eè]s|kongres|congresso|reuni[oó]n|r[eé]union|riunione|"
    r"meeting|[Kk]ongress|Jahrestagung|Jahreskongress)\b(?:[^.\n]|\n(?![ \t]*\n)){0,120}?"
    r"\(([A-Z]{3,8})\)|"
    # German's and the Scandinavian languages' "at the" before the acronym, alone or in a
    # compound with the meeting's word: "Auf dem ASCO wurden …", "beim ESMO-Kongress", "på
    # ASCO-kongressen"
    r"\b(?i:auf\s+dem|vom|beim|på)\s+([A-Z]{3,8})\b(?![ \t]*['’]s)"
    r"(?:-(?i:kongress\w*|kongres\w*|jahrestagung|tagung|møte\w*|mødet))?(?![\w-])")
#: A meeting's dates after its name, in its paragraph: "22nd International AIDS Conference,
#: Amsterdam, Netherlands, July 23-27, 2018", "… Congress (Vienna, 12–15 June 2024)".  A
#: wrapped line goes on: a single line break is a space ("… Congress, June 13-16,\n2024").
_SP = r"(?:[ \t]+|[ \t]*\n(?![ \t]*\n)[ \t]*)"
_DATES_AFTER = re_compile(
    r"[ \t]*[,(](?:[^\n.;]|\n(?![ \t]*\n)){0,50}?(?:\b(?:" + months.PATTERN + r")\.?" + _SP
    + r"\d{1,2}(?:[ \t]*[-–][ \t]*(?:(?:" + months.PATTERN + r")\.?" + _SP + r")?\d{1,2})?,?|"
    r"\b\d{1,2}(?:[ \t]*[-–][ \t]*\d{1,2})?" + _SP + r"(?:" + months.PATTERN + r")\.?)" + _SP
    + r"((?:19|20)\d\d)\b")

#: A meeting's day written just before its yearless name, perhaps with the rest of its name
#: between: "to be presented on November 4, 2022 at the American Society of Nephrology
#: ("ASN") Annual Conference – Kidney Week" is that year's edition.
_DATE_BEFORE = re_compile(
    r"\b(?:" + months.PATTERN + r")\.?" + _SP + r"\d{1,2}(?:[ \t]*[-–][ \t]*\d{1,2})?,?" + _SP
    + r"((?:19|20)\d\d),?" + _SP + r"(?:at|during)" + _SP + r"(?:(?:[A-Z][\w'’&.-]*|of|the|and|"
    r"for|on|in|\([\"“]?[A-Z]{2,8}[\"”]?\)|[–—-])" + _SP + r"){0,12}$")


@dataclass(frozen=True)
class Venue:
    kind: str  # "meeting", "journal", "topline", "regulatory", "filing", "milestone", "grant"
    name: str  # as written (folded meeting id for known editions)
    meeting: str | None = None  # a known edition's id ("eular-2024")
    series: str | None = None  # a known or written series ("eular", "sdpa")
    year: int | None = None
    lead: bool = False  # in the headline or the lead

    def describe(self) -> str:
        if self.kind == "meeting":
            return f"a presentation at {self.meeting or self.name}"
        if self.kind == "journal":
            return f"a journal publication ({self.name})"
        if self.kind == "topline":
            return "a topline announcement"
        if self.kind == "milestone":
            return f"a trial milestone ({self.name}), not a presentation"
        if self.kind == "grant":
            return f"a research grant's record ({self.name}), not a presentation"
        if self.kind == "filing":
            return f"a regulatory filing ({self.name})"
        return f"a regulatory decision ({self.name})"


#: A sentence ends at its stop (after closing quotes or brackets, or after a note marker glued
#: to the stop, as ``content.sentences`` reads it: "… infection.1 VOQUEZNA is …").
_BOUNDARY = re_compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9#@])|(?<=[^\d\s][.!?])"
                       r"\d{1,2}(?:[,–\-]\d{1,2})*\s+(?=[\"'“‘(\[]?[A-Z])|\n\s*\n|\n(?=\s*"
                       r"(?:[-*•]|\d+[.)]|#{1,6})\s)")


class _Sentences:
    """Sentence spans of a text, positions kept (abbreviations and initials do not end a
    sentence: "Jan. 20", "Dr. Chen", "J. Smith")."""

    def __init__(self, text: str) -> None:
        from bisect import bisect_right

        self._bisect = bisect_right
        cuts = [0]
        for m in _BOUNDARY.finditer(text):
            before = text[cuts[-1]:m.start()]
            last = last_word(before)
            if "\n" not in m.group(0) and last and (
                    last.rstrip(".").lower() in ABBREVIATIONS
                    or (re.fullmatch(r"(?:[A-Z]\.)+", last) and len(last) <= 4)):
                continue
            cuts.append(m.end())
        self.cuts = cuts
        self.n = len(text)

    def at(self, pos: int) -> tuple[int, int]:
        i = self._bisect(self.cuts, pos) - 1
        start = self.cuts[max(i, 0)]
        end = self.cuts[i + 1] if i + 1 < len(self.cuts) else self.n
        return start, end


def _placed(text: str, sentences: _Sentences, start: int, end: int) -> bool:
    """Whether the sentence around [start, end) places data at what is named there, and does
    not merely recall an earlier publication."""
    s0, s1 = sentences.at(start)
    if _recalled(text, sentences, start, end):
        return False
    return bool(_PLACE.search(text[s0:s1]))


#: The past perfect of presenting, anywhere in the sentence before the venue: "Ramalingam had
#: presented updated data on progression-free survival, the study's primary endpoint, at the
#: annual American Society of Clinical Oncology conference" tells of an earlier talk.
#: (In the venue's own clause: "X had shown activity in a phase 1 study; results presented
#: at AACR 2025 show …" places the new results at AACR 2025.)
_HAD_SHOWN = re_compile(r"\bhad\s+(?:presented|reported|shown|shared|published|announced|"
                        r"unveiled)\b(?![^;]*(?:;|,\s+(?:but|and|while|whereas)\b))")


def _prior_before(text: str, s0: int, start: int) -> bool:
    """Whether the words just before ``start``, in its sentence from ``s0``, recall an
    earlier publication ("previously presented at", "had been published in")."""
    return bool(_PRIOR.search(text[max(s0, start - 90):start]))


def _recalled(text: str, sentences: _Sentences, start: int, end: int) -> bool:
    """Whether what is named at [start, end) is recalled as an earlier publication."""
    s0, s1 = sentences.at(start)
    return bool(_prior_before(text, s0, start)
                or _PRIOR_AFTER.search(text[end:min(s1, end + 40)])
                or _HAD_SHOWN.search(text[s0:start]))


_NAME_FILLER = {"the", "of", "and", "for", "on", "in", "&", "annual", "international", "world"}
_GENERIC_WORDS = {"scientific", "exposition", "expo", "exhibition", "its", "this", "our",
                  # the meeting's format is not whose meeting it is ("the ACR All-Virtual
                  # Annual Meeting" of 2020)
                  "virtual", "all-virtual", "hybrid", "in-person", "online", "digital"}
_MEETING_NOUNS = {"congress", "conference", "meeting", "meetings", "summit", "symposium",
                  "sessions", "forum", "week", "workshop", "colloquium", "convention", "assembly",
                  "expo"}


#: Names of no venue of their own: a meeting named by a common noun alone ("the annual
#: meeting", "this congress"), and a session named by its part in a meeting ("the
#: Presidential Symposium", "the Plenary Session"), a session of the meeting the item names.
#: A week number after "Week" (not a year): the name before it is a study's time point.
_WEEK_NUMBER = re_compile(r"\s*\d{1,3}(?!\d)")
_NO_VENUE = re_compile(
    r"(?:the\s+)?(?:annual|scientific|this|that|a|an)?\s*(?:meeting|conference|congress|"
    r"sessions?|week)|"
    r"(?:the\s+)?(?:(?:19|20)\d\d\s+)?(?:(?:presidential|plenary|late[- ]?breaking|opening|"
    r"closing|keynote|educational|special|poster|oral|satellite|industry|press|highlights?|"
    r"best\s+of|abstracts?|clinical|joint|general|main)\s+)+(?:symposium|session|sessions|"
    r"forum|workshop)", re.IGNORECASE)


def _meeting_word(word: str) -> bool:
    """Whether ``word`` is a meeting's word or a generic one ("Congress", "Scientific",
    "Virtual"): no part of whose meeting it is."""
    return word.lower() in _MEETING_NOUNS or word.lower() in _GENERIC_WORDS


def _initials_series(name: str, known: set[str]) -> str | None:
    """"the 2025 European Lung Cancer Congress" is ELCC, "the European Hematology Association
    Congress" EHA: a meeting named in words is the series its initials spell, when a policy or
    the catalogue knows that series.  A series of a society's own meeting, named
    "<society>-<initials>" ("asco-qcs"), is spelt by the society's acronym and the initials of
    the words after it: "the 2024 ASCO Quality Care Symposium"."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’\-]*", name) if w.lower() not in _NAME_FILLER
             and not w.isdigit()]
    with_noun = "".join(w[0] for w in words).lower()
    without = "".join(w[0] for w in words if w.lower() not in _MEETING_NOUNS).lower()
    # (nor its generic words: "the American Diabetes Association Scientific Sessions" is ADA's)
    rest = [w for w in words if not _meeting_word(w)]
    bare = "".join(w[0] for w in rest).lower()
    for candidate in (with_noun, without, bare):
        if len(candidate) >= 2 and candidate in known:
            return candidate
    for i, w in enumerate(words[:-1]):
        if not (w.isupper() and len(w) >= 2):
            continue
        after = words[i + 1:]
        for tail in ("".join(x[0] for x in after),
                     "".join(x[0] for x in after if x.lower() not in _MEETING_NOUNS)):
            candidate = f"{w.lower()}-{tail.lower()}"
            if len(tail) >= 2 and candidate in known:
                return candidate
    # A series "<society>-<word>" ("esmo-asia") is named by the society, as its acronym or
    # spelt out, then that word, then only a meeting's words: "ESMO Asia Congress 2024", "the
    # European Society for Medical Oncology Asia Congress".
    for i in range(1, len(words) - 1):
        word = words[i].lower()
        if len(word) < 3 or not all(map(_meeting_word, words[i + 1:])):
            continue
        heads = {"".join(x[0] for x in words[j:i]).lower() for j in range(i)}
        if words[i - 1].isupper():
            heads.add(words[i - 1].lower())
        for head in sorted(heads):
            if len(head) >= 2 and f"{head}-{word}" in known:
                return f"{head}-{word}"
    # A known series' acronym with nothing else but common words and the acronym spelt out:
    # "the 2023 ASCO Annual Meeting", "the EULAR Annual Congress", "International AIDS
    # Conference", "the American Academy of Neurology (AAN) Annual Meeting".  ("the ASCO
    # Gastrointestinal Cancers Symposium" is another of the society's meetings.)
    acronyms = [w for w in rest if w.isupper() and w.lower() in known]
    if len(acronyms) == 1:
        a: str = acronyms[0]
        spelt = "".join(w[0] for w in rest if w != a).lower()
        if spelt in ("", a.lower()):
            return a.lower()
    return None


def _generic(name: str) -> bool:
    """Whether a meeting's name holds only common words ("Annual Meeting and Exposition",
    "the 64th Annual Scientific Meeting"): whose meeting it is, the text says elsewhere."""
    return all(w.lower() in _NAME_FILLER or _meeting_word(w)
               or re.fullmatch(r"\d+(?:st|nd|rd|th)?", w)
               for w in re.findall(r"[A-Za-z0-9][\w'’\-]*", name))


def _names_edition(citation: str, known: bool) -> bool:
    """Whether a citation names a meeting's edition: one the catalogue knows (``known``), or a
    series acronym with its year ("ASCO 2024", "ESMO24")."""
    if known:
        return True
    for m in _ACRONYM_YEAR.finditer(citation):
        word = m.group(1) or m.group(3)
        if word not in _NOT_SERIES and word.upper() not in _NOT_SERIES and word.isupper():
            return True
    return False


@functools.cache
def _preprint_alternatives() -> Presence:
    """_PREPRINT's alternatives, each after its word boundary: a text holds a match of
    _PREPRINT exactly when it holds one of theirs, and an alternative whose literals the text
    lacks is not searched (most items hold none: the whole alternation, tried at every word
    boundary, was the venue finder's dearest search)."""
    source = _PREPRINT.pattern
    head = r"\b(?:"
    assert source.startswith(head) and source.endswith(")")
    return Presence("|".join(head + branch + ")"
                             for branch in top_level_branches(source[len(head):-1])),
                    _PREPRINT.flags)


def find_venues(text: str, title: str | None, matcher: MeetingMatcher,
                at: datetime | None = None, dated: bool = False) -> list[Venue]:
    """The venues ``text`` (with its ``title``) places its data at, in order (``at``,
    ``dated``: as for :meth:`MeetingMatcher.mentions`)."""
    full = f"{title}\n\n{text}" if title and title.strip() not in text[:400] else text
    lead_end = min(len(full), len(title or "") + _LEAD_CHARS) if title else _LEAD_CHARS
    out: list[Venue] = []
    sents = _Sentences(full)
    folded = fold_for_ignorecase(full)

    def scan(rx: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """``rx.finditer(full)``; none, unsearched, when ``full`` holds no literal that
        every match of ``rx`` holds."""
        return iter(()) if cannot_match(rx, folded) else rx.finditer(full)

    # In a text in another language the English words that place data at a meeting
    # ("presented at", "reported at") cannot be read: an edition it names with its year is
    # taken as a place its data are at.
    foreign = unread_language(full) is not None
    known_spans: list[tuple[int, int]] = []
    for mention in matcher.mentions(full, at, dated):
        known_spans.append((mention.start, mention.end))
        lead = mention.start < lead_end and not _recalled(full, sents, mention.start, mention.end)
        if not (lead or _placed(full, sents, mention.start, mention.end)
                or (foreign and mention.explicit)):
            continue
        mid = mention.meeting
        if not mention.explicit:
            # A series named without its year ("the ACR annual meeting") fits every edition,
            # unless the day of the talk comes just before it, with its year.
            dm = _DATE_BEFORE.search(full, max(0, mention.start - 160), mention.start)
            if dm and mention.series:
                dated_year = int(dm.group(1))
                edition = f"{mention.series}-{dated_year}"
                out.append(Venue("meeting", edition, edition if edition in matcher.editions
                                 else None, mention.series, dated_year, lead))
                continue
            out.append(Venue("meeting", mention.series or mid, None, mention.series, None,
                             lead))
            continue
        year = int(mid.rsplit("-", 1)[-1]) if mid[-4:].isdigit() else None
        out.append(Venue("meeting", mid, mid, mention.series, year, lead))

    def overlaps(a: int, b: int) -> bool:
        return any(a < y and b > x for x, y in known_spans)

    for m in _ACRONYM_YEAR.finditer(full):
        word = m.group(1) or m.group(3)
        if word in _NOT_SERIES or word.upper() in _NOT_SERIES or overlaps(m.start(), m.end()):
            continue
        if not (word.isupper() and 2 <= len(word) <= 8) and not re.fullmatch(
                r"[A-Z][a-z]*[A-Z][A-Za-z]*", word):
            continue
        if re.match(r"\s*(?:mg|ml|mcg|patients|weeks|months|%)", full[m.end():m.end() + 10],
                    re.I):
            continue
        y = m.group(2) or m.group(4) or m.group(5)
        year = int(y) + (2000 if len(y) == 2 else 0)
        if not 1990 <= year <= 2039:
            continue
        lead = m.start() < lead_end and not _recalled(full, sents, m.start(), m.end())
        if lead or foreign or _placed(full, sents, m.start(), m.end()):
            out.append(Venue("meeting", f"{word} {year}", None, word.lower(), year, lead))
            known_spans.append((m.start(), m.end()))
    series_known = {e.series for e in matcher.editions.values() if e.series}
    for m in _GLUED_YEAR.finditer(full):
        word = m.group(1)
        if word.lower() not in series_known or overlaps(m.start(), m.end()):
            continue
        lead = m.start() < lead_end and not _recalled(full, sents, m.start(), m.end())
        if lead or foreign or _placed(full, sents, m.start(), m.end()):
            out.append(Venue("meeting", f"{word} {m.group(2)}", None, word.lower(),
                             int(m.group(2)), lead))
            known_spans.append((m.start(), m.end()))
    # A series with a meeting's word and a year (in capitals), or with its host city and a
    # year (a known series only).
    for rx, known_only in ((_ACRONYM_MEETING_YEAR, False), (_SERIES_CITY_YEAR, True)):
        for m in scan(rx):
            word = m.group(1)
            if (word.lower() not in series_known if known_only else not word.isupper()) \
                    or word in _NOT_SERIES or overlaps(m.start(), m.end()):
                continue
            lead = m.start() < lead_end and not _recalled(full, sents, m.start(), m.end())
            if lead or _placed(full, sents, m.start(), m.end()):
                out.append(Venue("meeting", f"{word} {m.group(2)}", None, word.lower(),
                                 int(m.group(2)), lead))
                known_spans.append((m.start(), m.end()))
    # A known series' acronym as the place of a talk ("my talk at ELCC", "presented at ASCO",
    # "the ELCC presentation", "(ASH) årlige kongres"): that meeting, its year unsaid.
    # (Alone, "ASCO" is the society.)
    for m in scan(_TALK_AT):
        word = m.group(1) or m.group(2) or m.group(3) or m.group(4) or m.group(5)
        if word.lower() not in series_known or word in _NOT_SERIES or overlaps(
                m.start(), m.end()):
            continue
        if not _recalled(full, sents, m.start(), m.end()):
            # (the meeting's word may be followed by its dates: "(EHA) Congress, June 13-16,
            # 2024" is that edition)
            ym = _DATES_AFTER.match(full, m.end()) if m.group(3) else None
            out.append(Venue("meeting", word, None, word.lower(),
                             int(ym.group(1)) if ym else None, m.start() < lead_end))
            known_spans.append((m.start(), m.end()))
    # A society's meeting named by the society's name: after the meeting's word ("the annual
    # meeting of the American Academy of Neurology": the series its initials spell when a
    # policy or the catalogue knows it, another society's meeting otherwise) or before a
    # lower-case one (read only for a known series); its year before it or in the dates
    # after it.
    for rx, known_only in ((_MEETING_OF, False), (_SOCIETY_MEETING, True)):
        for m in scan(rx):
            series = _initials_series(m.group(1), series_known)
            if (known_only and series is None) or overlaps(m.start(), m.end()):
                continue
            lead = m.start() < lead_end and not _recalled(full, sents, m.start(), m.end())
            if lead or _placed(full, sents, m.start(), m.end()):
                ym = _YEAR_JUST_BEFORE.search(full, max(0, m.start() - 6), m.start()) \
                    or _DATES_AFTER.match(full, m.end())
                out.append(Venue("meeting", " ".join(m.group(0).split()).rstrip("."), None,
                                 series, int(ym.group(1)) if ym else None, lead))
                known_spans.append((m.start(), m.end()))
    for m in scan(_NAMED_MEETING):
        name = " ".join(m.group(0).split())
        if overlaps(m.start(), m.end()) or len(name.split()) < 2:
            continue
        if _NO_VENUE.fullmatch(name) or _generic(name) or (name.endswith("Week")
                                          and _WEEK_NUMBER.match(full, m.end())):
            continue  # (a study's time point: "At Week 16", "Through Week 52")
        lead = m.start() < lead_end and not _recalled(full, sents, m.start(), m.end())
        if lead or _placed(full, sents, m.start(), m.end()):
            ym = re.search(r"(?:19|20)\d\d", name) or _DATES_AFTER.match(full, m.end())
            year = int(ym.group(ym.lastindex or 0)) if ym else None
            out.append(Venue("meeting", name, None, _initials_series(name, series_known),
                             year, lead))
    for m in scan(_JOURNAL):
        token = full[max(full.rfind(" ", 0, m.start()), full.rfind("\n", 0, m.start())) + 1:
                     m.start()]
        if "://" in token or "www." in token or "/" in token:
            continue  # (inside a web address: "…/doi/10.1200/JCO.2024.42.16_suppl.4091")
        s0, s1 = sents.at(m.start())
        sentence = full[s0:s1]
        if not _JOURNAL_CUE.search(sentence) and not _SOURCE_LABEL.search(
                full[max(0, m.start() - 40):m.start()]) and not (
                _IN_BEFORE.search(full[max(s0, m.start() - 4):m.start()])
                and _JOURNAL_WRITTEN.search(sentence)) and not _JOURNAL_POINTER.search(
                    full[max(s0, m.start() - 60):m.start()]) and not (_STUDY_IN.search(
                        full[max(s0, m.start() - 60):m.start()])
                        and _JOURNAL_ENDS.match(full, m.end())):
            continue
        if _prior_before(full, s0, m.start()):
            continue
        out.append(Venue("journal", m.group(0), lead=m.start() < lead_end))
    for m in scan(_ISSUE_OF):
        s0, s1 = sents.at(m.start())
        if not _JOURNAL_CUE.search(full[s0:s1]) or _prior_before(full, s0, m.start()):
            continue  # ("who keeps every issue of NEJM" publishes nothing there)
        out.append(Venue("journal", m.group(1), lead=m.start() < lead_end))
    for m in scan(_JOURNAL_DROPPED):
        if not _prior_before(full, sents.at(m.start())[0], m.start()):
            out.append(Venue("journal", "a journal whose name the page dropped",
                             lead=m.start() < lead_end))
    for m in _PREPRINT.finditer(full) if _preprint_alternatives().found(full, folded) else ():
        doi = m.group(0).find("10.")
        if doi >= 0 and _SUPPLEMENT_DOI.match(full, m.start() + doi):
            continue  # (a meeting abstract's DOI in its supplement: see below)
        out.append(Venue("journal", m.group(0), lead=m.start() < lead_end))
    for m in scan(_CITED_SOURCE):
        # A citation naming a meeting, in words or as an edition ("… ASCO 2024."), is of
        # the meeting's abstract.
        if not _CITED_MEETING.search(m.group(1)) and not _names_edition(
                m.group(1), any(m.start(1) <= x < m.end(1) for x, _ in known_spans)):
            out.append(Venue("journal", " ".join(m.group(1).split())[:60],
                             lead=m.start() < lead_end))
    for m in scan(_TOPLINE):
        out.append(Venue("topline", m.group(0), lead=m.start() < lead_end))
    # A lead announcing that trials met their primary endpoint, with no meeting named anywhere
    # in the item, is a topline announcement ("Novartis has announced positive results from
    # two phase 3 trials … Both trials met their primary endpoint").
    if not known_spans and not any(v.kind == "meeting" for v in out):
        lead_text = full[:lead_end]
        announced = _ANNOUNCED.search(lead_text)
        if announced and _MET_PRIMARY.search(lead_text):
            out.append(Venue("topline", announced.group(0), lead=True))
    # A regulatory decision counts when the headline or the first sentence is about it: an
    # approval mentioned further down is background to a presentation.
    first = sents.at(len(full) - len(text.lstrip()) if text.strip() else 0)[1]
    headline = full[:max(first, len(title or "") + 2)]
    for m in _REGULATORY.finditer(headline):
        if _REGULATORY_PLANNED.search(headline[max(0, m.start() - 50):m.start()]) or (
                _REGULATORY_DOUBTED.match(headline, m.end())):
            continue
        out.append(Venue("regulatory", " ".join(m.group(0).split())[:60], lead=True))
    if not any(v.kind == "regulatory" for v in out):
        # (in the title only, or the first line without one: a sentence of another language
        # is not told apart from the next, and a lead recalling an approval as background
        # runs on)
        top = title if title and title.strip() else text.lstrip().split("\n", 1)[0]
        other = _REGULATORY_OTHER.search(top)
        if other:
            out.append(Venue("regulatory", other.group(0), lead=True))
        else:
            filing = _FILING.search(top)
            if filing:
                out.append(Venue("filing", " ".join(filing.group(0).split())[:60], lead=True))
    # The trial's progress counts in the title only (the first sentence when there is none):
    # "first patients dosed in KESTREL" opening a story titled on LUMEN-3's results is a
    # lead-in, not the item's news.
    for m in _MILESTONE.finditer(title if title and title.strip() else headline):
        out.append(Venue("milestone", " ".join(m.group(0).split())[:60], lead=True))
    status = _STATUS.search(full) if "status" in folded else None
    if status:
        out.append(Venue("milestone", " ".join(status.group(0).split())[:60], lead=True))
    # A research grant's record in the lead (an NIH award number, "R21AR080309"): the funded
    # project, whose title an abstract of it may repeat, not a presentation.
    grant = _GRANT.search(full[:lead_end])
    if grant:
        out.append(Venue("grant", grant.group(0), lead=True))
    supplements = {m.group(0).split("/", 1)[0] for m in scan(_SUPPLEMENT_DOI)}
    if supplements:
        # A page giving an abstract's supplement DOI (a library's or an index's record of a
        # meeting abstract) is the abstract: the journal that prints the supplement and the
        # DOI place its data nowhere else.
        own = tuple(n for s in supplements for n in _SUPPLEMENT_JOURNAL[s])
        out = [v for v in out if v.kind != "journal" or not any(
            (re.sub(r"^the\s+", "", " ".join(v.name.lower().split())).rstrip(".") + " ")
            .startswith(n + " ") for n in own)]
    return out
