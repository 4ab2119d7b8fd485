"""``embargo policy new``: a commented skeleton to start a policy from.

Keep it in step with the language (docs/policies.md); tests load it with its TODOs filled in.
"""

from __future__ import annotations

import re

from embargo.errors import InputError

_TEMPLATE = '''# {meeting_id}: embargo policy, written from the organiser's published page.
#
# Fill in every TODO.  Where the page is silent, write `unknown` (with bounds if the page gives
# any): embargo then answers `review`, never guesses.  Language reference: docs/policies.md.
# Check your work with:
#     embargo policy validate {meeting_id}.toml     errors and warnings, with line and key
#     embargo policy test {meeting_id}.toml         runs the [[examples]] below
#     embargo policy show {meeting_id} --policies .  every lift in venue time, ET and UTC
schema = 1

[meeting]
id = "{meeting_id}"                     # lower-case, must match the file name
name = "TODO: the meeting's name and year"
organiser = "TODO: the society"
venue = "TODO: city"
zone = "TODO: the venue's IANA zone, e.g. America/Chicago or Europe/Vienna"
starts = 2025-01-01                    # TODO first day (venue date): gives `meeting_start`
ends = 2025-01-04                      # TODO last day: gives `meeting_end` (end of that day)
aliases = ["TODO: names news items use for the meeting"]
sources = ["https://TODO: the organiser's embargo page"]
# consequences = "what the organiser threatens (shown with violations, never judged)"
# notes = ["anything a reader should know: interpretations, other editions' rules"]

[embargo]
# When the embargo begins: "submission", "acceptance" (an event below) or a time.
# Before it nothing is embargoed; an unknown start counts as already started.
starts = "acceptance"
explanation = "TODO: when the embargo begins, in your words."

[events]
# Meeting-wide times.  Times: "2025-01-01 10:00 ET", "Jan 1, 2025 10:00 AM CT",
# "2025-01-01 18:00 local time", a date alone "2025-01-01" (some time that day), or
# {{ at = "...", note = "..." }}.  Unknown: {{ unknown = true, not_before = "...",
# not_after = "...", note = "..." }}.  A catalogue abstract's own times win over these
# (online_at -> abstracts_online, session.start -> session_start, events.<name> -> <name>).
acceptance = {{ unknown = true, note = "TODO: when acceptance notices went out" }}
abstracts_online = "2025-01-01 10:00 ET"   # TODO
# titles_online = "..."
# poster_hall_open = "..."
# late_breaking_online = "..."        # any name of your own is fine

# Rules: for each abstract, content tier and kind of publisher, the FIRST matching rule governs.
#   Select with: tiers = existence | abstract | beyond | material   (beyond covers material too)
#                kinds = press-release | editorial | social | scholarly | other
#                tags = [...] (any of; the catalogue category counts as a tag),
#                all_tags = [...], not_tags = [...], exception = "securities-disclosure",
#                has_event = "briefing_start" / lacks_event = "briefing_start" (the abstract's
#                own events), materials = slides | images | recordings (kinds of material)
#   Then exactly one of:
#                lift = <when>    allow = true    never = true    review = "what to check"
#   <when>: a time, an event ("session_start", "session_start - 30m", "briefing_start?"),
#           "7:00 AM CT on session_start", {{ earliest = [...] }}, {{ latest = [...] }},
#           {{ first = [...] }}, {{ unknown = true, not_before = ..., not_after = ... }};
#           "own_lift" (an operand) is the abstract's own, organiser-set lift.
# Order: exemptions and approved exceptions first, then rules for labelled abstracts, then
# holds on `beyond`, then kind-specific rules, then the catch-all.

# [[rules]]
# id = "exempt"
# tags = ["trials-in-progress"]
# allow = true
# explanation = "TODO"

[[rules]]
id = "beyond"
tiers = ["beyond"]
lift = "session_start"                 # TODO
explanation = "TODO: anything beyond the abstract (new data, quotes, slides) is embargoed until ..."

[[rules]]
id = "abstract"
tiers = ["existence", "abstract"]
lift = "abstracts_online"              # TODO
explanation = "TODO: the abstract's title and content are embargoed until ..."

# [[requirements]]                     # what a release must say or do
# id = "abstract-number"
# kinds = ["press-release"]
# check = "abstract-number"            # meeting-name | abstract-number | embargo-time |
#                                      # pattern (with pattern = "regex") | manual
# explanation = "Releases must state the abstract number."

# [[overrides]]                        # the page moves one abstract's lift
# abstract = "LBA4"
# tiers = ["abstract", "beyond"]
# lift = "2025-01-02 08:00 ET"

# Worked examples: `embargo policy test` runs them.  Cover both sides of every lift (one second
# before, exactly at), every kind the page names, and the tricky case of this policy.
[[examples]]
name = "TODO: abstract content one second before it goes online"
kind = "press-release"
tiers = ["abstract"]
at = "2025-01-01 09:59:59 ET"
abstract = {{ number = "101", category = "oral" }}
expect = "violation"
earliest_compliant = "2025-01-01 10:00 ET"

[[examples]]
name = "TODO: the same content exactly when it goes online"
kind = "press-release"
tiers = ["abstract"]
at = "2025-01-01 10:00 ET"
abstract = {{ number = "101", category = "oral" }}
expect = "pass"

[[examples]]
name = "TODO: a quote one second before the session"
kind = "editorial"
tiers = ["abstract", "beyond"]
at = "2025-01-02 08:59:59 ET"
abstract = {{ number = "101", category = "oral", session = {{ start = "2025-01-02 09:00 ET" }} }}
expect = "violation"
earliest_compliant = "2025-01-02 09:00 ET"
'''


def skeleton(meeting_id: str) -> str:
    if not re.match(r"^[a-z0-9][a-z0-9\-]*[a-z0-9]$", meeting_id):
        raise InputError(f"{meeting_id!r} is not a meeting id: use lower-case letters, digits "
                         "and '-', e.g. 'asco-2025'")
    return _TEMPLATE.format(meeting_id=meeting_id)
