"""The contributor's home (a panel on the admin home) and the switch for production e-mails
(a panel of Account settings)."""

from django import forms
from wagtail.admin.ui.components import Component
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab

from reports.models import ProductionEmailSettings
from reports.roles import PUBLISHERS

from .board import sections_for


class YourSectionsPanel(Component):
    """ "Your sections": first on the admin home of anyone with sections assigned."""

    name = "your_sections"
    template_name = "reports/admin/your_sections_panel.html"
    order = 50

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context=None):
        return {"rows": self.rows}


def add_your_sections(request, panels):
    rows = sections_for(request.user)
    if rows:
        panels.append(YourSectionsPanel(rows))


class ProductionEmailsForm(forms.ModelForm):
    class Meta:
        model = ProductionEmailSettings
        fields = ["reminders", "digest"]
        labels = {
            "reminders": "Reminders about the sections assigned to me",
            "digest": "Daily digest of the editions' changes (Publishers)",
        }


class ProductionEmailsPanel(BaseSettingsPanel):
    name = "production_emails"
    title = "Annual report e-mails"
    tab = notifications_tab
    order = 110
    form_class = ProductionEmailsForm

    def get_form(self):
        instance = ProductionEmailSettings.objects.filter(user=self.user).first()
        instance = instance or ProductionEmailSettings(user=self.user)
        data = self.request.POST if self.request.method == "POST" else None
        form = self.form_class(data, instance=instance, prefix=self.name)
        if not self.user.groups.filter(name=PUBLISHERS).exists():
            del form.fields["digest"]  # only Publishers are sent it (digest.publishers)
        return form
