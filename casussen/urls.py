from django.urls import path

from .views import casus, werkvoorraad, zrm

app_name = "casussen"
urlpatterns = [
    path("", werkvoorraad.werkvoorraad, name="werkvoorraad"),
    path("team/", werkvoorraad.team, name="team"),
    path("casussen/<int:pk>/", casus.CasusDetailView.as_view(), name="detail"),
    path("casussen/<int:pk>/zrm/", zrm.ZrmView.as_view(), name="zrm"),
    path("casussen/<int:pk>/zrm/nieuw/", zrm.ZrmNieuwView.as_view(), name="zrm_nieuw"),
]
