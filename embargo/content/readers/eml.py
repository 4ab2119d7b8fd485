"""E-mail files (.eml), the way releases are often circulated before they go out.

The text/plain part is preferred, else the HTML part is converted; the Subject is the title;
From, To, Date and friends are kept as headers; attachments are listed (their names and
types), since a slide deck or poster file attached to a release is presentation material.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from embargo.content.draft import Draft
from embargo.content.htmltext import parse_html
from embargo.content.readers.base import Reader
from embargo.content.readers.text import front_matter_of, urls_in
from embargo.timeparse import ParsedTime

if TYPE_CHECKING:  # the email package (~10 ms to import) loads when a mail is read
    from email.message import Message

_KEEP = ("from", "to", "cc", "date", "subject", "reply-to", "organization", "sender",
         "x-mailer", "message-id", "list-id")


def _payload_text(part: Message) -> str:
    from email.message import EmailMessage

    try:
        content = part.get_content() if isinstance(part, EmailMessage) else None
    except (LookupError, UnicodeError, AssertionError, KeyError):
        content = None
    if isinstance(content, str):
        return content
    raw = part.get_payload(decode=True)
    if isinstance(raw, bytes):
        charset = part.get_content_charset() or "utf-8"
        try:
            return raw.decode(charset, errors="replace")
        except LookupError:
            return raw.decode("latin-1")
    payload = part.get_payload()
    return payload if isinstance(payload, str) else ""


def _date(value: str) -> ParsedTime | None:
    from email.utils import parsedate_to_datetime

    try:
        dt = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if dt is None or dt.tzinfo is None:
        return None
    return ParsedTime(instant=dt, text=value, zone="UTC", label=None, assumed_zone=False)


class EmlReader(Reader):
    """E-mail (.eml, RFC 5322/MIME): body text, Subject as title, attachments listed."""

    name: ClassVar[str] = "eml"
    suffixes: ClassVar[tuple[str, ...]] = (".eml", ".mbox-message")

    def read(self, text: str, source: str, default_zone: str) -> Draft:
        import email
        import email.policy

        meta, body, _ = front_matter_of(text, source, default_zone)
        # Parse bytes: the string parser mangles 8-bit bodies into escape sequences.
        msg = email.message_from_bytes(body.lstrip("\r\n").encode("utf-8"),
                                       policy=email.policy.default)
        headers: list[tuple[str, str]] = []
        for key in _KEEP:
            for value in msg.get_all(key, []) or []:
                headers.append((key, " ".join(str(value).split())))
        plain: str | None = None
        html: str | None = None
        attachments: list[tuple[str, str]] = []
        for part in msg.walk():
            if part.is_multipart():
                continue
            ctype = part.get_content_type()
            filename = part.get_filename()
            disposition = (part.get_content_disposition() or "").lower()
            if filename or disposition == "attachment" or not ctype.startswith("text/"):
                attachments.append((filename or f"(unnamed {ctype})", ctype))
                continue
            if ctype == "text/plain" and plain is None:
                plain = _payload_text(part)
            elif ctype == "text/html" and html is None:
                html = _payload_text(part)
        links: tuple[str, ...] = ()
        if plain is not None and plain.strip():
            text_body = plain.replace("\r\n", "\n")
            links = urls_in(text_body)
            if html is not None:
                links = tuple(dict.fromkeys([*links, *parse_html(html).links]))
        elif html is not None:
            doc = parse_html(html)
            text_body, links = doc.text, doc.links
        else:
            text_body = ""
        if attachments:
            listing = "\n".join(f"- Attachment: {name} ({ctype})" for name, ctype in attachments)
            text_body = text_body.rstrip() + "\n\nAttachments:\n\n" + listing + "\n"
        subject = msg.get("subject")
        title = meta.title or (" ".join(str(subject).split()) if subject else None)
        if meta.publish_at is None and msg.get("date"):
            pt = _date(str(msg["date"]))
            if pt is not None:
                meta = replace(meta, publish_at=pt, publish_at_key="the e-mail's Date header")
        return Draft(source=source, text=text_body, format=self.name, meta=meta, title=title,
                     links=links, headers=tuple(headers), attachments=tuple(attachments))


def looks_like_email(text: str) -> bool:
    lines = text.lstrip().splitlines()[:40]
    if not lines or not re.match(r"^[A-Za-z][\w\-]*:", lines[0]):
        return False
    header_lines = 0
    for ln in lines:
        if not ln.strip():
            break
        if re.match(r"^[A-Za-z][\w\-]*:\s", ln) or ln[:1] in " \t":
            header_lines += 1
        else:
            return False
    names = {ln.split(":", 1)[0].lower() for ln in lines if ":" in ln}
    return header_lines >= 2 and bool(names & {"from", "subject", "message-id", "mime-version",
                                               "received", "return-path", "date"}) and bool(
        names & {"from", "subject", "received", "message-id"})
