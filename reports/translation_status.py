"""The state of every section of an edition in every translation language: the status board.

One cell per (language, section): not started, in progress (with the share of its strings
translated), awaiting review, published, or out of date with the English source (the source
changed after its strings were last sent for translation)."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import Translation, TranslationSource

from .models.editions import edition_pages
from .publishing import newest_workflow_states

STATES = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "awaiting_review": "Awaiting review",
    "published": "Published",
    "out_of_date": "Out of date",
}


@dataclass
class Cell:
    state: str
    percent: int = 0
    url: str = ""

    @property
    def label(self):
        if self.state in {"in_progress", "out_of_date"}:
            return f"{STATES[self.state]} · {self.percent}%"
        return STATES[self.state]


def board(edition):
    """{"languages": [(code, name)], "rows": [(page, [Cell per language])]} for the source
    edition `edition` (English), in reading order."""
    languages = [
        (code, name)
        for code, name in settings.WAGTAIL_CONTENT_LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]
    locales = {loc.language_code: loc for loc in Locale.objects.all()}
    pages = edition_pages(edition)
    keys = [page.translation_key for page in pages]
    translated = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys, alias_of__isnull=True).exclude(
            locale=edition.locale
        )
    }
    workflows = newest_workflow_states(list(translated.values()))
    sources = {
        source.object_id: source
        for source in TranslationSource.objects.filter(object_id__in=keys, locale=edition.locale)
    }
    translations = {
        (t.source.object_id, t.target_locale_id): t
        for t in Translation.objects.filter(source__in=sources.values()).select_related("source")
    }
    rows = []
    for page in pages:
        cells = []
        for code, _name in languages:
            locale = locales.get(code)
            target = translated.get((page.translation_key, locale.pk)) if locale else None
            source = sources.get(page.translation_key)
            translation = translations.get((page.translation_key, locale.pk)) if locale else None
            cells.append(_cell(page, target, source, translation, workflows))
        rows.append((page, cells))
    return {"languages": languages, "rows": rows}


def _cell(page, target, source, translation, workflows):
    if target is None:
        url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
        return Cell("not_started", url=url)
    url = reverse("wagtailadmin_pages:edit", args=[target.pk])
    total, done = translation.get_progress() if translation else (0, 0)
    percent = round(100 * done / total) if total else 100
    changed_at = page.latest_revision_created_at or page.last_published_at
    if source is None or (changed_at and changed_at > source.last_updated_at):
        return Cell("out_of_date", percent, url)
    workflow = workflows.get(target.pk)
    if workflow and workflow.status == WorkflowState.STATUS_IN_PROGRESS:
        return Cell("awaiting_review", percent, url)
    if target.live and not target.has_unpublished_changes and percent == 100:
        return Cell("published", percent, url)
    return Cell("in_progress", percent, url)
