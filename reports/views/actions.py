"""Whole-edition actions: each GET shows what would change; only a confirmed POST acts."""

from django.contrib import messages
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from reports.checks import check_edition
from reports.edition_plan import PUBLISH, UNPUBLISH, edition_plan
from reports.models import EditionRelease
from reports.publishing import (
    EditionChanged,
    EditionNotPublishable,
    publish_edition,
    unpublish_edition,
)
from reports.views.admin import EditionMixin

CONFIRM = "confirm"  # the field only the confirmation page's form sends


def pages(count, noun="page"):
    return f"{count} {noun}{'' if count == 1 else 's'}"


class Refused(Exception):
    """The action's own input is wrong: the confirmation page again, with this message."""

    def __init__(self, message, **context):
        super().__init__(message)
        self.context = context


class ConfirmedEditionAction(EditionMixin, WagtailAdminTemplateMixin, TemplateView):
    """The confirmation layout of Wagtail's unpublish and delete, for one edition-wide action."""

    manage = True
    template_name = "reports/admin/confirm_edition_action.html"
    header_icon = "doc-full-inverse"
    http_method_names = ["get", "post"]
    verb = ""  # "Publish", …: the page's title and its breadcrumb
    fingerprint_of = None  # PUBLISH or UNPUBLISH: a stale confirmation is refused
    confirm_label = ""
    cancel_label = "No, go back to the dashboard"
    serious = False
    mentions_release = True  # "A release is scheduled for …"

    def get_page_title(self):
        return f"{self.verb} edition {self.edition.year}"

    def get_breadcrumbs_items(self):
        dashboard = reverse("reports_editions:dashboard", args=[self.edition.pk])
        return [
            *self.breadcrumbs_items,
            {"url": reverse("reports_editions:index"), "label": "Editions"},
            {"url": dashboard, "label": str(self.edition.year)},
            {"url": "", "label": self.verb},
        ]

    @cached_property
    def plan(self):
        return edition_plan(self.edition)

    @cached_property
    def release(self):
        return EditionRelease.objects.filter(edition=self.edition, released_at__isnull=True).first()

    def problems(self):
        return []

    def refusal(self):
        """Why the action cannot act on the edition as it is now, or None."""
        return None

    def can_act(self):
        return self.refusal() is None

    def summary(self):
        raise NotImplementedError

    def groups(self):
        """(key, heading, pages, note when empty) for each list the page shows."""
        return [
            ("first_time", "To publish for the first time", self.plan.first_time),
            ("changed", "Live, with new changes to publish", self.plan.changed),
            ("unchanged", "Live and unchanged: left as they are", self.plan.unchanged),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            edition=self.edition,
            plan=self.plan,
            release=self.release if self.mentions_release else None,
            summary=self.summary(),
            problems=self.problems(),
            groups=self.groups(),
            can_act=self.can_act(),
            fingerprint=self.plan.fingerprint(self.fingerprint_of or PUBLISH),
            confirm_field=CONFIRM,
            confirm_label=self.confirm_label,
            cancel_label=self.cancel_label,
            serious=self.serious,
            dashboard_url=reverse("reports_editions:dashboard", args=[self.edition.pk]),
        )
        return context

    def refuse(self, message, status=400, **context):
        """Nothing done: the confirmation page again, with the reason."""
        messages.error(self.request, message)
        return self.render_to_response(self.get_context_data(**context), status=status)

    def post(self, request, *args, **kwargs):
        confirmation = request.POST.get(CONFIRM, "")
        if not confirmation:
            return self.refuse("Nothing was done: confirm on this page, after reading the list.")
        if refusal := self.refusal():
            return self.refuse(refusal, 409)
        if self.fingerprint_of and confirmation != self.plan.fingerprint(self.fingerprint_of):
            return self.stale()
        try:
            message = self.act(confirmation)
        except Refused as refusal:
            return self.refuse(str(refusal), **refusal.context)
        except EditionChanged:
            return self.stale()
        except EditionNotPublishable as error:
            count = pages(len(error.problems), "problem")
            return self.refuse(f"Nothing was published: {count} must be fixed first.", 409)
        messages.success(request, message)
        return self.dashboard()

    def stale(self):
        self.__dict__.pop("plan", None)
        return self.refuse(
            "Nothing was done: the edition changed while you were reading. "
            "Here is what would change now; confirm again.",
            status=409,
        )

    def act(self, confirmation):
        raise NotImplementedError


class PublishEditionView(ConfirmedEditionAction):
    verb = "Publish"
    fingerprint_of = PUBLISH

    @property
    def confirm_label(self):
        return f"Yes, publish {pages(len(self.plan.to_publish))}"

    @cached_property
    def _problems(self):
        return [p for p in check_edition(self.edition) if p.blocking]

    def problems(self):
        return self._problems

    def refusal(self):
        if not self.plan.to_publish:
            return "Nothing was published: every page is live as it is."
        if self._problems:
            return f"Nothing was published: {pages(len(self._problems), 'problem')} to fix first."
        return None

    def summary(self):
        count = len(self.plan.to_publish)
        if not count:
            return "Nothing to publish: every page of the edition is live as it is."
        if self._problems:
            return (
                "Nothing can be published until the check's problems are fixed "
                f"({pages(count)} waiting)."
            )
        return (
            f"Publishing puts {pages(count)} live together, in one step. No page is taken offline."
        )

    def act(self, confirmation):
        plan = self.plan
        published = publish_edition(self.edition, user=self.request.user, expected=confirmation)
        return (
            f"Edition {self.edition.year} is live: {pages(len(published))} published "
            f"({len(plan.first_time)} for the first time, {len(plan.changed)} with new changes; "
            f"{len(plan.unchanged)} unchanged)."
        )


class UnpublishEditionView(ConfirmedEditionAction):
    verb = "Unpublish"
    fingerprint_of = UNPUBLISH
    serious = True

    @property
    def confirm_label(self):
        return f"Yes, take {pages(len(self.plan.live))} offline"

    def refusal(self):
        return None if self.plan.live else "Nothing was taken offline: no page is live."

    def groups(self):
        live = {p.pk for p in self.plan.live}
        others = [p for p in self.plan.pages if p.pk not in live]
        return [
            ("offline", "To take offline", self.plan.live),
            ("not_live", "Not live: left as they are", others),
        ]

    def summary(self):
        if not self.plan.live:
            return "Nothing to unpublish: no page of the edition is live."
        return (
            f"Unpublishing takes {pages(len(self.plan.live))} offline together: visitors get "
            "“not found” for every page of the edition. Their content stays, as drafts."
        )

    def act(self, confirmation):
        offline = unpublish_edition(self.edition, user=self.request.user, expected=confirmation)
        return (
            f"Edition {self.edition.year} is offline: {pages(len(offline))} taken offline; "
            "their content stays as drafts."
        )
