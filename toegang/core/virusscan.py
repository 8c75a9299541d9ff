"""A small clamd client: stream a file with the INSTREAM protocol and read the verdict.

clamd listens on a unix socket (`CLAMAV_SOCKET`) or TCP (`CLAMAV_HOST` + `CLAMAV_PORT`). The
protocol: send ``zINSTREAM\\0``, then chunks each prefixed with their length as a 4-byte
big-endian integer, then a zero-length chunk; clamd answers ``stream: OK``,
``stream: <signature> FOUND`` or ``... ERROR``, terminated by NUL (the ``z`` prefix).
See docs/decisions.md for why this is our own code and why an unreachable scanner refuses.
"""

import socket
import struct
from dataclasses import dataclass

from django.conf import settings

CHUNK = 64 * 1024


class ScannerOnbereikbaar(Exception):
    """clamd could not be reached or gave no usable answer."""


@dataclass(frozen=True)
class ScanUitslag:
    schoon: bool
    signatuur: str = ""


def scanner_configured() -> bool:
    return bool(settings.CLAMAV_SOCKET or settings.CLAMAV_HOST)


def _connect() -> socket.socket:
    timeout = float(settings.CLAMAV_TIMEOUT)
    if settings.CLAMAV_SOCKET:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(settings.CLAMAV_SOCKET)
        except OSError:
            sock.close()
            raise
        return sock
    return socket.create_connection((settings.CLAMAV_HOST, int(settings.CLAMAV_PORT)),
                                    timeout=timeout)


def _read_reply(sock: socket.socket) -> bytes:
    reply = b""
    while not reply.endswith(b"\0"):
        part = sock.recv(4096)
        if not part:
            break
        reply += part
        if len(reply) > 4096:
            break
    return reply.rstrip(b"\0").strip()


def parse_reply(reply: bytes) -> ScanUitslag:
    """'stream: OK' → clean; 'stream: Name FOUND' → infected; anything else is an error."""
    text = reply.decode("utf-8", "replace")
    _, _, verdict = text.partition(": ")
    if verdict == "OK":
        return ScanUitslag(schoon=True)
    if verdict.endswith(" FOUND"):
        return ScanUitslag(schoon=False, signatuur=verdict[:-len(" FOUND")].strip()[:200])
    raise ScannerOnbereikbaar(f"clamd answered {text[:200]!r}")


def clamd_scan(data: bytes) -> ScanUitslag:
    """Scan `data` with clamd. Raises ScannerOnbereikbaar when there is no clear verdict."""
    try:
        with _connect() as sock:
            sock.sendall(b"zINSTREAM\0")
            for start in range(0, len(data), CHUNK):
                chunk = data[start:start + CHUNK]
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            reply = _read_reply(sock)
    except OSError as exc:
        raise ScannerOnbereikbaar(str(exc)) from exc
    return parse_reply(reply)
