"""Two questions of the municipality's own in the demo's online intake (docs/eigen-vragen.md):
one yes/no question on 'Wat gaat goed' asked only about care and household topics, and one text
question on 'Contact'. Running it twice changes nothing; a question the beheerder changed stays
as they left it."""

from typing import Any

from django.db import transaction

from intake.wizard.eigen_beheer import VERSIE_VELDEN, eigen_vraag_opslaan
from intake.wizard.eigen_vragen import EigenVraag, EigenVraagVersie, Soort
from toegang.core.domein import Levensgebied

VRAGEN: list[dict[str, Any]] = [
    {"stap": "wat-gaat-goed", "volgorde": 10,
     "tekst": "Heeft u een mantelzorger?",
     "hulptekst": "Een mantelzorger is iemand uit uw omgeving die u lange tijd helpt, "
                  "zonder dat hij of zij daarvoor betaald wordt. Bijvoorbeeld uw partner, "
                  "een kind of een buurvrouw.",
     "tekst_en": "Do you have an informal carer?",
     "hulptekst_en": "An informal carer is someone close to you who helps you for a long "
                     "time without being paid for it. For example your partner, a child or "
                     "a neighbour.",
     "soort": Soort.JA_NEE, "verplicht": False,
     "levensgebieden": [Levensgebied.LICHAMELIJKE_GEZONDHEID, Levensgebied.BASALE_ADL,
                        Levensgebied.INSTRUMENTELE_ADL]},
    {"stap": "contact", "volgorde": 10,
     "tekst": "Wilt u een tolk als we met u praten? Zo ja, voor welke taal?",
     "tekst_en": "Would you like an interpreter when we talk with you? If so, for which "
                 "language?",
     "soort": Soort.TEKST, "verplicht": False},
]


@transaction.atomic
def seed_eigen_vragen() -> int:
    """Add the demo questions that are not there yet; returns how many questions exist."""
    for vraag in VRAGEN:
        if EigenVraagVersie.objects.filter(tekst=vraag["tekst"]).exists():
            continue
        leeg: dict[str, Any] = {"hulptekst": "", "tekst_en": "", "hulptekst_en": "",
                                "keuzes": [], "keuzes_en": [], "levensgebieden": [],
                                "min_leeftijd": None, "max_leeftijd": None}
        velden = {naam: vraag.get(naam, leeg.get(naam)) for naam in VERSIE_VELDEN}
        velden["levensgebieden"] = [str(g) for g in vraag.get("levensgebieden", [])]
        eigen_vraag_opslaan(vraag=EigenVraag(stap=vraag["stap"], volgorde=vraag["volgorde"]),
                            velden=velden, door=None)
    return EigenVraag.objects.count()
