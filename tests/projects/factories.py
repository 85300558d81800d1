"""Factories for project and working-group profiles, under the site's existing index pages.

Pages are created live with one published revision, as the admin and `load_edition` leave
them; pass `publish=False` for a page without revisions.
"""

import factory
import wagtail_factories
from django.utils.text import slugify

from projects.models import ProjectIndexPage, ProjectPage, WorkingGroupIndexPage, WorkingGroupPage


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page with a first published revision (`publish=False` to skip it)."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if create and extracted is not False:
            page.save_revision(log_action=False).publish(log_action=False)


class ProjectPageFactory(PublishedPageFactory):
    """Extra "get involved" channels: channels=[ProjectChannel(label=…, url=…)]."""

    class Meta:
        model = ProjectPage

    parent = factory.LazyFunction(ProjectIndexPage.objects.get)
    title = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    summary = factory.LazyAttribute(lambda page: f"{page.title} is an open source project.")
    website = factory.LazyAttribute(lambda page: f"https://{page.slug}.example.org/")
    repository = factory.LazyAttribute(lambda page: f"https://opendev.org/{page.slug}")
    licence = "Apache 2.0"
    status = ProjectPage.Status.PILOT


class WorkingGroupPageFactory(PublishedPageFactory):
    class Meta:
        model = WorkingGroupPage

    parent = factory.LazyFunction(WorkingGroupIndexPage.objects.get)
    title = factory.Sequence(lambda n: f"Working Group {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    summary = factory.LazyAttribute(lambda page: f"The {page.title} works in the open.")
    website = factory.LazyAttribute(lambda page: f"https://wiki.example.org/{page.slug}")
