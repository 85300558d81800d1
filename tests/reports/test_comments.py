"""Comments in place: Wagtail's commenting is on for every section type, on fields and on the
blocks inside a section's body."""

import pytest
from django.urls import reverse
from wagtail.models import Comment
from wagtail.test.utils.form_data import inline_formset

from reports.models import (
    ChapterPage,
    EventPage,
    GeneralSectionPage,
    LetterPage,
    ProjectUpdatePage,
    WorkingGroupUpdatePage,
)
from tests.reports.test_assignments import editor_data

pytestmark = pytest.mark.django_db
SECTION_TYPES = [
    LetterPage,
    ChapterPage,
    ProjectUpdatePage,
    WorkingGroupUpdatePage,
    EventPage,
    GeneralSectionPage,
]


def test_every_section_type_can_be_commented_on(client, edition_2020, publisher):
    client.force_login(publisher)
    for model in SECTION_TYPES:
        page = model.objects.descendant_of(edition_2020).first()
        html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        assert "w-comments:init" in html, model.__name__
        assert 'data-contentpath="title"' in html and 'data-contentpath="body"' in html
        assert "w-field--commentable" in html, model.__name__


def test_a_comment_on_a_block_of_the_body_is_saved_with_the_draft(client, small_section, publisher):
    comment = {
        "id": "",
        "contentpath": "body.b1",
        "text": "Which figures?",
        "position": "",
        "resolved": "",
        "replies": inline_formset([]),
    }
    client.force_login(publisher)
    url = reverse("wagtailadmin_pages:edit", args=[small_section.pk])
    response = client.post(url, editor_data(small_section, comments=[comment]))
    assert response.status_code == 302
    saved = Comment.objects.get(page=small_section)
    assert (saved.contentpath, saved.text, saved.user) == ("body.b1", "Which figures?", publisher)
