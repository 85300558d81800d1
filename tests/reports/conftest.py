"""People in each role, a draft edition to work on, and a small published edition with its PDF."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage

from reports.models import AnnualReportPage, ProjectUpdatePage
from reports.next_edition import start_next_edition
from reports.roles import EDITORS, PUBLISHERS, setup_roles
from tests.reports.factories import AnnualReportPageFactory, ProjectUpdatePageFactory
from tests.reports.last_year import make_publishable
from tests.reports.pdf_helpers import make_edition


@pytest.fixture
def roles(db):
    return setup_roles()


def make_user(username, *groups):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="pw"
    )
    user.groups.add(*[Group.objects.get(name=g) for g in groups])
    return user


@pytest.fixture
def editor(roles):
    return make_user("eddie", EDITORS)


@pytest.fixture
def publisher(roles):
    return make_user("pat", PUBLISHERS)


@pytest.fixture
def zuul_team(roles, draft_edition):
    from reports.roles import setup_project_teams

    setup_project_teams()  # the 2021 Zuul update is new: the team gets it too
    return make_user("zoe", "Zuul team")


@pytest.fixture
def edition_2020(db):
    return AnnualReportPage.objects.get(year=2020)


@pytest.fixture
def draft_edition(roles, edition_2020):
    """The 2021 edition, started from 2020: every page a draft."""
    return start_next_edition(edition_2020)


@pytest.fixture
def small_edition(roles):
    """An unreleased edition of one draft project update: cheaper than a whole 2021 copy."""
    edition = AnnualReportPageFactory(publish=False, live=False)
    edition.save_revision()
    section = ProjectUpdatePageFactory(parent=edition, publish=False, live=False, title="Zuul")
    section.save_revision()
    return edition


@pytest.fixture
def small_section(small_edition):
    return ProjectUpdatePage.objects.child_of(small_edition).get()


@pytest.fixture
def ready_edition(draft_edition):
    """The 2021 edition as a Publisher leaves it to publish it: its copied sections carried
    over on purpose and its description no longer naming 2020."""
    return make_publishable(draft_edition)


@pytest.fixture
def edition(db, django_capture_on_commit_callbacks):
    """A small edition with every kind of block, published: its PDF is built on commit."""
    with django_capture_on_commit_callbacks(execute=True):
        edition = make_edition()
    yield edition
    folder = f"annual-reports/pdf/{edition.year}"
    if default_storage.exists(folder):  # this test's files: its rows are rolled back
        for name in default_storage.listdir(folder)[1]:
            default_storage.delete(f"{folder}/{name}")
