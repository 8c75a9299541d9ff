"""Writes of the API's own records: clients, their keys, subscriptions.

Keys are made and checked with djangorestframework-api-key's `KeyGenerator` (random prefix
and secret, SHA-512 hash, constant-time comparison); only the hash is stored.
"""

import secrets
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework_api_key.crypto import KeyGenerator

from toegang.accounts.models import User
from toegang.core.bsn import tekst_encrypt

from .models import SCOPE_VAN_GEBEURTENIS, Abonnement, ApiClient, ApiSleutel, Gebeurtenis, Scope

SLEUTELS = KeyGenerator(prefix_length=8, secret_key_length=40)


def scopes_clean(scopes: Iterable[str]) -> list[str]:
    bekend = set(Scope.values)
    onbekend = sorted(set(scopes) - bekend)
    if onbekend:
        raise ValidationError(_("Onbekende rechten: %(namen)s.") % {"namen": ", ".join(onbekend)},
                              code="scope")
    return sorted(set(scopes))


@transaction.atomic
def client_create(*, naam: str, organisatie: str, account: User, scopes: Iterable[str],
                  per_minuut: int = 120) -> tuple[ApiClient, str]:
    """A new client with its first key; returns the key (shown once, never stored)."""
    client = ApiClient(naam=naam.strip(), organisatie=organisatie.strip(), account=account,
                       scopes=scopes_clean(scopes), per_minuut=per_minuut)
    client.full_clean()
    client.save()
    return client, sleutel_rotate(client=client)


def _sleutel_nieuw(client: ApiClient, sleutel: str, prefix: str) -> None:
    ApiSleutel.objects.create(client=client, prefix=prefix, hashed_key=SLEUTELS.hash(sleutel))


@transaction.atomic
def sleutel_rotate(*, client: ApiClient, vaste_sleutel: str = "") -> str:
    """Give the client a new key and revoke every older one at once; returns the new key.

    `vaste_sleutel` (`<prefix>.<secret>`) is for the demo data only, so the README can name
    a key that works in `make run`."""
    ApiSleutel.objects.filter(client=client, ingetrokken_op__isnull=True) \
        .update(ingetrokken_op=timezone.now())
    if vaste_sleutel:
        prefix = vaste_sleutel.partition(".")[0]
        ApiSleutel.objects.filter(prefix=prefix).delete()
        _sleutel_nieuw(client, vaste_sleutel, prefix)
        return vaste_sleutel
    sleutel, prefix, hashed = SLEUTELS.generate()
    ApiSleutel.objects.create(client=client, prefix=prefix, hashed_key=hashed)
    return sleutel


@transaction.atomic
def client_revoke(*, client: ApiClient) -> None:
    """Stop a client at once: every key revoked, the client switched off."""
    ApiSleutel.objects.filter(client=client, ingetrokken_op__isnull=True) \
        .update(ingetrokken_op=timezone.now())
    ApiClient.objects.filter(pk=client.pk).update(actief=False)
    client.actief = False


def client_from_key(sleutel: str) -> ApiClient | None:
    """The active client whose usable key this is, or None (unknown, wrong, revoked, expired,
    a client switched off, or its account switched off: the client acts as that account and
    can do no more than it). One query."""
    prefix, punt, rest = sleutel.partition(".")
    if not punt or not prefix or not rest or len(sleutel) > 200:
        return None
    gevonden = (ApiSleutel.objects.filter(prefix=prefix, ingetrokken_op__isnull=True,
                                          client__actief=True, client__account__is_active=True)
                .select_related("client", "client__account").first())
    if gevonden is None or not gevonden.bruikbaar or not SLEUTELS.verify(sleutel,
                                                                           gevonden.hashed_key):
        return None
    return gevonden.client


def webhook_url_clean(url: str) -> str:
    """An https address (http only where the settings allow it, for local testing)."""
    delen = urlsplit(url.strip())
    schemes = {"https", "http"} if settings.API_WEBHOOK_HTTP_TOESTAAN else {"https"}
    if delen.scheme not in schemes or not delen.hostname:
        raise ValidationError(_("Geef een volledig https-adres op."), code="url")
    return url.strip()


def gebeurtenissen_clean(*, client: ApiClient, gebeurtenissen: Iterable[str]) -> list[str]:
    gekozen = sorted(set(gebeurtenissen))
    if not gekozen:
        raise ValidationError(_("Kies ten minste één gebeurtenis."), code="leeg")
    for naam in gekozen:
        if naam not in Gebeurtenis.values:
            raise ValidationError(_("Onbekende gebeurtenis: %(naam)s.") % {"naam": naam},
                                  code="gebeurtenis")
        if not client.mag(SCOPE_VAN_GEBEURTENIS[Gebeurtenis(naam)]):
            raise ValidationError(
                _("Deze client mag de gegevens van %(naam)s niet lezen.") % {"naam": naam},
                code="scope")
    return gekozen


def abonnement_create(*, client: ApiClient, url: str,
                      gebeurtenissen: Iterable[str]) -> tuple[Abonnement, str]:
    """A subscription with a fresh signing secret; returns the secret (shown once)."""
    geheim = secrets.token_urlsafe(32)
    abonnement = Abonnement.objects.create(
        client=client, url=webhook_url_clean(url),
        gebeurtenissen=gebeurtenissen_clean(client=client, gebeurtenissen=gebeurtenissen),
        geheim=tekst_encrypt(geheim))
    return abonnement, geheim
