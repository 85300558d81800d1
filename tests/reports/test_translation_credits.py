"""Translator credits: each translated edition credits its translators on the web, edited in
the admin by that language's translators only."""

import pytest
from wagtail.models import Locale

from reports.models import TranslationCredit
from reports.roles import PUBLISHERS, setup_roles, translators_name
from tests.reports.conftest import make_user

# The Japanese 2020 edition is loaded once for the module (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("japanese_2020")]

INDEX = "/admin/translation_credits/"


@pytest.fixture
def ja(ja_2020):
    edition = ja_2020
    setup_roles()
    return edition


def edit_url(credit):
    return f"{INDEX}edit/{credit.pk}/"


def test_the_japanese_translators_edit_their_credits_and_readers_see_them(client, ja):
    credit = TranslationCredit.objects.get(edition=ja)
    client.force_login(make_user("hanako", translators_name("ja")))
    listing = client.get(INDEX)
    assert listing.status_code == 200
    assert edit_url(credit) in listing.content.decode()
    form = {
        "translators": "山田 花子\n佐藤 次郎",
        "translated_on": "2026-12-01",
        "source": credit.source,
        "note": "",
    }
    response = client.post(edit_url(credit), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get("/ja/annual-reports/2020/").content.decode()
    assert "山田 花子, 佐藤 次郎" in page


def test_another_languages_translator_cannot_edit_them(client, ja):
    credit = TranslationCredit.objects.get(edition=ja)
    korean = Locale.objects.get(language_code="ko")
    english = ja.get_translation(Locale.get_default())
    korean_edition = english.copy_for_translation(korean, copy_parents=True)
    client.force_login(make_user("minji", translators_name("ko")))
    listing = client.get(INDEX).content.decode()
    assert edit_url(credit) not in listing
    assert client.post(edit_url(credit), {"translators": "Minji"}).status_code in (302, 403, 404)
    credit.refresh_from_db()
    assert "Minji" not in credit.translators
    # Their own edition's credits, made for them, are theirs to fill in.
    own = TranslationCredit.objects.get(edition=korean_edition)
    assert edit_url(own) in listing


def test_editors_without_a_language_cannot_reach_credits(client, ja):
    client.force_login(make_user("ed", "Editors"))
    assert client.get(INDEX).status_code in (302, 403)
    client.force_login(make_user("pat", PUBLISHERS))
    assert client.get(INDEX).status_code == 200
