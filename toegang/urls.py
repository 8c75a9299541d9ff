from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Toegang – functioneel beheer")
admin.site.site_title = _("Toegang beheer")
admin.site.index_title = _("Configuratie")

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("toegang.core.urls")),
    path("", include("toegang.accounts.urls")),
    path("", include("intake.urls")),
    path("werk/", include("casussen.urls")),
    path("dashboard/", include("regie.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]

if settings.DIGID_MOCK:
    # The library's test IdP: login and acs under "digid", the IdP itself under "digid-mock".
    urlpatterns += [
        path("digid/", include("digid_eherkenning.mock.digid_urls")),
        path("test-digid/", include("digid_eherkenning.mock_urls")),
    ]
else:
    from digid_eherkenning.models import DigidConfiguration
    from digid_eherkenning.saml2.digid import generate_digid_metadata
    from digid_eherkenning.views.metadata import MetadataView

    urlpatterns += [
        path("digid/", include("digid_eherkenning.digid_urls")),
        # Our SAML metadata, to register the connection with Logius.
        path("digid-metadata/", MetadataView.as_view(
            config_model=DigidConfiguration, metadata_generator=generate_digid_metadata,
            filename="digid-metadata.xml"), name="digid_metadata"),
    ]
