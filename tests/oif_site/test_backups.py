"""Nothing lost: `make backup` / `make restore` bring back every page, revision, image, user
and the rendered public site.

One site (gunicorn's production settings, its own SQLite file or PostgreSQL database) for the
module: preparing one takes a while on a busy machine."""

import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.server import SiteServer

pytestmark = pytest.mark.stack

STATE = "from tests.oif_site.site_state import print_state; print_state()"


def _state(site):
    return json.loads(site.shell(STATE).strip().splitlines()[-1])


def _wipe(site):
    """The database and media gone, as after losing the server: an empty database remains."""
    if site._pg_name:
        site.create_empty_database()
    else:
        Path(urlsplit(site.env["DATABASE_URL"]).path).unlink()
    shutil.rmtree(site.env["MEDIA_ROOT"], ignore_errors=True)


@pytest.fixture(scope="module")
def site():
    server = SiteServer("drill")
    server.env["BACKUP_DIR"] = str(server.workdir / "backups")
    server.prepare()
    server.shell("from tests.oif_site.site_state import add_content; add_content()")
    yield server
    server.stop()


def test_restore_drill_brings_back_everything(site):
    _state(site)  # the first render makes the image's renditions
    before = _state(site)
    assert any(i[1] == "Drill keynote" for i in before["images"]) and before["renditions"]
    assert len(before["html"]) > 30 and len(before["revisions"]) > 30

    site.manage("back_up")
    _wipe(site)
    with pytest.raises(RuntimeError):
        _state(site)  # really gone
    site.manage("restore")

    after = _state(site)
    for part in before:
        assert after[part] == before[part], part
