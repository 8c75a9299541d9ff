"""What a resident (or a professional on the phone) tells in an intake, as plain data: the
wizard, the staff form and the demo fill these, `intake_submit` stores them."""

from dataclasses import dataclass, field
from datetime import date

from .models import Urgentie


@dataclass
class HuishoudlidGegevens:
    relatie: str
    naam: str
    geboortejaar: int
    vraag_gaat_over: bool = False


@dataclass
class VerwijzingGegevens:
    """Who referred the resident (a huisarts, school, wijkagent, …), and how it came in."""

    soort: str
    organisatie: str
    ontvangen_via: str
    persoon: str = ""
    telefoon: str = ""
    agb_code: str = ""
    inwoner_akkoord: bool = False
    verwijzer_id: int | None = None  # the referrer's own account, when sent through its form


@dataclass
class IntakeGegevens:
    """Everything a resident (or a professional on the phone) tells us in an intake."""

    voornaam: str
    achternaam: str
    geboortedatum: date
    vraag: str
    postcode: str = ""
    straat: str = ""
    woonplaats: str = ""
    geen_vast_adres: bool = False
    bsn: str = ""
    telefoon: str = ""
    email: str = ""
    contact_voorkeur: str = "telefoon"
    contact_tijden: str = ""
    levensgebieden: list[str] = field(default_factory=list)
    over_kind: bool = False
    huishouden: list[HuishoudlidGegevens] = field(default_factory=list)
    wat_gaat_goed: str = ""
    wie_helpt: str = ""
    wens: str = ""
    urgentie: str = Urgentie.NORMAAL
    veiligheid: str = ""
    veiligheid_toelichting: str = ""
    verwijzing: VerwijzingGegevens | None = None


@dataclass
class ToestemmingKeuze:
    """A resident's yes or no to sharing with the teams of one wet; `wijze` says whether they
    answered online or aloud to the professional who read out the text (ToestemmingWijze)."""

    wet: str
    akkoord: bool
    kind_akkoord: bool = False
    ouder_akkoord: bool = False
    ouder_naam: str = ""
    wijze: str = "online"


