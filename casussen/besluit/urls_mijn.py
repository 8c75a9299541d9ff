"""The resident's pages of the decision path, under /mijn/ (namespace `casussen_mijn`)."""

from django.urls import URLPattern

mijn_urlpatterns: list[URLPattern] = []
