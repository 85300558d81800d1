"""Uploads while the media storage (S3) cannot be reached: a form error saying so, instead of
a server error after the form was filled in; nothing is saved and the page can be sent again."""

import logging

from django import forms
from django.core.files.storage import default_storage
from wagtail.images.forms import BaseImageForm

logger = logging.getLogger(__name__)

PROBE = "storage-probe"  # asked for, never written: existence is the cheapest round trip
UNREACHABLE = (
    "The media storage cannot be reached just now, so %(name)s was not saved. Nothing was "
    "lost: send the form again in a few minutes."
)


def storage_error():
    """Why the default storage cannot take a file now, or None when it answers."""
    try:
        default_storage.exists(PROBE)
    except Exception as error:  # botocore's, or an OSError for local files
        logger.warning("Media storage unreachable, upload refused: %s", error)
        return error
    return None


class StorageReachableMixin:
    """Checked last, once the file itself is acceptable."""

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        checked = upload and "file" in self.changed_data and "file" not in self.errors
        if checked and storage_error() is not None:
            self.add_error("file", forms.ValidationError(UNREACHABLE, params={"name": upload.name}))
        return cleaned


class ReachableImageForm(StorageReachableMixin, BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE."""
