"""The common date shapes are read without dateutil (its import costs ~15 ms of every
check): for every text of those shapes, and texts near them, the fast reading must be
dateutil's own, error for error."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from embargo.errors import InputError
from embargo.timeparse.parse import _normalise, _read_naive, _read_naive_dateutil

_MONTHS = ["Jan", "jan", "JAN", "January", "Feb", "February", "Mar", "March", "Apr", "April",
           "May", "Jun", "June", "Jul", "July", "Aug", "August", "Sep", "Sept", "September",
           "Oct", "October", "Nov", "november", "Dec", "December", "Octo", "Mayo", "Sunday"]


@st.composite
def _texts(draw: st.DrawFn) -> str:
    month = draw(st.sampled_from(_MONTHS)) + draw(st.sampled_from(["", "."]))
    day = str(draw(st.integers(0, 32))) + draw(st.sampled_from(["", "", "st", "th"]))
    year = str(draw(st.sampled_from([1999, 2000, 2023, 2024, 2099, 999, 20245])))
    comma = draw(st.sampled_from(["", ","]))
    date = (f"{month} {day}{comma} {year}" if draw(st.booleans())
            else f"{day} {month}{comma} {year}")
    hour = draw(st.integers(0, 25))
    time = draw(st.sampled_from([
        "", f"{hour}:{draw(st.integers(0, 61)):02d}", f"{hour} am", f"{hour} pm",
        f"{hour}:{draw(st.integers(0, 59)):02d} am", f"{hour}:{draw(st.integers(0, 59)):02d} PM",
        f"{hour}:{draw(st.integers(0, 59)):02d}:{draw(st.integers(0, 60)):02d}", f"{hour}",
        f"{hour}:{draw(st.integers(0, 59)):02d} a.m.", f"at {hour}:00",
    ]))
    sep = draw(st.sampled_from([" ", ", ", "  "]))
    prefix = draw(st.sampled_from(["", "Thursday, ", "on "]))
    return prefix + date + (sep + time if time else "")


def _read(fn, text: str):  # type: ignore[no-untyped-def]
    try:
        return fn(text, text)
    except InputError as e:
        return ("error", e.message)


@settings(max_examples=3000, deadline=None)
@given(_texts())
def test_common_shapes_read_as_dateutil_reads_them(text: str) -> None:
    norm = _normalise(text)
    assert _read(_read_naive, norm) == _read(_read_naive_dateutil, norm)


def test_a_common_date_needs_no_dateutil() -> None:
    code = ("import sys; from embargo.timeparse import parse_when; "
            "parse_when('Oct 28, 2023 6:59 AM PT'); "
            "print(any(m.startswith('dateutil') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"
