from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notificatie(models.Model):
    """A message in a user's in-app inbox."""

    ontvanger = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notificaties", verbose_name=_("ontvanger"))
    soort = models.CharField(_("soort"), max_length=40)
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    tekst = models.TextField(_("tekst"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    # For people who want one e-mail a day: waits for the daily overview until mailed.
    voor_overzicht = models.BooleanField(_("in het dagelijkse overzicht"), default=False)
    gemaild_op = models.DateTimeField(_("gemaild op"), null=True, blank=True)

    class Meta:
        verbose_name = _("notificatie")
        verbose_name_plural = _("notificaties")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["ontvanger", "gelezen_op"], name="notif_inbox_idx"),
                   models.Index(fields=["ontvanger"], name="notif_overzicht_idx",
                                condition=models.Q(voor_overzicht=True,
                                                   gemaild_op__isnull=True))]

    def __str__(self) -> str:
        return self.onderwerp


class EmailStatus(models.TextChoices):
    WACHT = "wacht", _("wacht op verzending")
    VERZONDEN = "verzonden", _("verzonden")
    MISLUKT = "mislukt", _("mislukt, opgegeven")


class Email(models.Model):
    """An e-mail in the outbox. Stored before it is sent, so a broker or mail outage never
    loses it: a periodic scan sends what is due, with backoff after failures."""

    aan = models.EmailField(_("aan"))
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    tekst = models.TextField(_("tekst"))
    html = models.TextField(_("HTML"), blank=True)
    sleutel = models.CharField(_("sleutel"), max_length=120, unique=True, null=True, blank=True,
                               help_text=_("Voorkomt dat hetzelfde bericht twee keer ontstaat."))
    status = models.CharField(_("status"), max_length=12, choices=EmailStatus.choices,
                              default=EmailStatus.WACHT)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    volgende_poging_op = models.DateTimeField(_("volgende poging"))
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    laatste_fout = models.TextField(_("laatste fout"), blank=True)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["volgende_poging_op"], name="email_due_idx",
                         condition=models.Q(status="wacht")),
        ]

    def __str__(self) -> str:
        # Shown in the admin (and its logs): the address half hidden.
        from .maskeren import adressen_maskeren

        return f"{self.onderwerp} → {adressen_maskeren(self.aan)}"
