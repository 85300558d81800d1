"""The home page: the top of the site, showing the latest edition, the archive and projects."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from base.models import BasePage
from projects.models import ProjectPage
from reports.models import AnnualReportPage


class HomePage(BasePage):
    template = "oif_site/home_page.html"
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
