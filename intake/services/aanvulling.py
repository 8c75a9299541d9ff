"""Adding information and files to an intake: appended, never overwriting."""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from toegang.accounts.models import User
from toegang.audit.models import Actie
from toegang.audit.services import toegangslog_write
from toegang.core.uploads import GecontroleerdBestand, upload_check

from ..models import (
    Aanvulling,
    Bijlage,
    Intake,
)

# --- Adding information ----------------------------------------------------------------------
from .inwoner import is_resident_of


def _bijlagen_check(*, intake: Intake, uploads: list[UploadedFile]
                    ) -> list[GecontroleerdBestand]:
    """Count and content of every file before anything is stored, so a refused file leaves
    no half-written addition and no orphan file behind."""
    if Bijlage.objects.filter(intake=intake).count() + len(uploads) \
            > settings.BIJLAGEN_MAX_AANTAL:
        raise ValidationError(_("U kunt bij één aanvraag maximaal %(n)s bestanden meesturen.")
                              % {"n": settings.BIJLAGEN_MAX_AANTAL}, code="te_veel")
    return [upload_check(upload) for upload in uploads]


def _bijlage_store(*, user: User, intake: Intake, upload: UploadedFile,
                   checked: GecontroleerdBestand, aanvulling: Aanvulling | None) -> Bijlage:
    bijlage = Bijlage(intake=intake, aanvulling=aanvulling, naam=checked.naam,
                      content_type=checked.content_type, grootte=checked.grootte,
                      sha256=checked.sha256, toegevoegd_door=user)
    # The storage name is random (`_bijlage_pad`); nothing the resident sent is in the path.
    bijlage.bestand.save("bijlage", upload, save=False)
    bijlage.save()
    return bijlage


@transaction.atomic
def aanvulling_add(*, user: User, intake: Intake, tekst: str, grond: str,
                   bestanden: Iterable[UploadedFile] = (),
                   request: HttpRequest | None = None) -> Aanvulling:
    """Append information to an intake; earlier answers are never overwritten."""
    tekst = tekst.strip()
    files = list(bestanden)
    if not tekst and not files:
        raise ValidationError(_("Schrijf iets op of kies een bestand."), code="leeg")
    checked = _bijlagen_check(intake=intake, uploads=files)
    aanvulling = Aanvulling.objects.create(intake=intake, tekst=tekst, toegevoegd_door=user,
                                           namens_inwoner=not is_resident_of(user, intake))
    for upload, controle in zip(files, checked, strict=True):
        _bijlage_store(user=user, intake=intake, upload=upload, checked=controle,
                       aanvulling=aanvulling)
    toegangslog_write(user=user, actie=Actie.AANVULLEN, grond=grond, object_type="aanvulling",
                      object_id=aanvulling.pk, intake_id=intake.pk, inwoner_id=intake.inwoner_id,
                      request=request)
    return aanvulling

