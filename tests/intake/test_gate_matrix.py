"""Who may do what with an intake: every role × every action, through the real views.

Allowed exactly where docs/design.md (§2, §6) allows, 404 otherwise ("not found" and "not
allowed" look the same), and one access-log row for each allowed access.
"""

import datetime as dt
from collections.abc import Callable

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from intake.services import (
    toestemming_give,
    toestemming_withdraw,
    veiligheidsmelding_create,
)
from tests.bestanden import PDF as REAL_PDF
from tests.factories import IntakeFactory, PrivacyFactory, make_bijlage
from toegang.audit.models import Toegangslog

PDF = REAL_PDF
ALL = {"view", "aanvullen", "export", "bijlagen"}
READ = {"view", "bijlagen"}
NONE: set[str] = set()


def _request(client, base: str, action: str, intake, bijlage):  # type: ignore[no-untyped-def]
    if action == "view":
        return client.get(f"{base}{intake.pk}/")
    if action == "aanvullen":
        return client.post(f"{base}{intake.pk}/aanvullen/", {"tekst": "Nog iets."})
    if action == "export":
        return client.get(f"{base}{intake.pk}/export/")
    return client.get(f"{base}{intake.pk}/bijlagen/{bijlage.pk}/")


def _give(stad, intake, wet: str):  # type: ignore[no-untyped-def]
    return toestemming_give(intake=intake, wet=wet, user=stad.inwoner)


def _override(stad, intake):  # type: ignore[no-untyped-def]
    return veiligheidsmelding_create(user=stad.pro, intake=intake, reden="Signalen van geweld.",
                                     meldcode_stap=2, teams=[stad.jeugdteam])


# scenario: (who, what happened first, how many days ago that was, allowed actions)
SCENARIOS: dict[str, tuple[str, Callable | None, int, set[str]]] = {
    "inwoner zelf": ("inwoner", None, 0, ALL),
    "andere inwoner": ("andere_inwoner", None, 0, NONE),
    "professional van het routeringsteam": ("pro", None, 0, ALL),
    "teamleider van het routeringsteam": ("teamleider", None, 0, ALL),
    "professional van een andere wijk": ("pro_noord", None, 0, NONE),
    "jeugdteam zonder toestemming": ("pro_jeugd", None, 0, NONE),
    "jeugdteam met toestemming": ("pro_jeugd", lambda s, i: _give(s, i, "JEUGDWET"), 0, READ),
    "werk en inkomen met toestemming (zonder bestanden)": (
        "pro_werk", lambda s, i: _give(s, i, "PARTICIPATIEWET"), 0, {"view"}),
    "jeugdteam na intrekken": (
        "pro_jeugd", lambda s, i: toestemming_withdraw(toestemming=_give(s, i, "JEUGDWET"),
                                                       user=s.inwoner), 0, NONE),
    "jeugdteam tijdens veiligheidsmelding": ("pro_jeugd", _override, 0, READ),
    "jeugdteam na afloop van de veiligheidsmelding": ("pro_jeugd", _override, 31, NONE),
    "werk en inkomen tijdens veiligheidsmelding voor jeugd": ("pro_werk", _override, 0, NONE),
    "manager": ("manager", None, 0, NONE),
    "functioneel beheerder": ("beheerder", None, 0, NONE),
    "privacyfunctionaris": ("privacy", None, 0, NONE),
}


@pytest.mark.parametrize("action", sorted(ALL))
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_permission_matrix(client, stad, scenario: str, action: str) -> None:  # type: ignore[no-untyped-def]
    who, setup, days, allowed = SCENARIOS[scenario]
    stad.privacy = PrivacyFactory()
    intake = IntakeFactory(inwoner=stad.inwoner)
    bijlage = make_bijlage(user=stad.inwoner, intake=intake,
                           upload=SimpleUploadedFile("brief.pdf", PDF, "application/pdf"))
    if setup:
        with time_machine.travel(timezone.now() - dt.timedelta(days=days), tick=False):
            setup(stad, intake)
    user = getattr(stad, who)
    client.force_login(user)
    base = "/mijn/aanvragen/" if user.rol == "inwoner" else "/werk/intakes/"
    before = Toegangslog.objects.filter(user_id=user.pk).count()
    response = _request(client, base, action, intake, bijlage)
    expected = action in allowed
    ok_status = 302 if action == "aanvullen" else 200
    assert response.status_code == (ok_status if expected else 404), \
        f"{scenario} / {action}: {response.status_code}"
    new_rows = Toegangslog.objects.filter(user_id=user.pk).count() - before
    assert new_rows == (1 if expected else 0)
    if expected:
        row = Toegangslog.objects.filter(user_id=user.pk).order_by("-id").first()
        assert row is not None and row.intake_id == intake.pk and row.grond


@pytest.mark.parametrize("who", ["pro", "teamleider", "manager"])
def test_staff_cannot_use_resident_urls(client, stad, who: str) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    client.force_login(getattr(stad, who))
    assert client.get(f"/mijn/aanvragen/{intake.pk}/").status_code == 404


def test_resident_cannot_use_staff_urls(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    client.force_login(stad.inwoner)
    assert client.get(f"/werk/intakes/{intake.pk}/").status_code == 404


def test_missing_and_forbidden_look_the_same(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    client.force_login(stad.pro_noord)
    forbidden = client.get(f"/werk/intakes/{intake.pk}/")
    missing = client.get(f"/werk/intakes/{intake.pk + 1000}/")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.content == missing.content


def test_withdrawal_takes_effect_on_the_very_next_request(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    consent = _give(stad, intake, "JEUGDWET")
    jeugd = client.__class__()
    jeugd.force_login(stad.pro_jeugd)
    assert jeugd.get(f"/werk/intakes/{intake.pk}/").status_code == 200
    client.force_login(stad.inwoner)
    response = client.post(f"/mijn/toestemmingen/{consent.pk}/intrekken/")
    assert response.status_code == 302
    assert jeugd.get(f"/werk/intakes/{intake.pk}/").status_code == 404


def test_attachment_is_served_safely(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    bijlage = make_bijlage(user=stad.inwoner, intake=intake,
                           upload=SimpleUploadedFile("../../etc/passwd.pdf", PDF))
    client.force_login(stad.pro)
    response = client.get(f"/werk/intakes/{intake.pk}/bijlagen/{bijlage.pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "/" not in bijlage.naam
    assert b"".join(response.streaming_content) == PDF
    assert "passwd" not in bijlage.bestand.name


def test_attachment_of_another_intake_is_not_found(client, stad) -> None:  # type: ignore[no-untyped-def]
    mine = IntakeFactory(inwoner=stad.inwoner)
    other = IntakeFactory(inwoner=stad.andere_inwoner)
    bijlage = make_bijlage(user=stad.andere_inwoner, intake=other,
                           upload=SimpleUploadedFile("x.pdf", PDF))
    client.force_login(stad.inwoner)
    assert client.get(f"/mijn/aanvragen/{mine.pk}/bijlagen/{bijlage.pk}/").status_code == 404
