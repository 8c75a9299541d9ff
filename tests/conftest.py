"""Root fixtures: the small municipality `stad` that most tests play in, the services a test
needs, and with CI=true the suite refuses to run without PostgreSQL and Redis."""

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

import pytest
from django.conf import settings

from tests.factories import (
    BeheerderFactory,
    InwonerFactory,
    ManagerFactory,
    ProfessionalFactory,
    RoutingRegelFactory,
    TeamFactory,
    TeamleiderFactory,
    WijkFactory,
)
from toegang.accounts.models import User
from toegang.organisatie.models import Team, Wijk

T = TypeVar("T")


def _redis_ping(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:
        return False


def _leegmaken_met_delete() -> None:
    """Empty PostgreSQL after a transactional test (browser, worker and fault tests) with
    DELETE instead of Django's one TRUNCATE of every table.

    TRUNCATE gives each of the ~300 tables and their indexes (the access log's monthly
    partitions too) a new file on disk: 3.4 s per test here, while these tests leave a few
    hundred rows. DELETE on an empty table costs next to nothing. The result is the same: no
    rows left, sequences not reset (as Django's flush for TransactionTestCase), and the
    post_migrate signal still re-creates content types and permissions. Foreign keys and the
    access log's append-only trigger are switched off for this one transaction only
    (`SET LOCAL session_replication_role`), as TRUNCATE also passes them by."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False,  # type: ignore[no-untyped-def]
                  allow_cascade=False):
        if reset_sequences or not tables:
            return truncate(self, style, tables, reset_sequences=reset_sequences,
                            allow_cascade=allow_cascade)
        return (["SET LOCAL session_replication_role = replica"]
                + [f"DELETE FROM {self.quote_name(table)}" for table in tables])

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]


def _testdatabase_uit_vorm(run_id: str) -> None:
    """With pytest-xdist each process needs its own test database, and Django makes each one
    by running every migration (80 s per process on this machine). On PostgreSQL the first
    process migrates one template database for this run (`<test name>_vorm_<run>`) and every
    process, the first included, copies it with CREATE DATABASE ... TEMPLATE, which takes a
    second. A file lock makes the others wait for the template; templates of earlier runs
    are dropped when nobody uses them."""
    import fcntl
    import re

    from django.db.backends.postgresql.creation import DatabaseCreation

    migreren = DatabaseCreation.create_test_db

    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True,  # type: ignore[no-untyped-def]
                       keepdb=False):
        if keepdb or self.connection.settings_dict.get("TEST", {}).get("MIRROR"):
            return migreren(self, verbosity, autoclobber, serialize, keepdb)
        alias, naam = self.connection.alias, self.connection.settings_dict["NAME"]
        test_naam = self._get_test_db_name()
        basis = re.sub(r"_gw\d+$", "", test_naam)[:40]
        vorm = f"{basis}_vorm_{run_id[:12]}"
        q = self.connection.ops.quote_name
        with open(f"/tmp/toegang-{vorm}.lock", "w") as slot:
            fcntl.flock(slot, fcntl.LOCK_EX)
            with self._nodb_cursor() as cursor:
                cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s",
                               [f"{basis}_vorm_%"])
                bestaande = {rij[0] for rij in cursor.fetchall()}
            if vorm not in bestaande:
                test = self.connection.settings_dict["TEST"]
                eigen_naam = test.get("NAME")
                test["NAME"] = vorm
                try:
                    migreren(self, verbosity, True, False, False)
                finally:
                    test["NAME"] = eigen_naam
                    self.connection.close()
                    settings.DATABASES[alias]["NAME"] = naam
                    self.connection.settings_dict["NAME"] = naam
                with self._nodb_cursor() as cursor:
                    for oud in bestaande:  # a run still going on keeps its own
                        with contextlib.suppress(Exception):
                            cursor.execute(f"DROP DATABASE IF EXISTS {q(oud)}")
        with self._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {q(test_naam)}")
            cursor.execute(f"CREATE DATABASE {q(test_naam)} TEMPLATE {q(vorm)}")
        self.connection.close()
        settings.DATABASES[alias]["NAME"] = test_naam
        self.connection.settings_dict["NAME"] = test_naam
        if serialize:
            self.connection._test_serialized_contents = self.serialize_db_to_string()
        self.connection.ensure_connection()
        return test_naam

    DatabaseCreation.create_test_db = create_test_db  # type: ignore[method-assign]


def pytest_configure(config: pytest.Config) -> None:
    _leegmaken_met_delete()
    run_id = getattr(config, "workerinput", {}).get("testrunuid")
    if run_id:
        _testdatabase_uit_vorm(run_id)
    if os.environ.get("CI", "").lower() not in {"1", "true", "yes"}:
        return
    engine = settings.DATABASES["default"]["ENGINE"]
    if not engine.endswith("postgresql"):
        raise pytest.UsageError(f"CI=true needs PostgreSQL, but the database is {engine}.")
    import psycopg

    db = settings.DATABASES["default"]
    try:
        psycopg.connect(host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432,
                        user=db["USER"], dbname="postgres", connect_timeout=3).close()
    except Exception as exc:
        raise pytest.UsageError(
            f"CI=true needs PostgreSQL at {db['HOST']}:{db['PORT']}: {exc}") from exc
    if not _redis_ping(settings.TEST_REDIS_URL):
        raise pytest.UsageError(f"CI=true needs Redis at {settings.TEST_REDIS_URL or '(unset)'}.")


def require_service(name: str, available: bool) -> None:
    """Skip a test that needs a service, except in CI where a missing service is a failure."""
    if available:
        return
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{name} is required in CI but not available")
    pytest.skip(f"{name} not available")


def _caches_legen() -> None:
    from django.core.cache import cache

    from toegang.core.procescache import alles_wissen

    alles_wissen()
    cache.clear()  # e.g. dashboard figures cached for another test's data


@pytest.fixture(autouse=True)
def _procescache_leeg() -> None:
    """Configuration cached in memory by one test must not leak into the next, whose
    transaction never saw it."""
    _caches_legen()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):  # type: ignore[no-untyped-def]
    """Every page reads the active theme once and then from the cache (toegang/thema). A
    test that counts a page's queries measures the page, as in a running portal, where that
    one read was done long ago; so once the test's own fixtures have made their data, the
    theme is read before the test body runs (when the test may use the database at all)."""
    from toegang.thema.models import Thema
    from toegang.thema.services import actief_thema

    try:
        Thema.objects.exists()
    except RuntimeError:  # pytest-django: this test may not use the database
        pass
    else:
        actief_thema()
    return (yield)


@pytest.fixture(autouse=True)
def _force_login_counts_as_two_factor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Staff must give a code from their authenticator app after the password before any page
    opens (toegang/accounts/middleware.py). Tests that log staff in with `force_login` test
    something else, so here that session also counts as having passed the second step, as
    after a real login. The real flow and the gate itself are tested without force_login in
    tests/toegang/accounts/test_tweestaps.py (and the browser tests log in for real)."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    from tests.tweestaps import totp_device

    original = Client.force_login

    def force_login(self, user, backend=None):  # type: ignore[no-untyped-def]
        original(self, user, backend)
        if getattr(user, "is_medewerker", False):
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def redis_url() -> str:
    url = settings.TEST_REDIS_URL
    require_service("Redis", bool(url) and _redis_ping(url))
    return url


@pytest.fixture
def on_postgres() -> None:
    require_service("PostgreSQL",
                    settings.DATABASES["default"]["ENGINE"].endswith("postgresql"))


@dataclass
class Stad:
    """A small municipality: two wijken, a team of every wet, a professional in each team,
    a teamleider, a manager, a beheerder and two residents. Routing: a question about a child
    goes to the jeugdteam, work and income to Werk en Inkomen, everything else to the
    wijkteam of the resident's wijk."""

    centrum: Wijk
    noord: Wijk
    wijkteam: Team          # WMO, Centrum: the front door for ordinary questions
    wijkteam_noord: Team    # WMO, Noord: another wijk
    jeugdteam: Team         # Jeugdwet, both wijken
    werk: Team              # Participatiewet, both wijken
    pro: User               # wijkteam Centrum
    pro_noord: User         # wijkteam Noord
    pro_jeugd: User         # jeugdteam
    pro_werk: User          # werk en inkomen
    teamleider: User        # wijkteam Centrum
    manager: User
    beheerder: User
    inwoner: User
    andere_inwoner: User


def stad_bouwen() -> Stad:
    """The rows of `stad` (the fixture below, or once for a module: `gedeeld_per_module`)."""
    centrum = WijkFactory(naam="Centrum", postcodes=["7511", "7512"])
    noord = WijkFactory(naam="Noord", postcodes=["7521"])
    wijkteam = TeamFactory(naam="Wijkteam Centrum", soort="wijkteam", wetten=["WMO"],
                           wijken=[centrum], telefoon="14 0123 100")
    wijkteam_noord = TeamFactory(naam="Wijkteam Noord", soort="wijkteam", wetten=["WMO"],
                                 wijken=[noord])
    jeugdteam = TeamFactory(naam="Jeugdteam", soort="jeugdteam", wetten=["JEUGDWET"],
                            wijken=[centrum, noord])
    werk = TeamFactory(naam="Werk en Inkomen", soort="werk_en_inkomen",
                       wetten=["PARTICIPATIEWET"], wijken=[centrum, noord])
    RoutingRegelFactory(volgorde=10, over_kind=True, team_soort="jeugdteam")
    RoutingRegelFactory(volgorde=20, levensgebied="werk_opleiding", team_soort="werk_en_inkomen")
    RoutingRegelFactory(volgorde=90, team_soort="wijkteam")
    return Stad(
        centrum=centrum, noord=noord, wijkteam=wijkteam, wijkteam_noord=wijkteam_noord,
        jeugdteam=jeugdteam, werk=werk,
        pro=ProfessionalFactory(teams=[wijkteam]),
        pro_noord=ProfessionalFactory(teams=[wijkteam_noord]),
        pro_jeugd=ProfessionalFactory(teams=[jeugdteam]),
        pro_werk=ProfessionalFactory(teams=[werk]),
        teamleider=TeamleiderFactory(teams=[wijkteam]),
        manager=ManagerFactory(), beheerder=BeheerderFactory(),
        inwoner=InwonerFactory(), andere_inwoner=InwonerFactory(),
    )


@pytest.fixture
def stad(db) -> Stad:  # type: ignore[no-untyped-def]
    return stad_bouwen()


def gedeeld_per_module(request: pytest.FixtureRequest, django_db_blocker,  # type: ignore[no-untyped-def]
                       bouwen: Callable[[], T]) -> Iterator[T]:
    """For a module-scoped fixture: build rows that every test of one module reads once for
    the module instead of once per test (as Django's `setUpTestData`). The rows are made in a
    transaction that stays open while the module's tests run; each test's own transaction is a
    savepoint in it and is rolled back as always, and after the module's last test the whole
    transaction is rolled back. Only for modules whose tests are all non-transactional, and
    each test gets its own copy of the objects (`copy.deepcopy`), so what one test changes in
    memory never reaches the next."""
    from django.db import transaction

    global _gedeeld_actief
    with django_db_blocker.unblock():
        blok = transaction.atomic()
        blok._from_testcase = True  # as Django's own test transactions: durable blocks may nest
        blok.__enter__()
        _caches_legen()  # (the autouse fixture that does this per test runs after this one)
        try:
            gegevens = bouwen()
        except BaseException:
            transaction.set_rollback(True)
            blok.__exit__(None, None, None)
            raise
    _gedeeld_actief = request.fixturename
    try:
        yield gegevens
    finally:
        _gedeeld_actief = None
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            blok.__exit__(None, None, None)


_gedeeld_actief: str | None = None  # the module fixture whose rows are in the database now


@pytest.fixture(autouse=True)
def _gedeeld_alleen_voor_wie_erom_vraagt(request: pytest.FixtureRequest) -> None:
    """Rows shared by a module (`gedeeld_per_module`) stay until the module's last test: a
    test of that module that uses the database without asking for them would see them (or,
    transactional, empty them). Such a test fails here, with the reason, instead of passing or
    failing by the order the tests ran in."""
    if not _gedeeld_actief:
        return
    transactioneel = "transactional_db" in request.fixturenames or "live_server" in \
        request.fixturenames or any(m.kwargs.get("transaction") or (m.args and m.args[0])
                                    for m in request.node.iter_markers("django_db"))
    gebruikt_db = transactioneel or "db" in request.fixturenames or \
        request.node.get_closest_marker("django_db") is not None
    if gebruikt_db and (transactioneel or _gedeeld_actief not in request.fixturenames):
        pytest.fail(f"This module shares rows between its tests ({_gedeeld_actief}): every "
                    "test in it that uses the database must ask for them, and none may be "
                    "transactional. Move this test to another module.")


@pytest.fixture
def wijk(db):
    return WijkFactory(postcodes=["7511", "7512"])


@pytest.fixture
def wijkteam(wijk):
    return TeamFactory(naam="Wijkteam Test", soort="wijkteam", wetten=["WMO"], wijken=[wijk])


@pytest.fixture
def professional(wijkteam):
    return ProfessionalFactory(teams=[wijkteam])


@pytest.fixture
def inwoner(db):
    return InwonerFactory()


@pytest.fixture
def celery_conf():
    """Change Celery configuration for one test and put it back afterwards."""
    from toegang.celery import app

    saved: dict = {}

    def set_conf(**values):
        for key, value in values.items():
            saved.setdefault(key, app.conf.get(key))
            app.conf[key] = value

    yield set_conf
    for key, value in saved.items():
        app.conf[key] = value
    # Drop the connection and producer pools built for the changed broker; fresh ones are made
    # on the next use (a closed pool would refuse every later task, even eager ones).
    from kombu import pools

    app.pool.force_close_all()
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
