"""One JSON line per request, with its id; no secret and no e-mail address in any line."""

import datetime
import json
import logging
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone

from reports.models import AnnualReportPage, EditionRelease, ReviewLink
from reports.publishing import publish_edition, release_due_editions, unpublish_edition

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-41"
WRONG = "wrong-guess-password-77"
EMAIL = "olive.operator@example.org"


class Lines(logging.Handler):
    """Every record, formatted by the site's own JSON formatter, as it would be written."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        formatter = settings.LOGGING["formatters"]["json"]
        self.setFormatter(formatter["()"](**{k: v for k, v in formatter.items() if k != "()"}))
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def log_lines():
    handler = Lines()
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler.lines
    root.removeHandler(handler)
    root.setLevel(level)


def test_a_visit_logs_one_json_line_with_its_request_id(log_lines):
    Client().get("/annual-reports/2020/", headers={"X-Request-ID": "trace-77"})
    requests = [json.loads(line) for line in log_lines if '"event": "request"' in line]
    assert len(requests) == 1
    line = requests[0]
    assert line["request_id"] == "trace-77"
    assert line["method"] == "GET"
    assert line["route"] == "wagtail_serve"
    assert line["status"] == 200
    assert line["duration_ms"] > 0
    assert "user_id" not in line
    assert re.match(r"\d{4}-\d\d-\d\dT", line["timestamp"])


def test_logs_keep_no_password_session_csrf_review_token_or_email(log_lines):
    user = get_user_model().objects.create_superuser("olive", EMAIL, PASSWORD)
    browser = Client(enforce_csrf_checks=True)
    browser.get("/admin/login/")
    csrf = browser.cookies["csrftoken"].value
    failed = browser.post(
        "/admin/login/", {"username": "olive", "password": WRONG, "csrfmiddlewaretoken": csrf}
    )
    assert failed.status_code == 200
    browser.post(
        "/admin/login/", {"username": "olive", "password": PASSWORD, "csrfmiddlewaretoken": csrf}
    )
    session = browser.cookies["sessionid"].value
    assert browser.get("/admin/").status_code == 200
    edition = AnnualReportPage.objects.get(year=2020)
    _link, token = ReviewLink.create(
        edition, user=user, expires_at=timezone.now() + datetime.timedelta(days=1)
    )
    assert Client().get(f"/review/{token}/").status_code == 200
    assert Client().get(f"/review/{token}x/").status_code == 404  # Django logs "Not Found"

    anonymous = Client()
    anonymous.get("/admin/password_reset/")
    anonymous.post(
        "/admin/password_reset/",
        {"email": EMAIL, "csrfmiddlewaretoken": anonymous.cookies["csrftoken"].value},
    )
    reset_url = re.search(
        r"https?://[^/\s]+(/admin/password_reset/confirm/\S+)", mail.outbox[-1].body
    )
    reset_path = reset_url.group(1)
    anonymous.get(reset_path, follow=True)

    text = "\n".join(log_lines)
    assert text.count('"event": "request"') >= 9
    admin = [json.loads(line) for line in log_lines if '"/admin/"' in line]
    assert admin and admin[0]["user_id"] == user.pk  # who did what in the admin
    secrets = {
        "password": PASSWORD,
        "failed password": WRONG,
        "session id": session,
        "CSRF token": csrf,
        "review token": token,
        "e-mail address": EMAIL,
        "reset token": reset_path.rstrip("/").split("/")[-1],
    }
    leaked = [name for name, secret in secrets.items() if secret in text]
    assert leaked == []
    assert "/review/[redacted]" in text or "review/<str:token>/" in text


def test_publishing_and_unpublishing_log_one_summary_each(
    log_lines, admin_user, django_capture_on_commit_callbacks, keep_2020_pdf
):
    edition = AnnualReportPage.objects.get(year=2020)
    with django_capture_on_commit_callbacks(execute=True):
        unpublish_edition(edition, user=admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        publish_edition(edition, user=admin_user)
    events = [json.loads(line) for line in log_lines if '"logger": "reports.publishing"' in line]
    assert [e["event"] for e in events] == ["edition_unpublished", "edition_published"]
    for event in events:
        assert event["edition_id"] == edition.pk
        assert event["pages"] > 10
        assert event["user_id"] == admin_user.pk
        assert event["duration_ms"] > 0


def test_a_scheduled_release_logs_one_summary(
    log_lines, admin_user, django_capture_on_commit_callbacks, keep_2020_pdf
):
    edition = AnnualReportPage.objects.get(year=2020)
    with django_capture_on_commit_callbacks(execute=True):
        unpublish_edition(edition, user=admin_user)
    EditionRelease.objects.create(
        edition=edition, release_at=timezone.now(), scheduled_by=admin_user
    )
    log_lines.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert release_due_editions() == [(edition, "released")]
    events = [json.loads(line) for line in log_lines if '"logger": "reports.publishing"' in line]
    assert [(e["event"], e["user_id"]) for e in events] == [("edition_released", admin_user.pk)]
    assert events[0]["pages"] > 10
