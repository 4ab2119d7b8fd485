"""Real servers on 127.0.0.1 for the alert tests: SMTP (aiosmtpd) and HTTP (http.server)."""

from __future__ import annotations

import email
import email.policy
import json
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Handler:
    def __init__(self, box: SmtpServer) -> None:
        self.box = box

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.box.received.append((envelope.mail_from, list(envelope.rcpt_tos),
                                  bytes(envelope.original_content or envelope.content)))
        return "250 Message accepted for delivery"


@dataclass
class SmtpServer:
    """aiosmtpd on a fixed loopback port that can be stopped and started again."""

    port: int = field(default_factory=free_port)
    received: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    auth: tuple[str, str] | None = None  # require these credentials
    tls_cert: tuple[Path, Path] | None = None  # (cert, key): offer STARTTLS, require it
    _controller: Any = None

    def start(self) -> SmtpServer:
        from aiosmtpd.controller import Controller

        kwargs: dict[str, Any] = {}
        if self.auth is not None:
            user, password = self.auth

            def authenticator(server: Any, session: Any, envelope: Any, mechanism: str,
                              auth_data: Any) -> Any:
                from aiosmtpd.smtp import AuthResult

                ok = (getattr(auth_data, "login", b"") == user.encode()
                      and getattr(auth_data, "password", b"") == password.encode())
                return AuthResult(success=ok, handled=False)

            kwargs.update(authenticator=authenticator, auth_require_tls=self.tls_cert is not None)
        if self.tls_cert is not None:
            import ssl

            ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ctx.load_cert_chain(str(self.tls_cert[0]), str(self.tls_cert[1]))
            kwargs.update(tls_context=ctx, require_starttls=True)
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port,
                                      **kwargs)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def messages(self) -> list[EmailMessage]:
        out = []
        for _, _, raw in self.received:
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            assert isinstance(msg, EmailMessage)
            out.append(msg)
        return out


def make_cert(folder: Path) -> tuple[Path, Path] | None:
    """A self-signed certificate for 127.0.0.1 made with the openssl tool (None without it)."""
    if shutil.which("openssl") is None:
        return None
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True)
    return cert, key


@dataclass
class HttpHook:
    """A webhook receiver: records every POST; answers with ``status`` (changeable)."""

    status: int = 200
    requests: list[tuple[str, dict[str, str], Any]] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None
    thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/hook"

    def start(self) -> HttpHook:
        hook = self

        class H(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                n = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(n)
                try:
                    doc: Any = json.loads(body)
                except ValueError:
                    doc = body
                hook.requests.append((self.path, dict(self.headers.items()), doc))
                self.send_response(hook.status)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"ok" if hook.status < 400 else b"nope")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def running(server: Any) -> Iterator[Any]:
    server.start()
    try:
        yield server
    finally:
        server.stop()
