"""Content analysis: reading drafts, inferring kinds, finding tiers."""

from embargo.content.draft import Draft, FrontMatter
from embargo.content.htmltext import html_to_text
from embargo.content.kind import infer_kind
from embargo.content.readers import read_draft
from embargo.content.tiers import analyse_tiers

__all__ = ["Draft", "FrontMatter", "analyse_tiers", "html_to_text", "infer_kind", "read_draft"]
