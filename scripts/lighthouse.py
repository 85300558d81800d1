"""Lighthouse scores of the public site, served as in production, printed per page.

    .venv/bin/python scripts/lighthouse.py            # home, 2020 edition, a project profile
    .venv/bin/python scripts/lighthouse.py --runs 5 --min 95 --url http://127.0.0.1:8000

Starts its own server (tests/browser/server.py: gunicorn, production settings, whitenoise's
compressed static files, its own database with the 2020 edition) unless --url names one, then
runs the lighthouse npm package (package.json; `npm ci` installs it) against Debian's Chromium
(CHROME_PATH=/usr/bin/chromium, never a downloaded browser) with the browser tests' flags. It
works offline: everything it loads is on 127.0.0.1.

Lighthouse's default, mobile configuration is used on purpose: a mid-range phone on a slow 4G
connection (simulated), the harder case (docs/design.md). Performance varies from run to run,
so each page is run --runs times and the median score of each category is kept. Exits 1 when
a score is below --min.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.server import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (needs the path above)

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# The flags the browser tests launch Chromium with, plus headless mode.
CHROMIUM_FLAGS = ["--headless=new", *CHROMIUM_ARGS]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = {
    "home": "/",
    "2020 edition": "/annual-reports/2020/",
    "project profile": "/projects/kata-containers/",
}


def run_lighthouse(url, preset=None, attempts=3):
    """One Lighthouse run: {category: score 0-100} and the audits that did not pass. Chromium
    sometimes fails to record the trace (NO_NAVSTART, "run Lighthouse again"): retried."""
    for attempt in range(1, attempts + 1):
        try:
            return _run_lighthouse(url, preset)
        except RuntimeError:
            if attempt == attempts:
                raise


def _run_lighthouse(url, preset):
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci` in {ROOT}")
    with tempfile.TemporaryDirectory(prefix="oif-lighthouse-") as tmp:
        report = Path(tmp) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
            "--quiet",
        ]
        if preset:
            command.append(f"--preset={preset}")
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        if result.returncode or not report.exists():
            raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
    failing = {}
    for category in CATEGORIES:
        for ref in data["categories"][category]["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 0.9:
                failing[ref["id"]] = f"{audit['title']} ({audit.get('displayValue', '')})"
    return scores, failing


def score_pages(base_url, pages=PAGES, runs=3, preset=None, log=print):
    """The median score of each category for each page, over `runs` runs."""
    results = {}
    for name, path in pages.items():
        runs_scores, failing = [], {}
        for _ in range(runs):
            scores, failed = run_lighthouse(base_url + path, preset)
            runs_scores.append(scores)
            failing.update(failed)
        median = {c: int(statistics.median(s[c] for s in runs_scores)) for c in CATEGORIES}
        results[name] = {"path": path, "scores": median, "failing": failing}
        log(format_row(name, path, median))
        for audit_id, title in sorted(failing.items()):
            log(f"    below 90 in a run: {audit_id}: {title}")
    return results


def format_row(name, path, scores):
    cells = "  ".join(f"{c} {scores[c]:>3}" for c in CATEGORIES)
    return f"{name:<16} {path:<28} {cells}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running site instead of starting one")
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median kept)")
    parser.add_argument("--min", type=int, default=95, help="lowest acceptable score")
    parser.add_argument("--preset", choices=["desktop"], help="Lighthouse's desktop preset")
    args = parser.parse_args(argv)

    server = None
    base_url = args.url
    if not base_url:
        from tests.browser.server import SiteServer

        print("Starting the production server (gunicorn, its own database)…", flush=True)
        server = SiteServer(name="lighthouse").prepare().start()
        base_url = server.url
    try:
        print(f"Lighthouse {'desktop' if args.preset else 'mobile'}, {args.runs} run(s) a page")
        results = score_pages(base_url, runs=args.runs, preset=args.preset)
    finally:
        if server:
            server.stop()
    low = [
        f"{name}: {category} {score}"
        for name, result in results.items()
        for category, score in result["scores"].items()
        if score < args.min
    ]
    if low:
        print(f"Below {args.min}: " + "; ".join(low))
        return 1
    print(f"Every score is {args.min} or more.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
