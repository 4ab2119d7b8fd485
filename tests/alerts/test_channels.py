"""One suite over every registered channel, each against its real receiver; config keys."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from embargo.alerts.channels import REGISTRY, configured_channels, get_channel
from embargo.config import parse_config
from embargo.errors import DeliveryError, InputError
from embargo.model import Verdict
from embargo.reports.message import Message

MSG = Message(key="finding-7-abc", kind="finding", subject="VIOLATION: <b>Title</b>",
              text="plain body", html="<p>html body</p>", data={"alerts": []},
              alert_ids=(7,), created_at=datetime(2024, 11, 14, 15, 0, tzinfo=UTC),
              verdict="violation")


@pytest.fixture(params=sorted(REGISTRY))
def channel_setup(request, smtp, hook, tmp_path: Path):  # type: ignore[no-untyped-def]
    name = request.param
    sections: dict[str, Any] = {
        "email": {"host": "127.0.0.1", "port": smtp.port, "to": ["a@b.example"], "timeout": 5},
        "webhook": {"url": hook.url},
        "maildir": {"path": str(tmp_path / "md")},
    }
    cfg = parse_config({name: sections[name]})

    def received() -> int:
        if name == "email":
            return len(smtp.messages())
        if name == "webhook":
            return len(hook.requests)
        return len(list((tmp_path / "md" / "new").glob("*")))

    return name, cfg, received


def test_every_channel_delivers_one_message(channel_setup) -> None:  # type: ignore[no-untyped-def]
    name, cfg, received = channel_setup
    channel = get_channel(name, cfg)
    assert channel.name == name and list(configured_channels(cfg)) == [name]
    assert channel.timeout > 0 and name in channel.describe()
    assert channel.route.mode_for_verdict(Verdict.VIOLATION) == "immediate"
    channel.send(MSG)
    assert received() == 1


def test_every_channel_reports_an_unreachable_target(tmp_path: Path) -> None:
    down = {
        "email": {"host": "127.0.0.1", "port": 9, "to": ["a@b.example"], "timeout": 2},
        "webhook": {"url": "http://127.0.0.1:9/hook", "timeout": 2},
        "maildir": {"path": str(tmp_path / "file-not-folder")},
    }
    (tmp_path / "file-not-folder").write_text("in the way")
    for name in sorted(REGISTRY):
        channel = get_channel(name, parse_config({name: down[name]}))
        with pytest.raises(DeliveryError):
            channel.send(MSG)


def test_registry_errors_name_the_valid_channels() -> None:
    with pytest.raises(InputError, match="email, maildir, webhook"):
        get_channel("pigeon", parse_config({}))
    with pytest.raises(InputError, match=r"\[webhook\]"):
        get_channel("webhook", parse_config({}))


def test_channel_config_keys_are_checked(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown notice"):
        parse_config({"email": {"host": "h", "to": ["a@b"], "notices": ["lifts"]}})
    with pytest.raises(InputError, match="unknown key"):
        parse_config({"maildir": {"path": "m", "colour": "red"}})
    cfg = parse_config({"email": {"host": "h", "to": ["a@b"], "ca_file": "ca.pem",
                                  "notices": []}}, tmp_path / "embargo.toml")
    assert cfg.email is not None and cfg.email.ca_file == tmp_path / "ca.pem"
    assert cfg.email.notices == frozenset()
    route = get_channel("email", cfg).route
    assert route.mode_for_notice("lift") == "digest"  # not immediate: waits for 08:00
