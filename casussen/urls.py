from django.urls import path

from . import views

app_name = "casussen"
urlpatterns = [
    path("", views.werkvoorraad, name="werkvoorraad"),
    path("team/", views.team, name="team"),
]
