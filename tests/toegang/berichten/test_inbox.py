"""The inbox and the e-mail choice, for staff and residents; the unread count in the
navigation costs one query and nothing for anonymous visitors."""

from datetime import time

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import InwonerFactory, ProfessionalFactory, TeamleiderFactory
from toegang.berichten.models import Email, Notificatie
from toegang.berichten.services import (
    berichten_voorkeur_set,
    notificatie_send,
    overzichten_send,
)

pytestmark = pytest.mark.django_db


def _bericht(user, onderwerp: str = "Hallo", url: str = "/mijn/", **kwargs) -> Notificatie:  # type: ignore[no-untyped-def]
    return notificatie_send(ontvanger=user, soort="info", onderwerp=onderwerp,
                            tekst="Tekst van het bericht", url=url, email=False, **kwargs)


@pytest.mark.parametrize("factory", [InwonerFactory, ProfessionalFactory, TeamleiderFactory])
def test_inbox_lists_own_messages_newest_first(client, factory) -> None:  # type: ignore[no-untyped-def]
    user, ander = factory(), factory()
    oud = _bericht(user, "Eerste bericht")
    nieuw = _bericht(user, "Tweede bericht")
    _bericht(ander, "Niet voor u")
    client.force_login(user)
    response = client.get("/berichten/")
    assert response.status_code == 200
    assert [n.pk for n in response.context["page"]] == [nieuw.pk, oud.pk]
    html = response.content.decode()
    assert "Niet voor u" not in html and "U heeft 2 ongelezen berichten." in html
    assert html.count('utrecht-status-badge--warning badge-vandaag">nieuw</span>') == 2


def test_anonymous_is_sent_to_log_in(client, db) -> None:  # type: ignore[no-untyped-def]
    for path in ["/berichten/", "/berichten/instellingen/"]:
        response = client.get(path)
        assert response.status_code == 302 and "inloggen" in response["Location"]


def test_mark_one_read_and_open_its_link(client) -> None:  # type: ignore[no-untyped-def]
    user = ProfessionalFactory()
    een, twee = _bericht(user, url="/werk/termijnen/"), _bericht(user)
    client.force_login(user)
    assert client.get(f"/berichten/{een.pk}/gelezen/").status_code == 405  # POST only
    response = client.post(f"/berichten/{een.pk}/gelezen/", {"openen": "1"})
    assert response.status_code == 302 and response["Location"] == "/werk/termijnen/"
    response = client.post(f"/berichten/{twee.pk}/gelezen/")
    assert response["Location"] == "/berichten/"
    een.refresh_from_db()
    twee.refresh_from_db()
    assert een.gelezen_op is not None and twee.gelezen_op is not None
    html = client.get("/berichten/").content.decode()
    assert "U heeft 0 ongelezen berichten." in html and "Markeer als gelezen" not in html


def test_someone_elses_message_is_not_found(client) -> None:  # type: ignore[no-untyped-def]
    user, ander = InwonerFactory(), InwonerFactory()
    bericht = _bericht(ander)
    client.force_login(user)
    assert client.post(f"/berichten/{bericht.pk}/gelezen/").status_code == 404
    bericht.refresh_from_db()
    assert bericht.gelezen_op is None


def test_a_link_to_another_site_is_never_followed(client) -> None:  # type: ignore[no-untyped-def]
    user = InwonerFactory()
    bericht = _bericht(user, url="https://elders.example.com/")
    client.force_login(user)
    response = client.post(f"/berichten/{bericht.pk}/gelezen/", {"openen": "1"})
    assert response["Location"] == "/berichten/"


def test_mark_all_read(client) -> None:  # type: ignore[no-untyped-def]
    user, ander = InwonerFactory(), InwonerFactory()
    for _ in range(3):
        _bericht(user)
    vreemd = _bericht(ander)
    client.force_login(user)
    assert client.post("/berichten/alles-gelezen/").status_code == 302
    assert not Notificatie.objects.filter(ontvanger=user, gelezen_op__isnull=True).exists()
    vreemd.refresh_from_db()
    assert vreemd.gelezen_op is None


def test_posts_need_the_csrf_token() -> None:
    user = InwonerFactory()
    bericht = _bericht(user)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(f"/berichten/{bericht.pk}/gelezen/").status_code == 403
    assert client.post("/berichten/alles-gelezen/").status_code == 403
    bericht.refresh_from_db()
    assert bericht.gelezen_op is None


def test_inbox_query_count_is_flat_1_vs_30(client) -> None:  # type: ignore[no-untyped-def]
    user = ProfessionalFactory()
    _bericht(user)
    client.force_login(user)
    client.get("/berichten/")
    with CaptureQueriesContext(connection) as small:
        client.get("/berichten/")
    for n in range(29):
        _bericht(user, f"Bericht {n}")
    with CaptureQueriesContext(connection) as large:
        response = client.get("/berichten/")
    assert response.context["page"].paginator.count == 30
    assert len(large.captured_queries) == len(small.captured_queries)


def _notificatie_queries(ctx: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if "berichten_notificatie" in q["sql"]]


def test_navigation_shows_the_unread_count_with_one_query(client) -> None:  # type: ignore[no-untyped-def]
    user = ProfessionalFactory()
    for _ in range(4):
        _bericht(user)
    Notificatie.objects.filter(pk=_bericht(user).pk).update(gelezen_op="2026-01-01T00:00Z")
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/werk/").content.decode()
    assert 'Berichten <span class="ongelezen-aantal">4<span class="visually-hidden"> ' \
           'ongelezen</span></span>' in html
    [query] = _notificatie_queries(ctx)  # on the queue page, counted with its other badges
    assert "COUNT(" in query.upper() and "LIMIT" not in query.upper()


def test_no_unread_query_for_anonymous_visitors(client, db) -> None:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200
    assert _notificatie_queries(ctx) == []


@pytest.mark.parametrize("factory", [InwonerFactory, ProfessionalFactory])
def test_choose_how_messages_arrive_by_mail(client, factory) -> None:  # type: ignore[no-untyped-def]
    user = factory()
    client.force_login(user)
    page = client.get("/berichten/instellingen/")
    assert page.status_code == 200 and page.context["form"]["voorkeur"].value() == "direct"
    response = client.post("/berichten/instellingen/", {"voorkeur": "dagelijks"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.berichten_per_email == "dagelijks"
    notificatie_send(ontvanger=user, soort="info", onderwerp="Per dag", tekst="x")
    assert not Email.objects.filter(aan=user.email).exists()
    assert Notificatie.objects.get(ontvanger=user).voor_overzicht


def test_invalid_choice_gets_a_dutch_message(client) -> None:  # type: ignore[no-untyped-def]
    user = InwonerFactory()
    client.force_login(user)
    response = client.post("/berichten/instellingen/", {"voorkeur": "elk_uur"})
    assert response.status_code == 400
    assert "Kies een van de mogelijkheden." in response.content.decode()
    user.refresh_from_db()
    assert user.berichten_per_email == "direct"


def test_stopping_the_daily_overview_leaves_waiting_messages_in_the_inbox(client) -> None:  # type: ignore[no-untyped-def]
    user = InwonerFactory()
    berichten_voorkeur_set(user=user, voorkeur="dagelijks")
    notificatie_send(ontvanger=user, soort="info", onderwerp="Wacht op overzicht", tekst="x")
    client.force_login(user)
    client.post("/berichten/instellingen/", {"voorkeur": "nooit"})
    assert not Notificatie.objects.get(ontvanger=user).voor_overzicht
    with time_machine.travel("2026-11-24 09:00 +01:00", tick=False):  # after the digest time
        assert overzichten_send(vanaf=time(7, 30)) == 0
    assert Notificatie.objects.filter(ontvanger=user).exists()
    assert not Email.objects.filter(aan=user.email).exists()


def test_without_an_address_the_page_says_no_mail_comes(client) -> None:  # type: ignore[no-untyped-def]
    user = ProfessionalFactory(email="")
    client.force_login(user)
    assert "Er staat geen e-mailadres bij uw account." in \
        client.get("/berichten/instellingen/").content.decode()
