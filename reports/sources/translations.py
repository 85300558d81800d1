"""Translated editions: `content/editions/<year>.<locale>.yaml`, the source's mirror in a language.

A translation file has the source's shape (same keys, order, list lengths, slugs, types, years,
dates, addresses, figure values), its human-readable strings in its language, and a
`translation:` mapping first (locale, source, translated, translators, note). Loading pairs each
string with the segment wagtail-localize extracts from the English object at the same place,
stores it as that segment's translation and saves the translated pages, published: the same
machinery translators use in the admin, so the status board and PO files see the result. Export
writes the translated pages back in the same form: a file round-trips losslessly.
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from projects.models import ProjectChannel, ProjectPage, WorkingGroupPage
from reports.models import AnnualReportPage, LetterPage, Person, TranslationCredit

from .blocks import body_to_stream_data
from .export import SOURCE_TYPES, edition_to_dict, person_to_dict, profile_to_dict, section_to_dict
from .load import SECTION_MODELS
from .schema import line_of_place, normalise
from .translation_pairs import paired_strings
from .yaml_io import SourceError, dump_source, read_source

# Keys whose value a translation keeps from the source (the rest is text to translate).
STRUCTURAL = {
    "format", "year", "type", "slug", "start_date", "end_date", "website", "repository",
    "licence", "status", "url", "value", "level", "style", "file", "project", "working_group",
}  # fmt: skip
LINKS = ("signatory", "project", "working_group")
FILE_NAME = re.compile(r"^(?P<year>\d{4})\.(?P<locale>[a-z]{2}(-[a-z]+)?)\.yaml$")


@dataclass
class TranslationReport:
    year: int
    locale: str
    translated: list = field(default_factory=list)

    def __str__(self):
        if not self.translated:
            return f"Edition {self.year} ({self.locale}): already up to date, nothing changed."
        return f"Edition {self.year} ({self.locale}): {len(self.translated)} translated."


def translation_locales():
    """The configured languages other than the source's."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != "en"]


def is_translation_file(path):
    return FILE_NAME.match(Path(path).name) is not None


def read_translation(path):
    """(translation mapping, source in canonical form, lines) of a translation file."""
    path = Path(path)
    raw = read_source(path)
    meta = raw.pop("translation", None)
    if not isinstance(meta, dict):
        raise SourceError(path, 1, "", "translation", "a translation file starts with it")
    meta = _check_meta(path, meta)
    source, lines = normalise(raw, path)
    named = FILE_NAME.match(path.name)
    if named is None or named["locale"] != meta["locale"]:
        raise SourceError(
            path, meta["line"], "translation", "locale",
            f"{meta['locale']!r} does not match the file name (<year>.<locale>.yaml)",
        )  # fmt: skip
    if int(named["year"]) != source["edition"]["year"]:
        raise SourceError(
            path, None, "edition", "year", f"{source['edition']['year']} is not the file's year"
        )
    return meta, source, lines


def _check_meta(path, meta):
    line = getattr(meta, "line", 1)
    locale = meta.get("locale")
    if locale not in translation_locales():
        raise SourceError(
            path, line, "translation", "locale",
            f"{locale!r} is not a configured translation language: "
            f"{', '.join(translation_locales())}",
        )  # fmt: skip
    translated = meta.get("translated")
    if not isinstance(translated, datetime.date):
        raise SourceError(path, line, "translation", "translated", "must be a date like 2026-12-03")
    translators = meta.get("translators") or []
    if not isinstance(translators, list) or not all(isinstance(n, str) for n in translators):
        raise SourceError(path, line, "translation", "translators", "must be a list of names")
    unknown = set(meta) - {"locale", "source", "translated", "translators", "note"}
    if unknown:
        raise SourceError(path, line, "translation", sorted(unknown)[0], "unknown field")
    return {
        "locale": locale,
        "source": str(meta.get("source") or ""),
        "translated": translated,
        "translators": list(translators),
        "note": str(meta.get("note") or ""),
        "line": line,
    }


def source_edition(year):
    edition = AnnualReportPage.objects.filter(year=year, locale=Locale.get_default()).first()
    if edition is None:
        raise LookupError(f"There is no {year} edition in English: load its source first.")
    return edition


def edition_source(edition, locale=None):
    """An edition (its latest revisions) as a source mapping; `locale`: its translation's."""
    if locale is not None:
        edition = edition.get_translation(locale)
    edition = edition.get_latest_revision_as_object()
    pages = [
        page.get_latest_revision_as_object()
        for page in edition.get_descendants().order_by("path").specific()
    ]
    tree, by_path = {edition.pk: []}, {edition.path: edition.pk}
    for page in pages:
        tree.setdefault(page.pk, [])
        tree[by_path[page.path[: -Page.steplen]]].append(page)
        by_path[page.path] = page.pk
    people, projects, groups = {}, {}, {}
    for page in pages:
        if isinstance(page, LetterPage):
            people.setdefault(page.signatory.pk, person_to_dict(page.signatory))
        elif hasattr(page, "project") or hasattr(page, "working_group"):
            profile = getattr(page, "project", None) or page.working_group
            profile = profile.get_translation(edition.locale) if locale else profile
            target = projects if isinstance(profile, ProjectPage) else groups
            target.setdefault(profile.pk, profile_to_dict(profile.get_latest_revision_as_object()))
    return {
        "format": 1,
        "edition": edition_to_dict(edition),
        "people": list(people.values()),
        "projects": list(projects.values()),
        "working_groups": list(groups.values()),
        "sections": [section_to_dict(page, tree=tree) for page in tree[edition.pk]],
    }


def check_structure(path, lines, english, translated, place=()):
    """The translation keeps the source's shape and its structural values; names the first
    place where it does not."""
    where = " › ".join(place)
    if isinstance(english, dict):
        for key in english:
            check_structure(path, lines, english[key], translated.get(key), (*place, key))
    elif isinstance(english, list):
        if not isinstance(translated, list) or len(translated) != len(english):
            count = len(translated) if isinstance(translated, list) else 0
            raise SourceError(
                path, line_of_place(lines, where), " › ".join(place[:-1]), place[-1],
                f"has {count} items; the source has {len(english)}",
            )  # fmt: skip
        for i, (a, b) in enumerate(zip(english, translated, strict=True)):
            check_structure(path, lines, a, b, (*place[:-1], f"{place[-1]}[{i}]"))
    elif _structural(place) and english != translated:
        raise SourceError(
            path, line_of_place(lines, " › ".join(place[:-1])), " › ".join(place[:-1]),
            place[-1], f"{translated!r} differs from the source's {english!r}: keep it as is",
        )  # fmt: skip


def _structural(place):
    key = place[-1].split("[")[0] if place else ""
    in_notes = any(step.startswith("notes[") for step in place)
    return key in STRUCTURAL or (key == "label" and in_notes)


class _NoImages(dict):
    """Translations take their images from the source: any file name maps to no image."""

    def __missing__(self, key):
        return type("NoImage", (), {"pk": None})()


def _stream(model, name, raw):
    """Raw stream data in stored form (ids on blocks and list items), as extraction expects."""
    block = model._meta.get_field(name).stream_block
    value = block.to_python(raw)
    list(value)  # binds every block, so that all of them are prepared, not passed through
    return block.get_prep_value(value)


def _unsaved(model, data, kind):
    """An unsaved object holding the translated strings of `data`, shaped like the source's."""
    images = _NoImages()
    if kind == "person":
        return Person(name=data["name"], role=data["role"], organisation=data["organisation"])
    if kind == "profile":
        page = model(title=data["name"], slug=data["slug"], summary=data["summary"])
        if model is ProjectPage:
            page.licence = data["licence"]
            page.channels = [
                ProjectChannel(label=c["label"], url=c["url"]) for c in data["get_involved"]
            ]
        return page
    if kind == "edition":
        return AnnualReportPage(
            title=data["title"], slug=str(data["year"]), summary=data["summary"],
            intro=_stream(AnnualReportPage, "intro", body_to_stream_data(data["intro"], images)),
            year=data["year"],
        )  # fmt: skip
    page = model(title=data["title"], slug=data["slug"])
    page.body = _stream(model, "body", body_to_stream_data(data["body"], images))
    if model is LetterPage:
        page.signatory_title, page.sign_off = data["signatory_title"], data["sign_off"]
    elif kind == "event":
        page.location = data["location"]
        figures = [{"type": "figure", "value": f} for f in data["figures"]]
        page.figures = _stream(model, "figures", figures)
    return page


def _pairs(path, lines, english, translated):
    """[(English object, translated unsaved object, place)] for everything in the edition."""
    pairs = []
    en_people = {p.name: p for p in Person.objects.filter(locale=Locale.get_default())}
    for i, data in enumerate(translated["people"]):
        person = en_people[english["people"][i]["name"]]
        pairs.append((person, _unsaved(Person, data, "person"), f"people[{i}]"))
    for key in ("projects", "working_groups"):
        for i, data in enumerate(translated[key]):
            slug = english[key][i]["slug"]
            page = _profile(key, slug)
            pairs.append((page, _unsaved(type(page), data, "profile"), f"{key}[{i}]"))
    edition = source_edition(english["edition"]["year"])
    pairs.append((edition, _unsaved(None, translated["edition"], "edition"), "edition"))

    def walk(parent, sections, place):
        children = list(parent.get_children().specific())
        by_slug = {page.slug: page for page in children}
        for i, data in enumerate(sections):
            here = f"{place}[{i}] “{data['title']}”"
            page = by_slug.get(data["slug"])
            if page is None or SOURCE_TYPES[type(page)] != data["type"]:
                raise SourceError(
                    path, line_of_place(lines, here), here, "slug", "not in the source"
                )
            unsaved = _unsaved(SECTION_MODELS[data["type"]], data, data["type"])
            for name in LINKS:  # links, not text: the source's
                if hasattr(page, f"{name}_id"):
                    setattr(unsaved, f"{name}_id", getattr(page, f"{name}_id"))
            pairs.append((page, unsaved, here))
            walk(page, data.get("sections", []), f"{here} › sections")

    walk(edition, translated["sections"], "sections")
    return pairs


def _profile(key, slug):
    model = ProjectPage if key == "projects" else WorkingGroupPage
    return model.objects.get(slug=slug, locale=Locale.get_default())


def load_translation(path, *, skip_existing=False, user=None):
    """Load a translation file; returns a TranslationReport or raises SourceError."""
    path = Path(path)
    meta, translated, lines = read_translation(path)
    year = translated["edition"]["year"]
    locale = Locale.objects.get(language_code=meta["locale"])
    try:
        edition = source_edition(year)
    except LookupError as error:
        raise SourceError(path, None, "edition", "year", str(error)) from None
    report = TranslationReport(year, locale.language_code)
    existing = AnnualReportPage.objects.filter(
        translation_key=edition.translation_key, locale=locale
    )
    if skip_existing and existing.exists():
        return report
    english = edition_source(edition)
    check_structure(path, lines, english, translated)
    if existing.exists() and edition_source(edition, locale) == translated:
        _save_credit(existing.get(), meta)
        return report
    with transaction.atomic():
        for source_object, unsaved, place in _pairs(path, lines, english, translated):
            strings = paired_strings(
                source_object, unsaved, path, line_of_place(lines, place), place
            )
            translated_object = translate(source_object, locale, strings, user=user)
            report.translated.append(place)
            if isinstance(translated_object, Page):
                translated_object.get_latest_revision().publish(user=user, log_action=False)
        _save_credit(existing.get(), meta)
    return report


def translate(source_object, locale, strings, *, user=None):
    """Store `strings` ({(path, source text): translated StringValue}) as the translations of the
    object's segments and save its translation (a draft revision for pages); returns it."""
    source, _ = TranslationSource.update_or_create_from_instance(source_object)
    Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("context", "string"):
        value = strings.get((segment.context.path, segment.string.data))
        if value is None:
            continue
        current = StringTranslation.objects.filter(
            translation_of=segment.string, locale=locale, context=segment.context
        ).first()
        if current is None or current.data != value.data:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string, locale=locale, context=segment.context,
                defaults={
                    "data": value.data, "translation_type": "manual", "tool_name": "",
                    "last_translated_by": user, "updated_at": timezone.now(),
                    "has_error": False, "field_error": "",
                },
            )  # fmt: skip
    obj, _created = source.create_or_update_translation(
        locale, user=user, publish=not isinstance(source_object, Page),
        copy_parent_pages=True, fallback=True,
    )  # fmt: skip
    return obj


def _save_credit(edition, meta):
    TranslationCredit.objects.update_or_create(
        edition=edition,
        defaults={
            "translators": "\n".join(meta["translators"]),
            "source": meta["source"],
            "translated_on": meta["translated"],
            "note": meta["note"],
        },
    )


def export_translation(year, locale_code, path):
    """Write the `locale_code` translation of edition `year` in the translation file format."""
    locale = Locale.objects.get(language_code=locale_code)
    edition = source_edition(year)
    translated = edition.get_translation(locale)
    credit = TranslationCredit.objects.filter(edition=translated).first()
    meta = {
        "locale": locale_code,
        "source": credit.source if credit else f"{year}.yaml",
        "translated": credit.translated_on
        if credit and credit.translated_on
        else timezone.localdate(),
        "translators": credit.translator_names if credit else [],
    }
    if credit and credit.note:
        meta["note"] = credit.note
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"translation": meta, **edition_source(edition, locale)}
    path.write_text(dump_source(data), encoding="utf-8")
    return path
