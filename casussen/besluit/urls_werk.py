"""Staff pages of the decision path, under /werk/ (namespace `casussen`)."""

from django.urls import URLPattern

werk_urlpatterns: list[URLPattern] = []
