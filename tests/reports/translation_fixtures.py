"""A translation file made from the English source: every text marked 【訳】 (Japanese
brackets, so CJK checks have something to find), every structural value kept."""

import re

from django.conf import settings

from reports.models import AnnualReportPage
from reports.sources.translations import _structural, load_translation
from reports.sources.yaml_io import dump_source, read_source

MARK = "【訳】"
_TEXT_RUN = re.compile(r"(^|>)([^<]*[^<\s][^<]*)")


def mark(text):
    if "<" in text:
        return _TEXT_RUN.sub(lambda m: f"{m.group(1)}{MARK}{m.group(2)}", text)
    return f"{MARK}{text}" if text.strip() else text


def translate(value, place=()):
    if isinstance(value, dict):
        return {k: translate(v, (*place, k)) for k, v in value.items()}
    if isinstance(value, list):
        name = place[-1] if place else ""
        return [translate(v, (*place[:-1], f"{name}[{i}]")) for i, v in enumerate(value)]
    if isinstance(value, str) and not _structural(place):
        return mark(value)
    return value


def write_translation(source_path, target_dir, *, locale="ja", year=2020, edit=None):
    """Write <year>.<locale>.yaml in `target_dir`, translated from `source_path`; `edit`
    may change the mapping before it is written. Returns the path."""
    data = translate(dict(read_source(source_path)))
    data = {
        "translation": {
            "locale": locale,
            "source": source_path.name,
            "translated": "2026-12-03",
            "translators": ["山田 花子", "Taro Suzuki"],
        },
        **data,
    }
    if edit:
        edit(data)
    path = target_dir / f"{year}.{locale}.yaml"
    path.write_text(dump_source(data).replace("translated: '2026-12-03'", "translated: 2026-12-03"))
    return path


def load_japanese(tmp_path):
    """The Japanese 2020 edition in the test database: the real translation when the
    repository has it, else one made from the English source. Returns the edition page."""
    real = settings.BASE_DIR / "content" / "editions" / "2020.ja.yaml"
    source = settings.BASE_DIR / "content" / "editions" / "2020.yaml"
    load_translation(real if real.exists() else write_translation(source, tmp_path))
    return AnnualReportPage.objects.get(year=2020, locale__language_code="ja")
