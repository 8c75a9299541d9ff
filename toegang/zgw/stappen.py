"""What each step does in the zaaksysteem. Every step looks first and creates second, with an
identification Toegang chose itself, so running it again after a time-out or a crash finds
what the first run made instead of making it twice (docs/zgw.md, "Idempotency")."""

import base64
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from casussen.besluit.brief import beschikking_pdf, bestandsnaam
from casussen.besluit.models import Beschikking
from toegang.core.bsn import bsn_decrypt
from toegang.core.domein import Wet

from .client import ConfiguratieFout, ZgwClient
from .models import StapSoort, ZgwStap, ZgwZaak

VERTROUWELIJK = "vertrouwelijk"
TAAL = "nld"
AUTEUR = "Toegang"
MOMENT_VELD = {"ontvangen": "status_ontvangen", "besluit": "status_besluit"}


# --- The catalogue ------------------------------------------------------------------------------


def _geldig_op(type_: dict[str, Any], dag: date) -> bool:
    """Published, and valid on `dag` (begin and end both count as valid)."""
    if type_.get("concept"):
        return False
    begin = type_.get("beginGeldigheid")
    einde = type_.get("eindeGeldigheid")
    return (begin is not None and date.fromisoformat(begin) <= dag
            and (einde is None or dag <= date.fromisoformat(einde)))


def _nieuwste(types: list[dict[str, Any]]) -> dict[str, Any]:
    return max(types, key=lambda t: t["beginGeldigheid"])


def zaaktype_kies(client: ZgwClient, *, wet: str, dag: date) -> str:
    """The URL of the zaaktype for `wet` by its identificatie, valid on `dag`."""
    config = client.config
    identificatie = config.zaaktype_voor(wet)
    if not identificatie:
        raise ConfiguratieFout(f"Er is geen zaaktype ingesteld voor {Wet(wet).label}.")
    kandidaten = [t for t in client.lijst("catalogi", "zaaktypen", catalogus=config.catalogus,
                                          identificatie=identificatie,
                                          datumGeldigheid=dag.isoformat())
                  if t.get("identificatie") == identificatie and _geldig_op(t, dag)]
    if not kandidaten:
        raise ConfiguratieFout(f"Geen zaaktype met identificatie {identificatie} dat geldig is "
                               f"op {dag.isoformat()} in de catalogus.")
    return str(_nieuwste(kandidaten)["url"])


def _statustype(client: ZgwClient, zaaktype: str, omschrijving: str) -> str:
    for statustype in client.lijst("catalogi", "statustypen", zaaktype=zaaktype):
        if statustype.get("omschrijving", "").strip().lower() == omschrijving.strip().lower():
            return str(statustype["url"])
    raise ConfiguratieFout(f"Het zaaktype heeft geen statustype '{omschrijving}'.")


def _roltype_initiator(client: ZgwClient, zaaktype: str) -> str:
    roltypen = client.lijst("catalogi", "roltypen", zaaktype=zaaktype,
                            omschrijvingGeneriek="initiator")
    if not roltypen:
        raise ConfiguratieFout("Het zaaktype heeft geen roltype 'initiator'.")
    return str(roltypen[0]["url"])


def _type_op_omschrijving(client: ZgwClient, pad: str, omschrijving: str, dag: date,
                          naam: str) -> str:
    if not omschrijving:
        raise ConfiguratieFout(f"Er is geen {naam} ingesteld.")
    kandidaten = [t for t in client.lijst("catalogi", pad, catalogus=client.config.catalogus,
                                          omschrijving=omschrijving)
                  if t.get("omschrijving") == omschrijving and _geldig_op(t, dag)]
    if not kandidaten:
        raise ConfiguratieFout(f"Geen {naam} '{omschrijving}' dat geldig is op "
                               f"{dag.isoformat()} in de catalogus.")
    return str(_nieuwste(kandidaten)["url"])


# --- The steps ----------------------------------------------------------------------------------


def _zaak(client: ZgwClient, zaak: ZgwZaak, stap: ZgwStap) -> str:
    config = client.config
    aanvraag = zaak.aanvraag
    gevonden = client.lijst("zaken", "zaken", identificatie=zaak.identificatie,
                            bronorganisatie=config.bronorganisatie)
    if gevonden:  # made by an earlier try whose answer never arrived
        bestaand = gevonden[0]
        zaak.zaak_url, zaak.zaaktype_url = bestaand["url"], bestaand["zaaktype"]
    else:
        zaaktype = zaaktype_kies(client, wet=aanvraag.wet, dag=aanvraag.ontvangen_op)
        nieuw = client.post("zaken", "zaken", {
            "identificatie": zaak.identificatie,
            "bronorganisatie": config.bronorganisatie,
            "verantwoordelijkeOrganisatie": config.rsin_verantwoordelijk,
            "zaaktype": zaaktype,
            "omschrijving": f"Aanvraag {Wet(aanvraag.wet).label}"[:80],
            "registratiedatum": timezone.localdate().isoformat(),
            "startdatum": aanvraag.ontvangen_op.isoformat(),
            "vertrouwelijkheidaanduiding": VERTROUWELIJK,
        })
        zaak.zaak_url, zaak.zaaktype_url = nieuw["url"], zaaktype
    zaak.save(update_fields=["zaak_url", "zaaktype_url"])
    return zaak.zaak_url


def _betrokkene(zaak: ZgwZaak) -> dict[str, str]:
    """The resident by BSN (a natuurlijk persoon); by name only when no BSN is known."""
    intake = zaak.casus.intake
    if intake.bsn_versleuteld:
        return {"inpBsn": bsn_decrypt(intake.bsn_versleuteld)}
    return {"geslachtsnaam": intake.naam[:200]}


def _rol(client: ZgwClient, zaak: ZgwZaak, stap: ZgwStap) -> str:
    bestaand = client.lijst("zaken", "rollen", zaak=zaak.zaak_url,
                            omschrijvingGeneriek="initiator")
    if bestaand:
        return str(bestaand[0]["url"])
    rol = client.post("zaken", "rollen", {
        "zaak": zaak.zaak_url,
        "betrokkeneType": "natuurlijk_persoon",
        "roltype": _roltype_initiator(client, zaak.zaaktype_url),
        "roltoelichting": "Inwoner die de aanvraag deed",
        "betrokkeneIdentificatie": _betrokkene(zaak),
    })
    return str(rol["url"])


def _zelfde_moment(a: str, b: str) -> bool:
    return datetime.fromisoformat(a) == datetime.fromisoformat(b)


def _status(client: ZgwClient, zaak: ZgwZaak, stap: ZgwStap) -> str:
    omschrijving = getattr(client.config, MOMENT_VELD[stap.gegevens["moment"]])
    if not omschrijving:
        raise ConfiguratieFout("Er is geen statustype ingesteld voor deze stap.")
    statustype = _statustype(client, zaak.zaaktype_url, omschrijving)
    gezet = stap.gegevens["datum"]
    for status in client.lijst("zaken", "statussen", zaak=zaak.zaak_url, statustype=statustype):
        if _zelfde_moment(status["datumStatusGezet"], gezet):
            return str(status["url"])
    status = client.post("zaken", "statussen", {
        "zaak": zaak.zaak_url, "statustype": statustype, "datumStatusGezet": gezet})
    return str(status["url"])


def _beschikking(stap: ZgwStap) -> Beschikking:
    if stap.beschikking is None:
        raise ConfiguratieFout("Deze stap hoort bij geen besluit.")
    return stap.beschikking


def _document(client: ZgwClient, zaak: ZgwZaak, stap: ZgwStap) -> str:
    """The decision letter as a document, linked to the zaak."""
    config = client.config
    beschikking = _beschikking(stap)
    gevonden = client.lijst("documenten", "enkelvoudiginformatieobjecten",
                            identificatie=beschikking.kenmerk,
                            bronorganisatie=config.bronorganisatie)
    if gevonden:
        document = str(gevonden[0]["url"])
    else:
        dag = beschikking.genomen_op or timezone.localdate()
        pdf = beschikking_pdf(casus=zaak.casus, beschikking=beschikking)
        document = str(client.post("documenten", "enkelvoudiginformatieobjecten", {
            "identificatie": beschikking.kenmerk,
            "bronorganisatie": config.bronorganisatie,
            "creatiedatum": dag.isoformat(),
            "titel": f"Besluit {beschikking.kenmerk}",
            "auteur": AUTEUR,
            "status": "definitief",
            "vertrouwelijkheidaanduiding": VERTROUWELIJK,
            "formaat": "application/pdf",
            "taal": TAAL,
            "bestandsnaam": bestandsnaam(beschikking),
            "inhoud": base64.b64encode(pdf).decode(),
            "bestandsomvang": len(pdf),
            "verzenddatum": dag.isoformat(),
            # Set, so the zaak can later be closed (an eindstatus requires it).
            "indicatieGebruiksrecht": False,
            "informatieobjecttype": _type_op_omschrijving(
                client, "informatieobjecttypen", config.informatieobjecttype, dag,
                "informatieobjecttype"),
        })["url"])
    if not client.lijst("zaken", "zaakinformatieobjecten", zaak=zaak.zaak_url,
                        informatieobject=document):
        client.post("zaken", "zaakinformatieobjecten", {
            "zaak": zaak.zaak_url, "informatieobject": document,
            "titel": f"Besluit {beschikking.kenmerk}"})
    return document


def _document_van(zaak: ZgwZaak, beschikking: Beschikking) -> str:
    stap = zaak.stappen.filter(soort=StapSoort.DOCUMENT, beschikking=beschikking).first()
    return stap.resultaat_url if stap is not None else ""


def _besluit(client: ZgwClient, zaak: ZgwZaak, stap: ZgwStap) -> str:
    """The beschikking as a besluit of the zaak, with its letter."""
    config = client.config
    beschikking = _beschikking(stap)
    dag = beschikking.genomen_op or timezone.localdate()
    gevonden = client.lijst("besluiten", "besluiten", identificatie=beschikking.kenmerk,
                            verantwoordelijkeOrganisatie=config.rsin_verantwoordelijk)
    if gevonden:
        besluit = str(gevonden[0]["url"])
    else:
        body: dict[str, Any] = {
            "identificatie": beschikking.kenmerk,
            "verantwoordelijkeOrganisatie": config.rsin_verantwoordelijk,
            "besluittype": _type_op_omschrijving(client, "besluittypen", config.besluittype,
                                                 dag, "besluittype"),
            "zaak": zaak.zaak_url,
            "datum": dag.isoformat(),
            "ingangsdatum": dag.isoformat(),
            "verzenddatum": dag.isoformat(),
        }
        if config.bestuursorgaan:
            body["bestuursorgaan"] = config.bestuursorgaan[:50]
        if beschikking.bezwaar_tot:
            body["uiterlijkeReactiedatum"] = beschikking.bezwaar_tot.isoformat()
        besluit = str(client.post("besluiten", "besluiten", body)["url"])
    document = _document_van(zaak, beschikking)
    if document and not client.lijst("besluiten", "besluitinformatieobjecten",
                                     besluit=besluit, informatieobject=document):
        client.post("besluiten", "besluitinformatieobjecten",
                    {"besluit": besluit, "informatieobject": document})
    return besluit


def _intrekking(client: ZgwClient, zaak: ZgwZaak, stap: ZgwStap) -> str:
    beschikking = _beschikking(stap)
    besluit = zaak.stappen.filter(soort=StapSoort.BESLUIT, beschikking=beschikking).first()
    if besluit is None or not besluit.resultaat_url:
        raise ConfiguratieFout("Het besluit staat niet in het zaaksysteem.")
    client.patch(besluit.resultaat_url, {"vervaldatum": stap.gegevens["per"],
                                         "vervalreden": "ingetrokken_overheid"})
    return besluit.resultaat_url


def _opschorting(client: ZgwClient, zaak: ZgwZaak, stap: ZgwStap) -> str:
    client.patch(zaak.zaak_url, {"opschorting": {"indicatie": True,
                                                 "reden": stap.gegevens["reden"][:200]}})
    return zaak.zaak_url


def _hervatting(client: ZgwClient, zaak: ZgwZaak, stap: ZgwStap) -> str:
    client.patch(zaak.zaak_url, {"opschorting": {"indicatie": False, "reden": ""}})
    return zaak.zaak_url


def _verlenging(client: ZgwClient, zaak: ZgwZaak, stap: ZgwStap) -> str:
    client.patch(zaak.zaak_url, {"verlenging": {"reden": stap.gegevens["reden"][:200],
                                                "duur": f"P{int(stap.gegevens['dagen'])}D"}})
    return zaak.zaak_url


# A PATCH sets the same state however often it is sent: those steps are idempotent as they are.
Uitvoerder = Callable[[ZgwClient, ZgwZaak, ZgwStap], str]
UITVOERDERS: dict[str, Uitvoerder] = {
    StapSoort.ZAAK: _zaak,
    StapSoort.ROL: _rol,
    StapSoort.STATUS: _status,
    StapSoort.DOCUMENT: _document,
    StapSoort.BESLUIT: _besluit,
    StapSoort.INTREKKING: _intrekking,
    StapSoort.OPSCHORTING: _opschorting,
    StapSoort.HERVATTING: _hervatting,
    StapSoort.VERLENGING: _verlenging,
}
