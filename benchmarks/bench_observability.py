"""What metrics and JSON request logs cost: gunicorn (production settings) with and without
them (OBSERVABILITY=on/off), same database, same run, driven by wrk on loopback; rounds
alternate so that a busy machine weighs on both sides alike. Budget: at most 5 % of req/s.
It also counts the Python function calls of one uncached request with and without, in-process:
a figure that, unlike req/s, does not move with the machine's load."""

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

from tests.ops.processes import ROOT, OpsSite

PATHS = ["/annual-reports/2020/", "/annual-reports/2020/project-updates/zuul/"]
SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "10"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))


def wrk(url):
    result = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{SECONDS}s", "--timeout", "30s", url],
        capture_output=True,
        text=True,
        timeout=SECONDS + 60,
        check=True,
    )
    return float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))


# Run in a process of its own with the server's environment: warms up, then counts the Python
# function calls (sys.setprofile) of each page, the whole middleware stack included.
COUNT_CALLS = """
import sys, django
django.setup()
from django.test import Client
client, paths, calls = Client(HTTP_HOST="127.0.0.1"), %r, [0]
for path in paths * 2:
    assert client.get(path).status_code == 200, path
def count(frame, event, arg):
    if event == "call":
        calls[0] += 1
sys.setprofile(count)
for path in paths * 5:
    client.get(path)
sys.setprofile(None)
print(calls[0] / (len(paths) * 5))
"""


def calls_per_request(server, observability, metrics_dir):
    env = {
        **server.env,
        "OBSERVABILITY": observability,
        "PROMETHEUS_MULTIPROC_DIR": metrics_dir,
        "PAGE_CACHE_SECONDS": "0",
        "LOG_LEVEL": "INFO",
    }
    result = subprocess.run(
        [sys.executable, "-c", COUNT_CALLS % (PATHS,)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.split()[-1])


def measure(server, observability, metrics_dir):
    server.env["OBSERVABILITY"] = observability
    server.env["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    server.start()
    try:
        return sum(wrk(f"{server.url}{path}") for path in PATHS) / len(PATHS)
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)
        server.process = None


def main():
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk): skipped")
        return
    server = OpsSite("bench-obs", OPS_HEARTBEATS="").prepare()
    metrics_dir = tempfile.mkdtemp(prefix="oif-bench-metrics-")
    server.env["LOG_LEVEL"] = "INFO"
    server.env["PAGE_CACHE_SECONDS"] = "0"  # every request renders: the cost on uncached pages
    figures = {"on": [], "off": []}
    try:
        calls = {mode: calls_per_request(server, mode, metrics_dir) for mode in ("off", "on")}
        for _ in range(ROUNDS):
            for mode in ("off", "on"):
                figures[mode].append(measure(server, mode, metrics_dir))
    finally:
        server.stop()
        shutil.rmtree(metrics_dir, ignore_errors=True)
    off, on = statistics.median(figures["off"]), statistics.median(figures["on"])
    cost = (off - on) / off * 100
    print(f"uncached pages, {ROUNDS} rounds of {SECONDS} s per side, median req/s:")
    print(f"  without metrics and logs: {off:.1f} req/s  {figures['off']}")
    print(f"  with metrics and logs:    {on:.1f} req/s  {figures['on']}")
    print(f"  cost: {cost:.1f} % (budget 5 %): {'within' if cost <= 5 else 'OVER'} budget")
    extra = (calls["on"] - calls["off"]) / calls["off"] * 100
    print("Python function calls per uncached request (in-process, independent of load):")
    print(f"  without: {calls['off']:.0f}  with: {calls['on']:.0f}  (+{extra:.1f} %)")
