"""Admin › Editions › Translations: the status board of an edition, languages × sections."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale, Page

from reports.models import AnnualReportPage
from reports.translation_status import board


def can_see_board(user, edition):
    """Staff who may edit the edition, and translators who may edit any of its translations."""
    if edition.permissions_for_user(user).can_edit():
        return True
    translations = Page.objects.filter(translation_key=edition.translation_key)
    return any(p.permissions_for_user(user).can_edit() for p in translations)


class TranslationBoardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/admin/translation_board.html"
    header_icon = "globe"

    def dispatch(self, request, *args, pk, **kwargs):
        self.edition = get_object_or_404(AnnualReportPage, pk=pk, locale=Locale.get_default())
        if not can_see_board(request.user, self.edition):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Translations of the {self.edition.year} edition"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("reports_editions:index"), "label": "Editions"},
            {"url": "", "label": f"{self.edition.year} translations"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(edition=self.edition, **board(self.edition))
        return context
