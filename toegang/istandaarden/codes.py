"""Message codes, namespaces and code lists of iWmo and iJw release 3.2.

The codes are the published ones (Zorginstituut Nederland, release 3.2); the meanings are short
Dutch labels in our own words for screens and logs, not the official descriptions. Where the
two standaarden differ (product categories, reasons for ending care) there is one list per
standaard. The schema generator (`schemas.py`) takes its enumerations from these lists, so a
code added here is accepted by the XSD as well.
"""

from enum import StrEnum
from typing import Final

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Standaard(StrEnum):
    IWMO = "iwmo"
    IJW = "ijw"


RELEASE: Final = "3.2"
BERICHTVERSIE: Final = "3"
BERICHTSUBVERSIE: Final = "2"
# BasisschemaXsdVersie and BerichtXsdVersie that our messages state (and that release 3.2's
# example messages carry).
XSD_VERSIE: Final = ("1.0.0", "1.0.0")

# The twelve messages of the toewijzing cycle, heen and retour.
BERICHTEN: Final = ("301", "302", "305", "306", "307", "308",
                    "315", "316", "317", "318", "319", "320")

# Message number → the retour message that answers it.
HEEN_NAAR_RETOUR: Final = {"301": "302", "305": "306", "307": "308",
                           "315": "316", "317": "318", "319": "320"}
RETOUR_NAAR_HEEN: Final = {retour: heen for heen, retour in HEEN_NAAR_RETOUR.items()}

# Who sends what. A retour keeps the header (and so Afzender and Ontvanger) of its heen
# message, so the 302 the provider sends still names the gemeente as Afzender.
GEMEENTE_VERSTUURT: Final = frozenset({"301", "306", "308", "316", "318", "319"})
GEMEENTE_ONTVANGT: Final = frozenset({"302", "305", "307", "315", "317", "320"})
# Heen messages whose header Afzender is the gemeente (the others have the aanbieder).
HEEN_VAN_GEMEENTE: Final = frozenset({"301", "319"})

BERICHTCODES: Final[dict[tuple[str, str], str]] = {
    ("iwmo", "301"): "414", ("iwmo", "302"): "415",
    ("iwmo", "305"): "418", ("iwmo", "306"): "419",
    ("iwmo", "307"): "420", ("iwmo", "308"): "421",
    ("iwmo", "315"): "444", ("iwmo", "316"): "445",
    ("iwmo", "317"): "480", ("iwmo", "318"): "481",
    ("iwmo", "319"): "482", ("iwmo", "320"): "483",
    ("ijw", "301"): "436", ("ijw", "302"): "437",
    ("ijw", "305"): "438", ("ijw", "306"): "439",
    ("ijw", "307"): "440", ("ijw", "308"): "441",
    ("ijw", "315"): "446", ("ijw", "316"): "447",
    ("ijw", "317"): "486", ("ijw", "318"): "487",
    ("ijw", "319"): "488", ("ijw", "320"): "489",
}
BERICHT_BIJ_CODE: Final[dict[str, tuple[str, str]]] = {
    code: sleutel for sleutel, code in BERICHTCODES.items()
}

# Prefix of the message in file names and schema names: WMO301, JW301.
VOORVOEGSEL: Final = {"iwmo": "WMO", "ijw": "JW"}


def is_retour(bericht: str) -> bool:
    return bericht in RETOUR_NAAR_HEEN


def basis_namespace(standaard: str) -> str:
    """The namespace of the basisschema (shared types) of a standaard."""
    return f"http://www.istandaarden.nl/{standaard}/3_2/basisschema/schema"


def bericht_namespace(standaard: str, bericht: str) -> str:
    """The namespace of one message, e.g. …/ijw/3_2/jw301/schema."""
    return (f"http://www.istandaarden.nl/{standaard}/3_2/"
            f"{VOORVOEGSEL[standaard].lower()}{bericht}/schema")


# Namespace of a message → (standaard, bericht); what `lees` accepts as a root.
BERICHT_BIJ_NAMESPACE: Final[dict[str, tuple[str, str]]] = {
    bericht_namespace(standaard, bericht): (standaard, bericht)
    for standaard in ("iwmo", "ijw") for bericht in BERICHTEN
}

# --- Code lists -----------------------------------------------------------------------------

# WMO002 / JZ002: the same codes in both standaarden.
REDEN_WIJZIGING: Final[dict[str, Promise]] = {
    "01": _("administratieve correctie (vervallen, niet meer gebruiken)"),
    "02": _("cliënt overleden"),
    "03": _("contract gewijzigd"),
    "04": _("herbeoordeling: toewijzing verlengd"),
    "05": _("herbeoordeling: toewijzing verkort"),
    "06": _("cliënt gaat naar een ander domein"),
    "07": _("cliënt verhuisd naar een andere gemeente"),
    "08": _("andere leveringsvorm (pgb)"),
    "09": _("cliënt gaat naar een andere aanbieder"),
    "10": _("andere bekostiging"),
    "11": _("gemeentelijke herindeling"),
    "12": _("op verzoek van de aanbieder"),
    "13": _("verwijderd (ten onrechte verstuurd)"),
    "14": _("administratieve correctie"),
}
# RedenWijziging 13: the toewijzing counts as never sent (einddatum = ingangsdatum).
REDEN_WIJZIGING_VERWIJDERD: Final = "13"

# WMO588 (iWmo) and JZ588 (iJw) differ.
REDEN_BEEINDIGING: Final[dict[str, dict[str, Promise]]] = {
    "iwmo": {
        "02": _("overleden"),
        "19": _("levering volgens plan beëindigd"),
        "20": _("levering tijdelijk gestopt"),
        "21": _("cliënt heeft de levering zelf beëindigd"),
        "22": _("aanbieder heeft de levering zelf beëindigd"),
        "23": _("in overleg voortijdig beëindigd"),
        "31": _("verhuisd naar een andere gemeente"),
        "36": _("beëindigd door de gemeente"),
        "37": _("beëindigd na een wijzigingsverzoek"),
        "38": _("overgestapt naar een andere aanbieder"),
        "39": _("naar een ander domein"),
    },
    "ijw": {
        "02": _("overleden"),
        "20": _("levering tijdelijk gestopt"),
        "31": _("levering volgens plan beëindigd"),
        "32": _("voortijdig gestopt door de cliënt"),
        "33": _("voortijdig gestopt door de aanbieder"),
        "34": _("voortijdig gestopt in overleg"),
        "35": _("voortijdig gestopt door een oorzaak van buiten"),
        "36": _("beëindigd door de gemeente"),
        "37": _("beëindigd na een wijzigingsverzoek"),
        "38": _("overgestapt naar een andere aanbieder"),
        "39": _("naar een ander domein"),
    },
}

# COD467. Codes 2 and 9 exist in the schema but the rules of release 3.2 forbid them in the
# start and stop messages.
STATUS_AANLEVERING: Final[dict[str, Promise]] = {
    "1": _("eerste keer aangeleverd"),
    "2": _("gewijzigd aangeleverd"),
    "3": _("eerdere aanlevering verwijderen"),
    "9": _("niet van toepassing"),
}

# WJ758
REDEN_VERZOEK: Final[dict[str, Promise]] = {
    "1": _("situatie van de cliënt veranderd"),
    "2": _("zorgplan gewijzigd"),
}

# WJ760
VERZOEK_ANTWOORD: Final[dict[str, Promise]] = {
    "1": _("verzoek afgewezen"),
    "2": _("aanvraag wordt onderzocht"),
}

# WJ759
REDEN_AFWIJZING_VERZOEK: Final[dict[str, Promise]] = {
    "1": _("geen wijziging maar een nieuwe aanvraag"),
    "2": _("past niet in het budget"),
    "3": _("geen contract"),
    "4": _("past niet in het contract"),
    "5": _("andere gemeente is verantwoordelijk"),
    "6": _("stapeling van voorzieningen"),
    "7": _("inhoudelijk afgewezen"),
    "8": _("woonplaatsbeginsel"),
    "9": _("leeftijdsgrens bereikt"),
}

# COD327
TYPE_VERWIJZER: Final[dict[str, Promise]] = {
    "01": _("gemeente"),
    "02": _("huisarts"),
    "03": _("jeugdarts"),
    "04": _("gecertificeerde instelling"),
    "05": _("medisch specialist"),
    "06": _("zelfverwijzer of geen verwijzer"),
    "08": _("rechter, officier van justitie of justitiële jeugdinrichting"),
}

# WMO020 (iWmo) and JZ020 (iJw).
PRODUCTCATEGORIE: Final[dict[str, dict[str, Promise]]] = {
    "iwmo": {
        "01": _("hulp bij het huishouden"),
        "02": _("begeleiding"),
        "03": _("persoonlijke verzorging"),
        "04": _("kortdurend verblijf"),
        "05": _("woondiensten"),
        "06": _("overige individuele ondersteuning"),
        "07": _("dagbesteding"),
        "08": _("vervoersdiensten"),
        "09": _("overige ondersteuning in groepen"),
        "10": _("overige maatwerkarrangementen"),
        "11": _("rolstoelen"),
        "12": _("vervoersvoorzieningen"),
        "13": _("woonvoorzieningen"),
        "14": _("overige hulpmiddelen"),
        "15": _("beschermd wonen"),
        "16": _("opvang"),
        "17": _("spoedopvang"),
        "18": _("overig beschermd wonen en opvang"),
    },
    "ijw": {
        "31": _("zonder verblijf: wijk- of buurtteam (2015)"),
        "32": _("zonder verblijf: ambulant bij de aanbieder (2015)"),
        "33": _("zonder verblijf: daghulp bij de aanbieder (2015)"),
        "34": _("zonder verblijf: in het netwerk van de jeugdige (2015)"),
        "35": _("met verblijf: pleegzorg (2015)"),
        "36": _("met verblijf: gezinsgericht (2015)"),
        "37": _("met verblijf: gesloten plaatsing (2015)"),
        "38": _("met verblijf: overig residentieel (2015)"),
        "40": _("persoonlijke verzorging"),
        "41": _("dagbehandeling"),
        "42": _("vervoersdiensten"),
        "43": _("verblijf met behandeling"),
        "44": _("verblijf zonder behandeling"),
        "45": _("ambulante jeugdhulp"),
        "46": _("crisishulp"),
        "47": _("jeugdreclassering"),
        "48": _("jeugdbescherming"),
        "49": _("preventief justitieel kader"),
        "50": _("maatwerkarrangementen jeugd"),
        "51": _("generalistische basis-ggz"),
        "52": _("specialistische ggz"),
        "53": _("kindergeneeskunde"),
        "54": _("jeugd-ggz"),
        "55": _("landelijk ingekochte zorg"),
    },
}

# WJ756
EENHEID: Final[dict[str, Promise]] = {
    "01": _("minuten"),
    "04": _("uren"),
    "14": _("etmalen"),
    "16": _("dagdelen van vier uur"),
    "82": _("stuks (output)"),
    "83": _("euro's"),
    "84": _("stuks (inspanning)"),
}

# WMO757
FREQUENTIE: Final[dict[str, Promise]] = {
    "1": _("per dag"),
    "2": _("per week"),
    "4": _("per maand"),
    "6": _("in totaal over de hele toewijzing"),
}

# COD046
GESLACHT: Final[dict[str, Promise]] = {
    "0": _("onbekend"),
    "1": _("man"),
    "2": _("vrouw"),
}

# COD700; a client's own name is 1.
NAAMGEBRUIK_EIGEN: Final = "1"

# COD757; the address from the BRP is 01.
ADRESSOORT: Final[dict[str, Promise]] = {
    "01": _("adres volgens de BRP"),
    "02": _("correspondentieadres"),
    "03": _("verblijfsadres"),
    "04": _("tijdelijk verblijfsadres"),
}
ADRESSOORT_BRP: Final = "01"

# WJ001, every code the XSD of release 3.2 enumerates (the same in iWmo and iJw).
RETOURCODE_TECHNISCH_AFGEKEURD: Final = "0001"
RETOURCODE_GEEN_OPMERKING: Final = "0200"
RETOURCODE_NIET_BEOORDEELD: Final = "0233"
RETOURCODES: Final[dict[str, Promise]] = {
    "0001": _("bericht technisch afgekeurd"),
    "0200": _("geen opmerkingen"),
    "0233": _("niet beoordeeld"),
    "0611": _("tarief wijkt af van het contract"),
    "8001": _("declaratie helemaal toegekend"),
    "8017": _("creditregel zonder bekende debetregel"),
    "8021": _("referentienummer van de prestatie al eerder gebruikt"),
    "8187": _("hoort niet bij deze cliënt"),
    "8214": _("declaratieperiode sluit niet aan op de vorige"),
    "8848": _("dagtekening ligt in de toekomst"),
    "9019": _("niet te koppelen aan een toewijzing"),
    "9056": _("identificatie is niet uniek"),
    "9063": _("geen eerder bericht ontvangen om op aan te sluiten"),
    "9069": _("geen actueel startbericht met dezelfde sleutel"),
    "9071": _("start kan niet weg: de zorg is al beëindigd"),
    "9074": _("bericht met dezelfde sleutel al eerder ontvangen"),
    "9307": _("begindatum prestatie valt buiten de toewijzing"),
    "9308": _("einddatum prestatie valt buiten de toewijzing"),
    "9319": _("productperiode valt niet in één declaratieperiode"),
    "9321": _("volume hoger dan toegewezen"),
    "9322": _("samen hoger dan het toegewezen volume"),
    "9326": _("de lopende levering is nog niet gestopt"),
    "9332": _("toewijzingnummer is niet uniek"),
    "9333": _("declaratienummer is niet uniek"),
    "9338": _("prestatie hoort niet bij een toegewezen product"),
    "9339": _("productcategorie wijkt af van de toewijzing"),
    "9340": _("productcode wijkt af van de toewijzing"),
    "9341": _("eenheid past niet bij de toewijzing"),
    "9346": _("bedrag klopt niet met volume maal tarief"),
    "9347": _("referentie van de aanbieder is niet uniek"),
    "9349": _("niet alle lopende toewijzingen staan in het verzoek"),
    "9350": _("ongewijzigd product hoort niet bij een lopende toewijzing"),
    "9351": _("te wijzigen product hoort niet bij een lopende toewijzing"),
    "9355": _("referentie hoort niet bij een eerder verzoek"),
    "9357": _("gewenste ingangsdatum niet toegestaan"),
    "9359": _("voor deze referentie is al een toewijzing gestuurd"),
    "9360": _("voor deze referentie is al een antwoord 'in onderzoek' gestuurd"),
    "9361": _("product komt vaker voor in overlappende perioden"),
    "9365": _("voor deze referentie is al een definitief antwoord gestuurd"),
    "9366": _("productreferentie komt in geen declaratie voor"),
    "9367": _("waarde wijkt af van het heenbericht"),
    "9369": _("samen meer dan het toegewezen budget"),
    "9373": _("budget gewijzigd met een andere ingangsdatum"),
    "9374": _("er loopt al een verzoek"),
    "9375": _("omvang gevuld bij een toewijzing zonder product"),
    "9379": _("referentie hoort bij geen enkel verzoek"),
    "9384": _("declaratie op een verwijderde toewijzing"),
    "9385": _("toewijzing heeft al goedgekeurde declaraties"),
    "9387": _("begindatum productperiode niet de eerste van de maand"),
    "9388": _("einddatum productperiode niet de laatste van de maand"),
    "9389": _("debetregel zonder bijbehorende creditregel"),
    "9390": _("al een creditregel met dezelfde referentie"),
    "9411": _("omvang ontbreekt terwijl de toewijzing een productcode heeft"),
    "9412": _("omvang gevuld terwijl de toewijzing geen productcode heeft"),
    "9413": _("al een tijdelijke stop voor hetzelfde product"),
    "9414": _("einddatum eerder dan die van de lopende stop"),
    "9415": _("al een definitieve stop voor hetzelfde product"),
    "S300": _("gemeentecode ongeldig"),
    "S329": _("productcode ongeldig"),
}
