import pytest

from toegang.socialekaart.models import Voorziening


def maak(naam: str, *, themas: list[str], wijken=(), organisatie: str = "Welzijn",  # type: ignore[no-untyped-def]
         actief: bool = True, **velden) -> Voorziening:
    voorziening = Voorziening.objects.create(
        organisatie=organisatie, naam=naam, wat=f"Wat {naam} biedt.", levensgebieden=themas,
        actief=actief, **velden)
    voorziening.wijken.set(wijken)
    return voorziening


@pytest.fixture
def kaart(stad):  # type: ignore[no-untyped-def]
    """A buurthuis in Centrum, one in Noord, municipality-wide schuldhulp, an inactive one."""
    return {
        "kroon": maak("Buurthuis De Kroon", themas=["sociaal_netwerk", "tijdsbesteding"],
                      wijken=[stad.centrum], kosten="Gratis", telefoon="053 480 12 12"),
        "noorderlicht": maak("Buurtkamer Noorderlicht", themas=["sociaal_netwerk"],
                             wijken=[stad.noord]),
        "geldloket": maak("Geldloket", themas=["financien"], organisatie="Schuldhulp"),
        "oud": maak("Oude inloop", themas=["financien", "sociaal_netwerk"], actief=False),
    }
