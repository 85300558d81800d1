"""What metrics and JSON request logs cost: gunicorn (production settings) with and without
them (OBSERVABILITY=on/off): two servers on one database, both running throughout, driven by
wrk on loopback in rounds that measure both sides back to back, in alternating order, so that
a busy machine weighs on both alike; the cost is the median of the rounds' ratios. Budget: at
most 5 % of req/s.

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

from benchmarks.rounds import median_ratio, paired_rounds
from tests.ops.processes import ROOT, OpsSite

PATHS = ["/annual-reports/2020/", "/annual-reports/2020/project-updates/zuul/"]
SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "6"))


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


def calls_per_request(server, observability):
    env = {**server.env, "OBSERVABILITY": observability}
    result = subprocess.run(
        [sys.executable, "-c", COUNT_CALLS % (PATHS,)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.split()[-1])


def warm(server):
    """Each worker's first requests compile templates and fill caches: not what is measured."""
    for path in PATHS:
        subprocess.run(
            ["wrk", "-t2", "-c8", "-d3s", "--timeout", "30s", f"{server.url}{path}"],
            capture_output=True,
            timeout=60,
            check=True,
        )


def measure(server):
    """{rps, cpu (ms per request), system (of which in the kernel)}, averaged over PATHS."""
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
    return {
        "rps": statistics.mean(rates),
        "cpu": statistics.mean(cpu),
        "system": statistics.mean(system),
    }


def paired(rounds, key):
    """The cost's ratio, with / without: the median over the paired rounds."""
    return median_ratio(rounds, "on", "off", lambda figures: figures[key])[0]


def main():
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk): skipped")
        return
    common = {"OPS_HEARTBEATS": "", "LOG_LEVEL": "INFO", "PAGE_CACHE_SECONDS": "0"}
    off = OpsSite("bench-obs", OBSERVABILITY="off", **common).prepare()
    shared = {key: off.env[key] for key in ("DATABASE_URL", "STATIC_ROOT", "MEDIA_ROOT")}
    on = OpsSite("bench-obs-on", OBSERVABILITY="on", **common, **shared)
    servers = {"off": off, "on": on}
    metrics_dirs = []
    rounds = []
    try:
        for server in servers.values():
            metrics_dirs.append(tempfile.mkdtemp(prefix="oif-bench-metrics-"))
            server.env["PROMETHEUS_MULTIPROC_DIR"] = metrics_dirs[-1]
        calls = {mode: calls_per_request(server, mode) for mode, server in servers.items()}
        # Both servers run throughout (the idle one costs nothing); every round measures both,
        # in alternating order, so that neither side always goes first.
        for server in servers.values():
            server.start()
            warm(server)
        rounds = paired_rounds(ROUNDS, lambda mode: measure(servers[mode]), "off", "on")
    finally:
        on.stop()
        off.stop()
        for folder in metrics_dirs:
            shutil.rmtree(folder, ignore_errors=True)

    def listed(mode, key):
        return [round(r[mode][key], 2 if key != "rps" else 1) for r in rounds]

    rps_cost = (1 - paired(rounds, "rps")) * 100
    cpu_cost = (paired(rounds, "cpu") - 1) * 100
    print(f"uncached pages, {ROUNDS} rounds of {SECONDS} s per side and page, both sides in")
    print("  every round; req/s and the gunicorn workers' CPU per request (user + system):")
    for mode, label in (("off", "without metrics and logs"), ("on", "with metrics and logs")):
        print(f"  {label + ':':<26} req/s {listed(mode, 'rps')}  CPU ms {listed(mode, 'cpu')}")
        print(f"  {'':<26} of which system (kernel) ms {listed(mode, 'system')}")
    print(
        f"  cost, median of the rounds' ratios: req/s {-rps_cost:+.1f} %, CPU per request"
        f" {cpu_cost:+.1f} % (budget 5 %): {'within' if max(rps_cost, cpu_cost) <= 5 else 'OVER'}"
        " budget"
    )
    extra = (calls["on"] - calls["off"]) / calls["off"] * 100
    print("Python function calls per uncached request (in-process, independent of load):")
    print(f"  without: {calls['off']:.0f}  with: {calls['on']:.0f}  (+{extra:.1f} %)")
