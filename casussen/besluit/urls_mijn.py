"""The resident's pages of the decision path, under /mijn/ (namespace `casussen_mijn`)."""

from django.urls import URLPattern, path

from . import views_mijn

mijn_urlpatterns: list[URLPattern] = [
    path("casussen/<int:pk>/verslag/<int:onderzoek_id>/", views_mijn.MijnVerslagView.as_view(),
         name="verslag"),
    path("casussen/<int:pk>/verslag/<int:onderzoek_id>/aanvragen/",
         views_mijn.MijnAanvraagView.as_view(), name="aanvraag"),
    path("casussen/<int:pk>/besluiten/", views_mijn.MijnBesluitenView.as_view(),
         name="besluiten"),
    path("casussen/<int:pk>/besluiten/<int:beschikking_id>/",
         views_mijn.MijnBesluitView.as_view(), name="besluit"),
    path("casussen/<int:pk>/besluiten/<int:beschikking_id>/brief.pdf",
         views_mijn.MijnBesluitBriefView.as_view(), name="besluit_brief"),
]
