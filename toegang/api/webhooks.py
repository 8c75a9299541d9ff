"""Webhooks: the outbox of messages to subscribed clients, written in the transaction of the
event and sent afterwards (`tasks.webhooks_versturen`), signed with the subscription's secret
and retried with backoff. A message that keeps failing is marked and counted on Diagnose.

The signature (docs/api.md, Webhooks): `Toegang-Signature: t=<unix time>,v1=<hex>`, where
`<hex>` is HMAC-SHA256 over `"<t>.<raw body>"` with the secret. The body holds ids and
states, never names or content; the error kept for a failed attempt is a status code or an
exception's class, never what the receiver answered.
"""

import hashlib
import hmac
import ipaddress
import json
import logging
import socket
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Min, Q
from django.utils import timezone

from toegang.core.bsn import tekst_decrypt

from .models import SCOPE_VAN_GEBEURTENIS, Gebeurtenis, Webhookbericht, WebhookStatus

logger = logging.getLogger(__name__)

MAX_POGINGEN = 8
TE_LANG_WACHTEND = timedelta(hours=1)
USER_AGENT = "Toegang-Webhooks/1"


def _wacht(pogingen: int) -> timedelta:
    """1, 2, 4, 8 … minutes after the first, second, third … failed attempt."""
    return timedelta(minutes=2 ** max(pogingen - 1, 0))


# --- Writing -----------------------------------------------------------------------------------


def webhookberichten_write(*, abonnement_ids: Iterable[int], gebeurtenis: Gebeurtenis,
                           onderwerp: str, gegevens: dict[str, Any]) -> list[Webhookbericht]:
    """One message per subscription in the current transaction (one INSERT), each with its
    own id; the caller asks for sending once it commits (`tasks.webhooks_plannen`)."""
    tijdstip = timezone.now()
    berichten = [
        Webhookbericht(abonnement_id=pk, gebeurtenis=gebeurtenis, aangemaakt_op=tijdstip,
                       volgende_poging=tijdstip,
                       inhoud={"gebeurtenis": str(gebeurtenis), "id": str(uuid.uuid4()),
                               "tijdstip": tijdstip.isoformat(), onderwerp: gegevens})
        for pk in abonnement_ids]
    return Webhookbericht.objects.bulk_create(berichten) if berichten else []


def webhookbericht_retry(*, bericht_id: int) -> bool:
    """Put a failed message back in the outbox with fresh attempts (the next scan sends it,
    within a minute). False when it was not a failed message."""
    return bool(Webhookbericht.objects.filter(pk=bericht_id, status=WebhookStatus.MISLUKT)
                .update(status=WebhookStatus.TE_VERSTUREN, pogingen=0,
                        volgende_poging=timezone.now()))


# --- Signing -----------------------------------------------------------------------------------


def body_of(inhoud: dict[str, Any]) -> bytes:
    """The exact bytes that are sent and signed."""
    return json.dumps(inhoud, separators=(",", ":"), ensure_ascii=False).encode()


def handtekening(*, geheim: str, tijdstip: int, body: bytes) -> str:
    """The value of `Toegang-Signature` for this body at this unix time."""
    mac = hmac.new(geheim.encode(), f"{tijdstip}.".encode() + body, hashlib.sha256)
    return f"t={tijdstip},v1={mac.hexdigest()}"


# --- Sending -----------------------------------------------------------------------------------


class AdresGeweigerd(Exception):
    """The address may not receive webhooks; trying again will not help."""


def _adres_check(url: str) -> None:
    """Refuse plain http (unless the settings allow it) and, outside DEBUG, any address
    that resolves into a private, loopback, link-local or otherwise non-public network not
    named in API_WEBHOOK_TOEGESTANE_NETWERKEN (SSRF: a client must not make Toegang call
    its own network). A name that does not resolve raises OSError (tried again later).

    The name is resolved again when connecting; a receiver that changes its DNS answer in
    between (rebinding) is not caught here, which is why the setting names networks and
    the egress firewall should block the rest too."""
    delen = urlsplit(url)
    schemes = {"https", "http"} if settings.API_WEBHOOK_HTTP_TOESTAAN else {"https"}
    if delen.scheme not in schemes or not delen.hostname:
        raise AdresGeweigerd("Geweigerd: alleen https-adressen.")
    if settings.DEBUG:
        return
    try:
        poort = delen.port or (443 if delen.scheme == "https" else 80)
    except ValueError as exc:
        raise AdresGeweigerd("Geweigerd: ongeldige poort.") from exc
    toegestaan = [ipaddress.ip_network(n, strict=False)
                  for n in settings.API_WEBHOOK_TOEGESTANE_NETWERKEN]
    for *_, adres in socket.getaddrinfo(delen.hostname, poort, type=socket.SOCK_STREAM):
        ip = ipaddress.ip_address(str(adres[0]).split("%")[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        if any(ip in netwerk for netwerk in toegestaan):
            continue
        if not ip.is_global or ip.is_multicast:
            raise AdresGeweigerd(f"Geweigerd: het adres ligt in een eigen netwerk ({ip}).")


def _post(url: str, *, body: bytes, headers: dict[str, str]) -> int:
    """POST and return the status code; the answer's body is never read."""
    with requests.post(url, data=body, headers=headers, timeout=settings.API_WEBHOOK_TIMEOUT,
                       allow_redirects=False, stream=True) as antwoord:
        return antwoord.status_code


def versturen(*, limiet: int = 200) -> int:
    """Send what is due, each message in its own short transaction (locked, so two workers
    never send the same one). Returns how many were delivered."""
    due = (Webhookbericht.objects
           .filter(status=WebhookStatus.TE_VERSTUREN, volgende_poging__lte=timezone.now())
           .order_by("volgende_poging", "id").values_list("pk", flat=True)[:limiet])
    return sum(_verstuur_een(pk) for pk in list(due))


def _verstuur_een(pk: int) -> bool:
    with transaction.atomic():
        rij = (Webhookbericht.objects.select_for_update(skip_locked=True, of=("self",))
               .select_related("abonnement__client")
               .filter(pk=pk, status=WebhookStatus.TE_VERSTUREN).first())
        if rij is None:
            return False
        abonnement = rij.abonnement
        if not abonnement.client.mag(SCOPE_VAN_GEBEURTENIS[Gebeurtenis(rij.gebeurtenis)]):
            _opgeven(rij, "Geweigerd: de client is uitgezet of mag dit niet meer lezen.")
            return False
        body = body_of(rij.inhoud)
        headers = {
            "Content-Type": "application/json", "User-Agent": USER_AGENT,
            "Toegang-Event": rij.gebeurtenis, "Toegang-Delivery": str(rij.inhoud.get("id", "")),
            "Toegang-Signature": handtekening(geheim=tekst_decrypt(abonnement.geheim),
                                              tijdstip=int(time.time()), body=body)}
        try:
            _adres_check(abonnement.url)
            status = _post(abonnement.url, body=body, headers=headers)
        except AdresGeweigerd as exc:
            _opgeven(rij, str(exc))
            return False
        except (requests.RequestException, OSError) as exc:
            _mislukt(rij, type(exc).__name__)
            return False
        if not 200 <= status < 300:
            _mislukt(rij, f"HTTP {status}")
            return False
        rij.pogingen += 1
        rij.status = WebhookStatus.VERSTUURD
        rij.laatste_fout = ""
        rij.verstuurd_op = timezone.now()
        rij.save(update_fields=["pogingen", "status", "laatste_fout", "verstuurd_op"])
        return True


def _mislukt(rij: Webhookbericht, fout: str) -> None:
    rij.pogingen += 1
    rij.laatste_fout = fout[:300]
    if rij.pogingen >= MAX_POGINGEN:
        rij.status = WebhookStatus.MISLUKT
        logger.warning("Webhook message %s failed after %s tries", rij.pk, rij.pogingen)
    else:
        rij.volgende_poging = timezone.now() + _wacht(rij.pogingen)
    rij.save(update_fields=["pogingen", "laatste_fout", "status", "volgende_poging"])


def _opgeven(rij: Webhookbericht, reden: str) -> None:
    """Trying again will not help: failed at once, with the reason for the beheerder."""
    rij.pogingen += 1
    rij.status = WebhookStatus.MISLUKT
    rij.laatste_fout = reden[:300]
    rij.save(update_fields=["pogingen", "status", "laatste_fout"])
    logger.warning("Webhook message %s refused: %s", rij.pk, reden)


# --- Diagnose ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Webhookstand:
    """Counts of the webhook outbox for Diagnose: no content, no addresses."""

    te_versturen: int
    opnieuw: int
    mislukt: int
    oudste_wachtend: datetime | None
    te_lang: bool

    @property
    def aandacht(self) -> bool:
        """Something the beheerder must look at."""
        return bool(self.mislukt or self.te_lang)


def webhookstand(*, now: datetime | None = None) -> Webhookstand:
    """The counts per state, in one query."""
    now = now or timezone.now()
    wacht = Q(status=WebhookStatus.TE_VERSTUREN)
    telling = Webhookbericht.objects.aggregate(
        te_versturen=Count("pk", filter=wacht),
        opnieuw=Count("pk", filter=wacht & Q(pogingen__gt=0)),
        mislukt=Count("pk", filter=Q(status=WebhookStatus.MISLUKT)),
        oudste_wachtend=Min("aangemaakt_op", filter=wacht))
    oudste = telling["oudste_wachtend"]
    return Webhookstand(**telling, te_lang=oudste is not None and oudste < now - TE_LANG_WACHTEND)

