"""A Maildir (or plain folder) of message files, for air-gapped sites.

Each message is written to ``tmp/``, flushed to disk, then renamed into ``new/`` (the Maildir
protocol), under a name derived from the message key: a message already in ``new/`` or
``cur/`` is not written again, so this channel is exactly-once even across crashes.
"""

from __future__ import annotations

import os
import re
import socket
from pathlib import Path
from typing import ClassVar

from embargo.alerts.channels.base import Channel, Message
from embargo.alerts.channels.email import build_email
from embargo.config import Config, MaildirConfig
from embargo.errors import DeliveryError

_UNSAFE = re.compile(r"[^A-Za-z0-9_.\-]+")


class MaildirChannel(Channel[MaildirConfig]):
    """Write each alert as an e-mail file into a Maildir (tmp/new/cur)."""

    name: ClassVar[str] = "maildir"

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        assert config.maildir is not None, "MaildirChannel needs a [maildir] section"
        self.options: MaildirConfig = config.maildir

    @property
    def timeout(self) -> float:
        return 10.0

    def describe(self) -> str:
        return f"maildir {self.options.path}"

    def file_name(self, message: Message) -> str:
        host = _UNSAFE.sub("-", socket.gethostname() or "localhost")
        return f"embargo.{_UNSAFE.sub('-', message.key)}.{host}"

    def delivered_path(self, message: Message) -> Path | None:
        """The file of an earlier delivery of this message, if there is one."""
        base = self.options.path
        name = self.file_name(message)
        for sub in ("new", "cur"):
            folder = base / sub
            if not folder.is_dir():
                continue
            for p in folder.glob(name + "*"):
                if p.name == name or p.name.startswith(name + ":"):
                    return p
        return None

    def send(self, message: Message) -> None:
        base = self.options.path
        try:
            for sub in ("tmp", "new", "cur"):
                (base / sub).mkdir(parents=True, exist_ok=True)
            if self.delivered_path(message) is not None:
                return  # written before a crash: do not write it twice
            msg = build_email(message, sender="embargo@localhost", to=["maildir@localhost"])
            data = bytes(msg)
            name = self.file_name(message)
            tmp = base / "tmp" / name
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            tmp.replace(base / "new" / name)
            dir_fd = os.open(base / "new", os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except OSError as e:
            raise DeliveryError(f"maildir {base}: {e.strerror or e}") from None
