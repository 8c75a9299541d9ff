"""The one gate for a provider's request (Verzoek). "Not found" and "not allowed" look the
same: both raise 404.

A request is for a team (the one responsible for the resident): its members may read and
answer it. Whoever may see the casus it belongs to may read it too, and answer it when they
may change that casus.
"""

from django.http import Http404

from intake.models import Grond
from toegang.accounts.models import Rol, User
from toegang.core.beveiliging import GEEN_RECHT, VERKEERDE_ROL, Geweigerd

from ..permissions import CasusActie, casus_access, casus_may
from .models import Verzoek
from .selectors import verzoek_in_team

CASEWORK = (Rol.PROFESSIONAL, Rol.TEAMLEIDER)


def verzoek_access(*, user: User, verzoek_id: int,
                   action: CasusActie = CasusActie.VIEW) -> Verzoek:
    """Return the request if `user` may perform `action` on it, else raise Http404
    (`Geweigerd`). The returned object carries `grond` (the basis, for the access log) and
    `in_team` (the user belongs to the team it is for)."""
    def weiger(reden: str = GEEN_RECHT) -> Geweigerd:
        return Geweigerd(reden=reden, object_type="verzoek", object_id=verzoek_id,
                         model=Verzoek, actie=str(action))

    if not user.is_authenticated or not user.is_active:
        raise weiger()
    if user.rol not in CASEWORK:
        raise weiger(VERKEERDE_ROL)
    verzoek = (Verzoek.objects.filter(pk=verzoek_id)
               .select_related("aanbieder", "intake", "casus", "product", "termijn",
                               "beschikking", "antwoord", "bericht", "team",
                               "beantwoord_door")
               .annotate(in_team=verzoek_in_team(user=user)).first())
    if verzoek is None:
        raise weiger()
    grond = ""
    if verzoek.casus_id is not None:
        try:
            grond = str(casus_access(user=user, casus_id=verzoek.casus_id,
                                     action=action).grond)  # type: ignore[attr-defined]
        except Http404:
            grond = ""
    if not grond and verzoek.in_team:
        grond = str(Grond.ROUTERING)  # the request was sent to the user's team
    if not grond:
        raise weiger()
    verzoek.grond = grond  # type: ignore[attr-defined]
    return verzoek


def verzoek_may(*, user: User, verzoek: Verzoek, action: CasusActie) -> bool:
    """For a request the gate let through: whether `action` is allowed too (to show or hide
    the answer's buttons), with at most one EXISTS."""
    if getattr(verzoek, "in_team", False):
        return True
    return verzoek.casus_id is not None and casus_may(user=user, casus_id=verzoek.casus_id,
                                                      action=action)
