"""PO files per edition and language, and one POT per edition, for the community's
translation platform. Entries are wagtail-localize's segments of every page of the edition;
the header names the edition, the language and the version of the English source, and an
import for another edition, language or source version is refused, naming the mismatch."""

import hashlib

import polib
from django.db import transaction
from django.utils import timezone
from wagtail_localize.models import (
    String,
    StringSegment,
    StringTranslation,
    TranslationContext,
    TranslationSource,
)

from .models.editions import edition_pages


class POImportError(Exception):
    """A PO file that does not belong here; the message names what does not match."""


def source_version(edition):
    """Changes whenever a page of the English edition is published again (or added)."""
    pages = edition_pages(edition)
    data = ";".join(f"{p.translation_key}={p.live_revision_id}" for p in pages if p.live)
    return hashlib.sha1(data.encode()).hexdigest()[:12]


def _sources(edition):
    """[(page, TranslationSource)] of the live English pages, brought up to date."""
    pages = [page for page in edition_pages(edition) if page.live]
    return [(page, TranslationSource.update_or_create_from_instance(page)[0]) for page in pages]


def edition_po(edition, locale=None):
    """The POT (no `locale`) or the PO file of `locale` for the English `edition`."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": f"OpenInfra Foundation Annual Report {edition.year}",
        "POT-Creation-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
        "PO-Revision-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
        "Last-Translator": "",
        "Language-Team": "",
        "Language": locale.language_code if locale else "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Edition": str(edition.year),
        "X-Source-Version": source_version(edition),
    }
    for page, source in _sources(edition):
        segments = StringSegment.objects.filter(source=source).order_by("order")
        segments = segments.select_related("context", "string")
        if locale is not None:
            segments = segments.annotate_translation(locale)
        seen = set()
        for segment in segments:
            key = (segment.context.path, segment.string.data)
            if key in seen:
                continue
            seen.add(key)
            po.append(
                polib.POEntry(
                    msgctxt=f"{page.translation_key}:{segment.context.path}",
                    msgid=segment.string.data,
                    msgstr=(getattr(segment, "translation", None) or "") if locale else "",
                    comment=page.title,
                )
            )
    return po


def _check_header(po, edition, locale):
    expected = {
        "X-Edition": str(edition.year),
        "Language": locale.language_code,
        "X-Source-Version": source_version(edition),
    }
    what = {"X-Edition": "edition", "Language": "language", "X-Source-Version": "source version"}
    for key, value in expected.items():
        found = po.metadata.get(key, "")
        if found != value:
            raise POImportError(
                f"This PO file is for {what[key]} {found or '(none)'!s}, not {value}: "
                + (
                    "the English source changed since it was exported; export it again."
                    if key == "X-Source-Version"
                    else "nothing was imported."
                )
            )


@transaction.atomic
def import_edition_po(edition, locale, content, user=None):
    """Apply the translations of a PO file; returns the number of strings changed. The pages
    whose strings changed get a new draft revision, to submit for review. All or nothing."""
    try:
        po = polib.pofile(content)
    except (OSError, ValueError) as error:
        raise POImportError(f"Not a PO file: {error}") from None
    _check_header(po, edition, locale)
    sources = {str(page.translation_key): source for page, source in _sources(edition)}
    changed, touched = 0, set()
    for number, entry in enumerate(po, start=1):
        if not entry.msgstr or entry.obsolete:
            continue
        key, _, path = (entry.msgctxt or "").partition(":")
        source = sources.get(key)
        missing = POImportError(f"Entry {number} ({entry.msgctxt}) is not in this edition.")
        if source is None:
            raise missing
        string = String.objects.filter(
            locale=source.locale, data_hash=String._get_data_hash(entry.msgid)
        ).first()
        context = TranslationContext.objects.filter(object_id=key, path=path).first()
        if string is None or context is None:
            raise missing
        current = StringTranslation.objects.filter(
            translation_of=string, locale=locale, context=context
        ).first()
        if current is not None and current.data == entry.msgstr:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=string,
            locale=locale,
            context=context,
            defaults={
                "data": entry.msgstr,
                "translation_type": "manual",
                "last_translated_by": user,
                "updated_at": timezone.now(),
                "has_error": False,
                "field_error": "",
            },
        )
        changed += 1
        touched.add(key)
    for key in touched:
        sources[key].create_or_update_translation(
            locale, user=user, publish=False, copy_parent_pages=True, fallback=True
        )
    return changed
