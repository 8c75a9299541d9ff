"""AVG inzage (GDPR art. 15): everything Toegang stores about one resident, as plain values.

A selector: it only reads. The number of queries depends on which kinds of data exist, never on
how many intakes, consents or log rows there are (everything is prefetched).
"""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from casussen.afspraken.models import Afspraak
from casussen.besluit.models import (
    Aanvraag,
    Beschikking,
    BeschikkingStatus,
    Bezwaar,
    Onderzoek,
    Toekenning,
)
from casussen.models import Betrokkenheid, Casus, Regiehouderschap
from casussen.toewijzing.models import Toewijzing
from intake.models import (
    Aanvulling,
    Bijlage,
    Intake,
    Toestemming,
    ToestemmingDoel,
    ToestemmingGebeurtenis,
    Veiligheidsmelding,
)
from intake.selectors import as_iso, intake_as_data, toegangslog_of_inwoner, toestemming_as_data
from toegang.accounts.models import User
from toegang.berichten.models import Notificatie
from toegang.organisatie.models import Team
from toegang.socialekaart.models import Suggestie
from toegang.thema.services import actief_thema

GENOMEN = [BeschikkingStatus.GENOMEN, BeschikkingStatus.HERZIEN, BeschikkingStatus.INGETROKKEN]


def _intakes_of(user: User) -> QuerySet[Intake]:
    """The resident's intakes with everything the inzage shows, oldest first."""
    return (
        Intake.objects.filter(inwoner=user)
        .select_related("team", "wijk", "casus", "casus__team")
        .prefetch_related(
            "huishoudleden", "levensgebieden", "eigen_antwoorden",
            Prefetch("aanvullingen", queryset=Aanvulling.objects.order_by("created_at", "id")),
            Prefetch("bijlagen", queryset=Bijlage.objects.order_by("created_at", "id")),
            Prefetch("sociale_kaart_suggesties", queryset=(
                Suggestie.objects.select_related("voorziening").order_by("getoond_op", "id"))),
            Prefetch("toestemmingen", queryset=(
                Toestemming.objects.select_related("doel").order_by("wet", "-created_at")
                .prefetch_related(Prefetch(
                    "gebeurtenissen",
                    queryset=ToestemmingGebeurtenis.objects.order_by("tijdstip", "id"))))),
            # A safety override stays hidden when showing it could endanger someone.
            Prefetch("veiligheidsmeldingen", queryset=(
                Veiligheidsmelding.objects.filter(tonen_aan_inwoner=True)
                .order_by("begin", "id")
                .prefetch_related(Prefetch("teams", queryset=Team.objects.order_by("naam"))))),
            Prefetch("casus__regiehouders", queryset=(
                Regiehouderschap.objects.select_related("user", "team").order_by("begin", "id"))),
            Prefetch("casus__betrokkenen", queryset=(
                Betrokkenheid.objects.select_related("team").order_by("begin", "id"))),
            Prefetch("casus__afspraken", queryset=Afspraak.objects.order_by("start", "id")),
            # The decision path as the resident sees it: verslagen once sent, decisions once
            # taken (a draft is the professionals' work in progress, not yet about them).
            Prefetch("casus__onderzoeken", queryset=(
                Onderzoek.objects.filter(verslag_verstuurd_op__isnull=False)
                .order_by("gesprek_op", "id"))),
            Prefetch("casus__aanvragen", queryset=Aanvraag.objects.order_by("ontvangen_op",
                                                                            "id")),
            Prefetch("casus__beschikkingen", queryset=(
                Beschikking.objects.filter(status__in=GENOMEN).select_related("vervangt")
                .order_by("genomen_op", "id")
                .prefetch_related(
                    Prefetch("toekenningen", queryset=Toekenning.objects.select_related(
                        "product", "aanbieder").order_by("id")),
                    Prefetch("bezwaren", queryset=Bezwaar.objects.order_by("ontvangen_op",
                                                                           "id"))))),
            # What was assigned to providers for them and when care started and stopped.
            Prefetch("casus__toewijzingen", queryset=Toewijzing.objects.select_related(
                "product", "aanbieder").order_by("ingangsdatum", "id")),
        )
        .order_by("ingediend_op", "id"))


def _door(gebeurtenis: ToestemmingGebeurtenis, user: User) -> str:
    """Who recorded a consent event, without naming staff."""
    if gebeurtenis.door_id is None:
        return "systeem"
    return "inwoner" if gebeurtenis.door_id == user.pk else "medewerker"


def _toestemming_data(toestemming: Toestemming, *, user: User,
                      doelen: dict[tuple[str, int], ToestemmingDoel]) -> dict[str, Any]:
    t = toestemming
    geschiedenis = list(t.gebeurtenissen.all())
    versies = sorted({g.doel_versie for g in geschiedenis} | {t.doel.versie})
    teksten = [doelen.get((t.doel.code, versie)) for versie in versies]
    return {
        **toestemming_as_data(t),
        "uitleg": t.doel.uitleg,
        "gevraagd_op": as_iso(t.created_at),
        "kind_akkoord": t.kind_akkoord, "ouder_akkoord": t.ouder_akkoord,
        "ouder_naam": t.ouder_naam,
        "doelteksten": [{"versie": d.versie, "vraag": d.vraag, "uitleg": d.uitleg}
                        for d in teksten if d is not None],
        "geschiedenis": [{"soort": g.soort, "op": as_iso(g.tijdstip),
                          "doel_versie": g.doel_versie, "geldig_tot": as_iso(g.geldig_tot),
                          "door": _door(g, user)} for g in geschiedenis],
    }


def _casus_data(intake: Intake) -> dict[str, Any] | None:
    try:
        casus: Casus = intake.casus
    except ObjectDoesNotExist:
        return None
    return {
        "status": casus.status, "team": casus.team.naam,
        "geopend_op": as_iso(casus.geopend_op), "afgesloten_op": as_iso(casus.afgesloten_op),
        # The resident is told who their regiehouder is (and was); other staff stay unnamed.
        "regiehouders": [{"naam": r.user.get_full_name() or r.user.username,
                          "functie": r.user.functie, "team": r.team.naam,
                          "van": as_iso(r.begin), "tot": as_iso(r.einde)}
                         for r in casus.regiehouders.all()],
        "betrokkenen": [{"team": b.team.naam, "rol": b.rol, "van": as_iso(b.begin),
                         "tot": as_iso(b.einde)} for b in casus.betrokkenen.all()],
        # Appointments with the resident and their own answer; the outcome is the
        # professionals' note and stays out, as on the resident's timeline.
        "afspraken": [{"soort": a.soort, "start": as_iso(a.start), "duur_minuten": a.duur_minuten,
                       "bij_u_thuis": a.bij_inwoner_thuis, "plaats": a.plaats,
                       "wie": a.deelnemers, "tolk": a.tolk_taal if a.tolk_nodig else "",
                       "status": a.status, "uw_vraag": a.vraag_inwoner}
                      for a in casus.afspraken.all()],
        **_besluitpad_data(casus),
    }


def _besluitpad_data(casus: Casus) -> dict[str, Any]:
    """Verslagen with the resident's remarks, aanvragen and decisions with their lines."""
    return {
        "verslagen": [{"gesprek_op": as_iso(o.gesprek_op),
                       "verstuurd_op": as_iso(o.verslag_verstuurd_op),
                       "hulpvraag": o.hulpvraag, "eigen_kracht": o.eigen_kracht,
                       "netwerk": o.netwerk, "mantelzorg": o.mantelzorg,
                       "algemene_voorzieningen": o.algemene_voorzieningen,
                       "maatwerk_nodig": o.maatwerk_nodig,
                       "maatwerk_toelichting": o.maatwerk_toelichting,
                       "vormwens": o.vormwens, "uw_opmerkingen": o.opmerking_inwoner}
                      for o in casus.onderzoeken.all()],
        "aanvragen": [{"wet": a.wet, "ontvangen_op": as_iso(a.ontvangen_op), "via": a.via,
                       "vormwens": a.vormwens, "toelichting": a.toelichting}
                      for a in casus.aanvragen.all()],
        "besluiten": [{
            "kenmerk": b.kenmerk, "wet": b.wet, "status": b.status,
            "genomen_op": as_iso(b.genomen_op), "bezwaar_tot": as_iso(b.bezwaar_tot),
            "ingetrokken_op": as_iso(b.ingetrokken_op), "motivering": b.motivering,
            "vervangt": b.vervangt.kenmerk if b.vervangt else "",
            "reden_wijziging": b.reden_wijziging,
            "regels": [{"product": t.product.naam, "besluit": t.besluit,
                        "volume": str(t.volume) if t.volume is not None else None,
                        "eenheid": t.eenheid, "frequentie": t.frequentie,
                        "begindatum": as_iso(t.begindatum), "einddatum": as_iso(t.einddatum),
                        "levering": t.levering,
                        "aanbieder": t.aanbieder.naam if t.aanbieder else "",
                        "kosten_per_maand": str(t.kosten_per_maand) if t.is_toegekend
                        else None,
                        "reden": t.reden} for t in b.toekenningen.all()],
            "bezwaren": [{"ontvangen_op": as_iso(z.ontvangen_op), "toelichting": z.toelichting,
                          "uitkomst": z.uitkomst, "besloten_op": as_iso(z.besloten_op)}
                         for z in b.bezwaren.all()],
        } for b in casus.beschikkingen.all()],
        "toewijzingen": [{
            "nummer": t.pk, "product": t.product.naam, "aanbieder": t.aanbieder.naam,
            "ingangsdatum": as_iso(t.ingangsdatum), "einddatum": as_iso(t.einddatum),
            "volume": t.volume, "eenheid": t.eenheid, "frequentie": t.frequentie,
            "status": t.status, "zorg_gestart_op": as_iso(t.begonnen_op),
            "zorg_gestopt_op": as_iso(t.gestopt_op)} for t in casus.toewijzingen.all()],
    }


def _intake_data(intake: Intake, *, user: User, include_bsn: bool,
                 doelen: dict[tuple[str, int], ToestemmingDoel]) -> dict[str, Any]:
    data = intake_as_data(intake=intake, include_bsn=include_bsn)
    data["toestemmingen"] = [_toestemming_data(t, user=user, doelen=doelen)
                             for t in intake.toestemmingen.all()]
    data["veiligheidsmeldingen"] = [
        {"begin": as_iso(m.begin), "einde": as_iso(m.einde),
         "teams": [team.naam for team in m.teams.all()], "meldcode_stap": m.meldcode_stap,
         "beoordeling": m.beoordeling} for m in intake.veiligheidsmeldingen.all()]
    data["casus"] = _casus_data(intake)
    # Help from the sociale kaart suggested to them, or put in their plan: stored per intake,
    # so it is their data too, though managers only ever see it counted.
    data["suggesties"] = [{"op": as_iso(s.getoond_op), "bron": s.bron,
                           "organisatie": s.voorziening.organisatie,
                           "voorziening": s.voorziening.naam}
                          for s in intake.sociale_kaart_suggesties.all()]
    return data


def _doelen_for(intakes: list[Intake]) -> dict[tuple[str, int], ToestemmingDoel]:
    """Every version of the purpose texts these consents were given or renewed under."""
    codes = {t.doel.code for intake in intakes for t in intake.toestemmingen.all()}
    if not codes:
        return {}
    return {(d.code, d.versie): d for d in ToestemmingDoel.objects.filter(code__in=codes)}


def inzage_data(*, user: User, include_bsn: bool = True) -> dict[str, Any]:
    """Everything stored about resident `user`: account, intakes (with consents, safety
    overrides shown to them and the case), notifications and staff access to their data.

    Plain JSON-serialisable values. The BSN is in full unless `include_bsn` is False (pages
    show it masked; only the resident's own download has it in full).
    """
    intakes = list(_intakes_of(user))
    doelen = _doelen_for(intakes)
    notificaties = (Notificatie.objects.filter(ontvanger=user)
                    .only("onderwerp", "tekst", "created_at", "gelezen_op")
                    .order_by("-created_at", "-id"))
    return {
        "export": {"gemaakt_op": as_iso(timezone.now()), "gemeente": actief_thema().gemeentenaam},
        "account": {
            "voornaam": user.first_name, "achternaam": user.last_name, "email": user.email,
            "telefoon": user.telefoon, "gebruikersnaam": user.username,
            "aangemaakt_op": as_iso(user.date_joined),
            "laatst_ingelogd_op": as_iso(user.last_login),
        },
        "intakes": [_intake_data(intake, user=user, include_bsn=include_bsn, doelen=doelen)
                    for intake in intakes],
        "notificaties": [{"op": as_iso(n.created_at), "onderwerp": n.onderwerp,
                          "tekst": n.tekst, "gelezen_op": as_iso(n.gelezen_op)}
                         for n in notificaties],
        # Staff rows only, without staff names; the basis without internal ids.
        "toegangslog": [{"op": as_iso(row.tijdstip), "team": row.team, "rol": row.rol,
                         "actie": row.actie, "grond": row.grond.split(":", 1)[0]}
                        for row in toegangslog_of_inwoner(user=user)],
    }
