"""The resident's pages on their own casus, under Mijn toegang (/mijn/)."""

from .afspraken import urls as afspraken_urls
from .besluit import urls_mijn as besluit_urls
from .plan import urls as plan_urls
from .zrm import urls as zrm_urls

app_name = "casussen_mijn"

urlpatterns = (plan_urls.mijn_urlpatterns + zrm_urls.mijn_urlpatterns
               + afspraken_urls.mijn_urlpatterns + besluit_urls.mijn_urlpatterns)
