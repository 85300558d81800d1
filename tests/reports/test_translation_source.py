"""Translation files (content/editions/<year>.<locale>.yaml): load, export round trip,
idempotent re-loads, and files refused whole with the mismatch named."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale, Page

from projects.models import ProjectPage
from reports.models import AnnualReportPage, LetterPage, TranslationCredit
from reports.sources.translations import load_translation, read_translation
from reports.sources.yaml_io import SourceError
from tests.conftest import EDITION_2020
from tests.reports.translation_fixtures import MARK, write_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def ja_file(tmp_path):
    return write_translation(EDITION_2020, tmp_path)


def ja_edition():
    return AnnualReportPage.objects.get(year=2020, locale__language_code="ja")


def test_loading_a_translation_publishes_every_section_in_its_language(ja_file):
    report = load_translation(ja_file)
    edition = ja_edition()
    english = AnnualReportPage.objects.get(year=2020, locale=Locale.get_default())
    sections = list(Page.objects.descendant_of(edition).order_by("path"))
    english_sections = list(Page.objects.descendant_of(english).order_by("path"))
    assert report.translated
    assert edition.live and edition.title.startswith(MARK)
    assert [p.slug for p in sections] == [p.slug for p in english_sections]
    assert all(p.live and p.title.startswith(MARK) for p in sections)
    assert edition.url == "/ja/annual-reports/2020/"
    letter = LetterPage.objects.filter(locale=edition.locale).first()
    assert letter.signatory.locale == edition.locale  # the translated person signs
    assert letter.signatory.role.startswith(MARK)
    credit = TranslationCredit.objects.get(edition=edition)
    assert credit.translator_names == ["山田 花子", "Taro Suzuki"]
    assert credit.source == "2020.yaml"


def test_structural_values_stay_the_sources(ja_file):
    load_translation(ja_file)
    project = ProjectPage.objects.get(slug="zuul", locale__language_code="ja")
    english = ProjectPage.objects.get(slug="zuul", locale=Locale.get_default())
    assert project.website == english.website and project.licence == english.licence
    assert project.summary.startswith(MARK)
    assert [c.url for c in project.channels.all()] == [c.url for c in english.channels.all()]
    assert all(c.label.startswith(MARK) for c in project.channels.all())


def test_export_round_trips_a_translation_losslessly(ja_file, tmp_path):
    load_translation(ja_file)
    out = tmp_path / "out" / "2020.ja.yaml"
    call_command("export_edition", "2020", str(out), "--locale", "ja")
    meta_in, source_in, _ = read_translation(ja_file)
    meta_out, source_out, _ = read_translation(out)
    assert source_out == source_in
    assert {k: v for k, v in meta_out.items() if k != "line"} == {
        k: v for k, v in meta_in.items() if k != "line"
    }


def test_loading_twice_changes_nothing(ja_file):
    load_translation(ja_file)
    revisions = {
        p.pk: p.latest_revision_id for p in Page.objects.filter(locale__language_code="ja")
    }
    report = load_translation(ja_file)
    assert not report.translated
    again = {p.pk: p.latest_revision_id for p in Page.objects.filter(locale__language_code="ja")}
    assert again == revisions


def test_a_changed_structural_value_is_refused_with_its_place(tmp_path):
    def change_slug(data):
        data["sections"][1]["slug"] = "renamed"

    path = write_translation(EDITION_2020, tmp_path, edit=change_slug)
    with pytest.raises(SourceError) as raised:
        load_translation(path)
    assert "sections[1]" in str(raised.value) and "'slug'" in str(raised.value)
    assert "keep it as is" in str(raised.value)
    assert not AnnualReportPage.objects.filter(locale__language_code="ja").exists()


def test_a_missing_paragraph_is_refused_and_nothing_is_loaded(tmp_path):
    def drop_a_list_item(data):
        first = next(s for s in data["sections"] if s["body"])
        first["body"].pop()

    path = write_translation(EDITION_2020, tmp_path, edit=drop_a_list_item)
    with pytest.raises(SourceError) as raised:
        load_translation(path)
    assert "body" in str(raised.value) and "the source has" in str(raised.value)
    assert not Page.objects.filter(locale__language_code="ja").exists()


def test_a_locale_that_does_not_match_the_file_name_is_refused(tmp_path):
    def say_korean(data):
        data["translation"]["locale"] = "ko"

    path = write_translation(EDITION_2020, tmp_path, edit=say_korean)
    with pytest.raises(SourceError, match="'ko' does not match the file name"):
        load_translation(path)


def test_an_unconfigured_language_is_refused(tmp_path):
    def say_french(data):
        data["translation"]["locale"] = "fr"

    path = write_translation(EDITION_2020, tmp_path, locale="fr", edit=say_french)
    with pytest.raises(SourceError, match="'fr' is not a configured translation language"):
        load_translation(path)


def test_load_edition_command_dispatches_translation_files(ja_file):
    call_command("load_edition", str(ja_file))
    assert ja_edition().live
    with pytest.raises(CommandError, match="Nothing was loaded.*2020.ko.yaml.*no such file"):
        call_command("load_edition", str(ja_file.with_name("2020.ko.yaml")))
