"""The API's OpenAPI 3.1 description, generated from the endpoints and the models' `api_fields`
as they are: a field added to a model appears here without anyone writing it down."""

from django.db import models
from django.http import JsonResponse
from django.views.decorators.http import require_safe
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models

from .router import api_router

PARAMETERS = {
    "limit": ("integer", "How many items a page of results holds (at most WAGTAILAPI_LIMIT_MAX)."),
    "offset": ("integer", "How many items to skip."),
    "fields": (
        "string",
        "Fields to add (`body,year`), remove (`-title`), all (`*`) or none (`_`).",
    ),
    "order": ("string", "A field to sort on, `-field` for descending, or `random`."),
    "search": ("string", "Full-text search."),
    "search_operator": ("string", "`and` or `or` between the words of `search`."),
    "type": ("string", "Page type(s), e.g. `reports.ProjectUpdatePage`."),
    "year": ("integer", "An edition's year: the edition and its sections, in reading order."),
    "project": ("string", "A project's slug: its updates across editions."),
    "working_group": ("string", "A working group's slug: its updates across editions."),
    "child_of": ("integer", "Pages whose parent has this id."),
    "descendant_of": ("integer", "Pages below the page with this id."),
    "ancestor_of": ("integer", "Pages above the page with this id."),
    "locale": ("string", "A language code."),
    "rich_text_format": ("string", "Rich text outside the body: `html` or `markdown`."),
}
SKIPPED = {"_", "format", "site", "translation_of"}


def field_schema(model, name):
    try:
        field = model._meta.get_field(name)
    except Exception:  # a property or a custom serializer: documented as free-form
        return {}
    if isinstance(field, StreamField):
        return {"type": "array", "items": {"type": "object"}}
    if isinstance(field, models.ForeignKey | models.ManyToOneRel):
        return {"type": ["object", "null"]} if field.null else {"type": "object"}
    if isinstance(field, models.BooleanField):
        return {"type": "boolean"}
    if isinstance(field, models.IntegerField | models.AutoField):
        return {"type": "integer"}
    if isinstance(field, models.DateTimeField):
        return {"type": ["string", "null"], "format": "date-time"}
    if isinstance(field, models.DateField):
        return {"type": ["string", "null"], "format": "date"}
    if isinstance(field, models.URLField):
        return {"type": "string", "format": "uri"}
    return {"type": "string"}


def model_schema(endpoint, model):
    names = endpoint.get_body_fields_names(model) + endpoint.get_meta_fields_names(model)
    return {
        "type": "object",
        "description": (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else "",
        "properties": {name: field_schema(model, name) for name in dict.fromkeys(names)},
    }


def listing_schema(item_ref):
    return {
        "type": "object",
        "properties": {
            "meta": {"type": "object", "properties": {"total_count": {"type": "integer"}}},
            "items": {"type": "array", "items": {"$ref": item_ref}},
        },
    }


def build_schema(base_url=""):
    paths, schemas = (
        {},
        {"Error": {"type": "object", "properties": {"message": {"type": "string"}}}},
    )
    errors = {
        "400": {
            "description": "A malformed query; the message names what was wrong.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        },
        "404": {"description": "Not found, or not public."},
    }
    for name, endpoint in sorted(api_router._endpoints.items()):
        models_ = (
            [m for m in get_page_models() if m is not Page]
            if endpoint.model is Page
            else [endpoint.model]
        )
        for model in models_:
            schemas[model._meta.label.replace(".", "_")] = model_schema(endpoint, model)
        item = (
            {
                "oneOf": [
                    {"$ref": f"#/components/schemas/{m._meta.label.replace('.', '_')}"}
                    for m in models_
                ]
            }
            if len(models_) > 1
            else {"$ref": f"#/components/schemas/{models_[0]._meta.label.replace('.', '_')}"}
        )
        schemas[f"{name}_item"] = item
        parameters = [
            {
                "name": p,
                "in": "query",
                "required": False,
                "description": PARAMETERS.get(p, ("string", "A field filter."))[1],
                "schema": {"type": PARAMETERS.get(p, ("string",))[0]},
            }
            for p in sorted(endpoint.known_query_parameters - SKIPPED)
        ]
        paths[f"/api/v2/{name}/"] = {
            "get": {
                "operationId": f"list_{name}",
                "summary": f"List public {name}",
                "parameters": parameters,
                "responses": {
                    "200": {
                        "description": f"Public {name}",
                        "content": {
                            "application/json": {
                                "schema": listing_schema(f"#/components/schemas/{name}_item")
                            }
                        },
                    },
                    **errors,
                },
            }
        }
        paths[f"/api/v2/{name}/{{id}}/"] = {
            "get": {
                "operationId": f"get_{name}",
                "summary": f"One public item of {name}",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}},
                    {
                        "name": "fields",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string"},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "The item",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": f"#/components/schemas/{name}_item"}
                            }
                        },
                    },
                    **errors,
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "OpenInfra Foundation annual report API",
            "version": "2",
            "description": "Read-only: live, public pages of released editions. See docs/api.md.",
        },
        "servers": [{"url": base_url or "/"}],
        "paths": paths,
        "components": {"schemas": schemas},
    }


@require_safe
def openapi_view(request):
    response = JsonResponse(build_schema(request.build_absolute_uri("/").rstrip("/")))
    response["Cache-Control"] = "public, max-age=300"
    return response
