"""Sessions end on the server: after idle time (staff 15 minutes, residents longer), after
an absolute maximum, when the user logs out everywhere, and at once when the functioneel
beheerder switches the account off."""

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    PASSWORD,
    BeheerderFactory,
    InwonerFactory,
    ProfessionalFactory,
    TeamFactory,
)
from tests.tweestaps import staff_login
from toegang.accounts.services import user_deactivate, user_sessions_end

pytestmark = pytest.mark.django_db

START = 1_900_000_000  # a fixed moment; every test runs its clock from here


def _minutes(n: float) -> float:
    return START + n * 60


@pytest.fixture
def pro(db):  # type: ignore[no-untyped-def]
    return ProfessionalFactory(teams=[TeamFactory()])


def test_staff_are_logged_out_after_15_idle_minutes(client, pro) -> None:
    with time_machine.travel(START, tick=False) as clock:
        staff_login(client, pro, PASSWORD)
        clock.move_to(_minutes(14))
        assert client.get("/werk/").status_code == 200
        clock.move_to(_minutes(14 + 15.5))
        response = client.get("/werk/?filter=1")
        assert response.status_code == 302
        assert response["Location"] == "/medewerker/inloggen/?next=/werk/%3Ffilter%3D1"
        html = client.get(response["Location"]).content.decode()
        assert "U bent uitgelogd omdat u 15 minuten niets deed." in html
        assert "_auth_user_id" not in client.session


def test_each_request_keeps_the_session_alive(client, pro) -> None:
    with time_machine.travel(START, tick=False) as clock:
        staff_login(client, pro, PASSWORD)
        for minute in range(10, 130, 10):
            clock.move_to(_minutes(minute))
            assert client.get("/werk/").status_code == 200, minute


def test_staff_idle_timeout_comes_from_the_environment(client, pro, settings) -> None:
    settings.SESSIE_INACTIEF_MEDEWERKER_MINUTEN = 5
    with time_machine.travel(START, tick=False) as clock:
        staff_login(client, pro, PASSWORD)
        clock.move_to(_minutes(6))
        response = client.get("/werk/", follow=True)
        assert "U bent uitgelogd omdat u 5 minuten niets deed." in response.content.decode()


def test_residents_keep_a_longer_idle_timeout(client) -> None:
    inwoner = InwonerFactory()
    with time_machine.travel(START, tick=False) as clock:
        client.post("/inloggen/", {"username": inwoner.username, "password": PASSWORD})
        clock.move_to(_minutes(45))
        assert client.get("/mijn/").status_code == 200
        clock.move_to(_minutes(45 + 61))
        response = client.get("/mijn/", follow=True)
        assert response.redirect_chain[0][0] == "/inloggen/?next=/mijn/"
        assert "U bent uitgelogd omdat u 60 minuten niets deed." in response.content.decode()


def test_absolute_timeout_after_10_hours_whatever_the_activity(client, pro, settings) -> None:
    settings.SESSIE_INACTIEF_MEDEWERKER_MINUTEN = 90  # fewer requests to stay active
    with time_machine.travel(START, tick=False) as clock:
        staff_login(client, pro, PASSWORD)
        for minute in range(60, 600, 60):
            clock.move_to(_minutes(minute))
            assert client.get("/werk/").status_code == 200, minute
        clock.move_to(_minutes(601))
        response = client.get("/werk/", follow=True)
        assert "U bent uitgelogd omdat u langer dan 10 uur was ingelogd." in \
            response.content.decode()
        assert "_auth_user_id" not in client.session


def test_a_post_after_the_timeout_is_refused(client, pro) -> None:
    with time_machine.travel(START, tick=False) as clock:
        staff_login(client, pro, PASSWORD)
        clock.move_to(_minutes(20))
        response = client.post("/account/overal-uitloggen/")
        assert response["Location"] == "/medewerker/inloggen/"
        assert "_auth_user_id" not in client.session


# --- Logging out everywhere ---------------------------------------------------------------------


def test_logout_everywhere_ends_the_sessions_on_every_device(pro) -> None:
    laptop, phone, colleague_client = Client(), Client(), Client()
    with time_machine.travel(START, tick=False) as clock:
        staff_login(laptop, pro, PASSWORD)
        clock.shift(30)  # a code works once: the phone logs in half a minute later
        staff_login(phone, pro, PASSWORD)
        colleague = ProfessionalFactory(teams=[TeamFactory()])
        staff_login(colleague_client, colleague, PASSWORD)
        assert phone.get("/werk/").status_code == 200

        response = laptop.post("/account/overal-uitloggen/", follow=True)
        assert response.redirect_chain[-1][0] == "/medewerker/inloggen/"
        assert "U bent uitgelogd op al uw apparaten." in response.content.decode()
        assert phone.get("/werk/")["Location"].startswith("/medewerker/inloggen/")
        assert laptop.get("/werk/")["Location"].startswith("/medewerker/inloggen/")
        # Someone else's session is untouched, and logging in again works.
        assert colleague_client.get("/werk/").status_code == 200
        clock.shift(30)
        staff_login(laptop, pro, PASSWORD)
        assert laptop.get("/werk/").status_code == 200


def test_residents_can_log_out_everywhere(client) -> None:
    inwoner = InwonerFactory()
    other = Client()
    for c in (client, other):
        c.post("/inloggen/", {"username": inwoner.username, "password": PASSWORD})
    assert "Overal uitloggen" in client.get("/account/").content.decode()
    response = client.post("/account/overal-uitloggen/")
    assert response["Location"] == "/inloggen/"
    assert other.get("/mijn/")["Location"].startswith("/inloggen/")


def test_ending_sessions_does_not_look_through_the_session_table(pro) -> None:
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(3):
            staff_login(Client(), pro, PASSWORD)
            clock.shift(30)
    with CaptureQueriesContext(connection) as ctx:
        user_sessions_end(user=pro)
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "django_session" not in sql
    assert len([q for q in ctx.captured_queries if q["sql"].startswith("UPDATE")]) == 1


def test_logout_everywhere_needs_post(client, pro) -> None:
    staff_login(client, pro, PASSWORD)
    assert client.get("/account/overal-uitloggen/").status_code == 405


# --- Switching an account off ------------------------------------------------------------------


def test_deactivating_ends_the_session_at_once(client, pro) -> None:
    staff_login(client, pro, PASSWORD)
    assert client.get("/werk/").status_code == 200
    user_deactivate(user=pro)
    response = client.get("/werk/")
    assert response["Location"].startswith("/medewerker/inloggen/")
    assert password_refused(pro)


def password_refused(user) -> bool:  # type: ignore[no-untyped-def]
    client = Client()
    response = client.post("/medewerker/inloggen/",
                           {"username": user.username, "password": PASSWORD})
    return response.status_code == 200 and "_auth_user_id" not in client.session


def test_beheerder_switching_off_in_the_form_ends_the_session_at_once(client, pro) -> None:
    pro_client = Client()
    staff_login(pro_client, pro, PASSWORD)
    client.force_login(BeheerderFactory())
    form = client.get(f"/beheer/accounts/user/{pro.pk}/change/").context["adminform"].form
    data = {name: value for name, value in form.initial.items()
            if value is not None and name not in {"password", "last_login", "date_joined",
                                                  "tweestaps", "groups", "user_permissions"}}
    data["is_active"] = ""  # unticked
    response = client.post(f"/beheer/accounts/user/{pro.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    pro.refresh_from_db()
    assert not pro.is_active
    assert pro_client.get("/werk/")["Location"].startswith("/medewerker/inloggen/")


def test_beheerder_action_switches_off_and_logs_out(client, pro) -> None:
    pro_client = Client()
    staff_login(pro_client, pro, PASSWORD)
    client.force_login(BeheerderFactory())
    response = client.post("/beheer/accounts/user/", {
        "action": "account_uitzetten", "_selected_action": [pro.pk]}, follow=True)
    assert "1 account uitgezet en uitgelogd." in response.content.decode()
    assert pro_client.get("/werk/")["Location"].startswith("/medewerker/inloggen/")
    assert password_refused(pro)


def test_beheerder_action_logs_out_everywhere_without_switching_off(client, pro) -> None:
    pro_client = Client()
    staff_login(pro_client, pro, PASSWORD)
    client.force_login(BeheerderFactory())
    client.post("/beheer/accounts/user/", {"action": "overal_uitloggen",
                                           "_selected_action": [pro.pk]})
    assert pro_client.get("/werk/")["Location"].startswith("/medewerker/inloggen/")
    staff_login(pro_client, pro, PASSWORD)
    assert pro_client.get("/werk/").status_code == 200


def test_sessions_from_before_the_session_version_stay_valid(pro) -> None:
    """Version 0 keeps Django's own hash: upgrading does not log everyone out."""
    from django.contrib.auth.base_user import AbstractBaseUser

    assert pro.sessie_versie == 0
    assert pro.get_session_auth_hash() == AbstractBaseUser.get_session_auth_hash(
        type("Plain", (), {"password": pro.password,
                           "_get_session_auth_hash":
                           AbstractBaseUser._get_session_auth_hash})())
    user_sessions_end(user=pro)
    assert pro.get_session_auth_hash() != AbstractBaseUser._get_session_auth_hash(pro)


def _session_writes(ctx: CaptureQueriesContext) -> int:
    return sum(q["sql"].startswith("UPDATE") and "django_session" in q["sql"]
               for q in ctx.captured_queries)


def test_timestamps_are_written_at_most_once_a_minute(client, pro) -> None:
    with time_machine.travel(START, tick=False) as clock:
        staff_login(client, pro, PASSWORD)
        client.get("/werk/")
        clock.shift(20)
        with CaptureQueriesContext(connection) as ctx:
            client.get("/werk/")
        assert _session_writes(ctx) == 0
        clock.shift(50)
        with CaptureQueriesContext(connection) as ctx:
            client.get("/werk/")
        assert _session_writes(ctx) == 1
