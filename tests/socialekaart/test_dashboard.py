"""The dashboard's "Hulp in de buurt": suggestions counted per voorziening and source, small
counts hidden like every other section, the wijk and team filters applied, the query count
flat as suggestions grow."""

from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regie.stuur.filters import Filters
from regie.stuur.refresh import stuurinformatie_refresh
from regie.stuur.selectors import dashboard
from tests.factories import IntakeFactory
from tests.regie.test_dashboard import pagina_tabellen, verwacht
from toegang.socialekaart.models import Suggestie


def suggesties(voorziening, intakes, bron: str, wijk) -> None:  # type: ignore[no-untyped-def]
    Suggestie.objects.bulk_create(Suggestie(intake=i, voorziening=voorziening, bron=bron,
                                            wijk=wijk) for i in intakes)


@pytest.fixture
def geteld(stad, kaart):  # type: ignore[no-untyped-def]
    """Buurthuis De Kroon: 7 after the aanvraag; Geldloket: 3 after the aanvraag, 6 in a plan."""
    intakes = [IntakeFactory() for _ in range(7)]
    suggesties(kaart["kroon"], intakes, "wizard", stad.centrum)
    suggesties(kaart["geldloket"], intakes[:3], "wizard", stad.centrum)
    suggesties(kaart["geldloket"], intakes[:6], "plan", stad.centrum)
    return intakes


def test_counts_per_voorziening_with_small_numbers_hidden(stad, kaart, geteld) -> None:  # type: ignore[no-untyped-def]
    tabel = dashboard(Filters.standaard()).tabellen["sociale_kaart"]
    rijen = {r.label: [c.tekst for c in r.cellen] for r in tabel.rijen}
    # The Geldloket's 3 is small; the Kroon's 7 would give it away from the total 10.
    assert rijen == {"Buurthuis De Kroon (Welzijn)": ["x", "<5"],
                     "Geldloket (Schuldhulp)": ["<5", "x"]}
    assert [c.tekst for c in tabel.totaal.cellen] == ["10", "6"]
    # The inactive help never suggested is not a row.
    assert all("Oude inloop" not in r.label for r in tabel.rijen)


def test_wijk_and_team_filters(stad, kaart, geteld) -> None:  # type: ignore[no-untyped-def]
    noord = dashboard(replace(Filters.standaard(), wijk=stad.noord.pk)).tabellen[
        "sociale_kaart"]
    assert [c.tekst for c in noord.totaal.cellen] == ["<5", "<5"]
    # The intakes went to Wijkteam Centrum: a teamleider of Noord sees none of them.
    eigen = dashboard(replace(Filters.standaard(), teams_toegestaan=(
        stad.wijkteam_noord.pk,))).tabellen["sociale_kaart"]
    assert [c.tekst for c in eigen.totaal.cellen] == ["<5", "<5"]


def test_manager_sees_the_section_on_the_page(client, stad, kaart, geteld) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.manager)
    html = client.get("/dashboard/").content.decode()
    assert "Hulp in de buurt die is voorgesteld" in html
    assert pagina_tabellen(html)["sociale_kaart"] == verwacht(
        dashboard(Filters.standaard()).tabellen["sociale_kaart"])
    assert client.get("/dashboard/export/sociale_kaart.csv").status_code == 200


def test_query_count_flat_as_suggestions_grow(client, stad, kaart, geteld) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.manager)
    client.get("/dashboard/")  # warm the caches that do not depend on the figures
    stuurinformatie_refresh()
    with CaptureQueriesContext(connection) as weinig:
        assert client.get("/dashboard/").status_code == 200
    suggesties(kaart["noorderlicht"], geteld, "wizard", stad.noord)
    suggesties(kaart["kroon"], geteld, "plan", stad.centrum)
    stuurinformatie_refresh()  # a rebuild: the figures are computed again
    with CaptureQueriesContext(connection) as veel:
        assert client.get("/dashboard/").status_code == 200
    assert len(veel.captured_queries) == len(weinig.captured_queries)
