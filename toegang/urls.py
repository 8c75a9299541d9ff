from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from regie.feedback import urls as feedback_urls
from regie.termijnen import urls as termijnen_urls

admin.site.site_header = _("Toegang – functioneel beheer")
admin.site.site_title = _("Toegang beheer")
admin.site.index_title = _("Configuratie")

# Every 404 is the same page; refusals among them are written to the security log.
handler404 = "toegang.core.beveiliging.pagina_niet_gevonden"

urlpatterns = [
    path("", include("toegang.core.urls")),
    path("", include("toegang.thema.urls")),
    path("", include("toegang.diagnose.urls")),
    path("", include("toegang.accounts.urls")),
    path("", include("toegang.organisatie.urls")),
    path("", include("intake.urls")),
    path("hulp-in-de-buurt/", include("toegang.socialekaart.urls")),
    path("mijn/", include("toegang.inzage.urls")),
    path("mijn/", include("casussen.urls_mijn")),
    path("mijn/", include((termijnen_urls.mijn_urlpatterns, "termijnen_mijn"))),
    path("mijn/", include((feedback_urls.mijn_urlpatterns, "feedback_mijn"))),
    path("werk/termijnen/", include("regie.termijnen.urls")),
    path("werk/team/feedback/", include("regie.feedback.urls")),
    path("werk/", include("casussen.urls")),
    path("verwijzen/", include("intake.verwijzing.urls")),
    path("berichten/", include("toegang.berichten.urls")),
    path("dashboard/", include("regie.stuur.urls")),
    path("api/v1/", include("toegang.api.urls")),
    path("", include("toegang.metriek.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]

# Our SAML metadata for Logius (/saml/metadata/digid); the DigiD admin links to it.
urlpatterns += [path("saml/metadata/", include("digid_eherkenning.metadata_urls"))]
if settings.DIGID_MOCK:
    # The library's test IdP: login and acs under "digid", the IdP itself under "digid-mock".
    urlpatterns += [
        path("digid/", include("digid_eherkenning.mock.digid_urls")),
        path("test-digid/", include("digid_eherkenning.mock_urls")),
    ]
else:
    urlpatterns += [path("digid/", include("digid_eherkenning.digid_urls"))]
