"""Content analysis: reading drafts, inferring kinds, finding tiers.

The names below are imported from their modules when first used (PEP 562): importing one
part (``embargo.content.readers``) does not load the others (kind markers, tier analysis).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_WHERE = {
    "Draft": "embargo.content.draft",
    "FrontMatter": "embargo.content.draft",
    "analyse_tiers": "embargo.content.tiers",
    "html_to_text": "embargo.content.htmltext",
    "infer_kind": "embargo.content.kind",
    "read_draft": "embargo.content.readers",
}

__all__ = ["Draft", "FrontMatter", "analyse_tiers", "html_to_text", "infer_kind", "read_draft"]


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(where), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from embargo.content.draft import Draft, FrontMatter
    from embargo.content.htmltext import html_to_text
    from embargo.content.kind import infer_kind
    from embargo.content.readers import read_draft
    from embargo.content.tiers import analyse_tiers
