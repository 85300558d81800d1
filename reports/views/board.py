"""The production board's own views: assigning several sections at once, confirming the
assignments carried over from last year, and the board as CSV for staff meetings."""

import csv

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from reports.assignments.board import board_rows
from reports.models import SectionAssignment
from reports.models.assignment_forms import (
    assignment_fields,
    initial_values,
    may_assign,
    save_assignment,
)
from reports.models.editions import edition_pages
from reports.views.admin import EditionMixin

FIELDS = ("group", "people", "due_date", "brief")


class SectionAssignmentForm(forms.Form):
    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.fields.update(assignment_fields())
        self.fields["due_date"].widget = forms.DateInput(attrs={"type": "date"})
        label = page.get_admin_display_title()
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = f"{field.label} for {label}"


class AssignMixin(EditionMixin):
    def dispatch(self, request, *args, **kwargs):
        if not may_assign(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AssignSectionsView(AssignMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every section's assignment in one form: saved all together, or not at all."""

    template_name = "reports/admin/assign_sections.html"
    header_icon = "group"

    def get_page_title(self):
        return f"Assign the {self.edition.year} sections"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("reports_editions:index"), "label": "Editions"},
            {
                "url": reverse("reports_editions:dashboard", args=[self.edition.pk]),
                "label": str(self.edition.year),
            },
            {"url": "", "label": "Assign sections"},
        ]

    def get_forms(self, data=None):
        pages = edition_pages(self.edition)[1:]  # the sections; the edition is staff's own
        assignments = {
            a.page_id: a
            for a in SectionAssignment.objects.filter(page__in=pages).prefetch_related("people")
        }
        return [
            SectionAssignmentForm(
                data,
                page=page,
                prefix=f"s{page.pk}",
                initial=initial_values(assignments.get(page.pk)),
            )
            for page in pages
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(edition=self.edition, forms=kwargs.get("forms") or self.get_forms())
        return context

    def post(self, request):
        section_forms = self.get_forms(request.POST)
        if not all(form.is_valid() for form in section_forms):
            messages.error(request, "Nothing was saved: correct the sections marked below.")
            return self.render_to_response(self.get_context_data(forms=section_forms))
        saved = 0
        with transaction.atomic():
            for form in section_forms:
                if form.has_changed():
                    values = {name: form.cleaned_data[name] for name in FIELDS}
                    save_assignment(form.page, values, request.user)
                    saved += 1
        messages.success(request, f"{saved} assignment{'s' if saved != 1 else ''} saved.")
        return self.dashboard()


class ConfirmAssignmentsView(AssignMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        pages = edition_pages(self.edition)
        count = SectionAssignment.objects.filter(page__in=pages, confirmed=False).update(
            confirmed=True
        )
        messages.success(request, f"{count} carried-over assignment(s) confirmed.")
        return self.dashboard()


def _cell(value):
    """A spreadsheet must not run a cell as a formula."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


class BoardCSVView(EditionMixin, View):
    """One row per page of the edition: the board, for staff meetings."""

    def get(self, request):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="edition-{self.edition.year}-board.csv"'
        )
        writer = csv.writer(response)
        writer.writerow(
            ["Section", "Assignee", "Due date", "State", "Days late", "Open comments", "Editor"]
        )
        base = request.build_absolute_uri("/").rstrip("/")
        for row in board_rows(self.edition):
            writer.writerow(
                [
                    _cell(row.version.title),
                    _cell(row.assignee),
                    row.due_date.isoformat() if row.due_date else "",
                    row.label,
                    row.days_late,
                    row.open_comments,
                    base + reverse("wagtailadmin_pages:edit", args=[row.page.pk]),
                ]
            )
        return response
