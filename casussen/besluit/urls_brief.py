"""The decision letter (PDF) for staff, under /werk/ (namespace `casussen`)."""

from django.urls import URLPattern

werk_urlpatterns: list[URLPattern] = []
