from django.templatetags.static import static
from django.utils.html import escape, format_html
from wagtail import hooks
from wagtail.rich_text.pages import PageLinkHandler

from base.richtext import cached_pages, localized_pages


class CachedPageLinkHandler(PageLinkHandler):
    """Wagtail's page link handler, answering from the page-link cache when there is one
    (base/richtext.py). Base pages, not specific ones: a link needs only the page's URL."""

    @classmethod
    def get_many(cls, attrs_list):
        pages = cached_pages([attrs.get("id") for attrs in attrs_list])
        if pages is not None:
            return pages
        # Wagtail's query fails on an id that is not a number, which only a forged editor
        # request can store: such a link leads nowhere rather than failing the page (or PDF).
        valid = [str(attrs.get("id", "")).isdigit() for attrs in attrs_list]
        found = iter(super().get_many([a for a, ok in zip(attrs_list, valid, strict=True) if ok]))
        return [next(found) if ok else None for ok in valid]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        # As Wagtail's (each link to the page in the reader's language), with the lookups of
        # the translations shared by the request rather than one per link.
        pages = localized_pages(cls.get_many(attrs_list))
        return [f'<a href="{escape(page.url)}">' if page else "<a>" for page in pages]


@hooks.register("register_rich_text_features", order=100)
def register_cached_page_links(features):
    # After Wagtail's own registration (order 0), which this replaces.
    features.register_link_type(CachedPageLinkHandler)


@hooks.register("insert_global_admin_js")
def save_rich_text_before_sending():
    """Nothing typed is lost to the rich-text editor's save delay (docs/admin-fixes.md)."""
    return format_html('<script src="{}"></script>', static("js/admin-save-rich-text.js"))
