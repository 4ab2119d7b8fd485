"""Running the application under uvicorn on a socket ``embargo serve`` has bound."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from embargo.web.app import create_app
from embargo.web.session import Sessions
from embargo.web.settings import ServeSettings


class NoDelayH11(H11Protocol):
    """HTTP/1.1 with Nagle's algorithm off on each connection.  uvicorn writes a response's
    head and body separately; on a kept-alive connection the body would otherwise wait for
    the client's delayed ACK (about 40 ms on Linux) — more than the service's own work."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock: Any = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


def run(settings: ServeSettings, sessions: Sessions, sock: socket.socket, *,
        access_log: bool = True) -> None:
    app = create_app(settings, sessions)
    server = uvicorn.Server(uvicorn.Config(
        app, http=NoDelayH11, log_level="info", access_log=access_log, lifespan="on",
        server_header=False, timeout_graceful_shutdown=5))
    server.run(sockets=[sock])
