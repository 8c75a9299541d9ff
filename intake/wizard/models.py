"""Drafts of the online intake: saved after every step, turned into the one Intake when sent."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..models import Intake, Kanaal, _bijlage_pad, private_storage


class IntakeConcept(models.Model):
    """A resident's unfinished online intake, saved after every step so nothing is lost.

    Found through the session, the resident's account, or a resume link whose token is
    stored only as a hash. Removed 30 days after the last change (retention job).
    """

    token_hash = models.CharField(_("hash van de hervatcode"), max_length=64, unique=True)
    sleutel = models.UUIDField(_("indiensleutel"), default=uuid.uuid4, unique=True)
    inwoner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True,
                                blank=True, related_name="intake_concepten")
    gegevens = models.JSONField(_("antwoorden per stap"), default=dict)
    voltooid = models.JSONField(_("afgeronde stappen"), default=list)
    intake = models.OneToOneField(Intake, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="concept")
    # A professional filing the request for the resident (phone, desk, home visit, referral).
    ingevoerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                       null=True, blank=True, related_name="+",
                                       verbose_name=_("ingevoerd door medewerker"))
    kanaal = models.CharField(_("kanaal"), max_length=10, choices=Kanaal.choices,
                              default=Kanaal.ONLINE)
    created_at = models.DateTimeField(_("begonnen op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("laatst bewaard"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("concept-aanvraag")
        verbose_name_plural = _("concept-aanvragen")

    def __str__(self) -> str:
        return f"concept {self.pk}"

    @property
    def is_verstuurd(self) -> bool:
        return self.intake_id is not None


class ConceptBijlage(models.Model):
    """A file added to a draft; becomes a Bijlage of the intake when it is sent."""

    concept = models.ForeignKey(IntakeConcept, on_delete=models.CASCADE,
                                related_name="bijlagen")
    bestand = models.FileField(_("bestand"), upload_to=_bijlage_pad, storage=private_storage,
                               max_length=200)
    naam = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("soort bestand"), max_length=50)
    grootte = models.PositiveIntegerField(_("grootte in bytes"))
    sha256 = models.CharField(_("controlegetal"), max_length=64)
    created_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bijlage bij een concept")
        verbose_name_plural = _("bijlagen bij concepten")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.naam
