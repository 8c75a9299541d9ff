"""The factories' traits make the states they are named after, through the services (so the
tests that lean on them test what they say)."""

from django.utils import timezone

from casussen.models import CasusStatus
from casussen.permissions import casussen_visible_to
from intake.models import IntakeStatus, ToestemmingStatus
from intake.permissions import intakes_visible_to
from regie.termijnen.models import TermijnSoort, TermijnStatus
from tests.factories import CasusFactory, IntakeFactory, TermijnFactory, ToestemmingFactory
from toegang.audit.models import Toegangslog


def test_an_intake_is_routed_to_the_wijkteam_of_its_wijk_and_logged(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    assert (intake.team, intake.urgentie, intake.status) == (stad.wijkteam, "normaal",
                                                               IntakeStatus.INGEDIEND)
    assert list(intakes_visible_to(user=stad.pro)) == [intake]
    assert list(intake.termijnen.values_list("soort", flat=True)) == ["eerste_contact"]
    assert list(Toegangslog.objects.values_list("actie", "grond", "user_id")) == \
        [("indienen", "eigen", stad.inwoner.pk)]


def test_intake_traits(stad) -> None:  # type: ignore[no-untyped-def]
    assert IntakeFactory(urgent=True).urgentie == "urgent"
    onveilig = IntakeFactory(onveilig=True)
    assert (onveilig.veiligheid, onveilig.urgentie) == ("onveilig", "urgent")
    assert IntakeFactory(minderjarig=True).team == stad.jeugdteam
    assert IntakeFactory(over_werk=True).team == stad.werk
    assert IntakeFactory(in_noord=True).team == stad.wijkteam_noord


def test_consent_traits_let_the_other_teams_read(stad) -> None:  # type: ignore[no-untyped-def]
    beide = IntakeFactory(inwoner=stad.inwoner, met_toestemming_jeugd=True,
                          met_toestemming_werk=True)
    assert sorted(beide.toestemmingen.values_list("wet", "status", "gegeven_door")) == [
        ("JEUGDWET", ToestemmingStatus.GEGEVEN, stad.inwoner.pk),
        ("PARTICIPATIEWET", ToestemmingStatus.GEGEVEN, stad.inwoner.pk)]
    assert list(intakes_visible_to(user=stad.pro_jeugd)) == [beide]
    assert list(intakes_visible_to(user=stad.pro_werk)) == [beide]


def test_consent_for_a_child_carries_the_parents_yes(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(minderjarig=True, met_toestemming_werk=True)
    toestemming = intake.toestemmingen.get()
    assert (toestemming.ouder_akkoord, toestemming.ouder_naam) == (True, "Sanne de Vries")
    assert list(intakes_visible_to(user=stad.pro_werk)) == [intake]


def test_a_withdrawn_consent_leaves_the_team_without_access(stad) -> None:  # type: ignore[no-untyped-def]
    toestemming = ToestemmingFactory(intake__inwoner=stad.inwoner, ingetrokken=True)
    assert toestemming.status == ToestemmingStatus.INGETROKKEN
    assert not intakes_visible_to(user=stad.pro_jeugd).exists()


def test_picked_up_intake_and_casus(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(opgepakt_door=stad.pro)
    assert intake.status == IntakeStatus.OPGEPAKT
    assert intake.casus.regiehouders.get().user == stad.pro
    casus = CasusFactory(opgepakt_door=stad.pro, inwoner=stad.inwoner,
                         intake__met_toestemming_jeugd=True)
    assert (casus.status, casus.team, casus.intake.inwoner) == \
        (CasusStatus.IN_BEHANDELING, stad.wijkteam, stad.inwoner)
    assert list(casussen_visible_to(user=stad.pro_jeugd)) == [casus]
    assert casus.intake.termijnen.get().status == TermijnStatus.LOPEND
    gebeld = CasusFactory(opgepakt_door=stad.pro, eerste_contact_gehad=True)
    assert gebeld.intake.termijnen.get().status == TermijnStatus.AFGEHANDELD


def test_termijn_traits(stad) -> None:  # type: ignore[no-untyped-def]
    casus = CasusFactory(opgepakt_door=stad.pro, eerste_contact_gehad=True)
    nu = timezone.now()
    terugbellen = TermijnFactory(casus=casus)
    assert (terugbellen.soort, terugbellen.verantwoordelijke, terugbellen.team) == \
        (TermijnSoort.TERUGBELLEN, stad.pro, stad.wijkteam)
    assert terugbellen.deadline > nu
    assert TermijnFactory(casus=casus, te_laat=True).deadline < nu
    wettelijk = TermijnFactory(casus=casus, soort=TermijnSoort.WMO_BESCHIKKING, te_laat=True)
    assert (wettelijk.deadline < nu, wettelijk.casus) == (True, casus)
    assert TermijnFactory(casus=casus, opgeschort=True).status == TermijnStatus.OPGESCHORT
    assert TermijnFactory(casus=casus, afgehandeld=True).status == TermijnStatus.AFGEHANDELD
