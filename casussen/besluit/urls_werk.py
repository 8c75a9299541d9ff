"""Staff pages of the decision path, under /werk/ (namespace `casussen`)."""

from django.urls import URLPattern, path

from . import views_werk as views

B = "casussen/<int:pk>/besluit/"
BESCHIKKING = B + "beschikkingen/<int:beschikking_id>/"

werk_urlpatterns: list[URLPattern] = [
    path(B, views.BesluitenView.as_view(), name="besluiten"),
    path(B + "onderzoek/nieuw/", views.OnderzoekNieuwView.as_view(), name="onderzoek_nieuw"),
    path(B + "onderzoek/<int:onderzoek_id>/", views.OnderzoekWijzigenView.as_view(),
         name="onderzoek_wijzigen"),
    path(B + "onderzoek/<int:onderzoek_id>/versturen/", views.VerslagVersturenView.as_view(),
         name="verslag_versturen"),
    path(B + "aanvraag/nieuw/", views.AanvraagNieuwView.as_view(), name="aanvraag_nieuw"),
    path(B + "beschikkingen/nieuw/", views.BeschikkingNieuwView.as_view(),
         name="beschikking_nieuw"),
    path(BESCHIKKING, views.BeschikkingView.as_view(), name="beschikking"),
    path(BESCHIKKING + "motivering/", views.MotiveringView.as_view(),
         name="beschikking_motivering"),
    path(BESCHIKKING + "producten/nieuw/", views.ToekenningNieuwView.as_view(),
         name="toekenning_nieuw"),
    path(BESCHIKKING + "producten/<int:toekenning_id>/weghalen/",
         views.ToekenningVerwijderenView.as_view(), name="toekenning_verwijderen"),
    path(BESCHIKKING + "nemen/", views.BeschikkingNemenView.as_view(), name="beschikking_nemen"),
    path(BESCHIKKING + "goedkeuren/", views.GoedkeurenView.as_view(),
         name="beschikking_goedkeuren"),
    path(BESCHIKKING + "afkeuren/", views.AfkeurenView.as_view(), name="beschikking_afkeuren"),
    path(BESCHIKKING + "herzien/", views.HerzienView.as_view(), name="beschikking_herzien"),
    path(BESCHIKKING + "intrekken/", views.IntrekkenView.as_view(),
         name="beschikking_intrekken"),
    path(BESCHIKKING + "bezwaar/nieuw/", views.BezwaarNieuwView.as_view(), name="bezwaar_nieuw"),
    path(BESCHIKKING + "bezwaar/<int:bezwaar_id>/beslissen/",
         views.BezwaarBeslissenView.as_view(), name="bezwaar_beslissen"),
    path("besluiten/goedkeuren/", views.besluiten_goedkeuren, name="besluiten_goedkeuren"),
]
