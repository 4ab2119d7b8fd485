"""``embargo serve``: the web page and the HTTP API, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from embargo.cli.common import add_common, config_from
from embargo.errors import InputError

if TYPE_CHECKING:  # every command module is imported to list the commands: keep this light
    import socket

NAME = "serve"
HELP = ("a web page for press officers and an HTTP API (/v1) for newsroom systems; listens on "
        "127.0.0.1 unless --host says otherwise")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(NAME, help=HELP, description=HELP + (
        ". Any address other than loopback needs a bearer token: [serve] token_env in the "
        "config names the environment variable that holds it."))
    p.add_argument("--host", metavar="ADDRESS",
                   help="address to listen on (default: [serve] host, else 127.0.0.1)")
    p.add_argument("--port", metavar="N", type=int,
                   help="port (default: [serve] port, else 8080; 0 picks a free one)")
    p.add_argument("--quiet", action="store_true", help="no access log")
    add_common(p)


def _bind(host: str, port: int) -> socket.socket:
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as e:
        sock.close()
        raise InputError(f"cannot listen on {host}:{port}: {e.strerror}", key="--port"
                         ) from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def run(args: argparse.Namespace) -> int:
    import signal

    from embargo.web import server, settings_from
    from embargo.web.session import Sessions

    cfg = config_from(args)
    settings = settings_from(cfg, host=args.host, port=args.port, policies=args.policies,
                             catalog=args.catalog)
    sessions = Sessions(settings)
    loaded = sessions.load_now()  # a broken policy or catalogue: exit 2 before listening
    sock = _bind(settings.host, settings.port)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"embargo: serving http://{shown}:{port}/ ({len(loaded.emb.policies)} policies, "
          f"catalogue {loaded.emb.catalog.path}; token {'required' if settings.token else 'off'}"
          "); Ctrl-C stops", file=sys.stderr, flush=True)
    stopped: list[int] = []
    # uvicorn re-raises the signal that stopped it once it has shut down; with these
    # handlers in place that ends here, and a stop by SIGTERM or Ctrl-C exits 0.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda signum, _frame: stopped.append(signum))
    try:
        server.run(settings, sessions, sock, access_log=not args.quiet)
    finally:
        sock.close()
    print("embargo: stopped", file=sys.stderr)
    return 0
