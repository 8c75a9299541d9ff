"""Telling the resident: one way for every layer, by the channel the resident can be reached on
and chose (the inbox of Mijn toegang, e-mail, or a letter on paper)."""

import uuid
from collections.abc import Sequence

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from toegang.accounts.models import Rol, User
from toegang.berichten.services import (
    Adres,
    Bijlage,
    brief_queue,
    email_queue,
    notificatie_send,
)

from ..models import ContactVoorkeur, Intake


def is_resident_of(user: User, intake: Intake) -> bool:
    """`user` is the resident whose request this is (their own account)."""
    return user.rol == Rol.INWONER and intake.inwoner_id == user.pk


def postadres(intake: Intake) -> Adres | None:
    """Where a letter can go: the address in the request, when it has a whole one."""
    if intake.geen_vast_adres or not (intake.straat.strip() and intake.postcode.strip()
                                      and intake.woonplaats.strip()):
        return None
    return Adres(straat=intake.straat, postcode=intake.postcode, woonplaats=intake.woonplaats)


def per_brief(intake: Intake) -> bool:
    """Messages go (also) on paper: the resident chose letters, or has neither an account nor
    an e-mail address, and there is an address to send them to."""
    if postadres(intake) is None:
        return False
    return intake.contact_voorkeur == ContactVoorkeur.BRIEF or (
        not intake.inwoner_id and not intake.email)


def brief_send(*, intake: Intake, onderwerp: str, tekst: str, sleutel: str) -> None:
    """A letter to the resident of `intake` at the address in the request (print queue)."""
    adres = postadres(intake)
    if adres is None:
        return
    brief_queue(aan_naam=intake.naam, adres=adres, onderwerp=onderwerp, tekst=tekst,
                sleutel=sleutel, inwoner_id=intake.inwoner_id, intake_id=intake.pk)


def inwoner_tell(*, intake: Intake, soort: str, onderwerp: str, tekst: str, url: str = "",
                 sleutel: str | None = None, tekst_email: str = "",
                 bijlagen: Sequence[Bijlage] = (), brief: bool = True) -> None:
    """A message to the resident of `intake`: in their inbox (and by e-mail as they chose)
    when they have an account, otherwise an e-mail to the address in the request; and a
    letter when they chose letters or cannot be reached otherwise (`per_brief`). Stored in
    this transaction; `sleutel` makes it happen once. The e-mail to a bare address and the
    letter carry no link (whoever reads them may not be the resident) and `tekst_email`
    instead of `tekst` when given (for a resident who cannot read Mijn toegang); `bijlagen`
    go with the e-mail (an invitation for the calendar). `brief=False` sends no letter (a
    reminder for tomorrow would arrive too late on paper)."""
    buiten = tekst_email or tekst
    if intake.inwoner_id:
        notificatie_send(ontvanger=intake.inwoner, soort=soort,  # type: ignore[arg-type]
                         onderwerp=onderwerp, tekst=tekst, url=url, sleutel=sleutel,
                         bijlagen=bijlagen)
    elif intake.email:
        email_queue(aan=intake.email, onderwerp=onderwerp,
                    template="berichten/email/notificatie",
                    context={"ontvanger": {"first_name": intake.voornaam},
                             "onderwerp": onderwerp, "tekst": buiten, "url": ""},
                    sleutel=sleutel, bijlagen=bijlagen)
    if brief and per_brief(intake):
        brief_send(intake=intake, onderwerp=onderwerp, tekst=buiten,
                   sleutel=f"brief:{sleutel}" if sleutel else f"brief:{soort}:{uuid.uuid4()}")


def bevestiging_brief(*, intake: Intake, context: dict) -> None:
    """The confirmation of a new request on paper (the same words as the e-mail, without the
    link: Mijn toegang is reached with DigiD)."""
    with translation.override("nl"):
        tekst = render_to_string("intake/brief/bevestiging.txt",
                                 {"SITE_URL": settings.SITE_URL, **context})
        onderwerp = translation.gettext("Wij hebben uw aanvraag ontvangen (%(ref)s)") % {
            "ref": intake.referentie}
    brief_send(intake=intake, onderwerp=onderwerp, tekst=tekst,
               sleutel=f"bevestiging:{intake.pk}")
