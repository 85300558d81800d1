"""Reminders and the Publishers' digest, with a frozen clock: N days before the due date, then
daily while late; never twice a day, never once submitted, never to whoever switched off."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import Workflow

from reports.assignments.reminders import send_reminders
from reports.models import ProductionEmailSettings
from reports.models.assignment_forms import save_assignment
from reports.roles import WORKFLOW
from tests.reports.conftest import make_user

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
DUE = datetime.date(2031, 3, 10)


def at(day, hour=9, minute=0):
    return time_machine.travel(
        datetime.datetime(2031, 3, day, hour, minute, tzinfo=UTC), tick=False
    )


def sent_to(username):
    return [m for m in mail.outbox if m.to == [f"{username}@example.org"]]


@pytest.fixture
def team(roles):
    group = Group.objects.create(name="Zuul writers")
    zoe = make_user("zoe")
    oscar = make_user("oscar")  # switched reminders off
    group.user_set.add(zoe, oscar)
    ProductionEmailSettings.objects.create(user=oscar, reminders=False)
    return group


@pytest.fixture
def assigned(small_section, team, publisher, settings):
    settings.ASSIGNMENT_REMINDER_DAYS = 3
    settings.PRODUCTION_EMAIL_HOUR = 8
    with at(1):
        save_assignment(
            small_section,
            {"group": team, "due_date": DUE, "brief": "300-600 words; three figures."},
            publisher,
        )
    return small_section


def run_day(day, hour=9):
    before = len(mail.outbox)
    with at(day, hour):
        send_reminders()
    return mail.outbox[before:]


def test_a_reminder_n_days_before_then_daily_when_late_never_twice_a_day(assigned):
    assert run_day(6) == []  # four days before: not yet
    assert run_day(7, hour=7) == []  # three days before, but before the e-mail hour
    [first] = run_day(7)
    assert first.to == ["zoe@example.org"]  # oscar switched them off
    assert "Zuul · 20" in first.body and "due in 3 days (10 March 2031)" in first.body
    assert "Brief: 300-600 words; three figures." in first.body
    assert f"Edit it: http://testserver/admin/pages/{assigned.pk}/edit/" in first.body
    assert not first.alternatives  # plain text
    assert first.extra_headers["Auto-Submitted"] == "auto-generated"  # Wagtail's mailer
    assert run_day(7, hour=18) == []  # never twice a day
    assert run_day(8) == run_day(9) == run_day(10) == []  # reminded once before it is due
    [late] = run_day(11)
    assert "1 day late" in late.body and late.subject == "Annual report: your section is late"
    assert run_day(11, hour=20) == []
    [later] = run_day(12)
    assert "2 days late" in later.body
    assert sent_to("oscar") == []


def test_no_reminder_once_the_section_is_submitted(assigned):
    assert run_day(7) != []
    with at(8, hour=8, minute=30):
        assigned.get_latest_revision_as_object().save_revision()
        Workflow.objects.get(name=WORKFLOW).start(assigned, make_user("zed"))
    assert run_day(8) == []
    assert run_day(12) == []


def test_a_late_section_sent_back_for_changes_is_reminded_again(assigned, publisher):
    with at(9):
        workflow_state = Workflow.objects.get(name=WORKFLOW).start(assigned, publisher)
        workflow_state.current_task_state.task.specific.on_action(
            workflow_state.current_task_state, publisher, "reject"
        )
    [mail_] = run_day(11)
    assert "1 day late" in mail_.body


def test_nobody_who_switched_off_gets_one(assigned):
    zoe = assigned.assignment.group.user_set.get(username="zoe")
    ProductionEmailSettings.objects.create(user=zoe, reminders=False)
    assert run_day(7) == []
    assert run_day(11) == []
    assert mail.outbox == []
