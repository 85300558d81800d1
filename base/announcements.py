"""The announcement banner above every page: a translatable snippet the site settings choose,
since Wagtail's settings cannot be translated (wagtail/wagtail#11508)."""

from django.db import models
from django.utils import translation
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

    def in_language(self, language_code=None):
        """(announcement, its language) to show a reader of `language_code` (the active
        language): the translation if there is one, else this one in its own language, so
        the banner can say `lang`. One query, none when this is in that language already
        (its locale is fetched with the site settings)."""
        language_code = language_code or translation.get_language()
        own = self.locale.language_code
        shown = self
        if language_code and language_code != own:
            translated = (
                Announcement.objects.filter(
                    translation_key=self.translation_key, locale__language_code=language_code
                )
                .select_related("locale")
                .first()
            )
            shown = translated or self
        # A translation started but not done carries the source's text (wagtail-localize
        # copies it until each string is translated): that text is still in the source's.
        if shown is not self and shown.text == self.text:
            return shown, own
        return shown, shown.locale.language_code
