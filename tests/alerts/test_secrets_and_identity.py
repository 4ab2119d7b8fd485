"""Issue 11, item 7: ``*_env`` settings are names of environment variables (a value written
there is refused without being echoed), and Message-IDs carry a random identity of the state,
so two installations never issue the same one."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from embargo.alerts import deliver_pending
from embargo.config import load_config
from embargo.errors import InputError
from embargo.state import open_state
from tests.alerts.test_delivery import NOW, email_config, record

SECRET = "hunter2 s3cret!"


@pytest.mark.parametrize("section,key,value", [
    ("email", "password_env", f'"{SECRET}"'),
    ("email", "username_env", f'"{SECRET}"'),
    ("email", "password_env", '"1PASSWORD"'),
    ("webhook", "headers_env", f'["EMBARGO_OK", "{SECRET}"]'),
    ("postgresql", "password_env", f'"{SECRET}"'),
    ("postgresql", "password_env", '"PASSWORD\\n"'),
])
def test_env_settings_must_be_variable_names(tmp_path: Path, section: str, key: str,
                                             value: str) -> None:
    body = {"email": 'host = "127.0.0.1"\nto = ["a@b.example"]\n',
            "webhook": 'url = "http://127.0.0.1:9/hook"\n',
            "postgresql": ""}[section]
    cfg = tmp_path / "embargo.toml"
    cfg.write_text(f"[{section}]\n{body}{key} = {value}\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_config(cfg)
    text = str(e.value)
    assert f"{section}.{key}" in text and "environment variable" in text
    assert "hunter2" not in text and "s3cret" not in text and "1PASSWORD" not in text
    assert len(text.splitlines()) == 1


def test_a_refused_env_setting_is_never_echoed_by_the_cli(cli: Any, tmp_path: Path) -> None:
    cfg = tmp_path / "embargo.toml"
    cfg.write_text(f'[email]\nhost = "127.0.0.1"\nto = ["a@b.example"]\n'
                   f'password_env = "{SECRET}"\n', encoding="utf-8")
    for args in (("status",), ("daemon",)):
        r = cli(*args, "--config", cfg)
        assert r.code == 2 and "hunter2" not in r.out + r.err, r.err
        assert "password_env" in r.err


def test_good_env_names_are_accepted(tmp_path: Path) -> None:
    cfg = tmp_path / "embargo.toml"
    cfg.write_text('[email]\nhost = "127.0.0.1"\nto = ["a@b.example"]\n'
                   'username_env = "EMBARGO_SMTP_USER"\npassword_env = "_pw2"\n'
                   '[webhook]\nurl = "http://127.0.0.1:9/h"\nheaders_env = ["HOOK_AUTH"]\n',
                   encoding="utf-8")
    c = load_config(cfg)
    assert c.email is not None and c.email.password_env == "_pw2"


def test_two_installations_never_issue_the_same_message_id(smtp, violation, session,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path) -> None:
    cfg = email_config(smtp)
    ids = []
    for name in ("a.db", "b.db"):
        with open_state(tmp_path / name) as state:
            record(state, violation, cfg, session.policies)
            assert deliver_pending(state, cfg, NOW).messages == 1
    ids = [m["Message-ID"] for m in smtp.messages()]
    assert len(ids) == 2 and ids[0] != ids[1], ids
    for mid in ids:
        assert re.fullmatch(r"<embargo\.finding-1-[0-9a-f]+-[0-9a-f]{16}@embargo\.example>", mid)


def test_the_identity_is_kept_with_the_state(tmp_path: Path) -> None:
    from embargo.alerts.outbox import state_identity

    with open_state(tmp_path / "s.db") as state:
        first = state_identity(state)
    with open_state(tmp_path / "s.db") as state:
        assert state_identity(state) == first  # a resend after a restart: the same ids
    with open_state(tmp_path / "other.db") as state:
        assert state_identity(state) != first
    assert re.fullmatch(r"[0-9a-f]{16}", first)
