"""The assignment's fields, in the page editor and on the dashboard, and how a change is saved.

Only people allowed to change assignments (Publishers) may edit them; everyone else sees the
brief and the due date read-only, above the section they write.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminDateInput
from wagtail.log_actions import log
from wagtail.models import GroupPagePermission, Page

from .assignments import SectionAssignment

CHANGE_PERMISSION = "reports.change_sectionassignment"
FIELDS = ("group", "people", "due_date", "brief")


def user_label(user):
    return user.get_full_name() or user.get_username()


class PeopleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return user_label(obj)


def group_field():
    return forms.ModelChoiceField(Group.objects.order_by("name"), required=False, label="Group")


def people_field():
    people = get_user_model().objects.filter(is_active=True).order_by("first_name", "username")
    return PeopleField(people, required=False, label="People")


def due_date_field():
    return forms.DateField(required=False, label="Due date", widget=AdminDateInput())


def brief_field():
    return forms.CharField(
        required=False,
        max_length=1000,
        label="Brief",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=SectionAssignment._meta.get_field("brief").help_text,
    )


def assignment_fields(prefix=""):
    """Fresh form fields for an assignment, named `<prefix><field>`."""
    return {
        f"{prefix}group": group_field(),
        f"{prefix}people": people_field(),
        f"{prefix}due_date": due_date_field(),
        f"{prefix}brief": brief_field(),
    }


def initial_values(assignment, prefix=""):
    if assignment is None:
        return {}
    return {
        f"{prefix}group": assignment.group_id,
        f"{prefix}people": list(assignment.people.all()),
        f"{prefix}due_date": assignment.due_date,
        f"{prefix}brief": assignment.brief,
    }


def may_assign(user):
    return bool(user and user.has_perm(CHANGE_PERMISSION))


@transaction.atomic
def save_assignment(page, values, user=None):
    """Create, change or (all fields empty) remove the page's assignment; log what changed.

    A group given the section may edit it. Saving confirms a carried-over assignment."""
    assignment = SectionAssignment.objects.filter(page=page).first()
    people = list(values.get("people") or [])
    empty = not (values.get("group") or people or values.get("due_date") or values.get("brief"))
    if empty:
        if assignment is not None:
            assignment.delete()
            log(instance=page, action="reports.assign", user=user, data={"assignee": ""})
        return None
    before = describe(assignment)
    if assignment is None:
        assignment = SectionAssignment(page=page, assigned_by=user)
    assignment.group = values.get("group")
    assignment.due_date = values.get("due_date")
    assignment.brief = values.get("brief") or ""
    changed_by_hand = assignment.pk is None or before != _describe_values(values, people)
    if changed_by_hand:
        assignment.assigned_at = timezone.now()
        assignment.assigned_by = user
    assignment.confirmed = True
    assignment.save()
    assignment.people.set(people)
    if assignment.group_id:
        grant_editing(assignment.group, page)
    after = describe(assignment)
    if after != before:
        log(instance=page, action="reports.assign", user=user, data=after)
    return assignment


def grant_editing(group, page):
    change = Permission.objects.get(
        content_type=ContentType.objects.get_for_model(Page), codename="change_page"
    )
    GroupPagePermission.objects.get_or_create(group=group, page=page, permission=change)


def describe(assignment):
    """What the page history records of an assignment."""
    if assignment is None:
        return {}
    return {
        "assignee": assignment.assignee_label(),
        "due_date": assignment.due_date.isoformat() if assignment.due_date else "",
        "brief": assignment.brief,
    }


def _describe_values(values, people):
    names = [user_label(p) for p in people]
    if values.get("group"):
        names.insert(0, values["group"].name)
    due = values.get("due_date")
    return {
        "assignee": ", ".join(names),
        "due_date": due.isoformat() if due else "",
        "brief": values.get("brief") or "",
    }


class SectionPageForm(WagtailAdminPageForm):
    """The section editor, with the section's assignment above its content."""

    assignment_group = group_field()
    assignment_people = people_field()
    assignment_due_date = due_date_field()
    assignment_brief = brief_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        assignment = None
        if self.instance.pk:
            assignment = SectionAssignment.objects.filter(page_id=self.instance.pk).first()
        self.initial.update(initial_values(assignment, "assignment_"))
        self.can_assign = may_assign(self.for_user)
        if not self.can_assign:
            for name in self.assignment_field_names:
                if name in self.fields:
                    self.fields[name].disabled = True
            self._show_only_the_assignees(assignment)

    def _show_only_the_assignees(self, assignment):
        """A contributor reads who the section is given to, not a list of every account."""
        people, group = self.fields.get("assignment_people"), self.fields.get("assignment_group")
        if people is not None:
            people.queryset = assignment.people.all() if assignment else people.queryset.none()
        if group is not None:
            group_id = assignment.group_id if assignment else None
            group.queryset = Group.objects.filter(pk=group_id)

    assignment_field_names = [f"assignment_{name}" for name in FIELDS]

    def save(self, commit=True):
        page = super().save(commit=commit)
        if self.can_assign and any(n in self.changed_data for n in self.assignment_field_names):
            values = {name: self.cleaned_data.get(f"assignment_{name}") for name in FIELDS}
            if page.pk:
                save_assignment(page, values, self.for_user)
            else:  # a new page: saved once it exists (after_create_page hook)
                page._pending_assignment = (values, self.for_user)
        return page
