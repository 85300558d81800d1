"""Each person switches the production e-mails off in their own account settings, through
Wagtail's account view (its Notifications tab), beside Wagtail's own notification choices."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from reports.models import ProductionEmailSettings
from tests.reports.conftest import make_user

pytestmark = pytest.mark.django_db


class FormValues(HTMLParser):
    """What a browser would send of the page's forms as they stand: fields with their values."""

    def __init__(self):
        super().__init__()
        self.values, self._select, self._textarea = [], None, None
        self._first_option = self._chosen = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button", "file"):
                self.values.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self._select, self._first_option, self._chosen = name, None, False
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = attrs.get("value", "")
            if "selected" in attrs:
                self._chosen = True
                self.values.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = name
            self.values.append((name, ""))

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            if not self._chosen and self._first_option is not None:  # a browser sends the first
                self.values.append((self._select, self._first_option))
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[-1] = (self._textarea, self.values[-1][1] + data)


def account_form(client):
    parser = FormValues()
    parser.feed(client.get(reverse("wagtailadmin_account")).content.decode())
    data = {}
    for name, value in parser.values:
        data.setdefault(name, []).append(value)
    return data


def test_a_contributor_switches_reminders_off_in_account_settings(client, roles):
    zoe = make_user("zoe", "Editors")
    zoe.first_name, zoe.last_name = "Zoe", "Zuul"  # the account form requires a name
    zoe.save()
    client.force_login(zoe)
    html = client.get(reverse("wagtailadmin_account")).content.decode()
    assert "Annual report e-mails" in html
    assert "Reminders about the sections assigned to me" in html
    data = account_form(client)
    assert data["production_emails-reminders"] == ["on"]  # on until switched off
    del data["production_emails-reminders"]

    response = client.post(reverse("wagtailadmin_account"), data)
    if response.status_code != 302:  # which panel refused what
        tabs = response.context["panels_by_tab"].values()
        errors = {p.name: p.get_form().errors for panels in tabs for p in panels}
        pytest.fail(f"the account settings were refused: {errors}")
    assert not ProductionEmailSettings.wants(zoe, "reminders")
    assert "production_emails-reminders" not in account_form(client)

    data = account_form(client)
    data["production_emails-reminders"] = ["on"]
    assert client.post(reverse("wagtailadmin_account"), data).status_code == 302
    assert ProductionEmailSettings.wants(zoe, "reminders")


def test_only_publishers_are_offered_the_digest_switch(client, roles):
    zoe = make_user("zoe", "Editors")
    client.force_login(zoe)
    html = client.get(reverse("wagtailadmin_account")).content.decode()
    assert "Reminders about the sections assigned to me" in html
    assert "Daily digest" not in html  # she is never sent one

    pat = make_user("pat", "Publishers")
    pat.first_name, pat.last_name = "Pat", "Publisher"
    pat.save()
    client.force_login(pat)
    data = account_form(client)
    assert data["production_emails-digest"] == ["on"]
    del data["production_emails-digest"]
    assert client.post(reverse("wagtailadmin_account"), data).status_code == 302
    assert not ProductionEmailSettings.wants(pat, "digest")
    assert ProductionEmailSettings.wants(pat, "reminders")
