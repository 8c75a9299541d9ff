"""The consent questions residents answer, per wet: what, why, with whom, for how long.

Changing a text means adding a new version (see `toestemming_doel_publish`); residents who
agreed to an older version keep that version on their consent.
"""

from django.utils.translation import gettext_lazy as _

from toegang.core.domein import Wet

STANDAARD_DOELEN = {
    Wet.JEUGDWET: {
        "code": "delen-jeugdteam",
        "vraag": _("Mogen de medewerkers van het jeugdteam uw aanvraag lezen, zodat u uw "
                   "verhaal niet opnieuw hoeft te vertellen?"),
        "uitleg": _("Wat we delen: uw aanvraag, wat u later toevoegt en de bestanden die u "
                    "meestuurt. Waarom: zodat het jeugdteam meteen weet wat er speelt bij uw "
                    "kind of gezin. Met wie: de medewerkers van het jeugdteam in uw wijk. Hoe "
                    "lang: één jaar, of korter als u de toestemming eerder intrekt. U kunt dit "
                    "altijd intrekken in Mijn toegang."),
        "scope": ["aanvraag", "bijlagen", "plan"],
    },
    Wet.WMO: {
        "code": "delen-wijkteam",
        "vraag": _("Mogen de medewerkers van het wijkteam uw aanvraag lezen, zodat u uw "
                   "verhaal niet opnieuw hoeft te vertellen?"),
        "uitleg": _("Wat we delen: uw aanvraag, wat u later toevoegt en de bestanden die u "
                    "meestuurt. Waarom: zodat het wijkteam kan helpen met bijvoorbeeld hulp in "
                    "huis, vervoer of meedoen in de buurt. Met wie: de medewerkers van het "
                    "wijkteam in uw wijk. Hoe lang: één jaar, of korter als u de toestemming "
                    "eerder intrekt. U kunt dit altijd intrekken in Mijn toegang."),
        "scope": ["aanvraag", "bijlagen", "plan"],
    },
    Wet.PARTICIPATIEWET: {
        "code": "delen-werk-inkomen",
        "vraag": _("Mogen de medewerkers van Werk en Inkomen uw aanvraag lezen, zodat u uw "
                   "verhaal niet opnieuw hoeft te vertellen?"),
        "uitleg": _("Wat we delen: uw aanvraag en wat u later toevoegt. Uw bestanden delen we "
                    "niet. Waarom: zodat Werk en Inkomen kan helpen met geld, schulden of "
                    "werk. Met wie: de medewerkers van Werk en Inkomen. Hoe lang: één jaar, of "
                    "korter als u de toestemming eerder intrekt. U kunt dit altijd intrekken in "
                    "Mijn toegang."),
        "scope": ["aanvraag", "plan"],
    },
}
