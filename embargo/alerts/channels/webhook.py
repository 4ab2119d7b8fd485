"""A JSON webhook: a generic payload, or one Slack or Microsoft Teams accept as it is."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any, ClassVar

from embargo.alerts.channels.base import Channel, Message
from embargo.config import Config, WebhookConfig
from embargo.errors import DeliveryError

USER_AGENT = "embargo-alerts/0.1"
_SLACK_TEXT_LIMIT = 2900  # a section block takes 3000 characters


def slack_escape(text: str) -> str:
    """Slack reads ``<...>`` as links and mentions: untrusted text must not make any."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def payload_for(message: Message, style: str) -> dict[str, Any]:
    """The JSON body for ``style`` (generic | slack | teams)."""
    if style == "slack":
        return {
            "text": slack_escape(message.subject),  # notification fallback
            "blocks": [
                {"type": "header",
                 "text": {"type": "plain_text", "text": _clip(message.subject, 150)}},
                {"type": "section",
                 "text": {"type": "mrkdwn",
                          "text": _clip(slack_escape(message.text), _SLACK_TEXT_LIMIT)}},
            ],
        }
    if style == "teams":
        # An Adaptive Card in a message envelope: accepted by Teams "Workflows" webhooks and
        # by the older incoming-webhook connectors.
        return {
            "type": "message",
            "summary": message.subject,
            "attachments": [{
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": {
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard",
                    "version": "1.4",
                    "body": [
                        {"type": "TextBlock", "text": message.subject, "weight": "Bolder",
                         "size": "Medium", "wrap": True},
                        {"type": "TextBlock", "text": _clip(message.text, 20000),
                         "wrap": True, "fontType": "Monospace"},
                    ],
                },
            }],
        }
    return {
        "embargo": 1,
        "key": message.key,
        "kind": message.kind,
        "verdict": message.verdict,
        "subject": message.subject,
        "text": message.text,
        "created_at": message.created_at.isoformat() if message.created_at else None,
        "alert_ids": list(message.alert_ids),
        "data": dict(message.data),
    }


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a POST is never silently turned into a GET elsewhere


class WebhookChannel(Channel[WebhookConfig]):
    """POST a JSON payload (generic, Slack or Teams) to a URL."""

    name: ClassVar[str] = "webhook"

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        assert config.webhook is not None, "WebhookChannel needs a [webhook] section"
        self.options: WebhookConfig = config.webhook
        self._opener = urllib.request.build_opener(_NoRedirect)

    @property
    def timeout(self) -> float:
        return self.options.timeout

    def describe(self) -> str:
        url = self.options.url.split("?", 1)[0]
        return f"webhook ({self.options.style}) to {url}"

    def _headers(self, message: Message) -> dict[str, str]:
        headers = {"Content-Type": "application/json; charset=utf-8",
                   "User-Agent": USER_AGENT, "Idempotency-Key": message.key}
        for env in self.options.headers_env:
            value = self.config.env(env)
            if value is None:
                raise DeliveryError(f"webhook header: environment variable {env} is not set")
            name, sep, val = value.partition(":")
            if not sep or not name.strip() or any(c in value for c in "\r\n"):
                raise DeliveryError(f"webhook header: {env} must hold 'Header-Name: value'")
            headers[name.strip()] = val.strip()
        return headers

    def send(self, message: Message) -> None:
        body = json.dumps(payload_for(message, self.options.style),
                          ensure_ascii=False).encode("utf-8")
        req = urllib.request.Request(self.options.url, data=body, method="POST",
                                     headers=self._headers(message))
        where = self.options.url.split("?", 1)[0]
        try:
            with self._opener.open(req, timeout=self.options.timeout) as resp:
                resp.read(65536)
                status = resp.status
        except urllib.error.HTTPError as e:
            detail = e.read(300).decode("utf-8", "replace") if e.fp else ""
            raise DeliveryError(f"webhook {where} answered HTTP {e.code} "
                                f"{' '.join(detail.split())}".strip()) from None
        except (TimeoutError, urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise DeliveryError(f"webhook {where}: {reason}") from None
        if not 200 <= status < 300:
            raise DeliveryError(f"webhook {where} answered HTTP {status}")
