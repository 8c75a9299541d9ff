"""What the resident sees happen with their request, in plain words (a selector).

The record tells its own part (received, additions, consent, safety concerns); the layers
above add theirs through the hook `intake.hooks.inwoner_tijdlijn` (the clocks, the contact
person, the casus).
"""

from django.utils.translation import gettext as _

from .hooks import TijdlijnItem, inwoner_tijdlijn
from .models import (
    Aanvulling,
    Intake,
    IntakeGebeurtenis,
    ToestemmingGebeurtenis,
    Veiligheidsmelding,
)


def _consent_text(event: ToestemmingGebeurtenis) -> str:
    wet = event.toestemming.get_wet_display()
    return {
        "gegeven": _("U gaf toestemming: %(wet)s mag uw aanvraag lezen."),
        "geweigerd": _("U gaf geen toestemming voor %(wet)s."),
        "vernieuwd": _("U verlengde uw toestemming voor %(wet)s."),
        "ingetrokken": _("U trok uw toestemming voor %(wet)s in."),
        "verlopen": _("Uw toestemming voor %(wet)s is verlopen."),
    }.get(event.soort, _("Toestemming voor %(wet)s veranderd.")) % {"wet": wet}


def tijdlijn_for_inwoner(*, intake: Intake) -> list[TijdlijnItem]:
    """Everything that happened with the request that the resident may see, newest first."""
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
    for melding in Veiligheidsmelding.objects.filter(intake=intake, tonen_aan_inwoner=True):
        items.append(TijdlijnItem(melding.begin, _("Zorgen over veiligheid"),
                                  _("Een medewerker maakte zich zorgen over de veiligheid. "
                                    "Daarom mogen andere teams tijdelijk meekijken.")))
    for gebeurtenis in IntakeGebeurtenis.objects.filter(intake=intake).select_related(
            "naar_team"):
        if gebeurtenis.soort == IntakeGebeurtenis.Soort.DOORGESTUURD:
            items.append(TijdlijnItem(gebeurtenis.tijdstip, _("Naar een ander team"),
                                      _("Uw aanvraag is nu bij %(team)s.") % {
                                          "team": gebeurtenis.naar_team}))
        else:
            items.append(TijdlijnItem(gebeurtenis.tijdstip, _("Uw aanvraag is gesloten"),
                                      gebeurtenis.reden if gebeurtenis.soort ==
                                      IntakeGebeurtenis.Soort.GEEN_HULPVRAAG else
                                      _("U stuurde dezelfde vraag twee keer.")))
    for lines in inwoner_tijdlijn(intake):
        items += lines
    return sorted(items, key=lambda item: item.tijdstip, reverse=True)
