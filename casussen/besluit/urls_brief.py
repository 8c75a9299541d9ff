"""The decision letter (PDF) for staff, under /werk/ (namespace `casussen`)."""

from django.urls import URLPattern, path

from . import views_brief

werk_urlpatterns: list[URLPattern] = [
    path("casussen/<int:pk>/besluiten/<int:beschikking_id>/brief.pdf",
         views_brief.BeschikkingBriefView.as_view(), name="beschikking_brief"),
]
