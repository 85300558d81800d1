"""Sharing and discovery: descriptions, link-preview images, OpenGraph type and JSON-LD.
Each page answers for its own kind (base.models.SharingMixin), so this knows no app above."""

import json
import logging

from django import template
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.images.models import SourceImageIOError
from wagtail.models import Site

from base.text import page_text

register = template.Library()
logger = logging.getLogger(__name__)

SOCIAL_IMAGE = "images/social-card.png"  # 1200×630, made by scripts/make_social_card.py
SOCIAL_IMAGE_SIZE = (1200, 630)
PUBLISHER = {
    "@type": "Organization",
    "name": "Open Infrastructure Foundation",
    "alternateName": "OpenInfra Foundation",
    "url": "https://openinfra.dev/",
}


@register.simple_tag(takes_context=True)
def page_description(context, page=None, length=160):
    """The description of a page for search engines and link previews: what the editor wrote
    (search description, summary), else the opening of the text, else the site's tagline."""
    page = page or context.get("page")
    if page is not None:
        for value in (getattr(page, "search_description", ""), getattr(page, "summary", "")):
            if value:
                return value
        text = page_text(page, with_summary=False)
        if text:
            return Truncator(text).chars(length)
    site_settings = _site_settings(context)
    return getattr(site_settings, "footer_text", "") or ""


def _site_settings(context):
    # Wagtail's settings proxy is a lazily filled dict: empty, and so falsy, until asked.
    settings = context.get("settings")
    if settings is None:
        return None
    try:
        return settings["base"]["SiteSettings"]
    except (KeyError, TypeError, RuntimeError):
        return None


@register.simple_tag(takes_context=True)
def social_image(context, page=None):
    """The image link previews show: the page's own (an edition's cover), the site's image
    from the settings, else the built-in card. Absolute URL, size and alt text."""
    request = context.get("request")
    page = page or context.get("page")
    image = page.get_sharing_image() if hasattr(page, "get_sharing_image") else None
    if image is None:
        site_settings = _site_settings(context)
        if site_settings is not None and site_settings.social_image_id:
            image = site_settings.social_image
    rendition = None
    if image is not None:
        try:
            rendition = image.get_rendition("fill-1200x630|format-jpeg")
        except SourceImageIOError:  # its file unreadable just now (storage down): the card
            logger.warning("Sharing image %s unreadable; the built-in card is used", image.pk)
    if rendition is not None:
        url, width, height, alt = rendition.url, rendition.width, rendition.height, image.title
    else:
        url, (width, height) = static(SOCIAL_IMAGE), SOCIAL_IMAGE_SIZE
        alt = "OpenInfra Foundation Annual Report"
    if request is not None and not url.startswith(("http://", "https://")):
        url = f"{site_root_url(request)}{url}"
    return {"url": url, "width": width, "height": height, "alt": alt}


def site_root_url(request):
    """The site's public address (SITE_URL, given to the Site by setup_site), not the address
    this request came by: links in shared cards and feeds point at the public site."""
    site = Site.find_for_request(request)
    return site.root_url if site else request.build_absolute_uri("/").rstrip("/")


@register.simple_tag
def og_type(page):
    """OpenGraph's type: an article for an edition or a section, a website for the rest."""
    return getattr(page, "og_type", "website")


def _absolute(page, request):
    return page.get_full_url(request) if page is not None else None


def json_ld_script(data):
    # Escape what could close the script element or start a comment in it.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.simple_tag(takes_context=True)
def json_ld(context, page=None):
    """Structured data for search engines: the site on the home page, each inner page as its
    kind describes itself, with breadcrumbs."""
    request = context.get("request")
    page = page or context.get("page")
    if page is None:
        return ""
    url = _absolute(page, request)
    url_parts = page.get_url_parts(request)
    root_url = url_parts[1] if url_parts else ""
    description = page_description(context, page)
    graph = []
    if page.depth <= 2:
        graph.append(
            {
                "@type": "WebSite",
                "name": page.title,
                "url": url,
                "description": description,
                "publisher": PUBLISHER,
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": f"{root_url.rstrip('/')}/search/?q={{search_term_string}}",
                    "query-input": "required name=search_term_string",
                },
            }
        )
    else:
        item = {"@type": "WebPage", "name": page.title, "url": url, "description": description}
        if hasattr(page, "get_structured_data"):
            image = social_image(context, page)["url"]
            item.update(page.get_structured_data(request, publisher=PUBLISHER, image=image))
        graph.append({k: v for k, v in item.items() if v})
        ancestors = getattr(page, "breadcrumb_ancestors", None)
        if ancestors is None:
            ancestors = [a for a in page.get_ancestors() if a.depth > 1]
        crumbs = [*ancestors, page]
        graph.append(
            {
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": n,
                        "name": "Home" if crumb.depth == 2 else crumb.title,
                        "item": _absolute(crumb, request),
                    }
                    for n, crumb in enumerate(crumbs, start=1)
                ],
            }
        )
    return json_ld_script({"@context": "https://schema.org", "@graph": graph})
