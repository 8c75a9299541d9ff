"""The resident's answer page under /mijn/feedback/ (namespace `feedback_mijn`, no login) and
the teamleider's remarks under /werk/team/feedback/ (namespace `feedback`); both included in
toegang/urls.py."""

from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("", views.opmerkingen, name="opmerkingen"),
]

mijn_urlpatterns = [
    path("feedback/<str:token>/", views.antwoorden, name="antwoorden"),
]
