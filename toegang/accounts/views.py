from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .forms import ResidentLoginForm, StaffLoginForm
from .models import AuthenticatedRequest, Rol

LANDING = {
    Rol.INWONER: "intake:mijn",
    Rol.PROFESSIONAL: "casussen:werkvoorraad",
    Rol.TEAMLEIDER: "casussen:team",
    Rol.MANAGER: "regie:dashboard",
    Rol.BEHEERDER: "admin:index",
    Rol.PRIVACY: "intake:privacy_toegangslog",
}


class ResidentLoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = ResidentLoginForm
    redirect_authenticated_user = True
    extra_context = {"staff": False}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        next_url = context.get(self.redirect_field_name) or ""
        context["digid_next"] = next_url or reverse("accounts:landing")
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
