"""E-mail over SMTP: plain (loopback), STARTTLS or implicit TLS; credentials from the
environment variables the config names, never from the file."""

from __future__ import annotations

import re
import smtplib
import ssl
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime, make_msgid
from typing import ClassVar

from embargo.alerts.channels.base import Channel, Message
from embargo.config import EmailConfig
from embargo.errors import DeliveryError
from embargo.timeparse import now_utc

_SAFE_KEY = re.compile(r"[^A-Za-z0-9.\-]+")


def header_text(text: str, limit: int = 200) -> str:
    """One line, no control characters (untrusted titles end up in Subject)."""
    line = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def message_id(message: Message, sender: str) -> str:
    """A deterministic ``Message-ID``: the same outbox rows give the same id, so a repeat after
    a crash is recognisable (and de-duplicated by many mail systems)."""
    domain = sender.rsplit("@", 1)[-1].strip(" >") if "@" in sender else "embargo.invalid"
    domain = _SAFE_KEY.sub("-", domain) or "embargo.invalid"
    return f"<embargo.{_SAFE_KEY.sub('-', message.key)}@{domain}>"


def build_email(message: Message, *, sender: str, to: tuple[str, ...] | list[str],
                subject_prefix: str = "[embargo]") -> EmailMessage:
    """multipart/alternative: the plain-text part first, the HTML part second."""
    msg = EmailMessage(policy=SMTP_POLICY)
    subject = header_text(f"{subject_prefix} {message.subject}".strip(), 250)
    msg["Subject"] = subject
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    msg["Date"] = format_datetime(message.created_at or now_utc())
    msg["Message-ID"] = message_id(message, sender) if message.key else make_msgid()
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Auto-Response-Suppress"] = "All"
    msg["X-Embargo-Kind"] = message.kind
    if message.verdict:
        msg["X-Embargo-Verdict"] = message.verdict
    if message.alert_ids:
        msg["X-Embargo-Alert-Ids"] = ",".join(str(i) for i in message.alert_ids)
    msg.set_content(message.text, subtype="plain", charset="utf-8")
    msg.add_alternative(message.html, subtype="html", charset="utf-8")
    return msg


class EmailChannel(Channel[EmailConfig]):
    """E-mail over SMTP (plain, STARTTLS or SSL) to the configured recipients."""

    name: ClassVar[str] = "email"


    @property
    def timeout(self) -> float:
        return self.options.timeout

    def describe(self) -> str:
        o = self.options
        how = "SSL" if o.ssl else "STARTTLS" if o.starttls else "plain"
        return f"email via {o.host}:{o.port} ({how}) to {', '.join(o.to)}"

    def build(self, message: Message) -> EmailMessage:
        o = self.options
        return build_email(message, sender=o.sender, to=list(o.to),
                           subject_prefix=o.subject_prefix)

    def _credentials(self) -> tuple[str, str] | None:
        o = self.options
        if not o.username_env and not o.password_env:
            return None
        user = self.config.env(o.username_env)
        password = self.config.env(o.password_env)
        missing = [n for n, v in ((o.username_env, user), (o.password_env, password))
                   if n and v is None]
        if missing:
            raise DeliveryError(f"SMTP credentials: environment variable(s) "
                                f"{', '.join(str(m) for m in missing)} not set")
        return user or "", password or ""

    def _context(self) -> ssl.SSLContext:
        ctx = ssl.create_default_context()
        if self.options.ca_file is not None:
            ctx.load_verify_locations(cafile=str(self.options.ca_file))
        return ctx

    def send(self, message: Message) -> None:
        o = self.options
        msg = self.build(message)
        credentials = self._credentials()
        where = f"{o.host}:{o.port}"
        try:
            smtp: smtplib.SMTP
            if o.ssl:
                smtp = smtplib.SMTP_SSL(o.host, o.port, timeout=o.timeout,
                                        context=self._context())
            else:
                smtp = smtplib.SMTP(o.host, o.port, timeout=o.timeout)
            with smtp:
                smtp.ehlo()
                if o.starttls:
                    smtp.starttls(context=self._context())
                    smtp.ehlo()
                if credentials is not None:
                    smtp.login(*credentials)
                refused = smtp.send_message(msg, from_addr=o.sender, to_addrs=list(o.to))
        except smtplib.SMTPRecipientsRefused as e:
            raise DeliveryError(f"SMTP {where} refused every recipient: "
                                f"{_refusals(e.recipients)}") from None
        except smtplib.SMTPResponseException as e:
            text = e.smtp_error.decode("utf-8", "replace") if isinstance(e.smtp_error, bytes) \
                else str(e.smtp_error)
            raise DeliveryError(f"SMTP {where} answered {e.smtp_code} {text}") from None
        except (TimeoutError, smtplib.SMTPException, ssl.SSLError, OSError) as e:
            raise DeliveryError(f"SMTP {where}: {type(e).__name__}: {e}") from None
        if refused:
            # Some recipients got it: a retry would duplicate it for them.  Delivered, but
            # the refusals are worth knowing; the outbox logs them.
            raise PartialDelivery(f"SMTP {where} refused {_refusals(refused)}")


class PartialDelivery(DeliveryError):
    """Delivered to some recipients only: not retried (that would duplicate), but reported."""


def _refusals(recipients: dict[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{addr} ({code} {msg.decode('utf-8', 'replace')})"
                     for addr, (code, msg) in recipients.items())
