"""The home page: the top of the site, showing the latest edition, the archive and projects.
Each language has its own (a translation of the English one): the root of that language's tree."""

from django.conf import settings
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import translation
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail.url_routing import RouteResult

from base.models import BasePage
from base.queries import public
from projects.models import ProjectPage
from reports.models import AnnualReportPage


class HomePage(BasePage):
    template = "oif_site/home_page.html"
    untranslated_template = "oif_site/untranslated.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "reports.AnnualReportIndexPage",
        "projects.ProjectIndexPage",
        "projects.WorkingGroupIndexPage",
    ]
    max_count = 1

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        editions = list(
            AnnualReportPage.objects.live().public().descendant_of(self).order_by("-year")
        )
        context["latest_edition"] = editions[0] if editions else None
        context["editions"] = editions
        context["projects"] = (
            ProjectPage.objects.live().public().descendant_of(self).order_by("title")
        )
        return context

    def route(self, request, path_components):
        """Under a language's prefix, a page not translated (yet) into it shows a note that
        links to the English original, instead of a 404 or the source under the wrong language."""
        try:
            result = super().route(request, path_components)
        except Http404:
            result = None
        language = translation.get_language()
        if language and language != settings.LANGUAGE_CODE:
            page = result.page if result else None
            active = Locale.get_active()
            if page is None or page.alias_of_id or page.locale_id != active.pk:
                original, readable = self._original(request, path_components)
                if readable:
                    return RouteResult(self, kwargs={"untranslated": original})
                if original is not None and page is None:
                    # A private original answers with its own password form, as it does
                    # where nothing of the site is translated, never with the note.
                    return RouteResult(original)
        if result is None:
            raise Http404
        return result

    def _original(self, request, path_components):
        """(the English page at this address if it is live, whether anyone may read it): the
        note links only to a page readers can follow the link to."""
        source_home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
        if source_home is None:
            return None, False
        try:
            page = super(HomePage, source_home).route(request, path_components).page
        except Http404:
            return None, False
        if not page.live:  # routing's own check, kept here whatever a page's route does
            return None, False
        return page, public(Page.objects.filter(pk=page.pk)).exists()

    def serve(self, request, *args, untranslated=None, **kwargs):
        if untranslated is None:
            return super().serve(request, *args, **kwargs)
        language = translation.get_language()
        response = TemplateResponse(
            request,
            self.untranslated_template,
            {
                "original": untranslated,
                "original_url": untranslated.get_url(request),
                "language_name": dict(settings.WAGTAIL_CONTENT_LANGUAGES).get(language, language),
            },
        )
        response.headers["X-Robots-Tag"] = "noindex"
        return response
