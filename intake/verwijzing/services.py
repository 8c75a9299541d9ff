"""Writes of the referrer's portal: sending a referral, and making a referrer's account."""

import dataclasses
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from toegang.accounts.models import Rol, User
from toegang.accounts.services import user_create
from toegang.core.validators import agb_code_clean, normalise_phone

from ..gegevens import IntakeGegevens, VerwijzingGegevens
from ..models import Intake, Kanaal, OntvangenVia, Verwijzer, VerwijzerSoort, Verwijzing
from ..services import intake_submit
from ..wizard.services import bevestiging_send


@transaction.atomic
def verwijzing_send(*, verwijzer: Verwijzer, user: User, gegevens: IntakeGegevens,
                    indien_sleutel: uuid.UUID, request: HttpRequest | None = None) -> Intake:
    """Store a referral sent through the referrer's own form as one intake (routed, clocks
    started, logged with the referrer as actor) and confirm it to the resident by e-mail.

    Who referred is taken from the referrer's account, whatever `gegevens.verwijzing` says;
    only its contact person, phone and the statement that the resident agreed come from the
    form. The statement is required. Idempotent on `indien_sleutel`: a double click returns
    the intake stored the first time.
    """
    if user.pk != verwijzer.user_id or user.rol != Rol.VERWIJZER:
        raise PermissionDenied("A referral is sent by the referrer's own account")
    getypt = gegevens.verwijzing or VerwijzingGegevens(soort="", organisatie="",
                                                       ontvangen_via="")
    if not getypt.inwoner_akkoord:
        raise ValidationError(_("Kruis aan dat de inwoner van deze verwijzing weet en het ermee "
                                "eens is. Zonder dat kunt u niet verwijzen."), code="akkoord")
    verwijzing = VerwijzingGegevens(
        soort=verwijzer.soort, organisatie=verwijzer.organisatie,
        ontvangen_via=OntvangenVia.FORMULIER, persoon=getypt.persoon,
        telefoon=getypt.telefoon or verwijzer.telefoon, agb_code=verwijzer.agb_code,
        inwoner_akkoord=True, verwijzer_id=verwijzer.pk)
    intake = intake_submit(gegevens=dataclasses.replace(gegevens, verwijzing=verwijzing),
                           kanaal=Kanaal.VERWIJZING, ingevoerd_door=user,
                           indien_sleutel=indien_sleutel, request=request)
    eerder = Verwijzing.objects.filter(intake=intake).values_list("verwijzer_id", flat=True)
    if list(eerder) != [verwijzer.pk]:
        # The key belongs to an intake this referrer did not send: never hand it over.
        raise PermissionDenied("This key belongs to another intake")
    bevestiging_send(intake=intake)  # once per intake (the e-mail's own key)
    return intake


@transaction.atomic
def verwijzer_create(*, username: str, email: str, first_name: str, last_name: str,
                     organisatie: str, soort: str, agb_code: str = "", telefoon: str = "",
                     password: str | None = None) -> Verwijzer:
    """Make a referrer's account (role verwijzer, two-step login like staff) with the profile
    of its organisation. Without a password the account cannot log in until one is set."""
    agb = agb_code_clean(agb_code, huisarts=soort == VerwijzerSoort.HUISARTS)
    telefoon = normalise_phone(telefoon) if telefoon.strip() else ""
    user = user_create(username=username, rol=Rol.VERWIJZER, password=password, email=email,
                       first_name=first_name.strip(), last_name=last_name.strip(),
                       telefoon=telefoon)
    verwijzer = Verwijzer(user=user, organisatie=organisatie.strip(), soort=soort,
                          agb_code=agb, telefoon=telefoon)
    verwijzer.full_clean()
    verwijzer.save()
    return verwijzer
