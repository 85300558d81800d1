"""The published 2020 edition and a draft 2021 edition, shared with the reports tests."""

from tests.reports.conftest import draft_edition, edition_2020, roles  # noqa: F401
