"""The production shape on this machine, driven by wrk on loopback (issue #8).

PostgreSQL (a database of its own), Redis of its own, gunicorn (2 workers), Varnish and nginx.
For the edition page, a section and a profile: SQL queries, requests per second at 1 and 50
clients, p50 and p99, for (a) gunicorn without the page cache, (b) gunicorn answering from the
Redis page cache, (c) Varnish, (d) the static export served by nginx; against two references
measured in the same run: the same HTML as a plain file from nginx, and a Django view returning
"hello" through the same gunicorn. Every client sends Accept-Encoding: gzip; nginx serves the
file precompressed. Also: the times of load_edition, build_pdf and export_static, and the peak
memory of a gunicorn worker. Figures are printed, never asserted.
"""

import gzip
import os
import re
import shutil
import subprocess
import tempfile
import urllib.request
from pathlib import Path

from benchmarks.rounds import median_ratio, paired_rounds
from tests.stack.fleet import AppFleet
from tests.stack.processes import Nginx, PostgresDatabase, RedisServer, Varnish

SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))  # of the acceptance ratios
PAGES = {
    "edition": "/annual-reports/2020/",
    "section": "/annual-reports/2020/project-updates/zuul/",
    "profile": "/projects/zuul/",
}
GZIP = {"Accept-Encoding": "gzip"}
COMPRESSIBLE = {".html", ".xml", ".atom", ".css", ".js", ".json", ".csv", ".svg", ".txt"}


def wrk(url, clients):
    """{'rps', 'p50', 'p99'} (ms) of wrk on the URL for SECONDS."""
    result = subprocess.run(
        [
            "wrk",
            f"-t{min(clients, 2)}",
            f"-c{clients}",
            f"-d{SECONDS}s",
            "--latency",
            "-H",
            "Accept-Encoding: gzip",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency(out, "50%"),
        "p99": latency(out, "99%"),
        "errors": (int(errors.group(1)) if errors else 0)
        + (sum(int(n) for n in sockets.groups()) if sockets else 0),
    }


def latency(out, percentile):
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)\b", out).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read(), dict(response.headers)


def queries(fleet, path):
    code = (
        "from django.db import connection\n"
        "from django.test import Client, override_settings\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "with override_settings(PAGE_CACHE_SECONDS=0):\n"
        "    client = Client(HTTP_HOST='127.0.0.1')\n"
        f"    client.get({path!r})\n"
        "    with CaptureQueriesContext(connection) as captured:\n"
        f"        assert client.get({path!r}).status_code == 200\n"
        "print(len(captured))\n"
    )
    return int(fleet.shell(code).split()[-1])


def timed_command(fleet, *args):
    code = (
        "import time\nfrom django.core.management import call_command\n"
        f"start = time.perf_counter()\ncall_command(*{args!r}, verbosity=0)\n"
        "print(time.perf_counter() - start)\n"
    )
    return float(fleet.shell(code).split()[-1])


def precompress(folder):
    """nginx serves the export as the plain-file reference is served: gzip_static."""
    for path in folder.rglob("*"):
        if path.suffix in COMPRESSIBLE and path.is_file():
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(path.read_bytes(), 6))


def worker_memory(fleets, field):
    """The largest `field` (VmRSS now, VmHWM peak) of the gunicorn workers, in MiB."""
    sizes = []
    for fleet in fleets:
        for pid in fleet.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            sizes.append(int(re.search(rf"{field}:\s+(\d+) kB", status).group(1)))
    return max(sizes) / 1024 if sizes else float("nan")


def row(label, figures, ref_file, ref_hello):
    def ratio(value, ref):
        return f"{value / ref:7.2f}x" if ref else "    n/a"

    one, fifty = figures[1], figures[50]
    print(
        f"  {label:<24} {one['rps']:9.0f} {fifty['rps']:9.0f} {fifty['p50']:8.2f} "
        f"{fifty['p99']:8.2f} {one['p50']:8.2f} |"
        f" {ratio(one['rps'], ref_file[1]['rps'])} {ratio(fifty['rps'], ref_file[50]['rps'])}"
        f" {ratio(fifty['p50'], ref_file[50]['p50'])} |"
        f" {ratio(one['rps'], ref_hello[1]['rps'])} {ratio(fifty['rps'], ref_hello[50]['rps'])}"
        f" {ratio(one['p50'], ref_hello[1]['p50'])}"
        + (
            f"  ({fifty['errors'] + one['errors']} errors)"
            if fifty["errors"] + one["errors"]
            else ""
        )
    )


def measure(url):
    return {clients: wrk(url, clients) for clients in (1, 50)}


def paired_ratio(url, reference, rounds=ROUNDS):
    """req/s at 50 clients of `url` over `reference` in paired rounds: (median, the ratios)."""
    measured = paired_rounds(rounds, lambda one: wrk(one, 50)["rps"], url, reference)
    return median_ratio(measured, url, reference)


def main():
    work = Path(tempfile.mkdtemp(prefix="oif-bench-stack-"))
    work.chmod(0o755)  # nginx's workers read the files below it
    database, redis = PostgresDatabase(prefix="oif_bench").create(), RedisServer().start()
    started, cached, uncached = [], None, None
    try:
        common = {
            "database_url": database.url,
            "redis_url": redis.url,
            "count": 1,
            "threads": 4,
            "settings": "benchmarks.stack_settings",
            "s3_env": {"AWS_STORAGE_BUCKET_NAME": ""},
        }
        cached = AppFleet(**common)
        uncached = AppFleet(**common, extra_env={"PAGE_CACHE_SECONDS": "0"})
        varnish = Varnish(cached.ports)
        cached.front_cache(varnish.url)
        timings = cached.prepare()
        timings["build_pdf"] = timed_command(cached, "build_pdf", "2020")
        export = work / "export"
        timings["export_static"] = timed_command(cached, "export_static", str(export))
        precompress(export)
        for part in (cached, uncached, varnish):
            started.append(part.start())
        plain = work / "plain"
        for name, path in PAGES.items():
            html, _headers = fetch(uncached.urls[0] + path)
            target = plain / name / "index.html"
            target.parent.mkdir(parents=True)
            target.write_bytes(html)
            target.with_suffix(".html.gz").write_bytes(gzip.compress(html, 6))
        nginx_plain = Nginx(plain).start()
        started.append(nginx_plain)
        nginx_export = Nginx(export).start()
        started.append(nginx_export)
        exported = sum(1 for p in export.rglob("*") if p.is_file() and p.suffix != ".gz")

        print(
            f"load_edition {timings['load_edition']:.1f} s · build_pdf {timings['build_pdf']:.1f} s"
            f" · export_static {timings['export_static']:.1f} s ({exported} files,"
            f" {timings['export_static'] / exported * 1000:.0f} ms a file)"
        )
        print(
            f"wrk {SECONDS} s per figure, Accept-Encoding: gzip; req/s at 1 and 50 clients,"
            " latency in ms (p50, p99 at 50 clients; p50 at 1 client)"
        )
        hello = measure(cached.urls[0] + "/__hello__/")
        print(
            f"reference hello view through gunicorn: {hello[1]['rps']:.0f} / {hello[50]['rps']:.0f}"
            f" req/s, p50 {hello[1]['p50']:.2f} ms at 1 client"
        )
        header = (
            f"  {'':<24} {'rps@1':>9} {'rps@50':>9} {'p50@50':>8} {'p99@50':>8} {'p50@1':>8} |"
            f" {'vs nginx file: rps@1 rps@50 p50@50':>26} | {'vs hello: rps@1 rps@50 p50@1':>24}"
        )
        start_memory = worker_memory([cached, uncached], "VmRSS")
        acceptance = {}
        for name, path in PAGES.items():
            count = queries(cached, path)
            fetch(cached.urls[0] + path, GZIP)
            fetch(varnish.url + path, GZIP)
            fetch(nginx_export.url + path, GZIP)
            file = measure(f"{nginx_plain.url}/{name}/")
            print(f"\n{name} {path}: {count} SQL queries uncached")
            print(header)
            row("nginx plain file (ref)", file, file, hello)
            figures = {
                "(a) gunicorn uncached": measure(uncached.urls[0] + path),
                "(b) gunicorn + Redis": measure(cached.urls[0] + path),
                "(c) Varnish": measure(varnish.url + path),
                "(d) static export, nginx": measure(nginx_export.url + path),
            }
            for label, measured in figures.items():
                row(label, measured, file, hello)
            if name == "edition":
                acceptance = {
                    "(c) Varnish / nginx plain file, req/s at 50 clients (at least 0.5)": (
                        paired_ratio(varnish.url + path, f"{nginx_plain.url}/{name}/")
                    ),
                    "(b) Redis page cache / hello, req/s at 50 clients (at least 0.5)": (
                        paired_ratio(cached.urls[0] + path, cached.urls[0] + "/__hello__/")
                    ),
                    "(a) uncached p50 at 1 client, ms (under 50)": (
                        figures["(a) gunicorn uncached"][1]["p50"],
                        [],
                    ),
                }
        peak = worker_memory([cached, uncached], "VmHWM")
        print(
            f"\npeak memory of a gunicorn worker: {peak:.0f} MiB (VmHWM),"
            f" {peak / start_memory:.2f}x its size after the first requests"
            f" ({start_memory:.0f} MiB)"
        )
        print(
            f"\nissue #8 acceptance, edition page (the ratios: median of {ROUNDS} rounds, each"
            " measuring both sides back to back):"
        )
        for label, (value, rounds) in acceptance.items():
            detail = f"  rounds {[round(r, 2) for r in rounds]}" if rounds else ""
            print(f"  {label}: {value:.2f}{detail}")
    finally:
        for part in reversed(started):
            part.stop()
        for part in (cached, uncached):
            if part is not None:
                part.stop()
        redis.stop()
        database.drop()
        shutil.rmtree(work, ignore_errors=True)
