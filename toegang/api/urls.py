"""/api/v1/: the resources (no trailing slash, NL API Design Rules API-48), the OpenAPI
document and its documentation pages (Swagger UI from drf-spectacular-sidecar, served by
us: no CDN, and its start script is a file, not inline, so the CSP holds)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import abonnementen, besluiten, catalogus, conventies, stuur, verwijzingen

app_name = "api"


class Documentatie(SpectacularSwaggerSplitView):
    title = "Toegang API – documentatie"
    template_name = "api/swagger_ui.html"


urlpatterns = [
    path("verwijzingen", verwijzingen.VerwijzingenView.as_view(), name="verwijzingen"),
    path("verwijzingen/<int:pk>", verwijzingen.VerwijzingView.as_view(), name="verwijzing"),
    path("besluiten", besluiten.BesluitenView.as_view(), name="besluiten"),
    path("besluiten/<int:pk>", besluiten.BesluitView.as_view(), name="besluit"),
    path("toewijzingen", besluiten.ToewijzingenView.as_view(), name="toewijzingen"),
    path("toewijzingen/<int:pk>", besluiten.ToewijzingView.as_view(), name="toewijzing"),
    path("stuurinformatie", stuur.StuurinformatieView.as_view(), name="stuurinformatie"),
    path("producten", catalogus.ProductenView.as_view(), name="producten"),
    path("producten/<int:pk>", catalogus.ProductView.as_view(), name="product"),
    path("zorgaanbieders", catalogus.ZorgaanbiedersView.as_view(), name="zorgaanbieders"),
    path("zorgaanbieders/<int:pk>", catalogus.ZorgaanbiederView.as_view(),
         name="zorgaanbieder"),
    path("abonnementen", abonnementen.AbonnementenView.as_view(), name="abonnementen"),
    path("abonnementen/<int:pk>", abonnementen.AbonnementView.as_view(), name="abonnement"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", Documentatie.as_view(url_name="api:schema"), name="docs"),
    # Last: every other address here answers as the API does (problem+json), not as the portal.
    re_path(r"", conventies.NietGevonden.as_view(), name="niet_gevonden"),
]
