from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.start, name="start"),
    path("health/", views.health, name="health"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("kwetsbaarheid-melden/", views.kwetsbaarheid, name="kwetsbaarheid"),
]
