"""The edition dashboard: every section's state and problems, and the whole-edition actions."""

import datetime
import functools

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Locale

from reports.assignments.filters import board_context
from reports.carry_over import origins_of
from reports.checks import check_edition
from reports.edition_plan import edition_plan
from reports.models import AnnualReportIndexPage, AnnualReportPage, EditionRelease, ReviewLink
from reports.next_edition import start_next_edition
from reports.publishing import edition_states


def can_view(user, edition):
    return edition.permissions_for_user(user).can_edit()


def can_manage(user, edition):
    """Publishers: publish, schedule, unpublish, review links, the next edition."""
    return edition.permissions_for_user(user).can_publish()


class ReviewLinkForm(forms.Form):
    label = forms.CharField(max_length=120, required=False, help_text="Who the link is for.")
    valid_days = forms.IntegerField(min_value=1, max_value=30, initial=7, label="Valid for (days)")


class EditionIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/admin/edition_index.html"
    page_title = "Editions"
    header_icon = "doc-full-inverse"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": "Editions"}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        editions = AnnualReportPage.objects.order_by("-year")
        context["editions"] = [e for e in editions if can_view(self.request.user, e)]
        return context

    def dispatch(self, request, *args, **kwargs):
        if not any(can_view(request.user, e) for e in AnnualReportPage.objects.all()):
            index = AnnualReportIndexPage.objects.first()
            if not (index and index.permissions_for_user(request.user).can_edit()):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class EditionMixin:
    """Loads the edition and refuses users without the right to see (or act on) it."""

    manage = False

    def dispatch(self, request, *args, pk, **kwargs):
        self.edition = get_object_or_404(AnnualReportPage, pk=pk)
        allowed = can_manage if self.manage else can_view
        if not allowed(request.user, self.edition):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def dashboard(self):
        return redirect("reports_editions:dashboard", pk=self.edition.pk)


class EditionDashboardView(EditionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/admin/edition_dashboard.html"
    header_icon = "doc-full-inverse"

    def get_page_title(self):
        return f"Edition {self.edition.year}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("reports_editions:index"), "label": "Editions"},
            {"url": "", "label": str(self.edition.year)},
        ]

    @cached_property
    def states(self):
        return edition_states(self.edition)

    def get_header_buttons(self):
        """The whole-edition actions, at the top where staff look; each asks before it acts."""
        if not can_manage(self.request.user, self.edition):
            return []
        plan = edition_plan(self.edition, pages=[state.page for state in self.states])
        release = EditionRelease.objects.filter(edition=self.edition, released_at__isnull=True)
        url = functools.partial(reverse, args=[self.edition.pk])
        buttons = []
        if plan.to_publish:
            count = len(plan.to_publish)
            label = (
                f"Publish {count} change{'' if count == 1 else 's'}"
                if self.edition.live
                else "Publish edition"
            )
            buttons.append(HeaderButton(label, url("reports_editions:publish"), icon_name="upload"))
        if release.exists():
            buttons.append(
                HeaderButton("Cancel the release", url("reports_editions:cancel_release"))
            )
        elif plan.to_publish:
            schedule = url("reports_editions:schedule")
            buttons.append(HeaderButton("Schedule the release", schedule, icon_name="time"))
        if plan.live:
            buttons.append(HeaderButton("Unpublish edition", url("reports_editions:unpublish")))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        board = board_context(self.request, self.edition)
        problems = check_edition(self.edition)
        by_page = {}
        for problem in problems:
            by_page.setdefault(problem.page.pk, []).append(problem)
        origins = origins_of([row.page for row in board["all_rows"]])
        for row in board["all_rows"]:
            row.problems = by_page.get(row.page.pk, [])
            row.origin = origins.get(row.page.pk)
        context.update(
            **board,
            edition=self.edition,
            problems=problems,
            blocking=[p for p in problems if p.blocking],
            unchanged=[p for p in problems if p.kind == "unchanged"],
            can_manage=can_manage(self.request.user, self.edition),
            release=EditionRelease.objects.filter(edition=self.edition).first(),
            review_link_form=kwargs.get("review_link_form") or ReviewLinkForm(),
            review_links=self.edition.review_links.all(),
            new_review_url=self.request.session.pop(f"review-link-{self.edition.pk}", None),
            next_year_exists=AnnualReportPage.objects.filter(
                year=self.edition.year + 1, locale_id=self.edition.locale_id
            ).exists(),
        )
        return context


class EditionPreviewView(EditionMixin, View):
    """The whole edition as it will look once published, drafts included and marked."""

    def get(self, request):
        edition = self.edition.get_latest_revision_as_object()
        return edition.make_preview_request(request, edition.default_preview_mode)


class ActionView(EditionMixin, View):
    manage = True
    http_method_names = ["post"]


class CreateReviewLinkView(ActionView):
    def post(self, request):
        form = ReviewLinkForm(request.POST)
        if not form.is_valid():
            messages.error(request, f"No link created: {form.errors.as_text()}")
            return self.dashboard()
        expires_at = timezone.now() + datetime.timedelta(days=form.cleaned_data["valid_days"])
        _link, token = ReviewLink.create(
            self.edition, user=request.user, expires_at=expires_at, label=form.cleaned_data["label"]
        )
        url = request.build_absolute_uri(reverse("review_edition", args=[token]))
        request.session[f"review-link-{self.edition.pk}"] = url  # shown once, on the dashboard
        messages.success(request, "Review link created. Copy it now: it is shown only once.")
        return self.dashboard()


class RevokeReviewLinkView(ActionView):
    def post(self, request, link_pk):
        link = self.edition.review_links.filter(pk=link_pk).first()
        if link is None:
            raise Http404
        if not link.revoked_at:
            link.revoked_at = timezone.now()
            link.save(update_fields=["revoked_at"])
        messages.success(request, "The review link no longer works.")
        return self.dashboard()


class StartNextEditionView(ActionView):
    def post(self, request):
        index = self.edition.get_parent()
        if not index.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        if self.edition.locale_id != Locale.get_default().pk:
            messages.error(
                request, "Start the next edition from the English one: translate it then."
            )
            return self.dashboard()
        try:
            new = start_next_edition(self.edition, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.dashboard()
        messages.success(
            request, f"The {new.year} edition is ready as drafts, copied from {self.edition.year}."
        )
        return redirect("reports_editions:dashboard", pk=new.pk)
