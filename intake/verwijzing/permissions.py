"""The gate of the referrer's portal: a referrer's account with its profile, and only the
referrals it sent itself. Missing and forbidden give the same 404."""

from toegang.accounts.models import Rol, User
from toegang.core.beveiliging import GEEN_RECHT, VERKEERDE_ROL, Geweigerd

from ..models import Verwijzer, Verwijzing
from .selectors import verwijzer_of


def verwijzer_access(*, user: User) -> Verwijzer:
    """The referrer profile behind a referrer's account; 404 for every other account."""
    verwijzer = verwijzer_of(user=user) if user.rol == Rol.VERWIJZER else None
    if verwijzer is None:
        raise Geweigerd(reden=VERKEERDE_ROL)
    return verwijzer


def verwijzing_access(*, verwijzer: Verwijzer, verwijzing_id: int) -> Verwijzing:
    """A referral this referrer sent (with its intake's reference, status and urgency only);
    404 for one it did not send or that does not exist."""
    found = (Verwijzing.objects.filter(verwijzer=verwijzer, pk=verwijzing_id)
             .select_related("intake")
             .only("id", "created_at", "verwijzer_id", "intake", "intake__referentie",
                   "intake__status", "intake__urgentie", "intake__ingediend_op")
             .first())
    if found is None:
        raise Geweigerd(reden=GEEN_RECHT, object_type="verwijzing", object_id=verwijzing_id,
                        model=Verwijzing)
    return found
