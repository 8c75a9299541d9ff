"""Burgerservicenummer: elfproef validation, encryption at rest and a keyed hash for look-ups.

The BSN is stored as a Fernet token (AES + HMAC) under `BSN_ENCRYPTION_KEY`; the look-up column
holds an HMAC-SHA256 under a key derived from the same secret (HKDF), so equal BSNs can be
found without decrypting and the hash is useless without the key. Older keys can be listed in
`BSN_ENCRYPTION_OLD_KEYS` to rotate: new tokens use the first key, old ones still decrypt.
"""

import base64
import functools
import hashlib
import hmac
import re

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_NOISE = re.compile(r"[\s.\-]")


def bsn_normalise(value: str) -> str:
    """Drop spaces, dots and dashes; an 8-digit BSN gets its leading zero back."""
    digits = _NOISE.sub("", value or "")
    if len(digits) == 8 and digits.isdigit():
        digits = "0" + digits
    return digits


def bsn_is_valid(value: str) -> bool:
    """The elfproef: 9 digits, weights 9..2 and -1, sum divisible by 11, not all zeros."""
    digits = bsn_normalise(value)
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total % 11 == 0


def bsn_mask(value: str) -> str:
    """Show only the last three digits: ******789."""
    digits = bsn_normalise(value)
    return "*" * 6 + digits[-3:] if len(digits) == 9 else ""


@functools.cache
def _keys() -> tuple[bytes, ...]:
    keys = [settings.BSN_ENCRYPTION_KEY, *settings.BSN_ENCRYPTION_OLD_KEYS]
    if not keys[0]:
        raise ImproperlyConfigured("Set BSN_ENCRYPTION_KEY (a Fernet key) to store BSNs.")
    return tuple(k.encode() if isinstance(k, str) else k for k in keys if k)


@functools.cache
def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(k) for k in _keys()])


@functools.cache
def _hmac_key() -> bytes:
    secret = base64.urlsafe_b64decode(_keys()[0])
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"toegang-bsn-lookup").derive(secret)


def bsn_encrypt(bsn: str) -> str:
    return _fernet().encrypt(bsn_normalise(bsn).encode()).decode()


def bsn_decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ValueError("BSN token cannot be decrypted with the configured keys") from exc


def tekst_encrypt(tekst: str) -> str:
    """Encrypt any text that holds personal data (a stored iStandaarden message) with the
    same keys as the BSN, so key rotation covers it too."""
    return _fernet().encrypt(tekst.encode()).decode()


def tekst_decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ValueError("Text cannot be decrypted with the configured keys") from exc


def bsn_hash(bsn: str) -> str:
    return hmac.new(_hmac_key(), bsn_normalise(bsn).encode(), hashlib.sha256).hexdigest()
