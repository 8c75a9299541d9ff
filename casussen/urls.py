from django.urls import path

from .views import werkvoorraad

app_name = "casussen"
urlpatterns = [
    path("", werkvoorraad.werkvoorraad, name="werkvoorraad"),
    path("team/", werkvoorraad.team, name="team"),
]
