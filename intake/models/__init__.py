"""The single record of a resident's question, its consents and safety overrides.

One module per subject; Django and the rest of the code import them from here.
"""
from .intake import (
    STAFF_KANALEN,
    Aanvulling,
    Afsluitreden,
    Bijlage,
    ContactVoorkeur,
    Grond,
    Huishoudlid,
    Intake,
    IntakeGebeurtenis,
    IntakeLevensgebied,
    IntakeQuerySet,
    IntakeStatus,
    Kanaal,
    Referentieteller,
    Relatie,
    Urgentie,
    Veiligheid,
    _bijlage_pad,
    private_storage,
)
from .rechten import (
    IntakeGroupObjectPermission,
    IntakeUserObjectPermission,
    werkvoorraad_volgorde,
)
from .toestemming import (
    ScopeDeel,
    Toestemming,
    ToestemmingDoel,
    ToestemmingGebeurtenis,
    ToestemmingStatus,
    ToestemmingWijze,
)
from .veiligheid import (
    Beoordeling,
    MeldcodeStap,
    Veiligheidsmelding,
)
from .verwijzing import (
    OntvangenVia,
    Verwijzer,
    VerwijzerSoort,
    Verwijzing,
)

__all__ = [
    "STAFF_KANALEN",
    "Aanvulling",
    "Afsluitreden",
    "Beoordeling",
    "Bijlage",
    "ContactVoorkeur",
    "Grond",
    "Huishoudlid",
    "Intake",
    "IntakeGebeurtenis",
    "IntakeGroupObjectPermission",
    "IntakeLevensgebied",
    "IntakeQuerySet",
    "IntakeStatus",
    "IntakeUserObjectPermission",
    "Kanaal",
    "MeldcodeStap",
    "OntvangenVia",
    "Referentieteller",
    "Relatie",
    "ScopeDeel",
    "Toestemming",
    "ToestemmingDoel",
    "ToestemmingGebeurtenis",
    "ToestemmingStatus",
    "ToestemmingWijze",
    "Urgentie",
    "Veiligheid",
    "Veiligheidsmelding",
    "Verwijzer",
    "VerwijzerSoort",
    "Verwijzing",
    "_bijlage_pad",
    "private_storage",
    "werkvoorraad_volgorde",
]
