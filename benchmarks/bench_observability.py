"""What metrics and JSON request logs cost: gunicorn (production settings) with and without
them (OBSERVABILITY=on/off), same database, same run, driven by wrk on loopback; rounds
alternate so that a busy machine weighs on both sides alike. Budget: at most 5 % of req/s."""

import os
import re
import shutil
import statistics
import subprocess
import tempfile

from tests.ops.processes import OpsSite

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
    figures = {"on": [], "off": []}
    try:
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
