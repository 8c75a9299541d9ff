from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.ResidentLoginView.as_view(), name="login"),
    path("medewerker/inloggen/", views.StaffLoginView.as_view(), name="staff_login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("ingelogd/", views.landing, name="landing"),
    path("medewerker/tweestaps/", views.otp_verify, name="otp_verify"),
    path("medewerker/tweestaps/instellen/", views.otp_setup, name="otp_setup"),
    path("medewerker/tweestaps/reservecodes/", views.reservecodes_new, name="reservecodes"),
    # Before the admin's URLs (toegang/urls.py includes these first): its login page would
    # skip the second step, so it sends staff to theirs.
    path("beheer/login/", views.admin_login, name="admin_login"),
    path("account/", views.account, name="account"),
    path("account/overal-uitloggen/", views.logout_everywhere, name="logout_everywhere"),
    path("account/wachtwoord-wijzigen/", views.PasswordChangeView.as_view(),
         name="password_change"),
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
