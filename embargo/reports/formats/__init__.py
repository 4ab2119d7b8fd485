"""Registry of check-output formats."""

from __future__ import annotations

from embargo.errors import InputError
from embargo.reports.formats.base import Format, RenderContext, render_context
from embargo.reports.formats.html import HtmlFormat
from embargo.reports.formats.json import JsonFormat
from embargo.reports.formats.junit import JunitFormat
from embargo.reports.formats.sarif import SarifFormat
from embargo.reports.formats.text import TextFormat

REGISTRY: dict[str, type[Format]] = {
    cls.name: cls for cls in (TextFormat, JsonFormat, SarifFormat, JunitFormat, HtmlFormat)}


def get_format(name: str) -> Format:
    if name not in REGISTRY:
        raise InputError(f"unknown format {name!r}; use one of {', '.join(sorted(REGISTRY))}")
    return REGISTRY[name]()


__all__ = ["REGISTRY", "Format", "RenderContext", "get_format", "render_context"]
