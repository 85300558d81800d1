"""Headers, content security policy, sign-in protection and uploads (docs/security.md).
Star-imported at the end of base; production turns on what needs HTTPS."""

from datetime import timedelta
from urllib.parse import urlsplit

from csp.constants import NONE, SELF

from base.inline_scripts import CSP_SCRIPT_HASHES as _INLINE_SCRIPT_HASHES

from .environment import env, env_bool, env_int, env_list

# --- Headers (SecurityMiddleware; HSTS and secure cookies are set in production) ---
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Features no page uses; fullscreen stays for embedded videos.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "browsing-topics",
    )
}


def _origin(url):
    parts = urlsplit(url if "//" in url else f"https://{url}")
    return f"{parts.scheme}://{parts.netloc}"


# Media may live on S3 or an S3-compatible server: images come from there.
_media_origins = [
    _origin(value)
    for value in (env("AWS_S3_CUSTOM_DOMAIN"), env("AWS_S3_ENDPOINT_URL"))
    if env("AWS_STORAGE_BUCKET_NAME") and value
]
if env("AWS_STORAGE_BUCKET_NAME") and not _media_origins:
    _media_origins = [f"https://{env('AWS_STORAGE_BUCKET_NAME')}.s3.amazonaws.com"]
if env("MEDIA_URL", "").startswith(("http://", "https://")):
    _media_origins.append(_origin(env("MEDIA_URL")))

# Where body embeds' iframes come from (the oEmbed providers used in content).
EMBED_ORIGINS = env_list(
    "EMBED_ORIGINS",
    "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com",
)

# --- Content-Security-Policy (django-csp): no inline script but the hashed ones ---
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, *_INLINE_SCRIPT_HASHES],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_media_origins],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF, *_media_origins],
        "frame-src": EMBED_ORIGINS or [NONE],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin (and its previews, framed by the admin itself): Wagtail's widgets (page
# and date choosers) still write inline scripts that differ per field, and set style
# attributes; it shows local previews of images before upload. Only signed-in staff see it.
ADMIN_CSP_PATH_PREFIXES = ["/admin/", "/django-admin/"]
ADMIN_CSP_DIRECTIVES = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:", *_media_origins],
    "font-src": [SELF, "data:"],
    "frame-src": [SELF, *EMBED_ORIGINS],
    "worker-src": [SELF, "blob:"],
    "base-uri": [SELF],
    "frame-ancestors": [SELF],
}

# --- Sign-in protection (django-axes), per account and per address ---
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "oif_site.logins.lockout_response"
AXES_CLIENT_IP_CALLABLE = "oif_site.logins.client_ip"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Addresses (or networks) of the reverse proxies whose X-Forwarded-For is believed.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
# Django's own admin (model admin): off unless turned on, then behind the same protection.
DJANGO_ADMIN_ENABLED = env_bool("DJANGO_ADMIN_ENABLED", False)
# The admin's avatars: never Gravatar (it leaks staff e-mail hashes to a third party).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the admin's home ask releases.wagtail.org for the latest version.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Uploads ---
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]  # no SVG: it runs scripts
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 50_000_000)
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "oif_site.uploads.SafeDocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # through Django: attachment, nosniff, CSP
WAGTAILDOCS_INLINE_CONTENT_TYPES = []  # every document downloads, none opens in the site
