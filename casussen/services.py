"""Writes on cases: picking up an intake, the regiehouder and the people involved."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intake.grants import desired_grants, intake_grants_sync
from intake.models import Grond, Intake, IntakeStatus
from intake.services import intake_status_set
from toegang.accounts.models import CASE_ROLES, User
from toegang.audit.models import Actie
from toegang.audit.services import toegangslog_write
from toegang.berichten.services import email_queue, notificatie_send
from toegang.organisatie.models import Team

from .models import (
    Betrokkenheid,
    Casus,
    CasusGebeurtenis,
    CasusStatus,
    Contactmoment,
    ContactSoort,
    Notitie,
    Overdracht,
    OverdrachtStatus,
    Regiehouderschap,
)


class AlOpgepakt(ValidationError):
    """Someone else picked the intake up first."""


def _covered_teams(intake: Intake, now: datetime) -> dict[int, str]:
    """Team group ids that may read the intake now (routing, consent, override) → basis."""
    groups, _users = desired_grants(intake, now)
    return {group_id: grant.grond for (group_id, perm), grant in groups.items()
            if perm == "view_intake"}


def _team_for(user: User, intake: Intake, now: datetime) -> Team | None:
    """The user's team through which they may work on this intake (the front door first)."""
    covered = _covered_teams(intake, now)
    teams = list(Team.objects.filter(teamlidmaatschap__user=user, actief=True))
    teams.sort(key=lambda t: (t.pk != intake.team_id, t.naam))
    return next((t for t in teams if t.group_id in covered), None)


@transaction.atomic
def casus_open(*, user: User, intake: Intake, request: HttpRequest | None = None) -> Casus:
    """Pick up an intake: create its one Casus and make `user` the regiehouder.

    The intake row is locked first, so two professionals clicking at once get exactly one
    casus; the second gets AlOpgepakt with the name of the first.
    """
    now = timezone.now()
    intake = (Intake.objects.select_for_update(of=("self",)).select_related("team", "wijk")
              .get(pk=intake.pk))
    existing = Casus.objects.filter(intake=intake).first()
    if existing is not None:
        regie = existing.regiehouders.filter(einde__isnull=True).select_related("user").first()
        naam = regie.user.get_full_name() if regie else _("een collega")
        raise AlOpgepakt(_("Deze aanmelding is al opgepakt door %(naam)s.") % {"naam": naam},
                         code="al_opgepakt")
    if user.rol not in CASE_ROLES:
        raise ValidationError(_("Alleen professionals en teamleiders kunnen oppakken."))
    team = _team_for(user, intake, now)
    if team is None:
        raise ValidationError(_("U zit niet in een team dat deze aanmelding mag lezen."))
    casus = Casus.objects.create(intake=intake, team=team, status=CasusStatus.IN_BEHANDELING,
                                 geopend_op=now)
    Regiehouderschap.objects.create(casus=casus, user=user, team=team, begin=now)
    intake_status_set(intake_id=intake.pk, status=IntakeStatus.OPGEPAKT)
    from regie.models import Termijn

    # The clocks that ran on the intake now belong to the case and its regiehouder.
    Termijn.objects.open().filter(intake=intake).update(casus=casus, verantwoordelijke=user)
    intake_grants_sync(intake=intake, now=now)
    toegangslog_write(user=user, actie=Actie.OPPAKKEN, grond=Grond.ROUTERING
                      if team.pk == intake.team_id else _covered_teams(intake, now)[team.group_id],
                      object_type="casus", object_id=casus.pk, intake_id=intake.pk,
                      casus_id=casus.pk, inwoner_id=intake.inwoner_id, request=request)
    return casus


@transaction.atomic
def betrokkene_add(*, user: User, casus: Casus, team: Team, rol: str,
                   professional: User | None = None, toelichting: str = "",
                   request: HttpRequest | None = None) -> Betrokkenheid:
    """Involve another team or professional; only teams the resident's consent (or a safety
    override, or the routing) covers may join."""
    now = timezone.now()
    intake = casus.intake
    if team.group_id not in _covered_teams(intake, now):
        raise ValidationError(_("%(team)s mag niet meekijken: de inwoner heeft daar geen "
                                "toestemming voor gegeven.") % {"team": team.naam},
                              code="geen_toestemming")
    if professional is not None and not professional.teams.filter(pk=team.pk).exists():
        raise ValidationError(_("Deze professional zit niet in %(team)s.") % {"team": team.naam})
    betrokken = Betrokkenheid.objects.create(casus=casus, team=team, user=professional, rol=rol,
                                             toelichting=toelichting.strip(), begin=now,
                                             toegevoegd_door=user)
    CasusGebeurtenis.objects.create(
        casus=casus, soort=CasusGebeurtenis.Soort.BETROKKEN, naar=rol, door=user,
        reden=f"{professional.get_full_name() if professional else team.naam} ({team.naam})")
    intake_grants_sync(intake=intake, now=now)
    toegangslog_write(user=user, actie=Actie.WIJZIGEN, grond=getattr(casus, "grond", "") or
                      Grond.REGIEHOUDER, object_type="betrokkenheid", object_id=betrokken.pk,
                      intake_id=intake.pk, casus_id=casus.pk, inwoner_id=intake.inwoner_id,
                      request=request)
    return betrokken


@transaction.atomic
def betrokkene_end(*, user: User, betrokkenheid: Betrokkenheid,
                   request: HttpRequest | None = None) -> Betrokkenheid:
    now = timezone.now()
    Betrokkenheid.objects.filter(pk=betrokkenheid.pk, einde__isnull=True).update(einde=now)
    betrokkenheid.refresh_from_db()
    who = betrokkenheid.user.get_full_name() if betrokkenheid.user else betrokkenheid.team.naam
    CasusGebeurtenis.objects.create(casus=betrokkenheid.casus,
                                    soort=CasusGebeurtenis.Soort.BETROKKEN_EINDE, door=user,
                                    reden=who, tijdstip=now)
    intake_grants_sync(intake=betrokkenheid.casus.intake, now=now)
    return betrokkenheid


# --- Life cycle, escalation ----------------------------------------------------------------


def _locked(casus: Casus) -> Casus:
    return Casus.objects.select_for_update().select_related("intake", "team").get(pk=casus.pk)


def _log_change(user: User, casus: Casus, object_type: str, object_id: int | None,
                request: HttpRequest | None) -> None:
    toegangslog_write(user=user, actie=Actie.WIJZIGEN, grond=getattr(casus, "grond", "") or
                      Grond.REGIEHOUDER, object_type=object_type, object_id=object_id,
                      intake_id=casus.intake_id, casus_id=casus.pk,
                      inwoner_id=casus.intake.inwoner_id, request=request)


@transaction.atomic
def casus_transition(*, user: User, casus: Casus, naar: str, reden: str = "",
                     request: HttpRequest | None = None) -> Casus:
    """Move the case to `naar` if the state machine allows it; otherwise refuse."""
    from .statusmachine import mag

    locked = _locked(casus)
    locked.grond = getattr(casus, "grond", "")  # type: ignore[attr-defined]  # for the log
    if not mag(locked.status, naar):
        raise ValidationError(_("Van '%(van)s' kan een casus niet naar '%(naar)s'.") % {
            "van": CasusStatus(locked.status).label, "naar": CasusStatus(naar).label},
            code="overgang")
    if naar == CasusStatus.AFGESLOTEN and not reden.strip():
        raise ValidationError({"reden": _("Schrijf op waarom de casus wordt afgesloten.")})
    if locked.status == CasusStatus.AFGESLOTEN and not reden.strip():
        raise ValidationError({"reden": _("Schrijf op waarom de casus weer opengaat.")})
    now = timezone.now()
    van = locked.status
    locked.status = naar
    locked.versie += 1
    soort = CasusGebeurtenis.Soort.STATUS
    if naar == CasusStatus.AFGESLOTEN:
        locked.afgesloten_op = now
        locked.sluitreden = reden.strip()
        soort = CasusGebeurtenis.Soort.GESLOTEN
        intake_status_set(intake_id=locked.intake_id, status=IntakeStatus.AFGEROND)
        _termijnen_vervallen(locked, user)
    elif van == CasusStatus.AFGESLOTEN:
        locked.afgesloten_op = None
        soort = CasusGebeurtenis.Soort.HEROPEND
        intake_status_set(intake_id=locked.intake_id, status=IntakeStatus.OPGEPAKT)
    locked.save(update_fields=["status", "versie", "afgesloten_op", "sluitreden"])
    CasusGebeurtenis.objects.create(casus=locked, soort=soort, van=van, naar=naar,
                                    reden=reden.strip(), door=user, tijdstip=now)
    _log_change(user, locked, "casus", locked.pk, request)
    return locked


def _termijnen_vervallen(casus: Casus, user: User) -> None:
    """A closed case chases nothing any more: its open clocks lapse (on the timeline)."""
    from regie.models import Termijn
    from regie.services import termijn_vervallen

    with translation.override("nl"):  # stored text, in the product's language
        reden = _("De casus is afgesloten.")
    for termijn in Termijn.objects.open().filter(intake_id=casus.intake_id):
        termijn_vervallen(user=user, termijn=termijn, reden=reden)


def _teamleiders(team: Team) -> list[User]:
    return list(User.objects.filter(rol="teamleider", is_active=True,
                                    lidmaatschappen__team=team))


@transaction.atomic
def ave_set(*, user: User, casus: Casus, fase: int, reden: str,
            request: HttpRequest | None = None) -> Casus:
    """Set the AVE escalation phase (1–4); from phase 3 the teamleider is told."""
    if fase not in (1, 2, 3, 4):
        raise ValidationError({"fase": _("Kies een fase van 1 tot en met 4.")})
    if not reden.strip():
        raise ValidationError({"reden": _("Schrijf op waarom de fase verandert.")})
    locked = _locked(casus)
    van = locked.ave_fase
    locked.ave_fase = fase
    locked.ave_reden = reden.strip()
    locked.versie += 1
    locked.save(update_fields=["ave_fase", "ave_reden", "versie"])
    CasusGebeurtenis.objects.create(casus=locked, soort=CasusGebeurtenis.Soort.AVE,
                                    van=str(van), naar=str(fase), reden=reden.strip(), door=user)
    if fase >= 3 and fase > van:
        for leider in _teamleiders(locked.team):
            notificatie_send(ontvanger=leider, soort="escalatie",
                             onderwerp=_("Casus %(ref)s is geëscaleerd naar AVE-fase %(fase)s")
                             % {"ref": locked.intake.referentie, "fase": fase},
                             tekst=reden.strip(), url=locked.get_absolute_url(),
                             sleutel=f"ave:{locked.pk}:{fase}:{leider.pk}:{locked.versie}")
    _log_change(user, locked, "casus", locked.pk, request)
    return locked


# --- Timeline entries ------------------------------------------------------------------------


@transaction.atomic
def contactmoment_add(*, user: User, casus: Casus, soort: str, tijdstip: datetime,
                      verslag: str, met_wie: str = "", zichtbaarheid: str = "professionals",
                      request: HttpRequest | None = None) -> Contactmoment:
    """Record a conversation; the first one meets the first-contact clock, a phone call meets
    an open call-back promise."""
    if tijdstip > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"tijdstip": _("Een contactmoment kan niet in de toekomst "
                                             "liggen.")})
    contact = Contactmoment.objects.create(casus=casus, soort=soort, tijdstip=tijdstip,
                                           verslag=verslag.strip(), met_wie=met_wie.strip(),
                                           zichtbaarheid=zichtbaarheid, door=user)
    from regie.models import TermijnSoort
    from regie.services import termijnen_met

    soorten = [TermijnSoort.EERSTE_CONTACT]
    if soort == ContactSoort.TELEFOON:
        soorten.append(TermijnSoort.TERUGBELLEN)
    termijnen_met(intake=casus.intake, soorten=soorten, user=user, op=tijdstip)
    _log_change(user, casus, "contactmoment", contact.pk, request)
    return contact


@transaction.atomic
def notitie_add(*, user: User, casus: Casus, tekst: str, zichtbaarheid: str = "professionals",
                request: HttpRequest | None = None) -> Notitie:
    if not tekst.strip():
        raise ValidationError({"tekst": _("Schrijf een notitie.")})
    notitie = Notitie.objects.create(casus=casus, tekst=tekst.strip(),
                                     zichtbaarheid=zichtbaarheid, door=user)
    _log_change(user, casus, "notitie", notitie.pk, request)
    return notitie


# --- Regiehouder and handover -------------------------------------------------------------------


def huidige_regiehouder(casus: Casus) -> Regiehouderschap | None:
    return casus.regiehouders.filter(einde__isnull=True).select_related("user", "team").first()


def _switch_regiehouder(casus: Casus, naar: User, team: Team, now: datetime) -> None:
    Regiehouderschap.objects.filter(casus=casus, einde__isnull=True).update(einde=now)
    Regiehouderschap.objects.create(casus=casus, user=naar, team=team, begin=now)
    Casus.objects.filter(pk=casus.pk).update(team=team, versie=casus.versie + 1)
    from regie.models import Termijn

    # The clocks follow: the new regiehouder is reminded, their teamleider gets escalations.
    Termijn.objects.open().filter(casus=casus).update(verantwoordelijke=naar, team=team)


def _tell_resident(casus: Casus, naar: User, team: Team) -> None:
    """The resident hears the new name and how to reach them (inbox, and e-mail)."""
    intake = casus.intake
    onderwerp = _("U heeft een nieuwe vaste contactpersoon")
    tekst = _("%(naam)s van %(team)s is vanaf nu uw vaste contactpersoon. U bereikt het team "
              "via %(telefoon)s.") % {"naam": naar.get_full_name(), "team": team.naam,
                                      "telefoon": team.telefoon or team.email or "-"}
    if intake.inwoner_id:
        notificatie_send(ontvanger=intake.inwoner, soort="nieuwe_regiehouder",  # type: ignore[arg-type]
                         onderwerp=onderwerp, tekst=tekst,
                         url=f"/mijn/aanvragen/{intake.pk}/",
                         sleutel=f"regie:{casus.pk}:{naar.pk}:{timezone.now():%Y%m%d%H%M%S}")
    elif intake.email:
        email_queue(aan=intake.email, onderwerp=onderwerp,
                    template="berichten/email/notificatie",
                    context={"ontvanger": {"first_name": intake.voornaam},
                             "onderwerp": onderwerp, "tekst": tekst, "url": ""})


def _target_team(naar: User, casus: Casus, now: datetime) -> Team:
    covered = _covered_teams(casus.intake, now)
    teams = [t for t in Team.objects.filter(teamlidmaatschap__user=naar, actief=True)
             if t.group_id in covered]
    if naar.rol not in CASE_ROLES or not teams:
        raise ValidationError(
            {"naar": _("%(naam)s zit niet in een team dat deze casus mag zien. Vraag de "
                       "inwoner eerst om toestemming.") % {"naam": naar.get_full_name()}},
            code="geen_toegang")
    teams.sort(key=lambda t: (t.pk != casus.team_id, t.naam))
    return teams[0]


@transaction.atomic
def overdracht_propose(*, user: User, casus: Casus, naar: User, situatie: str, geprobeerd: str,
                       afspraken: str, risicos: str, volgende_stappen: str,
                       request: HttpRequest | None = None) -> Overdracht:
    """Propose a handover with a structured note; the current regiehouder stays until the
    receiver accepts."""
    locked = _locked(casus)
    regie = huidige_regiehouder(locked)
    if regie is None or regie.user_id != user.pk:
        raise ValidationError(_("Alleen de regiehouder kan de casus overdragen."))
    if naar.pk == user.pk:
        raise ValidationError({"naar": _("Kies een collega, niet uzelf.")})
    if locked.overdrachten.filter(status=OverdrachtStatus.VOORGESTELD).exists():
        raise ValidationError(_("Er staat al een overdracht open voor deze casus."))
    team = _target_team(naar, locked, timezone.now())
    fields = {"situatie": situatie, "geprobeerd": geprobeerd, "afspraken": afspraken,
              "risicos": risicos, "volgende_stappen": volgende_stappen}
    missing = {k: _("Vul dit deel van de overdracht in.") for k, v in fields.items()
               if not v.strip()}
    if missing:
        raise ValidationError(missing)
    overdracht = Overdracht.objects.create(casus=locked, van=user, naar=naar, naar_team=team,
                                           **{k: v.strip() for k, v in fields.items()})
    notificatie_send(ontvanger=naar, soort="overdracht",
                     onderwerp=_("%(naam)s wil casus %(ref)s aan u overdragen") % {
                         "naam": user.get_full_name(), "ref": locked.intake.referentie},
                     url=f"/werk/overdrachten/{overdracht.pk}/",
                     sleutel=f"overdracht:{overdracht.pk}")
    _log_change(user, locked, "overdracht", overdracht.pk, request)
    return overdracht


@transaction.atomic
def overdracht_accept(*, user: User, overdracht: Overdracht,
                      request: HttpRequest | None = None) -> Casus:
    """The receiver accepts: they become the one regiehouder and the resident is told."""
    overdracht = Overdracht.objects.select_for_update().get(pk=overdracht.pk)
    if overdracht.naar_id != user.pk or overdracht.status != OverdrachtStatus.VOORGESTELD:
        raise ValidationError(_("Deze overdracht kunt u niet (meer) accepteren."))
    casus = _locked(overdracht.casus)
    now = timezone.now()
    team = _target_team(user, casus, now)
    _switch_regiehouder(casus, user, team, now)
    overdracht.status = OverdrachtStatus.GEACCEPTEERD
    overdracht.besloten_op = now
    overdracht.save(update_fields=["status", "besloten_op"])
    intake_grants_sync(intake=casus.intake, now=now)
    _tell_resident(casus, user, team)
    notificatie_send(ontvanger=overdracht.van, soort="overdracht",
                     onderwerp=_("%(naam)s heeft casus %(ref)s overgenomen") % {
                         "naam": user.get_full_name(), "ref": casus.intake.referentie},
                     url=casus.get_absolute_url(), email=False)
    _log_change(user, casus, "overdracht", overdracht.pk, request)
    return casus


@transaction.atomic
def overdracht_decline(*, user: User, overdracht: Overdracht, reden: str,
                       request: HttpRequest | None = None) -> Overdracht:
    overdracht = Overdracht.objects.select_for_update().get(pk=overdracht.pk)
    if overdracht.naar_id != user.pk or overdracht.status != OverdrachtStatus.VOORGESTELD:
        raise ValidationError(_("Deze overdracht kunt u niet (meer) afwijzen."))
    if not reden.strip():
        raise ValidationError({"reden": _("Schrijf kort op waarom u de casus niet overneemt.")})
    overdracht.status = OverdrachtStatus.AFGEWEZEN
    overdracht.besloten_op = timezone.now()
    overdracht.reden_afwijzing = reden.strip()
    overdracht.save(update_fields=["status", "besloten_op", "reden_afwijzing"])
    notificatie_send(ontvanger=overdracht.van, soort="overdracht",
                     onderwerp=_("%(naam)s neemt casus %(ref)s niet over") % {
                         "naam": user.get_full_name(), "ref": overdracht.casus.intake.referentie},
                     tekst=reden.strip(), url=overdracht.casus.get_absolute_url())
    return overdracht


@transaction.atomic
def overdracht_withdraw(*, user: User, overdracht: Overdracht) -> Overdracht:
    updated = Overdracht.objects.filter(pk=overdracht.pk, van=user,
                                        status=OverdrachtStatus.VOORGESTELD) \
        .update(status=OverdrachtStatus.INGETROKKEN, besloten_op=timezone.now())
    if not updated:
        raise ValidationError(_("Deze overdracht kunt u niet (meer) intrekken."))
    overdracht.refresh_from_db()
    return overdracht


@transaction.atomic
def regiehouder_assign(*, user: User, casus: Casus, naar: User, toelichting: str,
                       request: HttpRequest | None = None) -> Casus:
    """The teamleider makes someone regiehouder directly (e.g. illness, workload)."""
    locked = _locked(casus)
    if user.rol != "teamleider" or not user.teams.filter(pk=locked.team_id).exists():
        raise ValidationError(_("Alleen de teamleider van het team kan direct toewijzen."))
    if not toelichting.strip():
        raise ValidationError({"toelichting": _("Schrijf op waarom u de casus toewijst.")})
    now = timezone.now()
    team = _target_team(naar, locked, now)
    regie = huidige_regiehouder(locked)
    Overdracht.objects.filter(casus=locked, status=OverdrachtStatus.VOORGESTELD) \
        .update(status=OverdrachtStatus.INGETROKKEN, besloten_op=now)
    Overdracht.objects.create(
        casus=locked, van=regie.user if regie else user, naar=naar, naar_team=team,
        situatie=toelichting.strip(), geprobeerd="-", afspraken="-", risicos="-",
        volgende_stappen="-", status=OverdrachtStatus.GEACCEPTEERD, besloten_op=now,
        door_teamleider=True)
    _switch_regiehouder(locked, naar, team, now)
    intake_grants_sync(intake=locked.intake, now=now)
    _tell_resident(locked, naar, team)
    notificatie_send(ontvanger=naar, soort="overdracht",
                     onderwerp=_("U bent regiehouder van casus %(ref)s") % {
                         "ref": locked.intake.referentie},
                     tekst=toelichting.strip(), url=locked.get_absolute_url())
    _log_change(user, locked, "regiehouderschap", locked.pk, request)
    return locked


def werkvoorraad_filters_save(*, user: User, filters: dict[str, str]) -> None:
    """Remember the professional's last queue filters."""
    from .models import WerkvoorraadFilter

    saved = WerkvoorraadFilter.objects.filter(user=user).first()
    if saved is None:
        WerkvoorraadFilter.objects.create(user=user, filters=filters)
    elif saved.filters != filters:
        WerkvoorraadFilter.objects.filter(pk=saved.pk).update(filters=filters,
                                                              updated_at=timezone.now())
