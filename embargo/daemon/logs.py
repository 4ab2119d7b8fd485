"""Logs an operator can follow: one line per event, ``key=value`` fields, or one JSON object per
line for log shippers (``--log-format json``).

Call sites pass structured fields with ``extra={"fields": {...}}``; both formats print them.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import IO, Any

LOGGER = "embargo.daemon"


def _value(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.3f}"
    text = str(v)
    if not text or any(c in text for c in ' "=\n\t'):
        return json.dumps(text, ensure_ascii=False)
    return text


class TextFormatter(logging.Formatter):
    """``2024-11-14T15:00:01Z INFO poll feed=... status=200 entries=50 ...``"""

    def format(self, record: logging.LogRecord) -> str:
        ts = datetime.fromtimestamp(record.created, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        fields: dict[str, Any] = getattr(record, "fields", {}) or {}
        parts = [ts, record.levelname, record.getMessage()]
        parts += [f"{k}={_value(v)}" for k, v in fields.items() if v is not None]
        line = " ".join(parts)
        if record.exc_info:
            line += " traceback=" + json.dumps(self.formatException(record.exc_info))
        return line


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ``ts``, ``level``, ``event``, then the fields."""

    def format(self, record: logging.LogRecord) -> str:
        doc: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "event": record.getMessage(),
        }
        for k, v in (getattr(record, "fields", {}) or {}).items():
            if v is not None:
                doc[k] = v if isinstance(v, (int, float, bool, list, dict)) else str(v)
        if record.exc_info:
            doc["traceback"] = self.formatException(record.exc_info)
        return json.dumps(doc, ensure_ascii=False, default=str)


def setup_logging(fmt: str = "text", level: int = logging.INFO,
                  stream: IO[str] | None = None) -> logging.Logger:
    """Configure the daemon's logging (not the root logger) and return its logger.

    ``embargo.daemon`` logs at ``level``; the rest of ``embargo`` (alert delivery, state)
    and APScheduler (missed runs, job errors) only warnings, through the same handler.
    """
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    for name, lvl in (("embargo", logging.WARNING), ("apscheduler", logging.WARNING)):
        lg = logging.getLogger(name)
        lg.handlers.clear()
        lg.addHandler(handler)
        lg.setLevel(lvl)
        lg.propagate = False
    log = logging.getLogger(LOGGER)
    log.handlers.clear()
    log.setLevel(level)
    log.propagate = True  # to the "embargo" handler
    return log


def event(log: logging.Logger, name: str, level: int = logging.INFO, **fields: Any) -> None:
    log.log(level, name, extra={"fields": fields})
