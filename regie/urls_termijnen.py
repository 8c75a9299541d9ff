"""Pages about clocks (termijnen) for staff, under /werk/termijnen/ (issue 6)."""

from django.urls import path

from . import views_termijnen

app_name = "termijnen"
urlpatterns = [
    path("", views_termijnen.mijn_termijnen, name="mijn"),
    path("team/", views_termijnen.team_termijnen, name="team"),
]
