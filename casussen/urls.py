from django.urls import path

from .views import casus, werkvoorraad

app_name = "casussen"
urlpatterns = [
    path("", werkvoorraad.werkvoorraad, name="werkvoorraad"),
    path("team/", werkvoorraad.team, name="team"),
    path("casussen/<int:pk>/", casus.CasusDetailView.as_view(), name="detail"),
]
