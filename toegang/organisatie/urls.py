from django.urls import path

from . import views

app_name = "organisatie"
urlpatterns = [
    # Public: "Welk wijkteam hoort bij mij?" with ?postcode=…
    path("wijkteam/", views.wijkteam, name="wijkteam"),
]
