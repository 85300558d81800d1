"""Reminders to the people a section is assigned to: once, N days before it is due, then daily
while it is late; never twice a day, never once it is submitted, never to someone who
switched them off (Account › Notifications). Run by the background worker (reports/tasks.py)."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.mail import send_mail

from reports.models import ProductionEmailSettings, ReminderLog, SectionAssignment
from reports.publishing import newest_workflow_states

from .board import SUBMITTED, section_state


def admin_url(name, *args):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def sending_time(now=None):
    """(now, today) once the day's e-mail hour has come, else None."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.hour < settings.PRODUCTION_EMAIL_HOUR:
        return None
    return now, local.date()


def _due_items(today):
    """{user: [(assignment, kind, days_left)]} of the reminders due today."""
    horizon = today + datetime.timedelta(days=settings.ASSIGNMENT_REMINDER_DAYS)
    assignments = list(
        SectionAssignment.objects.filter(
            confirmed=True, due_date__isnull=False, due_date__lte=horizon
        )
        .select_related("page", "group")
        .prefetch_related("people")
    )
    workflow = newest_workflow_states([a.page for a in assignments])
    sent = ReminderLog.objects.filter(assignment__in=assignments)
    sent_today = set(sent.filter(sent_on=today).values_list("assignment_id", "user_id"))
    warned = set(sent.filter(kind="before").values_list("assignment_id", "user_id", "due_date"))
    items = defaultdict(list)
    for assignment in assignments:
        state = section_state(assignment.page, workflow.get(assignment.page_id), assignment)
        if state in SUBMITTED:
            continue
        days_left = (assignment.due_date - today).days
        kind = "overdue" if days_left < 0 else "before"
        for user in assignment.recipients():
            if (assignment.pk, user.pk) in sent_today:
                continue
            if kind == "before" and (assignment.pk, user.pk, assignment.due_date) in warned:
                continue
            if not ProductionEmailSettings.wants(user, "reminders"):
                continue
            items[user].append((assignment, kind, days_left))
    return items


def _when(days_left):
    if days_left > 1:
        return f"due in {days_left} days"
    if days_left == 1:
        return "due tomorrow"
    if days_left == 0:
        return "due today"
    late = -days_left
    return f"{late} day{'s' if late > 1 else ''} late"


def reminder_text(user, items):
    lines = [f"Hello {user.get_full_name() or user.get_username()},", ""]
    lines.append("A section of the annual report assigned to you is waiting for you:")
    if len(items) > 1:
        lines[-1] = f"{len(items)} sections of the annual report assigned to you are waiting:"
    for assignment, _kind, days_left in items:
        page = assignment.page
        lines += [
            "",
            f"{page.specific_deferred.get_admin_display_title()}: {_when(days_left)} "
            f"({assignment.due_date:%d %B %Y})",
        ]
        if assignment.brief:
            lines.append(f"Brief: {assignment.brief}")
        lines.append(f"Edit it: {admin_url('wagtailadmin_pages:edit', page.pk)}")
    lines += [
        "",
        "Once you submit it for review, these reminders stop.",
        f"Switch them off in your account settings: {admin_url('wagtailadmin_account')}",
    ]
    return "\n".join(lines) + "\n"


def send_reminders(now=None):
    """E-mail today's reminders; returns how many e-mails were sent."""
    when = sending_time(now)
    if when is None:
        return 0
    _now, today = when
    sent = 0
    for user, items in _due_items(today).items():
        late = any(kind == "overdue" for _a, kind, _d in items)
        subject = (
            "Annual report: your section is late"
            if late
            else "Annual report: your section is due soon"
        )
        if len(items) > 1:
            subject = subject.replace("your section is", "your sections are")
        try:
            with transaction.atomic():  # the log and the e-mail together, or neither
                for assignment, kind, _days in items:
                    ReminderLog.objects.create(
                        assignment=assignment,
                        user=user,
                        kind=kind,
                        due_date=assignment.due_date,
                        sent_on=today,
                    )
                send_mail(subject, reminder_text(user, items), [user.email])
        except IntegrityError:  # another worker sent it a moment ago
            continue
        sent += 1
    return sent
