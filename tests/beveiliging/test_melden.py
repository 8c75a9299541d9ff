"""How to report a vulnerability: /.well-known/security.txt (RFC 9116) and the page it points
to, reachable from every page's footer."""

import datetime as dt

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _velden(client) -> dict[str, str]:  # type: ignore[no-untyped-def]
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    regels = response.content.decode().splitlines()
    return dict(regel.split(": ", 1) for regel in regels if regel)


def test_security_txt_names_the_contact_policy_and_expiry(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SITE_URL = "https://toegang.dijkstad.nl"
    settings.SECURITY_CONTACT = "mailto:cert@dijkstad.nl"
    velden = _velden(client)
    assert velden["Contact"] == "mailto:cert@dijkstad.nl"
    assert velden["Canonical"] == "https://toegang.dijkstad.nl/.well-known/security.txt"
    assert velden["Policy"] == "https://toegang.dijkstad.nl/kwetsbaarheid-melden/"
    assert velden["Preferred-Languages"] == "nl, en"
    verloopt = dt.datetime.fromisoformat(velden["Expires"].replace("Z", "+00:00"))
    # RFC 9116: in the future, and better not more than a year ahead.
    assert timezone.now() < verloopt < timezone.now() + dt.timedelta(days=366)


def test_security_txt_uses_the_configured_review_date(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SECURITY_TXT_VERLOOPT = "2027-03-31"
    assert _velden(client)["Expires"] == "2027-03-31T23:59:59Z"


def test_the_policy_page_is_public_and_linked_from_every_page(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SECURITY_CONTACT = "mailto:cert@dijkstad.nl"
    response = client.get("/kwetsbaarheid-melden/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="mailto:cert@dijkstad.nl"' in html and "aangifte" in html
    assert 'href="/kwetsbaarheid-melden/"' in client.get("/").content.decode()
