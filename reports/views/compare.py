"""Compare a section with its previous-edition counterpart, and carry last year's text over on
purpose: Wagtail's revision comparison, with last year's page as the earlier revision."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from wagtail.admin.views.pages.revisions import RevisionsCompareView
from wagtail.models import Page

from reports.carry_over import mark_carried_over
from reports.compare import as_last_published, counterpart, edition_of
from reports.models import SectionOrigin
from reports.views.admin import EditionMixin


class CompareWithPreviousView(RevisionsCompareView):
    """Every field and block of the section beside last year's, changed ones marked."""

    template_name = "reports/admin/compare_with_previous.html"

    def setup(self, request, page_id, *args, **kwargs):
        super().setup(request, page_id, "previous", "latest", *args, **kwargs)

    def get_object(self, queryset=None):
        page = super().get_object(queryset)  # refuses users who may not edit the section
        self.previous = counterpart(page)
        if self.previous is None:
            raise Http404("This page has no counterpart in the previous edition.")
        self.edition = edition_of(page)
        return page

    def get_page_title(self):
        return f"Compare with {self.edition.year - 1}"

    def _get_revision_and_heading(self, revision_id):
        if revision_id == "previous":
            version = as_last_published(self.previous, self.object)
            state = "published" if self.previous.live else "latest draft"
            return version, f"{self.edition.year - 1} ({state})"
        return self.object.get_latest_revision_as_object(), f"{self.edition.year} (latest draft)"

    def _get_comparison(self, revision_a, revision_b):
        panel = self.get_edit_handler().get_bound_panel(
            instance=self.object, request=self.request, form=None
        )
        return [comparison(revision_a, revision_b) for comparison in panel.get_comparison()]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["previous_page"] = self.previous
        context["changed_count"] = sum(1 for c in context["comparison"] if c.has_changed())
        return context


class CarryOverView(EditionMixin, View):
    """A Publisher's word that a section's unchanged text stays this year, or its withdrawal."""

    manage = True
    http_method_names = ["post"]

    def post(self, request, page_pk):
        page = get_object_or_404(Page.objects.descendant_of(self.edition), pk=page_pk)
        if not page.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        if not SectionOrigin.objects.filter(page=page).exists():
            raise Http404("This section was not copied from a previous edition.")
        carried_over = request.POST.get("carried_over") == "1"
        mark_carried_over(page, request.user, carried_over)
        title = page.get_admin_display_title()
        if carried_over:
            messages.success(request, f"“{title}” is carried over from last year on purpose.")
        else:
            messages.success(request, f"“{title}” must be updated again before publishing.")
        return redirect("reports_editions:dashboard", pk=self.edition.pk)
