"""The announcement banner is translatable (issue #11): readers see it in their language where
it is translated, marked English where it is not, and a change to any translation reaches them."""

import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, Site
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.strings import StringValue

from base.models import Announcement, SiteSettings
from oif_site import caching, page_cache
from reports.sources.translations import translate

# The Japanese 2020 edition is loaded once for the module (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("japanese_2020")]

EN_EDITION = "/annual-reports/2020/"
JA_EDITION = "/ja/annual-reports/2020/"
BANNER = re.compile(r'<aside class="announcement"[^>]*>.*?</aside>', re.S)


@pytest.fixture
def ja(ja_2020):
    return ja_2020


@pytest.fixture
def announcement():
    announcement = SiteSettings.for_site(Site.objects.get(is_default_site=True)).announcement
    announcement.text = "Our news marker-e1n"
    announcement.link_label = "Read on"
    announcement.save()
    return announcement


def banner(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    found = BANNER.search(response.content.decode())
    assert found, path
    return found.group(0)


def in_japanese(announcement, text, label):
    strings = {
        ("text", announcement.text): StringValue.from_plaintext(text),
        ("link_label", announcement.link_label): StringValue.from_plaintext(label),
    }
    return translate(announcement, Locale.objects.get(language_code="ja"), strings)


def test_the_english_page_shows_the_english_announcement(client, announcement):
    shown = banner(client, EN_EDITION)
    assert "Our news marker-e1n" in shown and ">Read on<" in shown
    assert 'href="https://openinfralabs.org/"' in shown
    assert "lang=" not in shown  # the page's own language


def test_untranslated_the_japanese_page_shows_the_english_text_marked_english(
    client, ja, announcement
):
    shown = banner(client, JA_EDITION)
    assert "Our news marker-e1n" in shown
    assert '<aside class="announcement" aria-label="Announcement" lang="en">' in shown


def test_translated_the_japanese_page_shows_the_translation(client, ja, announcement):
    translated = in_japanese(announcement, "お知らせ marker-j4a", "詳しく")
    assert translated.locale.language_code == "ja" and translated.url == announcement.url
    shown = banner(client, JA_EDITION)
    assert "お知らせ marker-j4a" in shown and ">詳しく<" in shown
    assert "lang=" not in shown and "marker-e1n" not in shown
    assert 'href="https://openinfralabs.org/"' in shown  # synchronised, not translated
    assert "marker-e1n" in banner(client, EN_EDITION)


def test_the_address_is_synchronised_from_the_source(client, ja, announcement):
    translated = in_japanese(announcement, "お知らせ", "詳しく")
    announcement.url = "https://example.org/news/"
    announcement.save()
    source = TranslationSource.objects.get_for_instance(announcement)
    source.update_from_db()
    source.create_or_update_translation(translated.locale, fallback=True)
    translated.refresh_from_db()
    assert translated.url == "https://example.org/news/"
    assert 'href="https://example.org/news/"' in banner(client, JA_EDITION)


def test_editing_a_translation_purges_the_cached_japanese_pages(ja, announcement):
    translated = in_japanese(announcement, "お知らせ marker-j4a", "詳しく")
    reader = Client()
    for path in (JA_EDITION, "/ja/annual-reports/2020/project-updates/zuul/", EN_EDITION):
        reader.get(path)
        assert reader.get(path).get("X-Page-Cache") == "hit", path
    translated.text = "新しいお知らせ marker-j5b"
    translated.save()
    assert "marker-j5b" in banner(reader, JA_EDITION)
    assert "marker-j5b" in banner(reader, "/ja/annual-reports/2020/project-updates/zuul/")
    assert "marker-e1n" in banner(reader, EN_EDITION)


def test_an_announcement_purges_every_page_in_every_language(ja, announcement, monkeypatch):
    purged = set()
    monkeypatch.setattr(page_cache, "purge_everything", lambda: purged.add("*"))
    monkeypatch.setattr(page_cache, "purge_paths", lambda paths: purged.update(paths) or True)
    in_japanese(announcement, "お知らせ", "詳しく")
    assert "*" in purged
    assert {EN_EDITION, JA_EDITION, "/de" + EN_EDITION, "/ja/search/", "/"} <= purged
    assert caching.paths_for(announcement) == caching.paths_for(
        SiteSettings.objects.get(site__is_default_site=True)
    )


def test_the_admin_translates_the_announcement_with_wagtail_localize(admin_client, announcement):
    ja = Locale.objects.get(language_code="ja")
    listing = admin_client.get(reverse("wagtailsnippets_base_announcement:list"))
    submit = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["base", "announcement", announcement.pk],
    )
    assert submit in listing.content.decode()  # the "Translate" button
    response = admin_client.post(submit, {"locales": [ja.pk]})
    assert response.status_code == 302
    translated = announcement.get_translation(ja)
    assert Translation.objects.filter(
        target_locale=ja, source__object_id=announcement.translation_key
    ).exists()
    editor = admin_client.get(response["Location"])
    assert editor.status_code == 200
    assert "Our news marker-e1n" in editor.content.decode()
    assert translated.text == announcement.text  # wagtail-localize's placeholder until done


def own_queries(queries):
    """Queries of announcements other than the site settings' own."""
    return [sql for sql in queries if "base_announcement" in sql and "sitesettings" not in sql]


def test_the_banner_costs_no_query_of_its_own_in_any_language(client, ja, announcement, settings):
    """The announcement and its translation come with the site settings, in their query."""
    settings.PAGE_CACHE_SECONDS = 0

    def queries(path):
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        return [q["sql"] for q in captured]

    english = queries(EN_EDITION)
    assert not own_queries(english)
    in_japanese(announcement, "お知らせ", "詳しく")
    japanese = queries(JA_EDITION)
    assert not own_queries(japanese)
    assert len([sql for sql in japanese if 'FROM "oif_site_sitesettings"' in sql]) == 1


MIGRATION_SCRIPT = """
import json
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

def historical(name):
    return MigrationExecutor(connection).loader.project_state(("base", name)).apps

call_command("migrate", "base", "0004_announcement", verbosity=0)
apps = historical("0004_announcement")
site = apps.get_model("wagtailcore", "Site").objects.get()
apps.get_model("base", "SiteSettings").objects.create(
    site_id=site.pk, announcement_text="Old news", announcement_link_label="More",
    announcement_url="https://example.org/news/", footer_text="Footer",
)
call_command("migrate", verbosity=0)
from base.models import SiteSettings
forwards = SiteSettings.objects.select_related("announcement__locale").get()
moved = forwards.announcement
result = {"forwards": [moved.text, moved.link_label, moved.url, moved.locale.language_code,
                       forwards.footer_text]}
call_command("migrate", "base", "0004_announcement", verbosity=0)
back = historical("0005_settings_announcement_to_snippet").get_model("base", "SiteSettings")
back = back.objects.get()
result["backwards"] = [back.announcement_text, back.announcement_link_label,
                       back.announcement_url]
print(json.dumps(result))
"""


def test_the_migrations_move_the_settings_texts_into_an_announcement_and_back(tmp_path):
    """On a database of its own: migrations cannot run inside a test's transaction."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "oif_site.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'migrations.sqlite3'}",
    }
    done = subprocess.run(
        [sys.executable, "-c", MIGRATION_SCRIPT],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["forwards"] == ["Old news", "More", "https://example.org/news/", "en", "Footer"]
    assert result["backwards"] == ["Old news", "More", "https://example.org/news/"]


def test_the_site_settings_choose_the_announcement(admin_client, announcement):
    site = Site.objects.get(is_default_site=True)
    edit = reverse("wagtailsettings:edit", args=["base", "sitesettings", site.pk])
    html = admin_client.get(edit).content.decode()
    assert "Announcement banner" in html and "Our news marker-e1n" in html  # the chooser


def test_an_announcement_no_banner_shows_purges_nothing_until_it_is_chosen(
    announcement, monkeypatch
):
    purged = set()
    monkeypatch.setattr(page_cache, "purge_everything", lambda: purged.add("*"))
    monkeypatch.setattr(page_cache, "purge_paths", lambda paths: purged.update(paths) or True)
    ahead = Announcement.objects.create(text="Next week's news", locale=announcement.locale)
    ahead.text = "Next week's news, edited"
    ahead.save()
    ahead_in_japanese = in_japanese(ahead, "来週のお知らせ", "詳しく")
    ahead_in_japanese.delete()
    assert purged == set()
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.announcement = ahead
    site_settings.save()
    assert "*" in purged and {EN_EDITION, JA_EDITION} <= purged


def test_deleting_the_chosen_announcement_takes_it_off_every_cached_page(client, announcement):
    for path in (EN_EDITION, JA_EDITION):
        client.get(path)
        response = client.get(path)
        assert response.get("X-Page-Cache") == "hit", path
        assert "marker-e1n" in response.content.decode(), path
    announcement.delete()
    for path in (EN_EDITION, JA_EDITION):
        response = client.get(path)
        assert response.status_code == 200, path
        assert BANNER.search(response.content.decode()) is None, path
