"""Script injection in every text field: each form is filled in from its real page, every text
field with its own `<script>`, and sent as the user who would send it. Whatever the form does
with it — refuse it with a message, or store it — the text comes back escaped on the page
that shows it (the answer itself, or the pages listed under `tonen`) and never as markup.

tests/toegang/test_hostile_input.py covers what is stored through the services and the PDFs,
e-mails and exports; this file covers the forms, through the browser's way in. A test fails
when a form class gets a text field that is not sent here."""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django import forms
from django.test import Client

from intake.models import Veiligheidsmelding
from tests.beveiliging.conftest import stad_en_wereld_eenmaal
from tests.conftest import Stad
from tests.factories import IntakeFactory
from tests.formulieren import formulier
from tests.toegang.test_hostile_input import _forms

# The target's world is built once for the module; what each test writes is rolled back.
stad, wereld = stad_en_wereld_eenmaal()


def _payload(sleutel: str) -> str:
    return f"<script>x('{sleutel}')</script>"


def _escaped(sleutel: str) -> str:
    return f"&lt;script&gt;x(&#x27;{sleutel}&#x27;)&lt;/script&gt;"


@dataclass
class Geval:
    """One form: who fills it in, on which page, and where what it stores is shown."""

    klasse: str
    wie: str | None                     # None: not logged in
    pagina: str                         # the page with the form ({intake}, {casus} … filled in)
    action: str | None = None           # the form's action, when the page has several forms
    geldig: dict[str, str] = field(default_factory=dict)   # valid values for other fields
    tonen: list[tuple[str | None, str]] = field(default_factory=list)  # (who, page)
    opgeslagen: bool = True             # the form accepts markup and stores it
    methode: str = "post"


WIZARD = "/hulp-vragen/"
# Views that show a refused form with 200 instead of 400: the wizard's "send me the link"
# page, Django's own password-reset view and Django's admin (the referrer forms).
FOUT_MET_200 = {"BewaarLinkForm", "InwonerPasswordResetForm", "VerwijzerAanmaakForm",
                "VerwijzerForm", "VoorzieningAdminForm"}
# Where the resident's texts on the decision path are shown.
BESLUIT_TONEN = [("pro", "/werk/casussen/{casus}/besluit/"), ("pro", "/werk/casussen/{casus}/"),
                 ("inwoner", "/mijn/aanvragen/{intake}/")]
GEVALLEN = [
    # The online intake refuses markup and shows what was typed again, escaped.
    Geval("OverUForm", None, WIZARD + "over-u/", opgeslagen=False),
    Geval("HuishoudlidForm", None, WIZARD + "huishouden/", opgeslagen=False,
          geldig={"lid-0-relatie": "kind", "lid-0-geboortejaar": "2018"}),
    Geval("VraagForm", None, WIZARD + "vraag/", opgeslagen=False, geldig={"over_kind": "nee"}),
    Geval("GoedForm", None, WIZARD + "wat-gaat-goed/", opgeslagen=False),
    Geval("WensForm", None, WIZARD + "wens/", opgeslagen=False),
    Geval("VeiligheidForm", None, WIZARD + "veiligheid/", opgeslagen=False,
          geldig={"veiligheid": "zorgen", "urgentie": "normaal"}),
    Geval("ContactForm", None, WIZARD + "contact/", opgeslagen=False,
          geldig={"contact_voorkeur": "telefoon"}),
    Geval("BewaarLinkForm", None, WIZARD + "opgeslagen/", opgeslagen=False),
    Geval("RegistratieForm", None, "/account/aanmaken/", opgeslagen=False,
          geldig={"password1": "Lange-zin-als-wachtwoord-1", "password2":
                  "Lange-zin-als-wachtwoord-1"}),
    Geval("InwonerPasswordResetForm", None, "/account/wachtwoord-vergeten/", opgeslagen=False),
    Geval("WerkvoorraadFilterForm", "pro", "/werk/", methode="get", opgeslagen=False),
    # The resident's forms.
    Geval("AanvullingForm", "inwoner", "/mijn/aanvragen/{intake}/aanvullen/",
          tonen=[("inwoner", "/mijn/aanvragen/{intake}/"), ("pro", "/werk/intakes/{intake}/")]),
    Geval("TerugbelForm", "inwoner", "/mijn/aanvragen/{intake}/terugbellen/",
          opgeslagen=False),  # refuses markup, like the intake
    # An intake about a child routes to the jeugdteam; the Wmo team then needs consent, and
    # for a child of 10 a parent's name.
    Geval("ToestemmingGevenForm", "inwoner", "/mijn/aanvragen/{kind_intake}/toestemming/WMO/",
          geldig={"akkoord": "on", "kind_akkoord": "on", "ouder_akkoord": "on"},
          tonen=[("inwoner", "/mijn/mijn-gegevens/")]),
    Geval("OpmerkingForm", "inwoner", "/mijn/casussen/{casus}/plan/",
          tonen=[("pro", "/werk/casussen/{casus}/plan/")]),
    Geval("ZrmZelfForm", "inwoner", "/mijn/casussen/{casus}/zrm/invullen/",
          geldig={"financien": "3"}, opgeslagen=False),  # refuses markup, like the intake
    # The questions after a casus closed: no login, the link is the key; markup refused.
    Geval("FeedbackForm", None, "/mijn/feedback/{feedback}/", opgeslagen=False,
          geldig={"verhaal_een_keer": "ja", "wist_contactpersoon": "nee", "geholpen": "deels"}),
    # Casework.
    Geval("VeiligheidsmeldingForm", "pro", "/werk/intakes/{intake}/veiligheid/",
          geldig={"meldcode_stap": "1", "niet_tonen": "on", "teams": "{jeugdteam}"},
          tonen=[("teamleider", "/werk/veiligheid/{nieuwe_melding}/")]),
    Geval("BeoordelingForm", "teamleider", "/werk/veiligheid/{melding}/",
          geldig={"besluit": "bevestigd"}, tonen=[("teamleider", "/werk/veiligheid/{melding}/")]),
    # The plan accepts markup (its text is the professionals' own) and shows it escaped.
    Geval("PlanForm", "pro", "/werk/casussen/{casus}/plan/bewerken/",
          geldig={"voorziening-0-wet": "PARTICIPATIEWET"},
          tonen=[("pro", "/werk/casussen/{casus}/plan/"),
                 ("inwoner", "/mijn/casussen/{casus}/plan/")]),
    # The casework forms refuse markup (StapForm) and show the text again, escaped.
    Geval("ContactmomentForm", "pro", "/werk/casussen/{casus}/",
          action="/werk/casussen/{casus}/contact/", geldig={"soort": "telefoon"},
          opgeslagen=False),
    Geval("NotitieForm", "pro", "/werk/casussen/{casus}/", action="/werk/casussen/{casus}/notitie/",
          opgeslagen=False),
    Geval("StatusForm", "pro", "/werk/casussen/{casus}/status/",
          action="/werk/casussen/{casus}/status/", opgeslagen=False),
    Geval("AveForm", "pro", "/werk/casussen/{casus}/ave/", action="/werk/casussen/{casus}/ave/",
          geldig={"fase": "3"}, opgeslagen=False),
    Geval("BetrokkeneForm", "pro", "/werk/casussen/{casus}/betrokkene/",
          action="/werk/casussen/{casus}/betrokkene/", geldig={"team": "{werk}"},
          opgeslagen=False),
    Geval("OverdrachtForm", "pro_noord", "/werk/casussen/{casus_noord}/overdracht/",
          action="/werk/casussen/{casus_noord}/overdracht/", opgeslagen=False),
    Geval("ToewijzenForm", "teamleider", "/werk/casussen/{casus}/toewijzen/",
          action="/werk/casussen/{casus}/toewijzen/", geldig={"naar": "{collega}"},
          opgeslagen=False),
    Geval("AfwijzenForm", "collega", "/werk/overdrachten/{overdracht}/", opgeslagen=False),
    Geval("ZrmMetingForm", "pro", "/werk/casussen/{casus}/zrm/nieuw/",
          geldig={"financien": "2", "datum": "{vandaag}"}, opgeslagen=False),
    # Clocks of a case, each action on its own page (StapForm: markup refused).
    Geval("TermijnStartForm", "pro", "/werk/casussen/{casus}/termijnen/start/",
          action="/werk/casussen/{casus}/termijnen/start/", geldig={"start": "{vandaag_iso}"},
          opgeslagen=False),
    Geval("TerugbelafspraakForm", "pro", "/werk/casussen/{casus}/termijnen/terugbellen/",
          action="/werk/casussen/{casus}/termijnen/terugbellen/", opgeslagen=False),
    Geval("OpschortenForm", "pro", "/werk/casussen/{casus}/termijnen/{termijn}/opschorten/",
          action="/werk/casussen/{casus}/termijnen/{termijn}/opschorten/", opgeslagen=False),
    Geval("VerdagenForm", "pro", "/werk/casussen/{casus}/termijnen/{termijn}/verdagen/",
          action="/werk/casussen/{casus}/termijnen/{termijn}/verdagen/", opgeslagen=False),
    # Before pick-up: forwarding (the new team reads why), closing (a reference that is not
    # found is refused, shown again), keeping apart from an earlier contact (the reason on
    # the list of earlier contacts).
    Geval("DoorsturenForm", "pro", "/werk/intakes/{nieuwe_vraag}/doorsturen/",
          geldig={"naar": "{jeugdteam}"}, tonen=[("pro_jeugd", "/werk/intakes/{nieuwe_vraag}/")]),
    Geval("SluitenForm", "pro", "/werk/intakes/{nieuwe_vraag}/sluiten/",
          geldig={"reden": "duplicaat"}, opgeslagen=False),
    Geval("ApartForm", "pro", "/werk/intakes/{nieuwe_vraag}/bekend/",
          action="/werk/intakes/{nieuwe_vraag}/bekend/{intake}/apart/",
          tonen=[("pro", "/werk/intakes/{nieuwe_vraag}/bekend/")]),
    # The household (names refused with markup, like the intake).
    Geval("LidForm", "pro", "/werk/casussen/{casus}/huishouden/",
          action="/werk/casussen/{casus}/huishouden/lid/", geldig={"rol": "partner"},
          opgeslagen=False),
    # Appointments (StapForm: markup refused, shown again escaped).
    Geval("AfspraakForm", "pro", "/werk/casussen/{casus}/afspraken/nieuw/",
          geldig={"datum": "{overmorgen}", "tijd": "10:00"}, opgeslagen=False),
    Geval("AnnulerenForm", "pro", "/werk/casussen/{casus}/afspraken/{afspraak}/annuleren/",
          opgeslagen=False),
    Geval("VerslagForm", "pro", "/werk/casussen/{casus}/afspraken/{afspraak}/verslag/",
          geldig={"gehouden": "ja"}, opgeslagen=False),
    Geval("AndereTijdForm", "inwoner", "/mijn/casussen/{casus}/afspraken/{afspraak}/",
          geldig={"actie": "andere_tijd"}, opgeslagen=False),
    Geval("LidEindeForm", "pro", "/werk/casussen/{casus}/huishouden/",
          action="/werk/casussen/{casus}/huishouden/lid/{lid}/einde/", opgeslagen=False),
    # The decision path (tests/besluitpad.py on the target's casus). The resident's remark on
    # the verslag and the aanvraag's note are stored as typed, like the other texts residents
    # write to their contact person, and shown escaped: on the professional's decisions page
    # and in both timelines.
    Geval("VerslagOpmerkingForm", "inwoner", "/mijn/casussen/{casus}/verslag/{onderzoek}/",
          action="/mijn/casussen/{casus}/verslag/{onderzoek}/", tonen=BESLUIT_TONEN),
    Geval("MijnAanvraagForm", "inwoner", "/mijn/casussen/{casus}/verslag/{onderzoek}/",
          action="/mijn/casussen/{casus}/verslag/{onderzoek}/aanvragen/",
          geldig={"vormwens": "natura"}, tonen=BESLUIT_TONEN),
    # The professional's steps (StapForm: markup refused, shown again escaped; nothing is
    # recorded, taken, revised or withdrawn).
    Geval("OnderzoekForm", "pro", "/werk/casussen/{casus}/besluit/onderzoek/nieuw/",
          geldig={"gesprek_op": "{vandaag_iso}", "maatwerk_nodig": "ja"}, opgeslagen=False),
    Geval("AanvraagForm", "pro", "/werk/casussen/{casus}/besluit/aanvraag/nieuw/",
          geldig={"wet": "JEUGDWET", "ontvangen_op": "{vandaag_iso}", "via": "papier"},
          opgeslagen=False),
    Geval("BeschikkingForm", "pro", "/werk/casussen/{casus}/besluit/beschikkingen/nieuw/",
          geldig={"wet": "JEUGDWET"}, opgeslagen=False),
    Geval("MotiveringForm", "pro",
          "/werk/casussen/{casus}/besluit/beschikkingen/{conceptbesluit}/motivering/",
          opgeslagen=False),
    Geval("ToekenningForm", "pro",
          "/werk/casussen/{casus}/besluit/beschikkingen/{conceptbesluit}/producten/nieuw/",
          geldig={"product": "{jeugdhulp}", "besluit": "afgewezen", "volume": ""},
          opgeslagen=False),
    # One page for the reason (also the four eyes' "send back", same form): the herziening.
    Geval("RedenForm", "pro",
          "/werk/casussen/{casus}/besluit/beschikkingen/{beschikking}/herzien/",
          opgeslagen=False),
    Geval("IntrekkenForm", "pro",
          "/werk/casussen/{casus}/besluit/beschikkingen/{beschikking}/intrekken/",
          geldig={"per": "{vandaag_iso}"}, opgeslagen=False),
    Geval("BezwaarForm", "pro",
          "/werk/casussen/{casus}/besluit/beschikkingen/{beschikking}/bezwaar/nieuw/",
          geldig={"ontvangen_op": "{vandaag_iso}"}, opgeslagen=False),
    # The answer to a provider's request: a refusal's note (StapForm: markup refused, shown
    # again escaped; no 319 goes out). The beheerder's search in the berichtenverkeer (a GET)
    # shows what was typed, escaped.
    Geval("VerzoekAfwijzenForm", "pro", "/werk/verzoeken/{verzoek}/",
          action="/werk/verzoeken/{verzoek}/afwijzen/", geldig={"reden": "3"}, opgeslagen=False),
    Geval("BerichtZoekForm", "beheerder", "/berichtenverkeer/", methode="get", opgeslagen=False),
    # A referral by phone, typed in by a professional: who referred is on the first page.
    Geval("VerwijzingForm", "pro", "/werk/nieuwe-aanvraag/{verwijs_concept}/persoon/",
          geldig={"verwijzer-soort": "huisarts", "verwijzer-ontvangen_via": "telefoon"},
          opgeslagen=False),
    # The second login step, after the password only.
    Geval("TweestapsCodeForm", "pro_wachtwoord", "/medewerker/tweestaps/", opgeslagen=False),
    # The referrer's own form refuses markup, like the online intake it is built on.
    Geval("VerwijsFormulier", "verwijzer", "/verwijzen/nieuw/", opgeslagen=False,
          geldig={"inwoner_akkoord": "on"}),
    # The beheerder's referrer forms (admin): e-mail, AGB code and phone refuse it.
    Geval("VerwijzerAanmaakForm", "beheerder", "/beheer/intake/verwijzer/add/",
          opgeslagen=False, geldig={"password1": "Lange-zin-als-wachtwoord-1",
                                    "password2": "Lange-zin-als-wachtwoord-1"}),
    Geval("VerwijzerForm", "beheerder", "/beheer/intake/verwijzer/{verwijzer}/change/",
          opgeslagen=False),
    # Public searches (GET): the wijkteam of a postcode and the sociale kaart; a postcode with
    # markup is refused and shown again, escaped.
    Geval("PostcodeForm", None, "/wijkteam/", methode="get", opgeslagen=False),
    Geval("ZoekForm", None, "/hulp-in-de-buurt/", methode="get", opgeslagen=False),
    # The beheerder's sociale-kaart entry (admin): the e-mail and web address refuse it.
    Geval("VoorzieningAdminForm", "beheerder", "/beheer/socialekaart/voorziening/add/",
          opgeslagen=False, geldig={"levensgebieden": "financien"}),
]
# The formset rows of the plan page are sent with the plan (one form on one page).
SAMEN_MET = {"DoelForm": "PlanForm", "ActieForm": "PlanForm", "VoorzieningForm": "PlanForm"}
# Text fields that are not sent with markup, and why.
NIET_GEVULD = {
    ("OverUForm", "website"): "the honeypot: a filled one marks a bot (tests/intake)",
    ("VerwijsFormulier", "sleutel"): "the hidden key against double clicks; a broken one is "
                                     "replaced (tests/intake/test_verwijzing.py)",
}
# Form classes without a page of their own yet, and where their fields are tried instead.
ZONDER_PAGINA: dict[str, str] = {}


def test_every_text_field_of_every_form_is_tried(stad) -> None:  # type: ignore[no-untyped-def]
    klassen = {g.klasse for g in GEVALLEN} | set(SAMEN_MET) | set(ZONDER_PAGINA)
    tekstvelden = {naam for naam, make in _forms(stad).items()
                   if any(isinstance(f, forms.CharField) for f in make({}).fields.values())}
    assert tekstvelden - klassen == set()


def _client(stad: Stad, wereld, wie: str | None) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if wie == "pro_wachtwoord":  # a real first step: logged in, not yet verified
        from tests.factories import PASSWORD
        from tests.tweestaps import password_step, totp_device

        totp_device(stad.pro)
        assert password_step(client, stad.pro, PASSWORD).status_code == 302
    elif wie == "verwijzer":
        client.force_login(wereld.verwijzer.user)
    elif wie is not None:
        client.force_login(wereld.collega if wie == "collega" else getattr(stad, wie))
    return client


def _fouten(html: str) -> list[str]:
    """The messages of the page's error summary, for a readable failure."""
    import re

    return re.findall(r'<a href="#[^"]*">([^<]*)</a></li>', html)


def _teams(stad: Stad) -> dict[str, int]:
    return {"jeugdteam": stad.jeugdteam.pk, "werk": stad.werk.pk}


def _ids(wereld, kind_intake) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from intake.wizard.namens import namens_concept_start
    from regie.feedback.models import FeedbackUitnodiging

    verwijs_concept = namens_concept_start(user=wereld.concept.ingevoerd_door,
                                           kanaal="verwijzing")
    # A feedback link of the target's casus (the page does not look at the casus' status).
    feedback = FeedbackUitnodiging.objects.create(
        casus=wereld.casus, wijk_id=wereld.intake.wijk_id, team_id=wereld.casus.team_id,
        verloopt_op=timezone.now() + timedelta(weeks=8))
    return {**wereld.ids(), "kind_intake": kind_intake.pk, "collega": wereld.collega.pk,
            "verwijs_concept": verwijs_concept.pk, "feedback": feedback.token,
            "jeugdhulp": wereld.conceptregel.product_id,
            "casus_noord": wereld.eigen_casus_noord.pk, "verwijzer": wereld.verwijzer.pk,
            "vandaag": timezone.localdate().strftime("%d-%m-%Y"),
            "overmorgen": (timezone.localdate() + timedelta(days=2)).strftime("%d-%m-%Y"),
            "vandaag_iso": timezone.localdate().isoformat()}


@pytest.mark.parametrize("geval", GEVALLEN, ids=lambda g: g.klasse)
def test_markup_in_every_text_field_comes_back_escaped(stad, wereld, geval: Geval) -> None:  # type: ignore[no-untyped-def]
    kind = IntakeFactory(inwoner=stad.inwoner, minderjarig=True)  # consent: a parent's name
    ids = _ids(wereld, kind)
    client = _client(stad, wereld, geval.wie)
    if geval.pagina.startswith(WIZARD):
        assert client.post(WIZARD + "begin/").status_code == 302
    pagina = geval.pagina.format(**ids)
    html = client.get(pagina).content.decode()
    action = geval.action.format(**ids) if geval.action else None
    form = formulier(html, action=action)
    geldig = {k: v.format(**ids, **_teams(stad)) for k, v in geval.geldig.items()}
    velden = [v for v in form.tekstvelden if v not in geldig
              and (geval.klasse, v.rsplit("-", 1)[-1]) not in NIET_GEVULD]
    # Every text field of the form class (and of its rows) is on the page and gets markup.
    maak = _forms(stad)
    klassen = [geval.klasse, *(k for k, samen in SAMEN_MET.items() if samen == geval.klasse)]
    verwacht = {(k, naam) for k in klassen for naam, f in maak[k]({}).fields.items()
                if isinstance(f, forms.CharField) and (k, naam) not in NIET_GEVULD
                and not isinstance(f.widget, forms.PasswordInput)}
    gevuld = {v.rsplit("-", 1)[-1] for v in velden}
    assert {naam for _k, naam in verwacht} <= gevuld, (verwacht, velden)
    sleutels = {v: f"{geval.klasse}.{v}" for v in velden}
    data = form.data(**geldig, **{v: _payload(s) for v, s in sleutels.items()})
    doel = action or form.action or pagina
    if geval.methode == "get":
        response = client.get(doel, data, follow=True)
    else:
        response = client.post(doel, data, follow=True)
    # Saved: one redirect, to the page after it; the filter of the queue (a GET) shows its
    # list; otherwise the form comes back, refused with a 400 (with a 200 from the two views
    # that render a refused form themselves).
    assert len(response.redirect_chain) == (1 if geval.opgeslagen else 0), \
        (geval.klasse, _fouten(response.content.decode()))
    if geval.opgeslagen or geval.klasse in FOUT_MET_200:
        assert response.status_code == 200
    elif geval.methode == "get":  # a list, or a refused search (400, the public searches)
        assert response.status_code in (200, 400)
    else:
        assert response.status_code == 400
    paginas = [response.content.decode()]
    nieuwe = {"nieuwe_melding": Veiligheidsmelding.objects.order_by("-pk").first().pk}
    from casussen.models import Overdracht

    nieuwe["nieuwe_overdracht"] = Overdracht.objects.order_by("-pk").first().pk
    for wie, url in geval.tonen:
        antwoord = _client(stad, wereld, wie).get(url.format(**ids, **nieuwe))
        assert antwoord.status_code == 200, (wie, url)
        paginas.append(antwoord.content.decode())
    alles = "\n".join(paginas)
    assert "<script>x(" not in alles, geval.klasse
    for sleutel in sleutels.values():
        assert _escaped(sleutel) in alles, f"{sleutel} is not shown (escaped) anywhere"
