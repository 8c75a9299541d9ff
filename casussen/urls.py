from django.urls import path

from .afspraken import urls as afspraken_urls
from .besluit import urls_brief as brief_urls
from .besluit import urls_werk as besluit_urls
from .huishouden import urls as huishouden_urls
from .plan import urls as plan_urls
from .toewijzing import urls_werk as toewijzing_urls
from .views import casus, termijnen, werkvoorraad
from .zrm import urls as zrm_urls

app_name = "casussen"
urlpatterns = [
    *plan_urls.werk_urlpatterns,
    *huishouden_urls.werk_urlpatterns,
    *afspraken_urls.werk_urlpatterns,
    *besluit_urls.werk_urlpatterns,
    *brief_urls.werk_urlpatterns,
    *toewijzing_urls.werk_urlpatterns,
    *zrm_urls.werk_urlpatterns,
    path("", werkvoorraad.werkvoorraad, name="werkvoorraad"),
    path("team/", werkvoorraad.team, name="team"),
    path("casussen/<int:pk>/", casus.CasusDetailView.as_view(), name="detail"),
    path("casussen/<int:pk>/contact/", casus.ContactView.as_view(), name="contact"),
    path("casussen/<int:pk>/notitie/", casus.NotitieView.as_view(), name="notitie"),
    path("casussen/<int:pk>/status/", casus.StatusView.as_view(), name="status"),
    path("casussen/<int:pk>/ave/", casus.AveView.as_view(), name="ave"),
    path("casussen/<int:pk>/betrokkene/", casus.BetrokkeneView.as_view(), name="betrokkene"),
    path("casussen/<int:pk>/overdracht/", casus.OverdrachtView.as_view(), name="overdracht"),
    path("casussen/<int:pk>/toewijzen/", casus.ToewijzenView.as_view(), name="toewijzen"),
    path("casussen/<int:pk>/betrokkene/<int:betrokkenheid_id>/stoppen/",
         casus.BetrokkeneStoppenView.as_view(), name="betrokkene_stoppen"),
    path("casussen/<int:pk>/termijnen/start/", termijnen.TermijnStartView.as_view(),
         name="termijn_start"),
    path("casussen/<int:pk>/termijnen/terugbellen/", termijnen.TerugbelafspraakView.as_view(),
         name="terugbelafspraak"),
    path("casussen/<int:pk>/termijnen/<int:termijn_id>/afgehandeld/",
         termijnen.TermijnAfgehandeldView.as_view(), name="termijn_afgehandeld"),
    path("casussen/<int:pk>/termijnen/<int:termijn_id>/opschorten/",
         termijnen.TermijnOpschortenView.as_view(), name="termijn_opschorten"),
    path("casussen/<int:pk>/termijnen/<int:termijn_id>/hervatten/",
         termijnen.TermijnHervattenView.as_view(), name="termijn_hervatten"),
    path("casussen/<int:pk>/termijnen/<int:termijn_id>/verdagen/",
         termijnen.TermijnVerdagenView.as_view(), name="termijn_verdagen"),
    path("intakes/<int:pk>/oppakken/", casus.oppakken, name="oppakken"),
    path("overdrachten/<int:overdracht_id>/", casus.overdracht, name="overdracht_besluit"),
]
