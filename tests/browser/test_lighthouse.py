"""Lighthouse (the npm package, on Debian's Chromium, mobile configuration) scores at least 95
in performance, accessibility, best practices and SEO on the home page, the 2020 edition and
a project profile, served by the production settings. scripts/lighthouse.py does the runs;
the median of three runs per page is kept, as performance varies from run to run."""

import pytest

from scripts.lighthouse import CATEGORIES, PAGES, score_pages

MIN_SCORE = 95


@pytest.fixture(scope="module")
def scores(site):
    return score_pages(site.url, runs=3, log=lambda line: None)


@pytest.mark.parametrize("name", PAGES)
def test_lighthouse_scores_at_least_95_in_every_category(scores, name):
    result = scores[name]
    low = {c: result["scores"][c] for c in CATEGORIES if result["scores"][c] < MIN_SCORE}
    assert low == {}, f"{name}: {low}; audits below 90: {result['failing']}"
