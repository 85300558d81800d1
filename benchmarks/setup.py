"""A fresh database (and media folder) with the 2020 edition, for a benchmark to measure."""

import io
import os
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


_SITE = {}


def fresh_site(prefix="oif-bench-"):
    """Set Django up on a new SQLite file (never the developer's database, unless
    BENCH_DATABASE_URL names one), migrate and load the 2020 edition; returns the work dir.

    Django is set up once per process: `make bench` runs every module in one, so the later
    ones measure the site the first one made."""
    if "workdir" in _SITE:
        return _SITE["workdir"]
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3"
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "oif_site.settings.test"
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings, setup_test_environment

    setup_test_environment()
    override_settings(MEDIA_ROOT=workdir / "media").enable()
    call_command("migrate", verbosity=0)
    call_command("load_edition", str(ROOT / "content/editions/2020.yaml"), stdout=io.StringIO())
    _SITE["workdir"] = workdir
    return workdir
