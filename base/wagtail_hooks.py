from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.rich_text.pages import PageLinkHandler

from base.richtext import cached_pages


class CachedPageLinkHandler(PageLinkHandler):
    """Wagtail's page link handler, answering from the page-link cache when there is one
    (base/richtext.py). Base pages, not specific ones: a link needs only the page's URL."""

    @classmethod
    def get_many(cls, attrs_list):
        pages = cached_pages([attrs.get("id") for attrs in attrs_list])
        return super().get_many(attrs_list) if pages is None else pages


@hooks.register("register_rich_text_features", order=100)
def register_cached_page_links(features):
    # After Wagtail's own registration (order 0), which this replaces.
    features.register_link_type(CachedPageLinkHandler)


@hooks.register("insert_global_admin_js")
def save_rich_text_before_sending():
    """Nothing typed is lost to the rich-text editor's save delay (docs/admin-fixes.md)."""
    return format_html('<script src="{}"></script>', static("js/admin-save-rich-text.js"))
