"""Alerts: from findings to messages people read, delivered exactly once (almost; see
``docs/alerts.md``).

The daemon calls, per poll::

    alerts = alerts_for_judgement(j, source_key=..., item_key=..., link=..., config=cfg,
                                  policies=policies)
    state.record_item(..., judgement=judgement_json(j), alerts=alerts, at=now)

and on its outbox schedule::

    deliver_pending(state, cfg, now)
    send_digest_if_due(state, cfg, now)
"""

from embargo.alerts.outbox import (
    DeliveryReport,
    deliver_pending,
    digest_period,
    retry_delay,
    send_digest_if_due,
)
from embargo.alerts.routing import (
    alerts_for_judgement,
    alerts_for_lift,
    alerts_for_notice,
    alerts_for_publishable,
    finding_key,
    lift_announcement_key,
    notice_alerts,
)

__all__ = [
    "DeliveryReport",
    "alerts_for_judgement",
    "alerts_for_lift",
    "alerts_for_notice",
    "alerts_for_publishable",
    "deliver_pending",
    "digest_period",
    "finding_key",
    "lift_announcement_key",
    "notice_alerts",
    "retry_delay",
    "send_digest_if_due",
]
