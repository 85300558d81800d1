"""Where an export goes: a directory, or an S3 bucket (django-storages). Each writes only the
files whose bytes changed, and removes the files a previous export wrote that are gone now
(an unpublished page must leave the export). A manifest lists what the export wrote, so that
nothing else in the directory or bucket is ever touched."""

import hashlib
import json
import mimetypes
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management.base import CommandError
from storages.backends.s3 import S3Storage

MANIFEST = ".export-manifest.json"
IMMUTABLE = "public, max-age=31536000, immutable"  # hashed static names, renditions
SHORT = "public, max-age=300"  # pages, feed, sitemap, PDFs: they change at their URL


def cache_control(path):
    return IMMUTABLE if path.startswith(("static/", "media/")) else SHORT


def content_type(path):
    guessed, _ = mimetypes.guess_type(path)
    guessed = guessed or "application/octet-stream"
    if guessed.startswith("text/") or guessed in {"application/xml", "application/atom+xml"}:
        guessed += "; charset=utf-8"
    return guessed


class DirectoryTarget:
    def __init__(self, root):
        self.root = Path(root)
        manifest = self.root / MANIFEST
        if self.root.exists() and any(self.root.iterdir()) and not manifest.exists():
            raise CommandError(
                f"{self.root} is not empty and was not written by export_static "
                f"(no {MANIFEST}): choose an empty or new directory."
            )
        self.previous = set(json.loads(manifest.read_text())) if manifest.exists() else set()

    def put(self, path, data):
        """Write the file if its bytes differ; True when written."""
        target = self.root / path
        if target.is_file() and target.read_bytes() == data:
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(data)
        partial.replace(target)  # readers never see half a file
        return True

    def delete(self, path):
        (self.root / path).unlink(missing_ok=True)

    def finish(self, paths):
        (self.root / MANIFEST).write_text(json.dumps(sorted(paths), indent=0))


class ExportBucketStorage(S3Storage):
    """The site's bucket: files at the root, overwritten in place, with their type and how
    long browsers and CDNs may keep them."""

    def get_object_parameters(self, name):
        return {
            **super().get_object_parameters(name),
            "ContentType": content_type(name),
            "CacheControl": cache_control(name),
        }


class BucketTarget:
    def __init__(self, bucket):
        self.storage = ExportBucketStorage(
            bucket_name=bucket,
            location="",
            file_overwrite=True,
            default_acl=None,
            querystring_auth=False,
        )  # endpoint, region and credentials: the AWS_* settings, as for media
        bucket = self.storage.bucket
        # Single-part uploads: an object's ETag is the MD5 of its bytes.
        self.etags = {obj.key: obj.e_tag.strip('"') for obj in bucket.objects.all()}
        previous = self.etags.get(MANIFEST) and self._read(MANIFEST)
        self.previous = set(json.loads(previous)) if previous else set()

    def _read(self, path):
        with self.storage.open(path, "rb") as handle:
            return handle.read()

    def put(self, path, data):
        if self.etags.get(path) == hashlib.md5(data, usedforsecurity=False).hexdigest():
            return False
        self.storage.save(path, ContentFile(data))
        return True

    def delete(self, path):
        self.storage.delete(path)

    def finish(self, paths):
        self.put(MANIFEST, json.dumps(sorted(paths), indent=0).encode())
