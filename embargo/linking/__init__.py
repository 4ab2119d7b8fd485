"""Linking: which abstracts an item is about."""

from embargo.linking.linker import Linker, LinkOptions, LinkResult
from embargo.linking.meetings import mentioned_meetings

__all__ = ["LinkOptions", "LinkResult", "Linker", "mentioned_meetings"]
