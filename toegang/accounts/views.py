from typing import Any
from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from . import services
from .forms import InwonerPasswordResetForm, RegistratieForm, ResidentLoginForm, StaffLoginForm
from .models import AuthenticatedRequest, Rol, User
from .tokens import activation_token_read

LANDING = {
    Rol.INWONER: "intake:mijn",
    Rol.PROFESSIONAL: "casussen:werkvoorraad",
    Rol.TEAMLEIDER: "casussen:team",
    Rol.MANAGER: "regie:dashboard",
    Rol.BEHEERDER: "admin:index",
    Rol.PRIVACY: "intake:privacy_toegangslog",
}


def _safe_next(request: HttpRequest, value: str | None) -> str:
    """`value` when it is a path on this site, otherwise empty."""
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()},
                                                 require_https=request.is_secure()):
        return value
    return ""


def _is_claim_url(url: str) -> bool:
    try:
        return resolve(urlsplit(url).path).view_name == "intake:mijn_koppelen"
    except Resolver404:
        return False


def _login_url(next_url: str) -> str:
    url = reverse("accounts:login")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class ResidentLoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = ResidentLoginForm
    redirect_authenticated_user = True
    extra_context = {"staff": False}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        next_url = context.get(self.redirect_field_name) or ""
        context["digid_next"] = next_url or reverse("accounts:landing")
        context["koppelen"] = _is_claim_url(next_url)
        return context


class StaffLoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = StaffLoginForm
    redirect_authenticated_user = True
    extra_context = {"staff": True}


@login_required
def landing(request: AuthenticatedRequest) -> HttpResponse:
    """Send each role to where its work starts."""
    return redirect(LANDING[Rol(request.user.rol)])


# --- Residents without DigiD ---------------------------------------------------------------------


def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:landing")
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    form = RegistratieForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.inwoner_register(voornaam=data["voornaam"], achternaam=data["achternaam"],
                                      email=data["email"], password=data["password1"],
                                      next_url=next_url)
        except ValidationError as exc:
            # The form checks the same rules first; this is the service's last word.
            form.add_error(None, ValidationError(exc.messages))
        else:
            return redirect("accounts:register_sent")
    return render(request, "accounts/registreren.html", {"form": form, "next": next_url},
                  status=400 if form.errors else 200)


def register_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/registreren_verstuurd.html")


def activate(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the confirmation e-mail: a button switches the account on."""
    read = activation_token_read(token=token)
    if read is None or not (read.user.is_active or read.fingerprint_matches):
        return render(request, "accounts/activeren_ongeldig.html", status=404)
    if request.method == "POST":
        try:
            activering = services.inwoner_activate(token=token)
        except ValidationError:
            return render(request, "accounts/activeren_ongeldig.html", status=404)
        if not activering.al_actief:
            messages.success(request, _("Uw account is klaar. Log in met uw e-mailadres en "
                                        "wachtwoord."))
        return redirect(_login_url(_safe_next(request, activering.next_url)))
    return render(request, "accounts/activeren.html", {
        "al_actief": read.user.is_active,
        "login_url": _login_url(_safe_next(request, read.next_url)),
    })


class InwonerPasswordResetView(auth_views.PasswordResetView):
    form_class = InwonerPasswordResetForm
    template_name = "accounts/wachtwoord_vergeten.html"
    success_url = reverse_lazy("accounts:password_reset_done")


class InwonerPasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/wachtwoord_vergeten_verstuurd.html"


class InwonerPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/wachtwoord_nieuw.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def get_user(self, uidb64: str) -> User | None:
        user = super().get_user(uidb64)
        # Only residents reset their own password; staff go through the beheerder.
        return user if user is not None and user.rol == Rol.INWONER else None


class InwonerPasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/wachtwoord_klaar.html"
