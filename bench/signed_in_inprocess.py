"""The rows of bench/signed_in_pages.py measured in-process (issue #16): each page called
through Django's WSGI application as granian calls it (the request signals connected, only
the session cookie or the token sent, as wrk sends them), on the data that
`signed_in_pages.py --keep-data` leaves. CPU time (time.process_time) per request, best of
--rounds with the rows alternating, the share of hello-world, and the queries of one request.

    python bench/signed_in_inprocess.py [--data /tmp/partnering-signed-in-100000-10000]
           [--only "home dashboard,portfolio"] [--requests 100] [--rounds 5]
           [--src OTHER/src] [--profile "home dashboard"]

--src measures another checkout's code (e.g. the main branch's, to alternate old and new on
the same data); --profile prints that row's cProfile instead."""

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = "/tmp/partnering-signed-in-100000-10000"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--only", default="")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--src", help="measure the code of this src folder instead")
    parser.add_argument("--profile", help="profile this row with cProfile instead")
    return parser.parse_args()


def setup(options) -> None:
    os.environ.update({"PARTNERING_DATA_DIR": options.data, "DEBUG": "off",
                       "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
                       "DISCOVERY_EMBEDDINGS": "off"})
    for key in ("DATABASE_URL", "TASKS_IMMEDIATE", "BACKGROUND_INLINE"):
        os.environ.pop(key, None)
    sys.path[:0] = [options.src or str(ROOT / "src"), str(ROOT)]
    import django

    django.setup()


def credentials(rows) -> dict:
    """The Cookie or Authorization header of each persona, as the benchmark sends them."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from partnering.accounts.services import create_token

    users = {u.username: u for u in get_user_model().objects.filter(
        username__in={row[1] for row in rows if row[1]})}
    headers = {("", ""): {}}
    for _, persona, auth, _, _ in rows:
        if auth == "session" and (persona, auth) not in headers:
            client = Client()
            client.force_login(users[persona])
            headers[persona, auth] = {"HTTP_COOKIE":
                                      f"sessionid={client.cookies['sessionid'].value}"}
        elif auth == "token" and (persona, auth) not in headers:
            users[persona].api_tokens.filter(name="in-process bench").delete()
            raw = create_token(users[persona], "in-process bench")[1]
            headers[persona, auth] = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    return headers


def environ(path: str, headers: dict) -> dict:
    """What granian hands the WSGI application for a GET from wrk."""
    path_info, _, query = path.partition("?")
    return {"REQUEST_METHOD": "GET", "SCRIPT_NAME": "", "PATH_INFO": path_info,
            "QUERY_STRING": query, "SERVER_PROTOCOL": "HTTP/1.1", "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8767", "REMOTE_ADDR": "127.0.0.1", "REMOTE_PORT": "50000",
            "HTTP_HOST": "127.0.0.1:8767", "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr,
            "wsgi.version": (1, 0), "wsgi.multithread": False, "wsgi.multiprocess": True,
            "wsgi.run_once": False, **headers}


def call(application, path: str, headers: dict) -> str:
    status = []
    body = application(environ(path, headers), lambda s, h, *a: status.append(s))
    b"".join(body)
    getattr(body, "close", lambda: None)()
    return status[0]


def cpu_ms(application, path: str, headers: dict, requests: int) -> float:
    start = time.process_time()
    for _ in range(requests):
        status = call(application, path, headers)
    elapsed = time.process_time() - start
    if not status.startswith("200"):
        raise SystemExit(f"{path} answered {status}")
    return elapsed / requests * 1000


def queries(application, path: str, headers: dict) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call(application, path, headers)
    return len(captured)


def table(options) -> list[tuple[str, str, dict]]:
    from bench.signed_in_pages import ROWS, SAFE_CHILDHOODS, _reverse, selected
    from partnering.partnerships.models import Partnership

    rows = selected(options.only)
    safe = Partnership.objects.get(title__startswith=SAFE_CHILDHOODS)
    headers = credentials(rows)
    found = []
    for name, persona, auth, target, _ in ROWS:
        if (name, persona, auth, target, _) not in rows:
            continue
        path = target.format(partnership_id=safe.pk) if target.startswith("/") \
            else _reverse(target, safe.pk)
        found.append((name, path, headers[persona, auth]))
    return found


def main() -> None:
    options = arguments()
    setup(options)
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    rows = table(options)
    for _, path, headers in rows:
        cpu_ms(application, path, headers, 20)  # warm: templates compiled, SQL prepared
    if options.profile:
        import cProfile
        import pstats

        _, path, headers = next(row for row in rows if row[0] == options.profile)
        profiler = cProfile.Profile()
        profiler.runcall(cpu_ms, application, path, headers, options.requests)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(40)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
        return
    best = {name: float("inf") for name, _, _ in rows}
    for _ in range(options.rounds):  # the rows alternate, so a busy moment hits all alike
        for name, path, headers in rows:
            best[name] = min(best[name], cpu_ms(application, path, headers, options.requests))
    hello = best["hello-world"]
    print(f"{'row':30} {'CPU ms':>8} {'% of hello':>11} {'queries':>8}")
    for name, path, headers in rows:
        print(f"{name:30} {best[name]:8.3f} {hello / best[name] * 100:10.1f}% "
              f"{queries(application, path, headers):8}")


if __name__ == "__main__":
    main()
