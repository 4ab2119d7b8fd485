"""A throw-away PostgreSQL server on 127.0.0.1 for tests and benchmarks.

``PgServer.start()`` runs ``initdb`` in a new temporary folder and ``pg_ctl start`` on a free
port, listening on 127.0.0.1 only (and a Unix socket inside that folder); ``stop()`` stops it
and removes the folder.  The server refuses to run as root, so when we are root (CI on this
project's machines) the folder is given to an unprivileged user (``postgres`` when the
distribution's package made it, else ``nobody``) and the binaries run as that user through
``runuser``.  fsync is off: the data is thrown away anyway, and the tests kill daemons, not
the server.

Run it by hand too: ``python -m tests.pgserver`` starts one, prints its URL and waits for
Ctrl-C.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUPERUSER = "embargo"
DATABASE = "embargo_test"


def find_bin(name: str) -> str | None:
    """``initdb``/``pg_ctl``/``postgres``: on PATH, else in Debian's versioned folders."""
    found = shutil.which(name)
    if found:
        return found
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        cand = folder / name
        if cand.exists():
            return str(cand)
    return None


def available() -> str | None:
    """``None`` when a server can be started here, else why not."""
    missing = [n for n in ("initdb", "pg_ctl") if find_bin(n) is None]
    if missing:
        return (f"PostgreSQL server binaries not found ({', '.join(missing)}); install the "
                "distribution's postgresql package")
    if os.geteuid() == 0 and _unprivileged_user() is None:
        return "running as root and no unprivileged user (postgres or nobody) to run the server"
    return None


def _unprivileged_user() -> str | None:
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    def __init__(self) -> None:
        self.folder: Path | None = None
        self.port = 0
        self.user: str | None = None

    @property
    def url(self) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{DATABASE}"

    def _run(self, *cmd: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        argv = list(cmd)
        if self.user is not None:
            argv = ["runuser", "-u", self.user, "--", *argv]
        return subprocess.run(argv, capture_output=True, text=True, timeout=timeout,
                              cwd=str(self.folder), stdin=subprocess.DEVNULL)

    def start(self) -> PgServer:
        why = available()
        if why:
            raise RuntimeError(why)
        initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
        assert initdb and pg_ctl
        self.folder = Path(tempfile.mkdtemp(prefix="embargo-pg-"))
        if os.geteuid() == 0:
            self.user = _unprivileged_user()
            assert self.user is not None
            ent = pwd.getpwnam(self.user)
            os.chown(self.folder, ent.pw_uid, ent.pw_gid)
        data = self.folder / "data"
        r = self._run(initdb, "-D", str(data), "-U", SUPERUSER, "--auth=trust",
                      "--encoding=UTF8", "--locale=C", "--no-sync")
        if r.returncode != 0:
            raise RuntimeError(f"initdb failed: {r.stderr.strip() or r.stdout.strip()}")
        last = ""
        for _ in range(5):  # the free port may be taken between the check and the start
            self.port = _free_port()
            opts = (f"-h 127.0.0.1 -p {self.port} -k {self.folder} -F "
                    "-c max_connections=200 -c shared_buffers=32MB -c full_page_writes=off "
                    "-c synchronous_commit=off")
            r = self._run(pg_ctl, "-D", str(data), "-l", str(self.folder / "server.log"),
                          "-o", opts, "-w", "-t", "60", "start")
            if r.returncode == 0:
                break
            last = r.stderr.strip() or r.stdout.strip()
            with contextlib.suppress(OSError):
                last += " " + (self.folder / "server.log").read_text()[-500:]
        else:
            raise RuntimeError(f"pg_ctl start failed: {last}")
        self._create_database()
        return self

    def _create_database(self) -> None:
        import psycopg

        admin = f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/postgres"
        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"CREATE DATABASE {DATABASE}")
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def restart(self) -> None:
        """Stop the server (every connection is cut; committed data stays: a "fast" stop, not
        a crash, since commits are not synced here) and start it again on the same port."""
        pg_ctl = find_bin("pg_ctl")
        assert pg_ctl and self.folder is not None
        data = self.folder / "data"
        r = self._run(pg_ctl, "-D", str(data), "-l", str(self.folder / "server.log"), "-m",
                      "fast", "-w", "-t", "60", "restart")
        if r.returncode != 0:
            raise RuntimeError(f"pg_ctl restart failed: {r.stderr.strip() or r.stdout.strip()}")

    def stop(self) -> None:
        if self.folder is None:
            return
        pg_ctl = find_bin("pg_ctl")
        data = self.folder / "data"
        if pg_ctl and data.exists():
            self._run(pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop", timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None


def main() -> int:
    server = PgServer().start()
    print(server.url, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
