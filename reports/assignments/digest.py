"""The Publishers' daily digest: every change to the editions' pages since their last digest,
from Wagtail's own page history (edits, submissions, approvals, comments, assignments)."""

import datetime
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.admin.mail import send_mail
from wagtail.models import PageLogEntry

from reports.models import AnnualReportIndexPage, DigestLog, ProductionEmailSettings
from reports.roles import PUBLISHERS

from .reminders import admin_url, sending_time


def changes_between(since, until):
    """The log entries of pages inside the editions, oldest first."""
    index = AnnualReportIndexPage.objects.first()
    if index is None:
        return []
    return list(
        PageLogEntry.objects.filter(
            timestamp__gt=since,
            timestamp__lte=until,
            page__path__startswith=index.path,
            page__depth__gt=index.depth,
        )
        .select_related("user", "page")
        .order_by("timestamp", "pk")
    )


def digest_text(user, entries):
    by_page = defaultdict(list)
    for entry in entries:
        by_page[entry.page_id].append(entry)
    lines = [
        f"Hello {user.get_full_name() or user.get_username()},",
        "",
        f"{len(entries)} change{'s' if len(entries) != 1 else ''} to the annual report "
        "since your last digest:",
    ]
    for page_entries in by_page.values():
        page = page_entries[0].page
        title = page.specific_deferred.get_admin_display_title() if page else page_entries[0].label
        lines += ["", title]
        for entry in page_entries:
            local = timezone.localtime(entry.timestamp)
            lines.append(f"  {local:%Y-%m-%d %H:%M} {entry.user_display_name}: {entry.message}")
        if page:
            lines.append(f"  {admin_url('wagtailadmin_pages:edit', page.pk)}")
    lines += [
        "",
        f"The editions: {admin_url('reports_editions:index')}",
        f"Switch this digest off in your account settings: {admin_url('wagtailadmin_account')}",
    ]
    return "\n".join(lines) + "\n"


def publishers():
    return (
        get_user_model()
        .objects.filter(groups__name=PUBLISHERS, is_active=True, email__gt="")
        .distinct()
    )


def send_digests(now=None):
    """Once a day, each Publisher gets what changed since their last digest (nothing changed,
    no e-mail); returns how many e-mails were sent."""
    when = sending_time(now)
    if when is None:
        return 0
    now, today = when
    sent = 0
    for user in publishers():
        if not ProductionEmailSettings.wants(user, "digest"):
            continue
        if DigestLog.objects.filter(user=user, sent_on=today).exists():
            continue
        last = DigestLog.objects.filter(user=user).order_by("-covered_until").first()
        since = last.covered_until if last else now - datetime.timedelta(days=1)
        entries = changes_between(since, now)
        try:
            with transaction.atomic():
                DigestLog.objects.create(
                    user=user, sent_on=today, covered_until=now, entries=len(entries)
                )
                if entries:
                    subject = f"Annual report: {len(entries)} change(s) since yesterday"
                    send_mail(subject, digest_text(user, entries), [user.email])
                    sent += 1
        except IntegrityError:
            continue
    return sent
