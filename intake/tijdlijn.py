"""What the resident sees happen with their request, in plain words (a selector).

The record tells its own part (received, additions, consent, safety concerns); the layers
above add theirs through the hook `intake.hooks.inwoner_tijdlijn` (the clocks, the contact
person, the casus).
"""

from typing import Any

from django.utils.translation import gettext as _

from .hooks import TijdlijnItem, inwoner_tijdlijn
from .models import (
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


def tijdlijn_for_inwoner(*, intake: Intake, memo: dict[str, Any] | None = None
                         ) -> list[TijdlijnItem]:
    """Everything that happened with the request that the resident may see, newest first.
    `intake` comes from `selectors.intake_for_inwoner` (its additions and events are read
    from there); `memo` is the per-request dict the layers above share with
    `mijn_aanvraag_context`."""
    items = [TijdlijnItem(intake.ingediend_op, _("Uw aanvraag is ontvangen"),
                          _("Referentie %(ref)s, bij %(team)s.") % {
                              "ref": intake.referentie, "team": intake.team.naam})]
    for aanvulling in intake.aanvullingen.all():
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
    for gebeurtenis in intake.gebeurtenissen.all():
        if gebeurtenis.soort == IntakeGebeurtenis.Soort.DOORGESTUURD:
            items.append(TijdlijnItem(gebeurtenis.tijdstip, _("Naar een ander team"),
                                      _("Uw aanvraag is nu bij %(team)s.") % {
                                          "team": gebeurtenis.naar_team}))
        else:
            items.append(TijdlijnItem(gebeurtenis.tijdstip, _("Uw aanvraag is gesloten"),
                                      gebeurtenis.reden if gebeurtenis.soort ==
                                      IntakeGebeurtenis.Soort.GEEN_HULPVRAAG else
                                      _("U stuurde dezelfde vraag twee keer.")))
    for lines in inwoner_tijdlijn(intake, {} if memo is None else memo):
        items += lines
    return sorted(items, key=lambda item: item.tijdstip, reverse=True)
