"""Errors with a place.

``InputError`` is bad input from a user (a file, a flag, a catalogue line): the CLI prints it as
one line ``path:line: key: message`` and exits 2.  Runtime faults that are not the user's input
(a full disk, a bug) stay ordinary exceptions.  Never re-parse a message string: carry the
place as fields.
"""

from __future__ import annotations

import re

from embargo.patterns import compile as re_compile

_UNPRINTABLE = re_compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` (a file name, mostly) on one line and encodable: a newline shows as ``\\n``,
    another control character as ``\\xNN``, a byte that was not UTF-8 (a surrogate escape
    from the command line) as ``\\xNN`` of that byte."""

    def one(m: re.Match[str]) -> str:
        c = m.group(0)
        code = ord(c)
        if c in _NAMED:
            return _NAMED[c]
        if 0xDC80 <= code <= 0xDCFF:
            return f"\\x{code - 0xDC00:02x}"
        if code >= 0xD800:
            return "\ufffd"
        return f"\\x{code:02x}"

    return _UNPRINTABLE.sub(one, text)


class EmbargoError(Exception):
    """Base class of the errors this package raises on purpose."""


class InputError(EmbargoError):
    """Bad user input. ``path``, ``line`` and ``key`` say where; ``message`` says what and how."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        key: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.key = key

    def located(self, *, path: str | None = None, line: int | None = None) -> InputError:
        """Return a copy that carries ``path``/``line`` when it had none."""
        return InputError(
            self.message,
            path=self.path or path,
            line=self.line if self.line is not None else line,
            key=self.key,
        )

    def __str__(self) -> str:
        place = ""
        if self.path:
            place = printable(self.path)
            if self.line is not None:
                place += f":{self.line}"
            place += ": "
        elif self.line is not None:
            place = f"line {self.line}: "
        key = f"{self.key}: " if self.key else ""
        one_line = " ".join(self.message.split())
        return f"{place}{key}{one_line}"


class DeliveryError(EmbargoError):
    """An alert could not be delivered through a channel; it stays in the outbox."""


class PolicyTestFailure(EmbargoError):
    """Raised internally when a worked example in a policy file does not hold."""
