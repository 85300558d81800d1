"""Translators: each language's group edits that language's pages only, submits them for
review, and a translated edition is published whole, like the source."""

import pytest
from wagtail.models import Locale, Page

from reports.publishing import EditionNotPublishable, publish_edition
from reports.roles import setup_roles, translators_name
from tests.reports.conftest import make_user

# The Japanese 2020 edition is loaded once for the module (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("japanese_2020")]


@pytest.fixture
def ja(ja_2020):
    return ja_2020


@pytest.fixture
def ko(ja):
    """A Korean copy of the edition page, so that Korean has a page tree too."""
    english = ja.get_translation(Locale.get_default())
    return english.copy_for_translation(Locale.objects.get(language_code="ko"), copy_parents=True)


def test_a_translator_edits_their_language_only(ja, ko):
    setup_roles()
    translator = make_user("hanako", translators_name("ja"))
    english = ja.get_translation(Locale.get_default())
    for page in [ja, *Page.objects.descendant_of(ja)[:3]]:
        permissions = page.permissions_for_user(translator)
        assert permissions.can_edit() and not permissions.can_publish()
    for page in [english, *Page.objects.descendant_of(english)[:3], ko]:
        assert not page.permissions_for_user(translator).can_edit(), page
    korean = make_user("minji", translators_name("ko"))
    assert ko.permissions_for_user(korean).can_edit()
    assert not ja.permissions_for_user(korean).can_edit()


def test_a_translator_submits_to_the_edition_review_workflow(ja):
    setup_roles()
    translator = make_user("hanako", translators_name("ja"))
    section = Page.objects.descendant_of(ja).first().specific
    workflow = section.get_workflow()
    assert workflow is not None and workflow.name == "Edition review"
    assert section.permissions_for_user(translator).can_submit_for_moderation()


def test_publishing_a_translated_edition_is_all_or_nothing(ja, client):
    pages = list(Page.objects.descendant_of(ja, inclusive=True).specific())
    for page in pages:
        page.unpublish()
    broken = pages[3]
    broken.body = []  # an empty section blocks publication
    broken.save_revision()
    with pytest.raises(EditionNotPublishable):
        publish_edition(ja)
    assert not Page.objects.descendant_of(ja, inclusive=True).live().exists()
    assert ja.title not in client.get("/ja/annual-reports/2020/").content.decode()

    Page.objects.get(pk=broken.pk).specific.save_revision()  # the text as it was
    published = publish_edition(ja)
    assert len(published) == len(pages)
    assert not Page.objects.descendant_of(ja, inclusive=True).not_live().exists()
    assert ja.title in client.get("/ja/annual-reports/2020/").content.decode()
