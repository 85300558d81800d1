"""What staff decide about an edition as a whole: when it goes live, who may read its draft."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


class EditionRelease(models.Model):
    """A go-live time for a whole edition; `release_editions` publishes it at that minute."""

    edition = models.OneToOneField(
        "reports.AnnualReportPage", on_delete=models.CASCADE, related_name="release"
    )
    release_at = models.DateTimeField(db_index=True)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    scheduled_at = models.DateTimeField(default=timezone.now)
    released_at = models.DateTimeField(null=True, blank=True)
    failure = models.TextField(blank=True, help_text="Why the last attempt did not publish.")

    class Meta:
        ordering = ["release_at"]

    def __str__(self):
        return f"{self.edition} at {self.release_at:%Y-%m-%d %H:%M %Z}"

    @property
    def pending(self):
        return self.released_at is None


class ReviewLinkQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ReviewLink(models.Model):
    """Read-only access to an edition's draft for someone without an account.

    Only a hash of the token is stored: the link is shown once, when it is created."""

    edition = models.ForeignKey(
        "reports.AnnualReportPage", on_delete=models.CASCADE, related_name="review_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=120, blank=True, help_text="Who the link is for.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ReviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Review link for {self.edition} ({self.label or 'no label'})"

    @staticmethod
    def hash(token):
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def create(cls, edition, *, user, expires_at, label=""):
        """Returns (link, token); the token is never stored and cannot be shown again."""
        token = secrets.token_urlsafe(32)
        link = cls.objects.create(
            edition=edition,
            token_hash=cls.hash(token),
            label=label,
            created_by=user,
            expires_at=expires_at,
        )
        return link, token

    @classmethod
    def find(cls, token, now=None):
        if not token or len(token) > 100:
            return None
        return (
            cls.objects.usable(now)
            .select_related("edition")
            .filter(token_hash=cls.hash(token))
            .first()
        )

    @property
    def state(self):
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "active"
