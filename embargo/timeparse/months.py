"""Month names as people write them, defined once for every reader of dates.

The time parser, the kind markers (datelines), the release-time reader, the linker's dateline
date and the number extractor (dates are not data) all read month names; they read them from
here, so a spelling added here is read everywhere.
"""

from __future__ import annotations

#: The three-letter abbreviations, in calendar order (also the prefix of every spelling).
ABBREVIATIONS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                 "dec")

#: Every spelling, lower case, and its month's number: "sep", "sept", "september" → 9.
NUMBER: dict[str, int] = {name: i + 1 for i, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december"))) for name in names}

#: A month as running text writes it, with its optional full stop: "Jan", "January", "Sept."
#: (capitalised; the patterns that use it add IGNORECASE where case does not matter).
PATTERN = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
           r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")

#: The same in lower case (for folded text) without "may", which is also a verb: a reader
#: that accepts it says in which context.
PATTERN_LOWER_NOT_MAY = PATTERN.lower().replace("may|", "")

#: The abbreviations as one alternation: "jan|feb|…|dec".
ABBREVIATION_ALTERNATION = "|".join(ABBREVIATIONS)
