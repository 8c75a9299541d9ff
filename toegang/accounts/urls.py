from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.ResidentLoginView.as_view(), name="login"),
    path("medewerker/inloggen/", views.StaffLoginView.as_view(), name="staff_login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("ingelogd/", views.landing, name="landing"),
    path("account/aanmaken/", views.register, name="register"),
    path("account/aanmaken/verstuurd/", views.register_sent, name="register_sent"),
    path("account/bevestigen/<str:token>/", views.activate, name="activate"),
    path("account/wachtwoord-vergeten/", views.InwonerPasswordResetView.as_view(),
         name="password_reset"),
    path("account/wachtwoord-vergeten/verstuurd/", views.InwonerPasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("account/wachtwoord-herstellen/<uidb64>/<token>/",
         views.InwonerPasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("account/wachtwoord-herstellen/klaar/", views.InwonerPasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
]
