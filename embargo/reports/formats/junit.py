"""``--format junit``: JUnit XML for CI, one testcase per item."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar
from xml.etree import ElementTree as ET

from embargo.model import Judgement, Verdict
from embargo.reports.formats.advice import advise
from embargo.reports.formats.base import Format, RenderContext, xml_text
from embargo.timeparse import format_instant


class JunitFormat(Format):
    """JUnit XML: a violation or review is a failure (type says which); input errors errors."""

    name: ClassVar[str] = "junit"

    def render(self, judgements: Sequence[Judgement], ctx: RenderContext,
               errors: Sequence[tuple[str, str]] = ()) -> str:
        failures = sum(1 for j in judgements if j.verdict is not Verdict.PASS)
        suites = ET.Element("testsuites", name="embargo check",
                            tests=str(len(judgements) + len(errors)),
                            failures=str(failures), errors=str(len(errors)))
        suite = ET.SubElement(suites, "testsuite", name="embargo check",
                              tests=str(len(judgements) + len(errors)),
                              failures=str(failures), errors=str(len(errors)), skipped="0")
        for j in judgements:
            item = j.item
            case = ET.SubElement(suite, "testcase", classname=f"embargo.{item.kind.kind.value}",
                                 name=item.source)
            props = ET.SubElement(case, "properties")
            for name, value in (("verdict", j.verdict.value), ("kind", item.kind.kind.value),
                                ("published_at", format_instant(item.published_at, ctx.zone)),
                                ("abstracts", " ".join(x.abstract.id for x in item.links))):
                ET.SubElement(props, "property", name=name, value=value)
            if j.verdict is Verdict.PASS:
                continue
            bad = [f for f in j.findings if f.verdict is not Verdict.PASS]
            first = bad[0].message if bad else j.verdict.value
            body = []
            for f in bad:
                rule = f" [{f.rule}]" if f.rule else ""
                body.append(f"{f.verdict.value}{rule}: {f.message}")
                if f.evidence:
                    body.append(f"  because: {' '.join(f.evidence.split())}")
            body.extend(advise(j, ctx.zone).lines())
            fail = ET.SubElement(case, "failure", message=first, type=j.verdict.value)
            fail.text = "\n".join(body)
        for source, message in errors:
            case = ET.SubElement(suite, "testcase", classname="embargo.input", name=source)
            err = ET.SubElement(case, "error", message=message, type="input-error")
            err.text = message
        for el in suites.iter():  # names and messages may hold what XML cannot carry
            el.attrib = {k: xml_text(v) for k, v in el.attrib.items()}
            if el.text:
                el.text = xml_text(el.text)
        ET.indent(suites)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites,
                                                                      encoding="unicode")
