from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """The last time a Celery worker ran the heartbeat task; shown by /health/."""

    hostname = models.CharField(_("host"), max_length=255, unique=True)
    last_seen = models.DateTimeField(_("laatst gezien"))

    class Meta:
        verbose_name = _("werker-hartslag")
        verbose_name_plural = _("werker-hartslagen")

    def __str__(self) -> str:
        return f"{self.hostname} @ {self.last_seen:%Y-%m-%d %H:%M:%S}"
