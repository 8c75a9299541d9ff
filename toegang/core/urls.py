from django.urls import path
from django.views.generic import TemplateView

from . import views

app_name = "core"
urlpatterns = [
    path("", views.start, name="start"),
    path("health/", views.health, name="health"),
    # Kubernetes: liveness (the process answers) and readiness (database and broker answer).
    path("health/live/", views.health_live, name="health_live"),
    path("health/ready/", views.health_ready, name="health_ready"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("kwetsbaarheid-melden/", views.kwetsbaarheid, name="kwetsbaarheid"),
    # Public: what natura and a pgb mean, linked from the aanvraag and every decision.
    path("natura-of-pgb/", TemplateView.as_view(template_name="casussen/besluit/pgb_uitleg.html"),
         name="pgb_uitleg"),
]
