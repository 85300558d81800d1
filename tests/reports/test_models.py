"""Where each page type may live, and what an edition's year must be."""

from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from oif_site.models import HomePage
from projects.models import ProjectIndexPage, ProjectPage, WorkingGroupIndexPage, WorkingGroupPage
from reports.models import (
    AnnualReportIndexPage,
    AnnualReportPage,
    ChapterPage,
    EventPage,
    GeneralSectionPage,
    LetterPage,
    ProjectUpdatePage,
    WorkingGroupUpdatePage,
)
from tests.reports.factories import AnnualReportPageFactory, EventPageFactory

SECTIONS = {
    LetterPage,
    ChapterPage,
    ProjectUpdatePage,
    WorkingGroupUpdatePage,
    EventPage,
    GeneralSectionPage,
}


class PageTreeTests(WagtailPageTestCase):
    def test_home_holds_the_archive_and_the_profile_indexes(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage, {AnnualReportIndexPage, ProjectIndexPage, WorkingGroupIndexPage}
        )

    def test_editions_live_in_the_archive_and_hold_sections(self):
        self.assertAllowedParentPageTypes(AnnualReportPage, {AnnualReportIndexPage})
        self.assertAllowedSubpageTypes(AnnualReportIndexPage, {AnnualReportPage})
        self.assertAllowedSubpageTypes(AnnualReportPage, SECTIONS)

    def test_chapters_group_sections_but_not_chapters(self):
        self.assertAllowedSubpageTypes(ChapterPage, SECTIONS - {ChapterPage})
        self.assertAllowedParentPageTypes(ChapterPage, {AnnualReportPage})

    def test_general_sections_may_group_subsections(self):
        self.assertAllowedSubpageTypes(GeneralSectionPage, {GeneralSectionPage})
        self.assertAllowedParentPageTypes(
            GeneralSectionPage, {AnnualReportPage, ChapterPage, GeneralSectionPage}
        )

    def test_other_sections_have_no_children(self):
        for model in (LetterPage, ProjectUpdatePage, WorkingGroupUpdatePage, EventPage):
            self.assertAllowedSubpageTypes(model, set())
            self.assertAllowedParentPageTypes(model, {AnnualReportPage, ChapterPage})

    def test_profiles_live_under_their_index(self):
        self.assertAllowedParentPageTypes(ProjectPage, {ProjectIndexPage})
        self.assertAllowedParentPageTypes(WorkingGroupPage, {WorkingGroupIndexPage})
        self.assertAllowedSubpageTypes(ProjectPage, set())

    def test_every_page_type_renders(self):
        for url in (
            "/",
            "/annual-reports/",
            "/annual-reports/2020/",
            "/projects/",
            "/projects/zuul/",
        ):
            self.assertEqual(self.client.get(url).status_code, 200, url)
        self.assertPageIsRenderable(AnnualReportPage.objects.get(year=2020))
        self.assertPageIsRenderable(EventPage.objects.first())


class EditionYearTests(WagtailPageTestCase):
    def test_the_year_is_the_slug(self):
        edition = AnnualReportPageFactory(year=2041, slug="something-else")
        edition.full_clean()
        self.assertEqual(edition.slug, "2041")
        self.assertEqual(edition.url, "/annual-reports/2041/")

    def test_a_year_has_one_edition(self):
        index = AnnualReportIndexPage.objects.get()
        duplicate = AnnualReportPage(title="Another 2020", year=2020)
        with self.assertRaises(ValidationError) as raised:
            index.add_child(instance=duplicate)
        self.assertIn("year", raised.exception.message_dict)

    def test_the_year_is_a_plausible_year(self):
        for year in (1999, 2101):
            with self.assertRaises(ValidationError) as raised:
                AnnualReportPage(title="Odd", year=year, depth=4, path="0001").full_clean()
            self.assertIn("year", raised.exception.message_dict)

    def test_an_event_cannot_end_before_it_starts(self):
        import datetime

        event = EventPageFactory(start_date=datetime.date(2020, 10, 23))
        event.end_date = datetime.date(2020, 10, 19)
        with self.assertRaises(ValidationError) as raised:
            event.full_clean()
        self.assertIn("end_date", raised.exception.message_dict)
