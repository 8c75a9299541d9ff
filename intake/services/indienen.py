"""Submitting the one Intake: stored once, routed, consents recorded; claiming and status."""

import uuid
from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from toegang.accounts.models import Rol, User
from toegang.audit.models import Actie
from toegang.audit.services import toegangslog_write
from toegang.core.bsn import bsn_encrypt, bsn_hash, bsn_is_valid
from toegang.core.namen import naam_sleutel
from toegang.core.validators import agb_code_clean
from toegang.organisatie.services import intake_route

from .. import hooks
from ..gegevens import IntakeGegevens, ToestemmingKeuze, VerwijzingGegevens
from ..grants import intake_grants_sync, werkvoorraad_sync
from ..models import (
    STAFF_KANALEN,
    Grond,
    Huishoudlid,
    Intake,
    IntakeLevensgebied,
    Urgentie,
    Veiligheid,
    VerwijzerSoort,
    Verwijzing,
)
from ..signalen import intake_status_gewijzigd
from .referentie import referentie_next
from .toestemming import toestemming_record, toestemming_refuse, vereisten_voor


def _intake_fields(gegevens: IntakeGegevens) -> dict:
    if gegevens.bsn and not bsn_is_valid(gegevens.bsn):
        raise ValidationError({"bsn": _("Dit burgerservicenummer klopt niet. Controleer de "
                                        "9 cijfers.")})
    urgentie = gegevens.urgentie
    if gegevens.veiligheid == Veiligheid.ONVEILIG:
        urgentie = Urgentie.URGENT  # someone is unsafe now: never a normal wait
    return {
        "voornaam": gegevens.voornaam.strip(), "achternaam": gegevens.achternaam.strip(),
        "zoeknaam": naam_sleutel(gegevens.achternaam),
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
    was stored the first time. A request filed by a professional (telefoon, balie,
    huisbezoek, verwijzing) names them in `ingevoerd_door`; consents given aloud carry their
    `wijze` and the professional who recorded them.
    """
    if kanaal in STAFF_KANALEN and ingevoerd_door is None:
        raise ValueError(f"An intake by {kanaal} is filed by a member of staff")
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
            gegeven.append(toestemming_record(
                intake=intake, wet=keuze.wet, user=actor, lopend=None, nodig=nodig, now=now,
                kind_akkoord=keuze.kind_akkoord, ouder_akkoord=keuze.ouder_akkoord,
                ouder_naam=keuze.ouder_naam, request=request, wijze=keuze.wijze))
        else:
            toestemming_refuse(intake=intake, wet=keuze.wet, user=actor, now=now,
                               wijze=keuze.wijze)
    if gegevens.verwijzing is not None:
        _verwijzing_store(intake=intake, gegevens=gegevens.verwijzing)
    intake_grants_sync(intake=intake, now=now, nieuw=True, toestemmingen=gegeven)
    hooks.intake_submitted(intake)
    toegangslog_write(user=actor, actie=Actie.INDIENEN, grond=Grond.EIGEN if inwoner
                      else Grond.ROUTERING, object_type="intake", object_id=intake.pk,
                      intake_id=intake.pk, inwoner_id=inwoner.pk if inwoner else None,
                      namens=intake.naam if ingevoerd_door else "",
                      organisatie=_organisatie_of(actor, gegevens.verwijzing), request=request)
    return intake


def _organisatie_of(actor: User | None, verwijzing: VerwijzingGegevens | None) -> str:
    """A referrer's own account has no team: the log names its organisation instead."""
    if actor is not None and actor.rol == Rol.VERWIJZER and verwijzing is not None:
        return verwijzing.organisatie.strip()
    return ""


def _verwijzing_store(*, intake: Intake, gegevens: VerwijzingGegevens) -> Verwijzing:
    agb = agb_code_clean(gegevens.agb_code, huisarts=gegevens.soort == VerwijzerSoort.HUISARTS)
    return Verwijzing.objects.create(
        intake=intake, soort=gegevens.soort, organisatie=gegevens.organisatie.strip(),
        persoon=gegevens.persoon.strip(), telefoon=gegevens.telefoon.strip(), agb_code=agb,
        inwoner_akkoord=gegevens.inwoner_akkoord, ontvangen_via=gegevens.ontvangen_via,
        verwijzer_id=gegevens.verwijzer_id)


@transaction.atomic
def intake_status_set(*, intake_id: int, status: str) -> None:
    """Set the intake's status (picked up, finished, reopened) and keep its queue rows in step;
    a real change is announced (`intake_status_gewijzigd`) inside this transaction."""
    gewijzigd = Intake.objects.filter(pk=intake_id).exclude(status=status).update(status=status)
    werkvoorraad_sync(intake_id=intake_id, status=status)
    if gewijzigd:
        intake_status_gewijzigd.send(sender=Intake, intake_id=intake_id, status=status)


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
