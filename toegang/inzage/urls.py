"""The resident's own copy of everything stored about them (AVG inzage), under /mijn/."""

from django.urls import path

from . import views

app_name = "inzage"

urlpatterns = [
    path("mijn-gegevens/", views.inzage, name="inzage"),
    path("mijn-gegevens.pdf", views.inzage_pdf, name="pdf"),
    path("mijn-gegevens.json", views.inzage_json, name="json"),
]
