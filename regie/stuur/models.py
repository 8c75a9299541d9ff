"""Summary tables for management information (stuurinformatie).

Rebuilt from the operational tables by a periodic Celery task; the dashboard reads only these
small tables, so it stays fast with a million intakes. They hold counts per month or week,
wijk, team and kind — never a person.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["StuurBericht", "StuurCaseload", "StuurCaseloadVerdeling", "StuurDelen",
           "StuurDoorlooptijd", "StuurInstroom", "StuurLevensgebied", "StuurSignalen",
           "StuurTermijn", "StuurToekenning", "StuurToestemming", "StuurUitstroom",
           "StuurVerversing", "StuurWachtend", "StuurWachttijd", "StuurZrm"]


class _Dimensies(models.Model):
    periode = models.DateField(_("periode"))  # the Monday of the week, or the 1st of the month
    wijk_id = models.BigIntegerField(_("wijk"), null=True)
    team_id = models.BigIntegerField(_("team"))

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.periode} wijk {self.wijk_id} team {self.team_id}"


class StuurInstroom(_Dimensies):
    """Intakes received per week, wijk, front-door team and channel. A week that crosses the
    start of a month has a row for each month, so months add up exactly."""

    maand = models.DateField(_("maand"))
    kanaal = models.CharField(_("kanaal"), max_length=10)
    aantal = models.PositiveIntegerField(_("aantal"))
    urgent = models.PositiveIntegerField(_("urgent"))

    class Meta:
        verbose_name = _("instroom (samenvatting)")
        indexes = [models.Index(fields=["maand", "wijk_id", "team_id"], name="stuur_in_idx")]


class StuurLevensgebied(_Dimensies):
    """Life areas named in the intakes received per week (and month, as StuurInstroom)."""

    maand = models.DateField(_("maand"))
    levensgebied = models.CharField(_("levensgebied"), max_length=40)
    aantal = models.PositiveIntegerField(_("aantal"))

    class Meta:
        verbose_name = _("levensgebieden (samenvatting)")
        indexes = [models.Index(fields=["maand", "wijk_id", "team_id"], name="stuur_lg_idx")]


class StuurDoorlooptijd(_Dimensies):
    """A histogram of lead times in days (per month of the intake), from which medians and
    90th percentiles are read without loading single cases."""

    class Maatstaf(models.TextChoices):
        EERSTE_CONTACT = "eerste_contact", _("aanvraag tot eerste contact")
        PLAN_AKKOORD = "plan_akkoord", _("aanvraag tot plan akkoord")
        GESLOTEN = "gesloten", _("aanvraag tot afsluiten")

    maatstaf = models.CharField(_("maatstaf"), max_length=16, choices=Maatstaf.choices)
    dagen = models.PositiveSmallIntegerField(_("dagen (ondergrens van de klasse)"))
    aantal = models.PositiveIntegerField(_("aantal"))

    class Meta:
        verbose_name = _("doorlooptijden (samenvatting)")
        indexes = [models.Index(fields=["maatstaf", "periode"], name="stuur_dl_idx")]


class StuurTermijn(_Dimensies):
    """Deadlines per month of their deadline: afgehandeld on time, late, still open and late,
    extended."""

    soort = models.CharField(_("soort"), max_length=20)
    op_tijd = models.PositiveIntegerField(_("op tijd"))
    te_laat = models.PositiveIntegerField(_("te laat afgehandeld"))
    open_te_laat = models.PositiveIntegerField(_("open en te laat"))
    verdaagd = models.PositiveIntegerField(_("verdaagd"))

    class Meta:
        verbose_name = _("termijnen (samenvatting)")
        indexes = [models.Index(fields=["periode", "soort"], name="stuur_tm_idx")]


class StuurSignalen(_Dimensies):
    """Escalations (AVE phase 3 or 4) and safety reports per month."""

    escalaties = models.PositiveIntegerField(_("escalaties (AVE 3+)"))
    veiligheidsmeldingen = models.PositiveIntegerField(_("veiligheidsmeldingen"))

    class Meta:
        verbose_name = _("signalen (samenvatting)")


class StuurZrm(_Dimensies):
    """Per closed case and domain: better, the same or worse between the first and the last
    professional assessment (per month of closing)."""

    domein = models.CharField(_("domein"), max_length=40)
    beter = models.PositiveIntegerField(_("beter"))
    gelijk = models.PositiveIntegerField(_("gelijk"))
    slechter = models.PositiveIntegerField(_("slechter"))

    class Meta:
        verbose_name = _("ZRM-voortgang (samenvatting)")


class StuurDelen(_Dimensies):
    """'Tell it once': cases whose one intake was read by teams of more than one wet."""

    casussen = models.PositiveIntegerField(_("casussen"))
    meerdere_wetten = models.PositiveIntegerField(_("met teams van meer dan één wet"))

    class Meta:
        verbose_name = _("één keer vertellen (samenvatting)")


class StuurToestemming(_Dimensies):
    """Consent questions and answers per wet (per month of the intake)."""

    wet = models.CharField(_("wet"), max_length=20)
    gevraagd = models.PositiveIntegerField(_("gevraagd"))
    gegeven = models.PositiveIntegerField(_("gegeven"))

    class Meta:
        verbose_name = _("toestemming (samenvatting)")


class StuurCaseload(models.Model):
    """Open caseload per team now: spread over the team's professionals, without names."""

    team_id = models.BigIntegerField(_("team"), unique=True)
    professionals = models.PositiveIntegerField(_("professionals"))
    open_casussen = models.PositiveIntegerField(_("open casussen"))
    mediaan_per_professional = models.PositiveIntegerField(_("mediaan per professional"))
    max_per_professional = models.PositiveIntegerField(_("hoogste per professional"))

    class Meta:
        verbose_name = _("caseload (samenvatting)")

    def __str__(self) -> str:
        return f"caseload team {self.team_id}"


class StuurCaseloadVerdeling(models.Model):
    """How many of a team's professionals are regiehouder of exactly `casussen` open cases now:
    the spread of the workload without a name or an id of a professional."""

    team_id = models.BigIntegerField(_("team"))
    casussen = models.PositiveIntegerField(_("open casussen per professional"))
    professionals = models.PositiveIntegerField(_("professionals"))

    class Meta:
        verbose_name = _("caseload per professional (verdeling)")
        indexes = [models.Index(fields=["team_id"], name="stuur_cv_idx")]

    def __str__(self) -> str:
        return f"team {self.team_id}: {self.professionals} x {self.casussen}"


class StuurWachtend(models.Model):
    """Intakes not picked up yet, now: a histogram of their waiting time in working days per
    front-door team and wijk."""

    team_id = models.BigIntegerField(_("team"))
    wijk_id = models.BigIntegerField(_("wijk"), null=True)
    werkdagen = models.PositiveSmallIntegerField(_("werkdagen (klasse)"))
    aantal = models.PositiveIntegerField(_("aantal"))

    class Meta:
        verbose_name = _("wachtende aanvragen (samenvatting)")
        indexes = [models.Index(fields=["team_id"], name="stuur_wa_idx")]

    def __str__(self) -> str:
        return f"wachtend team {self.team_id}: {self.aantal} x {self.werkdagen}"


class StuurToekenning(_Dimensies):
    """Granted product lines in force on the peildatum of the month (its last day; today for
    the current month), with their cost per month, per wijk, team of the casus, wet, product
    category, provider (none for a pgb or an amount of money) and delivery."""

    wet = models.CharField(_("wet"), max_length=20)
    productcategorie = models.CharField(_("productcategorie"), max_length=2)
    aanbieder_id = models.BigIntegerField(_("zorgaanbieder"), null=True)
    levering = models.CharField(_("levering"), max_length=8)
    aantal = models.PositiveIntegerField(_("lopende toekenningen"))
    kosten = models.DecimalField(_("kosten per maand"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("lopende toekenningen (samenvatting)")
        indexes = [models.Index(fields=["periode", "wet"], name="stuur_tk_idx")]


class StuurUitstroom(_Dimensies):
    """Granted product lines whose support ended in the month (their end date passed, or the
    decision was withdrawn), with the cost per month that stopped; a line replaced by a
    herziening continues in the new decision and is no outflow."""

    wet = models.CharField(_("wet"), max_length=20)
    aantal = models.PositiveIntegerField(_("beëindigde toekenningen"))
    kosten = models.DecimalField(_("kosten per maand"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("uitstroom uit toekenningen (samenvatting)")
        indexes = [models.Index(fields=["periode", "wet"], name="stuur_ui_idx")]


class StuurWachttijd(models.Model):
    """The waiting time providers report for their contracts in force now, per provider, wet
    and product category (about providers, not residents: no small-number protection)."""

    aanbieder_id = models.BigIntegerField(_("zorgaanbieder"))
    aanbieder_naam = models.CharField(_("naam van de zorgaanbieder"), max_length=150)
    wet = models.CharField(_("wet"), max_length=20)
    productcategorie = models.CharField(_("productcategorie"), max_length=2)
    contracten = models.PositiveIntegerField(_("contracten"))
    weken = models.PositiveSmallIntegerField(_("gemelde wachttijd (weken, de langste)"),
                                             null=True)
    gemeld_op = models.DateField(_("oudste melding"), null=True)

    class Meta:
        verbose_name = _("wachttijd van zorgaanbieders (samenvatting)")

    def __str__(self) -> str:
        return f"{self.aanbieder_naam} {self.wet} {self.productcategorie}: {self.weken}"


class StuurBericht(models.Model):
    """Messages with providers (iWmo/iJw) per week of writing or receiving, wijk, team, wet
    and kind, with how many heen messages had their retour within the 3 working days; and
    (kind `verzoek_antwoord`) the providers' requests per week received, answered within
    their 5 working days or not. Wijk and team are those of the casus (or of the request)
    the message is about; a message tied to neither has none."""

    class Soort(models.TextChoices):
        TOEWIJZING = "toewijzing", _("toewijzingen verstuurd (301)")
        ANTWOORD = "antwoord", _("antwoorden op verzoeken verstuurd (319)")
        RETOUR_UIT = "retour_uit", _("retouren verstuurd (306, 308, 316, 318)")
        START_STOP = "start_stop", _("start en stop zorg ontvangen (305, 307)")
        VERZOEK = "verzoek", _("verzoeken ontvangen (315, 317)")
        RETOUR_IN = "retour_in", _("retouren ontvangen (302, 320)")
        VERZOEK_ANTWOORD = "verzoek_antwoord", _("verzoeken beantwoord (301 of 319)")

    periode = models.DateField(_("week"))  # its Monday
    wijk_id = models.BigIntegerField(_("wijk"), null=True)
    team_id = models.BigIntegerField(_("team"), null=True)
    wet = models.CharField(_("wet"), max_length=20)
    soort = models.CharField(_("soort"), max_length=16, choices=Soort.choices)
    aantal = models.PositiveIntegerField(_("aantal"))
    # Heen messages and requests only: handled by their deadline, after it, or not yet while
    # it has passed. Those still within their deadline are in none of the three.
    op_tijd = models.PositiveIntegerField(_("op tijd"))
    te_laat = models.PositiveIntegerField(_("te laat"))
    open_te_laat = models.PositiveIntegerField(_("open en te laat"))

    class Meta:
        verbose_name = _("berichtenverkeer (samenvatting)")
        indexes = [models.Index(fields=["periode", "soort"], name="stuur_br_idx")]

    def __str__(self) -> str:
        return f"{self.soort} week {self.periode} team {self.team_id}: {self.aantal}"


class StuurVerversing(models.Model):
    """When the summary tables were last rebuilt, and how long it took."""

    gestart_op = models.DateTimeField(_("gestart op"))
    klaar_op = models.DateTimeField(_("klaar op"), null=True)
    duur_ms = models.PositiveIntegerField(_("duur (ms)"), null=True)
    rijen = models.PositiveIntegerField(_("rijen"), default=0)

    class Meta:
        verbose_name = _("verversing van de stuurinformatie")
        ordering = ["-gestart_op"]

    def __str__(self) -> str:
        return f"{self.gestart_op:%Y-%m-%d %H:%M}"
