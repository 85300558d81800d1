"""Production, configured as .env.example documents, passes Django's deployment checks with
no warning, and the security settings come from their documented variables."""

import os
import secrets
import subprocess
import sys

from tests.conftest import ROOT


def documented_environment(**overrides):
    """.env.example's variables, with a real secret key as its comment asks."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name] = value
    # The metrics folder of .env.example is the server's; a check needs none.
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    env.update(SECRET_KEY=secrets.token_urlsafe(50), **overrides)
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_check_deploy_passes_with_the_documented_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=documented_environment())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_when_hsts_is_turned_off():
    """The check is real: without HSTS it names the problem."""
    env = documented_environment(SECURE_HSTS_SECONDS="0")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "security.W004" in result.stderr


SHOW = (
    "from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS,"
    " s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
    " s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME.seconds, s.TRUSTED_PROXIES,"
    " s.WAGTAILIMAGES_MAX_UPLOAD_SIZE, s.WAGTAILIMAGES_MAX_IMAGE_PIXELS, sep='|')"
)


def test_production_turns_hsts_and_secure_cookies_on_without_being_asked():
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SECURE_", "LOGIN_", "WAGTAILIMAGES_", "TRUSTED"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="oif_site.settings.production",
        SECRET_KEY="s" * 50,
        ALLOWED_HOSTS="report.openinfra.dev",
    )
    result = manage("shell", "-c", SHOW, env=env)
    assert result.returncode == 0, result.stderr
    hsts, subdomains, session_secure, csrf_secure, *_ = (
        result.stdout.strip().splitlines()[-1].split("|")
    )
    assert (hsts, subdomains, session_secure, csrf_secure) == ("31536000", "True", "True", "True")


def test_limits_come_from_their_documented_variables():
    env = documented_environment(
        LOGIN_FAILURE_LIMIT="3",
        LOGIN_LOCKOUT_MINUTES="30",
        TRUSTED_PROXIES="10.0.0.0/8, 192.168.1.2",
        WAGTAILIMAGES_MAX_UPLOAD_SIZE="2000000",
        WAGTAILIMAGES_MAX_IMAGE_PIXELS="1000000",
    )
    result = manage("shell", "-c", SHOW, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split("|")[4:] == [
        "3",
        "1800",
        "['10.0.0.0/8', '192.168.1.2']",
        "2000000",
        "1000000",
    ]


def test_a_malformed_limit_is_refused_with_its_name():
    result = manage("check", env=documented_environment(LOGIN_FAILURE_LIMIT="five"))
    assert result.returncode != 0
    assert "LOGIN_FAILURE_LIMIT must be a whole number, not 'five'" in result.stderr
