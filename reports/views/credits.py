"""Admin › Translation credits: each translated edition's translators, edited by the
translators of its language (and by Publishers); nobody edits another language's credits."""

from django.conf import settings
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from reports.models import AnnualReportPage, TranslationCredit
from reports.roles import PUBLISHERS, translators_name

ACTIONS = ("view", "change")


def translated_languages(user):
    """The languages whose Translators group the user is in."""
    names = set(user.groups.values_list("name", flat=True))
    return [
        code
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
        if code != settings.LANGUAGE_CODE and translators_name(code) in names
    ]


def edits_every_language(user):
    return user.is_superuser or user.groups.filter(name=PUBLISHERS).exists()


class CreditPermissionPolicy(ModelPermissionPolicy):
    """Viewing and changing by language; credits are made with their translation (loading a
    translation file, or opening the edition's credits from this listing)."""

    def user_has_permission(self, user, action):
        # Never added or deleted by hand: credits come and go with their translated edition.
        if not user.is_active or action not in ACTIONS:
            return False
        return edits_every_language(user) or bool(translated_languages(user))

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if edits_every_language(user):
            return True
        return instance.edition.locale.language_code in translated_languages(user)

    def instances_user_has_any_permission_for(self, user, actions):
        credits = TranslationCredit.objects.select_related("edition__locale")
        if not user.is_active or not set(actions) & set(ACTIONS):
            return credits.none()
        if edits_every_language(user):
            return credits
        return credits.filter(edition__locale__language_code__in=translated_languages(user))


register_permission_policy(TranslationCredit, CreditPermissionPolicy(TranslationCredit))


def ensure_credits():
    """Every translated edition has its credits to fill in, however it was translated."""
    translated = AnnualReportPage.objects.exclude(locale__language_code=settings.LANGUAGE_CODE)
    for edition in translated.filter(alias_of__isnull=True, translation_credit__isnull=True):
        TranslationCredit.objects.get_or_create(edition=edition)


class CreditIndexView(generic.IndexView):
    def get_base_queryset(self):
        ensure_credits()
        return self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        ).order_by("edition__locale__language_code", "-edition__year")


class CreditEditView(generic.EditView):
    def get_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(self.request.user, "change")


class TranslationCreditViewSet(ModelViewSet):
    model = TranslationCredit
    icon = "group"
    menu_label = "Translation credits"
    add_to_admin_menu = True
    menu_order = 160
    add_to_reference_index = False
    index_view_class = CreditIndexView
    edit_view_class = CreditEditView
    list_display = ["edition", "translators"]
    panels = [
        FieldPanel("translators"),
        FieldPanel("translated_on"),
        FieldPanel("source"),
        FieldPanel("note"),
    ]
    inspect_view_enabled = False
    copy_view_enabled = False


credits_viewset = TranslationCreditViewSet("translation_credits")
