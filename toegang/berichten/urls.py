"""The in-app inbox and message settings, under /berichten/ (issue 6)."""

from django.urls import path

from . import views

app_name = "berichten"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:notificatie_id>/gelezen/", views.openen, name="openen"),
    path("alles-gelezen/", views.alles_gelezen, name="alles_gelezen"),
    path("instellingen/", views.instellingen, name="instellingen"),
]
