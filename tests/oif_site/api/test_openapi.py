"""The API's OpenAPI description is generated from the endpoints and models, and valid."""

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_the_openapi_description_is_valid_and_follows_the_models(client):
    schema = client.get("/api/v2/openapi.json").json()
    validate(schema)
    assert set(schema["paths"]) >= {"/api/v2/pages/", "/api/v2/pages/{id}/", "/api/v2/images/"}
    schemas = schema["components"]["schemas"]
    assert schemas["reports_AnnualReportPage"]["properties"]["year"] == {"type": "integer"}
    assert "body" in schemas["reports_ProjectUpdatePage"]["properties"]
    assert "figures_csv_url" in schemas["projects_ProjectPage"]["properties"]
    parameters = {p["name"] for p in schema["paths"]["/api/v2/pages/"]["get"]["parameters"]}
    assert {"year", "project", "working_group", "type", "search", "limit"} <= parameters


def test_every_documented_field_can_be_asked_for(client):
    schemas = client.get("/api/v2/openapi.json").json()["components"]["schemas"]
    for label in ("reports_ProjectUpdatePage", "reports_EventPage", "reports_LetterPage"):
        fields = ",".join(
            name for name in schemas[label]["properties"] if name not in {"id", "type", "parent"}
        )
        page_type = label.replace("_", ".", 1)
        response = client.get(f"/api/v2/pages/?type={page_type}&fields={fields}")
        assert response.status_code == 200, (label, response.content[:200])
