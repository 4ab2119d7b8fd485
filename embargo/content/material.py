"""Presentation material in a draft, and which kind it is.

A sentence (or a link) carries presentation material when it attaches, links to or shows:

* **slides** — a slide deck or poster file: ``.pptx``/``.key``/``.odp`` links or attachments,
  a ``.pdf`` named as slides, deck or poster, "see the slides", "the poster is available";
* **images** — photos or images of slides, posters or data: "photo of the slide", an
  ``[Image: Kaplan-Meier curve …]`` in the page, a ``.png``/``.jpg`` of a figure or chart, a
  ``.pdf`` of figures;
* **recordings** — audio or video of a talk or session: ``.mp4``/``.mov``/``.mp3`` links or
  attachments, YouTube or Vimeo links, "the recording of the session", "watch the webcast".

Policies can treat each kind differently (slides free at the talk, recordings never), and the
advice differs ("remove the slide file", "remove the recording link").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from embargo.content.numbers import fold_for_ignorecase
from embargo.model import Material
from embargo.patterns import lazy, search_folded

_SLIDE_EXT = r"pptx?|ppsx?|key|odp"
_VIDEO_EXT = r"mp4|m4v|mov|webm|avi|wmv|mkv|mp3|m4a|wav"
_MATERIAL_FILE = lazy(
    rf"\S+\.(?:{_SLIDE_EXT}|{_VIDEO_EXT})\b(?:\?\S*)?", re.IGNORECASE)
_MATERIAL_DOC = lazy(r"\S+\.(?:pdf|png|jpe?g|gif|tiff?|svg|webp|heic)\b(?:\?\S*)?",
                           re.IGNORECASE)
_MATERIAL_WORDS = lazy(
    r"\b(?:slides?|slide deck|deck|poster|e-?poster|figures?|charts?|graphs?|plots?|"
    r"kaplan[- ]meier|forest plot|curves?|infographic|data|results|presentation|talk|"
    r"session|recording|video|webcast|screenshot|photo|image|table)\b", re.IGNORECASE)
#: Links to video hosts: a recording, whatever the sentence around it says.
_VIDEO_LINK = lazy(
    r"\bhttps?://(?:www\.|m\.)?(?:youtube\.com/(?:watch|live|embed|shorts)\S*|youtu\.be/\S+|"
    r"(?:player\.)?vimeo\.com/\S+)", re.IGNORECASE)
_MATERIAL_TEXT = lazy(
    r"\b(?:see|view|download|watch|check out|here (?:is|are)|attached|attaching|enclosed|"
    r"find)\b[^.]{0,40}\b(?:the |our |my |her |his |their |full )?(?:slides?|slide deck|"
    r"deck|poster(?: file| pdf)?|e-?poster|presentation (?:slides|file|deck|recording|"
    r"video)|recording|webcast|video of the (?:talk|presentation|session))\b|"
    r"\b(?:photo|photograph|picture|image|snapshot|screenshot|shot|pic)s? of (?:the |our |"
    r"my |her |his |their |a |this )?(?:\w+ )?(?:poster|slides?|data|results|figure|chart|"
    r"graph|curve|plot|presentation|talk)\b|"
    r"\b(?:slides?|poster|slide deck|e-?poster|presentation|session|talk) (?:is|are|will be|"
    r"can be|has been|have been) (?:available|posted|attached|downloadable|online|uploaded|"
    r"viewed|watched|streamed)\b|"
    r"\b(?:recording|video|webcast|replay|livestream|live stream|on-demand video) of "
    r"(?:the |her |his |their |our |this )?(?:talk|presentation|session|symposium|lecture|"
    r"briefing)\b|\b(?:session|presentation|talk) (?:recording|video|webcast|replay)\b|"
    r"\[Image:[^\]]*\b(?:slides?|poster|figure|chart|graph|plot|curve|kaplan|forest|data|"
    r"results|table|infographic|screenshot)\b[^\]]*\]|"
    rf"^-?\s*Attachment:\s*\S.*\.(?:{_SLIDE_EXT}|{_VIDEO_EXT})\b|"
    r"^-?\s*Attachment:\s*[^\n]*\b(?:slides?|poster|deck|presentation|figure|chart|data)\b",
    re.IGNORECASE)
_NOT_MATERIAL_DOC = lazy(
    r"\b(?:press|news) release\b|\bfact ?sheet\b|\blogo\b|\bheadshot\b", re.IGNORECASE)

_IS_SLIDE_FILE = lazy(rf"\.(?:{_SLIDE_EXT})\b", re.IGNORECASE)
_IS_VIDEO_FILE = lazy(rf"\.(?:{_VIDEO_EXT})\b", re.IGNORECASE)
_IS_IMAGE_FILE = lazy(r"\.(?:png|jpe?g|gif|tiff?|svg|webp|heic)\b", re.IGNORECASE)
_IMAGE_WORDS = lazy(
    r"\[Image\b|\b(?:photo|photograph|picture|image|snapshot|screenshot|shot|pic)s?\b",
    re.IGNORECASE)
_RECORDING_WORDS = lazy(
    r"\b(?:recording|recorded|video|webcast|replay|livestream|live stream|audio|podcast|"
    r"watch(?:ed)?|stream(?:ed)?)\b",
    re.IGNORECASE)
_SLIDE_WORDS = lazy(r"\b(?:slides?|slide deck|deck|poster|e-?poster)\b", re.IGNORECASE)
_DATA_WORDS = lazy(
    r"\b(?:figures?|charts?|graphs?|plots?|kaplan[- ]meier|forest plot|curves?|infographic|"
    r"tables?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class MaterialHit:
    """Presentation material found in a sentence or link."""

    kind: Material
    reason: str  # why, in words, with the part of the text that shows it
    what: str  # that part of the text


def _kind_of_text(found: str) -> Material:
    """The kind of material a matched phrase names (images and recordings first: "a photo of
    the slides" is an image, "a video of the talk" a recording)."""
    if _IMAGE_WORDS.search(found):
        return Material.IMAGES
    if _IS_VIDEO_FILE.search(found) or _RECORDING_WORDS.search(found):
        return Material.RECORDINGS
    if re.match(r"here (?:is|are)\b", found, re.IGNORECASE) and not _IS_SLIDE_FILE.search(found):
        return Material.IMAGES  # "here is the key slide": a picture of it, shown in the post
    if _IS_SLIDE_FILE.search(found) or _SLIDE_WORDS.search(found):
        return Material.SLIDES
    if _DATA_WORDS.search(found):
        return Material.IMAGES
    return Material.SLIDES  # "the presentation is available": the deck itself


def _kind_of_document(link: str, sentence: str) -> Material:
    """A PDF or picture file: an image file is an image; a PDF is a slide or poster file
    unless the sentence says it holds figures or charts."""
    if _IS_IMAGE_FILE.search(link):
        return Material.IMAGES
    if _SLIDE_WORDS.search(sentence) or not _DATA_WORDS.search(sentence):
        return Material.SLIDES
    return Material.IMAGES


def detect_material(text: str) -> MaterialHit | None:
    """The presentation material ``text`` (a sentence or a link) carries or points to."""
    folded = fold_for_ignorecase(text)
    m = search_folded(_VIDEO_LINK, text, folded)
    if m:
        return MaterialHit(Material.RECORDINGS,
                           f"links to a video ({m.group(0)[-60:]})", m.group(0))
    m = search_folded(_MATERIAL_FILE, text, folded)
    if m:
        kind = Material.RECORDINGS if _IS_VIDEO_FILE.search(m.group(0)) else Material.SLIDES
        return MaterialHit(kind, f"links to or attaches presentation material "
                                 f"({m.group(0)[-60:]})", m.group(0))
    m = search_folded(_MATERIAL_DOC, text, folded)
    if m and _MATERIAL_WORDS.search(text) and not _NOT_MATERIAL_DOC.search(text):
        return MaterialHit(_kind_of_document(m.group(0), text),
                           f"links to a file of data or presentation material "
                           f"({m.group(0)[-60:]})", m.group(0))
    m = search_folded(_MATERIAL_TEXT, text, folded)
    if m:
        return MaterialHit(_kind_of_text(m.group(0)),
                           f"carries or points to presentation material ('{m.group(0)[:60]}')",
                           m.group(0))
    return None


def removal_advice(kind: Material, evidence: str) -> str:
    """What to take out of a draft for this material: "remove the slide file"."""
    if kind is Material.RECORDINGS:
        if _IS_VIDEO_FILE.search(evidence) and re.search(r"\battach", evidence, re.I):
            return "remove the attached recording"
        return "remove the recording link"
    if kind is Material.IMAGES:
        if re.search(r"\bposter\b", evidence, re.I):
            return "remove the photo of the poster"
        if re.search(r"\bslides?\b|\bdeck\b", evidence, re.I):
            return "remove the photo of the slide"
        return "remove the image of the data"
    if re.search(r"\bposter\b", evidence, re.I) and not re.search(r"\bslides?\b|\bdeck\b",
                                                                   evidence, re.I):
        return "remove the poster file"
    return "remove the slide file"
