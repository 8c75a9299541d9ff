"""A fake clamd for tests: a thread that speaks the INSTREAM protocol on a unix socket or a
TCP port on 127.0.0.1 and answers like clamd (EICAR is 'found', everything else is OK)."""

import contextlib
import hashlib
import socket
import struct
import threading
from pathlib import Path

from tests.bestanden import EICAR


class FakeClamd:
    def __init__(self, *, unix_path: Path | None = None, answer: bytes | None = None,
                 silent: bool = False) -> None:
        self.answer = answer
        self.silent = silent
        self.received: list[str] = []  # sha256 of every stream, in order
        self.commands: list[bytes] = []
        if unix_path is not None:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.sock.bind(str(unix_path))
            self.address: str | tuple[str, int] = str(unix_path)
        else:
            self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self.sock.bind(("127.0.0.1", 0))
            self.address = self.sock.getsockname()
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _read_exact(self, conn: socket.socket, n: int) -> bytes:
        data = b""
        while len(data) < n:
            part = conn.recv(n - len(data))
            if not part:
                raise ConnectionError("closed")
            data += part
        return data

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        command = b""
        while not command.endswith(b"\0"):
            part = conn.recv(1)
            if not part:
                return
            command += part
        self.commands.append(command)
        stream = b""
        while True:
            (length,) = struct.unpack("!L", self._read_exact(conn, 4))
            if length == 0:
                break
            stream += self._read_exact(conn, length)
        self.received.append(hashlib.sha256(stream).hexdigest())
        if self.silent:
            return
        if self.answer is not None:
            conn.sendall(self.answer)
        elif EICAR in stream:
            conn.sendall(b"stream: Eicar-Signature FOUND\0")
        else:
            conn.sendall(b"stream: OK\0")

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            with conn, contextlib.suppress(ConnectionError, OSError, struct.error):
                self._handle(conn)

    def close(self) -> None:
        self._stop.set()
        self.thread.join(timeout=5)
        self.sock.close()
