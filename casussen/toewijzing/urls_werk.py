"""Staff pages of the berichtenverkeer, under /werk/ (namespace `casussen`)."""

from django.urls import URLPattern, path

from . import views_werk as views

VERZOEK = "verzoeken/<int:verzoek_id>/"

werk_urlpatterns: list[URLPattern] = [
    path("casussen/<int:pk>/toewijzingen/", views.ToewijzingenView.as_view(),
         name="toewijzingen"),
    path("verzoeken/", views.verzoeken, name="verzoeken"),
    path(VERZOEK, views.VerzoekView.as_view(), name="verzoek"),
    path(VERZOEK + "toewijzen/", views.VerzoekToewijzenView.as_view(), name="verzoek_toewijzen"),
    path(VERZOEK + "onderzoeken/", views.VerzoekOnderzoekenView.as_view(),
         name="verzoek_onderzoeken"),
    path(VERZOEK + "afwijzen/", views.VerzoekAfwijzenView.as_view(), name="verzoek_afwijzen"),
]
