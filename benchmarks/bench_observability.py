"""What metrics and JSON request logs cost: gunicorn (production settings) with and without
them (OBSERVABILITY=on/off), same database, same run, driven by wrk on loopback; rounds
alternate so that a busy machine weighs on both sides alike. Budget: at most 5 % of req/s.

req/s moves with whatever else the machine runs; the CPU time the gunicorn workers spend per
request (user + system, read from /proc around each wrk run, divided by the requests wrk
completed) moves far less, and is what the cost is judged by. On an idle machine whose two
cores the workers keep busy, req/s is about cores / CPU per request, so the two agree there.
It also counts the Python function calls of one uncached request with and without, in-process
(calls made by C code, such as writing a metric's mmap file or a JSON line, are not counted).
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.ops.processes import ROOT, OpsSite

PATHS = ["/annual-reports/2020/", "/annual-reports/2020/project-updates/zuul/"]
SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "10"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))


TICKS = os.sysconf("SC_CLK_TCK")


def wrk(url):
    """(req/s, requests completed)."""
    result = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{SECONDS}s", "--timeout", "30s", url],
        capture_output=True,
        text=True,
        timeout=SECONDS + 60,
        check=True,
    )
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))
    return rate, int(re.search(r"(\d+) requests in", result.stdout).group(1))


def cpu_seconds(pids):
    """(user, system) CPU time of these processes so far (fields 14 and 15 of /proc/PID/stat,
    counted after the command name, which may hold spaces)."""
    user = system = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        user, system = user + int(fields[11]), system + int(fields[12])
    return user / TICKS, system / TICKS


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
    """(req/s, CPU ms per request, of which system ms), averaged over PATHS."""
    server.env["OBSERVABILITY"] = observability
    server.env["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    server.start()
    try:
        workers = server.worker_pids()
        rates, cpu, system = [], [], []
        for path in PATHS:
            user_before, system_before = cpu_seconds(workers)
            rate, requests = wrk(f"{server.url}{path}")
            user_after, system_after = cpu_seconds(workers)
            rates.append(rate)
            used = user_after - user_before + system_after - system_before
            cpu.append(used / requests * 1000)
            system.append((system_after - system_before) / requests * 1000)
        return statistics.mean(rates), statistics.mean(cpu), statistics.mean(system)
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
    cpu = {"on": [], "off": []}
    system = {"on": [], "off": []}
    try:
        calls = {mode: calls_per_request(server, mode, metrics_dir) for mode in ("off", "on")}
        for _ in range(ROUNDS):
            for mode in ("off", "on"):
                rate, milliseconds, in_kernel = measure(server, mode, metrics_dir)
                figures[mode].append(round(rate, 1))
                cpu[mode].append(round(milliseconds, 2))
                system[mode].append(round(in_kernel, 2))
    finally:
        server.stop()
        shutil.rmtree(metrics_dir, ignore_errors=True)
    off, on = statistics.median(figures["off"]), statistics.median(figures["on"])
    cost = (off - on) / off * 100
    cpu_off, cpu_on = statistics.median(cpu["off"]), statistics.median(cpu["on"])
    cpu_cost = (cpu_on - cpu_off) / cpu_off * 100
    print(f"uncached pages, {ROUNDS} rounds of {SECONDS} s per side, medians")
    print("  (req/s; CPU of the gunicorn workers per request, user + system):")
    print(f"  without metrics and logs: {off:.1f} req/s  {cpu_off:.2f} ms CPU  {figures['off']}")
    print(f"  with metrics and logs:    {on:.1f} req/s  {cpu_on:.2f} ms CPU  {figures['on']}")
    print(f"  CPU per request, without: {cpu['off']}  with: {cpu['on']}")
    print(f"    of which system (kernel), without: {system['off']}  with: {system['on']}")
    print(
        f"  cost: {cpu_cost:+.1f} % CPU per request (budget 5 %):"
        f" {'within' if cpu_cost <= 5 else 'OVER'} budget; req/s {-cost:+.1f} %"
    )
    extra = (calls["on"] - calls["off"]) / calls["off"] * 100
    print("Python function calls per uncached request (in-process, independent of load):")
    print(f"  without: {calls['off']:.0f}  with: {calls['on']:.0f}  (+{extra:.1f} %)")
