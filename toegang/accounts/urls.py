from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.ResidentLoginView.as_view(), name="login"),
    path("medewerker/inloggen/", views.StaffLoginView.as_view(), name="staff_login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("ingelogd/", views.landing, name="landing"),
]
