"""Issue 11, item 6: file names with a newline, a control character or bytes that are not
UTF-8 give valid JSON, valid JUnit XML and a one-line text header per item (and a one-line
error).  The real CLI in a subprocess, so the names reach it as the bytes a shell passes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.conftest import ROOT

TEXT = b"The hospital car park reopens on Monday with forty more spaces.\n"


@pytest.fixture()
def odd_files(tmp_path: Path) -> list[bytes]:
    folder = os.fsencode(tmp_path)
    names = [b"line\nbreak.md", b"caf\xe9-latin1.md", b"bell\x07.md"]
    paths = []
    for n in names:
        p = folder + b"/" + n
        with open(p, "wb") as fh:
            fh.write(TEXT)
        paths.append(p)
    return paths


def _check(paths: list[bytes], catalog: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "EMBARGO_CONFIG"}
    env["LC_ALL"] = "C.UTF-8"
    return subprocess.run([sys.executable.encode(), b"-m", b"embargo", b"check", *paths,
                           b"--catalog", os.fsencode(catalog), b"--kind", b"editorial",
                           *(a.encode() for a in args)],
                          capture_output=True, cwd=str(ROOT), env=env, timeout=120)


def test_json_stays_valid(odd_files: list[bytes], catalog_path: Path) -> None:
    r = _check(odd_files, catalog_path, "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout.decode("utf-8"))  # strict UTF-8, strict JSON
    sources = [i["source"] for i in doc["items"]]
    assert len(sources) == 3 and sources[0].endswith("line\nbreak.md")
    assert sources[1].endswith("caf\ufffd-latin1.md")
    assert not any(re.search("[\ud800-\udfff]", s) for s in sources)


def test_junit_stays_valid(odd_files: list[bytes], catalog_path: Path) -> None:
    r = _check(odd_files, catalog_path, "--format", "junit")
    assert r.returncode == 0, r.stderr
    root = ET.fromstring(r.stdout)  # a strict XML parser
    names = [c.get("name") or "" for c in root.iter("testcase")]
    assert len(names) == 3 and names[0].endswith("line\nbreak.md")


def test_text_header_is_one_line(odd_files: list[bytes], catalog_path: Path) -> None:
    r = _check(odd_files, catalog_path)
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode("utf-8")
    headers = [line for line in out.splitlines() if re.search(r": (PASS|REVIEW|VIOLATION)", line)]
    assert len(headers) == 3, out
    assert "line\\nbreak.md: PASS" in headers[0]
    assert "caf\\xe9-latin1.md: PASS" in headers[1]
    assert "bell\\x07.md: PASS" in headers[2]
    assert "\x07" not in out


def test_an_error_about_an_odd_name_is_one_line(tmp_path: Path, catalog_path: Path) -> None:
    empty = os.fsencode(tmp_path) + b"/empty\nfile\xff.md"
    with open(empty, "wb"):
        pass
    r = _check([empty], catalog_path)
    assert r.returncode == 2
    err = r.stderr.decode("utf-8")
    assert err.count("\n") == 1 and "empty\\nfile\\xff.md" in err, err
