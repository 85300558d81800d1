"""The groups staff and project teams work in, and the review workflow on editions.

Editors write and submit; Publishers approve, publish, schedule and unpublish; a project team
may edit only its own project's update, in every edition; the translators of a language may
edit that language's pages only (its own page tree) and submit them for review.
`setup_roles` (re)applies all of it.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from projects.models import ProjectIndexPage, ProjectPage, WorkingGroupIndexPage
from reports.models import AnnualReportIndexPage

EDITORS = "Editors"
PUBLISHERS = "Publishers"
WORKFLOW = "Edition review"
APPROVAL_TASK = "Publisher approval"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page"],
    PUBLISHERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
MODEL_PERMISSIONS = {
    EDITORS: ["wagtailadmin.access_admin", "reports.add_person", "reports.change_person"],
    PUBLISHERS: [
        "wagtailadmin.access_admin",
        "reports.add_person",
        "reports.change_person",
        "reports.delete_person",
        "reports.change_sectionassignment",
    ],
}
COLLECTION_PERMISSIONS = {
    EDITORS: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
    ],
    PUBLISHERS: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
}
TEAM_PERMISSIONS = ["wagtailadmin.access_admin"]
TRANSLATOR_PAGE_PERMISSIONS = ["change_page", "lock_page"]
TEAM_COLLECTION_PERMISSIONS = ["wagtailimages.add_image", "wagtailimages.choose_image"]


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permission(codename):
    return Permission.objects.get(
        content_type=ContentType.objects.get_for_model(Page), codename=codename
    )


def team_name(project):
    return f"{project.title} team"


@transaction.atomic
def setup_roles():
    """Create or complete the groups, their permissions and the edition review workflow."""
    roots = [
        *AnnualReportIndexPage.objects.all(),
        *ProjectIndexPage.objects.all(),
        *WorkingGroupIndexPage.objects.all(),
    ]
    root_collection = Collection.get_first_root_node()
    groups = {}
    for name in (EDITORS, PUBLISHERS):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(*[_permission(p) for p in MODEL_PERMISSIONS[name]])
        for root in roots:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=_page_permission(codename)
                )
        for dotted in COLLECTION_PERMISSIONS[name]:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=_permission(dotted)
            )

    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK)
    task.groups.add(groups[PUBLISHERS])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index in AnnualReportIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})

    teams = setup_project_teams()
    groups.update(setup_translators())
    return groups, teams


def translators_name(language_code):
    return f"Translators ({dict(settings.WAGTAIL_CONTENT_LANGUAGES)[language_code]})"


def setup_translators():
    """One group per translation language, allowed to edit the pages of that language's tree
    (from its home page down: the translations of every edition, profile and index) and to
    submit them to the edition review workflow. Languages not translated yet get their group
    and, once their first page exists, run setup_roles again to grant it."""
    groups = {}
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        group, _ = Group.objects.get_or_create(name=translators_name(code))
        group.permissions.add(*[_permission(p) for p in TEAM_PERMISSIONS])
        locale = Locale.objects.filter(language_code=code).first()
        roots = Page.objects.filter(depth=2, locale=locale) if locale else Page.objects.none()
        for root in roots:
            for codename in TRANSLATOR_PAGE_PERMISSIONS:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=_page_permission(codename)
                )
        groups[group.name] = group
    return groups


def setup_project_teams():
    """One group per project, allowed to edit that project's update in every edition."""
    teams = {}
    change = _page_permission("change_page")
    for project in ProjectPage.objects.all():
        group, _ = Group.objects.get_or_create(name=team_name(project))
        group.permissions.add(*[_permission(p) for p in TEAM_PERMISSIONS])
        root_collection = Collection.get_first_root_node()
        for dotted in TEAM_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=_permission(dotted)
            )
        for update in project.updates.all():
            GroupPagePermission.objects.get_or_create(group=group, page=update, permission=change)
        teams[project.slug] = group
    return teams
