"""The Publishers' daily digest lists exactly what changed in the editions since the last one."""

import datetime

import pytest
import time_machine
from django.core import mail

from reports.assignments.digest import send_digests
from reports.models import ProductionEmailSettings
from reports.models.assignment_forms import save_assignment
from tests.reports.conftest import make_user

pytestmark = pytest.mark.django_db


def at(day, hour=9, minute=0):
    moment = datetime.datetime(2031, 3, day, hour, minute, tzinfo=datetime.UTC)
    return time_machine.travel(moment, tick=False)


def change_lines(message):
    """The digest's lines about changes: `  <date> <time> <who>: <what>`."""
    return [line.strip() for line in message.body.splitlines() if line.startswith("  2031-")]


@pytest.fixture
def zoe(roles):
    user = make_user("zoe")
    user.first_name, user.last_name = "Zoe", "Zuul"
    user.save()
    return user


def test_the_digest_lists_exactly_the_changes_since_the_last_one(
    small_section, publisher, zoe, settings
):
    settings.PRODUCTION_EMAIL_HOUR = 8
    other = make_user("olga", "Publishers")
    ProductionEmailSettings.objects.create(user=other, digest=False)
    with at(1, 9):
        send_digests()  # the first digest covers the day before it
    mail.outbox.clear()
    with at(1, 10):
        save_assignment(small_section, {"people": [zoe], "due_date": datetime.date(2031, 3, 9)})
    with at(1, 15, 30):
        small_section.get_latest_revision_as_object().save_revision(user=zoe, log_action=True)
    with at(2, 8, 30):
        small_section.get_latest_revision_as_object().save_revision(user=zoe, log_action=True)

    with at(2, 7):
        assert send_digests() == 0  # before the hour
    with at(2, 9):
        assert send_digests() == 1
    [digest] = mail.outbox
    assert digest.to == ["pat@example.org"]  # olga switched it off
    assert change_lines(digest) == [
        "2031-03-01 10:00 system: Assigned to Zoe Zuul, due 2031-03-09",
        "2031-03-01 15:30 Zoe Zuul: Draft saved",
        "2031-03-02 08:30 Zoe Zuul: Draft saved",
    ]
    assert small_section.get_admin_display_title() in digest.body
    assert f"http://testserver/admin/pages/{small_section.pk}/edit/" in digest.body
    assert not digest.alternatives
    assert digest.extra_headers["Auto-Submitted"] == "auto-generated"

    with at(2, 9, 30):
        small_section.get_latest_revision_as_object().save_revision(user=zoe, log_action=True)
    with at(2, 18):
        assert send_digests() == 0  # once a day
    with at(3, 9):
        assert send_digests() == 1
    assert change_lines(mail.outbox[1]) == ["2031-03-02 09:30 Zoe Zuul: Draft saved"]
    with at(4, 9):
        assert send_digests() == 0  # nothing changed: no e-mail
