"""The Procfile's processes, started together by honcho as `make serve-production` does,
with production settings: the site answers and both workers keep running."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser.server import SiteServer

pytestmark = pytest.mark.stack


def descendants(pid):
    rows = subprocess.run(["ps", "-eo", "pid=,ppid=,args="], capture_output=True, text=True)
    children, args = {}, {}
    for line in rows.stdout.splitlines():
        child, parent, command = line.split(None, 2)
        children.setdefault(int(parent), []).append(int(child))
        args[int(child)] = command
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(args[child])
            queue.append(child)
    return found


def test_honcho_runs_the_web_server_and_both_workers():
    server = SiteServer("honcho").prepare()
    bin_dir = str(Path(sys.executable).parent)
    env = {**server.env, "PATH": f"{bin_dir}:{os.environ['PATH']}", "PYTHONUNBUFFERED": "1"}
    honcho = subprocess.Popen(
        [f"{bin_dir}/honcho", "start", "--port", str(server.port), "--no-prefix"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{server.url}/annual-reports/2020/", timeout=5) as r:
                    assert r.status == 200
                    assert b"2020 Open Infrastructure Foundation Annual Report" in r.read()
                break
            except OSError:
                assert honcho.poll() is None, "honcho stopped"
                assert time.monotonic() < deadline, "the site did not answer within 60 s"
                time.sleep(0.5)
        time.sleep(2)  # long enough for a worker that fails at start to have exited
        running = " | ".join(descendants(honcho.pid))
        assert "gunicorn -c deploy/gunicorn/gunicorn.conf.py" in running
        assert "manage.py run_worker" in running
        assert "manage.py release_editions --watch" in running
        assert honcho.poll() is None
    finally:
        honcho.terminate()
        try:
            honcho.wait(timeout=20)
        except subprocess.TimeoutExpired:
            honcho.kill()
        server.stop()
