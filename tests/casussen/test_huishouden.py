"""Known resident, known household: earlier contacts found (never linked automatically),
shown only as far as the gate allows, linked to the casus or kept apart with a reason; the
household over time with one regiehouder."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from casussen.huishouden.models import (
    Apartgehouden,
    GekoppeldeAanvraag,
    HuishoudenLid,
    KoppelRol,
    LidRol,
)
from casussen.huishouden.selectors import bekend_for
from casussen.services import casus_open, contactmoment_add
from intake.gegevens import HuishoudlidGegevens
from intake.matching import kandidaten_voor
from intake.models import IntakeStatus
from intake.permissions import IntakeActie, intake_may
from regie.termijnen.models import Termijn, TermijnStatus
from tests.factories import IntakeFactory, ProfessionalFactory
from toegang.audit.models import Actie, Toegangslog
from toegang.berichten.models import Notificatie


def _sanne(**extra):  # type: ignore[no-untyped-def]
    return IntakeFactory(postcode="7511AB", straat="Dorpsstraat 1", **extra)


def test_the_same_resident_is_found_by_name_birth_date_and_address(stad) -> None:  # type: ignore[no-untyped-def]
    eerste = _sanne()
    tweede = IntakeFactory(voornaam="sanne", achternaam="De  Vries", postcode="7512CD",
                         straat="Kade 9")  # moved, typed differently
    [kandidaat] = kandidaten_voor(intake=tweede)
    assert (kandidaat.intake_id, kandidaat.soort) == (eerste.pk, "persoon")
    assert kandidaat.waarschijnlijk
    assert "zelfde geboortedatum" in kandidaat.redenen


def test_a_typo_in_the_date_of_birth_is_found_at_the_same_address(stad) -> None:  # type: ignore[no-untyped-def]
    eerste = _sanne()
    tweede = _sanne(geboortedatum=dt.date(1985, 4, 21))  # 12-04 typed as 21-04
    assert [k.intake_id for k in kandidaten_voor(intake=tweede)] == [eerste.pk]


def test_someone_else_with_a_common_name_is_not_the_same(stad) -> None:  # type: ignore[no-untyped-def]
    _sanne()
    ander = IntakeFactory(voornaam="Peter", achternaam="de Vries", postcode="7521AA",
                        geboortedatum=dt.date(1985, 4, 12))
    assert kandidaten_voor(intake=ander) == []


def test_the_same_bsn_is_certain_and_a_different_bsn_is_not(stad) -> None:  # type: ignore[no-untyped-def]
    eerste = _sanne(bsn="111222333")
    zelfde = IntakeFactory(voornaam="S.", achternaam="Vries", postcode="7521AA",
                         geboortedatum=dt.date(1990, 1, 1), bsn="111222333")
    assert [(k.intake_id, k.score) for k in kandidaten_voor(intake=zelfde)] == [(eerste.pk, 1.0)]
    tweeling = _sanne(bsn="999993653")
    assert eerste.pk not in [k.intake_id for k in kandidaten_voor(intake=tweeling)]


def test_household_members_are_found_both_ways(stad) -> None:  # type: ignore[no-untyped-def]
    ouder = _sanne(huishouden=[HuishoudlidGegevens(relatie="kind", naam="Noor",
                                                   geboortejaar=2012)])
    kind = IntakeFactory(voornaam="Noor", achternaam="de Vries", postcode="7511AB",
                       straat="Dorpsstraat 1", geboortedatum=dt.date(2012, 5, 3))
    [gevonden] = kandidaten_voor(intake=kind)
    assert (gevonden.intake_id, gevonden.soort, gevonden.relatie) == (ouder.pk, "huisgenoot",
                                                                        "ouder")
    [terug] = kandidaten_voor(intake=ouder)
    assert (terug.intake_id, terug.soort, terug.relatie) == (kind.pk, "huisgenoot", "kind")


def test_the_look_up_is_a_fixed_number_of_queries(stad) -> None:  # type: ignore[no-untyped-def]
    nieuw = _sanne()
    with CaptureQueriesContext(connection) as een:
        kandidaten_voor(intake=nieuw)
    for n in range(15):
        IntakeFactory(voornaam=f"Anna{n}", achternaam="Jansen", postcode="7511AB",
                    geboortedatum=dt.date(1985, 4, 12))
    _sanne()
    with CaptureQueriesContext(connection) as veel:
        kandidaten_voor(intake=nieuw)
    assert len(een) == len(veel) == 5


def test_a_professional_sees_the_casus_and_regiehouder_of_a_visible_match(client, stad) -> None:  # type: ignore[no-untyped-def]
    eerste = _sanne(inwoner=stad.inwoner)
    casus_open(user=stad.pro, intake=eerste)
    tweede = _sanne()
    collega = ProfessionalFactory(teams=[stad.wijkteam])
    client.force_login(collega)
    html = client.get(f"/werk/intakes/{tweede.pk}/").content.decode()
    assert "Mogelijk eerder contact: 1 aanvraag" in html
    bekend = client.get(f"/werk/intakes/{tweede.pk}/bekend/").content.decode()
    assert f"casus {eerste.referentie} met regiehouder {escape(stad.pro.get_full_name())}" in bekend
    log = Toegangslog.objects.filter(user_id=collega.pk)
    # the intake page shows a count only; the list of earlier contacts is the look-up
    assert log.filter(actie=Actie.ZOEKEN, intake_id=tweede.pk).count() == 1
    assert log.filter(actie=Actie.BEKIJKEN, intake_id=eerste.pk,
                      doel="getoond als mogelijk eerder contact").count() == 1


def test_a_match_the_viewer_may_not_see_is_possible_contact_without_details(client, stad) -> None:  # type: ignore[no-untyped-def]
    eerste = _sanne()  # at the wijkteam; the jeugdteam has no consent
    tweede = _sanne(over_kind=True, vraag="Mijn dochter spijbelt.")  # routed to the jeugdteam
    assert tweede.team == stad.jeugdteam
    client.force_login(stad.pro_jeugd)
    html = client.get(f"/werk/intakes/{tweede.pk}/bekend/").content.decode()
    assert "Mogelijk eerder contact" in html and "Vraag uw teamleider" in html
    assert eerste.referentie not in html and "Dorpsstraat" not in html.split("Gezocht op")[0]
    assert not Toegangslog.objects.filter(user_id=stad.pro_jeugd.pk, intake_id=eerste.pk).exists()
    assert client.get(f"/werk/intakes/{tweede.pk}/bekend/{eerste.pk}/koppelen/").status_code \
        == 404


def test_linking_puts_the_request_on_the_casus_with_its_clock_at_regiehouder(client, stad) -> None:  # type: ignore[no-untyped-def]
    eerste = _sanne(inwoner=stad.inwoner)
    casus = casus_open(user=stad.pro, intake=eerste)
    tweede = _sanne(inwoner=stad.inwoner, vraag="Nu ook schulden.")
    collega = ProfessionalFactory(teams=[stad.wijkteam])
    client.force_login(collega)
    response = client.post(f"/werk/intakes/{tweede.pk}/bekend/{eerste.pk}/koppelen/",
                           {"rol": KoppelRol.ZELFDE_PERSOON})
    assert response.status_code == 302
    koppeling = GekoppeldeAanvraag.objects.get(intake=tweede)
    assert (koppeling.casus, koppeling.door) == (casus, collega)
    tweede.refresh_from_db()
    assert tweede.status == IntakeStatus.OPGEPAKT
    klok = Termijn.objects.get(intake=tweede, soort="eerste_contact")
    assert (klok.casus_id, klok.verantwoordelijke) == (casus.pk, stad.pro)
    assert Notificatie.objects.filter(ontvanger=stad.pro, soort="gekoppeld").exists()
    client.force_login(stad.pro)
    assert "Nieuwe vraag gekoppeld" in client.get(f"/werk/casussen/{casus.pk}/").content.decode()
    assert intake_may(user=stad.pro, intake_id=tweede.pk, action=IntakeActie.AANVULLEN)
    client.force_login(stad.inwoner)
    mijn = client.get(f"/mijn/aanvragen/{tweede.pk}/").content.decode()
    assert escape(stad.pro.get_full_name()) in mijn


def test_linking_with_a_first_contact_already_made_completes_the_clock(stad) -> None:  # type: ignore[no-untyped-def]
    from casussen.huishouden.services import aanvraag_link

    eerste = _sanne()
    casus = casus_open(user=stad.pro, intake=eerste)
    contactmoment_add(user=stad.pro, casus=casus, soort="telefoon",
                      tijdstip=eerste.ingediend_op, verslag="Gebeld.")
    tweede = _sanne()
    aanvraag_link(user=stad.pro, intake=tweede, casus=casus, rol=KoppelRol.ZELFDE_PERSOON,
                  eerste_contact_gehad=True)
    assert Termijn.objects.get(intake=tweede).status == TermijnStatus.AFGEHANDELD


def test_a_household_members_request_joins_the_household(stad) -> None:  # type: ignore[no-untyped-def]
    from casussen.huishouden.services import aanvraag_link

    ouder = _sanne(huishouden=[HuishoudlidGegevens(relatie="kind", naam="Noor",
                                                   geboortejaar=2012)])
    casus = casus_open(user=stad.pro, intake=ouder)
    kind = IntakeFactory(voornaam="Noor", achternaam="de Vries", postcode="7511AB",
                       straat="Dorpsstraat 1", geboortedatum=dt.date(2012, 5, 3))
    aanvraag_link(user=stad.pro, intake=kind, casus=casus, rol=KoppelRol.KIND)
    leden = {(lid.naam, lid.rol, lid.intake_id) for lid in HuishoudenLid.objects.all()}
    assert leden == {(ouder.naam, LidRol.AANVRAGER, ouder.pk),
                     ("Noor de Vries", LidRol.KIND, kind.pk)}


def test_linking_is_refused_where_the_casus_team_may_not_read_the_request(stad) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    from casussen.huishouden.services import aanvraag_link

    eerste = _sanne()
    casus = casus_open(user=stad.pro, intake=eerste)
    jeugd = _sanne(over_kind=True)
    with pytest.raises(ValidationError, match="mag deze aanvraag niet lezen"):
        aanvraag_link(user=stad.pro_jeugd, intake=jeugd, casus=casus, rol="zelfde_persoon")
    assert not GekoppeldeAanvraag.objects.exists()


def test_kept_apart_with_a_reason_it_is_not_offered_again(client, stad) -> None:  # type: ignore[no-untyped-def]
    eerste = _sanne()
    tweede = _sanne()
    client.force_login(stad.pro)
    leeg = client.post(f"/werk/intakes/{tweede.pk}/bekend/{eerste.pk}/apart/", {"reden": ""})
    assert leeg.status_code == 400
    assert "Schrijf op waarom u de aanvraag apart houdt." in leeg.content.decode()
    client.post(f"/werk/intakes/{tweede.pk}/bekend/{eerste.pk}/apart/",
                {"reden": "Andere Sanne, andere moeder."})
    assert Apartgehouden.objects.get().reden == "Andere Sanne, andere moeder."
    assert bekend_for(user=stad.pro, intake=tweede) == []


def test_the_household_page_is_gated(client, stad) -> None:  # type: ignore[no-untyped-def]
    casus = casus_open(user=stad.pro, intake=_sanne())
    client.force_login(stad.pro)
    assert client.get(f"/werk/casussen/{casus.pk}/huishouden/").status_code == 200
    response = client.post(f"/werk/casussen/{casus.pk}/huishouden/lid/",
                           {"naam": "Ali", "rol": "partner", "geboortedatum": "01-01-2090"})
    assert response.status_code == 400
    assert "Een geboortedatum kan niet in de toekomst liggen." in response.content.decode()
    client.post(f"/werk/casussen/{casus.pk}/huishouden/lid/", {"naam": "Ali", "rol": "partner"})
    assert HuishoudenLid.objects.filter(naam="Ali", rol="partner").exists()
    client.force_login(stad.pro_noord)
    assert client.get(f"/werk/casussen/{casus.pk}/huishouden/").status_code == 404
    assert client.post(f"/werk/casussen/{casus.pk}/huishouden/lid/",
                       {"naam": "X", "rol": "kind"}).status_code == 404


def test_a_plan_goal_is_for_one_member_of_the_household(client, stad) -> None:  # type: ignore[no-untyped-def]
    from casussen.plan.models import Doel
    from tests.casussen.test_plan import form_data

    casus = casus_open(user=stad.pro, intake=_sanne())
    client.force_login(stad.pro)
    client.post(f"/werk/casussen/{casus.pk}/huishouden/lid/", {"naam": "Noor", "rol": "kind"})
    noor = HuishoudenLid.objects.get(naam="Noor")
    andere = casus_open(user=stad.pro, intake=IntakeFactory(postcode="7511AB"))
    client.post(f"/werk/casussen/{andere.pk}/huishouden/lid/", {"naam": "Bram", "rol": "kind"})
    bram = HuishoudenLid.objects.get(naam="Bram")
    url = f"/werk/casussen/{casus.pk}/plan/bewerken/"
    vreemd = client.post(url, form_data(extra={"doel-0-voor_lid": str(bram.pk)}))
    assert vreemd.status_code == 400 and not Doel.objects.exists()
    client.post(url, form_data(extra={"doel-0-voor_lid": str(noor.pk)}))
    assert Doel.objects.get().voor_lid == noor
    html = client.get(f"/werk/casussen/{casus.pk}/plan/").content.decode()
    assert "Voor Noor" in html
    regels = client.get(f"/werk/casussen/{casus.pk}/").content.decode()
    assert "Nieuw in het huishouden" in regels


def test_a_linked_request_is_on_the_casus_timeline_and_the_resident_sees_their_own(  # type: ignore[no-untyped-def]
        client, stad) -> None:
    from casussen.huishouden.services import aanvraag_link
    from casussen.tijdlijn import casus_tijdlijn

    eerste = _sanne(inwoner=stad.inwoner)
    casus = casus_open(user=stad.pro, intake=eerste)
    tweede = _sanne(inwoner=stad.inwoner)
    kind = IntakeFactory(voornaam="Noor", postcode="7511AB", straat="Dorpsstraat 1")
    aanvraag_link(user=stad.pro, intake=tweede, casus=casus, rol=KoppelRol.ZELFDE_PERSOON)
    aanvraag_link(user=stad.pro, intake=kind, casus=casus, rol=KoppelRol.KIND)
    staf = [r.titel for r in casus_tijdlijn(casus=casus) if r.soort == "gekoppeld"]
    assert sorted(staf) == sorted([
        f"Nieuwe vraag gekoppeld: {tweede.referentie}",
        f"Aanvraag van een lid van het huishouden gekoppeld: {kind.referentie}"])
    inwoner = [r.titel for r in casus_tijdlijn(casus=casus, voor_inwoner=True)
               if r.soort == "gekoppeld"]
    assert inwoner == [f"Nieuwe vraag gekoppeld: {tweede.referentie}"]


def test_a_wrong_moving_out_date_is_shown_again_with_its_message(client, stad) -> None:  # type: ignore[no-untyped-def]
    casus = casus_open(user=stad.pro, intake=_sanne())
    client.force_login(stad.pro)
    client.post(f"/werk/casussen/{casus.pk}/huishouden/lid/", {"naam": "Ali", "rol": "partner"})
    ali = HuishoudenLid.objects.get(naam="Ali")
    url = f"/werk/casussen/{casus.pk}/huishouden/lid/{ali.pk}/einde/"
    response = client.post(url, {"op": "31-02-2026"})
    html = response.content.decode()
    assert response.status_code == 400
    assert f'<a href="#einde-{ali.pk}-op">' in html and 'value="31-02-2026"' in html
    morgen = (dt.date.today() + dt.timedelta(days=1)).strftime("%d-%m-%Y")
    te_laat = client.post(url, {"op": morgen}).content.decode()
    assert "Kies een datum tussen het begin en vandaag." in te_laat
    HuishoudenLid.objects.filter(pk=ali.pk).update(begin=dt.date(2026, 1, 1))
    assert client.post(url, {"op": "01-03-2026"}).status_code == 302
    ali.refresh_from_db()
    assert ali.einde == dt.date(2026, 3, 1)
