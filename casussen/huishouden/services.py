"""Linking a request to the casus that already knows the resident or their household, keeping
it apart with a reason, and the household's members over time."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.grants import intake_grants_sync
from intake.models import Grond, Intake, IntakeStatus
from intake.services import intake_status_set
from regie.termijnen.hooks import Houder
from regie.termijnen.models import TermijnSoort
from regie.termijnen.services import termijnen_assign, termijnen_complete
from toegang.accounts.models import User
from toegang.audit.models import Actie
from toegang.audit.services import toegangslog_write
from toegang.berichten.services import notificatie_send

from ..models import Casus, CasusGebeurtenis, CasusStatus
from ..selectors import gedekte_groepen, regiehouder_current
from .models import Apartgehouden, GekoppeldeAanvraag, Huishouden, HuishoudenLid, KoppelRol, LidRol

# A linked request of a household member makes them a member with this role.
_LID_ROL = {KoppelRol.PARTNER: LidRol.PARTNER, KoppelRol.KIND: LidRol.KIND,
            KoppelRol.OUDER: LidRol.OUDER, KoppelRol.ANDERS: LidRol.ANDERS}


def _log(user: User, casus: Casus, intake: Intake, object_type: str, object_id: int,
         request: HttpRequest | None) -> None:
    toegangslog_write(user=user, actie=Actie.WIJZIGEN, grond=getattr(casus, "grond", "")
                      or Grond.REGIEHOUDER, object_type=object_type, object_id=object_id,
                      intake_id=intake.pk, casus_id=casus.pk, inwoner_id=intake.inwoner_id,
                      request=request)


@transaction.atomic
def huishouden_ensure(*, casus: Casus) -> Huishouden:
    """The casus' household, made on first need with the resident who asked for help and the
    people their request names."""
    bestaand = Huishouden.objects.filter(casus=casus).first()
    if bestaand is not None:
        return bestaand
    huishouden = Huishouden.objects.create(casus=casus)
    intake = casus.intake
    leden = [HuishoudenLid(huishouden=huishouden, naam=intake.naam,
                           geboortedatum=intake.geboortedatum,
                           geboortejaar=intake.geboortedatum.year, rol=LidRol.AANVRAGER,
                           intake=intake, begin=timezone.localdate(intake.ingediend_op))]
    rollen = {r.value for r in LidRol}
    for lid in intake.huishoudleden.all():
        leden.append(HuishoudenLid(huishouden=huishouden, naam=lid.naam,
                                   geboortejaar=lid.geboortejaar,
                                   rol=lid.relatie if lid.relatie in rollen else LidRol.ANDERS,
                                   begin=timezone.localdate(intake.ingediend_op)))
    HuishoudenLid.objects.bulk_create(leden)
    return huishouden


@transaction.atomic
def aanvraag_link(*, user: User, intake: Intake, casus: Casus, rol: str,
                  eerste_contact_gehad: bool = False,
                  request: HttpRequest | None = None) -> GekoppeldeAanvraag:
    """Handle a new request in the casus that already knows the resident (a new question) or
    their household (a member's request): it lands on that casus' timeline, its regiehouder
    is told and holds its clocks — or its first contact counts as made, when the existing
    relationship already covered it. Only where the casus' team may read the request."""
    now = timezone.now()
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    casus = Casus.objects.select_for_update().select_related("intake", "team").get(pk=casus.pk)
    if rol not in KoppelRol.values:
        raise ValidationError({"rol": _("Kies wie deze inwoner is.")}, code="rol")
    if intake.status != IntakeStatus.INGEDIEND or hasattr(intake, "casus") \
            or GekoppeldeAanvraag.objects.filter(intake=intake).exists():
        raise ValidationError(_("Deze aanvraag is al opgepakt, gekoppeld of gesloten."),
                              code="niet_open")
    if casus.status == CasusStatus.AFGESLOTEN:
        raise ValidationError(_("Die casus is afgesloten. Pak de aanvraag zelf op."),
                              code="afgesloten")
    if casus.team.group_id not in gedekte_groepen(intake=intake, now=now):
        raise ValidationError(
            _("%(team)s mag deze aanvraag niet lezen. Vraag de inwoner eerst om "
              "toestemming voor dat team.") % {"team": casus.team.naam}, code="geen_toestemming")
    koppeling = GekoppeldeAanvraag.objects.create(casus=casus, intake=intake, rol=rol,
                                                  door=user, created_at=now)
    CasusGebeurtenis.objects.create(casus=casus, soort=CasusGebeurtenis.Soort.GEKOPPELD,
                                    van=intake.referentie, naar=rol, door=user, tijdstip=now)
    if rol in _LID_ROL:
        huishouden = huishouden_ensure(casus=casus)
        lid = HuishoudenLid.objects.filter(huishouden=huishouden, intake__isnull=True,
                                           naam__iexact=intake.voornaam).first()
        if lid is not None:  # named in the request already: now with their own request
            HuishoudenLid.objects.filter(pk=lid.pk).update(
                intake=intake, geboortedatum=intake.geboortedatum, naam=intake.naam)
        else:
            HuishoudenLid.objects.create(huishouden=huishouden, naam=intake.naam,
                                         geboortedatum=intake.geboortedatum,
                                         geboortejaar=intake.geboortedatum.year,
                                         rol=_LID_ROL[KoppelRol(rol)], intake=intake,
                                         begin=timezone.localdate(now))
    intake_status_set(intake_id=intake.pk, status=IntakeStatus.OPGEPAKT)
    regie = regiehouder_current(casus=casus)
    termijnen_assign(intake_id=intake.pk, houder=Houder(
        casus_id=casus.pk, team_id=casus.team_id, verantwoordelijke=regie.user if regie else None))
    if eerste_contact_gehad:
        termijnen_complete(intake=intake, soorten=[TermijnSoort.EERSTE_CONTACT], user=user,
                           op=now)
    intake_grants_sync(intake=intake, now=now)
    if regie is not None and regie.user_id != user.pk:
        notificatie_send(ontvanger=regie.user, soort="gekoppeld",
                         onderwerp=_("Nieuwe aanvraag gekoppeld aan casus %(ref)s") % {
                             "ref": casus.intake.referentie},
                         tekst=_("%(naam)s koppelde aanvraag %(nieuw)s (%(wie)s) aan uw "
                                 "casus.") % {"naam": user.get_full_name(),
                                              "nieuw": intake.referentie,
                                              "wie": KoppelRol(rol).label},
                         url=casus.get_absolute_url(),
                         sleutel=f"gekoppeld:{koppeling.pk}")
    _log(user, casus, intake, "koppeling", koppeling.pk, request)
    return koppeling


@transaction.atomic
def kandidaat_keep_apart(*, user: User, intake: Intake, kandidaat: Intake, reden: str,
                         request: HttpRequest | None = None) -> Apartgehouden:
    """Not the same person or household, or better handled apart: recorded with the reason,
    and not offered again for this request."""
    if not reden.strip():
        raise ValidationError({"reden": _("Schrijf op waarom u de aanvraag apart houdt.")},
                              code="reden")
    besluit, _nieuw = Apartgehouden.objects.get_or_create(
        intake=intake, kandidaat=kandidaat, defaults={"reden": reden.strip(), "door": user})
    toegangslog_write(user=user, actie=Actie.WIJZIGEN, grond=Grond.ROUTERING,
                      object_type="apartgehouden", object_id=besluit.pk, intake_id=intake.pk,
                      inwoner_id=intake.inwoner_id, doel="apart gehouden van een andere "
                      "aanvraag", request=request)
    return besluit


@transaction.atomic
def huishouden_lid_add(*, user: User, casus: Casus, naam: str, rol: str,
                       geboortedatum: date | None = None, geboortejaar: int | None = None,
                       request: HttpRequest | None = None) -> HuishoudenLid:
    """Someone joined the household (a partner moved in, a child was born)."""
    errors = {}
    if not naam.strip():
        errors["naam"] = _("Vul de naam in.")
    if rol not in LidRol.values or rol == LidRol.AANVRAGER:
        errors["rol"] = _("Kies wie dit is.")
    if geboortedatum and geboortedatum > timezone.localdate():
        errors["geboortedatum"] = _("Een geboortedatum kan niet in de toekomst liggen.")
    if errors:
        raise ValidationError(errors)
    huishouden = huishouden_ensure(casus=casus)
    lid = HuishoudenLid.objects.create(
        huishouden=huishouden, naam=naam.strip(), rol=rol, geboortedatum=geboortedatum,
        geboortejaar=geboortedatum.year if geboortedatum else geboortejaar)
    CasusGebeurtenis.objects.create(casus=casus, soort=CasusGebeurtenis.Soort.LID_ERBIJ,
                                    naar=rol, reden=lid.naam, door=user)
    _log(user, casus, casus.intake, "huishoudenlid", lid.pk, request)
    return lid


@transaction.atomic
def huishouden_lid_end(*, user: User, casus: Casus, lid: HuishoudenLid, op: date,
                       request: HttpRequest | None = None) -> HuishoudenLid:
    """A member left the household (moved out) on `op`; the history keeps them."""
    if op > timezone.localdate() or op < lid.begin:
        raise ValidationError({"op": _("Kies een datum tussen het begin en vandaag.")},
                              code="datum")
    HuishoudenLid.objects.filter(pk=lid.pk).update(einde=op)
    lid.einde = op
    CasusGebeurtenis.objects.create(casus=casus, soort=CasusGebeurtenis.Soort.LID_WEG,
                                    naar=op.isoformat(), reden=lid.naam, door=user)
    _log(user, casus, casus.intake, "huishoudenlid", lid.pk, request)
    return lid
