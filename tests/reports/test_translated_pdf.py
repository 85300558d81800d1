"""The PDF of a translated edition: its own file, every section in its language, a CJK font
embedded, the language in its metadata, a translated contents page, the translators credited."""

import json
import re
import subprocess
import tempfile
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from pypdf import PdfReader
from wagtail.documents.models import Document
from wagtail.models import Page

from reports.models import AnnualReportPage, EditionPDF, TranslationCredit
from tests.reports.pdf_helpers import pdftotext

# The Japanese 2020 edition is loaded once for the module (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("japanese_2020")]
JAPANESE_RUN = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]{4,}")


def pdffonts(content):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        return subprocess.run(
            ["pdffonts", handle.name], check=True, capture_output=True, text=True
        ).stdout


def test_the_japanese_pdf_is_japanese_with_cjk_fonts_embedded(ja_2020, tmp_path):
    ja = ja_2020
    EditionPDF.objects.all().delete()
    out = StringIO()
    call_command("build_pdf", "2020", "--locale", "ja", stdout=out)
    assert "/ja/annual-reports/2020/pdf/" in out.getvalue()
    pdf = EditionPDF.objects.get()  # its own, the English one untouched
    assert pdf.edition_id == ja.pk
    content = pdf.file.open("rb").read()
    text = re.sub(r"\s+", "", pdftotext(content, raw=False))
    for section in Page.objects.descendant_of(ja).live().specific():
        # Names stay as they are (OpenInfra Labs); every section's own text is Japanese.
        assert re.sub(r"\s+", "", section.title) in text, section.title
        body = getattr(section, "body", None)
        raw = json.dumps(list(body.raw_data), ensure_ascii=False) if body is not None else ""
        runs = JAPANESE_RUN.findall(f"{section.title} {raw}")
        assert runs or section.get_children().exists(), section.title
        assert not runs or any(run in text for run in runs), section.title
    assert "目次" in text  # the contents page, translated
    credit = TranslationCredit.objects.get(edition=ja)  # the translators, credited
    assert credit.translator_names
    assert "翻訳:" + re.sub(r"\s+", "", credit.translator_names[0]) in text
    fonts = [line for line in pdffonts(content).splitlines() if "CJK" in line]
    assert fonts and all(" yes " in line for line in fonts)  # embedded
    path = tmp_path / "ja.pdf"
    path.write_bytes(content)
    assert PdfReader(str(path)).trailer["/Root"]["/Lang"] == "ja"


def test_the_japanese_pdf_downloads_under_a_name_of_its_own(ja_2020, client):
    ja = ja_2020
    english = AnnualReportPage.objects.get(year=2020, locale__language_code="en")
    for edition in (ja, english):
        document = Document.objects.create(
            title=f"Designed {edition.pk}", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="d.pdf")
        )
        AnnualReportPage.objects.filter(pk=edition.pk).update(designed_pdf=document)
    names = {}
    for edition in (ja, english):
        response = client.get(edition.pdf_url)
        assert response.status_code == 200
        disposition = response["Content-Disposition"]
        names[edition.locale.language_code] = disposition
        filename = disposition.split('filename="')[1].rstrip('"')
        assert f'download="{filename}"' in client.get(edition.url).content.decode()
    assert names["ja"] == 'attachment; filename="openinfra-annual-report-2020-ja.pdf"'
    assert names["en"] == 'attachment; filename="openinfra-annual-report-2020.pdf"'
