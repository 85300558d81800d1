"""Heartbeats of the long-running processes (background worker, release watcher), so that
readiness checks and alerts notice one that has stopped."""

from django.db import models
from django.utils import timezone


class Heartbeat(models.Model):
    """The last time a named process went round its loop; one row per process kind."""

    name = models.CharField(max_length=60, unique=True)
    beat_at = models.DateTimeField()
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        app_label = "base"

    def __str__(self):
        return f"{self.name} at {self.beat_at:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def beat(cls, name, detail=""):
        """Record that `name` is alive now (one UPDATE, or an INSERT the first time)."""
        cls.objects.update_or_create(
            name=name, defaults={"beat_at": timezone.now(), "detail": detail[:200]}
        )

    @classmethod
    def age(cls, name, now=None):
        """Seconds since `name` last beat, or None if it never did."""
        beat_at = cls.objects.filter(name=name).values_list("beat_at", flat=True).first()
        if beat_at is None:
            return None
        return ((now or timezone.now()) - beat_at).total_seconds()
