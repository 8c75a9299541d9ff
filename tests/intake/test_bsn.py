"""BSN: elfproef, encrypted at rest, keyed hash for look-ups, never shown in full."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from tests.factories import IntakeFactory
from tests.processes import ROOT, process_env
from toegang.audit.models import Toegangslog
from toegang.core import bsn

VALID = ["111222333", "123456782", "012345672", "12345672"]  # 8 digits: leading zero implied
INVALID = ["123456789", "000000000", "11122233", "1112223334", "abcdefghi", "", "111 222 334"]
# Fernet keys other than the test settings' one.
ANDERE_SLEUTEL = "b3RoZXIta2V5LTAwMDAwMDAwMDAwMDAwMDAwMDAwMDA="
NIEUWE_SLEUTEL = "bmV3LWtleS0wMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA="


@pytest.mark.parametrize("value", VALID)
def test_elfproef_accepts_valid_numbers(value: str) -> None:
    assert bsn.bsn_is_valid(value)


@pytest.mark.parametrize("value", INVALID)
def test_elfproef_refuses_invalid_numbers(value: str) -> None:
    assert not bsn.bsn_is_valid(value)


def test_spaces_and_dots_are_ignored() -> None:
    assert bsn.bsn_is_valid("1112.22.333") and bsn.bsn_is_valid(" 111 222 333 ")


def test_mask_shows_only_last_three_digits() -> None:
    assert bsn.bsn_mask("111222333") == "******333"


def test_encrypt_round_trip_and_tokens_differ() -> None:
    a, b = bsn.bsn_encrypt("111222333"), bsn.bsn_encrypt("111222333")
    assert a != b  # random IV: equal BSNs do not give equal ciphertext
    assert bsn.bsn_decrypt(a) == "111222333"


def _na_herstart(code: str, **keys: str) -> str:
    """Run `code` (with `bsn` imported) in a new process with these keys in its environment,
    as the application runs after a restart with a rotated key; what it prints."""
    env = process_env(DJANGO_SETTINGS_MODULE="toegang.settings.test", **keys)
    result = subprocess.run([sys.executable, "-c", f"from toegang.core import bsn; {code}"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_hash_is_stable_and_keyed() -> None:
    first = bsn.bsn_hash("111222333")
    assert first == bsn.bsn_hash("111 222 333")
    hash_met = 'print(bsn.bsn_hash("111222333"))'
    # The same key in another process: the same hash (look-ups keep working after a restart).
    assert _na_herstart(hash_met, BSN_ENCRYPTION_KEY=settings.BSN_ENCRYPTION_KEY) == first
    # Another key: another hash.
    assert _na_herstart(hash_met, BSN_ENCRYPTION_KEY=ANDERE_SLEUTEL) != first


def test_old_key_still_decrypts_after_rotation() -> None:
    token = bsn.bsn_encrypt("123456782")
    assert _na_herstart(f'print(bsn.bsn_decrypt("{token}"))', BSN_ENCRYPTION_KEY=NIEUWE_SLEUTEL,
                        BSN_ENCRYPTION_OLD_KEYS=settings.BSN_ENCRYPTION_KEY) == "123456782"


def test_bsn_is_not_stored_or_logged_in_plain_text(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner, bsn="111222333")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM intake_intake WHERE id = %s", [intake.pk])
        row = " ".join(str(v) for v in cursor.fetchone())
    assert "111222333" not in row
    assert intake.bsn_hash == bsn.bsn_hash("111222333")
    assert intake.bsn_gemaskeerd == "******333"
    for log in Toegangslog.objects.all():
        assert "111222333" not in " ".join(str(v) for v in log.__dict__.values())


def test_invalid_bsn_is_refused_with_a_dutch_message(stad) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        IntakeFactory(bsn="123456789")
    assert "burgerservicenummer klopt niet" in str(exc.value)
