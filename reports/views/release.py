"""Scheduling an edition's release and cancelling it: confirmed edition actions that change no
page now; the worker (`release_editions --watch`) publishes the edition at the chosen time."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import cached_property

from reports.checks import check_edition
from reports.models import EditionRelease
from reports.views.actions import ConfirmedEditionAction, Refused, pages


class ScheduleForm(forms.Form):
    release_at = forms.DateTimeField(
        label="Go live at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="In the site's time zone, to the minute.",
    )

    def clean_release_at(self):
        value = self.cleaned_data["release_at"]
        if value <= timezone.now():
            raise ValidationError("Choose a time in the future.")
        return value.replace(second=0, microsecond=0)


class ScheduleEditionView(ConfirmedEditionAction):
    verb = "Schedule the release of"
    confirm_label = "Yes, schedule the release"

    def get_page_title(self):
        return f"Schedule the release of edition {self.edition.year}"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items()[:-1], {"url": "", "label": "Schedule"}]

    @cached_property
    def _problems(self):
        return [p for p in check_edition(self.edition) if p.blocking]

    def problems(self):
        return self._problems

    def refusal(self):
        return None if self.plan.to_publish else "Not scheduled: there is nothing to publish."

    def summary(self):
        count = len(self.plan.to_publish)
        if not count:
            return "Nothing to release: every page of the edition is live as it is."
        text = (
            f"At the time you choose, {pages(count)} go live together (as the edition is now; "
            "changes made until then go live too)."
        )
        if self._problems:
            text += " The check's problems below must be fixed by then, or nothing is released."
        if self.release:
            at = timezone.localtime(self.release.release_at)
            text += f" This replaces the release at {at:%Y-%m-%d %H:%M}."
        return text

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ScheduleForm())
        return super().get_context_data(**kwargs)

    def act(self, confirmation):
        form = ScheduleForm(self.request.POST)
        if not form.is_valid():
            raise Refused("Not scheduled: correct the time below.", form=form)
        release_at = form.cleaned_data["release_at"]
        EditionRelease.objects.update_or_create(
            edition=self.edition,
            defaults={
                "release_at": release_at,
                "scheduled_by": self.request.user,
                "scheduled_at": timezone.now(),
                "released_at": None,
                "failure": "",
            },
        )
        return (
            f"Edition {self.edition.year} goes live at "
            f"{timezone.localtime(release_at):%Y-%m-%d %H:%M}: "
            f"{pages(len(self.plan.to_publish))} to publish then, as it stands now."
        )


class CancelReleaseView(ConfirmedEditionAction):
    verb = "Cancel the release of"
    confirm_label = "Yes, cancel the release"
    cancel_label = "No, keep the release"
    serious = True
    mentions_release = False

    def get_page_title(self):
        return f"Cancel the release of edition {self.edition.year}"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items()[:-1], {"url": "", "label": "Cancel release"}]

    def refusal(self):
        return None if self.release else "Nothing was cancelled: no release is scheduled."

    def groups(self):
        return [
            ("first_time", "Would have been published for the first time", self.plan.first_time),
            ("changed", "Would have had their new changes published", self.plan.changed),
        ]

    def summary(self):
        if self.release is None:
            return "No release is scheduled."
        at = timezone.localtime(self.release.release_at)
        return (
            f"The edition is scheduled to go live at {at:%Y-%m-%d %H:%M}. Cancelling changes no "
            f"page: the {pages(len(self.plan.to_publish))} below stay as they are until someone "
            "publishes or schedules the edition again."
        )

    def act(self, confirmation):
        at = timezone.localtime(self.release.release_at)
        EditionRelease.objects.filter(pk=self.release.pk, released_at__isnull=True).delete()
        return (
            f"Edition {self.edition.year}: the release at {at:%Y-%m-%d %H:%M} is cancelled; "
            "no page was touched (0 pages published or taken offline)."
        )
