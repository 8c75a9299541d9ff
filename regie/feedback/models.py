"""What residents say after their casus closed: the invitation and the anonymous answer.

The two are kept apart on purpose. An invitation (`FeedbackUitnodiging`) belongs to a casus,
only so that nobody is asked twice and the link can be refused once it is used or expired.
An answer (`FeedbackAntwoord`) has no foreign key to the invitation, the casus, the intake or
any account: it holds the wijk and team copied from the invitation, the month, the date and
the answers. Answering marks the invitation `beantwoord` and creates the answer in the same
transaction, without a reference from one to the other, so no join leads from an answer back
to a person. The answer keeps a date, never a time, and the invitation never records when it
was answered: with both, a reader of the database could still pair them by the clock.
"""

import secrets
from datetime import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["FeedbackAntwoord", "FeedbackUitnodiging", "Geholpen", "JaNeeWeetNiet"]

OPMERKING_MAX = 1000


def nieuw_token() -> str:
    """A random key of 43 characters (32 bytes): the only thing the answer page asks for."""
    return secrets.token_urlsafe(32)


class JaNeeWeetNiet(models.TextChoices):
    JA = "ja", _("Ja")
    NEE = "nee", _("Nee")
    WEET_NIET = "weet_niet", _("Dat weet ik niet")


class Geholpen(models.TextChoices):
    JA = "ja", _("Ja")
    DEELS = "deels", _("Een beetje")
    NEE = "nee", _("Nee")


class FeedbackUitnodiging(models.Model):
    """The question to the resident of one closed casus to answer three short questions."""

    token = models.CharField(_("sleutel"), max_length=64, unique=True, default=nieuw_token,
                             editable=False)
    # Only to invite once per casus (and to delete the invitation when the casus is
    # anonymised); the answer never points back here.
    casus = models.OneToOneField("casussen.Casus", on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("casus"))
    # Copied when inviting: the answer is counted under these, whatever happens to the casus.
    wijk = models.ForeignKey("organisatie.Wijk", on_delete=models.PROTECT, null=True,
                             blank=True, related_name="+", verbose_name=_("wijk"))
    team = models.ForeignKey("organisatie.Team", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("team"))
    created_at = models.DateTimeField(_("uitgenodigd op"), default=timezone.now)
    verloopt_op = models.DateTimeField(_("verloopt op"))
    beantwoord = models.BooleanField(_("beantwoord"), default=False)

    class Meta:
        verbose_name = _("uitnodiging voor feedback")
        verbose_name_plural = _("uitnodigingen voor feedback")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"feedback casus {self.casus_id}"

    def is_verlopen(self, now: datetime | None = None) -> bool:
        return self.verloopt_op <= (now or timezone.now())


class FeedbackAntwoord(models.Model):
    """One resident's answers, without anything that leads back to them (see the module)."""

    wijk = models.ForeignKey("organisatie.Wijk", on_delete=models.PROTECT, null=True,
                             blank=True, related_name="+", verbose_name=_("wijk"))
    team = models.ForeignKey("organisatie.Team", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("team"))
    maand = models.DateField(_("maand"))  # the first day of the month of the answer
    verhaal_een_keer = models.CharField(
        _("hoefde het verhaal maar één keer te vertellen"), max_length=10,
        choices=JaNeeWeetNiet.choices)
    wist_contactpersoon = models.CharField(_("wist wie de contactpersoon was"), max_length=10,
                                           choices=JaNeeWeetNiet.choices)
    geholpen = models.CharField(_("is geholpen"), max_length=10, choices=Geholpen.choices)
    opmerking = models.TextField(_("opmerking"), max_length=OPMERKING_MAX, blank=True)
    # A date, not a moment (see the module).
    created_at = models.DateField(_("datum"), default=timezone.localdate)

    class Meta:
        verbose_name = _("antwoord op feedback")
        verbose_name_plural = _("antwoorden op feedback")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["maand", "wijk", "team"], name="feedback_maand_idx"),
            # The teamleider's page: the remarks of a team, newest first.
            models.Index(fields=["team", "-created_at", "-id"], name="feedback_opmerking_idx",
                         condition=~Q(opmerking="")),
        ]

    def __str__(self) -> str:
        return f"feedback {self.maand:%Y-%m} team {self.team_id}"
