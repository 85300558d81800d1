"""Admin › Editions › Translations: the status board, languages × sections."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils.html import escape
from wagtail.models import Locale, Page

from reports.roles import setup_roles, translators_name
from tests.reports.conftest import make_user

# The Japanese 2020 edition is loaded once for the module (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("japanese_2020")]


@pytest.fixture
def ja(ja_2020):
    return ja_2020


def board_url(ja):
    return f"/admin/editions/{ja.get_translation(Locale.get_default()).pk}/translations/"


def cells(html):
    """[(section title, [state per language])] from the grid."""
    rows = re.findall(r"<tr>\s*<th scope=\"row\"><a [^>]*>([^<]*)</a></th>(.*?)</tr>", html, re.S)
    return [(title, re.findall(r'data-state="([^"]+)"', row)) for title, row in rows]


def test_the_board_shows_each_section_in_each_language(client, ja):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    response = client.get(board_url(ja))
    assert response.status_code == 200
    html = response.content.decode()
    grid = cells(html)
    english = ja.get_translation(Locale.get_default())
    assert len(grid) == Page.objects.descendant_of(english, inclusive=True).count()
    assert [lang for lang in re.findall(r'<th scope="col" lang="([^"]+)"', html)] == [
        "ja", "zh-hans", "ko", "de", "id",
    ]  # fmt: skip
    assert {states[0] for _title, states in grid} == {"published"}
    assert {state for _title, states in grid for state in states[1:]} == {"not_started"}
    assert "Published" in html and "Not started" in html


def test_changing_the_english_source_marks_the_translation_out_of_date(client, ja):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    english = ja.get_translation(Locale.get_default())
    section = Page.objects.descendant_of(english).first().specific
    title = section.title  # the board names the live title; the change is a draft
    section.title = f"{title}, revised"
    section.save_revision()
    grid = dict(cells(client.get(board_url(ja)).content.decode()))
    assert grid[escape(title)][0] == "out_of_date"
    assert sum(states[0] == "out_of_date" for states in grid.values()) == 1


def test_translators_see_the_board_and_others_do_not(client, ja):
    setup_roles()
    client.force_login(make_user("hanako", translators_name("ja")))
    assert client.get(board_url(ja)).status_code == 200
    client.force_login(make_user("nobody"))
    assert client.get(board_url(ja)).status_code in {302, 403}
