import pytest
from django.core.management import call_command
from reports.sources.load import load_edition
from reports.sources.export import export_edition
from reports.sources.yaml_io import SourceError
from tests.reports.helpers import *
from tests.reports.factories import *

pytestmark = pytest.mark.django_db

CASES = [
 ("    signatory: Alan Clark\n", "    signatory: Alan Clark: Chair\n"),
 ("  - type: chapter\n    title: Event Highlights", "  - type: chapterr\n    title: Event Highlights"),
 ("    signatory: Thierry Carrez\n", ""),
 ("    signatory: Thierry Carrez\n", "    signatory: Thierry Karez\n"),
 ("                  url: https://katacontainers.io/\n", "                  url: katacontainers dot io\n"),
 ("        slug: openinfra-tv\n", "        slug: open-infrastructure-summit\n"),
 ("  year: 2090\n", "  year: 1999\n"),
 ("      - heading:\n          text: Superuser", "      - headline:\n          text: Superuser"),
 ("              level: 3\n", "              level: 7\n"),
 ("    title: Event Highlights\n", "    title: Event Highlights\n    colour: red\n"),
]

@pytest.mark.parametrize("old,new", CASES)
def test_explore(tmp_path, old, new):
    text = source_text()
    p = write_source(tmp_path, text.replace(old, new, 1))
    with pytest.raises(SourceError) as e:
        load_edition(p)
    print()
    print(e.value)
