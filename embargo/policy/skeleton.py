"""``embargo policy new``: a commented skeleton to start a policy from."""

from __future__ import annotations

import re

from embargo.errors import InputError

_TEMPLATE = '''# {meeting_id}: embargo policy.  Fill it in from the organiser's published page;
# where the page is silent, write unknown = true: embargo answers `review`, never guesses.
# Language reference: docs/policies.md.   Check with:  embargo policy validate {meeting_id}.toml
#                                                       embargo policy test {meeting_id}.toml
schema = 1

[meeting]
id = "{meeting_id}"                     # must match the file name
name = "TODO: meeting name and year"
organiser = "TODO"
venue = "TODO: city"
zone = "TODO: venue zone, e.g. America/Chicago"   # "local time" and times without a zone
starts = 2025-01-01                    # first day (venue date)
ends = 2025-01-04                      # last day
aliases = ["TODO: how news items name the meeting"]
sources = ["https://TODO: the organiser's embargo page"]
# consequences = "what the organiser threatens (shown, not judged)"

[embargo]
starts = "acceptance"                  # or "submission"; before it nothing is embargoed
explanation = "TODO: when the embargo begins, in your words."

[events]
# Meeting-wide instants.  A catalogue abstract's own online_at, session and events override
# these.  Unknown dates: {{ unknown = true, not_after = "..." }}.
acceptance = {{ unknown = true }}
abstracts_online = "2025-01-01 10:00 ET"   # TODO

# Rules: the FIRST that matches an (abstract, tier, kind) governs.
# Selectors: tiers (existence/abstract/beyond/material), kinds (press-release/editorial/social/
# scholarly/other), tags (any of), not_tags, exception.  Actions: lift = <when> | allow = true |
# never = true | review = "what to check".
[[rules]]
id = "beyond"
tiers = ["beyond", "material"]
lift = "session_start"                 # an event, a time, or a table (see docs)
explanation = "TODO: anything beyond the abstract is embargoed until ..."

[[rules]]
id = "abstract"
tiers = ["existence", "abstract"]
lift = "abstracts_online"
explanation = "TODO: the abstract's content is free once ..."

# Worked examples: `embargo policy test` runs them.  Cover both sides of every lift.
[[examples]]
name = "TODO: abstract content one minute before it goes online"
kind = "press-release"
tiers = ["abstract"]
at = "2025-01-01 09:59 ET"
expect = "violation"
earliest_compliant = "2025-01-01 10:00 ET"
'''


def skeleton(meeting_id: str) -> str:
    if not re.match(r"^[a-z0-9][a-z0-9\-]*[a-z0-9]$", meeting_id):
        raise InputError(f"{meeting_id!r} is not a meeting id: use lower-case letters, digits "
                         "and '-', e.g. 'asco-2025'")
    return _TEMPLATE.format(meeting_id=meeting_id)
