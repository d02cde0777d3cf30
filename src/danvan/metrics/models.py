"""Stored figures of a unit's subtree (rollups), see ``danvan.metrics.rollups``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RollupStamp(models.Model):
    """The latest change of one kind under a unit's subtree: a random stamp drawn again by every
    write that changes what the channel names (a model's rows, or one field of them that metrics
    read through), for the unit holding the row and each unit above it."""

    path = models.CharField(_("unit path"), max_length=255)
    channel = models.CharField(_("channel"), max_length=100)
    stamp = models.BigIntegerField(_("stamp"))

    class Meta:
        verbose_name = _("rollup stamp")
        verbose_name_plural = _("rollup stamps")
        constraints = [
            models.UniqueConstraint(fields=["path", "channel"], name="metrics_rollupstamp_path_channel")
        ]

    def __str__(self) -> str:
        return f"{self.path} {self.channel}: {self.stamp}"


class Rollup(models.Model):
    """One figure of a unit's subtree as computed from the rows on a day, under the stamps of the
    channels it reads as they were when the computation began (folded into one number): valid
    while they and the day still hold."""

    path = models.CharField(_("unit path"), max_length=255)
    key = models.CharField(_("figure"), max_length=255)
    stamp = models.BigIntegerField(_("stamp"))
    computed_on = models.DateField(_("computed on"))
    value = models.JSONField(_("value"))

    class Meta:
        verbose_name = _("rollup")
        verbose_name_plural = _("rollups")
        constraints = [models.UniqueConstraint(fields=["path", "key"], name="metrics_rollup_path_key")]

    def __str__(self) -> str:
        return f"{self.path} {self.key}"
