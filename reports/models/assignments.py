"""Who writes each section, by when, and what staff expect: production data, never public.

An assignment is not page content: it lives beside the page, outside its revisions, so the
dashboard and the page editor change it at once, whatever state the page is in.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone


class SectionAssignment(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="assignment"
    )
    group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="section_assignments",
        help_text="A project team, a working group, Events…",
    )
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="section_assignments"
    )
    due_date = models.DateField(null=True, blank=True)
    brief = models.TextField(
        blank=True,
        max_length=1000,
        help_text="What staff expect, e.g. 300-600 words; three headline figures; one photo.",
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed = models.BooleanField(
        default=True,
        help_text="Carried over from last year's edition: waits for a Publisher to confirm it.",
    )

    class Meta:
        ordering = ["page__path"]

    def __str__(self):
        return f"Assignment of page {self.page_id}"

    def assignee_label(self):
        names = [p.get_full_name() or p.get_username() for p in self.people.all()]
        if self.group_id:
            names.insert(0, self.group.name)
        return ", ".join(names)

    def recipients(self):
        """Everyone the assignment names, directly or through its group, who has an address."""
        users = {u.pk: u for u in self.people.filter(is_active=True)}
        if self.group_id:
            users.update({u.pk: u for u in self.group.user_set.filter(is_active=True)})
        return [u for u in users.values() if u.email]


class ReminderLog(models.Model):
    """One reminder e-mailed to one person for one section on one day: never two."""

    assignment = models.ForeignKey(
        SectionAssignment, on_delete=models.CASCADE, related_name="reminders"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=[("before", "Before"), ("overdue", "Overdue")])
    due_date = models.DateField()
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "user", "sent_on"], name="one_reminder_a_day"
            )
        ]

    def __str__(self):
        return f"Reminder ({self.kind}) to user {self.user_id} on {self.sent_on}"


class DigestLog(models.Model):
    """The Publishers' daily digest: what it covered, so the next one starts there."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    covered_until = models.DateTimeField()
    entries = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "sent_on"], name="one_digest_a_day")]

    def __str__(self):
        return f"Digest to user {self.user_id} on {self.sent_on}"


class ProductionEmailSettings(models.Model):
    """A person's choice of production e-mails (Account › Notifications)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="production_emails"
    )
    reminders = models.BooleanField(
        default=True, help_text="Before a section of yours is due, and daily once it is late."
    )
    digest = models.BooleanField(
        default=True, help_text="Publishers: a daily digest of what changed in the editions."
    )

    def __str__(self):
        return f"Production e-mails of user {self.user_id}"

    @classmethod
    def wants(cls, user, kind):
        settings_row = cls.objects.filter(user=user).first()
        return getattr(settings_row, kind) if settings_row else True
