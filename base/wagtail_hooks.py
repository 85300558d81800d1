from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def save_rich_text_before_sending():
    """Nothing typed is lost to the rich-text editor's save delay (docs/admin-fixes.md)."""
    return format_html('<script src="{}"></script>', static("js/admin-save-rich-text.js"))
