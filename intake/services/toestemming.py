"""Consent: the versioned purpose texts, whose yes is needed, giving, renewing, withdrawing."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from toegang.accounts.models import User
from toegang.audit.models import Actie
from toegang.audit.services import toegangslog_write
from toegang.core.domein import Wet
from toegang.core.procescache import ProcesCache

from .. import hooks
from ..gegevens import HuishoudlidGegevens
from ..grants import intake_grants_sync
from ..models import (
    Grond,
    Huishoudlid,
    Intake,
    Toestemming,
    ToestemmingDoel,
    ToestemmingGebeurtenis,
    ToestemmingStatus,
    ToestemmingWijze,
)
from ..teksten import STANDAARD_DOELEN

# --- Consent ---------------------------------------------------------------------------------
from .inwoner import inwoner_tell, is_resident_of

_DOELEN: ProcesCache[ToestemmingDoel | None] = ProcesCache("toestemmingdoelen",
                                                           models=(ToestemmingDoel,))


def toestemming_doel_current(*, wet: str) -> ToestemmingDoel:
    """The current version of the purpose text for `wet` (created from the defaults once)."""
    doel = _DOELEN.get(wet, lambda: ToestemmingDoel.objects.filter(wet=wet, actief=True)
                       .order_by("-versie").first())
    if doel is not None:
        return doel
    tekst = STANDAARD_DOELEN[Wet(wet)]
    with override("nl"):
        vraag, uitleg = str(tekst["vraag"]), str(tekst["uitleg"])
    with override("en"):
        vraag_en, uitleg_en = str(tekst["vraag"]), str(tekst["uitleg"])
    doel, _created = ToestemmingDoel.objects.get_or_create(
        code=tekst["code"], versie=1,
        defaults={"wet": wet, "vraag": vraag, "uitleg": uitleg, "vraag_en": vraag_en,
                  "uitleg_en": uitleg_en, "scope": tekst["scope"]})
    return doel


@transaction.atomic
def toestemming_doel_publish(*, wet: str, vraag: str, uitleg: str, scope: list[str],
                             vraag_en: str = "", uitleg_en: str = "",
                             looptijd_dagen: int = 365) -> ToestemmingDoel:
    """Publish a new version of the purpose text; consents given earlier keep theirs."""
    vorige = toestemming_doel_current(wet=wet)
    ToestemmingDoel.objects.filter(pk=vorige.pk).update(actief=False)
    return ToestemmingDoel.objects.create(code=vorige.code, versie=vorige.versie + 1, wet=wet,
                                          vraag=vraag, uitleg=uitleg, vraag_en=vraag_en,
                                          uitleg_en=uitleg_en, scope=scope,
                                          looptijd_dagen=looptijd_dagen)


@dataclass(frozen=True)
class Vereisten:
    """Whose yes is needed: the young person's, a parent's, or both."""

    kind: bool
    ouder: bool


def leeftijd(geboortedatum: date, dag: date) -> int:
    return dag.year - geboortedatum.year - (
        (dag.month, dag.day) < (geboortedatum.month, geboortedatum.day))


def vereisten_voor(*, geboortedatum: date, over_kind: bool,
                   huishouden: Iterable[HuishoudlidGegevens | Huishoudlid],
                   today: date) -> Vereisten:
    """Under 12 a parent decides; 12 to 15 both the young person and a parent; from 16 the
    young person alone (WGBO / Jeugdwet).

    The ages that count are those of the people the question is about. For a household
    member only the birth year is known: the youngest possible age counts, so a child who
    may still be 15 is treated as 15.
    """
    leden = list(huishouden)
    betrokken = [h for h in leden if h.vraag_gaat_over]
    if over_kind and not betrokken:
        betrokken = [h for h in leden if h.relatie == "kind" and today.year - h.geboortejaar < 18]
    ages = [today.year - h.geboortejaar - 1 for h in betrokken]
    if not over_kind or not betrokken:
        ages.append(leeftijd(geboortedatum, today))
    return Vereisten(kind=any(12 <= age < 16 for age in ages),
                     ouder=any(age < 16 for age in ages))


def toestemming_vereisten(*, intake: Intake, today: date | None = None) -> Vereisten:
    """Whose yes a consent on this intake needs (see `vereisten_voor`)."""
    return vereisten_voor(geboortedatum=intake.geboortedatum, over_kind=intake.over_kind,
                          huishouden=intake.huishoudleden.all(),
                          today=today or timezone.localdate())


def _event(toestemming: Toestemming, soort: str, user: User | None, now: datetime) -> None:
    ToestemmingGebeurtenis.objects.create(toestemming=toestemming, soort=soort,
                                          doel_versie=toestemming.doel.versie, door=user,
                                          tijdstip=now, geldig_tot=toestemming.expires_at)


def _log_consent(toestemming: Toestemming, user: User | None, request: HttpRequest | None,
                 wat: str) -> None:
    intake = toestemming.intake
    toegangslog_write(user=user, actie=Actie.TOESTEMMING,
                      grond=Grond.EIGEN if user and is_resident_of(user, intake)
                      else Grond.ROUTERING, object_type="toestemming", object_id=toestemming.pk,
                      intake_id=intake.pk, inwoner_id=intake.inwoner_id,
                      doel=f"{wat} {toestemming.wet}", request=request)


@transaction.atomic
def toestemming_give(*, intake: Intake, wet: str, user: User | None, kind_akkoord: bool = False,
                     ouder_akkoord: bool = False, ouder_naam: str = "",
                     now: datetime | None = None, sync: bool = True,
                     request: HttpRequest | None = None) -> Toestemming:
    """Record a yes to sharing with the teams of `wet`; access follows in this transaction."""
    now = now or timezone.now()
    lopend = Toestemming.objects.select_for_update().filter(
        intake=intake, wet=wet, status__in=[ToestemmingStatus.GEVRAAGD, ToestemmingStatus.GEGEVEN]
    ).first()
    if lopend is not None and lopend.status == ToestemmingStatus.GEGEVEN:
        return lopend
    toestemming = toestemming_record(
        intake=intake, wet=wet, user=user, lopend=lopend, now=now,
        nodig=toestemming_vereisten(intake=intake, today=timezone.localdate(now)),
        kind_akkoord=kind_akkoord, ouder_akkoord=ouder_akkoord, ouder_naam=ouder_naam,
        request=request)
    if sync:
        intake_grants_sync(intake=intake, now=now)
    return toestemming


def toestemming_record(*, intake: Intake, wet: str, user: User | None,
                       lopend: Toestemming | None, nodig: Vereisten, now: datetime,
                       kind_akkoord: bool, ouder_akkoord: bool, ouder_naam: str,
                       request: HttpRequest | None, wijze: str = ToestemmingWijze.ONLINE
                       ) -> Toestemming:
    """Write a given consent. Given aloud (`wijze` telefonisch or persoonlijk), `user` is the
    professional who read out the current text and recorded the answer."""
    if nodig.kind and not kind_akkoord:
        raise ValidationError(_("De jongere (12 tot 16 jaar) moet zelf ook toestemming geven."),
                              code="kind")
    if nodig.ouder and not (ouder_akkoord and ouder_naam.strip()):
        raise ValidationError(_("Voor een kind jonger dan 16 jaar is ook de toestemming van een "
                                "ouder of voogd nodig. Vul de naam van de ouder in."),
                              code="ouder")
    doel = toestemming_doel_current(wet=wet)
    toestemming = lopend or Toestemming(intake=intake, wet=wet)
    toestemming.doel = doel
    toestemming.scope = list(doel.scope)
    toestemming.status = ToestemmingStatus.GEGEVEN
    toestemming.gegeven_door = user
    toestemming.wijze = wijze
    toestemming.vastgelegd_door = user if wijze != ToestemmingWijze.ONLINE else None
    toestemming.kind_akkoord = nodig.kind and kind_akkoord
    toestemming.ouder_akkoord = nodig.ouder and ouder_akkoord
    toestemming.ouder_naam = ouder_naam.strip() if nodig.ouder else ""
    toestemming.given_at = now
    toestemming.expires_at = now + timedelta(days=doel.looptijd_dagen)
    toestemming.save()
    _event(toestemming, ToestemmingGebeurtenis.Soort.GEGEVEN, user, now)
    _log_consent(toestemming, user, request, "gegeven")
    return toestemming


@transaction.atomic
def toestemming_refuse(*, intake: Intake, wet: str, user: User | None,
                       now: datetime | None = None,
                       wijze: str = ToestemmingWijze.ONLINE) -> Toestemming:
    """Record a no, so the question is not asked again as if it were never answered."""
    now = now or timezone.now()
    toestemming = Toestemming.objects.create(
        intake=intake, wet=wet, doel=toestemming_doel_current(wet=wet),
        status=ToestemmingStatus.GEWEIGERD, gegeven_door=user, wijze=wijze,
        vastgelegd_door=user if wijze != ToestemmingWijze.ONLINE else None)
    _event(toestemming, ToestemmingGebeurtenis.Soort.GEWEIGERD, user, now)
    return toestemming


@transaction.atomic
def toestemming_renew(*, toestemming: Toestemming, user: User | None,
                      now: datetime | None = None,
                      request: HttpRequest | None = None) -> Toestemming:
    """Extend a given consent by a new term, under the current version of the purpose."""
    now = now or timezone.now()
    toestemming = Toestemming.objects.select_for_update().get(pk=toestemming.pk)
    if not toestemming.is_active(now):
        raise ValidationError(_("Deze toestemming loopt niet meer. Geef opnieuw toestemming."),
                              code="niet_actief")
    doel = toestemming_doel_current(wet=toestemming.wet)
    toestemming.doel = doel
    toestemming.scope = list(doel.scope)
    toestemming.expires_at = now + timedelta(days=doel.looptijd_dagen)
    toestemming.save(update_fields=["doel", "scope", "expires_at"])
    _event(toestemming, ToestemmingGebeurtenis.Soort.VERNIEUWD, user, now)
    intake_grants_sync(intake=toestemming.intake, now=now)
    _log_consent(toestemming, user, request, "verlengd")
    return toestemming


@transaction.atomic
def toestemming_withdraw(*, toestemming: Toestemming, user: User | None,
                         now: datetime | None = None,
                         request: HttpRequest | None = None) -> Toestemming:
    """Withdraw at once: the teams of that wet lose access in this very transaction."""
    now = now or timezone.now()
    toestemming = Toestemming.objects.select_for_update().get(pk=toestemming.pk)
    if toestemming.status != ToestemmingStatus.GEGEVEN:
        return toestemming
    toestemming.status = ToestemmingStatus.INGETROKKEN
    toestemming.withdrawn_at = now
    toestemming.save(update_fields=["status", "withdrawn_at"])
    _event(toestemming, ToestemmingGebeurtenis.Soort.INGETROKKEN, user, now)
    intake_grants_sync(intake=toestemming.intake, now=now)
    _log_consent(toestemming, user, request, "ingetrokken")
    _ingetrokken_melden(toestemming=toestemming)
    return toestemming


def _ingetrokken_melden(*, toestemming: Toestemming) -> None:
    """A confirmation for the resident, and (through the hook `toestemming_withdrawn`) a
    message for whoever works on the request, whose colleagues of that wet may have lost
    access. Stored in this transaction; e-mails wait in the outbox, so a broker outage delays
    them but loses nothing, and each has a key, so none goes out twice. The resident's
    e-mail names neither the wet nor the request: someone else may read that mailbox."""
    intake = toestemming.intake
    if intake.inwoner_id is not None:
        inwoner_tell(intake=intake, soort="toestemming_ingetrokken",
                     onderwerp=_("Uw toestemming is ingetrokken"),
                     tekst=_("Dit geldt meteen. In Mijn toegang ziet u welke teams uw "
                             "aanvraag nog mogen inzien."),
                     url=reverse("intake:mijn_toestemmingen"),
                     sleutel=f"toestemming:{toestemming.pk}:ingetrokken:inwoner")
    hooks.toestemming_withdrawn(toestemming)


def toestemming_expire_due(*, now: datetime | None = None) -> int:
    """Mark consents past their term as expired and tidy their permission rows."""
    now = now or timezone.now()
    done = 0
    due = list(Toestemming.objects.filter(status=ToestemmingStatus.GEGEVEN, expires_at__lte=now)
               .values_list("pk", flat=True)[:1000])
    for pk in due:
        with transaction.atomic():
            toestemming = (Toestemming.objects.select_for_update(skip_locked=True)
                           .filter(pk=pk, status=ToestemmingStatus.GEGEVEN).first())
            if toestemming is None:
                continue
            toestemming.status = ToestemmingStatus.VERLOPEN
            toestemming.save(update_fields=["status"])
            _event(toestemming, ToestemmingGebeurtenis.Soort.VERLOPEN, None, now)
            intake_grants_sync(intake=toestemming.intake, now=now)
            done += 1
    return done

