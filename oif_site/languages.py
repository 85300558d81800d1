"""Which language a request is in (docs/translations.md): English at its own addresses, every
translation under its prefix (/ja/…); a first visit to `/` follows the browser's languages."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from oif_site.models import HomePage
from reports.models import AnnualReportPage


def translated_home_url(language):
    """Where a reader of `language` starts: its home page if translated, else its newest
    published edition; None when nothing is published in it (configured only)."""
    if language == settings.LANGUAGE_CODE:
        return None
    for model, order in ((HomePage, "path"), (AnnualReportPage, "-year")):
        page = (
            model.objects.live()
            .public()
            .filter(locale__language_code=language, alias_of__isnull=True)
            .order_by(order)
            .first()
        )
        if page is not None:
            return page.url
    return None


def is_first_visit(request):
    """No language chosen yet: no language cookie, and not sent here by a page of this site
    (a reader who picks English in the language switcher stays in English)."""
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        return False
    referer = request.META.get("HTTP_REFERER", "")
    return not referer or urlsplit(referer).netloc != request.get_host()


class FirstVisitLanguageMiddleware:
    """A first visit to `/` goes to the home page in the visitor's language (Accept-Language),
    when the site is published in it. Placed before the page cache, which keeps `/` in English."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != "/" or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        language = translation.get_language_from_request(request)
        url = translated_home_url(language) if is_first_visit(request) else None
        if url:
            response = HttpResponseRedirect(url)
            patch_cache_control(response, private=True, no_cache=True)
        else:
            response = self.get_response(request)
            if language != settings.LANGUAGE_CODE and translated_home_url(language):
                # English by choice (switcher, cookie): a shared cache must not keep it for
                # the first visits of readers of that language.
                patch_cache_control(response, private=True)
        patch_vary_headers(response, ["Accept-Language"])
        return response


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's, except that responses do not vary with Accept-Language here: an address alone
    says its language, so caches keep one copy of each. `/` is the exception, and
    FirstVisitLanguageMiddleware, outside the page cache, says so: the page cache keeps the
    English home page, which only readers who are not redirected reach."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.has_header("Vary"):
            kept = [
                value.strip()
                for value in response["Vary"].split(",")
                if value.strip().lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
