"""Requests per second of the read-only API beside the HTML edition page, in-process (Django's
test client, one thread, no cache): the ratio says what an uncached API answer costs."""

import time

from benchmarks.setup import fresh_site


def _rate(client, url, seconds=3.0):
    client.get(url)
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        count += 1
    return count / (time.perf_counter() - start)


def main():
    from django.apps import apps

    if not apps.ready:
        fresh_site(prefix="oif-bench-api-")
    from django.test import Client

    from reports.models import ProjectUpdatePage

    client = Client()
    zuul = ProjectUpdatePage.objects.get(slug="zuul")
    urls = {
        "HTML edition page (reference)": "/annual-reports/2020/",
        "API detail (Zuul update, all fields)": f"/api/v2/pages/{zuul.pk}/",
        "API list (2020 edition, 32 pages)": "/api/v2/pages/?year=2020&limit=50",
        "API list with bodies (project updates)": (
            "/api/v2/pages/?type=reports.ProjectUpdatePage&fields=body,project&limit=50"
        ),
        "figures.csv (2020 edition)": "/annual-reports/2020/figures.csv",
    }
    reference = None
    for label, url in urls.items():
        rate = _rate(client, url)
        reference = reference or rate
        print(f"{label:42} {rate:8.1f} req/s  x{rate / reference:.2f}")
