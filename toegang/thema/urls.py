from django.urls import path

from . import views

app_name = "thema"
urlpatterns = [
    path("thema.css", views.thema_css, name="css"),
    path("thema/<str:versie>.css", views.thema_css_versie, name="css_versie"),
    path("thema/<str:veld>/<str:versie>", views.thema_bestand, name="bestand"),
]
