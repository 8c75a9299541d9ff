"""Object permissions on intakes (django-guardian, direct foreign keys)."""


from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from toegang.audit.models import Grond  # noqa: F401  (re-exported for the intake layer)

from .intake import Intake, Urgentie


def werkvoorraad_volgorde(*, urgentie: str, ingediend_op: datetime) -> int:
    """The queue's sort key: urgent intakes first, newest first; then the others, longest
    waiting first. Ascending order of this number is that order (ties: by id)."""
    microseconds = int(ingediend_op.timestamp() * 1_000_000)
    return -microseconds if urgentie == Urgentie.URGENT else microseconds


class _IntakeGrant(models.Model):
    """What the permission rows of an intake have in common.

    `in_werkvoorraad` and `volgorde` copy two facts of the intake (still open; its place in
    the queue) onto its permission rows, so a professional's queue is read from one partial
    index on these rows instead of from every intake their teams ever saw. They only narrow
    and order lists; access itself is decided by the gate, which ignores them.
    """

    content_object = models.ForeignKey(Intake, on_delete=models.CASCADE)
    grond = models.CharField(_("grondslag"), max_length=40)
    geldig_tot = models.DateTimeField(_("geldig tot"), null=True, blank=True)
    in_werkvoorraad = models.BooleanField(_("intake loopt nog"), default=True)
    volgorde = models.BigIntegerField(_("plaats in de werkvoorraad"), default=0)

    class Meta:
        abstract = True


class IntakeUserObjectPermission(_IntakeGrant, UserObjectPermissionBase):
    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("toegang van een medewerker tot een intake")
        verbose_name_plural = _("toegang van medewerkers tot intakes")
        indexes = [models.Index(fields=["user", "permission", "volgorde"],
                                include=["content_object", "geldig_tot"],
                                condition=models.Q(in_werkvoorraad=True),
                                name="intake_uperm_wachtrij_idx")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.permission_id} op intake {self.content_object_id}"


class IntakeGroupObjectPermission(_IntakeGrant, GroupObjectPermissionBase):
    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("toegang van een team tot een intake")
        verbose_name_plural = _("toegang van teams tot intakes")
        indexes = [models.Index(fields=["group", "permission", "volgorde"],
                                include=["content_object", "geldig_tot"],
                                condition=models.Q(in_werkvoorraad=True),
                                name="intake_gperm_wachtrij_idx")]

    def __str__(self) -> str:
        return f"{self.group_id}: {self.permission_id} op intake {self.content_object_id}"
