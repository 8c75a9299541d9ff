"""The access log: append-only, and readable for the resident and the privacy officer."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from intake.services import toestemming_give
from tests.factories import IntakeFactory, PrivacyFactory
from toegang.audit.models import Toegangslog


def test_log_rejects_update_and_delete_on_postgres(stad, on_postgres) -> None:  # type: ignore[no-untyped-def]
    IntakeFactory(inwoner=stad.inwoner)
    row = Toegangslog.objects.first()
    assert row is not None
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Toegangslog.objects.filter(pk=row.pk).update(actie="wijzigen")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Toegangslog.objects.filter(pk=row.pk).delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
            connection.cursor() as cursor:
        cursor.execute("UPDATE audit_toegangslog SET user_naam = 'x'")
    assert Toegangslog.objects.filter(pk=row.pk, actie="indienen").exists()


def test_view_writes_who_what_basis_and_where(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    client.force_login(stad.pro)
    client.get(f"/werk/intakes/{intake.pk}/", HTTP_X_REQUEST_ID="req-12345678",
               REMOTE_ADDR="10.1.2.3")
    row = Toegangslog.objects.filter(user_id=stad.pro.pk).get()
    assert (row.actie, row.grond, row.rol, row.team) == \
        ("bekijken", "routering", "professional", "Wijkteam Centrum")
    assert (row.request_id, row.ip) == ("req-12345678", "10.1.2.3")
    assert row.intake_id == intake.pk and row.inwoner_id == stad.inwoner.pk


def test_resident_sees_who_looked_in_plain_words(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    toestemming_give(intake=intake, wet="JEUGDWET", user=stad.inwoner)
    for pro in (stad.pro, stad.pro_jeugd):
        client.force_login(pro)
        client.get(f"/werk/intakes/{intake.pk}/")
    client.force_login(stad.inwoner)
    response = client.get("/mijn/wie-keek-mee/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wijkteam Centrum" in html and "Jeugdteam" in html
    assert "toestemming van de inwoner" in html and "aanmelding bij dit team" in html
    # Names of staff are not shown to residents; their own actions are not listed.
    assert escape(stad.pro.last_name) not in html
    assert html.count('<tr class="utrecht-table__row">') == 3  # header + two staff views


def test_resident_log_shows_only_own_records(client, stad) -> None:  # type: ignore[no-untyped-def]
    other = IntakeFactory(inwoner=stad.andere_inwoner)
    client.force_login(stad.pro)
    client.get(f"/werk/intakes/{other.pk}/")
    client.force_login(stad.inwoner)
    assert "Wijkteam Centrum" not in client.get("/mijn/wie-keek-mee/").content.decode()


def test_privacy_officer_searches_by_resident_and_user(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    IntakeFactory(inwoner=stad.andere_inwoner)
    client.force_login(stad.pro)
    client.get(f"/werk/intakes/{intake.pk}/")
    client.force_login(PrivacyFactory())
    response = client.get("/privacy/toegangslog/", {"inwoner_id": stad.inwoner.pk})
    rows = list(response.context["page"])
    assert {r.inwoner_id for r in rows} == {stad.inwoner.pk}
    response = client.get("/privacy/toegangslog/", {"user_id": stad.pro.pk})
    assert [r.actie for r in response.context["page"]] == ["bekijken"]
    response = client.get("/privacy/toegangslog/", {"van": "31-12-2099", "tot": "01-01-2000"})
    assert "De einddatum ligt voor de begindatum" in response.content.decode()


@pytest.mark.parametrize("who", ["pro", "teamleider", "manager", "beheerder", "inwoner"])
def test_only_the_privacy_officer_reads_the_log(client, stad, who: str) -> None:  # type: ignore[no-untyped-def]
    client.force_login(getattr(stad, who))
    assert client.get("/privacy/toegangslog/").status_code == 404


def test_resident_log_page_query_count_is_flat_with_staff_rows(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    client.force_login(stad.pro)
    client.get(f"/werk/intakes/{intake.pk}/")
    client.force_login(stad.inwoner)
    with CaptureQueriesContext(connection) as one:
        client.get("/mijn/wie-keek-mee/")
    client.force_login(stad.pro)
    for _ in range(9):
        client.get(f"/werk/intakes/{intake.pk}/")
    client.force_login(stad.inwoner)
    with CaptureQueriesContext(connection) as ten:
        response = client.get("/mijn/wie-keek-mee/")
    assert response.content.decode().count("aanmelding bij dit team") == 10
    assert len(ten.captured_queries) == len(one.captured_queries)
