"""Pages about clocks (termijnen) for staff, under /werk/termijnen/ (issue 6)."""

from django.urls import URLPattern

app_name = "termijnen"
urlpatterns: list[URLPattern] = []
