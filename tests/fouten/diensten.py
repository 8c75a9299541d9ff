"""Throw-away servers for fault tests, started and stopped by the test itself: a PostgreSQL
cluster, a Redis server and an SMTP server whose answers the test decides. The shared
PostgreSQL (5432) and Redis (6379) are never touched."""

import contextlib
import email
import glob
import os
import shutil
import socketserver
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.processes import free_port, process_env, running, wait_for

# --- PostgreSQL ------------------------------------------------------------------------------


def postgres_bin() -> Path | None:
    """The directory with initdb and pg_ctl (Debian keeps them out of PATH)."""
    kandidaten = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if kandidaten:
        return Path(kandidaten[0]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class EigenPostgres:
    """A PostgreSQL cluster of its own in a temporary directory, on a free port. As root the
    cluster runs as the `postgres` user (PostgreSQL refuses to run as root)."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.port = free_port()
        self.map = Path(tempfile.mkdtemp(prefix="toegang-pg-"))
        self.data = self.map / "data"
        self.log = self.map / "postgres.log"
        self._als: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.map, user="postgres")
            self._als = ["runuser", "-u", "postgres", "--"]

    def url(self, database: str = "toegang") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        subprocess.run([*self._als, *args], check=True, capture_output=True, timeout=60)

    def _pg_ctl(self, *args: str) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w",
                  *args)

    def init(self) -> None:
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
                  "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")
        self.start()

    def start(self) -> None:
        self._pg_ctl("-o", f"-p {self.port} -k {self.map} -c listen_addresses=127.0.0.1 "
                           "-c fsync=off -c full_page_writes=off", "start")

    def stop(self) -> None:
        self._pg_ctl("-m", "fast", "stop")

    def restart(self) -> None:
        """`pg_ctl restart -m fast`: every connection is cut, the server comes back."""
        self._pg_ctl("-m", "fast", "restart")

    def createdb(self, naam: str = "toegang") -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres",
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{naam}"')

    def opruimen(self) -> None:
        with contextlib.suppress(Exception):
            self._pg_ctl("-m", "immediate", "stop")
        shutil.rmtree(self.map, ignore_errors=True)


# --- Redis -----------------------------------------------------------------------------------


class EigenRedis:
    """A redis-server of its own on a free port, stopped and started by the test (the same
    port every time, as a restarted Redis would be)."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.folder = folder
        self.cmd = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", str(folder)]

    def ping(self) -> bool:
        import redis

        try:
            return bool(redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping())
        except redis.RedisError:
            return False

    @contextlib.contextmanager
    def draait(self, naam: str = "redis") -> Iterator[subprocess.Popen]:
        log = self.folder / f"{naam}.log"
        with running(self.cmd, process_env(), log) as proc:
            wait_for(self.ping, what=f"{naam} on port {self.port}", logs=[log])
            yield proc


# --- SMTP ------------------------------------------------------------------------------------


@dataclass
class Bericht:
    van: str
    aan: list[str]
    data: bytes

    @property
    def onderwerp(self) -> str:
        return str(email.message_from_bytes(self.data)["Subject"])

    @property
    def tekst(self) -> str:
        """The decoded text of every part (plain and HTML)."""
        delen = email.message_from_bytes(self.data).walk()
        return "\n".join(d.get_payload(decode=True).decode(d.get_content_charset() or "utf-8")
                         for d in delen if d.get_content_maintype() == "text")


@dataclass
class SmtpServer:
    """A small SMTP server in a thread of the test. `antwoord` decides what it says: "250"
    accepts; "421"/"451" refuse for now; "550" refuses for good. With `hangen`
    it reads the whole message and then keeps quiet (no 250), until the test kills the
    sender. A message counts as delivered only once the server answered 250 after DATA.
    A 4xx answer comes at MAIL FROM (the server is busy), a 5xx at RCPT TO (this address
    is refused), as real servers do."""

    antwoord: str = "250"
    hangen: bool = False
    afgeleverd: list[Bericht] = field(default_factory=list)
    verbindingen: int = 0
    data_binnen: threading.Event = field(default_factory=threading.Event)
    port: int = 0

    @contextlib.contextmanager
    def draait(self) -> Iterator["SmtpServer"]:
        server_zelf = self

        class Handler(socketserver.StreamRequestHandler):
            def regel(self, tekst: str) -> None:
                self.wfile.write(tekst.encode() + b"\r\n")

            def handle(self) -> None:
                server_zelf.verbindingen += 1
                self.regel("220 test-smtp ESMTP")
                van, aan = "", []
                while line := self.rfile.readline():
                    opdracht = line.decode(errors="replace").strip()
                    woord = opdracht.split(" ", 1)[0].upper()
                    if woord in ("EHLO", "HELO"):
                        self.regel("250 test-smtp")
                    elif woord == "MAIL":
                        code = server_zelf.antwoord
                        if code.startswith("4"):  # busy, greylisting: try again later
                            self.regel(f"{code} 4.3.0 Nu niet, probeer het later (test)")
                            continue
                        van, aan = opdracht, []
                        self.regel("250 OK")
                    elif woord == "RCPT":
                        ontvanger = opdracht.split(":", 1)[1].strip(" <>")
                        if server_zelf.antwoord.startswith("5"):  # refused for good
                            self.regel(f"{server_zelf.antwoord} 5.1.1 <{ontvanger}> geweigerd")
                            continue
                        aan.append(ontvanger)
                        self.regel("250 OK")
                    elif woord == "DATA":
                        self.regel("354 Einde met <CRLF>.<CRLF>")
                        data = b""
                        while (stuk := self.rfile.readline()) not in (b".\r\n", b""):
                            data += stuk
                        if stuk == b"":
                            return  # the sender went away mid-message: nothing delivered
                        if server_zelf.hangen:
                            server_zelf.data_binnen.set()
                            self.rfile.readline()  # waits until the sender is gone
                            return
                        server_zelf.afgeleverd.append(Bericht(van, aan, data))
                        self.regel("250 OK afgeleverd")
                    elif woord == "QUIT":
                        self.regel("221 Dag")
                        return
                    else:
                        self.regel("250 OK")

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        with Server(("127.0.0.1", 0), Handler) as server:
            self.port = server.server_address[1]
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            try:
                yield self
            finally:
                server.shutdown()


def mailinstellingen(smtp: SmtpServer) -> dict[str, str]:
    """Environment for a process that sends through `smtp`."""
    return {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp.port), "EMAIL_TIMEOUT": "30"}
