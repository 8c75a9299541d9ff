"""Demo data for the sociale kaart of Dijkstad: free local help, fictional but realistic.

Idempotent: an entry is found again by organisation and name and brought back to this text.
"""

from toegang.core.domein import Levensgebied as L
from toegang.organisatie.models import Wijk
from toegang.socialekaart.models import Voorziening

# (organisatie, naam, wat, voor wie, thema's, wijk codes (empty: whole municipality), adres,
#  openingstijden, kosten, hoe kom je er, telefoon, e-mail, website)
VOORZIENINGEN = [
    ("Stichting Welzijn Dijkstad", "Buurthuis De Kroon",
     "Koffie-inloop, samen eten op donderdag, een klusjesdienst en een plek om andere "
     "mensen uit de buurt te ontmoeten.",
     "Iedereen uit de wijk Centrum die mensen wil ontmoeten of iets wil doen in de buurt.",
     [L.SOCIAAL_NETWERK, L.MAATSCHAPPELIJKE_PARTICIPATIE, L.TIJDSBESTEDING], ["centrum"],
     "Kroonstraat 12, 7511 AK Dijkstad", "Maandag tot en met vrijdag 9.00–17.00 uur",
     "Gratis. Samen eten kost € 4.", "Bus 3, halte Kroonplein. Het gebouw is rolstoeltoegankelijk.",
     "053 480 12 12", "dekroon@welzijndijkstad.example", "https://welzijndijkstad.example/dekroon"),
    ("Stichting Welzijn Dijkstad", "Buurtkamer Noorderlicht",
     "Een huiskamer in de wijk: koffie, een praatje, een spelletje en hulp bij formulieren.",
     "Bewoners van Noord, vooral wie zich eenzaam voelt.",
     [L.SOCIAAL_NETWERK, L.TIJDSBESTEDING], ["noord"],
     "Poolsterlaan 4, 7522 BC Dijkstad", "Dinsdag en donderdag 10.00–15.00 uur", "Gratis",
     "Bus 5, halte Poolsterlaan.", "053 480 12 20", "", ""),
    ("Schuldhulp Dijkstad", "Geldloket",
     "Hulp bij rekeningen, brieven van schuldeisers, een budgetplan en het aanvragen van "
     "toeslagen. Ook anoniem.",
     "Iedereen in Dijkstad met geldzorgen, hoe klein ook.",
     [L.FINANCIEN], [], "Stadskantoor, Marktplein 1, 7511 AA Dijkstad",
     "Inloop woensdag 13.00–16.00 uur, of op afspraak", "Gratis",
     "Bus 1, 3 of 5, halte Marktplein.", "053 480 30 00", "geldloket@dijkstad.example",
     "https://dijkstad.example/geldloket"),
    ("Humanitas Dijkstad", "Thuisadministratie",
     "Een vrijwilliger komt bij u thuis en helpt uw post en administratie op orde te brengen "
     "en te houden.",
     "Inwoners die moeite hebben met hun papieren of geldzaken.",
     [L.FINANCIEN, L.INSTRUMENTELE_ADL], [], "", "Op afspraak, bij u thuis", "Gratis", "",
     "053 480 45 45", "thuisadministratie@humanitas-dijkstad.example", ""),
    ("Mantelzorgsteunpunt Dijkstad", "Steunpunt Mantelzorg",
     "Advies, een luisterend oor, lotgenotengroepen en respijtzorg als de zorg voor een ander "
     "zwaar wordt.",
     "Iedereen die zorgt voor een partner, kind, ouder of vriend.",
     [L.HUISELIJKE_RELATIES, L.GEESTELIJKE_GEZONDHEID, L.SOCIAAL_NETWERK], [],
     "Lindelaan 20, 7531 CD Dijkstad", "Maandag tot en met donderdag 9.00–16.00 uur",
     "Gratis", "Bus 2, halte Lindelaan.", "053 480 50 50", "info@mantelzorgdijkstad.example",
     "https://mantelzorgdijkstad.example"),
    ("Voedselbank Dijkstad", "Voedselbank uitgiftepunt Zuid",
     "Een wekelijks voedselpakket voor huishoudens die even niet rondkomen.",
     "Huishoudens met een laag inkomen; u heeft een verwijzing nodig van het Geldloket.",
     [L.FINANCIEN], ["zuid"], "Kerkpad 3, 7543 EF Dijkstad", "Vrijdag 14.00–16.00 uur",
     "Gratis", "Bus 4, halte Kerkpad.", "053 480 60 60", "", "https://voedselbankdijkstad.example"),
    ("Bibliotheek Dijkstad", "Taalcafé en Digi-hulp",
     "Oefenen met Nederlands praten, en hulp bij de computer, DigiD en uw telefoon.",
     "Iedereen die beter Nederlands wil leren of hulp zoekt bij digitale zaken.",
     [L.WERK_OPLEIDING, L.MAATSCHAPPELIJKE_PARTICIPATIE], [],
     "Bibliotheek, Havenstraat 8, 7561 GH Dijkstad", "Zaterdag 10.00–12.00 uur", "Gratis",
     "Bus 6, halte Haven.", "053 480 70 70", "digihulp@bibliotheekdijkstad.example",
     "https://bibliotheekdijkstad.example"),
    ("Stichting Welzijn Dijkstad", "Buurtsportcoach Oost",
     "Samen bewegen: wandelen, fitness voor 55-plussers en sport voor kinderen op het plein.",
     "Bewoners van Oost, jong en oud.",
     [L.LICHAMELIJKE_GEZONDHEID, L.TIJDSBESTEDING], ["oost"], "Sportpark Oost, 7533 JK Dijkstad",
     "Elke werkdag, zie het rooster", "Gratis of een kleine bijdrage", "Bus 2, halte Sportpark.",
     "053 480 12 30", "", ""),
    ("GGD Twentekanaal", "Jeugd- en opvoedhulp inloop",
     "Vragen over opvoeden, slapen, eten of gedrag van uw kind? Praat met een "
     "jeugdverpleegkundige, zonder afspraak.",
     "Ouders en verzorgers van kinderen tot 18 jaar.",
     [L.HUISELIJKE_RELATIES], [], "Consultatiebureau, Schoolstraat 5, 7541 LM Dijkstad",
     "Maandag 13.00–15.00 uur", "Gratis", "Bus 4, halte Schoolstraat.", "053 480 80 80", "",
     "https://ggd-twentekanaal.example"),
    ("Stichting Welzijn Dijkstad", "Buurthuis De Haven",
     "Activiteiten, een repair café en een weggeefkast voor het Havenkwartier.",
     "Iedereen uit het Havenkwartier.",
     [L.SOCIAAL_NETWERK, L.MAATSCHAPPELIJKE_PARTICIPATIE, L.FINANCIEN], ["haven"],
     "Kadeweg 15, 7562 NP Dijkstad", "Maandag tot en met zaterdag 10.00–16.00 uur", "Gratis",
     "Bus 6, halte Kade.", "053 480 12 40", "dehaven@welzijndijkstad.example", ""),
    ("Het Juridisch Loket", "Spreekuur recht en regels",
     "Gratis advies over huur, werk, schulden, scheiden of een brief van justitie.",
     "Iedereen met een juridische vraag en een laag of middeninkomen.",
     [L.JUSTITIE, L.HUISVESTING, L.FINANCIEN], [], "Stadskantoor, Marktplein 1, 7511 AA Dijkstad",
     "Donderdag 9.00–12.00 uur", "Gratis", "Bus 1, 3 of 5, halte Marktplein.", "0900 8020",
     "", "https://juridischloket.example"),
    ("Tactus Verslavingszorg", "Inloop alcohol en drugs",
     "Praten over uw gebruik van alcohol, drugs of gokken, of over dat van iemand anders. "
     "Anoniem.",
     "Iedereen die zich zorgen maakt over gebruik.",
     [L.MIDDELENGEBRUIK, L.GEESTELIJKE_GEZONDHEID], [], "Stationsplein 7, 7512 PQ Dijkstad",
     "Woensdag 16.00–18.00 uur", "Gratis", "Bij het station, bus 1.", "053 480 90 90", "",
     "https://tactus.example"),
    ("Woonstichting Dijkstad", "Huurdersspreekuur West",
     "Vragen over uw huis, achterstand in de huur of een buurtconflict? Bespreek het met een "
     "wijkconsulent.",
     "Huurders in West.",
     [L.HUISVESTING], ["west"], "Westerplein 2, 7552 RS Dijkstad", "Dinsdag 9.00–11.00 uur",
     "Gratis", "Bus 7, halte Westerplein.", "053 480 11 11", "", ""),
]


def seed_sociale_kaart() -> int:
    """Create or update the demo voorzieningen; returns how many there are."""
    wijken = {w.code: w for w in Wijk.objects.all()}
    for (organisatie, naam, wat, voor_wie, themas, codes, adres, open_, kosten, route,
         telefoon, email, website) in VOORZIENINGEN:
        voorziening, _nieuw = Voorziening.objects.update_or_create(
            organisatie=organisatie, naam=naam, defaults={
                "wat": wat, "voor_wie": voor_wie, "levensgebieden": [str(t) for t in themas],
                "adres": adres, "openingstijden": open_, "kosten": kosten,
                "hoe_kom_je_er": route, "telefoon": telefoon, "email": email,
                "website": website, "actief": True})
        voorziening.wijken.set([wijken[c] for c in codes if c in wijken])
    return len(VOORZIENINGEN)
