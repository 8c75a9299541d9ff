"""Demo intakes for Dijkstad: a few dozen realistic ones through the real services, or up to a
million in bulk (same shape: routing, consents, permission rows) for benchmarks."""

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta

from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils import timezone
from faker import Faker

from intake.gegevens import HuishoudlidGegevens, IntakeGegevens, ToestemmingKeuze
from intake.grants import INTAKE_ALL, scope_perms, werkvoorraad_velden
from intake.models import (
    STAFF_KANALEN,
    Huishoudlid,
    Intake,
    IntakeGroupObjectPermission,
    IntakeLevensgebied,
    IntakeStatus,
    OntvangenVia,
    Toestemming,
    ToestemmingGebeurtenis,
    ToestemmingStatus,
    Urgentie,
    VerwijzerSoort,
    Verwijzing,
)
from intake.services import (
    intake_submit,
    referenties_in_gebruik,
    referenties_reserve,
    toestemming_doel_current,
)
from toegang.accounts.models import Rol, User
from toegang.core.bsn import bsn_encrypt, bsn_hash
from toegang.core.domein import Wet
from toegang.core.namen import naam_sleutel
from toegang.organisatie.models import Team, WijkPostcode
from toegang.organisatie.services import Router

from .personen import Aanvragers, Bevolking

# Questions in residents' own words, with the life areas they touch and whether they are
# about a child. Fictional; written for this demo.
VRAGEN: list[tuple[str, list[str], bool]] = [
    ("Ik heb schulden en durf de post niet meer open te maken. Ik weet niet waar ik moet "
     "beginnen.", ["financien"], False),
    ("Sinds mijn heupoperatie lukt het schoonmaken niet meer. Mijn dochter woont ver weg.",
     ["instrumentele_adl", "lichamelijke_gezondheid"], False),
    ("Onze zoon van 14 gaat al weken niet naar school en zit de hele dag op zijn kamer.",
     ["werk_opleiding", "huiselijke_relaties"], True),
    ("Ik ben mijn baan kwijt en mijn uitkering is nog niet geregeld. De huur moet wel betaald "
     "worden.", ["werk_opleiding", "financien"], False),
    ("Mijn moeder van 84 vergeet steeds meer. Ik zorg voor haar naast mijn werk en ik kan het "
     "niet meer aan.", ["basale_adl", "sociaal_netwerk"], False),
    ("Ik voel me erg eenzaam sinds mijn man is overleden. Ik kom de deur bijna niet meer uit.",
     ["sociaal_netwerk", "geestelijke_gezondheid"], False),
    ("Thuis is er veel ruzie. De kinderen merken het en slapen slecht.",
     ["huiselijke_relaties"], True),
    ("Ik zit in een rolstoel en kan de trap naar mijn woning niet meer op.",
     ["huisvesting", "lichamelijke_gezondheid"], False),
    ("Mijn dochter heeft autisme en loopt vast op school. We hebben hulp nodig bij de "
     "opvoeding.", ["huiselijke_relaties", "werk_opleiding"], True),
    ("Ik wil graag weer aan het werk, maar ik weet niet hoe na jaren thuis te hebben gezeten.",
     ["werk_opleiding", "tijdsbesteding"], False),
    ("Ik drink te veel en daardoor gaat het mis met mijn werk en mijn geld.",
     ["middelengebruik", "financien"], False),
    ("We moeten ons huis uit en weten niet waar we met de kinderen naartoe moeten.",
     ["huisvesting"], True),
    ("Ik kom net uit detentie en heb geen woning en geen inkomen.",
     ["justitie", "huisvesting", "financien"], False),
    ("Ik heb hulp nodig om naar de dagbesteding te komen, de bus lukt niet meer.",
     ["tijdsbesteding", "maatschappelijke_participatie"], False),
]

DEMO_RESIDENT = "demo.inwoner@example.nl"
# The demo resident's first request (Wijkteam Centrum): her household's story is told on in
# deuren.py (her partner's request, a phone call, appointments).
DEMO_VRAAG = ("Sinds mijn heupoperatie lukt het huishouden niet meer. Mijn man werkt veel en "
              "onze dochter van negen heeft ook zorg nodig. Ik loop vast.")
DEMO_GEBIEDEN = ["instrumentele_adl", "huiselijke_relaties"]
DEMO_POSTCODE = "7512AK"


def _straat(rng: random.Random) -> str:
    return rng.choice(["Dorpsstraat", "Kerkweg", "Molenlaan", "Havenkade", "Beukenlaan",
                       "Julianastraat", "Schoolstraat", "Parklaan"]) + f" {rng.randint(1, 180)}"


def _postcode(rng: random.Random, pc4s: list[str]) -> str:
    return f"{rng.choice(pc4s)}{rng.choice('ABCDEGHJKL')}{rng.choice('ABCDEGHJKL')}"


def _other_wetten(team: Team, wetten_van: dict[int, set[str]]) -> list[str]:
    return [w for w in Wet.values if w not in wetten_van[team.pk]]


def seed_intakes_realistic(*, n: int, seed: int = 2026) -> int:
    """Create `n` intakes through intake_submit, spread over the last 60 days."""
    rng = random.Random(seed)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    pc4s = list(WijkPostcode.objects.values_list("pc4", flat=True).order_by("pc4"))
    demo = User.objects.filter(username=DEMO_RESIDENT, rol=Rol.INWONER).first()
    residents = list(User.objects.filter(rol=Rol.INWONER).exclude(username=DEMO_RESIDENT)
                     .order_by("username"))
    # a phone call is typed in by a professional
    medewerkers = list(User.objects.filter(rol=Rol.PROFESSIONAL).order_by("username"))
    now = timezone.now()
    made = 0
    for i in range(n):
        vraag, gebieden, over_kind = VRAGEN[i % len(VRAGEN)]
        inwoner = demo if i == 0 else (residents[i % len(residents)] if residents and i < 6
                                       else None)
        huishouden = []
        if over_kind:
            huishouden.append(HuishoudlidGegevens(relatie="kind", naam=fake.first_name(),
                                                  geboortejaar=now.year - rng.randint(4, 15),
                                                  vraag_gaat_over=True))
        gegevens = IntakeGegevens(
            voornaam=inwoner.first_name if inwoner else fake.first_name(),
            achternaam=inwoner.last_name if inwoner else fake.last_name(),
            geboortedatum=date(now.year - rng.randint(22, 85), rng.randint(1, 12),
                               rng.randint(1, 28)),
            vraag=vraag, postcode=_postcode(rng, pc4s), straat=_straat(rng),
            woonplaats="Dijkstad", telefoon=f"06{rng.randint(10000000, 99999999)}",
            email=inwoner.email if inwoner else "", levensgebieden=gebieden,
            over_kind=over_kind, huishouden=huishouden,
            wat_gaat_goed=rng.choice(["", "Mijn buurvrouw helpt met boodschappen.",
                                      "Ik kan goed koken.", "Mijn broer belt elke week."]),
            wens=rng.choice(["", "Weer rust in mijn hoofd.", "Zelf weer de regie hebben.",
                             "Dat mijn kinderen weer lekker slapen."]),
            urgentie=Urgentie.URGENT if i % 9 == 4 else Urgentie.NORMAAL,
            veiligheid="zorgen" if i % 11 == 6 else "veilig",
        )
        if i == 0:  # the demo resident: Wijkteam Centrum, her household's story (deuren.py)
            gegevens = replace(gegevens, vraag=DEMO_VRAAG, levensgebieden=DEMO_GEBIEDEN,
                               postcode=DEMO_POSTCODE, straat="Beukenlaan 12")
        toestemmingen = []
        if i % 3 == 0:
            wet = rng.choice([Wet.JEUGDWET, Wet.PARTICIPATIEWET, Wet.WMO])
            toestemmingen.append(ToestemmingKeuze(wet=wet, akkoord=True, kind_akkoord=True,
                                                  ouder_akkoord=True,
                                                  ouder_naam=f"{gegevens.voornaam} "
                                                             f"{gegevens.achternaam}"))
        when = now - timedelta(days=rng.randint(0, 60), hours=rng.randint(0, 10))
        kanaal = rng.choice(["online"] * 4 + ["telefoon"]) if medewerkers else "online"
        intake_submit(gegevens=gegevens, kanaal=kanaal, inwoner=inwoner,
                      toestemmingen=toestemmingen, now=when,
                      ingevoerd_door=medewerkers[i % len(medewerkers)] if kanaal != "online"
                      else None)
        made += 1
    return made


def seed_intakes_bulk(*, n: int, seed: int = 2026, batch: int = 5000, years: float = 3,
                      progress: Callable[[int], None] | None = None) -> int:
    """Insert `n` intakes in batches, with the same routing, consents and permission rows the
    services would write (checked by a test against intake_grants_sync).

    The fields that matching uses are filled as in life (toegang/demo/personen.py): common
    surnames are common, a postcode is one street, a fifth of the requests come from someone
    who asked before (some moved since), two in five carry a BSN, and households are named
    (children, partners, some of whom ask for help themselves later)."""
    rng = random.Random(seed)
    router = Router()
    pc4s = list(WijkPostcode.objects.values_list("pc4", flat=True).order_by("pc4"))
    aanvragers = Aanvragers(Bevolking(rng, pc4s))
    teams = list(Team.objects.actief().prefetch_related("wetten", "wijken"))
    wetten_van = {t.pk: {w.pk for w in t.wetten.all()} for t in teams}
    serving: dict[tuple[int, str], list[Team]] = defaultdict(list)
    for team in teams:
        for wijk in team.wijken.all():
            for wet in wetten_van[team.pk]:
                serving[(wijk.pk, wet)].append(team)
    perm_ids = dict(Permission.objects.filter(content_type__app_label="intake",
                                              codename__in=INTAKE_ALL)
                    .values_list("codename", "id"))
    doelen = {wet: toestemming_doel_current(wet=wet) for wet in Wet.values}
    counters = referenties_in_gebruik()
    medewerkers = list(User.objects.filter(rol=Rol.PROFESSIONAL).values_list("pk", flat=True))
    now = timezone.now()
    span = timedelta(days=365 * years)
    made = 0
    while made < n:
        size = min(batch, n - made)
        with transaction.atomic():
            made += _bulk_batch(size, rng, aanvragers, router, wetten_van, serving, perm_ids,
                                doelen, counters, now, span, medewerkers)
            for jaar, laatste in counters.items():
                referenties_reserve(jaar=jaar, tot=laatste)
        if progress:
            progress(size)
    return made


def _bsn_velden(bsn: str) -> dict[str, str]:
    return {"bsn_versleuteld": bsn_encrypt(bsn), "bsn_hash": bsn_hash(bsn)}


def _bulk_batch(size, rng, aanvragers: Aanvragers, router, wetten_van, serving, perm_ids,
                doelen, counters, now: datetime, span: timedelta, medewerkers: list[int]) -> int:
    rows, extras, leden = [], [], []
    for _ in range(size):
        vraag, gebieden, over_kind = rng.choice(VRAGEN)
        persoon = aanvragers.volgende()
        postcode = persoon.postcode
        route = router.route(postcode=postcode, levensgebieden=gebieden, over_kind=over_kind)
        when = now - timedelta(seconds=rng.randint(0, int(span.total_seconds())))
        jaar = timezone.localtime(when).year
        counters[jaar] = counters.get(jaar, 0) + 1
        age = now - when
        status = (IntakeStatus.INGEDIEND if age < timedelta(days=14) and rng.random() < 0.7
                  else IntakeStatus.AFGEROND if age > timedelta(days=120)
                  else IntakeStatus.OPGEPAKT)
        kanaal = rng.choice(["online"] * 6 + ["telefoon"] * 2 + ["balie", "verwijzing"]
                            if medewerkers else ["online"])
        rows.append(Intake(
            referentie=f"TG-{jaar}-{counters[jaar]:06d}", kanaal=kanaal,
            ingevoerd_door_id=rng.choice(medewerkers) if kanaal in STAFF_KANALEN else None,
            voornaam=persoon.voornaam, achternaam=persoon.achternaam,
            zoeknaam=naam_sleutel(persoon.achternaam), geboortedatum=persoon.geboortedatum,
            **(_bsn_velden(persoon.bsn) if rng.random() < 0.4 else {}),
            straat=persoon.straat, postcode=postcode, woonplaats="Dijkstad",
            telefoon=f"06{rng.randint(10000000, 99999999)}", vraag=vraag, over_kind=over_kind,
            urgentie=Urgentie.URGENT if rng.random() < 0.08 else Urgentie.NORMAAL,
            veiligheid="veilig", wijk=route.wijk, team=route.team, routing_regel=route.regel,
            status=status, ingediend_op=when))
        extras.append((gebieden, route))
        leden.append(aanvragers.huishouden(persoon, over_kind=over_kind, jaar=when.year))
    Intake.objects.bulk_create(rows, batch_size=2000)
    Huishoudlid.objects.bulk_create(
        [Huishoudlid(intake_id=intake.pk, relatie=relatie, naam=naam, geboortejaar=geboren,
                     vraag_gaat_over=over)
         for intake, genoemd in zip(rows, leden, strict=True)
         for relatie, naam, geboren, over in genoemd], batch_size=5000)
    Verwijzing.objects.bulk_create(
        [Verwijzing(intake_id=i.pk, soort=VerwijzerSoort.HUISARTS, inwoner_akkoord=True,
                    organisatie=f"Huisartsenpraktijk {aanvragers.bevolking.achternaam()}",
                    ontvangen_via=OntvangenVia.POST)
         for i in rows if i.kanaal == "verwijzing"], batch_size=2000)
    gebied_rows, perm_rows, consent_rows, consent_meta = [], [], [], []
    for intake, (gebieden, route) in zip(rows, extras, strict=True):
        gebied_rows += [IntakeLevensgebied(intake_id=intake.pk, levensgebied=g) for g in gebieden]
        queue = werkvoorraad_velden(intake)
        perm_rows += [IntakeGroupObjectPermission(group_id=route.team.group_id,
                                                  permission_id=perm_ids[p],
                                                  content_object_id=intake.pk, grond="routering",
                                                  **queue)
                      for p in INTAKE_ALL]
        if rng.random() < 0.35:
            andere = _other_wetten(route.team, wetten_van)
            if andere:
                wet = rng.choice(andere)
                doel = doelen[wet]
                expires = intake.ingediend_op + timedelta(days=doel.looptijd_dagen)
                consent_rows.append(Toestemming(
                    intake_id=intake.pk, wet=wet, doel=doel, scope=list(doel.scope),
                    status=ToestemmingStatus.GEGEVEN if expires > now
                    else ToestemmingStatus.VERLOPEN, kind_akkoord=False, ouder_akkoord=False,
                    given_at=intake.ingediend_op, expires_at=expires))
                consent_meta.append((intake, route, wet, doel, expires))
    IntakeLevensgebied.objects.bulk_create(gebied_rows, batch_size=5000)
    Toestemming.objects.bulk_create(consent_rows, batch_size=2000)
    events = []
    for consent, (intake, route, wet, doel, expires) in zip(consent_rows, consent_meta,
                                                             strict=True):
        events.append(ToestemmingGebeurtenis(toestemming_id=consent.pk, soort="gegeven",
                                             doel_versie=doel.versie, tijdstip=intake.ingediend_op,
                                             geldig_tot=expires))
        if expires <= now or route.wijk is None:
            continue
        seen = {route.team.group_id}
        for team in serving[(route.wijk.pk, wet)]:
            if team.group_id in seen:
                continue
            seen.add(team.group_id)
            perm_rows += [IntakeGroupObjectPermission(
                group_id=team.group_id, permission_id=perm_ids[p], content_object_id=intake.pk,
                grond=f"toestemming:{consent.pk}", geldig_tot=expires,
                **werkvoorraad_velden(intake))
                for p in scope_perms(list(doel.scope)) if p in perm_ids]
    ToestemmingGebeurtenis.objects.bulk_create(events, batch_size=5000)
    IntakeGroupObjectPermission.objects.bulk_create(perm_rows, batch_size=5000)
    return size
