"""The API shows only what a visitor can read: no draft, no private page, no unreleased edition,
no revision or person's data, through any endpoint, field or filter."""

import pytest
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from reports.models import ProjectUpdatePage
from tests.oif_site.api.helpers import dump
from tests.reports.factories import GeneralSectionPageFactory
from tests.reports.helpers import write_png

pytestmark = pytest.mark.django_db

MARKER = "zq7apimarker"


@pytest.fixture
def hidden(edition_2020, draft_edition, tmp_path):
    """A marker in every place the public must not see; the ids of the pages holding it."""
    zuul = ProjectUpdatePage.objects.descendant_of(edition_2020).get(slug="zuul")
    draft = zuul.get_latest_revision_as_object()
    draft.title = f"Zuul {MARKER}"
    draft.body = [("text", RichText(f"<p>{MARKER} draft of a live page</p>"))]
    draft.save_revision()
    never = GeneralSectionPageFactory(
        parent=edition_2020,
        title=f"Unpublished {MARKER}",
        slug="never",
        publish=False,
        live=False,
        body=[("text", RichText(f"<p>{MARKER} never published</p>"))],
    )
    private = GeneralSectionPageFactory(
        parent=edition_2020,
        title=f"Private {MARKER}",
        slug="private",
        body=[("text", RichText(f"<p>{MARKER} behind a password</p>"))],
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    early = ProjectUpdatePage.objects.descendant_of(draft_edition).get(slug="kata-containers")
    version = early.get_latest_revision_as_object()
    version.title = f"Early {MARKER}"
    version.body = [("text", RichText(f"<p>{MARKER} of an unreleased edition</p>"))]
    version.save_revision().publish()
    png = write_png(tmp_path / "secret.png")
    image = get_image_model().objects.create(
        title=f"Image {MARKER}", file=ImageFile(png.open("rb"), name="secret.png")
    )
    draft.body = [("image", {"image": image, "alt_text": MARKER, "caption": ""})]
    draft.save_revision()
    return {
        "never": never.pk,
        "private": private.pk,
        "early": early.pk,
        "edition": draft_edition.pk,
    }


QUERIES = [
    "/api/v2/pages/?limit=50",
    "/api/v2/pages/?limit=50&offset=40",
    f"/api/v2/pages/?search={MARKER}",
    "/api/v2/pages/?search=password",
    "/api/v2/pages/?year=2021&limit=50",
    "/api/v2/pages/?year=2020&limit=50&fields=*",
    "/api/v2/pages/?type=reports.GeneralSectionPage&fields=*&limit=50",
    "/api/v2/pages/?type=reports.ProjectUpdatePage&fields=body,project&limit=50",
    "/api/v2/pages/?type=reports.AnnualReportPage&fields=*",
    "/api/v2/pages/?project=kata-containers",
    "/api/v2/pages/?project=zuul&fields=title",
    "/api/v2/pages/?order=-title&limit=50",
    "/api/v2/pages/?slug=private",
    "/api/v2/pages/?slug=never",
    "/api/v2/pages/?title=Private",
    "/api/v2/pages/find/?html_path=/annual-reports/2020/private/",
    "/api/v2/pages/find/?html_path=/annual-reports/2021/",
    "/api/v2/images/?fields=*",
    f"/api/v2/images/?search={MARKER}",
    "/api/v2/documents/",
    "/api/v2/openapi.json",
    "/annual-reports/2020/figures.json",
    "/data/figures.csv",
    "/data/",
]


def test_no_endpoint_or_filter_shows_a_draft_a_private_page_or_an_unreleased_edition(
    client, hidden
):
    for url in QUERIES:
        response = client.get(url, follow=True)
        assert response.status_code in (200, 400, 404), url
        assert MARKER not in response.content.decode(), url
    for name, pk in hidden.items():
        response = client.get(f"/api/v2/pages/{pk}/")
        assert response.status_code == 404, name
        assert response.json() == {"message": "No Page matches the given query."}
        assert client.get(f"/api/v2/pages/?child_of={pk}").status_code in (400, 404)
    listing = client.get("/api/v2/pages/?year=2020&limit=50").json()
    assert hidden["private"] not in [item["id"] for item in listing["items"]]
    assert client.get("/annual-reports/2021/figures.csv").status_code == 404
    assert client.get("/annual-reports/2020/private/figures.csv").status_code == 404


def test_a_reader_who_knows_the_password_still_gets_the_public_answer(client, hidden):
    """API answers are shared by caches: they never depend on who asks."""
    session = client.session
    session["wagtail-page-passwords"] = [hidden["private"]]  # unlocked in this browser
    session.save()
    assert client.get(f"/api/v2/pages/{hidden['private']}/").status_code == 404


@pytest.mark.parametrize("field", ["owner", "latest_revision", "locked_by", "email", "password"])
def test_no_person_or_revision_field_can_be_asked_for(client, field):
    response = client.get(f"/api/v2/pages/?type=reports.LetterPage&fields={field}")
    assert response.status_code == 400
    assert response.json() == {"message": f"unknown fields: {field}"}


def test_a_letter_shows_its_signature_not_the_person_record(client):
    letters = client.get("/api/v2/pages/?type=reports.LetterPage&fields=signature").json()
    signature = letters["items"][0]["signature"]
    assert set(signature) == {"sign_off", "name", "title"}
    assert "@" not in dump(letters)
