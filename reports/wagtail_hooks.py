from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from reports import admin_urls
from reports.assignments.admin_ui import ProductionEmailsPanel, add_your_sections
from reports.compare import counterpart
from reports.models import AnnualReportIndexPage, AnnualReportPage, EditionSectionPage
from reports.models.assignment_forms import save_assignment
from reports.views.credits import credits_viewset


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


@hooks.register("register_log_actions")
def register_edition_log_actions(actions):
    @actions.register_action("reports.start_next_edition")
    class StartedEdition(LogFormatter):
        label = "Start the next edition"

        def format_message(self, log_entry):
            data = log_entry.data
            return f"Started from the {data['from_year']} edition ({data['pages']} pages copied)"

    @actions.register_action("reports.assign")
    class Assigned(LogFormatter):
        label = "Assign the section"

        def format_message(self, log_entry):
            data = log_entry.data
            if not data.get("assignee") and not data.get("due_date"):
                return "Assignment removed"
            due = f", due {data['due_date']}" if data.get("due_date") else ""
            return f"Assigned to {data.get('assignee') or 'nobody'}{due}"

    @actions.register_action("reports.carried_over")
    class CarriedOver(LogFormatter):
        label = "Carry over last year's text on purpose"

        def format_message(self, log_entry):
            return "Marked as carried over from last year on purpose"

    @actions.register_action("reports.carried_over_withdrawn")
    class CarriedOverWithdrawn(LogFormatter):
        label = "Withdraw carrying over last year's text"

        def format_message(self, log_entry):
            return "No longer carried over on purpose: to be updated"


@hooks.register("construct_homepage_panels")
def show_your_sections_first(request, panels):
    add_your_sections(request, panels)


@hooks.register("construct_homepage_summary_items", order=1000)
def summarise_the_site_for_staff_only(request, summary_items):
    """A project team's member has nothing to do with "1 Page" or the site's counts."""
    index = AnnualReportIndexPage.objects.first()
    if not (index and index.permissions_for_user(request.user).can_edit()):
        summary_items.clear()


@hooks.register("register_account_settings_panel")
def production_emails_panel(request, user, profile):
    return ProductionEmailsPanel(request, user, profile)


@hooks.register("after_create_page")
def save_the_new_sections_assignment(request, page):
    pending = getattr(page, "_pending_assignment", None)
    if pending:
        save_assignment(page, *pending)


@hooks.register("register_page_header_buttons")
def compare_with_previous_edition(page, user, view_name, next_url=None):
    """ "Compare with 2020" in the header of every section (and edition) that has one."""
    model = page.specific_class
    if model is None or not issubclass(model, (EditionSectionPage, AnnualReportPage)):
        return
    if not page.permissions_for_user(user).can_edit():
        return
    previous = counterpart(page)
    if previous is not None:
        year = previous.year if isinstance(previous, AnnualReportPage) else previous.edition_year
        yield Button(
            f"Compare with {year}",
            reverse("reports_editions:compare_with_previous", args=[page.pk]),
            icon_name="history",
            priority=66,
        )


def _edition_of(page):
    """The edition `page` belongs to, or is; None outside editions."""
    if isinstance(page.specific_deferred, AnnualReportPage):
        return page
    return AnnualReportPage.objects.ancestor_of(page).first()


def _unreleased_edition(page):
    """The edition `page` belongs to (or is), when that edition is not live yet."""
    edition = _edition_of(page)
    return edition if edition is not None and not edition.live else None


@hooks.register("construct_page_action_menu")
def publish_unreleased_editions_whole(menu_items, request, context):
    page = context.get("page")
    if page is None or page.pk is None:
        page = context.get("parent_page")
    if page is None:
        return
    edition = _edition_of(page)
    if edition is None:
        return
    if not edition.live:
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
    for item in menu_items:
        # Approval inside an edition does not publish (reports/workflows.py): say so.
        if item.name == "approve":
            item.label = str(item.label).removesuffix(" and Publish")


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_part_of_an_unreleased_edition(request, action_type, objects, action):
    if action_type != "publish":
        return None
    blocked = [page for page in objects if _unreleased_edition(page)]
    if blocked:
        messages.error(
            request,
            f"“{blocked[0].title}” belongs to an edition that is not live yet: editions are "
            "published as a whole, from their dashboard.",
        )
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = reverse("wagtailadmin_explore_root")
        return redirect(next_url)
    return None


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


@hooks.register("register_admin_viewset")
def register_translation_credits():
    return credits_viewset
