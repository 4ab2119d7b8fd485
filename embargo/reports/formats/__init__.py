"""Registry of check-output formats.

A format's module is imported when that format is used (the HTML one needs jinja2, SARIF the
line locator), so ``embargo check --format json`` loads only the JSON one.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from embargo.errors import InputError
from embargo.reports.formats.base import Format, RenderContext, render_context

#: Format name → (module, class) of every format, in the order they are offered.
WHERE: dict[str, tuple[str, str]] = {
    "text": ("embargo.reports.formats.text", "TextFormat"),
    "json": ("embargo.reports.formats.json", "JsonFormat"),
    "sarif": ("embargo.reports.formats.sarif", "SarifFormat"),
    "junit": ("embargo.reports.formats.junit", "JunitFormat"),
    "html": ("embargo.reports.formats.html", "HtmlFormat"),
}

#: The names ``--format`` accepts.
NAMES: tuple[str, ...] = tuple(WHERE)


def format_class(name: str) -> type[Format]:
    """The class of one format (importing its module).  Unknown names are input errors."""
    if name not in WHERE:
        raise InputError(f"unknown format {name!r}; use one of {', '.join(sorted(WHERE))}")
    module, cls = WHERE[name]
    found: type[Format] = getattr(import_module(module), cls)
    return found


def get_format(name: str) -> Format:
    return format_class(name)()


def __getattr__(name: str) -> Any:
    # ``REGISTRY`` (name → class of every format) imports them all: built when asked for.
    if name == "REGISTRY":
        registry = {n: format_class(n) for n in WHERE}
        globals()["REGISTRY"] = registry
        return registry
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["NAMES", "REGISTRY", "WHERE", "Format", "RenderContext", "format_class",
           "get_format", "render_context"]
