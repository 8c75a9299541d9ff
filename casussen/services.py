"""Writes on cases: picking up an intake, the regiehouder and the people involved."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intake.grants import intake_grants_sync
from intake.models import Grond, Intake, IntakeStatus
from intake.services import intake_status_set
from intake.services.inwoner import inwoner_tell
from regie.termijnen.hooks import Houder
from regie.termijnen.models import TermijnSoort
from regie.termijnen.services import termijnen_assign, termijnen_complete, termijnen_lapse
from toegang.accounts.models import CASE_ROLES, User
from toegang.audit.models import Actie
from toegang.audit.services import toegangslog_write
from toegang.berichten.services import notificatie_send
from toegang.organisatie.models import Team
from toegang.organisatie.selectors import teamleiders_of

from .grants import casus_grants_sync_all
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
    WerkvoorraadFilter,
)
from .selectors import gedekte_groepen, regiehouder_current
from .statusmachine import mag


class AlOpgepakt(ValidationError):
    """Someone else picked the intake up first."""


def _team_for(user: User, intake: Intake, now: datetime) -> Team | None:
    """The user's team through which they may work on this intake (the front door first)."""
    covered = gedekte_groepen(intake=intake, now=now)
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
        regie = regiehouder_current(casus=existing)
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
    # The clocks that ran on the intake now belong to the case and its regiehouder.
    termijnen_assign(intake_id=intake.pk,
                     houder=Houder(casus_id=casus.pk, team_id=intake.team_id,
                                   verantwoordelijke=user))
    intake_grants_sync(intake=intake, now=now)
    grond = Grond.ROUTERING if team.pk == intake.team_id \
        else gedekte_groepen(intake=intake, now=now)[team.group_id]
    toegangslog_write(user=user, actie=Actie.OPPAKKEN, grond=grond,
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
    if team.group_id not in gedekte_groepen(intake=intake, now=now):
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
    casus_grants_sync_all(casus=casus, now=now)
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
    casus_grants_sync_all(casus=betrokkenheid.casus, now=now)
    return betrokkenheid


# --- Life cycle, escalation ----------------------------------------------------------------


def _locked(casus: Casus) -> Casus:
    return Casus.objects.select_for_update().select_related("intake", "team").get(pk=casus.pk)


def casus_change_log(user: User, casus: Casus, object_type: str, object_id: int | None,
                     request: HttpRequest | None) -> None:
    """One access-log row: `user` changed something of this casus (on the basis the gate
    found, or as regiehouder)."""
    toegangslog_write(user=user, actie=Actie.WIJZIGEN, grond=getattr(casus, "grond", "") or
                      Grond.REGIEHOUDER, object_type=object_type, object_id=object_id,
                      intake_id=casus.intake_id, casus_id=casus.pk,
                      inwoner_id=casus.intake.inwoner_id, request=request)


@transaction.atomic
def casus_transition(*, user: User, casus: Casus, naar: str, reden: str = "",
                     request: HttpRequest | None = None) -> Casus:
    """Move the case to `naar` if the state machine allows it; otherwise refuse."""
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
        with translation.override("nl"):  # stored text, in the product's language
            reden_vervallen = _("De casus is afgesloten.")
        # A closed case chases nothing any more: its open clocks lapse (on the timeline).
        termijnen_lapse(intake_id=locked.intake_id, user=user, reden=reden_vervallen)
    elif van == CasusStatus.AFGESLOTEN:
        locked.afgesloten_op = None
        soort = CasusGebeurtenis.Soort.HEROPEND
        intake_status_set(intake_id=locked.intake_id, status=IntakeStatus.OPGEPAKT)
    locked.save(update_fields=["status", "versie", "afgesloten_op", "sluitreden"])
    CasusGebeurtenis.objects.create(casus=locked, soort=soort, van=van, naar=naar,
                                    reden=reden.strip(), door=user, tijdstip=now)
    casus_change_log(user, locked, "casus", locked.pk, request)
    return locked


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
        for leider in teamleiders_of(team_ids=[locked.team_id]).get(locked.team_id, []):
            notificatie_send(ontvanger=leider, soort="escalatie",
                             onderwerp=_("Casus %(ref)s is geëscaleerd naar AVE-fase %(fase)s")
                             % {"ref": locked.intake.referentie, "fase": fase},
                             tekst=reden.strip(), url=locked.get_absolute_url(),
                             sleutel=f"ave:{locked.pk}:{fase}:{leider.pk}:{locked.versie}")
    casus_change_log(user, locked, "casus", locked.pk, request)
    return locked


# --- Timeline entries ------------------------------------------------------------------------


@transaction.atomic
def contactmoment_add(*, user: User, casus: Casus, soort: str, tijdstip: datetime,
                      verslag: str, met_wie: str = "", zichtbaarheid: str = "professionals",
                      request: HttpRequest | None = None) -> Contactmoment:
    """Record a conversation; the first one completes (afgehandeld) the first-contact clock, a
    phone call an open call-back promise."""
    if tijdstip > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"tijdstip": _("Een contactmoment kan niet in de toekomst "
                                             "liggen.")})
    contact = Contactmoment.objects.create(casus=casus, soort=soort, tijdstip=tijdstip,
                                           verslag=verslag.strip(), met_wie=met_wie.strip(),
                                           zichtbaarheid=zichtbaarheid, door=user)
    soorten = [TermijnSoort.EERSTE_CONTACT]
    if soort == ContactSoort.TELEFOON:
        soorten.append(TermijnSoort.TERUGBELLEN)
    termijnen_complete(intake=casus.intake, soorten=soorten, user=user, op=tijdstip)
    casus_change_log(user, casus, "contactmoment", contact.pk, request)
    return contact


@transaction.atomic
def notitie_add(*, user: User, casus: Casus, tekst: str, zichtbaarheid: str = "professionals",
                request: HttpRequest | None = None) -> Notitie:
    if not tekst.strip():
        raise ValidationError({"tekst": _("Schrijf een notitie.")})
    notitie = Notitie.objects.create(casus=casus, tekst=tekst.strip(),
                                     zichtbaarheid=zichtbaarheid, door=user)
    casus_change_log(user, casus, "notitie", notitie.pk, request)
    return notitie


# --- Regiehouder and handover -------------------------------------------------------------------


def _switch_regiehouder(casus: Casus, naar: User, team: Team, now: datetime) -> None:
    Regiehouderschap.objects.filter(casus=casus).actief().update(einde=now)
    Regiehouderschap.objects.create(casus=casus, user=naar, team=team, begin=now)
    Casus.objects.filter(pk=casus.pk).update(team=team, versie=casus.versie + 1)
    # The clocks follow: the new regiehouder is reminded, their teamleider gets escalations.
    termijnen_assign(intake_id=casus.intake_id,
                     houder=Houder(casus_id=casus.pk, team_id=team.pk, verantwoordelijke=naar))


def _tell_resident(casus: Casus, naar: User, team: Team) -> None:
    """The resident hears the new name and how to reach them (inbox, and e-mail)."""
    intake = casus.intake
    onderwerp = _("U heeft een nieuwe vaste contactpersoon")
    tekst = _("%(naam)s van %(team)s is vanaf nu uw vaste contactpersoon. U bereikt het team "
              "via %(telefoon)s.") % {"naam": naar.get_full_name(), "team": team.naam,
                                      "telefoon": team.telefoon or team.email or "-"}
    inwoner_tell(intake=intake, soort="nieuwe_regiehouder", onderwerp=onderwerp, tekst=tekst,
                 url=reverse("intake:mijn_detail", args=[intake.pk]),
                 sleutel=f"regie:{casus.pk}:{naar.pk}:{timezone.now():%Y%m%d%H%M%S}")


def _target_team(naar: User, casus: Casus, now: datetime) -> Team:
    covered = gedekte_groepen(intake=casus.intake, now=now)
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
    regie = regiehouder_current(casus=locked)
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
                     url=reverse("casussen:overdracht_besluit", args=[overdracht.pk]),
                     sleutel=f"overdracht:{overdracht.pk}")
    casus_change_log(user, locked, "overdracht", overdracht.pk, request)
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
    casus_grants_sync_all(casus=casus, now=now)
    _tell_resident(casus, user, team)
    notificatie_send(ontvanger=overdracht.van, soort="overdracht",
                     onderwerp=_("%(naam)s heeft casus %(ref)s overgenomen") % {
                         "naam": user.get_full_name(), "ref": casus.intake.referentie},
                     url=casus.get_absolute_url(), email=False)
    casus_change_log(user, casus, "overdracht", overdracht.pk, request)
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
    regie = regiehouder_current(casus=locked)
    Overdracht.objects.filter(casus=locked, status=OverdrachtStatus.VOORGESTELD) \
        .update(status=OverdrachtStatus.INGETROKKEN, besloten_op=now)
    Overdracht.objects.create(
        casus=locked, van=regie.user if regie else user, naar=naar, naar_team=team,
        situatie=toelichting.strip(), geprobeerd="-", afspraken="-", risicos="-",
        volgende_stappen="-", status=OverdrachtStatus.GEACCEPTEERD, besloten_op=now,
        door_teamleider=True)
    _switch_regiehouder(locked, naar, team, now)
    casus_grants_sync_all(casus=locked, now=now)
    _tell_resident(locked, naar, team)
    notificatie_send(ontvanger=naar, soort="overdracht",
                     onderwerp=_("U bent regiehouder van casus %(ref)s") % {
                         "ref": locked.intake.referentie},
                     tekst=toelichting.strip(), url=locked.get_absolute_url())
    casus_change_log(user, locked, "regiehouderschap", locked.pk, request)
    return locked


def werkvoorraad_filters_save(*, user: User, filters: dict[str, str]) -> None:
    """Remember the professional's last queue filters."""
    saved = WerkvoorraadFilter.objects.filter(user=user).first()
    if saved is None:
        WerkvoorraadFilter.objects.create(user=user, filters=filters)
    elif saved.filters != filters:
        WerkvoorraadFilter.objects.filter(pk=saved.pk).update(filters=filters,
                                                              updated_at=timezone.now())
