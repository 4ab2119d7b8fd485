"""What ``embargo serve`` was started with: address, token, limits, where drafts may be kept.

Safe by default: the service listens on 127.0.0.1; bound to any other address it refuses to
start unless the configuration names an environment variable (``[serve] token_env``) that
holds a bearer token, which every request must then carry.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from embargo.config import Config
from embargo.errors import InputError

MIN_TOKEN = 16


@dataclass(frozen=True)
class ServeSettings:
    config_path: Path | None = None
    extra_policies: tuple[str, ...] = ()
    catalog: Path | None = None  # overrides the config's catalogue
    host: str = "127.0.0.1"
    port: int = 8080
    token: str | None = None  # every request must carry it when set
    max_bytes: int = 2 * 1024 * 1024
    keep_drafts: Path | None = None
    reload: bool = True


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def settings_from(config: Config, *, host: str | None = None, port: int | None = None,
                  policies: Sequence[str] = (), catalog: str | Path | None = None,
                  environ: Mapping[str, str] | None = None) -> ServeSettings:
    """Settings from the config's ``[serve]`` table; flags win.  Refuses an unsafe binding."""
    env = os.environ if environ is None else environ
    sv = config.serve
    host = host or sv.host
    port = sv.port if port is None else port
    if not 0 <= port < 65536:
        raise InputError("must be between 0 (any free port) and 65535", key="--port")
    token: str | None = None
    if sv.token_env:
        token = (env.get(sv.token_env) or "").strip() or None
        if token is None:
            raise InputError(f"the environment variable {sv.token_env} named by [serve] "
                             "token_env is unset or empty: put the bearer token in it",
                             path=str(config.path) if config.path else None,
                             key="serve.token_env")
        if len(token) < MIN_TOKEN:
            raise InputError(f"the token in {sv.token_env} is too short: use at least "
                             f"{MIN_TOKEN} random characters", key="serve.token_env")
    if not is_loopback(host) and token is None:
        raise InputError(f"listening on {host} (not loopback) needs a bearer token: set "
                         "[serve] token_env = \"EMBARGO_SERVE_TOKEN\" in the config and put a "
                         "long random token in that environment variable", key="--host")
    return ServeSettings(
        config_path=config.path, extra_policies=tuple(str(p) for p in policies),
        catalog=Path(catalog) if catalog is not None else None, host=host, port=port,
        token=token, max_bytes=sv.max_bytes, keep_drafts=sv.keep_drafts, reload=sv.reload)
