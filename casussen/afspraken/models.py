"""An appointment with the resident and what happened to it.

An appointment is planned by a professional of the casus, answered by the resident (confirm,
or ask for another time), moved or cancelled by the professional, and finally recorded as
held (with its outcome) or as missed. Every step is an `AfspraakGebeurtenis`: the timeline
reads those, so it shows when the time changed and who did what.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Casus


class AfspraakSoort(models.TextChoices):
    KEUKENTAFEL = "keukentafelgesprek", _("keukentafelgesprek")
    HUISBEZOEK = "huisbezoek", _("huisbezoek")
    GESPREK = "gesprek", _("gesprek")


class AfspraakStatus(models.TextChoices):
    GEPLAND = "gepland", _("gepland, wacht op de inwoner")
    BEVESTIGD = "bevestigd", _("bevestigd door de inwoner")
    ANDERE_TIJD = "andere_tijd", _("de inwoner vraagt een andere tijd")
    GEANNULEERD = "geannuleerd", _("geannuleerd")
    GEHOUDEN = "gehouden", _("gehouden")
    NIET_GEKOMEN = "niet_gekomen", _("niet doorgegaan")


# An appointment that still lies ahead and can be answered, moved or cancelled.
LOPEND = (AfspraakStatus.GEPLAND, AfspraakStatus.BEVESTIGD, AfspraakStatus.ANDERE_TIJD)


class Afspraak(models.Model):
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="afspraken",
                              verbose_name=_("casus"))
    soort = models.CharField(_("soort afspraak"), max_length=20, choices=AfspraakSoort.choices)
    start = models.DateTimeField(_("begint om"))
    duur_minuten = models.PositiveSmallIntegerField(_("duur in minuten"), default=60)
    bij_inwoner_thuis = models.BooleanField(_("bij de inwoner thuis"), default=True)
    plaats = models.CharField(_("plaats"), max_length=300, blank=True)
    deelnemers = models.CharField(_("wie komen er"), max_length=300)
    tolk_nodig = models.BooleanField(_("tolk nodig"), default=False)
    tolk_taal = models.CharField(_("taal van de tolk"), max_length=100, blank=True)
    toelichting = models.TextField(_("toelichting voor de inwoner"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=AfspraakStatus.choices,
                              default=AfspraakStatus.GEPLAND)
    # The SEQUENCE of the calendar file: one higher with every change sent to the resident.
    volgnummer = models.PositiveIntegerField(_("volgnummer"), default=0)
    vraag_inwoner = models.TextField(_("vraag van de inwoner"), blank=True)
    uitkomst = models.TextField(_("uitkomst"), blank=True)
    herinnering_op = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)
    gepland_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("gepland door"))
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["start", "id"]
        indexes = [
            # The reminder scan: appointments still ahead that had no reminder yet.
            models.Index(fields=["start"], name="afspraak_herinnering_idx",
                         condition=Q(status__in=["gepland", "bevestigd"],
                                     herinnering_op__isnull=True)),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(bij_inwoner_thuis=True) | ~Q(plaats=""),
                                   name="afspraak_thuis_of_plaats"),
            models.CheckConstraint(condition=Q(duur_minuten__gte=15) & Q(duur_minuten__lte=480),
                                   name="afspraak_duur_redelijk"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {timezone.localtime(self.start):%d-%m-%Y %H:%M}"

    @property
    def einde(self) -> datetime:
        return self.start + timedelta(minutes=self.duur_minuten)

    @property
    def is_lopend(self) -> bool:
        return self.status in LOPEND

    @property
    def is_voorbij(self) -> bool:
        return self.start <= timezone.now()


class AfspraakGebeurtenis(models.Model):
    class Soort(models.TextChoices):
        GEPLAND = "gepland", _("afspraak gepland")
        VERZET = "verzet", _("afspraak verzet")
        BEVESTIGD = "bevestigd", _("afspraak bevestigd door de inwoner")
        ANDERE_TIJD = "andere_tijd", _("de inwoner vraagt een andere tijd")
        GEANNULEERD = "geannuleerd", _("afspraak geannuleerd")
        GEHOUDEN = "gehouden", _("afspraak gehouden")
        NIET_GEKOMEN = "niet_gekomen", _("afspraak niet doorgegaan")
        HERINNERD = "herinnerd", _("herinnering verstuurd")

    afspraak = models.ForeignKey(Afspraak, on_delete=models.CASCADE,
                                 related_name="gebeurtenissen")
    soort = models.CharField(max_length=20, choices=Soort.choices)
    tijdstip = models.DateTimeField(default=timezone.now)
    start = models.DateTimeField(_("afspraak om"))  # the appointment's time at that moment
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="+")
    tekst = models.TextField(blank=True)

    class Meta:
        verbose_name = _("gebeurtenis van een afspraak")
        verbose_name_plural = _("gebeurtenissen van afspraken")
        ordering = ["tijdstip", "id"]

    def __str__(self) -> str:
        return f"{self.afspraak_id}: {self.soort}"
