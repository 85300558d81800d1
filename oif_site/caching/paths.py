"""Which URLs show an object: its own addresses in every language, its edition and neighbours,
the listings, the profiles that list it; the one answer both caches are purged by."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, ReferenceIndex

from base.models import Announcement, DataLinksMixin, SiteSettings
from projects.models import ProfilePage
from reports.models import (
    AnnualReportPage,
    EditionPDF,
    LetterPage,
    Person,
    ProjectUpdatePage,
    TranslationCredit,
    WorkingGroupUpdatePage,
)


def in_every_language(name):
    """The address of a view under i18n_patterns in each configured language: /feeds/…,
    /ja/feeds/…"""
    paths = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.add(reverse(name))
    return paths


def language_variants(path):
    """An English address under every other language's prefix: there a translation lives, or
    the note that links to the English original (docs/translations.md)."""
    return {
        f"/{code}{path}" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    }


def listing_paths():
    """What lists pages site-wide: the feed (per language), the sitemap, the API's listings and
    the site's data (the home page and the archive are ancestors of every edition, so they
    come with it)."""
    return in_every_language("reports_feed") | {
        reverse(sitemap),
        reverse("wagtailapi:pages:listing"),
        reverse("wagtailapi:images:listing"),
        reverse("wagtailapi:documents:listing"),
        reverse("data_catalogue"),
        reverse("all_figures", args=["csv"]),
        reverse("all_figures", args=["json"]),
    }


# What every page shows (the banner, the footer): editing one purges everything.
SITE_WIDE = (SiteSettings, Announcement)


def in_the_banner(announcement):
    """Whether the site settings choose this announcement, or the one it translates."""
    return SiteSettings.objects.filter(
        announcement__translation_key=announcement.translation_key
    ).exists()


def site_paths():
    """Every public address, in every language: for what every page shows. An English page
    not translated into a language shows its note (with the banner) under that prefix."""
    paths = listing_paths() | {reverse("robots_txt")} | in_every_language("search")
    default = Locale.get_default().pk
    for page in Page.objects.live().specific():
        own = own_paths(page)
        paths |= own
        if page.locale_id == default:
            for path in [p for p in own if not p.startswith("/api/")]:
                paths |= language_variants(path)
    return paths


def path_of(page):
    parts = page.get_url_parts()
    return parts[2] if parts else None


def own_paths(page):
    """The page's address, its answer in the API, its PDF's if it is an edition, and its
    figures' downloads if it has any."""
    path = path_of(page)
    if path is None:
        return set()
    paths = {path, reverse("wagtailapi:pages:detail", args=[page.pk])}
    if isinstance(page, AnnualReportPage):
        paths.add(path + page.reverse_subpage("pdf"))
    if issubclass(page.specific_class or type(page), DataLinksMixin):
        paths |= {path + "figures.csv", path + "figures.json"}
    return paths


def edition_of(page):
    if isinstance(page, AnnualReportPage):
        return page
    return AnnualReportPage.objects.ancestor_of(page).first()


def neighbours(page, edition):
    """The sections just before and after the page in reading order, as readers see them:
    they link to it (published) or, now, to each other (unpublished, deleted)."""
    pages = list(
        Page.objects.descendant_of(edition)
        .live()
        .exclude(pk=page.pk)
        .order_by("path")
        .only("path", "url_path")
    )
    before = [p for p in pages if p.path < page.path]
    after = [p for p in pages if p.path > page.path and not p.path.startswith(page.path)]
    return before[-1:] + after[:1]


def profile_id_of(page):
    """The profile an update page shows (and that lists it)."""
    if isinstance(page, ProjectUpdatePage):
        return page.project_id
    if isinstance(page, WorkingGroupUpdatePage):
        return page.working_group_id
    return None


def page_paths(page):
    """Every address that shows this page: itself and its subtree (breadcrumbs, contents), its
    ancestors (the chapter lists it, the edition shows it, the archive and the home page list
    editions), its edition's PDF, the sections before and after it, the profile it updates,
    every edition page (their year switch) for an edition, the updates and their editions for
    a profile, the feed and the sitemap; and the same in every language."""
    page = page.specific
    paths = own_paths(page) | listing_paths()
    ancestors = Page.objects.ancestor_of(page).filter(depth__gt=1).specific(defer=True)
    subtree = [page, *Page.objects.descendant_of(page).specific()]
    for other in [*ancestors, *subtree]:
        paths |= own_paths(other)
    # Their translations list them as alternates (hreflang, switcher): an edition released or
    # withdrawn changes what every section's translations list. Where one is not translated,
    # each language's address shows a note linking to it.
    translations = (
        Page.objects.filter(translation_key__in={p.translation_key for p in subtree})
        .exclude(pk__in=[p.pk for p in subtree])
        .specific(defer=True)
    )
    for other in translations:
        paths |= own_paths(other)
    if page.locale_id == Locale.get_default().pk:
        for other in subtree:
            for path in [p for p in own_paths(other) if not p.startswith("/api/")]:
                paths |= language_variants(path)
    edition = edition_of(page)
    if edition is not None and edition.pk != page.pk:
        paths |= own_paths(edition)
        for other in neighbours(page, edition):
            paths |= own_paths(other)
    if isinstance(page, AnnualReportPage):
        for other in AnnualReportPage.objects.exclude(pk=page.pk):
            paths |= own_paths(other)
    profiles = {profile_id_of(section) for section in subtree} - {None}
    for profile in Page.objects.filter(pk__in=profiles):
        paths |= own_paths(profile)
    if isinstance(page, ProfilePage):
        for update in page.updates.all():
            paths |= own_paths(update)
            update_edition = edition_of(update)
            if update_edition is not None:
                paths |= own_paths(update_edition)
    return paths


def person_paths(person):
    """A Person signs letters: the letters and everything that shows them."""
    paths = set()
    for letter in LetterPage.objects.filter(signatory=person):
        paths |= page_paths(letter)
    return paths


def image_paths(image):
    """Every object that uses the image (Wagtail's reference index): pages, and the site
    settings' sharing image, which every page shows."""
    paths = set()
    for source, _references in ReferenceIndex.get_grouped_references_to(image):
        paths |= paths_for(source)
    return paths


def paths_for(obj):
    """The one answer to "which URLs show this object"."""
    if isinstance(obj, Page):
        return page_paths(obj)
    if isinstance(obj, Person):
        return person_paths(obj)
    if isinstance(obj, Announcement) and not in_the_banner(obj):
        return set()  # written ahead, or no longer chosen: no page shows it
    if isinstance(obj, SITE_WIDE):
        # The announcement or any of its translations: every page, in every language.
        return site_paths()
    if isinstance(obj, get_image_model()):
        return image_paths(obj)
    if isinstance(obj, PageViewRestriction):
        # Made private or public again: everything that shows the page and its subtree.
        page = Page.objects.filter(pk=obj.page_id).first()
        return page_paths(page) if page is not None else set()
    if isinstance(obj, TranslationCredit):
        # Shown on its translated edition's page (and the cover of its PDF).
        return own_paths(obj.edition)
    if isinstance(obj, EditionPDF):
        # The edition page shows the PDF's size; nothing else changes.
        return own_paths(obj.edition) if obj.edition_id else set()
    return set()
