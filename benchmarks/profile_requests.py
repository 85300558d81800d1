"""Where a request's time goes, without the noise of a loaded machine's network: the production
settings of `make bench` (PostgreSQL, a Redis of its own), the WSGI application called in a loop
in this process, as gunicorn would call it. Prints the CPU time per request of each path and,
with --profile, cProfile's heaviest functions.

    python -m benchmarks.profile_requests [--profile] [--count N] PATH...

A path is measured three ways: "hello" (/__hello__/, the floor of a Django request), the page
from the Redis page cache, and the page rendered (page cache off). Not part of `make bench`.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time

from tests.stack.fleet import AppFleet
from tests.stack.processes import ROOT, PostgresDatabase, RedisServer

DEFAULT_PATHS = ["/annual-reports/2020/"]


def environ_for(path):
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_ACCEPT_ENCODING": "gzip",
        "HTTP_USER_AGENT": "wrk",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def call(application, path):
    status = []
    body = application(environ_for(path), lambda s, headers, exc_info=None: status.append(s))
    try:
        for _chunk in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()
    return status[0]


def per_request(application, path, count):
    """CPU seconds (process time: other engineers' load is not counted) per request."""
    call(application, path)
    start = time.process_time()
    for _ in range(count):
        call(application, path)
    return (time.process_time() - start) / count


def profile(application, path, count, limit=35):
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(count):
        call(application, path)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(limit)
    out.write("\n--- by own time ---\n")
    stats.sort_stats("tottime").print_stats(limit)
    return out.getvalue()


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--database", help="a database prepared by an earlier run with --keep: kept, not dropped"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database; print its URL")
    args = parser.parse_args(argv)
    database = None if args.database else PostgresDatabase(prefix="oif_profile").create()
    redis = RedisServer().start()
    fleet = None
    try:
        fleet = AppFleet(
            database_url=args.database or database.url,
            redis_url=redis.url,
            count=1,
            settings="benchmarks.stack_settings",
            s3_env={"AWS_STORAGE_BUCKET_NAME": ""},
            # Kept with the database (--keep): the images and PDFs it names.
            extra_env={"MEDIA_ROOT": str(ROOT / "test-artifacts" / "profile-media")},
        )
        if database is not None:
            fleet.prepare()
        if args.keep and database is not None:
            print(f"database kept: --database {database.url}")
        os.environ.update(fleet.env)
        os.environ["FRONTEND_CACHE"] = ""
        from django.core.wsgi import get_wsgi_application
        from django.test import override_settings

        application = get_wsgi_application()
        hello = per_request(application, "/__hello__/", args.count)
        print(f"hello: {hello * 1e6:.0f} µs CPU per request")
        if args.profile:
            print(profile(application, "/__hello__/", args.count))
        for path in args.paths:
            assert call(application, path).startswith("200"), path
            cached = per_request(application, path, args.count)
            print(f"{path} from the page cache: {cached * 1e6:.0f} µs, {hello / cached:.2f}x hello")
            if args.profile:
                print(profile(application, path, args.count))
            with override_settings(PAGE_CACHE_SECONDS=0):
                rendered = per_request(application, path, max(args.count // 10, 5))
                print(f"{path} rendered: {rendered * 1e3:.1f} ms")
                if args.profile:
                    print(profile(application, path, max(args.count // 10, 5)))
    finally:
        if fleet is not None:
            fleet.stop()
        redis.stop()
        if database is not None and not args.keep:
            database.drop()


if __name__ == "__main__":
    main()
