"""Writes on the single record: submitting, adding information, consent, safety overrides.

Every function here is keyword-only and atomic, writes the access log with the acting user and
keeps the object permissions in step (`intake_grants_sync`) in the same transaction.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from toegang.accounts.models import Rol, User
from toegang.audit.models import Actie
from toegang.audit.services import toegangslog_write
from toegang.berichten.services import notificatie_send
from toegang.core.bsn import bsn_encrypt, bsn_hash, bsn_is_valid
from toegang.core.domein import Wet
from toegang.core.procescache import ProcesCache
from toegang.core.uploads import GecontroleerdBestand, upload_check
from toegang.organisatie.models import Team
from toegang.organisatie.services import intake_route

from .grants import intake_grants_sync, werkvoorraad_sync
from .models import (
    Aanvulling,
    Beoordeling,
    Bijlage,
    Grond,
    Huishoudlid,
    Intake,
    IntakeLevensgebied,
    Referentieteller,
    Toestemming,
    ToestemmingDoel,
    ToestemmingGebeurtenis,
    ToestemmingStatus,
    Urgentie,
    Veiligheid,
    Veiligheidsmelding,
)
from .teksten import STANDAARD_DOELEN

# --- Submitting ------------------------------------------------------------------------------


@dataclass
class HuishoudlidGegevens:
    relatie: str
    naam: str
    geboortejaar: int
    vraag_gaat_over: bool = False


@dataclass
class IntakeGegevens:
    """Everything a resident (or a professional on the phone) tells us in an intake."""

    voornaam: str
    achternaam: str
    geboortedatum: date
    vraag: str
    postcode: str = ""
    straat: str = ""
    woonplaats: str = ""
    geen_vast_adres: bool = False
    bsn: str = ""
    telefoon: str = ""
    email: str = ""
    contact_voorkeur: str = "telefoon"
    contact_tijden: str = ""
    levensgebieden: list[str] = field(default_factory=list)
    over_kind: bool = False
    huishouden: list[HuishoudlidGegevens] = field(default_factory=list)
    wat_gaat_goed: str = ""
    wie_helpt: str = ""
    wens: str = ""
    urgentie: str = Urgentie.NORMAAL
    veiligheid: str = ""
    veiligheid_toelichting: str = ""


@dataclass
class ToestemmingKeuze:
    """A resident's yes or no to sharing with the teams of one wet."""

    wet: str
    akkoord: bool
    kind_akkoord: bool = False
    ouder_akkoord: bool = False
    ouder_naam: str = ""


def referentie_next(*, now: datetime | None = None) -> str:
    """The next human-friendly reference of this year: TG-2026-000123.

    On PostgreSQL a sequence per year hands out the number without locking, so concurrent
    submissions do not wait for each other; a rolled-back submission leaves a gap."""
    jaar = timezone.localtime(now or timezone.now()).year
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT intake_referentie_volgende(%s)", [jaar])
            nummer = cursor.fetchone()[0]
    else:
        nummer = _teller_ophogen(jaar)
    return f"TG-{jaar}-{nummer:06d}"


def _teller_ophogen(jaar: int) -> int:
    # One statement takes the number and locks the row until commit (SQLite and tests).
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Referentieteller._meta.db_table} SET laatste = laatste + 1 "
                       "WHERE jaar = %s RETURNING laatste", [jaar])
        row = cursor.fetchone()
    if row is None:
        Referentieteller.objects.get_or_create(jaar=jaar)
        return _teller_ophogen(jaar)
    return int(row[0])


_REEKSEN = r"intake\_referentie\_%"


def referenties_in_gebruik() -> dict[int, int]:
    """The last reference number taken per year, wherever it is kept (for seeders)."""
    stand = dict(Referentieteller.objects.values_list("jaar", "laatste"))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT sequencename, last_value FROM pg_sequences "
                           "WHERE sequencename LIKE %s AND last_value IS NOT NULL", [_REEKSEN])
            for naam, laatste in cursor.fetchall():
                jaar = int(naam.rsplit("_", 1)[1])
                stand[jaar] = max(stand.get(jaar, 0), int(laatste))
    return stand


def referenties_reserveren(*, jaar: int, tot: int) -> None:
    """Numbers up to `tot` of `jaar` are taken (bulk seeders write references themselves)."""
    Referentieteller.objects.update_or_create(jaar=jaar, defaults={"laatste": tot})
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # setval is strict: when the year has no sequence yet, this does nothing and the
            # sequence will start from the counter row on first use.
            cursor.execute("SELECT setval(to_regclass(%s), %s)",
                           [f"intake_referentie_{jaar}", tot])


def referenties_opnieuw() -> None:
    """Start the numbering again when there are no intakes (after a flush in tests)."""
    if (connection.vendor != "postgresql"
            or Intake._meta.db_table not in connection.introspection.table_names()
            or Intake.objects.exists()):
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT sequencename FROM pg_sequences WHERE sequencename LIKE %s",
                       [_REEKSEN])
        for (naam,) in cursor.fetchall():
            cursor.execute(f'DROP SEQUENCE IF EXISTS "{naam}"')


def _intake_fields(gegevens: IntakeGegevens) -> dict:
    if gegevens.bsn and not bsn_is_valid(gegevens.bsn):
        raise ValidationError({"bsn": _("Dit burgerservicenummer klopt niet. Controleer de "
                                        "9 cijfers.")})
    urgentie = gegevens.urgentie
    if gegevens.veiligheid == Veiligheid.ONVEILIG:
        urgentie = Urgentie.URGENT  # someone is unsafe now: never a normal wait
    return {
        "voornaam": gegevens.voornaam.strip(), "achternaam": gegevens.achternaam.strip(),
        "geboortedatum": gegevens.geboortedatum,
        "bsn_versleuteld": bsn_encrypt(gegevens.bsn) if gegevens.bsn else "",
        "bsn_hash": bsn_hash(gegevens.bsn) if gegevens.bsn else "",
        "straat": gegevens.straat.strip(), "postcode": gegevens.postcode.strip().upper(),
        "woonplaats": gegevens.woonplaats.strip(), "geen_vast_adres": gegevens.geen_vast_adres,
        "telefoon": gegevens.telefoon.strip(), "email": gegevens.email.strip(),
        "contact_voorkeur": gegevens.contact_voorkeur, "contact_tijden": gegevens.contact_tijden,
        "vraag": gegevens.vraag.strip(), "over_kind": gegevens.over_kind,
        "wat_gaat_goed": gegevens.wat_gaat_goed.strip(), "wie_helpt": gegevens.wie_helpt.strip(),
        "wens": gegevens.wens.strip(), "urgentie": urgentie, "veiligheid": gegevens.veiligheid,
        "veiligheid_toelichting": gegevens.veiligheid_toelichting.strip(),
    }


@transaction.atomic
def intake_submit(*, gegevens: IntakeGegevens, kanaal: str, inwoner: User | None = None,
                  ingevoerd_door: User | None = None, indien_sleutel: uuid.UUID | None = None,
                  toestemmingen: Iterable[ToestemmingKeuze] = (),
                  request: HttpRequest | None = None, now: datetime | None = None) -> Intake:
    """Store the one Intake, route it to its front-door team and record the consents.

    Idempotent on `indien_sleutel`: a double click or a resent form returns the intake that
    was stored the first time.
    """
    if indien_sleutel is not None:
        existing = Intake.objects.filter(indien_sleutel=indien_sleutel).first()
        if existing is not None:
            return existing
    fields = _intake_fields(gegevens)
    route = intake_route(postcode="" if gegevens.geen_vast_adres else gegevens.postcode,
                         levensgebieden=gegevens.levensgebieden, over_kind=gegevens.over_kind)
    now = now or timezone.now()
    try:
        with transaction.atomic():
            intake = Intake.objects.create(
                referentie=referentie_next(now=now), inwoner=inwoner, kanaal=kanaal,
                ingevoerd_door=ingevoerd_door, indien_sleutel=indien_sleutel,
                wijk=route.wijk, team=route.team, routing_regel=route.regel, ingediend_op=now,
                **fields)
    except IntegrityError:
        # The same form arrived twice at the same moment: the other request stored it.
        if indien_sleutel is not None:
            return Intake.objects.get(indien_sleutel=indien_sleutel)
        raise
    IntakeLevensgebied.objects.bulk_create(
        [IntakeLevensgebied(intake=intake, levensgebied=g) for g in dict.fromkeys(
            gegevens.levensgebieden)])
    huishouden = Huishoudlid.objects.bulk_create(
        [Huishoudlid(intake=intake, relatie=h.relatie, naam=h.naam.strip(),
                     geboortejaar=h.geboortejaar, vraag_gaat_over=h.vraag_gaat_over)
         for h in gegevens.huishouden])
    actor = inwoner or ingevoerd_door
    # A new intake has no consents yet and we hold its household: no need to read them back.
    nodig = vereisten_voor(geboortedatum=intake.geboortedatum, over_kind=intake.over_kind,
                           huishouden=huishouden, today=timezone.localdate(now))
    gegeven = []
    for keuze in toestemmingen:
        if keuze.akkoord:
            gegeven.append(_toestemming_vastleggen(
                intake=intake, wet=keuze.wet, user=actor, lopend=None, nodig=nodig, now=now,
                kind_akkoord=keuze.kind_akkoord, ouder_akkoord=keuze.ouder_akkoord,
                ouder_naam=keuze.ouder_naam, request=request))
        else:
            toestemming_refuse(intake=intake, wet=keuze.wet, user=actor, now=now)
    intake_grants_sync(intake=intake, now=now, nieuw=True, toestemmingen=gegeven)
    from regie.services import termijn_eerste_contact  # regie builds on intake

    termijn_eerste_contact(intake=intake)
    toegangslog_write(user=actor, actie=Actie.INDIENEN, grond=Grond.EIGEN if inwoner
                      else Grond.ROUTERING, object_type="intake", object_id=intake.pk,
                      intake_id=intake.pk, inwoner_id=inwoner.pk if inwoner else None,
                      namens=intake.naam if ingevoerd_door else "", request=request)
    return intake


@transaction.atomic
def intake_status_set(*, intake_id: int, status: str) -> None:
    """Set the intake's status (picked up, finished, reopened) and keep its queue rows in step."""
    Intake.objects.filter(pk=intake_id).update(status=status)
    werkvoorraad_sync(intake_id=intake_id, status=status)


@transaction.atomic
def intake_claim(*, intake: Intake, inwoner: User, request: HttpRequest | None = None) -> Intake:
    """Link an intake sent without an account to the resident's account (once)."""
    if inwoner.rol != Rol.INWONER:
        raise PermissionDenied
    updated = Intake.objects.filter(pk=intake.pk, inwoner__isnull=True).update(inwoner=inwoner)
    if not updated and intake.inwoner_id != inwoner.pk:
        raise ValidationError(_("Deze aanvraag hoort al bij een ander account."))
    intake.inwoner = inwoner
    if updated:
        toegangslog_write(user=inwoner, actie=Actie.WIJZIGEN, grond=Grond.EIGEN,
                          object_type="intake", object_id=intake.pk, intake_id=intake.pk,
                          inwoner_id=inwoner.pk, doel="gekoppeld aan het account van de inwoner",
                          request=request)
    return intake


# --- Adding information ----------------------------------------------------------------------


def _is_resident_of(user: User, intake: Intake) -> bool:
    return user.rol == Rol.INWONER and intake.inwoner_id == user.pk


def _bijlagen_check(*, intake: Intake, uploads: list[UploadedFile]
                    ) -> list[GecontroleerdBestand]:
    """Count and content of every file before anything is stored, so a refused file leaves
    no half-written addition and no orphan file behind."""
    if Bijlage.objects.filter(intake=intake).count() + len(uploads) \
            > settings.BIJLAGEN_MAX_AANTAL:
        raise ValidationError(_("U kunt bij één aanvraag maximaal %(n)s bestanden meesturen.")
                              % {"n": settings.BIJLAGEN_MAX_AANTAL}, code="te_veel")
    return [upload_check(upload) for upload in uploads]


def _bijlage_store(*, user: User, intake: Intake, upload: UploadedFile,
                   checked: GecontroleerdBestand, aanvulling: Aanvulling | None) -> Bijlage:
    bijlage = Bijlage(intake=intake, aanvulling=aanvulling, naam=checked.naam,
                      content_type=checked.content_type, grootte=checked.grootte,
                      sha256=checked.sha256, toegevoegd_door=user)
    # The storage name is random (`_bijlage_pad`); nothing the resident sent is in the path.
    bijlage.bestand.save("bijlage", upload, save=False)
    bijlage.save()
    return bijlage


@transaction.atomic
def bijlage_add(*, user: User, intake: Intake, upload: UploadedFile,
                aanvulling: Aanvulling | None = None,
                request: HttpRequest | None = None) -> Bijlage:
    """Store an attachment privately under a random name after checking its content."""
    [checked] = _bijlagen_check(intake=intake, uploads=[upload])
    return _bijlage_store(user=user, intake=intake, upload=upload, checked=checked,
                          aanvulling=aanvulling)


@transaction.atomic
def aanvulling_add(*, user: User, intake: Intake, tekst: str, grond: str,
                   bestanden: Iterable[UploadedFile] = (),
                   request: HttpRequest | None = None) -> Aanvulling:
    """Append information to an intake; earlier answers are never overwritten."""
    tekst = tekst.strip()
    files = list(bestanden)
    if not tekst and not files:
        raise ValidationError(_("Schrijf iets op of kies een bestand."), code="leeg")
    checked = _bijlagen_check(intake=intake, uploads=files)
    aanvulling = Aanvulling.objects.create(intake=intake, tekst=tekst, toegevoegd_door=user,
                                           namens_inwoner=not _is_resident_of(user, intake))
    for upload, controle in zip(files, checked, strict=True):
        _bijlage_store(user=user, intake=intake, upload=upload, checked=controle,
                       aanvulling=aanvulling)
    toegangslog_write(user=user, actie=Actie.AANVULLEN, grond=grond, object_type="aanvulling",
                      object_id=aanvulling.pk, intake_id=intake.pk, inwoner_id=intake.inwoner_id,
                      request=request)
    return aanvulling


# --- Consent ---------------------------------------------------------------------------------


_DOELEN: ProcesCache[ToestemmingDoel | None] = ProcesCache("toestemmingdoelen",
                                                           models=(ToestemmingDoel,))


def toestemming_doel_actueel(*, wet: str) -> ToestemmingDoel:
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
    vorige = toestemming_doel_actueel(wet=wet)
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
                      grond=Grond.EIGEN if user and _is_resident_of(user, intake)
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
    toestemming = _toestemming_vastleggen(
        intake=intake, wet=wet, user=user, lopend=lopend, now=now,
        nodig=toestemming_vereisten(intake=intake, today=timezone.localdate(now)),
        kind_akkoord=kind_akkoord, ouder_akkoord=ouder_akkoord, ouder_naam=ouder_naam,
        request=request)
    if sync:
        intake_grants_sync(intake=intake, now=now)
    return toestemming


def _toestemming_vastleggen(*, intake: Intake, wet: str, user: User | None,
                            lopend: Toestemming | None, nodig: Vereisten, now: datetime,
                            kind_akkoord: bool, ouder_akkoord: bool, ouder_naam: str,
                            request: HttpRequest | None) -> Toestemming:
    if nodig.kind and not kind_akkoord:
        raise ValidationError(_("De jongere (12 tot 16 jaar) moet zelf ook toestemming geven."),
                              code="kind")
    if nodig.ouder and not (ouder_akkoord and ouder_naam.strip()):
        raise ValidationError(_("Voor een kind jonger dan 16 jaar is ook de toestemming van een "
                                "ouder of voogd nodig. Vul de naam van de ouder in."),
                              code="ouder")
    doel = toestemming_doel_actueel(wet=wet)
    toestemming = lopend or Toestemming(intake=intake, wet=wet)
    toestemming.doel = doel
    toestemming.scope = list(doel.scope)
    toestemming.status = ToestemmingStatus.GEGEVEN
    toestemming.gegeven_door = user
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
                       now: datetime | None = None) -> Toestemming:
    """Record a no, so the question is not asked again as if it were never answered."""
    now = now or timezone.now()
    toestemming = Toestemming.objects.create(intake=intake, wet=wet,
                                             doel=toestemming_doel_actueel(wet=wet),
                                             status=ToestemmingStatus.GEWEIGERD,
                                             gegeven_door=user)
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
    doel = toestemming_doel_actueel(wet=toestemming.wet)
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
    """A confirmation for the resident and a message for the regiehouder, whose colleagues of
    that wet may have lost access. Stored in this transaction; their e-mails wait in the
    outbox, so a broker outage delays them but loses nothing, and each has a key, so none
    goes out twice. The resident's e-mail names neither the wet nor the request: someone
    else may read that mailbox."""
    from casussen.services import huidige_regiehouder  # casussen builds on intake

    intake = toestemming.intake
    if intake.inwoner is not None:
        notificatie_send(ontvanger=intake.inwoner, soort="toestemming_ingetrokken",
                         onderwerp=_("Uw toestemming is ingetrokken"),
                         tekst=_("Dit geldt meteen. In Mijn toegang ziet u welke teams uw "
                                 "aanvraag nog mogen inzien."),
                         url=reverse("intake:mijn_toestemmingen"),
                         sleutel=f"toestemming:{toestemming.pk}:ingetrokken:inwoner")
    casus = getattr(intake, "casus", None)
    regie = huidige_regiehouder(casus) if casus is not None else None
    if regie is not None:
        notificatie_send(
            ontvanger=regie.user, soort="toestemming_ingetrokken",
            onderwerp=_("Toestemming ingetrokken bij %(ref)s") % {"ref": intake.referentie},
            tekst=_("De inwoner heeft de toestemming voor de %(wet)s ingetrokken. Teams die "
                    "alleen daardoor meekeken, hebben vanaf nu geen toegang meer.")
            % {"wet": Wet(toestemming.wet).label},
            url=casus.get_absolute_url(),  # type: ignore[union-attr]
            sleutel=f"toestemming:{toestemming.pk}:ingetrokken:{regie.user_id}")


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


# --- Safety override (Meldcode) --------------------------------------------------------------


def _teamleiders_of(user: User) -> list[User]:
    return list(User.objects.filter(rol=Rol.TEAMLEIDER, is_active=True,
                                    lidmaatschappen__team__in=user.teams.all()).distinct())


@transaction.atomic
def veiligheidsmelding_create(*, user: User, intake: Intake, reden: str, meldcode_stap: int,
                              teams: Iterable[Team], tonen_aan_inwoner: bool = True,
                              reden_niet_tonen: str = "", now: datetime | None = None,
                              request: HttpRequest | None = None) -> Veiligheidsmelding:
    """Record a safety concern; the needed teams get access without consent for a limited
    time and the teamleider is asked to review it."""
    now = now or timezone.now()
    teams = list(teams)
    errors = {}
    if not reden.strip():
        errors["reden"] = _("Schrijf op waarom de veiligheid in het geding is.")
    if not teams:
        errors["teams"] = _("Kies minstens één team dat toegang nodig heeft.")
    if not tonen_aan_inwoner and not reden_niet_tonen.strip():
        errors["reden_niet_tonen"] = _("Schrijf op waarom de inwoner dit niet mag zien.")
    if errors:
        raise ValidationError(errors)
    melding = Veiligheidsmelding.objects.create(
        intake=intake, gemeld_door=user, reden=reden.strip(), meldcode_stap=meldcode_stap,
        begin=now, einde=now + timedelta(days=settings.VEILIGHEID_DUUR_DAGEN),
        tonen_aan_inwoner=tonen_aan_inwoner, reden_niet_tonen=reden_niet_tonen.strip())
    melding.teams.set(teams)
    intake_grants_sync(intake=intake, now=now)
    toegangslog_write(user=user, actie=Actie.VEILIGHEID, grond=f"{Grond.VEILIGHEID}:{melding.pk}",
                      object_type="veiligheidsmelding", object_id=melding.pk,
                      intake_id=intake.pk, inwoner_id=intake.inwoner_id,
                      doel="niet getoond aan inwoner" if not tonen_aan_inwoner else "",
                      request=request)
    for leider in _teamleiders_of(user):
        notificatie_send(ontvanger=leider, soort="veiligheidsmelding",
                         onderwerp=_("Veiligheidsmelding om te beoordelen"),
                         tekst=_("%(naam)s heeft een veiligheidsmelding gedaan bij %(ref)s.")
                         % {"naam": user.get_full_name(), "ref": intake.referentie},
                         url=f"/werk/veiligheid/{melding.pk}/",
                         sleutel=f"veiligheid:{melding.pk}:{leider.pk}")
    return melding


@transaction.atomic
def veiligheidsmelding_review(*, user: User, melding: Veiligheidsmelding, besluit: str,
                              toelichting: str, tonen_aan_inwoner: bool | None = None,
                              now: datetime | None = None,
                              request: HttpRequest | None = None) -> Veiligheidsmelding:
    """The teamleider confirms or ends the override, and decides on telling the resident."""
    now = now or timezone.now()
    if user.rol != Rol.TEAMLEIDER or user not in _teamleiders_of(melding.gemeld_door):
        raise PermissionDenied
    if besluit not in (Beoordeling.BEVESTIGD, Beoordeling.BEEINDIGD):
        raise ValidationError(_("Kies bevestigen of beëindigen."))
    if not toelichting.strip():
        raise ValidationError({"toelichting": _("Schrijf kort op waarom.")})
    melding.beoordeling = besluit
    melding.beoordeeld_door = user
    melding.beoordeeld_op = now
    melding.beoordeling_toelichting = toelichting.strip()
    if tonen_aan_inwoner is not None:
        melding.tonen_aan_inwoner = tonen_aan_inwoner
    if besluit == Beoordeling.BEEINDIGD:
        melding.einde = min(melding.einde, now)
    melding.save()
    intake_grants_sync(intake=melding.intake, now=now)
    toegangslog_write(user=user, actie=Actie.VEILIGHEID, grond=f"{Grond.VEILIGHEID}:{melding.pk}",
                      object_type="veiligheidsmelding", object_id=melding.pk,
                      intake_id=melding.intake_id, inwoner_id=melding.intake.inwoner_id,
                      doel=f"beoordeeld: {besluit}", request=request)
    return melding


def grants_cleanup(*, now: datetime | None = None) -> int:
    """Re-sync intakes whose time-limited rows have run out (the gate already ignores them)."""
    from .models import IntakeGroupObjectPermission, IntakeUserObjectPermission

    now = now or timezone.now()
    ids = set(IntakeGroupObjectPermission.objects.filter(geldig_tot__lte=now)
              .values_list("content_object_id", flat=True)[:500])
    ids |= set(IntakeUserObjectPermission.objects.filter(geldig_tot__lte=now)
               .values_list("content_object_id", flat=True)[:500])
    for intake in Intake.objects.filter(pk__in=ids).select_related("team", "wijk"):
        with transaction.atomic():
            intake_grants_sync(intake=intake, now=now)
    return len(ids)
