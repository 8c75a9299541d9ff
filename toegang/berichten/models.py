from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .maskeren import adressen_maskeren


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

        return f"{self.onderwerp} → {adressen_maskeren(self.aan)}"


class EmailBijlage(models.Model):
    """A file sent with an outbox e-mail (an .ics invitation, say). Kept in the database with
    the e-mail, so a worker on any machine can send it; small by design (`email_queue` caps
    the total)."""

    email = models.ForeignKey(Email, on_delete=models.CASCADE, related_name="bijlagen",
                              verbose_name=_("e-mail"))
    naam = models.CharField(_("bestandsnaam"), max_length=120)
    mime = models.CharField(_("soort bestand"), max_length=120)
    inhoud = models.BinaryField(_("inhoud"))

    class Meta:
        verbose_name = _("bijlage bij een e-mail")
        verbose_name_plural = _("bijlagen bij e-mails")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.naam


class Printbatch(models.Model):
    """Letters printed together, as one PDF, by a functioneel beheerder. The PDF is made again
    from its letters on every download, so no copy of their content is kept in a file."""

    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    gemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, related_name="+",
                                     verbose_name=_("gemaakt door"))
    aantal = models.PositiveIntegerField(_("aantal brieven"))

    class Meta:
        verbose_name = _("printbatch")
        verbose_name_plural = _("printbatches")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Printbatch {self.pk} ({self.created_at:%Y-%m-%d %H:%M})"


class BriefStatus(models.TextChoices):
    WACHT = "wacht", _("wacht op printen")
    GEPRINT = "geprint", _("geprint")
    GEANNULEERD = "geannuleerd", _("geannuleerd")


class Brief(models.Model):
    """A letter on paper, for a resident who wants post. Waits in the print queue until a
    beheerder takes it into a Printbatch; its text never changes after it is queued."""

    aan_naam = models.CharField(_("naam"), max_length=200)
    straat = models.CharField(_("straat en huisnummer"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=7)
    woonplaats = models.CharField(_("woonplaats"), max_length=100)
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    tekst = models.TextField(_("tekst"))
    sleutel = models.CharField(_("sleutel"), max_length=120, unique=True,
                               help_text=_("Voorkomt dat dezelfde brief twee keer ontstaat."))
    status = models.CharField(_("status"), max_length=12, choices=BriefStatus.choices,
                              default=BriefStatus.WACHT)
    printbatch = models.ForeignKey(Printbatch, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="brieven", verbose_name=_("printbatch"))
    # Whose letter it is, for the access log when it is printed: plain ids (like the log's
    # own), because this layer knows neither the intake nor the resident's account.
    inwoner_id = models.BigIntegerField(_("inwoner-id"), null=True, blank=True)
    intake_id = models.BigIntegerField(_("intake-id"), null=True, blank=True)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    printed_at = models.DateTimeField(_("geprint op"), null=True, blank=True)

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        ordering = ["created_at", "id"]
        indexes = [
            # The print queue: what waits, oldest first (the batch and Diagnose read it).
            models.Index(fields=["created_at", "id"], name="brief_wacht_idx",
                         condition=models.Q(status="wacht")),
        ]

    def __str__(self) -> str:
        # No name or address: shown in logs and to the beheerder.
        return f"Brief {self.pk} ({self.get_status_display()})"

    @property
    def adresregels(self) -> tuple[str, str]:
        """The two address lines as on the envelope: the place in capitals, two spaces after
        the postcode (PostNL's advice for machine sorting)."""
        return self.straat, f"{self.postcode}  {self.woonplaats.upper()}"
