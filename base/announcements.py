"""The announcement banner above every page: a translatable snippet the site settings choose,
since Wagtail's settings cannot be translated (wagtail/wagtail#11508)."""

from django.db import models
from django.db.models import OuterRef, Subquery, Value
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField


@register_snippet
class Announcement(TranslatableMixin, models.Model):
    """One announcement and its translations (made with wagtail-localize, like people's);
    the address is the source's in every language."""

    text = models.CharField(max_length=300, help_text="Shown in a banner above every page.")
    link_label = models.CharField(
        max_length=60, blank=True, help_text='The link\'s words. Empty: "Find out more".'
    )
    url = models.URLField(blank=True, help_text="Where the link leads. Empty: no link.")

    panels = [FieldPanel("text"), FieldPanel("link_label"), FieldPanel("url")]
    override_translatable_fields = [SynchronizedField("url", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        app_label = "base"

    def __str__(self):
        return self.text

    def in_language(self, language_code, translated=None):
        """(announcement, its language) for a reader of `language_code`: the translation if
        there is one, else this one in its own language, so the banner can say `lang`.
        `translated`: that translation or False for none, when already known (fetched with the
        site settings); else it is looked up, one query."""
        own = self.locale.language_code
        if not language_code or language_code == own:
            return self, own
        if translated is None:
            translated = (
                Announcement.objects.filter(
                    translation_key=self.translation_key, locale__language_code=language_code
                ).first()
                or False
            )
        # A translation started but not done carries the source's text (wagtail-localize
        # copies it until each string is translated): that text is still in the source's.
        if not translated or translated.text == self.text:
            return translated or self, own
        return translated, language_code


TRANSLATED = ("id", "text", "link_label", "url")


def translation_annotations(language_code):
    """For a query of the site settings: their announcement's translation into
    `language_code` (id, text, link label, address; None where there is none), in the same
    SQL query, so that the banner of a translated page needs none of its own."""
    translations = Announcement.objects.filter(
        translation_key=OuterRef("announcement__translation_key"),
        locale__language_code=language_code,
    )
    return {
        "announcement_translated_language": Value(language_code),
        **{
            f"announcement_translated_{name}": Subquery(translations.values(name)[:1])
            for name in TRANSLATED
        },
    }


def annotated_translation(site_settings, language_code):
    """The translation `translation_annotations` fetched with these settings (False: none), or
    None when they were fetched for another language (or without)."""
    if getattr(site_settings, "announcement_translated_language", None) != language_code:
        return None
    pk = site_settings.announcement_translated_id
    if pk is None:
        return False
    fields = {
        name: getattr(site_settings, f"announcement_translated_{name}") for name in TRANSLATED
    }
    return Announcement(**fields, translation_key=site_settings.announcement.translation_key)
