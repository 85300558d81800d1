from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from reports import admin_urls
from reports.models import AnnualReportIndexPage, AnnualReportPage


@hooks.register("register_admin_urls")
def register_edition_admin_urls():
    return [path("editions/", include(admin_urls, namespace="reports_editions"))]


class EditionsMenuItem(MenuItem):
    def is_shown(self, request):
        index = AnnualReportIndexPage.objects.first()
        return bool(index and index.permissions_for_user(request.user).can_edit())


@hooks.register("register_admin_menu_item")
def register_editions_menu_item():
    return EditionsMenuItem(
        "Editions", reverse("reports_editions:index"), icon_name="doc-full-inverse", order=150
    )


def _unreleased_edition(page):
    """The edition `page` belongs to (or is), when that edition is not live yet."""
    if isinstance(page.specific_deferred, AnnualReportPage):
        edition = page
    else:
        edition = AnnualReportPage.objects.ancestor_of(page).first()
    return edition if edition is not None and not edition.live else None


@hooks.register("construct_page_action_menu")
def publish_unreleased_editions_whole(menu_items, request, context):
    page = context.get("page")
    if page is None or page.pk is None:
        page = context.get("parent_page")
    if page is not None and _unreleased_edition(page):
        menu_items[:] = [item for item in menu_items if item.name not in {"action-publish"}]


@hooks.register("before_edit_page")
def refuse_publishing_part_of_an_unreleased_edition(request, page):
    if request.method == "POST" and "action-publish" in request.POST:
        edition = _unreleased_edition(page)
        if edition is not None:
            messages.error(
                request,
                f"The {edition.specific.year} edition is published as a whole, from its dashboard.",
            )
            return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_create_page")
def refuse_publishing_new_pages_of_an_unreleased_edition(request, parent_page, page_class):
    publishing = request.method == "POST" and "action-publish" in request.POST
    if publishing and (
        _unreleased_edition(parent_page) or issubclass(page_class, AnnualReportPage)
    ):
        messages.error(request, "An edition is published as a whole, from its dashboard.")
        return redirect(
            "wagtailadmin_pages:add",
            page_class._meta.app_label,
            page_class._meta.model_name,
            parent_page.pk,
        )
