"""Admin sign-in is rate-limited per account and per address (django-axes); Django's own
admin is off unless a setting turns it on, and then behind the same protection."""

import importlib
import logging

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery 2020"
LOGIN = "/admin/login/"


@pytest.fixture
def staff(django_user_model):
    for name in ("ada", "grace"):
        django_user_model.objects.create_superuser(name, f"{name}@example.org", PASSWORD)


def sign_in(client, username, password, address="203.0.113.5", path=LOGIN, **headers):
    return client.post(
        path, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def is_signed_in(response):
    return response.status_code == 302 and "login" not in response.headers["Location"]


def test_five_wrong_passwords_lock_the_account_with_a_message_saying_when(client, staff, caplog):
    for _ in range(4):
        response = sign_in(client, "ada", "wrong")
        assert response.status_code == 200  # the form again, with its error
    with caplog.at_level(logging.WARNING):
        locked = sign_in(client, "ada", "wrong")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Signing in is locked for now" in page
    assert "After 5 failed attempts" in page
    assert "(in 15 minutes)" in page
    assert "until <strong><time" in page
    assert locked.headers["Retry-After"] == "900"
    assert any(
        "Sign-in locked out" in record.getMessage() and "'ada'" in record.getMessage()
        for record in caplog.records
    )
    # The right password is refused during the lock-out, from anywhere.
    for address in ("203.0.113.5", "198.51.100.7"):
        response = sign_in(client, "ada", PASSWORD, address=address)
        assert response.status_code == 429
        assert not is_signed_in(response)


def test_failures_from_one_address_lock_that_address_whatever_the_account(client, staff):
    for username in ("root", "admin", "test", "guest", "ada"):
        sign_in(client, username, "wrong")
    assert sign_in(client, "grace", PASSWORD).status_code == 429
    # Grace signs in from elsewhere: her account was never attacked.
    assert is_signed_in(sign_in(client, "grace", PASSWORD, address="198.51.100.7"))


def test_failures_spread_over_many_addresses_still_lock_the_account(client, staff):
    for n in range(5):
        sign_in(client, "ada", "wrong", address=f"192.0.2.{n + 1}")
    assert sign_in(client, "ada", PASSWORD, address="192.0.2.99").status_code == 429


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_number_of_failures_is_configurable(client, staff):
    for _ in range(2):
        assert sign_in(client, "ada", "wrong").status_code == 200
    locked = sign_in(client, "ada", "wrong")
    assert locked.status_code == 429
    assert "After 3 failed attempts" in locked.content.decode()


def test_a_success_before_the_limit_starts_the_count_again(client, staff):
    for _ in range(4):
        sign_in(client, "ada", "wrong")
    assert is_signed_in(sign_in(client, "ada", PASSWORD))
    client.logout()
    for _ in range(4):
        assert sign_in(client, "ada", "wrong").status_code == 200


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_behind_the_trusted_proxy_the_forwarded_address_is_the_one_locked(client, staff):
    proxy = "10.0.0.2"
    for username in ("root", "admin", "test", "guest", "ops"):
        sign_in(client, username, "wrong", address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    # The attacker is locked out; another visitor through the same proxy is not.
    attacker = sign_in(client, "grace", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert attacker.status_code == 429
    # A forged left-most entry does not help: the proxy appends the real address.
    forged = sign_in(
        client, "grace", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.5"
    )
    assert forged.status_code == 429
    assert is_signed_in(
        sign_in(client, "grace", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    )


def test_an_untrusted_client_cannot_dodge_the_lock_out_by_forging_forwarded_for(client, staff):
    for n in range(5):
        sign_in(client, f"user{n}", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    locked = sign_in(client, "grace", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert locked.status_code == 429


def reload_urls():
    import oif_site.urls

    clear_url_caches()
    importlib.reload(oif_site.urls)


@pytest.fixture
def django_admin_on():
    with override_settings(DJANGO_ADMIN_ENABLED=True):
        reload_urls()
        yield
    reload_urls()


def test_django_admin_is_gone_by_default(client, staff):
    assert client.get("/django-admin/").status_code == 404
    assert client.get("/django-admin/login/").status_code == 404
    assert sign_in(client, "ada", PASSWORD, path="/django-admin/login/").status_code == 404


def test_django_admin_turned_on_is_behind_the_same_protection(client, staff, django_admin_on):
    path = "/django-admin/login/"
    assert client.get(path).status_code == 200
    for _ in range(4):
        assert sign_in(client, "ada", "wrong", path=path).status_code == 200
    assert sign_in(client, "ada", "wrong", path=path).status_code == 429
    assert sign_in(client, "ada", PASSWORD, path=path).status_code == 429
    # One lock for both forms: the Wagtail admin refuses Ada too.
    assert sign_in(client, "ada", PASSWORD).status_code == 429
