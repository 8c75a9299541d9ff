"""Pages about clocks (termijnen) for staff, under /werk/termijnen/ (issue 6)."""

from django.urls import path

from . import views

app_name = "termijnen"
urlpatterns = [
    path("", views.mijn_termijnen, name="mijn"),
    path("team/", views.team_termijnen, name="team"),
]

# The resident asks for a call-back on their own request, under /mijn/ (namespace
# `termijnen_mijn`, see toegang/urls.py).
mijn_urlpatterns = [
    path("aanvragen/<int:pk>/terugbellen/", views.TerugbellenView.as_view(), name="terugbellen"),
]
