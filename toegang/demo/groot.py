"""A big city for benchmarks: 30 wijken, 120 teams, 1,500 professionals, and bulk casework.

Dijkstad's six wijken, teams and demo logins stay; generated wijken, teams and staff are added
with bulk inserts. Everything is deterministic for a given seed.
"""

import random
from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils import timezone

from casussen.grants import CASUS_ALL, CASUS_VIEW
from casussen.models import (
    Casus,
    CasusGroupObjectPermission,
    CasusStatus,
    CasusUserObjectPermission,
    Contactmoment,
    Notitie,
    Regiehouderschap,
)
from intake.grants import INTAKE_ALL, VIEW
from intake.models import (
    Intake,
    IntakeGroupObjectPermission,
    IntakeStatus,
    IntakeUserObjectPermission,
    Toestemming,
    werkvoorraad_volgorde,
)
from regie.termijnen.models import Termijn, TermijnSoort, TermijnStatus
from toegang.accounts.models import Rol, User
from toegang.audit.models import Toegangslog
from toegang.audit.services import toegangslog_partities_aanmaken
from toegang.organisatie.models import Team, Teamlidmaatschap, TeamSoort, Wet, Wijk
from toegang.organisatie.services import team_create, wijk_set_postcodes

from .organisatie import _demo_password_hash, seed_organisatie


@transaction.atomic
def seed_stad_groot(*, seed: int = 2026, wijken: int = 30, teams: int = 120,
                    professionals: int = 1500) -> dict[str, int]:
    """Grow Dijkstad to a big city; running it twice changes nothing."""
    rng = random.Random(seed)
    seed_organisatie(seed=seed)
    Wet.objects.bulk_create([Wet(code=c) for c in ("JEUGDWET", "WMO", "PARTICIPATIEWET")],
                            ignore_conflicts=True)
    bestaand = Wijk.objects.count()
    for n in range(bestaand + 1, wijken + 1):
        wijk, created = Wijk.objects.get_or_create(code=f"wijk{n:02d}",
                                                   defaults={"naam": f"Wijk {n:02d}"})
        if created:
            base = 7600 + (n - bestaand) * 4
            wijk_set_postcodes(wijk=wijk, pc4=[str(base + i) for i in range(4)])
    alle = list(Wijk.objects.order_by("id"))
    nieuw = [w for w in alle if w.code.startswith("wijk")]
    plan: list[tuple[str, str, list[str], list[Wijk]]] = []
    for wijk in nieuw:
        plan.append((f"Wijkteam {wijk.naam}", TeamSoort.WIJKTEAM, ["WMO"], [wijk]))
        plan.append((f"Jeugdteam {wijk.naam}", TeamSoort.JEUGDTEAM, ["JEUGDWET"], [wijk]))
    for i in range(0, len(nieuw), 3):
        groep = nieuw[i:i + 3]
        plan.append((f"Werk en Inkomen {groep[0].naam}", TeamSoort.WERK_EN_INKOMEN,
                     ["PARTICIPATIEWET"], groep))
    n = 0
    while Team.objects.count() + len([p for p in plan if not Team.objects.filter(
            naam=p[0]).exists()]) < teams and n < 200:
        wijk = alle[n % len(alle)]
        plan.append((f"Wijkteam {wijk.naam} – ouderen {n}", TeamSoort.WIJKTEAM, ["WMO"], [wijk]))
        n += 1
    for naam, soort, wetten, team_wijken in plan:
        if Team.objects.count() >= teams:
            break
        if not Team.objects.filter(naam=naam).exists():
            team_create(naam=naam, soort=soort, wetten=wetten, wijken=team_wijken,
                        telefoon=f"14 0123 {rng.randint(100, 999)}")
    alle_teams = list(Team.objects.order_by("id"))
    nodig = professionals - User.objects.filter(rol=Rol.PROFESSIONAL).count()
    if nodig > 0:
        start = User.objects.filter(username__startswith="bench-pro").count()
        wachtwoord = _demo_password_hash()
        users = [User(username=f"bench-pro{start + i:05d}", rol=Rol.PROFESSIONAL,
                      first_name=f"Pro{start + i}", last_name="Bench",
                      email=f"bench-pro{start + i:05d}@dijkstad.example.nl",
                      password=wachtwoord) for i in range(nodig)]
        User.objects.bulk_create(users, batch_size=2000)
        users = list(User.objects.filter(username__startswith="bench-pro")
                     .order_by("id")[start:start + nodig])
        # The first team is the busiest: it gets a larger share of the staff.
        leden, groepen = [], []
        for i, user in enumerate(users):
            team = alle_teams[0] if i % 10 == 0 else alle_teams[i % len(alle_teams)]
            leden.append(Teamlidmaatschap(team=team, user=user))
            groepen.append(User.groups.through(user_id=user.pk, group_id=team.group_id))
        Teamlidmaatschap.objects.bulk_create(leden, batch_size=5000, ignore_conflicts=True)
        User.groups.through.objects.bulk_create(groepen, batch_size=5000, ignore_conflicts=True)
    return {"wijken": Wijk.objects.count(), "teams": Team.objects.count(),
            "professionals": User.objects.filter(rol=Rol.PROFESSIONAL).count()}


def _perm_ids() -> dict[str, int]:
    return dict(Permission.objects.filter(content_type__app_label__in=["intake", "casussen"],
                                          codename__in=INTAKE_ALL + CASUS_ALL)
                .values_list("codename", "id"))


def seed_casussen_bulk(*, n_open: int, seed: int = 2026, notities: int = 3, batch: int = 5000,
                       progress: Callable[[int], None] | None = None) -> int:
    """Open casussen until there are `n_open`, each on a picked-up intake, with a regiehouder
    from the routed team, the permission rows the services would write, and a short timeline."""
    rng = random.Random(seed)
    n_open -= Casus.objects.count()  # a second run tops up instead of doubling
    if n_open <= 0:
        return 0
    perms = _perm_ids()
    leden: dict[int, list[int]] = {}
    for team_id, user_id in Teamlidmaatschap.objects.filter(
            user__rol=Rol.PROFESSIONAL).values_list("team_id", "user_id").order_by("id"):
        leden.setdefault(team_id, []).append(user_id)
    groep_van = dict(Team.objects.values_list("id", "group_id"))
    # Only intakes of teams with professionals: every casus has its regiehouder.
    ids = list(Intake.objects.filter(status=IntakeStatus.OPGEPAKT, casus__isnull=True,
                                     team_id__in=list(leden))
               .order_by("id").values_list("id", "team_id", "ingediend_op", "urgentie")[:n_open])
    made = 0
    for i in range(0, len(ids), batch):
        chunk = ids[i:i + batch]
        with transaction.atomic():
            casussen = []
            for intake_id, team_id, ontvangen, _u in chunk:
                casussen.append(Casus(intake_id=intake_id, team_id=team_id,
                                      status=rng.choice([CasusStatus.IN_BEHANDELING] * 3 + [
                                          CasusStatus.PLAN_OPGESTELD, CasusStatus.UITVOERING]),
                                      geopend_op=ontvangen + timedelta(days=rng.randint(0, 3))))
            Casus.objects.bulk_create(casussen, batch_size=batch)
            regie, cperm, iperm, cuperm, contacten, notes = [], [], [], [], [], []
            for casus, (intake_id, team_id, ontvangen, urgentie) in zip(casussen, chunk,
                                                                         strict=True):
                user_id = rng.choice(leden[team_id])
                regie.append(Regiehouderschap(casus_id=casus.pk, user_id=user_id,
                                              team_id=team_id, begin=casus.geopend_op))
                for perm in CASUS_ALL:
                    cperm.append(CasusGroupObjectPermission(
                        group_id=groep_van[team_id], permission_id=perms[perm],
                        content_object_id=casus.pk, grond="routering"))
                    cuperm.append(CasusUserObjectPermission(
                        user_id=user_id, permission_id=perms[perm], content_object_id=casus.pk,
                        grond="regiehouder"))
                for perm in INTAKE_ALL:
                    iperm.append(IntakeUserObjectPermission(
                        user_id=user_id, permission_id=perms[perm], content_object_id=intake_id,
                        grond="regiehouder", in_werkvoorraad=True,
                        volgorde=werkvoorraad_volgorde(urgentie=urgentie,
                                                       ingediend_op=ontvangen)))
                for k in range(notities):
                    moment = casus.geopend_op + timedelta(days=k * 7 + 1)
                    if k % 2 == 0:
                        contacten.append(Contactmoment(
                            casus_id=casus.pk, soort="telefoon", tijdstip=moment,
                            verslag="Gesprek over de voortgang.", door_id=user_id,
                            zichtbaarheid="inwoner"))
                    else:
                        notes.append(Notitie(casus_id=casus.pk, tekst="Afspraken genoteerd.",
                                             door_id=user_id, created_at=moment))
            # Teams that read the intake by a consent that includes the plan may read the case.
            casus_van = {c.intake_id: c.pk for c in casussen}
            scopes = dict(Toestemming.objects.filter(intake_id__in=casus_van)
                          .values_list("id", "scope"))
            for intake_id, group_id, grond, geldig_tot in IntakeGroupObjectPermission.objects \
                    .filter(content_object_id__in=casus_van, permission_id=perms[VIEW],
                            grond__startswith="toestemming:") \
                    .values_list("content_object_id", "group_id", "grond", "geldig_tot"):
                if "plan" in scopes.get(int(grond.split(":")[1]), []):
                    cperm.append(CasusGroupObjectPermission(
                        group_id=group_id, permission_id=perms[CASUS_VIEW],
                        content_object_id=casus_van[intake_id], grond=grond,
                        geldig_tot=geldig_tot))
            Regiehouderschap.objects.bulk_create(regie, batch_size=batch)
            CasusGroupObjectPermission.objects.bulk_create(cperm, batch_size=batch)
            CasusUserObjectPermission.objects.bulk_create(cuperm, batch_size=batch)
            IntakeUserObjectPermission.objects.bulk_create(iperm, batch_size=batch)
            Contactmoment.objects.bulk_create(contacten, batch_size=batch)
            Notitie.objects.bulk_create(notes, batch_size=batch)
            Termijn.objects.filter(intake_id__in=[c[0] for c in chunk],
                                   status=TermijnStatus.LOPEND).update(status=TermijnStatus.AFGEHANDELD)
        made += len(chunk)
        if progress:
            progress(len(chunk))
    return made


def seed_termijnen_bulk(*, n_open: int, seed: int = 2026, batch: int = 10000,
                        progress: Callable[[int], None] | None = None) -> int:
    """Open legal terms on open cases (deadlines spread over the coming eight weeks, a fifth
    already due) so the reminder scan has realistic work."""
    rng = random.Random(seed)
    now = timezone.now()
    bestaand = Termijn.objects.filter(status=TermijnStatus.LOPEND).count()
    nodig = max(n_open - bestaand, 0)
    casussen = list(Casus.objects.exclude(status=CasusStatus.AFGESLOTEN)
                    .values_list("id", "intake_id", "team_id").order_by("id"))
    regie = dict(Regiehouderschap.objects.actief()
                 .values_list("casus_id", "user_id"))
    soorten = [TermijnSoort.WMO_BESCHIKKING, TermijnSoort.JEUGD_BESCHIKKING,
               TermijnSoort.PW_BESLUIT, TermijnSoort.PLAN_ACTIE, TermijnSoort.TERUGBELLEN]
    made = 0
    while made < nodig and casussen:
        rows = []
        for _n in range(min(batch, nodig - made)):
            casus_id, intake_id, team_id = casussen[rng.randrange(len(casussen))]
            deadline = now + timedelta(days=rng.randint(-10, 56), hours=rng.randint(0, 23))
            rows.append(Termijn(intake_id=intake_id, casus_id=casus_id, team_id=team_id,
                                soort=rng.choice(soorten), start=now - timedelta(days=7),
                                deadline=deadline, verantwoordelijke_id=regie.get(casus_id),
                                volgende_herinnering_op=deadline - timedelta(days=1)))
        Termijn.objects.bulk_create(rows, batch_size=batch)
        made += len(rows)
        if progress:
            progress(len(rows))
    return made


def seed_toegangslog_bulk(*, n: int, seed: int = 2026, batch: int = 20000,
                          progress: Callable[[int], None] | None = None) -> int:
    """Access-log rows spread over the intakes and staff (for the size of the table only)."""
    rng = random.Random(seed)
    nodig = max(n - Toegangslog.objects.count(), 0)
    intakes = list(Intake.objects.values_list("id", "inwoner_id", "ingediend_op")
                   .order_by("id")[:200000])
    staff = list(User.objects.filter(rol=Rol.PROFESSIONAL).values_list("id", "username")[:2000])
    if not intakes or not staff:
        return 0
    # The months these rows fall in get their partitions first (PostgreSQL), so the rows do
    # not pile up in the DEFAULT partition.
    toegangslog_partities_aanmaken(vanaf=min(ontvangen for _i, _w, ontvangen in intakes))
    made = 0
    while made < nodig:
        rows = []
        for _n in range(min(batch, nodig - made)):
            intake_id, inwoner_id, ontvangen = intakes[rng.randrange(len(intakes))]
            user_id, naam = staff[rng.randrange(len(staff))]
            rows.append(Toegangslog(
                tijdstip=ontvangen + timedelta(hours=rng.randint(1, 2000)), user_id=user_id,
                user_naam=naam, rol="professional", team="", inwoner_id=inwoner_id,
                intake_id=intake_id, object_type="intake", object_id=intake_id,
                actie="bekijken", grond="routering", doel=""))
        Toegangslog.objects.bulk_create(rows, batch_size=batch)
        made += len(rows)
        if progress:
            progress(len(rows))
    return made
