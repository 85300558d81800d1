"""Every change the public can see asks oif_site/caching/ to purge what shows it."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from base.models import Announcement, SiteSettings
from reports.models import EditionPDF, Person, TranslationCredit

from .caching import purge_for


@receiver(page_published)
@receiver(page_unpublished)
def purge_page(sender, instance, **kwargs):
    purge_for(instance)


@receiver(pre_page_move)
@receiver(post_page_move)
def purge_moved_page(sender, instance, **kwargs):
    # Before the move: the old addresses and neighbours; after it: the new ones.
    purge_for(Page.objects.get(pk=instance.pk))


@receiver(pre_delete, sender=Page)
def purge_deleted_page(sender, instance, **kwargs):
    # While the tree still holds it: its edition, neighbours and listings.
    if instance.live:
        purge_for(instance)


@receiver(post_save, sender=Person)
@receiver(post_delete, sender=Person)
@receiver(post_save, sender=SiteSettings)
@receiver(post_save, sender=Announcement)  # or a translation of it (wagtail-localize saves it)
@receiver(pre_delete, sender=Announcement)  # while the site settings still choose it
@receiver(post_save, sender=EditionPDF)
@receiver(post_delete, sender=EditionPDF)
@receiver(post_save, sender=TranslationCredit)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def purge_shown_object(sender, instance, **kwargs):
    purge_for(instance)


# Wagtail records an image's size and hash lazily, while pages render: nothing shown changes.
BOOKKEEPING = {"file_size", "file_hash"}


@receiver(post_save, sender=get_image_model())
@receiver(pre_delete, sender=get_image_model())
def purge_image(sender, instance, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= BOOKKEEPING:
        return
    purge_for(instance)
