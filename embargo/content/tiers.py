"""Tier analysis: sentence by sentence, what an item carries of one abstract.

For each sentence of the item, in order:

* **material** — it carries or points to presentation material: slides, poster files or
  photos, images of data, session recordings (links to .pptx/.pdf/.mp4, "[Image: slide …]",
  "see the slides", "photo of the poster", an attached deck);
* **beyond** — it goes beyond the abstract: a quote or attributed commentary by a person
  (not "according to the abstract"), a number about the study that the abstract does not
  state (new or updated data), further analyses, future plans, implications, patient stories;
* **abstract** — it restates the abstract: its numbers (with rounding and format tolerated:
  "61.9%" = "nearly 62 percent"), or much of its wording;
* **existence** — it only names the abstract: its title, authors, presentation slot, session,
  date or place, the fact of acceptance or presentation.

Background that is not about the study (disease prevalence, the organisation's "About"
boilerplate, media contacts, disclaimers, forward-looking statements) yields nothing.  Every
finding's evidence is the sentence itself, so a person can see why, and what to cut.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from embargo.content.language import unread_language
from embargo.content.material import MaterialHit, detect_material
from embargo.content.memo import remember
from embargo.content.numbers import (
    Num,
    allocation_shares,
    count_shares,
    criterion_thresholds,
    derived,
    extract,
    fold_for_ignorecase,
    matches,
)
from embargo.content.sentences import split_block, split_blocks
from embargo.model import Abstract, Tier, TierEvidence
from embargo.patterns import Presence, cannot_match, search_folded
from embargo.patterns import compile as re_compile
from embargo.timeparse import months

_WORD = re_compile(r"[a-z][a-z0-9\-]{2,}")
_STOP = frozenset("""
the and for with from that this were have been their which these those there about into
than then them they also more most such when where while other after before between during
over under study studies patient patients result results data trial trials analysis
showed shows show group groups among using used based year years month months week weeks
was are has had not but its our who what how all any can may will would could should
one two three four new per both each within without across versus compared vs
researchers research investigators authors author found find finds reported report
people participants treatment treated therapy therapies total overall including included
first last day days time times however well also said says percent presented present
""".split())
_GENERIC_TITLE = frozenset("""
efficacy safety results outcomes outcome effect effects phase randomized randomised
controlled double-blind placebo-controlled open-label long-term short-term follow-up
multicenter multicentre international real-world cohort prospective retrospective
analysis evaluation assessment association associated impact role risk factors among
adults children patients treatment therapy disease clinical trial study single-arm pooled
post-hoc subgroup interim final primary secondary week month year years weeks months
""".split())
_DRUG = re_compile(r"\b[a-z]{3,}(?:mab|nib|cept|tide|stat|parin|vir|lisib|ciclib|sertib|"
                   r"degib|rafenib|zomib|kinra|cimab|lukast|gliflozin|gliptin|glutide|"
                   r"semide|sartan|pril|olol|azole|mycin|cycline|floxacin|platin|taxel|"
                   r"rubicin|tinib|fenib|xaban|gatran|dronate|lumab|zumab|ximab|umab)\b")
_ACRONYM = re_compile(r"\b[A-Z][A-Z0-9]{2,}(?:[-‑][A-Z0-9]+)*\b|\b[A-Z]{2,}[-‑][A-Z0-9]+\b")
_COMMON_ACRONYMS = frozenset("""
ACR EULAR ASCO ASH AACR AASLD ECFS ACG CHEST ASN FDA EMA NIH CDC WHO USA MSC AES SAE SAES
NCT DNA RNA MRI BMI CRP ESR ICU HIV COVID PCR IgG IgA IgE QOL HRQOL RCT ITT CI HR OR RR
PRO PROS DMARD DMARDS TNF JAK NSAID NSAIDS ANA SLE RA PSA AS IL CD LDL HDL GFR CKD ESKD
NASH MASH HCC GI IBD UC COPD ILD CF FEV ECG EKG AE USD EUR THE AND FOR NEW ALL ONE PHASE
""".split())
_QUOTE_SPAN = re_compile(r"[“\"«„]([^“”\"«»„]{3,}?)(?:[”\"»]|$)|(?:^|(?<=[\s(—–-]))‘"
                         r"([^‘’]{12,}?)’(?=[\s,.;:!?)]|$)")
#: The opening marks, one of which every match of _QUOTE_SPAN begins with.
_QUOTE_OPENERS = "“\"«„‘"


def _quotes(text: str) -> Iterator[re.Match[str]]:
    """``_QUOTE_SPAN.finditer(text)``; none, unsearched, in text with no opening mark."""
    for mark in _QUOTE_OPENERS:
        if mark in text:
            return _QUOTE_SPAN.finditer(text)
    return iter(())
_SPEECH = (r"said|says|say|explained|explains|noted|notes|added(?! to\b)|adds(?! to\b)|told|"
           r"described|describes|"
           r"tells|commented|comments|remarked|stated|cautioned|cautions|warned|warns|"
           r"stressed|stresses|emphasi[sz]ed|emphasi[sz]es|believes?|thinks?|hopes?|expects|"
           r"argued|argues|pointed out|points out|acknowledged|acknowledges|urged|urges|"
           r"agreed|agrees|insisted|insists|conceded|concedes|is optimistic|was optimistic|"
           r"is hopeful|is convinced|is confident|was surprised|were surprised|was impressed|"
           r"is excited|was excited|welcomed|welcomes|praised|praises|questioned|"
           r"questions whether|worries|worried|(?<=, )(?:adding|saying|noting|explaining|"
           r"telling|calling|describing)")
_ROLE = (r"(?:author|writer|columnist|blogger|editor|investigator|researcher|expert|professor|"
         r"physician|doctor|director|chief|"
         r"president|officer|spokes\w+|chair\w*|scientist|\w+ologists?|specialist|clinician|"
         r"analyst|team|official|CEO|founder|dean|nurse|surgeon|pharmacist|advocate)s?")
_NAME = (r"(?:Dr\.?|Prof(?:essor|\.)?|Mr\.?|Ms\.?|Mrs\.?)\s+[A-Z][\w'’\-]+|"
         r"[A-Z][a-z'’\-]+ [A-Z][a-z'’\-]+")
_PRONOUN_BEFORE = re_compile(r"\b(?:he|she|they|I|we)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_PERSON_NEAR = re_compile(
    rf"(?:{_NAME}|\b(?:he|she)\b)\W{{0,3}}$|^\W{{0,3}}(?:{_NAME}|he|she)\b", re.UNICODE)
# (credentials as written, in capitals: "ROCKVILLE, Md." is a state, "patients do" no doctor)
_TITLED = re_compile(r"\bDr\.?\s+[A-Z]|\bProf(?:essor|\.)?\s+[A-Z]|\b[A-Z][a-z]+,?\s+(?-i:MD|PhD|"
                     r"M\.D\.|Ph\.D\.|DO|RN|MPH|FRCP|FACR)(?!\w)|\b" + _ROLE + r"\b", re.IGNORECASE)
# (not a capitalised word after "of": "City of Hope" is a name, not someone hoping)
_SPEECH_RE = re_compile(rf"\b(?!(?<=\bof )(?-i:[A-Z]))(?:{_SPEECH})\b", re.IGNORECASE)
_NON_PERSON_SUBJECT = re_compile(
    r"\b(?:the|this|our|their|an?|that|these|those)\s+(?:abstract|study|studies|data|results?|findings?|"
    r"report|analysis|paper|trial|poster|presentation|protocol|label|guidelines?|policy|"
    r"statistics|figures|numbers|survey|registry|model|algorithm|evidence|literature|"
    r"manuscript|article|release|program(?:me)?|website|company's|data set|dataset)"
    r"(?:'s)?\s+(?:also\s+)?(?:says?|said|states?|stated|notes?|noted|suggests?|suggested|"
    r"shows?|showed|found|finds|reports?|reported|describes?|described|concludes?|"
    r"concluded|adds?|added|calls?|called)\b|\baccording to (?:the |their |an? |this |"
    r"its |published )?(?:abstract|study|data|results?|findings?|poster|trial|researchers['’]"
    r" abstract|paper|report|analysis|authors['’] abstract|summary|registry|protocol|"
    r"meeting abstract|abstract text|program(?:me)?|CDC|WHO|NIH|American|National|World|"
    r"Centers|U\.S\.|estimates?|statistics)(?!\w)", re.IGNORECASE)
_ACCORDING_PERSON = re_compile(
    r"\baccording to (?:Dr\.?|Prof(?:essor|\.)?|Mr\.?|Ms\.?|Mrs\.?|(?-i:[A-Z][a-z]+ [A-Z][a-z]+)|"
    r"(?:the )?(?:lead|senior|first|study|co-?)\s*(?:author|investigator|researcher)|"
    r"(?:an? )?(?:expert|physician|doctor|rheumatologist|oncologist|hematologist|"
    r"cardiologist|nephrologist|hepatologist|gastroenterologist|pulmonologist|specialist|"
    r"spokes(?:person|man|woman)))", re.IGNORECASE)
_REPORTING_VERBS = re_compile(r"\b(?:reported|reports|found|finds|concluded|concludes|"
                              r"showed|shows|observed in the|wrote in the abstract)\b", re.I)
_SLOT = re_compile(
    r"\b(?:present(?:ed|s|ing|ation|ations|er|ers)?|poster(?:s)?|talk|lecture|e-?poster|"
    r"oral (?:session|"
    r"presentation|abstract)|podium|plenary|symposium|session|late[- ]breaking|accepted|"
    r"acceptance|selected|abstracts?|late[- ]break(?:er|ing)s?|will be (?:shown|discussed|"
    r"unveiled|reported)|to be (?:shown|"
    r"reported)|titled|entitled|co-?authors?|lead author|first author|senior author|"
    r"abstract (?:no\.?|number|#)|abstract \d|LBA\s?\d|hall|room|booth|convergence|"
    r"congress|annual meeting|scientific sessions|conference|meeting|kidney week|"
    r"liver meeting|program(?:me)?)\b", re.IGNORECASE)
_STUDY_REF = re_compile(
    r"\b(?:the|this|our|their|that|these|new|a|an|latest)\s+(?:\w+[- ])?(?:study|trial|"
    r"analysis|research|findings?|results?|data|cohort|abstract|poster|presentation|work|"
    r"investigators?|researchers?|authors?|team|participants|enrollees|registry|"
    r"sub-?study)\b|\b(?:lead|senior|first|study|corresponding|co-?)\s*(?:author|investigator|"
    r"researcher)s?\b|\b(?:patients|participants|people|adults|children|those|subjects|"
    r"volunteers) (?:who|receiving|treated|taking|given|randomi[sz]ed|assigned|on|in the)\b|"
    r"\bplacebo\b|\bcontrol group\b|\brandomi[sz]ed\b|\benrolled\b", re.IGNORECASE)
_RESULT = re_compile(
    r"\b(?:improv\w*|reduc\w*|lower\w*|rais\w*|increas\w*|decreas\w*|cut|halv\w*|"
    r"doubl(?!e[-‑ ](?:blind|mask|dummy))\w*|tripl(?!e[-‑ ](?:blind|mask|negative|positive))\w*|"
    r"achiev\w*|reach\w*|respond\w*|response|remission|flare\w*|relaps\w*|surviv\w*|"
    r"died|deaths?|mortality|adverse|side effects?|toler\w*|safe(?:ty)?|effective\w*|"
    r"efficacy|benefit\w*|(?<![\-‑])associated with|linked|higher|lower|fewer|more|less|"
    r"better|worse|"
    r"superior|inferior|non-?inferior|significant\w*|outperform\w*|met (?:its|the) "
    r"(?:primary|secondary)|predict\w*|signal\w*|flag\w*|tied|boost\w*|slow\w*|protect\w*|"
    r"prevent\w*|beat|beats|eas(?:e|es|ed)|help\w*|works?|worked|fail\w*|succeed\w*|"
    r"hold(?:s)? up|as good as|as much|as well as|at least as|no more|no less|similar|"
    r"comparable|equivalent|as effective|relief|enough|sufficient|not (?:clearly )?worse|"
    r"shorter|longer|fewer|rose|fell|dropped|declin\w*|gain\w*|loss)\b", re.IGNORECASE)
_FURTHER = re_compile(
    r"\b(?:sub-?group analys[ie]s|post[- ]hoc|additional (?:analys[ie]s|data|results|"
    r"findings|follow[- ]up)|further analys[ie]s|secondary analys[ie]s|exploratory "
    r"analys[ie]s|sensitivity analys[ie]s|new analys[ie]s|updated (?:data|results|analysis|"
    r"findings|figures|numbers|survival|follow[- ]up)|longer[- ]term (?:follow[- ]up|data|"
    r"results)|extended follow[- ]up|latest data|unpublished|not (?:part of|included in|in|"
    r"reported in|shown in|available in|described in|presented in|given in|stated in) the "
    r"(?:submitted |original |published |accepted |meeting |conference )?abstract|"
    r"(?:was|were|is|are) not in the abstract|beyond (?:what|the) abstract|outside the "
    r"abstract|since the abstract (?:was )?(?:submitted|written)|after the abstract|data "
    r"cut[- ]?off|(?:later|newer|more recent|subsequent|updated) data[- ]?cut|"
    # the presentation brings more than the abstract: "will add new data with a median
    # follow-up of 26.5 months" (not "presented new data at", an opener)
    r"add(?:s|ed|ing)?\s+(?:\w+\s+){0,2}?new\s+(?:clinical\s+)?(?:data|results|findings|"
    r"analys[ie]s)|at the (?:meeting|congress|podium|presentation), (?:the )?(?:researchers|"
    r"investigators|authors|team|she|he|they)|in (?:her|his|their|the) (?:talk|"
    r"presentation|slides)|the full (?:data|results|dataset)|full results|final results|"
    r"biomarker (?:data|analys[ie]s)|quality[- ]of[- ]life data|cost[- ]effectiveness)\b",
    re.IGNORECASE)
# "New data" that only announces a presentation: "X today presented new data from Y at the
# Z Congress", "new findings will be presented at ...", "presented today at ...".
_OPENER = re_compile(
    r"\b(?:(?:today|will|to|also)\s+)?(?:present(?:s|ed|ing)?|shar(?:es|ed|ing)|"
    r"unveil(?:s|ed|ing)?|announc(?:es|ed|ing)|report(?:s|ed|ing)?|highlight(?:s|ed|ing)?|"
    r"showcas(?:es|ed|ing)|is presenting|are presenting|will present)\s+(?:\w+\s+){0,3}?"
    r"(?:new|positive|detailed|additional|the latest|late-breaking|encouraging)\s+(?:clinical\s+)?"
    r"(?:data|results|findings|research|studies|analyses|evidence)\b|"
    r"\b(?:new|additional|detailed|positive)\s+(?:clinical\s+)?(?:data|results|findings|"
    r"research)\s+(?:\w+\s+){0,6}?(?:are|were|is|was|will be|to be|being)\s+(?:presented|"
    r"shown|reported|shared|unveiled|highlighted)\b|"
    r"\b(?:presented|reported|unveiled|shared)\s+(?:today|this week|on \w+day)\s+(?:at|"
    r"during)\b", re.IGNORECASE)
# Lines that say nothing about any study: mastheads, greetings, sign-offs, subscription notes.
_NO_CONTENT = re_compile(
    r"^\W*(?:good (?:morning|afternoon|evening|day)|hi|hello|dear \w+|greetings|welcome"
    r"(?: back)?|see you|thanks? (?:you )?for reading|until next|cheers|best wishes|warm "
    r"regards|happy \w+(?: day)?|that['’]s (?:it|all)|more next week)\b[^.]{0,40}[.!,]?"
    r"\s*\S{0,10}$|"
    r"\b(?:you are|you['’]re) receiving this\b|\b(?:un)?subscribe\b|\breply to this (?:e-?mail|"
    r"message)\b|\bview (?:this e-?mail )?in (?:your )?browser\b|"
    r"^[^.!?]{0,80}\b(?:newsletter|bulletin|digest|podcast|blog|column|edition|issue)\b"
    r"[^.!?]{0,40}\bby\s+(?:Dr\.?\s+|Prof\.?\s+)?[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+)*\s*$|"
    r"^[^.!?]{0,60}[·|•]\s*(?:by\s+)?[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,3}\s*$|"
    # the site's own advertising: "Schedule your 30 min Free Demo!", "Request a free trial"
    r"^\W*(?:schedule|book|request|get|claim|start|try)\b[^.!?]{0,60}\b(?:demo|free trial)s?\b"
    r"[^.!?]{0,30}[.!]?\s*$|"
    # "Discover why more than 1,500 members use <the service> to ...": a pitch, no content
    r"^\W*(?:discover|learn|see|find out)\s+(?:why|how)\b[^.!?]{0,60}\b(?:members|"
    r"subscribers|users|clients|customers|professionals)\s+(?:use|rely on|trust|choose)\b|"
    # the news caveat on meeting data, alone in its sentence: "The findings have not yet been
    # published in a peer-reviewed journal and should be considered preliminary."
    r"^[^.!?;]{0,60}\b(?:findings|results|data|research|study|studies|work)\b[^.!?;]{0,40}?"
    r"(?:\b(?:should|must|are|is|be)\s+(?:be\s+)?(?:considered|regarded|viewed|treated)\s+as\s+"
    r"preliminary|\b(?:has|have)\s+not\s+(?:yet\s+)?(?:been\s+)?(?:published|peer[- ]reviewed|"
    r"appeared))\b(?:\s+(?:in|by|until|and|as|so)\b[^.!?;\d]{0,80})?[.!]?\s*$",
    re.IGNORECASE)
# A claim about the primary endpoint or significance that the abstract must make too.
_CLAIM_MET = re_compile(r"\bmet (?:its|the|their|both|all)? ?(?:\w+ )?(?:primary|main|key "
                        r"secondary|co-?primary) (?:end ?points?|outcomes?|objectives?)\b|"
                        r"\b(?:statistically )?significant(?:ly)?\b(?! (?:difference )?(?:was|"
                        r"were) not)|\bhit (?:its|the) (?:primary )?(?:end ?point|goal)\b",
                        re.IGNORECASE)
_CLAIM_FAILED = re_compile(r"\b(?:did not|didn['’]t|failed to|not) (?:meet|reach|achieve|"
                           r"show|demonstrate)\b|\bmissed (?:its|the) (?:primary )?end ?point|"
                           r"\bnot (?:statistically )?significant\b|\bno significant\b",
                           re.IGNORECASE)
_ABSTRACT_MET = re_compile(r"\b(?:primary|main) (?:end ?point|outcome|objective)s? (?:was|were) "
                           r"(?:met|achieved|reached)\b|\bmet (?:its|the) primary|"
                           r"\bsignificant(?:ly)?\b|\bp\s*[<≤=]\s*0?\.0[0-4]\d*|\bp\s*<\s*0?\.05",
                           re.IGNORECASE)
_ABSTRACT_FAILED = re_compile(r"\b(?:primary|main) (?:end ?point|outcome)s? (?:was|were) not "
                              r"(?:met|achieved|reached)\b|\bdid not (?:meet|reach|achieve)\b|"
                              r"\bnot (?:statistically )?significant\b|\bfailed to\b",
                              re.IGNORECASE)
def _body_sentences(body: str) -> tuple[str, ...]:
    """The sentences of an abstract's body (split once for all that reads them)."""
    if _BODY_SENTENCES[0] != body:
        _BODY_SENTENCES[:] = [body, tuple(split_block(" ".join(body.split())))]
    sentences: tuple[str, ...] = _BODY_SENTENCES[1]
    return sentences


_BODY_SENTENCES: list[Any] = ["", ()]


def _primary_met(body: str, full: str) -> bool | None:
    """Whether the abstract reports its primary endpoint met (True), missed (False), or says
    nothing either way (None).  A secondary result that missed significance is no failure of
    the primary: only a failure said of the primary endpoint (or of the trial) counts."""
    for sentence in _body_sentences(body):
        if _ABSTRACT_FAILED.search(sentence) and re.search(
                r"\b(?:primary|main)\b|\bthe (?:trial|study) (?:did not|failed)", sentence,
                re.IGNORECASE) and not re.search(r"\bsecondary\b", sentence, re.IGNORECASE):
            return False
    return True if _ABSTRACT_MET.search(full) else None


# An organisation's own reading of the results: interpretation, not the abstract.
_ORG_OPINION = re_compile(
    r"\b(?:the |its )?(?:company|companies|firm|sponsor|organi[sz]ation|foundation|"
    r"management)\s+(?:also\s+)?(?:believes?|reads?\s+(?:the\s+)?(?:results?|data|findings)"
    r"\s+as|argues?|claims?|sees?|views?|considers?|interprets?|is confident|remains? "
    r"confident|is encouraged|expects?)\b", re.IGNORECASE)
# A section heading about the study itself, not an organisation's boilerplate.
_CONTENT_HEADING = re_compile(
    r"^\W{0,4}(?:#{1,6}\s*)?(?:about\s+(?:the|this|our)\s+(?:analysis|study|studies|"
    r"findings|results|data|research|survey|poster|abstract|presentation)|key findings|"
    r"(?:study )?results|findings|methods|design)\W{0,4}$", re.IGNORECASE)
# The publisher speaking of itself, not of a study: "The Foundation funds research that
# aims to ...", "The company is proud of ...", "Our mission is ...".
_ORGANISATION = re_compile(
    r"^\W*(?:The|Our|We|Its)\s+(?:\w+\s+){0,2}(?:Foundation|Company|Institute|Society|"
    r"Association|Alliance|Center|Centre|Hospital|University|Organi[sz]ation|College|"
    r"Network|mission|vision|goal|members?|community|team)?\b[^.]{0,40}?\b(?:funds?|"
    r"supports?|is proud|are proud|says it is proud|congratulat\w*|thanks|mission|is "
    r"committed|are committed|remains committed|strives|works? to|exists to|was founded|"
    r"is dedicated|are dedicated|invites?|welcomes?|represents?|serves?)\b", re.IGNORECASE)
# What a publisher offers its readers (webinars, modules, slide sets, coverage, a website).
# A quotation that is a title ("a talk titled “…”", "the poster “…”"): a name, not a comment.
_NAMED_TITLE = re_compile(
    r"\b(?:titled|entitled|called|named)\s*:?\s*[“\"«‘]|\b(?:talk|lecture|session|symposium|"
    r"presentation|poster|abstract|paper|article|study|keynote|address|workshop|webinar|"
    r"course|panel|theme|motto|slogan|campaign|initiative|series|book|report|column|"
    r"podcast|episode|award)\s*:?\s*[“\"«‘]|"
    # "abstract CT137, “Initial results …”": a title after its abstract's number
    r"\b(?:abstract|poster|presentation)\s+(?:no\.?\s*|#\s*)?[A-Z]{0,4}-?\d{1,5}[A-Z]?\s*[,:]?"
    r"\s*[“\"«‘]|"
    # "the briefing on Dec. 7, “Building Solutions …”": a session's name after its date
    r"\b(?:briefing|session|symposium|webinar|workshop|panel)\s+on\s+(?:[A-Z][a-z]{2,8}\.?\s+"
    r"\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)\s*,?\s*[“\"«‘]|"
    # "This year's theme is “…”": a name, not anyone's words.
    r"\b(?:theme|motto|slogan)(?:\s+(?:this|of this|for this) year|\s+for (?:19|20)\d\d)?\s+"
    r"(?:is|was|will be)\s*:?\s*[“\"«‘]", re.IGNORECASE)
_SERVICE = re_compile(
    r"\b(?:webinars?|modules?|website|web site|slide ?sets?|newsletters?|podcasts?|coverage|"
    r"CME|CE credits?|courses?|registration|sign up|subscribe|live ?stream|on-demand|"
    r"replays?|recap|highlights? (?:video|session)|expert (?:panel|discussion|analysis)|"
    # the publisher's promise of more coverage: "Details will follow soon", "More news will
    # follow as embargoes lift"
    r"(?:details|news|updates?|information|stories|more)(?:\s+\w+)?\s+will\s+follow)\b",
    re.IGNORECASE)
# The abstract itself describes plans (a trial in progress, a planned enrolment).
_ABSTRACT_PLANS = re_compile(r"\b(?:plan(?:s|ned|ning)?|will (?:enrol+|recruit|randomi[sz]e|"
                             r"assess|evaluate)|is (?:enrol+ing|recruiting|ongoing)|are being "
                             r"(?:enrol+ed|recruited)|enrol+ment (?:began|is ongoing|started)|"
                             r"trial in progress|ongoing)\b", re.IGNORECASE)
_FUTURE = re_compile(
    r"\b(?:plan(?:s|ned|ning)? to|planning (?:a|an|the)|stay tuned|next steps?|"
    r"will (?:launch|begin|start|enrol+|file|submit|"
    r"seek|apply|test|study|investigate|conduct|follow|expand|explore|evaluate|open|"
    r"initiate|pursue|continue to follow|be (?:tested|studied|evaluated|followed))|"
    r"intends? to|intention to|is planning|are planning|(?:larger|phase (?:3|III|2|II)|"
    r"confirmatory|follow-up|pivotal|registrational|head-to-head) (?:trials?|stud(?:y|ies))"
    r" (?:is|are|will|to|would|could|planned|under way|underway|now)|future (?:studies|"
    r"research|trials|work)|regulatory (?:submissions?|filings?|approval)|seek (?:FDA|"
    r"regulatory|marketing) approval|file for (?:approval|a license)|hopes? to|aims? to|"
    r"are now (?:recruiting|enrolling)|is now (?:recruiting|enrolling)|expected to "
    r"(?:begin|start|read out|report))\b", re.IGNORECASE)
_IMPLICATION = re_compile(
    r"\b(?:could|may|might|would|will) (?:well )?(?:change|transform|become|help|encourage|"
    r"widen|broaden|expand (?:access|use)|"
    r"lead to|mean|pave|spare|reshape|replace|improve care|benefit|open (?:the door|up)|"
    r"(?:give|provide|offer) (?:patients|people|hope|new|an? (?:new |needed |much-needed )?"
    r"(?:option|alternative|treatment|therapy)|relief|doctors|clinicians|physicians))\b|"
    r"\bimplications?\b|\bpractice[- ]changing\b|\bgame[- ]?changer\b|\bnew (?:standard|"
    r"option|hope|era|treatment option|avenue)\b|\b(?:clinicians|doctors|physicians|"
    r"rheumatologists|oncologists|patients) should\b|\bpaves? the way\b|\bbreakthrough\b|"
    r"\bimportant step\b|\bexciting\b|\bencouraging\b|\b(?:real|great|"
    r"much|new|genuine|considerable) promise\b|\bsignificant advance\b|\bremains "
    r"to be seen\b|\bmore research is needed\b|\blarger (?:studies|trials) (?:are|will be) "
    r"needed\b|\bneeds? to be confirmed\b|\blimitations?\b|\bcaveats?\b|\bin (?:clinical )?"
    r"practice\b|\bfor patients, this\b|\bthe take-?home\b|\bwhat this means\b|\bthe "
    r"(?:findings|results) (?:suggest|mean|matter|are important|are significant)\b|"
    r"\bshould (?:be considered|reassure|encourage)\b|\breassur\w+\b|\bgood news\b|"
    r"\b(?:huge|impressive|remarkable|disappointing|underwhelming|surprising|surprised|"
    r"stunning|amazing|incredible|wow|big deal|landmark|game-changing|worrying|concerning)\b|"
    # a claim of primacy over the field: "the first and only immunotherapy to show …"
    r"\bfirst[- ]and[- ]only\b|\bfirst[- ]ever\b|\bfirst[- ]in[- ]class\b|\bbest[- ]in[- ]class\b",
    re.IGNORECASE)
# Advice to readers ("Check levels each trimester!", "Ask your doctor …").
_ADVICE = re_compile(r"^\W{0,3}(?:\d+/\d*\s*)?(?:check|ask|talk to|consider|get|don['’]t|"
                     r"do not|remember|make sure|start|stop|switch|screen|test)\b(?!\s+(?:"
                     r"back|out|in|here|our|this|the (?:website|site|page|program|agenda)|"
                     r"for (?:more|updates|news)|started))[^.?]{3,}[.!]",
                     re.IGNORECASE)
# The meeting described, not a study: its size, crowds, halls, city ("draws more than 30,000
# oncology professionals", "The poster hall was a huge vaulted room").
_MEETING_FACT = re_compile(
    r"\b(?:meeting|congress|conference|convergence|convention|sessions|poster hall|exhibit "
    r"hall|the hall|venue)\b[^.]{0,80}\b(?:draws?|drew|drawing|attracts?|attracted|attracting|"
    r"brings? together|brought together|bringing together|gathers?|gathered|gathering|hosts?|"
    r"hosted|hosting|welcomes?|welcomed|welcoming|is (?:one of )?the "
    r"(?:world's )?(?:largest|biggest|premier|leading)|was (?:a|an) (?:huge|vast|large|"
    r"busy)|is (?:one of )?[A-Z][\w\-]*['’]s (?:largest|biggest|premier|leading|main|foremost|"
    r"principal)|took place|takes place|is held|was held|runs? (?:from|through|until)|is under "
    r"way|gets? under way|got under way|kicks? off|kicked off|opens|opened|began|begins)\b|"
    # What the meeting offers, said of the meeting itself: "The meeting offers over 200 sessions".
    r"\b(?:meeting|congress|conference|convergence|programme|program)\s+(?:also\s+|this year\s+)?"
    r"(?:offers|features|showcases|spans|includes)\b|"
    # (in the future tense only of the meeting itself: a study's programme "will include" its
    # plans)
    r"\b(?:meeting|congress|conference|convergence)\s+(?:also\s+|this year\s+)?will (?:also )?"
    r"(?:offer|feature|showcase|span|include)\b|"
    r"\b\d[\d,]*\+?\s+(?:[a-z]+\s+)?(?:attendees|delegates|professionals|"
    r"visitors|countries)\b|"
    # The meeting's own counts of abstracts: "Over 2,500 abstracts were accepted for on-site
    # presentation", "7,000 abstract presentations" (hundreds at least: a review's "12
    # abstracts" is its data).
    r"\b\d{1,3}(?:,\d{3})+\+?\s+abstracts?\s+(?:were|are|have been|will be)\s+(?:accepted|"
    r"submitted|selected|presented|scheduled|posted|published)\b|\b\d{1,3}(?:,\d{3})+\+?\s+"
    r"(?:abstract|poster|oral) presentations\b|"
    # The meeting's own sessions and honours: "The opening session also heard talks from",
    # "honored with the 2024 David Karnofsky Memorial Award".
    r"\b(?:opening|closing|plenary|presidential|keynote|award) (?:session|address|ceremony|"
    r"lecture)s?\b[^.]{0,80}\b(?:heard|featured|included|opened|began|honou?red|"
    r"celebrated)\b|\b(?:honou?red with|recipient of|received|receives|presented with) (?:the "
    r")?(?:(?:19|20)\d\d )?(?:[A-Z][\w.’'\-]* ){0,5}(?:Award|Lecture(?:ship)?|Medal|Prize)\b",
    re.IGNORECASE)
_PATIENT_STORY = re_compile(
    r"\b\d{1,3}-year-old\b|\bwas diagnosed\b|\bwhen (?:she|he|I) (?:was|were) diagnosed\b|"
    r"\b(?:her|his|my) (?:diagnosis|symptoms|life|family|husband|wife|daughter|son|children|"
    r"doctor|rheumatologist|oncologist|treatment)\b|\bpatient advocate\b|\bI (?:was|have "
    r"been|had been) diagnosed\b|\bI (?:joined|enrolled in) the (?:trial|study)\b|"
    r"\bliving with\b.{0,40}"
    r"\b(?:for|since) (?:\d+|[a-z]+) years\b", re.IGNORECASE)
#: A treatment's schedule ("received 4 cycles in 8 weeks", "every 2 weeks", "4-6 weeks
#: before surgery"): durations and doses there describe the design, not a result.
_REGIMEN = re_compile(
    r"\b(?:cycles?|courses?|infusions?|fractions)\b|\bevery \d+ (?:days?|weeks?|months?)\b|"
    r"\b(?:days?|weeks?|months?) (?:before|after|prior to|following) (?:the )?(?:surgery|"
    r"resection|transplant\w*|randomi[sz]ation|enrol\w*)\b|\bq\d+w\b", re.IGNORECASE)
_BACKGROUND = Presence(
    r"\b(?:new )?(?:cases|deaths|diagnoses)\b[^.]{0,40}\b(?:worldwide|globally|each year|"
    r"annually|a year|per year|in the (?:US|U\.S\.|United States|world))(?!\w)|\bnew cases\b|"
    # The disease's burden as an organisation counts or projects it: "the American Cancer
    # Society expects about 234,580 new lung cancer diagnoses".
    r"\bnew (?:[\w\-]+ ){1,3}diagnoses\b|\b(?:Society|Association|Foundation|"
    r"Institute|Agency|Registry|CDC|WHO|NCI|IARC)\s+(?:expects|estimates|projects|predicts|"
    r"forecasts|reports that)\b|"
    # A subtype's share of its disease: "accounts for roughly 13-15% of all lung cancers".
    # (or makes it up: "it makes up about 13% of all new cancers"), and a subtype's share
    # told in the present ("About 85% of lung cancers are non-small cell")
    r"\b(?:accounts? for|makes? up) (?:about |roughly |nearly |some |approximately |up to |"
    r"over |more than |around )?\d[\d.]*(?:\s*[-–]\s*\d[\d.]*)?\s*(?:%|percent) of all "
    r"(?:[\w\-]+ ){0,3}(?:cancers|tumou?rs|malignancies|cases|diagnoses|deaths)\b|"
    # (what they are, not what befalls them: "85% of cancers are caught early" is a result)
    r"\b\d[\d.]*\s*(?:%|percent) of (?:all )?(?:[\w\-]+ ){0,3}(?:cancers|tumou?rs|"
    r"malignancies) (?:are|is)\b(?!\s+(?:now\s+|still\s+|then\s+)?(?:\w+ed|caught|found|seen|"
    r"shown|known|driven|made)\b)|"
    r"\b(?:affects?|affecting) (?:about |an estimated |more than |nearly |some |roughly |"
    r"up to |over |approximately )?(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"millions?|a million|an estimated|people|adults|children|women|men|americans|"
    r"patients|\w+ (?:in|out of) )|\b(?:is|are) (?:a|an|the) (?:chronic|rare|common|"
    r"progressive|leading|autoimmune|inflammatory|serious|lifelong|debilitating|"
    r"life-threatening|complex|genetic|degenerative)\b|"
    r"\bis the (?:(?:second|third|fourth|fifth|sixth)[- ])?most common\b|"
    # How common the disease is among diseases: "ranks fifth among the most common cancers".
    r"\branks? (?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"\d{1,2}(?:st|nd|rd|th)) (?:among|of) (?:the )?(?:most common|leading|deadliest)\b|"
    r"\b(?:worldwide|"
    # (not a study's own part there: "in the U.S. cohort, patients ...")
    r"globally|in the United States|in the U\.S\.|in Europe|nationwide)(?!\w)(?!\s+(?:cohort|"
    r"subgroup|sub-?population|arm|sites?|cent(?:er|re)s?|participants|part of)\b)[^.]{0,60}"
    r"\b(?:people|adults|patients|cases|deaths|americans|live with|have|suffer)\b|"
    r"\b(?:cases|deaths|people|infections|diagnoses|admissions|hospitali[sz]ations|Americans|"
    r"adults|children|women|men)\b[^.]{0,60}\b(?:each|every|per|a) year\b|\bestimated\b|"
    r"\bprevalence\b|"
    # the disease's outlook counted from diagnosis, not a study's arm: "five years after
    # diagnosis only 15-30% of patients are still alive"
    r"\b(?:\d{1,2}|two|three|five|ten)\s+years after (?:their |a |the )?diagnosis\b[^.]{0,60}"
    r"\b(?:alive|survive|surviving|living)\b|\b(?:alive|survive|surviving|living)\b[^.]{0,40}"
    r"\b(?:\d{1,2}|two|three|five|ten)\s+years after (?:their |a |the )?diagnosis\b|"
    r"\bincidence of\b|\baccording to (?:the )?(?:CDC|WHO|NIH|Centers|World Health|National|"
    r"American \w+ (?:Society|Association|Foundation))|\bthere (?:is|are) (?:no|currently "
    r"no|few|limited) (?:cure|approved|treatments?|therap)|\bcurrently approved\b|"
    r"\bcharacteri[sz]ed by\b|\bcauses? (?:pain|swelling|inflammation|damage)\b|"
    r"\b(?:shares? (?:price|rose|fell|jumped|climbed|dropped|slipped|gained|were up|were "
    r"down|up|down|of (?:[A-Z]|the company))|stock (?:price|rose|fell|market)|revenue|market "
    r"cap\w*|(?:net |peak )?sales|earnings|investors?)\b|"
    r"\bis (?:an? )?(?:investigational|experimental|approved|oral|injectable|monoclonal|"
    r"small[- ]molecule) (?:\w+ ){0,3}(?:drug|medicine|antibody|therapy|treatment|"
    r"inhibitor|agent|molecule)\b|\bhas not been approved\b|\bis not approved\b|\bis approved "
    r"(?:in|for|by)\b|\bis (?:being|also being) (?:studied|developed|evaluated)\b|\bis "
    r"marketed\b|\bholds? (?:the )?(?:rights|license)|\bwas founded\b|\bheadquartered\b|"
    r"\bemploys?\b|\bmission is\b|\bnon-?profit\b|\bfor more information\b|\bvisit (?:www|"
    r"https?://)|\bfollow us\b|\bcopyright\b|©|\ball rights reserved\b|\bnot (?:intended "
    r"as|a substitute for) (?:medical )?advice\b|\bdisclaimer\b|\bconflicts? of interest\b|"
    r"\breceived (?:grants?|fees|funding|consulting|speaker)\b|\bwas (?:funded|supported|"
    r"sponsored) by\b|\bdisclos(?:ed|ure)\b", re.IGNORECASE)
_END_ZONE = re_compile(
    # A heading that opens the organisation's boilerplate, or the end mark of a release.
    r"^\W{0,4}(?:#{1,6}\s*)?(?:(?i:about)\s+(?:the\s+)?[A-Z][\w&.,'’()\-]*"
    r"(?:\s+[\w&.,'’()\-]+){0,7}\s*:?|"
    r"(?i:forward[- ]looking statements?|safe harbou?r(?: statement)?|cautionary (?:note|"
    r"statement)s?(?: regarding [\w\- ]+)?|disclosures?|funding|references|bibliography|"
    r"notes? to editors?|editor['’]?s notes?|important safety information|indications? and "
    r"usage|acknowledg(?:e)?ments?|conflicts? of interest|competing interests|"
    r"disclaimer)\s*:?|SOURCE\b.*|(?i:source)\s*:.*|###|-\s?30\s?-|– ?30 ?–)\W{0,4}$")
_SOURCE_NOTE = re_compile(r"^\W{0,4}(?:#{1,6}\s*)?[Ss]ource\s*:\s*\S")
_CONTACT = re_compile(r"^\W{0,4}(?:media|press|news|communications?|investor|public)?\s*"
                      r"(?:contacts?|inquiries|enquiries|relations|office)\b\s*:?", re.IGNORECASE)
_CONTACT_DETAIL = re_compile(r"\S+@\S+\.\w+|\+?\(?\d{3}\)?[\s.\-]\d{3}[\s.\-]\d{4}|"
                             r"\b(?:tel|phone|mobile|cell|email|e-mail)\b", re.IGNORECASE)
_ABOUT_PARA = re_compile(r"^\W{0,4}(?i:about)\s+(?:the\s+)?[A-Z][\w&.'’\- ]{1,60}(?:[:\-–—]\s|"
                         r"\s+(?:is|was|are)\s)")
_WHEN = re_compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)(?:day)?\b|\b(?:today|tomorrow|"
                   r"this (?:morning|afternoon|week)|tonight)\b|\b\d{1,2}(?::\d{2})?\s*"
                   r"(?:[ap]\.?m\.?)|\b\d{1,2}:\d{2}\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
                   r"Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b|\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
                   r"Sep|Oct|Nov|Dec)[a-z]*\b", re.IGNORECASE)
#: The labelled fields of a programme listing: "Session Title:", "Location:", "Date/Time:".
_SLOT_FIELD_NAMES = (r"(?:session(?: title| type| name| number)?|location|room|"
                     r"abstract (?:number|no\.?)|poster (?:number|board|no\.?)|board|"
                     r"date(?: ?/ ?time)?|time|presenter|presenting author|track|category|"
                     # "Abstract: LBA-6", "Senior author: …" in a release's list of its talks
                     r"abstract(?=\s*:\s*#?\s*[A-Z]{0,4}-?\d)|(?:senior|lead|first|"
                     r"corresponding|co-?)\s*authors?)")
_SLOT_FIELDS = re_compile(r"\b" + _SLOT_FIELD_NAMES + r"\s*:", re.IGNORECASE)
# One field of a programme listing heading its own line ("Session Category: …",
# "Poster Board Number: 14"); read with ``match``.
_SLOT_FIELD_LINE = re_compile(r"\s*(?:[A-Za-z]+\s+){0,2}" + _SLOT_FIELD_NAMES
                              + r"(?: number)?\s*:", re.IGNORECASE)
_SLOT_STRICT = re_compile(
    r"\b(?:present(?:ed|s|ing|ation|ations)?|poster|e-?poster|oral (?:session|presentation|"
    r"abstract)|podium|plenary|symposium|session|talk|lecture|late[- ]break(?:er|ing)s?|"
    r"accepted|selected|abstracts?|titled|entitled|co-?authors?|lead author|first author|"
    r"senior author|hall|room|booth)\b", re.IGNORECASE)
# Lines that head boilerplate ("About X", "Media contact") are blocks of their own even when
# the paragraph under them follows without a blank line.
_HEAD_LINE = re_compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?(?:(?i:about)[ \t]+(?:the[ \t]+)?[A-Z][\w&.,'’()\-]*"
    r"(?:[ \t]+[\w&.,'’()\-]+){0,7}|(?i:(?:media|press|news|investor)[ \t]+(?:contacts?|"
    r"relations|inquiries)|contacts?|forward[- ]looking statements?|disclosures?|"
    r"references|notes? to editors?))[ \t]*:?[ \t]*$", re.MULTILINE)
_STUDY_WORD = re_compile(r"\b(?:data|results?|findings?|trial|study|drug|treatment|therapy)\b",
                         re.IGNORECASE)
_HEADLINE_VERB = re_compile(r"\b(?:shows?|finds?|found|suggests?|reveals?|do(?:es)? well|"
                            r"fare(?:s|d)? well|works?|pays? off)\b", re.IGNORECASE)
_TITLE_CUE = re_compile(r"\b(?:titled|entitled|title|called|named)\b", re.IGNORECASE)
_TWO_LETTERS = re_compile(r"[A-Za-z]{2}")
_MEETING_WORD = re_compile(r"\b(?:convergence|congress|annual meeting|meeting|conference|"
                           r"sessions|symposium|kidney week|liver meeting)\b", re.IGNORECASE)


# What a sentence holds whatever the abstract is, remembered per text (embargo.content.memo).
_MEMO_MAX = 8192
_FOUND: dict[tuple[int, str], re.Match[str] | None] = {}
_WORDS: dict[str, frozenset[str]] = {}
_MATERIAL: dict[str, MaterialHit | None] = {}
_ATTRIBUTED: dict[str, bool] = {}
_FOLDED: dict[str, str] = {}


def _found(rx: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``rx.search(text)``, remembered; for this module's own patterns only (they live as long
    as the process, so their ids name them)."""
    return remember(_FOUND, (id(rx), text), lambda: _search(rx, text), 8 * _MEMO_MAX)


def _search(rx: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``rx.search(text)``; None unsearched when the folded text shows it cannot match (most
    of the patterns asked about each sentence name words most sentences lack)."""
    return search_folded(rx, text, _folded(text))


_BACKGROUND_SEEN: dict[str, bool] = {}


def _background(text: str) -> bool:
    """Whether the sentence reads as background (the disease, the company, the fine print),
    remembered; searched branch by branch (``embargo.patterns.Presence``)."""
    return remember(_BACKGROUND_SEEN, text, lambda: _BACKGROUND.found(text, _folded(text)),
                    _MEMO_MAX)


def _words(text: str) -> frozenset[str]:
    return remember(_WORDS, text, lambda: frozenset(
        w for w in _WORD.findall(text.lower()) if w not in _STOP), _MEMO_MAX)


def _material(text: str) -> MaterialHit | None:
    """``detect_material(text)``, remembered."""
    return remember(_MATERIAL, text, lambda: detect_material(text), _MEMO_MAX)


def _folded(text: str) -> str:
    """``text`` as IGNORECASE compares it with ASCII: every character that matches an ASCII
    letter case-insensitively is that letter in lower case."""
    return remember(_FOLDED, text, lambda: fold_for_ignorecase(text), _MEMO_MAX)


@dataclass(frozen=True)
class _Profile:
    """What identifies one abstract in prose."""

    abstract: Abstract
    body_words: frozenset[str]
    title_words: frozenset[str]
    key_title_words: frozenset[str]  # distinctive title words
    # Trial names, drug names, author surnames, number: (pattern, flags), compiled when first
    # searched (most never are: their literal is not in the text).
    anchors: tuple[tuple[str, int], ...]
    title_numbers: tuple[Num, ...]
    # For each anchor, literals one of which any match of it holds, and whether they are
    # compared case-insensitively (against _folded text); None: always search.
    needles: tuple[tuple[tuple[str, ...], bool] | None, ...] = ()
    known_words: frozenset[str] = frozenset()  # body_words | title_words
    # Anchor hits already found, per text (bounded): a sentence is asked about each
    # abstract's anchors several times.
    hits: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False,
                                             repr=False)
    @functools.cached_property
    def met(self) -> bool | None:
        """Whether the abstract reports its primary endpoint met (True) or missed (False);
        read when a sentence first claims either."""
        body = self.abstract.body or ""
        return _primary_met(body, f"{self.abstract.title}. {body}")

    @functools.cached_property
    def conclusion_words(self) -> frozenset[str]:
        """The words of the abstract's conclusion ("Conclusion(s): …"); none without one."""
        body = self.abstract.body or ""
        m = _CONCLUSION_LABEL.search(body)
        return _words(body[m.end():]) if m else frozenset()

    @functools.cached_property
    def plans(self) -> bool:
        """Whether the abstract itself describes plans (a trial in progress)."""
        body = self.abstract.body or ""
        return bool(_ABSTRACT_PLANS.search(f"{self.abstract.title}. {body}"))

    # The abstract's numbers read so far (see ``holds``).
    reading: _NumberReading = field(default_factory=lambda: _NumberReading(), compare=False,
                                    repr=False)

    @functools.cached_property
    def numbers(self) -> tuple[Num, ...]:
        """The abstract's data numbers: those of its text, the differences and ratios its
        sentences imply, and the shares its allocation and counts give (in that order).
        Read when first asked for, then kept."""
        return self.reading.all(self.abstract)

    def holds(self, n: Num) -> bool:
        """``matches(n, list(self.numbers))``, reading the abstract's numbers only as far
        as it takes: a number is held when any one of them matches it, so the numbers are
        read a sentence at a time (with the differences and ratios that sentence implies)
        until one does; only a number the abstract does not hold needs them all.  Most
        items about an abstract restate numbers of its first sentences."""
        return self.reading.holds(n, self.abstract)

    def anchor_hits(self, text: str) -> list[str]:
        found: tuple[str, ...] = remember(self.hits, text,
                                          lambda: tuple(self._anchor_hits(text)), _MEMO_MAX)
        return list(found)

    def _anchor_hits(self, text: str) -> list[str]:
        out = []
        folded = None
        for i, (source, flags) in enumerate(self.anchors):
            needle = self.needles[i] if i < len(self.needles) else None
            if needle is not None:
                literals, ignore_case = needle
                if ignore_case:
                    if folded is None:
                        folded = _folded(text)
                    if not any(lit in folded for lit in literals):
                        continue
                elif not any(lit in text for lit in literals):
                    continue
            m = _anchor(source, flags).search(text)
            if m:
                out.append(m.group(0))
        return out


_I = int(re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def _anchor(source: str, flags: int) -> re.Pattern[str]:
    return re.compile(source, flags)


_PROFILES: dict[tuple[Any, ...], _Profile] = {}
_PROFILES_MAX = 2048


def _profile(a: Abstract) -> _Profile:
    """The abstract's profile, computed once per abstract content (a daemon judges many items
    against the same few abstracts); the cache is bounded and keyed by what the profile reads."""
    key = (a.id, a.title, a.body, a.authors, a.trial_ids, a.extra.get("partial") is True)
    hit = _PROFILES.get(key)
    if hit is None:
        if len(_PROFILES) >= _PROFILES_MAX:
            _PROFILES.clear()
        hit = _PROFILES[key] = _make_profile(a)
    return hit


def _make_profile(a: Abstract) -> _Profile:
    body = a.body or ""
    full = f"{a.title}. {body}"
    title_words = _words(a.title)
    key_title = {w for w in title_words if w not in _GENERIC_TITLE and len(w) >= 5}
    anchors: list[tuple[str, int]] = []
    needles: list[tuple[tuple[str, ...], bool] | None] = []

    def needle(literals: tuple[str, ...], ignore_case: bool
               ) -> tuple[tuple[str, ...], bool] | None:
        # ASCII literals only: beyond ASCII, IGNORECASE knows more equivalences than lower().
        if not all(lit.isascii() for lit in literals):
            return None
        return (tuple(lit.lower() for lit in literals) if ignore_case else literals,
                ignore_case)

    acr = {m.group(0) for m in _ACRONYM.finditer(full)}
    for token in sorted(acr):
        base = token.replace("‑", "-")
        if base.upper() in _COMMON_ACRONYMS or len(base) < 4:
            continue
        if not ("-" in base or any(c.isdigit() for c in base) or len(base) >= 5):
            continue
        anchors.append((rf"(?<![\w-]){re.escape(base)}(?![\w])", _I))
        needles.append(needle((base,), True))
    for m in sorted({m.group(0) for m in _DRUG.finditer(full.lower())}):
        anchors.append((rf"\b{re.escape(m)}\b", _I))
        needles.append(needle((m,), True))
    for name in a.authors:
        parts = [p for p in re.split(r"[\s,]+", name) if p]
        if parts:
            surname = parts[-1].strip(".")
            if len(surname) >= 3 and surname.lower() not in _STOP:
                anchors.append((rf"\b{re.escape(surname)}\b", 0))
                needles.append(needle((surname,), False))
    anchors.append((rf"(?:abstract|poster|presentation|#|no\.?|LBA)\s*(?:no\.?|"
                    rf"number|#)?\s*{re.escape(a.number)}\b|\b{re.escape(a.id)}\b", _I))
    needles.append(needle((a.number, a.id), True))
    for tid in a.trial_ids:
        anchors.append((rf"\b{re.escape(tid)}\b", _I))
        needles.append(needle((tid,), True))
    return _Profile(
        abstract=a, body_words=frozenset(_words(full)), title_words=frozenset(title_words),
        key_title_words=frozenset(key_title), anchors=tuple(anchors),
        title_numbers=tuple(extract(a.title, reference=True)),
        needles=tuple(needles),
        known_words=frozenset(_words(full)) | frozenset(title_words),
    )


class _NumberReading:
    """An abstract's data numbers, read a piece at a time: the title's, then each body
    sentence's with the differences and ratios it implies, then those of its whole text
    (``_text_shares``).  Numbers are read sentence by sentence: no number, qualifier or
    blanked span runs across a sentence's end, so the numbers of the whole text are those of
    its title followed by those of its body's sentences."""

    def __init__(self) -> None:
        self.read: list[Num] = []  # every number read so far, in no particular order
        self.title: list[Num] = []
        self.groups: list[list[Num]] = []
        self.derived: list[Num] = []
        self.shares: list[Num] = []
        self.sentences: tuple[str, ...] | None = None  # the body's, once the title is read
        self.done = False

    def _more(self, a: Abstract) -> list[Num] | None:
        """The next piece of numbers (read into ``read``); None when all are read."""
        if self.done:
            return None
        if self.sentences is None:
            self.sentences = _body_sentences(a.body or "")
            piece = self.title = extract(a.title, reference=True)
        elif len(self.groups) < len(self.sentences):
            group = extract(self.sentences[len(self.groups)], reference=True)
            self.groups.append(group)
            implied = derived([group])
            self.derived += implied
            piece = group + implied
        else:
            piece = self.shares = _text_shares(a)
            self.done = True
        self.read += piece
        return piece

    def holds(self, n: Num, a: Abstract) -> bool:
        if matches(n, self.read):
            return True
        while (piece := self._more(a)) is not None:
            if matches(n, piece):
                return True
        return False

    def all(self, a: Abstract) -> tuple[Num, ...]:
        """Every number: the title's, the sentences', the differences and ratios they imply
        (``derived`` reads each group on its own), then the whole text's."""
        while self._more(a) is not None:
            pass
        nums = self.title + [n for g in self.groups for n in g]
        return tuple(nums + self.derived + self.shares)


def _text_shares(a: Abstract) -> list[Num]:
    """The numbers the abstract's whole text gives beyond its sentences' own: the shares its
    allocation and counts imply, and the thresholds its response criteria are named by."""
    full = f"{a.title}. {a.body or ''}"
    return allocation_shares(full) + count_shares(full) + criterion_thresholds(full)


@dataclass(frozen=True)
class _Sentence:
    text: str
    block: int
    zone: bool  # inside boilerplate (About…, contacts, disclaimers, references)
    quoted: bool  # overlaps a quotation of a few words or more
    heading: bool


_PICTURE = re_compile(r"^\W{0,3}\[(?:image|photo(?:graph)?|graphic|picture|illustration|"
                      r"logo|infographic|chart|figure)\s*(?:caption)?\s*:", re.IGNORECASE)


def _quote_spans(block: str) -> list[tuple[int, int]]:
    spans = []
    for m in _quotes(block):
        inner = m.group(1) or m.group(2) or ""
        if len(inner.split()) >= 4:
            spans.append(m.span())
    return spans


_SENTENCES: dict[str, tuple[_Sentence, ...]] = {}


def _sentences(text: str) -> list[_Sentence]:
    """The item's sentences with where they stand (split once per item text, however many
    abstracts it is judged against; the sentences are never changed)."""
    try:
        return list(_SENTENCES[text])
    except KeyError:
        if len(_SENTENCES) >= 256:
            _SENTENCES.clear()
        out = _SENTENCES[text] = tuple(_sentences_now(text))
        return list(out)


def boilerplate_sentences(text: str) -> list[tuple[str, bool]]:
    """Each sentence of ``text`` and whether it stands in boilerplate (About the
    organisation, contacts, funding, disclosures, references, legal notices)."""
    return [(s.text, s.zone) for s in _sentences(text)]


def _sentences_now(text: str) -> list[_Sentence]:
    out: list[_Sentence] = []
    zone = False
    in_contact = False
    open_quote = False
    for bi, block in enumerate(split_blocks(text)):
        heading = block.startswith("#")
        plain = block.lstrip("#>-*• ").strip()
        contact = bool(_CONTACT.match(plain))
        if contact:
            in_contact = True
        elif in_contact and (len(plain.split()) <= 8 or _CONTACT_DETAIL.search(plain)):
            contact = True  # the names, phones and addresses under a contact heading
        else:
            in_contact = False
        # "Source: an ASCO Daily News story (…)" names where the item comes from: a note of
        # its own, wherever it stands, not the head of the boilerplate that ends a release
        # (a relay opens with it, and its story follows).
        note = not contact and bool(_SOURCE_NOTE.match(plain))
        if note:
            pass
        elif _CONTENT_HEADING.match(plain):
            zone = False  # "About the Analysis", "Key Findings": the study itself follows
        elif not contact and (_END_ZONE.match(plain) or (_ABOUT_PARA.match(plain)
                                                           and len(plain) > 60)):
            zone = True
        elif zone and heading and not re.match(r"^(?:about|contact|media|source|forward|"
                                                r"disclos|funding|refer|note)", plain, re.I):
            zone = False  # a new section after the boilerplate
        # An image's description ("[Graphic: the logo with the text “…”]"): its quotation
        # marks enclose what the picture shows, not anyone's words.
        spans = [] if _found(_PICTURE, plain) else _quote_spans(block)
        # A quotation running on from the previous paragraph ("…without a closing mark).
        starts_quote = block.lstrip("> ").startswith(("“", '"'))
        continued = open_quote and starts_quote
        opens = block.count("“") > block.count("”") or (block.count('"') % 2 == 1)
        open_quote = opens or (open_quote and starts_quote and block.count("”") == 0)
        pos = 0
        for s in split_block(block):
            start = block.find(s, pos)
            end = start + len(s)
            pos = max(pos, end)
            quoted = continued or block.startswith(">") or any(
                a < end and b > start for a, b in spans)
            if opens and not spans and start >= block.rfind("“") >= 0:
                quoted = True
            out.append(_Sentence(s, bi, zone or contact or note, quoted, heading))
    return out


def data_numbers_in(nums: list[Num], p: _Profile) -> bool:
    return any(not matches(n, list(p.title_numbers)) for n in nums if not n.word)


_TITLE_SMALL = frozenset("a an and as at by for from in into of on or the to vs versus via with "
                         "without among after before during over under than".split())
_SPEAKER_WORDS = frozenset("i we our us you my me".split())


def _title_case_quote(s: str) -> bool:
    """Whether the quotations in ``s`` are written as titles are ("“Concerns and Behaviors
    of Patients with Common Autoimmune Rheumatic Diseases …”"): four words or more, every word
    but the small ones capitalised, nobody's first person: names of works, not anyone's
    words (one quotation that is not makes the sentence quote someone)."""
    spans = 0
    for m in _QUOTE_SPAN.finditer(s):
        inner = m.group(1) or m.group(2) or ""
        words = re.findall(r"[A-Za-z][\w'’\-]*", inner)
        big = [w for w in words if w.lower() not in _TITLE_SMALL]
        if len(big) < 4 or not all(w[0].isupper() for w in big) or any(
                w.lower() in _SPEAKER_WORDS for w in words):
            return False
        spans += 1
    return spans > 0


def _is_title_quote(s: str, p: _Profile) -> bool:
    for m in _quotes(s):
        inner = _words(m.group(1) or m.group(2) or "")
        if p.title_words and inner and len(inner & p.title_words) >= 0.6 * len(inner):
            return True
    return False


#: Where an abstract's conclusion begins.
_CONCLUSION_LABEL = re_compile(r"\bConclusions?\s*:\s*", re.IGNORECASE)
#: Who speaks for the study itself: "the study authors", "the trial's investigators".
_STUDY_SPEAKER = re_compile(r"\b(?:(?:study|trial)(?:['’]s)?\s+)?(?:authors|investigators|"
                            r"researchers)\b", re.IGNORECASE)


_CUTOFF_WORDS = re_compile(r"^data cut[- ]?off$", re.IGNORECASE)
_DAY_MONTH_YEAR = re_compile(
    r"\b(" + months.PATTERN + r")\.?\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b|"
    r"\b(\d{1,2})\s+(" + months.PATTERN + r")\.?,?\s+((?:19|20)\d\d)\b")


def _dates(text: str) -> set[tuple[str, int, str]]:
    """The days a text names ("January 15, 2024", "15 Jan 2024") as (month, day, year)."""
    out = set()
    for m in _DAY_MONTH_YEAR.finditer(text):
        month, day, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (
            m.group(5), m.group(4), m.group(6))
        out.add((month[:3].lower(), int(day), year))
    return out


def _own_cutoff(found: str, s: str, p: _Profile) -> bool:
    """Whether the data cut-off a sentence gives is the abstract's own: the abstract names a
    cut-off, and every day the sentence names is in the abstract ("data cutoff January 15,
    2024" where the abstract says "Data cut-off January 15, 2024")."""
    if not _CUTOFF_WORDS.match(found):
        return False
    body = p.abstract.body or ""
    if not re.search(r"cut[- ]?off", body, re.IGNORECASE):
        return False
    days = _dates(s)
    return bool(days) and days <= _dates(body)


def _restates_conclusion(s: str, p: _Profile) -> bool:
    """The study's own authors reported (not quoted) as saying what the abstract's conclusion
    says: "The study authors ... say the results make osimertinib the new standard of care
    in this setting", where the conclusion says it should become the standard of care.  What
    follows the last speech verb must be mostly the conclusion's words, with no number the
    abstract does not state."""
    if not p.conclusion_words or not _STUDY_SPEAKER.search(s):
        return False
    said = list(_SPEECH_RE.finditer(s))
    if not said:
        return False
    claim = s[said[-1].end():]
    words = _words(claim)
    if len(words) < 4 or any(not p.holds(n) for n in extract(claim)):
        return False
    return len(words & p.conclusion_words) >= 0.6 * len(words)


def _attributed(s: str) -> bool:
    """A person's commentary (said/says/believes/according to Dr X), or an organisation's
    reading of the results ("the company reads the results as showing"), not the
    abstract's."""
    return remember(_ATTRIBUTED, s, lambda: _attributed_now(s), _MEMO_MAX)


#: A share or a number of people answering ("72% of nephrologists say", "few respondents
#: reported", "most of the surveyed rheumatologists agreed"): a survey's results, not a person
#: commenting.
_SURVEY_ANSWER = re_compile(
    # (a share, not "some doctors say" or "many experts believe": an attribution to unnamed
    # people, which stays commentary)
    r"(?:\b\d+(?:\.\d+)?\s*%|\b(?:most|few|fewer|half|none|the majority|a minority|a third|"
    r"two thirds|a quarter)\b)\s+(?:of\s+(?:the\s+|these\s+|all\s+)?)?"
    r"(?:\w+\s+){0,2}?(?:respondents|participants|patients|people|members|physicians|doctors|"
    r"clinicians|nurses|\w+ologists|specialists|caregivers|adults|parents)\b(?:\s+\w+){0,3}?\s+"
    r"(?:said|say|says|reported|report|believed?|think|thought|agreed?|noted|stated|felt|feel)\b",
    re.IGNORECASE)


def _attributed_now(s: str) -> bool:
    if _search(_ACCORDING_PERSON, s) or _search(_ORG_OPINION, s):
        return True
    masked = _NON_PERSON_SUBJECT.sub(" ", s)
    if not cannot_match(_SURVEY_ANSWER, fold_for_ignorecase(masked)):
        masked = _SURVEY_ANSWER.sub(" ", masked)
    # (no word of speech in the sentence: nothing to look for; most sentences have none)
    if cannot_match(_SPEECH_RE, fold_for_ignorecase(masked)):
        return False
    for m in _SPEECH_RE.finditer(masked):
        before, after = masked[max(0, m.start() - 60):m.start()], masked[m.end():m.end() + 40]
        if _PRONOUN_BEFORE.search(before) or _PERSON_NEAR.search(before) or \
                _PERSON_NEAR.search(after):
            return True
        if _TITLED.search(masked):
            return True
    return False


def _title_overlap(words: AbstractSet[str], p: _Profile) -> float:
    if not p.title_words:
        return 0.0
    return len(words & p.title_words) / len(p.title_words)


def _shown(nums: Sequence[Num]) -> str:
    return ", ".join(dict.fromkeys(n.text for n in nums[:3]))


def _claim_unsupported(s: str, p: _Profile) -> str | None:
    """A claim of success (or failure) on the primary endpoint or of significance that the
    abstract does not make, or contradicts."""
    met = _found(_CLAIM_MET, s)
    if met and not _found(_CLAIM_FAILED, s) and p.met is False:
        return f"claims '{met.group(0)}', which the abstract does not report"
    failed = _found(_CLAIM_FAILED, s)
    if failed and p.met is True and re.search(r"\b(?:primary|main) (?:end ?point|outcome)", s,
                                              re.I):
        return f"says '{failed.group(0)}', which the abstract does not report"
    return None


def _classify(sent: _Sentence, p: _Profile, about: bool, others: Sequence[_Profile]
              ) -> TierEvidence | None:
    s = sent.text
    title_quoted = _is_title_quote(s, p)
    named = sent.quoted and not title_quoted and (bool(_found(_NAMED_TITLE, s))
                                                   or _title_case_quote(s))
    if title_quoted or named:
        # A quoted title names the abstract (or a talk, a paper): judge the rest.
        s_rest = _QUOTE_SPAN.sub(" ", s)
    else:
        s_rest = s
    if _found(_NO_CONTENT, s) or not _found(_TWO_LETTERS, s):
        return None  # a masthead, greeting, sign-off, subscription note or list marker
    # (A sentence describing the publisher or the meeting never comes here: analyse_tiers
    # passes over it, and over the "It …" sentence after it; see _describes_host.)
    if not about and not sent.zone:
        return None  # another study's sentence, or background: only boilerplate is read on
    material = _material(s) is not None
    words = _words(s_rest)
    body_shared = words & p.body_words
    # The sentence's numbers, and which of them the abstract holds: read when a rule first
    # asks (a quotation or a person's comment is judged without them).
    read: list[list[Num]] = []

    def all_nums() -> list[Num]:
        if not read:
            read.append(extract(s_rest))
        return read[0]

    def held() -> tuple[list[Num], list[Num]]:
        """The numbers the abstract holds, and those that can accuse the sentence of going
        beyond it that none of the item's abstracts holds."""
        if len(read) < 2:
            found = all_nums()
            # Numbers that can accuse a sentence of going beyond the abstract: written in
            # digits, or shares and magnitudes in words ("one in five", "tripled");
            # durations and counts in words ("a year", "two doses") can only support one.
            nums = [n for n in found if (not n.word or n.fraction or n.percent
                                         or n.unit == "x") and n.unit != "dose"]
            matched = [n for n in found if p.holds(n)]
            elsewhere = [n for n in found if n not in matched
                         and any(o.holds(n) for o in others)]
            read[1:] = [matched, [n for n in nums if n not in matched and n not in elsewhere]]
        return read[1], read[2]

    background = _background(s)
    anchors = p.anchor_hits(s)
    title_share = _title_overlap(words, p)
    opener = bool(_found(_OPENER, s)) and bool(_found(_MEETING_WORD, s) or _found(_SLOT, s))

    # (every field ends with its colon: a sentence without one is no listing)
    if ":" in s and (len(_SLOT_FIELDS.findall(s)) >= 2 or _SLOT_FIELD_LINE.match(s)) and not any(
            n.percent or n.fraction or n.decimals or n.unit == "x" for n in held()[1]) and not (
            sent.quoted and _attributed(s)):
        # A programme listing ("Session Title: … Location: Section 22 Abstract Number: 1749"),
        # or one field of it on a line of its own ("Session Category: … Therapeutics 2"): its
        # whole numbers are places and codes, not data (a share or a decimal still is).
        if about and (anchors or title_share >= 0.4):
            return TierEvidence(Tier.EXISTENCE, s, "lists the presentation's slot")
        return None
    if sent.zone:
        # Boilerplate: only an outright restatement of the abstract's numbers counts.
        if about and anchors and len(held()[0]) >= 2 and not background:
            return TierEvidence(Tier.ABSTRACT, s, "restates the abstract's numbers "
                                f"({_shown(held()[0])})")
        if anchors and _found(_SLOT, s) and not background:
            return TierEvidence(Tier.EXISTENCE, s, "names the abstract and its presentation")
        return None
    if not about:
        return None
    # Quotes and attributed commentary by people.
    if title_quoted and not data_numbers_in(all_nums(), p):
        return TierEvidence(Tier.EXISTENCE, s, "quotes the abstract's title")
    if sent.quoted and not title_quoted and not named:
        return TierEvidence(Tier.BEYOND, s, "a quotation: commentary beyond the abstract")
    if _attributed(s) and (len(words) >= 3 or _found(_SHORT_QUOTE, s)) and (
            not background or _found(_STUDY_WORD, s) or anchors):
        if not sent.quoted and _restates_conclusion(s_rest, p):
            return TierEvidence(Tier.ABSTRACT, s, "the authors' conclusion, as the abstract "
                                "draws it")
        return TierEvidence(Tier.BEYOND, s, "commentary attributed to a person")
    if _found(_PATIENT_STORY, s) and not background:
        return TierEvidence(Tier.BEYOND, s, "a patient's story, beyond the abstract")
    further = _found(_FURTHER, s)
    if further and not _own_cutoff(further.group(0), s, p):
        return TierEvidence(Tier.BEYOND, s, f"says it goes beyond the abstract "
                            f"('{further.group(0)}')")
    claim = _claim_unsupported(s_rest, p)
    if claim:
        return TierEvidence(Tier.BEYOND, s, claim)
    matched, unmatched = held()
    plan = _found(_FUTURE, s)
    if plan and _found(_SERVICE, s) and not anchors:
        plan = None  # the publisher's own webinars, modules, coverage: not the study's plans
    if plan and not background:
        plan_in_abstract = p.plans and not unmatched and (matched or len(
            body_shared - p.title_words) >= 3)
        if not plan_in_abstract:
            extra = f"; the abstract does not state {_shown(unmatched)}" if unmatched else ""
            return TierEvidence(Tier.BEYOND, s, f"future plans ('{plan.group(0)}'), beyond "
                                f"the abstract{extra}")
    if unmatched and _found(_REGIMEN, s_rest) and not _found(_RESULT, s_rest):
        unmatched = [n for n in unmatched if n.unit not in ("time", "dose") and not (
            n.unit == "" and not n.percent and re.search(
                rf"(?<![\w.]){re.escape(n.text)}\s+(?:\w+ly\s+)?(?:cycles?|courses?|"
                r"infusions?|injections?|doses?|fractions)\b", s_rest, re.I))]
    magnitudes = [n for n in unmatched if n.unit == "x" or n.fraction]
    # An abstract the catalogue holds only in part may state what its entry lacks.
    partial = p.abstract.extra.get("partial") is True
    lacks = "; the catalogue holds only part of this abstract, which may state them" \
        if partial else ""
    if magnitudes and not background and not opener:
        return TierEvidence(Tier.BEYOND, s, f"a magnitude the abstract does not give "
                            f"({_shown(magnitudes)}){lacks}", unsure=partial)
    if unmatched and not background and not sent.heading and not opener:
        return TierEvidence(Tier.BEYOND, s, f"numbers the abstract does not state "
                            f"({_shown(unmatched)}){lacks}", unsure=partial)
    service = bool(_found(_SERVICE, s)) and not anchors
    if _found(_ADVICE, s) and not background and not service:
        return TierEvidence(Tier.BEYOND, s, "advice drawn from the study, beyond the abstract")
    # Numbers that only repeat the title ("15-year", "52-week") name the abstract.
    data_matched = [n for n in matched if not matches(n, list(p.title_numbers))
                    and not (n.word and not (n.percent or n.fraction) and n.unit != "x"
                             and n.unit != "time" and n.value <= 12)]
    restates = bool(data_matched) or (len(body_shared - p.title_words) >= 3 and len(
        body_shared) >= 0.5 * max(1, len(words)))
    # An implication the abstract's own conclusion draws is still the abstract.
    if _found(_IMPLICATION, s_rest) and not background and not service and not (
            len(body_shared) >= 0.7 * max(1, len(words)) and len(words) >= 4):
        return TierEvidence(Tier.BEYOND, s, "implications or commentary beyond the abstract")
    if background and not anchors:
        return None
    if opener and not data_matched:
        return TierEvidence(Tier.EXISTENCE, s, "announces the presentation")
    if restates and (data_matched or _found(_RESULT, s) or len(body_shared) >= 4):
        if data_matched:
            return TierEvidence(Tier.ABSTRACT, s, "restates the abstract's numbers "
                                f"({_shown(data_matched)})")
        return TierEvidence(Tier.ABSTRACT, s, "restates the abstract's findings")
    if not material and (_found(_RESULT, s_rest) or _found(_CLAIM_MET, s_rest)) and (
            ((anchors or _found(_STUDY_REF, s_rest)) and len(body_shared - p.title_words) >= 1)
            or (title_share >= 0.25 and len(body_shared) >= 3)
            or (_found(_CLAIM_MET, s_rest) and p.met)):
        return TierEvidence(Tier.ABSTRACT, s, "states the study's findings")
    if sent.heading and not _found(_SLOT_STRICT, s) and not _found(_TITLE_CUE, s) and (
            _found(_RESULT, s) or _found(_HEADLINE_VERB, s)) and (
            anchors or title_share >= 0.2) and len(words) >= 3 and title_share < 0.8:
        return TierEvidence(Tier.ABSTRACT, s, "a headline stating the study's finding")
    if (anchors or title_share >= 0.5 or _found(_TITLE_CUE, s)) and (
            _found(_SLOT, s) or title_share >= 0.5 or _found(_MEETING_WORD, s)):
        return TierEvidence(Tier.EXISTENCE, s, "names the abstract, its authors or its slot")
    if title_share >= 0.4 and len(p.title_words) >= 3:
        return TierEvidence(Tier.EXISTENCE, s, "names the abstract's subject")
    if not others and _found(_SLOT_STRICT, s) and (_found(_MEETING_WORD, s) or _found(_WHEN, s)
                                                  or re.search(r"#\w*\d\d\b", s)):
        return TierEvidence(Tier.EXISTENCE, s, "names the presentation")
    return None


_STUDY_NAME = re_compile(r"\b([A-Z][A-Z0-9]{3,}(?:-[A-Z0-9]+)?)(?:\s+[A-Z0-9-]+)?\s+"
                         r"(?:clinical\s+)?(?:trial|study|program(?:me)?)\b|\b(?:trial|study)\s+(?:called\s+|"
                         r"named\s+)?([A-Z][A-Z0-9]{3,}(?:-[A-Z0-9]+)?)\b")


def _foreign_study(s: str, p: _Profile) -> bool:
    """Whether the sentence is about a study this abstract is not: it names a trial or a
    drug that the abstract never mentions ("an update to his FLAURA2 trial" in a round-up
    about another abstract)."""
    known = p.known_words
    names, drugs = _study_names(s)
    for name in names:
        if name not in known and name.replace("-", "") not in known:
            return True
    return any(drug not in known for drug in drugs)


_STUDY_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _study_names(s: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The trial names (lower case, common acronyms left out) and the drug names in ``s``,
    in order (remembered)."""
    return remember(_STUDY_NAMES, s, lambda: _study_names_now(s), _MEMO_MAX)


def _study_names_now(s: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    names = ((m.group(1) or m.group(2) or "").lower() for m in _STUDY_NAME.finditer(s))
    return (tuple(name for name in names if name and name.upper() not in _COMMON_ACRONYMS),
            tuple(m.group(0) for m in _DRUG.finditer(s.lower())))


def _about(sentences: list[_Sentence], p: _Profile, others: Sequence[_Profile]
           ) -> list[bool]:
    """Whether each sentence is about this abstract (focus carried across sentences)."""
    out: list[bool] = []
    focus_self = True
    for sent in sentences:
        s = sent.text
        mine = bool(p.anchor_hits(s))
        words = _words(s)
        if not mine and p.key_title_words and len(words & p.key_title_words) >= 2:
            mine = True
        theirs = any(o.anchor_hits(s) or (o.key_title_words and len(
            words & o.key_title_words) >= 2) for o in others) or (
            not mine and _foreign_study(s, p))
        if mine:
            focus_self = True
        elif theirs:
            focus_self = False
        elif sent.heading and others:
            focus_self = True  # a new section: undecided, count it (fail safe)
        if theirs and not mine:
            out.append(False)
            continue
        if mine:
            out.append(True)
            continue
        if not focus_self:
            out.append(False)
            continue
        # No anchor of either: about the study unless it reads as background; a person's
        # words in the study's focus count whatever they speak of (fail closed).
        if sent.quoted or _attributed(s):
            out.append(True)
            continue
        out.append(not (_background(s) and not _found(_STUDY_REF, s)))
    return out


#: A sentence that goes on about the subject of the one before: "It aims to …", "Its members …".
_CONTINUED = re_compile(r"^\W*(?:It|Its)\b")


def _describes_host(s: str, p: _Profile) -> bool:
    """Whether the sentence describes the publisher or the meeting, not a study: no content
    about the abstract."""
    return bool(_found(_ORGANISATION, s) or _found(_MEETING_FACT, s)) \
        and not p.anchor_hits(s) and not _found(_STUDY_REF, s)


#: Words in quotation marks, however few: '"It works," said Dr. Lind.' is her comment.
_SHORT_QUOTE = re_compile(r"[\"“][^\"”\n]*[A-Za-z]{2}[^\"”\n]*[\"”]")


def _opens_quote(s: str) -> bool:
    """Whether the sentence leaves a quotation open (an opening mark without its close)."""
    return s.count("\"") % 2 == 1 or s.count("“") > s.count("”")


def analyse_tiers(text: str, abstract: Abstract, *, links: Sequence[str] = (),
                  others: Sequence[Abstract] = ()) -> tuple[TierEvidence, ...]:
    """Sentence-level evidence of which tiers of ``abstract`` the text carries.

    ``others`` are the other abstracts the same item is about: a sentence that is clearly
    about one of them (its trial name, its numbers) is not counted for this one.  ``links``
    are the item's link targets; presentation material among them that the text does not
    show is reported too.
    """
    text = _HEAD_LINE.sub(lambda m: m.group(0) + "\n", text)
    p = _profile(abstract)
    other_profiles = [_profile(o) for o in others if o.id != abstract.id]
    sentences = _sentences(text)
    about = _about(sentences, p, other_profiles)
    # A round-up (several other studies named): a quotation or a person's comment counts for
    # this abstract only in a paragraph that names it; "Many studies by our researchers show
    # promise," said the dean, is about the programme, not this study.
    # Its opening, before it first names this abstract, introduces the meeting or the
    # round-up as a whole ("Key phase 3 trials are expected to bring significant updates").
    if sum(1 for sent in sentences if _foreign_study(sent.text, p)) >= 2:
        named = {sent.block for sent in sentences if p.anchor_hits(sent.text)}
        first = next((i for i, sent in enumerate(sentences) if p.anchor_hits(sent.text)
                      or (p.key_title_words
                          and len(_words(sent.text) & p.key_title_words) >= 2)), 0)
        about = [ab and i >= first
                 and (sent.block in named or not (sent.quoted or _attributed(sent.text)))
                 for i, (sent, ab) in enumerate(zip(sentences, about, strict=True))]
    out: list[TierEvidence] = []
    seen_material: set[str] = set()
    described = -1  # the block whose last sentence described the publisher or the meeting
    titled = -1  # the block where a named title's quotation ("theme is “…”") is still open
    for sent, ab in zip(sentences, about, strict=True):
        mat = _material(sent.text)
        if mat and (ab or not other_profiles):
            out.append(TierEvidence(Tier.MATERIAL, sent.text, mat.reason, mat.kind))
            seen_material.add(sent.text)
        if titled == sent.block and sent.quoted and len(sent.text.split()) <= 6 \
                and not any(ch.isdigit() for ch in sent.text) and not _attributed(sent.text) \
                and not _found(_RESULT, sent.text):
            # The rest of a title that full stops split ("“Equity: Every Patient. Every Day.
            # Everywhere.”"): the title still, not anyone's words (short pieces with no number,
            # result or speaker only; the first sentence past the quotation is judged as any
            # other).
            continue
        titled = -1
        if sent.quoted and _opens_quote(sent.text) and _found(_NAMED_TITLE, sent.text):
            titled = sent.block
        if _describes_host(sent.text, p):
            described = sent.block
            continue
        if described == sent.block and _found(_CONTINUED, sent.text) \
                and not p.anchor_hits(sent.text) and not _attributed(sent.text) \
                and not _found(_SHORT_QUOTE, sent.text):
            continue  # "It aims to be …" after a sentence about the meeting: the meeting again
        described = -1
        ev = _classify(sent, p, ab, other_profiles)
        if ev is not None:
            out.append(ev)
    # A text in a language the reader does not read: what it says of the study cannot be
    # checked, so it may carry anything up to content beyond the abstract (a person reads
    # it); its numbers and names above still count for what they show.
    language = unread_language(text)
    if language and sentences:
        lead = next((sent for sent, ab in zip(sentences, about, strict=True)
                     if ab and not sent.zone and not sent.heading),
                    max(sentences, key=lambda sent: len(sent.text)))
        out.append(TierEvidence(
            Tier.BEYOND, lead.text, f"written in {language}, which embargo does not read: "
            "what it says beyond the abstract's existence cannot be checked", unsure=True,
            check=f"the item is in {language}, which embargo does not read, so a person must "
            "read it against the abstract"))
    shown = " ".join(sent.text for sent in sentences)
    for url in links:
        if url in shown:
            continue
        mat = detect_material(url)
        if mat:
            out.append(TierEvidence(Tier.MATERIAL, url, mat.reason, mat.kind))
    return tuple(out)
