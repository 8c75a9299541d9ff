from typing import Any
from urllib.parse import urlencode, urlsplit

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import blokkade, services, tweestaps
from .forms import (
    InwonerPasswordResetForm,
    RegistratieForm,
    ResidentLoginForm,
    StaffLoginForm,
    TweestapsCodeForm,
)
from .models import AuthenticatedRequest, Rol, User
from .tokens import activation_token_read

LANDING = {
    Rol.INWONER: "intake:mijn",
    Rol.PROFESSIONAL: "casussen:werkvoorraad",
    Rol.TEAMLEIDER: "casussen:team",
    Rol.MANAGER: "regie:dashboard",
    Rol.BEHEERDER: "admin:index",
    Rol.PRIVACY: "intake:privacy_toegangslog",
    Rol.VERWIJZER: "verwijzing:lijst",
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

    def form_valid(self, form: Any) -> HttpResponse:
        blokkade.failures_clear(request=self.request, user=form.get_user())
        return super().form_valid(form)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        next_url = context.get(self.redirect_field_name) or ""
        context["digid_next"] = next_url or reverse("accounts:landing")
        context["koppelen"] = _is_claim_url(next_url)
        return context


class StaffLoginView(auth_views.LoginView):
    """The password; then the code (accounts:otp_verify) or, the first time, setting up the
    authenticator app. Until then the session reaches nothing else (TweestapsMiddleware)."""

    template_name = "accounts/login.html"
    authentication_form = StaffLoginForm
    redirect_authenticated_user = True
    extra_context = {"staff": True}

    def get_success_url(self) -> str:
        if not getattr(self.request.user, "is_medewerker", False):
            return super().get_success_url()  # a resident who is logged in already
        return _with_next(reverse("accounts:otp_verify"), super().get_success_url())


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's own login page would skip the second step: staff log in on theirs."""
    return redirect(_with_next(reverse("accounts:staff_login"),
                               _safe_next(request, request.GET.get("next"))
                               or reverse("admin:index")))


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


# --- Two-factor login for staff --------------------------------------------------------------


def _staff_only(request: HttpRequest) -> User:
    user = request.user
    if not user.is_authenticated or not user.is_medewerker:
        raise Http404
    return user


def _next_or_landing(request: HttpRequest) -> str:
    return (_safe_next(request, request.POST.get("next") or request.GET.get("next"))
            or reverse("accounts:landing"))


def _demo(device: TOTPDevice | None) -> dict[str, Any]:
    """Demo only (TOEGANG_DEMO_2FA_HINT): the code the app would show now."""
    if not settings.TOEGANG_DEMO_2FA_HINT or device is None:
        return {"demo": False}
    return {"demo": True, "demo_code": tweestaps.totp_code_now(device=device)}


def _second_step_done(request: HttpRequest, user: User, device: Device) -> None:
    django_otp.login(request, device)
    # A new session key for the session that now has full rights.
    request.session.cycle_key()
    blokkade.failures_clear(request=request, user=user)


def _code_refused(request: HttpRequest, user: User, form: TweestapsCodeForm,
                  wachten: bool) -> HttpResponse | None:
    """Count the failure; the lockout page when that was one too many."""
    if blokkade.code_failed(request=request, user=user):
        return blokkade.lockout_response(request)
    form.add_error("code", _("U heeft een paar keer een verkeerde code ingevuld. Wacht een "
                             "halve minuut en probeer het dan opnieuw.") if wachten else
                   _("Deze code klopt niet. Vul de code in die de app nu laat zien."))
    return None


@never_cache
@login_required(login_url="accounts:staff_login")
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Second step: the code from the authenticator app, or a backup code."""
    user = _staff_only(request)
    next_url = _next_or_landing(request)
    if user.is_verified():  # type: ignore[attr-defined]
        return redirect(next_url)
    if not tweestaps.tweestaps_configured(user=user):
        return redirect(_with_next(reverse("accounts:otp_setup"), next_url))
    form = TweestapsCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if blokkade.is_locked(request=request, user=user):
            return blokkade.lockout_response(request)
        if form.is_valid():
            result = tweestaps.tweestaps_verify(user=user,
                                                         code=form.cleaned_data["code"])
            if result.device is not None:
                _second_step_done(request, user, result.device)
                if isinstance(result.device, StaticDevice):
                    left = tweestaps.reservecodes_left(user=user)
                    messages.warning(request, ngettext(
                        "U heeft een reservecode gebruikt. U heeft nog %(n)d reservecode over.",
                        "U heeft een reservecode gebruikt. U heeft nog %(n)d reservecodes over.",
                        left) % {"n": left} + " " + _("Nieuwe maakt u bij Mijn account."))
                return redirect(next_url)
            locked = _code_refused(request, user, form, result.wachten)
            if locked is not None:
                return locked
    device = (TOTPDevice.objects.filter(user=user, confirmed=True).first()
              if settings.TOEGANG_DEMO_2FA_HINT else None)
    return render(request, "accounts/tweestaps.html",
                  {"form": form, "next": next_url, **_demo(device)},
                  status=400 if form.errors else 200)


@never_cache
@login_required(login_url="accounts:staff_login")
def otp_setup(request: HttpRequest) -> HttpResponse:
    """First login: connect an authenticator app (QR code or typed key), confirm with a code,
    and receive the backup codes."""
    user = _staff_only(request)
    next_url = _next_or_landing(request)
    if tweestaps.tweestaps_configured(user=user):
        return redirect(_with_next(reverse("accounts:otp_verify"), next_url))
    form = TweestapsCodeForm(request.POST if request.method == "POST" else None,
                             reservecode=False)
    if request.method == "POST":
        if blokkade.is_locked(request=request, user=user):
            return blokkade.lockout_response(request)
        if form.is_valid():
            result = tweestaps.totp_enrolment_confirm(user=user,
                                                               code=form.cleaned_data["code"])
            if result.device is not None:
                _second_step_done(request, user, result.device)
                codes = tweestaps.reservecodes_make(user=user)
                return render(request, "accounts/reservecodes.html",
                              {"codes": codes, "next": next_url, "nieuw": True})
            locked = _code_refused(request, user, form, result.wachten)
            if locked is not None:
                return locked
    device = tweestaps.totp_enrolment_start(user=user)
    return render(request, "accounts/tweestaps_instellen.html", {
        "form": form, "next": next_url,
        "qr_svg": tweestaps.totp_qr_svg(
            device=device, label=_("QR-code om te scannen met uw authenticator-app")),
        "secret": tweestaps.totp_secret_text(device=device),
        **_demo(device),
    }, status=400 if form.errors else 200)


@never_cache
@require_POST
def reservecodes_new(request: HttpRequest) -> HttpResponse:
    """A new set of backup codes, shown once; the old set stops working."""
    user = _staff_only(request)
    codes = tweestaps.reservecodes_make(user=user)
    return render(request, "accounts/reservecodes.html",
                  {"codes": codes, "next": reverse("accounts:account"), "nieuw": False})


# --- Own account: logging out everywhere, password -------------------------------------------


@never_cache
@login_required
def account(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    context: dict[str, Any] = {"wachtwoord": user.has_usable_password()}
    if user.is_medewerker:
        context["reservecodes"] = tweestaps.reservecodes_left(user=user)
    return render(request, "accounts/account.html", context)


@require_POST
@login_required
def logout_everywhere(request: AuthenticatedRequest) -> HttpResponse:
    """End every session of this account, on every device, this one included."""
    user = request.user
    login_url = "accounts:staff_login" if user.is_medewerker else "accounts:login"
    services.user_sessions_end(user=user)
    logout(request)
    messages.success(request, _("U bent uitgelogd op al uw apparaten."))
    return redirect(login_url)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change the password (the rules of AUTH_PASSWORD_VALIDATORS); other sessions end, this
    one stays."""

    template_name = "accounts/wachtwoord_wijzigen.html"
    success_url = reverse_lazy("accounts:account")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not request.user.has_usable_password():
            raise Http404  # a DigiD account has no password to change
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Uw wachtwoord is gewijzigd. Op andere apparaten "
                                         "bent u uitgelogd."))
        return response


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
