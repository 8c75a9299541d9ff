"""The in-app inbox and message settings, under /berichten/ (issue 6)."""

from django.urls import URLPattern

app_name = "berichten"
urlpatterns: list[URLPattern] = []
