"""Letters for residents who chose them, or who have no other address: the confirmation of a
new request and every later message go to the print queue, once each."""

import pytest

from intake.services import inwoner_tell
from intake.wizard.services import bevestiging_send
from tests.factories import IntakeFactory
from toegang.berichten.models import Brief, Email, Notificatie


def test_a_resident_who_chose_letters_gets_the_confirmation_on_paper(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(contact_voorkeur="brief", straat="Dorpsstraat 1", postcode="7511ab",
                         woonplaats="Dijkstad")
    bevestiging_send(intake=intake)
    bevestiging_send(intake=intake)  # a resent form: still one letter
    brief = Brief.objects.get()
    assert (brief.aan_naam, brief.straat, brief.postcode, brief.woonplaats) == (
        "Sanne de Vries", "Dorpsstraat 1", "7511 AB", "Dijkstad")
    assert brief.onderwerp == f"Wij hebben uw aanvraag ontvangen ({intake.referentie})"
    assert f"Uw referentie is {intake.referentie}." in brief.tekst
    assert "Log in met DigiD op Mijn toegang" in brief.tekst
    assert "/koppelen/" not in brief.tekst  # no claim link on paper: DigiD finds the request
    assert (brief.inwoner_id, brief.intake_id) == (None, intake.pk)
    assert Email.objects.filter(sleutel=f"bevestiging:{intake.pk}").count() == 1  # sooner


def test_without_an_e_mail_address_the_confirmation_comes_by_letter(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(kanaal="telefoon", ingevoerd_door=stad.pro, email="")
    bevestiging_send(intake=intake)
    assert Brief.objects.get().intake_id == intake.pk
    assert not Email.objects.exists()


def test_without_an_address_or_e_mail_nothing_can_be_sent(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(kanaal="telefoon", ingevoerd_door=stad.pro, email="",
                         geen_vast_adres=True, straat="", postcode="", woonplaats="")
    bevestiging_send(intake=intake)
    assert not Brief.objects.exists() and not Email.objects.exists()


@pytest.mark.parametrize("met_account", [False, True])
def test_later_messages_go_on_paper_too_once(stad, met_account: bool) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(contact_voorkeur="brief",
                         inwoner=stad.inwoner if met_account else None)
    for _keer in range(2):
        inwoner_tell(intake=intake, soort="test", onderwerp="Uw afspraak",
                     tekst="Lees Mijn toegang.", tekst_email="Wij komen dinsdag om 10.00 uur.",
                     sleutel="afspraak:1")
    brief = Brief.objects.get()
    assert (brief.onderwerp, brief.tekst) == ("Uw afspraak", "Wij komen dinsdag om 10.00 uur.")
    assert brief.inwoner_id == (stad.inwoner.pk if met_account else None)
    assert Notificatie.objects.filter(ontvanger=stad.inwoner).exists() == met_account


def test_a_resident_who_chose_e_mail_gets_no_letter(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(contact_voorkeur="email")
    bevestiging_send(intake=intake)
    inwoner_tell(intake=intake, soort="test", onderwerp="Nieuws", tekst="Tekst")
    assert not Brief.objects.exists()
    assert Email.objects.count() == 2


def test_letters_need_an_address_both_online_and_on_the_phone(client, stad) -> None:  # type: ignore[no-untyped-def]
    from intake.wizard.forms import ContactForm

    form = ContactForm({"contact_voorkeur": "brief"}, geen_adres=True)
    assert not form.is_valid()
    assert form.errors["contact_voorkeur"] == [
        "U heeft geen vast adres opgegeven, dus een brief kan niet aankomen. Kies bellen of "
        "e-mail."]
    assert ContactForm({"contact_voorkeur": "brief"}).is_valid()
