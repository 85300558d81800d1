"""PO files per edition and language, one POT per edition: msgfmt accepts them, an edited PO
changes exactly the edited strings, and a PO for another edition, language or source version
is refused whole, naming the mismatch."""

import subprocess

import polib
import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation

# The Japanese 2020 edition is loaded once for the module (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("japanese_2020")]


@pytest.fixture
def ja(ja_2020):
    return ja_2020


def msgfmt_check(path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr, result.stderr


def translations():
    return dict(
        StringTranslation.objects.filter(locale__language_code="ja").values_list("pk", "data")
    )


def test_the_pot_and_the_po_files_pass_msgfmt(ja, tmp_path):
    call_command("export_pot", "2020", str(tmp_path / "2020.pot"))
    call_command("export_pot", "2020", str(tmp_path / "2020.ja.po"), "--locale", "ja")
    msgfmt_check(tmp_path / "2020.pot")
    msgfmt_check(tmp_path / "2020.ja.po")
    pot = polib.pofile(str(tmp_path / "2020.pot"))
    po = polib.pofile(str(tmp_path / "2020.ja.po"))
    assert pot.metadata["X-Edition"] == "2020" and not any(e.msgstr for e in pot)
    assert po.metadata["Language"] == "ja" and all(e.msgstr for e in po)
    assert [e.msgid for e in pot] == [e.msgid for e in po]


def test_export_edit_import_changes_exactly_the_edited_strings(ja, tmp_path):
    path = tmp_path / "2020.ja.po"
    call_command("export_pot", "2020", str(path), "--locale", "ja")
    before = translations()
    po = polib.pofile(str(path))
    edited = [po[1], po[5]]
    for entry in edited:
        entry.msgstr = "改訂された翻訳"
    po.save(str(path))
    call_command("import_po", "2020", "ja", str(path))
    after = translations()
    changed = {pk for pk in after if after[pk] != before.get(pk)}
    assert len(changed) == 2 and {after[pk] for pk in changed} == {"改訂された翻訳"}
    assert set(after) == set(before)
    ja = Page.objects.get(pk=ja.pk).specific
    summary = ja.get_latest_revision_as_object().summary  # entry 1 is the edition's summary
    assert summary == "改訂された翻訳"
    assert Page.objects.get(pk=ja.pk).has_unpublished_changes  # a draft, to review


@pytest.mark.parametrize(
    "field, value, named",
    [
        ("X-Edition", "2019", "edition 2019, not 2020"),
        ("Language", "ko", "language ko, not ja"),
        ("X-Source-Version", "0123456789ab", "source version 0123456789ab"),
    ],
)
def test_a_po_for_another_edition_language_or_source_is_refused(ja, tmp_path, field, value, named):
    path = tmp_path / "2020.ja.po"
    call_command("export_pot", "2020", str(path), "--locale", "ja")
    po = polib.pofile(str(path))
    po.metadata[field] = value
    po[1].msgstr = "改訂された翻訳"
    po.save(str(path))
    before = translations()
    with pytest.raises(CommandError, match=named):
        call_command("import_po", "2020", "ja", str(path))
    assert translations() == before


def test_a_changed_english_source_makes_an_old_po_stale(ja, tmp_path):
    path = tmp_path / "2020.ja.po"
    call_command("export_pot", "2020", str(path), "--locale", "ja")
    english = ja.get_translation(Locale.get_default())
    section = Page.objects.descendant_of(english).first().specific
    section.save_revision().publish()
    with pytest.raises(CommandError, match="the English source changed"):
        call_command("import_po", "2020", "ja", str(path))


def test_an_import_with_one_bad_entry_imports_nothing(ja, tmp_path):
    path = tmp_path / "2020.ja.po"
    call_command("export_pot", "2020", str(path), "--locale", "ja")
    po = polib.pofile(str(path))
    po[1].msgstr = "改訂された翻訳"
    po.append(polib.POEntry(msgctxt="not-a-page:title", msgid="Nothing", msgstr="何も"))
    po.save(str(path))
    before = translations()
    with pytest.raises(CommandError, match=r"Entry \d+ \(not-a-page:title\) is not in this"):
        call_command("import_po", "2020", "ja", str(path))
    assert translations() == before


@pytest.mark.parametrize(
    "command, arguments, named",
    [
        ("export_pot", ["1999", "x.pot"], "There is no 1999 edition."),
        ("export_pot", ["2020", "x.po", "--locale", "xx"], "'xx' is not a configured language."),
        ("import_po", ["1999", "ja", "x.po"], "There is no 1999 edition."),
        ("import_po", ["2020", "xx", "x.po"], "'xx' is not a configured language."),
    ],
)
def test_a_missing_edition_or_language_is_named(ja, tmp_path, command, arguments, named):
    with pytest.raises(CommandError, match=named):
        call_command(command, *[str(tmp_path / a) if "." in a else a for a in arguments])
