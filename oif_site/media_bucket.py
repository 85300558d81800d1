"""The media bucket (S3) unreachable: pages still render when an image's rendition has not been
made yet (see media_storage.py for uploads). Loaded by STORAGES, before the app registry."""

import logging

from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage

logger = logging.getLogger(__name__)


class MediaStorage(S3Storage):
    """A file that cannot be read from the bucket is an OSError, as on a local disk.

    Wagtail then draws a missing image (its "not-found" rendition) and the page is served,
    where botocore's own exception would have been a server error for the whole page."""

    def _open(self, name, mode="rb"):
        try:
            return super()._open(name, mode)
        except (BotoCoreError, ClientError) as error:
            logger.warning("Media storage could not open %s: %s", name, error)
            raise OSError(f"media storage could not open {name}: {error}") from error
