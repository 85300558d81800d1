from django.core.management.base import BaseCommand, CommandError

from oif_site.export.assets import MissingAsset
from oif_site.export.site import ExportError, export_site
from oif_site.export.targets import BucketTarget, DirectoryTarget


class Command(BaseCommand):
    help = (
        "Write the public site as static files (live pages of released editions, feed, sitemap,"
        " robots.txt, PDFs, static files, image renditions) to DIR, or to an S3 bucket."
        " Only changed files are written; files of a previous export that are gone are removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", help="Directory to write the site to.")
        parser.add_argument(
            "--bucket",
            help="Upload to this S3 bucket instead (AWS_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID…"
            " as for media).",
        )

    def handle(self, *args, directory=None, bucket=None, **options):
        if bool(directory) == bool(bucket):
            raise CommandError("Give either a directory or --bucket NAME (not both).")
        target = BucketTarget(bucket) if bucket else DirectoryTarget(directory)
        try:
            result = export_site(target)
        except (ExportError, MissingAsset) as error:
            raise CommandError(f"Export stopped before writing anything: {error}") from error
        if options["verbosity"] > 1:
            for path in result.written:
                self.stdout.write(f"  wrote {path}")
        self.stdout.write(
            f"Exported {result.total} files to {bucket and f's3://{bucket}' or directory}:"
            f" {len(result.written)} written, {result.unchanged} unchanged,"
            f" {len(result.deleted)} removed."
        )
