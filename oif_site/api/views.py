"""The read-only API (Wagtail's API v2): every endpoint answers only what the public may see,
to anyone, the same way, so that its answers can be cached and shared."""

from django.conf import settings
from django.db.models import Q
from django.utils.cache import patch_cache_control
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from wagtail.api import APIField
from wagtail.api.v2.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page

from base.api import ImageDataField
from base.blocks import preload_images
from projects.models import ProjectPage, WorkingGroupPage
from reports.models import AnnualReportPage, ProjectUpdatePage, WorkingGroupUpdatePage

from .visibility import public_document_ids, public_image_ids, public_pages

RELATED = ("project", "working_group", "signatory", "cover_image", "locale")


class EditionFilter(BaseFilterBackend):
    """?year=2020: the edition and its sections, in reading order."""

    def filter_queryset(self, request, queryset, view):
        year = request.GET.get("year")
        if year is None:
            return queryset
        if not year.isdigit() or len(year) != 4:
            raise BadRequestError(f"year must be a year such as 2020, not {year!r}")
        # The edition in every language (?locale=ja narrows it to one, as for any listing).
        inside = Q()
        for path in AnnualReportPage.objects.filter(year=int(year)).values_list("path", flat=True):
            inside |= Q(path__startswith=path)
        return queryset.filter(inside) if inside else queryset.none()


class ProfileFilter(BaseFilterBackend):
    """?project=zuul and ?working_group=interop: a profile's updates across editions."""

    filters = {
        "project": (ProjectUpdatePage, ProjectPage),
        "working_group": (WorkingGroupUpdatePage, WorkingGroupPage),
    }

    def filter_queryset(self, request, queryset, view):
        for parameter, (update_model, profile_model) in self.filters.items():
            slug = request.GET.get(parameter)
            if slug is None:
                continue
            if not profile_model.objects.filter(slug=slug).exists():
                raise BadRequestError(f"{parameter}: no {parameter.replace('_', ' ')} {slug!r}")
            field = f"{parameter}__slug"
            queryset = queryset.filter(
                pk__in=update_model.objects.filter(**{field: slug}).values("pk")
            )
        return queryset


class PublicAPIMixin:
    renderer_classes = [JSONRenderer]
    authentication_classes = []  # one answer for everyone: nothing depends on who asks
    permission_classes = [AllowAny]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(
                response, public=True, max_age=60, s_maxage=settings.API_CACHE_SECONDS
            )
        else:
            patch_cache_control(response, no_cache=True)
        return response


class PublicPagesAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    filter_backends = [EditionFilter, ProfileFilter, *PagesAPIViewSet.filter_backends]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ["year", "project", "working_group"]
    )

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only)
        if db_fields_only:  # ?project= and ?working_group= take a slug: ProfileFilter's
            fields = [name for name in fields if name not in ProfileFilter.filters]
        return fields

    def get_base_queryset(self):
        return public_pages(super().get_base_queryset())

    def get_queryset(self):
        queryset = super().get_queryset()
        fields = {field.name for field in queryset.model._meta.get_fields()}
        related = [name for name in RELATED if name in fields]
        return queryset.select_related(*related) if related else queryset

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        pages = list(self.paginate_queryset(self.filter_queryset(queryset)))
        streams = [
            getattr(page, name)
            for page in pages
            for name in ("body", "intro")
            if isinstance(page, Page) and hasattr(getattr(page, name, None), "raw_data")
        ]
        with preload_images(streams):
            data = self.get_serializer(pages, many=True).data
        return self.get_paginated_response(data)


class PublicImagesAPIViewSet(PublicAPIMixin, ImagesAPIViewSet):
    body_fields = ImagesAPIViewSet.body_fields + [
        APIField("renditions", serializer=ImageDataField(source="*"))
    ]

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=public_image_ids())


class PublicDocumentsAPIViewSet(PublicAPIMixin, DocumentsAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().filter(pk__in=public_document_ids())
