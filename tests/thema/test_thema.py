"""The theme per municipality (docs/thema.md): contrast rule, switching, the CSS, the fallback
when a theme is broken, uploads checked by content, and who may change it."""

import io
import logging

import pytest
from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from django.test import RequestFactory
from PIL import Image

from tests.factories import BeheerderFactory, InwonerFactory, ProfessionalFactory
from toegang.thema import services
from toegang.thema.context_processors import thema as thema_processor
from toegang.thema.contrast import contrast, ratio_tekst
from toegang.thema.models import Thema

pytestmark = pytest.mark.django_db

ZEEVLIET = {"naam": "Zeevliet", "gemeentenaam": "Gemeente Zeevliet",
            "primaire_kleur": "#0F5132", "tekst_op_primair": "#FFFFFF", "linkkleur": "#1D5E3A",
            "tekstkleur": "#1A1A1A", "achtergrondkleur": "#FFFFFF", "focuskleur": "#FFD23F",
            "lettertype": "humanist", "telefoonnummer": "14 0999",
            "emailadres": "loket@zeevliet.example.nl", "website": "www.zeevliet.example.nl",
            "postadres": "Postbus 8\n4500 AA Zeevliet"}


def _png(kleur: str = "#0F5132", formaat: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), kleur).save(buffer, formaat)
    return buffer.getvalue()


def _thema(actief: bool = False, **velden) -> Thema:
    thema = Thema(**{**ZEEVLIET, **velden})
    thema.full_clean()
    thema.save()
    if actief:
        services.thema_activeren(thema=thema)
        thema.refresh_from_db()
    return thema


# --- Contrast -------------------------------------------------------------------------------


def test_contrast_of_known_pairs() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#154273", "#154273") == pytest.approx(1.0)
    assert ratio_tekst(4.499) == "4,4 : 1"  # rounded down: never shown as passing


def test_low_contrast_link_is_refused_with_a_dutch_message() -> None:
    thema = Thema(**{**ZEEVLIET, "linkkleur": "#7FB3FF"})
    with pytest.raises(ValidationError) as exc:
        thema.full_clean()
    assert exc.value.message_dict["linkkleur"][0] == (
        "De linkkleur #7FB3FF op de achtergrond #FFFFFF heeft een contrast van 2,1 : 1. "
        "Dat moet minstens 4,5 : 1 zijn.")


@pytest.mark.parametrize(("veld", "waarde", "woorden"), [
    ("tekstkleur", "#999999", "De tekstkleur #999999 op de achtergrond #FFFFFF"),
    ("tekst_op_primair", "#2E6B4A", "De tekst op de primaire kleur #2E6B4A op #0F5132"),
    ("primaire_kleur", "#FFD23F", "De tekst op de primaire kleur #FFFFFF op #FFD23F"),
])
def test_each_pair_is_checked(veld: str, waarde: str, woorden: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Thema(**{**ZEEVLIET, veld: waarde}).full_clean()
    assert any(woorden in fout for fouten in exc.value.message_dict.values() for fout in fouten)


def test_primary_colour_next_to_the_background_needs_3_to_1() -> None:
    # Dark text on a pale primary passes 4.5:1 but the button hardly stands out from white.
    with pytest.raises(ValidationError) as exc:
        Thema(**{**ZEEVLIET, "primaire_kleur": "#C8E6C9", "tekst_op_primair": "#000000"}
              ).full_clean()
    assert "minstens 3,0 : 1" in exc.value.message_dict["primaire_kleur"][0]


def test_colour_must_be_rrggbb() -> None:
    with pytest.raises(ValidationError) as exc:
        Thema(**{**ZEEVLIET, "focuskleur": "yellow"}).full_clean()
    assert "#154273" in exc.value.message_dict["focuskleur"][0]


# --- Switching ------------------------------------------------------------------------------


def test_activation_leaves_exactly_one_active() -> None:
    a = _thema(naam="A", actief=True)
    b = _thema(naam="B")
    services.thema_activeren(thema=b)
    assert list(Thema.objects.filter(actief=True)) == [b]
    services.thema_activeren(thema=a)
    services.thema_activeren(thema=a)
    assert list(Thema.objects.filter(actief=True)) == [a]


def test_activation_is_logged_with_who(caplog: pytest.LogCaptureFixture) -> None:
    beheerder = BeheerderFactory()
    thema = _thema()
    with caplog.at_level(logging.INFO, logger="toegang.thema"):
        services.thema_activeren(thema=thema, door=beheerder)
    entry = LogEntry.objects.get(object_id=str(thema.pk))
    assert entry.user == beheerder
    assert entry.change_message == "Gebruikt als actief thema."
    assert f"geactiveerd door {beheerder.username}" in caplog.text


def test_a_theme_written_past_the_checks_cannot_go_live() -> None:
    a = _thema(naam="A", actief=True)
    slecht = Thema.objects.create(**{**ZEEVLIET, "naam": "Slecht", "linkkleur": "#7FB3FF"})
    with pytest.raises(ValidationError):
        services.thema_activeren(thema=slecht)
    assert list(Thema.objects.filter(actief=True)) == [a]


def test_command_switches_the_theme() -> None:
    _thema(naam="Dijkstad", gemeentenaam="Gemeente Dijkstad", actief=True)
    zeevliet = _thema(naam="Zeevliet")
    out = io.StringIO()
    call_command("thema_activeren", "zeevliet", stdout=out)
    assert "Actief thema: Zeevliet" in out.getvalue()
    assert list(Thema.objects.filter(actief=True)) == [zeevliet]
    with pytest.raises(CommandError, match="Geen thema met de naam 'Nergens'"):
        call_command("thema_activeren", "Nergens")


def test_demo_seeds_two_themes_with_dijkstad_active_and_keeps_a_choice() -> None:
    from toegang.demo.thema import seed_themas

    dijkstad, zeevliet = seed_themas()
    assert Thema.objects.get(actief=True) == dijkstad
    assert zeevliet.logo_type == "image/png" and zeevliet.lettertype == "humanist"
    services.thema_activeren(thema=zeevliet)
    seed_themas()
    assert Thema.objects.count() == 2
    assert Thema.objects.get(actief=True) == zeevliet


# --- The CSS and caching --------------------------------------------------------------------


def test_css_without_a_theme_is_the_built_in_look(client) -> None:
    response = client.get("/thema.css")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert "--utrecht-button-primary-action-background-color: #154273;" in response.content.decode()


def test_css_follows_the_active_theme(client) -> None:
    _thema(actief=True)
    css = client.get("/thema.css").content.decode()
    assert "--bs-primary: #0F5132;" in css
    assert "--utrecht-link-color: #1D5E3A;" in css
    assert "--utrecht-page-header-background-color: #0F5132;" in css
    assert '"Fira Sans"' in css
    assert "<" not in css


def test_versioned_css_is_cached_long_and_changes_with_the_theme(client) -> None:
    thema = _thema(actief=True)
    eerste = services.actief_thema().css_url
    response = client.get(eerste)
    assert "immutable" in response["Cache-Control"]
    assert client.get("/thema.css")["Cache-Control"] == "no-cache"
    thema.primaire_kleur = "#5B2A86"
    thema.full_clean()
    thema.save()
    tweede = services.actief_thema().css_url
    assert tweede != eerste
    assert "#5B2A86" in client.get(tweede).content.decode()
    # An old link gets today's colours, not kept.
    oud = client.get(eerste)
    assert "#5B2A86" in oud.content.decode() and oud["Cache-Control"] == "no-cache"


def test_active_theme_is_cached_and_cleared_on_save_and_activation(
        django_assert_num_queries) -> None:
    a = _thema(naam="A", actief=True)
    services.actief_thema()
    with django_assert_num_queries(0):
        assert services.actief_thema().naam == "A"
    a.gemeentenaam = "Gemeente Anders"
    a.save()
    assert services.actief_thema().gemeentenaam == "Gemeente Anders"
    b = _thema(naam="B")
    services.thema_activeren(thema=b)
    assert services.actief_thema().naam == "B"
    b2 = Thema.objects.get(pk=b.pk)
    services.thema_activeren(thema=a)
    b2.delete()
    assert services.actief_thema().naam == "A"


# --- A broken theme never breaks the front door ---------------------------------------------


def test_database_error_falls_back_and_logs(client, monkeypatch, caplog) -> None:
    def kapot(*args, **kwargs):
        raise DatabaseError("database weg")

    monkeypatch.setattr(Thema.objects, "filter", kapot)
    services.cache_wissen()  # read by the test setup already (tests/conftest.py)
    with caplog.at_level(logging.ERROR, logger="toegang.thema"):
        response = client.get("/")
    assert response.status_code == 200
    assert "Gemeente Dijkstad" in response.content.decode()
    assert "actief thema niet te lezen" in caplog.text
    assert "#154273" in client.get("/thema.css").content.decode()


def test_bad_value_in_the_database_falls_back_and_logs(client, caplog) -> None:
    thema = _thema(actief=True)
    Thema.objects.filter(pk=thema.pk).update(primaire_kleur="red;}x")
    with caplog.at_level(logging.ERROR, logger="toegang.thema"):
        css = client.get("/thema.css").content.decode()
        pagina = client.get("/")
    assert "red;" not in css and "#154273" in css
    assert pagina.status_code == 200
    assert "actief thema niet te lezen" in caplog.text


def test_missing_logo_file_shows_the_page_without_logo(client, caplog) -> None:
    thema = _thema(logo=SimpleUploadedFile("logo.png", _png()), actief=True)
    thema.logo.storage.delete(thema.logo.name)
    cache.clear()
    with caplog.at_level(logging.ERROR, logger="toegang.thema"):
        response = client.get("/")
    assert response.status_code == 200
    assert "Gemeente Zeevliet" in response.content.decode()
    assert "merk-logo" not in response.content.decode()
    assert "ontbreekt" in caplog.text


# --- Logo and favicon, checked by content ---------------------------------------------------


def test_logo_is_checked_by_content_and_served_with_its_type(client) -> None:
    thema = _thema(logo=SimpleUploadedFile("logo.png", _png(formaat="WEBP")),
                   favicon=SimpleUploadedFile("f.ico", _png(formaat="ICO")), actief=True)
    assert (thema.logo_type, thema.favicon_type) == ("image/webp", "image/x-icon")
    w = services.actief_thema()
    response = client.get(w.logo_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "immutable" in response["Cache-Control"]
    assert w.logo_url == f"/thema/logo/{thema.logo_sha256[:16]}"
    assert client.get(w.favicon_url)["Content-Type"] == "image/x-icon"
    assert client.get("/thema/logo/" + "0" * 16).status_code == 404
    assert client.get(f"/thema/naam/{thema.logo_sha256[:16]}").status_code == 404
    assert client.get(f"/thema/logo/{thema.logo_sha256[:15]}").status_code == 404


@pytest.mark.parametrize(("veld", "naam", "inhoud"), [
    ("logo", "logo.png", b"Dit is gewoon tekst, geen plaatje."),
    ("logo", "logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>'),
    ("logo", "logo.svg", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'),
    ("logo", "logo.png", _png()[:40]),
    ("logo", "logo.png", _png() + b"<script>alert(1)</script>"),
    ("favicon", "favicon.png", _png(formaat="JPEG")),
])
def test_upload_that_is_not_what_it_claims_is_refused(veld: str, naam: str,
                                                      inhoud: bytes) -> None:
    thema = Thema(**ZEEVLIET, **{veld: SimpleUploadedFile(naam, inhoud)})
    with pytest.raises(ValidationError) as exc:
        thema.full_clean()
    assert veld in exc.value.message_dict
    assert not Thema.objects.exists()


# --- Context processor ----------------------------------------------------------------------


def test_context_processor_gives_the_theme_and_the_old_names(settings) -> None:
    request = RequestFactory().get("/")
    standaard = thema_processor(request)
    assert standaard["GEMEENTE_NAAM"] == settings.GEMEENTE_NAAM
    assert standaard["GEMEENTE_TELEFOON"] == settings.GEMEENTE_TELEFOON
    _thema(actief=True)
    context = thema_processor(request)
    assert context["GEMEENTE_NAAM"] == "Gemeente Zeevliet"
    assert context["GEMEENTE_TELEFOON"] == "14 0999"
    assert context["thema"].emailadres == "loket@zeevliet.example.nl"


def test_pages_show_name_logo_favicon_css_and_contact(client) -> None:
    _thema(logo=SimpleUploadedFile("logo.png", _png()),
           favicon=SimpleUploadedFile("favicon.png", _png()), actief=True)
    w = services.actief_thema()
    html = client.get("/").content.decode()
    assert f'<link rel="stylesheet" href="{w.css_url}">' in html
    assert f'<link rel="icon" href="{w.favicon_url}">' in html
    assert f'src="{w.logo_url}"' in html
    assert "Gemeente Zeevliet" in html and "14 0999" in html
    assert 'href="mailto:loket@zeevliet.example.nl"' in html
    assert 'href="https://www.zeevliet.example.nl"' in html
    assert "Postbus 8<br>4500 AA Zeevliet" in html
    assert 'style="' not in html


# --- Admin ----------------------------------------------------------------------------------


def _admin_post(**velden) -> dict:
    return {**ZEEVLIET, **velden}


def test_beheerder_adds_a_theme_and_switches_with_the_button(client) -> None:
    beheerder = BeheerderFactory()
    client.force_login(beheerder)
    _thema(naam="Dijkstad", actief=True)
    assert client.get("/beheer/thema/thema/").status_code == 200
    response = client.post("/beheer/thema/thema/add/", _admin_post(
        naam="Nieuw", logo=SimpleUploadedFile("logo.png", _png())))
    assert response.status_code == 302, response.content.decode()[:3000]
    nieuw = Thema.objects.get(naam="Nieuw")
    assert nieuw.logo_type == "image/png" and not nieuw.actief
    pagina = client.get(f"/beheer/thema/thema/{nieuw.pk}/change/").content.decode()
    assert "Gebruik dit thema" in pagina
    response = client.post(f"/beheer/thema/thema/{nieuw.pk}/activeren/")
    assert response.status_code == 302
    assert list(Thema.objects.filter(actief=True)) == [nieuw]
    assert LogEntry.objects.filter(object_id=str(nieuw.pk), user=beheerder).count() == 2
    assert client.get(f"/beheer/thema/thema/{nieuw.pk}/activeren/").status_code == 405


def test_admin_action_activates_one_theme(client) -> None:
    client.force_login(BeheerderFactory())
    a = _thema(naam="A", actief=True)
    b = _thema(naam="B")
    client.post("/beheer/thema/thema/", {"action": "gebruik_dit_thema",
                                         "_selected_action": [a.pk, b.pk]})
    assert list(Thema.objects.filter(actief=True)) == [a]
    client.post("/beheer/thema/thema/", {"action": "gebruik_dit_thema",
                                         "_selected_action": [b.pk]})
    assert list(Thema.objects.filter(actief=True)) == [b]


def test_admin_refuses_low_contrast_and_saves_nothing(client) -> None:
    client.force_login(BeheerderFactory())
    response = client.post("/beheer/thema/thema/add/", _admin_post(
        linkkleur="#7FB3FF", logo=SimpleUploadedFile("logo.png", _png())))
    assert response.status_code == 200
    assert ("De linkkleur #7FB3FF op de achtergrond #FFFFFF heeft een contrast van 2,1 : 1."
            in response.content.decode())
    assert not Thema.objects.exists()


def test_admin_refuses_a_text_file_named_png(client) -> None:
    client.force_login(BeheerderFactory())
    response = client.post("/beheer/thema/thema/add/", _admin_post(
        logo=SimpleUploadedFile("logo.png", b"gewoon tekst")))
    assert response.status_code == 200
    assert "Dit bestand kunnen we niet gebruiken" in response.content.decode()
    assert not Thema.objects.exists()


def test_active_theme_cannot_be_deleted(client) -> None:
    client.force_login(BeheerderFactory())
    a = _thema(naam="A", actief=True)
    assert client.get(f"/beheer/thema/thema/{a.pk}/delete/").status_code == 403
    assert Thema.objects.filter(pk=a.pk).exists()


@pytest.mark.parametrize("factory", [ProfessionalFactory, InwonerFactory])
def test_others_do_not_reach_the_theme_admin(client, factory) -> None:
    a = _thema(naam="A", actief=True)
    b = _thema(naam="B")
    client.force_login(factory())
    assert client.get("/beheer/thema/thema/").status_code == 302
    response = client.post(f"/beheer/thema/thema/{b.pk}/activeren/")
    assert response.status_code == 302
    assert response["Location"].startswith("/beheer/login/")
    assert list(Thema.objects.filter(actief=True)) == [a]


def test_theme_admin_list_stays_flat(client, django_assert_max_num_queries) -> None:
    client.force_login(BeheerderFactory())
    _thema(naam="A", actief=True)
    client.get("/beheer/thema/thema/")
    with django_assert_max_num_queries(12) as eerst:
        client.get("/beheer/thema/thema/")
    for i in range(8):
        _thema(naam=f"Extra {i}")
    services.actief_thema()  # the saves cleared the cached active theme
    with django_assert_max_num_queries(len(eerst.captured_queries)):
        assert client.get("/beheer/thema/thema/").status_code == 200
