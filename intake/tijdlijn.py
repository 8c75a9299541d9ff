"""What the resident sees happen with their request, in plain words (selectors)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Aanvulling, Intake, ToestemmingGebeurtenis, Veiligheidsmelding


@dataclass(frozen=True)
class TijdlijnItem:
    tijdstip: datetime
    titel: str
    tekst: str = ""


def _consent_text(event: ToestemmingGebeurtenis) -> str:
    wet = event.toestemming.get_wet_display()
    return {
        "gegeven": _("U gaf toestemming: %(wet)s mag uw aanvraag lezen."),
        "geweigerd": _("U gaf geen toestemming voor %(wet)s."),
        "vernieuwd": _("U verlengde uw toestemming voor %(wet)s."),
        "ingetrokken": _("U trok uw toestemming voor %(wet)s in."),
        "verlopen": _("Uw toestemming voor %(wet)s is verlopen."),
    }.get(event.soort, _("Toestemming voor %(wet)s veranderd.")) % {"wet": wet}


def tijdlijn_voor_inwoner(*, intake: Intake) -> list[TijdlijnItem]:
    """Everything that happened with the request that the resident may see, newest first."""
    from casussen.models import Regiehouderschap
    from regie.models import Termijn, TermijnSoort

    items = [TijdlijnItem(intake.ingediend_op, _("Uw aanvraag is ontvangen"),
                          _("Referentie %(ref)s, bij %(team)s.") % {
                              "ref": intake.referentie, "team": intake.team.naam})]
    for aanvulling in Aanvulling.objects.filter(intake=intake).only("created_at", "tekst",
                                                                    "namens_inwoner"):
        items.append(TijdlijnItem(aanvulling.created_at,
                                  _("Informatie toegevoegd door een medewerker")
                                  if aanvulling.namens_inwoner
                                  else _("U heeft informatie toegevoegd"), aanvulling.tekst))
    for event in ToestemmingGebeurtenis.objects.filter(toestemming__intake=intake) \
            .select_related("toestemming"):
        items.append(TijdlijnItem(event.tijdstip, _("Toestemming"), _consent_text(event)))
    regie = list(Regiehouderschap.objects.filter(casus__intake=intake)
                 .select_related("user", "team").order_by("begin"))
    for n, rol in enumerate(regie):
        titel = _("Uw aanvraag is opgepakt") if n == 0 else _("U heeft een nieuwe "
                                                              "contactpersoon")
        items.append(TijdlijnItem(rol.begin, titel, _("%(naam)s van %(team)s is uw vaste "
                                                      "contactpersoon.") % {
            "naam": rol.user.get_full_name(), "team": rol.team.naam}))
    for termijn in Termijn.objects.filter(intake=intake, soort=TermijnSoort.TERUGBELLEN):
        items.append(TijdlijnItem(termijn.start, _("U vroeg om teruggebeld te worden"),
                                  termijn.toelichting))
    for melding in Veiligheidsmelding.objects.filter(intake=intake, tonen_aan_inwoner=True):
        items.append(TijdlijnItem(melding.begin, _("Zorgen over veiligheid"),
                                  _("Een medewerker maakte zich zorgen over de veiligheid. "
                                    "Daarom mogen andere teams tijdelijk meekijken.")))
    items += _uit_casus(intake)
    return sorted(items, key=lambda item: item.tijdstip, reverse=True)


# Lines of the casus timeline that the list above already tells in the resident's words.
_AL_VERTELD = {"intake", "aanvulling", "toestemming", "overdracht", "veiligheid"}


def _uit_casus(intake: Intake) -> list[TijdlijnItem]:
    """Shared contacts and notes, plan, assessments and closing from the casus timeline."""
    from casussen.models import Casus
    from casussen.tijdlijn import casus_tijdlijn

    casus = Casus.objects.filter(intake=intake).select_related("intake__team").first()
    if casus is None:
        return []
    return [TijdlijnItem(regel.tijdstip, regel.titel, regel.tekst)
            for regel in casus_tijdlijn(casus=casus, voor_inwoner=True)
            if regel.soort not in _AL_VERTELD]


@dataclass(frozen=True)
class Vooruitblik:
    datum: datetime
    tekst: str


def wat_komt_er(*, intake: Intake) -> list[Vooruitblik]:
    """The open deadlines and promises, in plain words."""
    from regie.models import Termijn, TermijnSoort

    zinnen: dict[str, str] = {
        TermijnSoort.EERSTE_CONTACT: _("%(team)s neemt contact met u op."),
        TermijnSoort.TERUGBELLEN: _("We bellen u terug."),
        TermijnSoort.WMO_ONDERZOEK: _("Het gesprek en onderzoek naar uw situatie is klaar."),
        TermijnSoort.WMO_BESCHIKKING: _("U krijgt een besluit op uw aanvraag."),
        TermijnSoort.JEUGD_BESCHIKKING: _("U krijgt een besluit op uw aanvraag."),
        TermijnSoort.PW_BESLUIT: _("U krijgt een besluit over uw uitkering."),
        TermijnSoort.PW_VOORSCHOT: _("U krijgt een voorschot, als u daar recht op heeft."),
        TermijnSoort.PLAN_ACTIE: _("Afspraak uit uw plan: %(tekst)s"),
        TermijnSoort.EVALUATIE: _("We kijken samen terug: gaat het beter?"),
    }
    result = []
    for termijn in Termijn.objects.open().filter(intake=intake).select_related("team") \
            .order_by("deadline"):
        tekst = zinnen.get(termijn.soort, termijn.omschrijving) % {
            "team": termijn.team.naam, "tekst": termijn.omschrijving}
        result.append(Vooruitblik(timezone.localtime(termijn.deadline), tekst))
    return result


def contactpersoon(*, intake: Intake) -> Any:
    """The current regiehouder with their team, or None while nobody has picked it up."""
    from casussen.models import Regiehouderschap

    return (Regiehouderschap.objects.filter(casus__intake=intake, einde__isnull=True)
            .select_related("user", "team").first())
