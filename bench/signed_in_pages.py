"""What signed-in people really see (issue #16): the key pages and JSON lists, each as its
persona, against Django hello-world in the same run.

Builds the demo portfolio (`partnering demo`) plus N organisations and M public partnerships
with three members each (bulk_create), on SQLite or on the PostgreSQL of --database-url;
serves it with `partnering serve --workers 2 --no-worker`; signs in as each persona through
the login form (CSRF) and keeps the session cookie, or sends an API token (`Authorization:
Bearer`); drives each row with wrk when it is installed, else with a built-in Python load
generator (keep-alive connections, threads in two processes; the output says which). Prints
requests per second, the share of hello-world, p50/p99 latency, the server's CPU ms per
request (granian's processes, /proc/<pid>/stat) and the queries per request (measured once
per row in-process with Django's test Client and CaptureQueriesContext, as the persona).

    python bench/signed_in_pages.py [--organisations 100000] [--partnerships 10000]
           [--seconds 8] [--connections 64] [--only "decisions,power balance"]
           [--database-url postgres://postgres@127.0.0.1:5432/partnering_signed_in]
           [--keep-data]
"""

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.common import (  # noqa: E402
    build_data,
    drive,
    fresh_postgres,
    load_generator,
    process_cpu_seconds,
    settle_postgres,
    wait_until_up,
)

BIN = Path(sys.executable).parent
PASSWORD = "partnering-demo"  # noqa: S105 - the published demo password (demo_data/shared.yaml)
PAGE_TARGET, LIST_TARGET, CPU_TARGET_MS = 10, 12, 10
SAFE_CHILDHOODS = "Safe Childhoods"

# name, persona, how it is authenticated, URL name (or API path), target % of hello-world
ROWS = [
    ("hello-world", "", "", "/bench/hello", None),
    ("home dashboard", "broker", "session", "home", PAGE_TARGET),
    ("partnership overview", "broker", "session", "partnership", PAGE_TARGET),
    ("decisions", "lead", "session", "decisions", PAGE_TARGET),
    ("agreement", "lead", "session", "agreement", PAGE_TARGET),
    ("health index", "broker", "session", "health", PAGE_TARGET),
    ("power balance", "broker", "session", "power_balance", PAGE_TARGET),
    ("portfolio", "admin", "session", "portfolio", PAGE_TARGET),
    ("organisations list", "broker", "session", "organisations", PAGE_TARGET),
    ("partnerships list", "admin", "session", "partnerships", PAGE_TARGET),
    ("API partnerships", "broker", "token", "/api/v1/partnerships?limit=50", LIST_TARGET),
    ("API organisations", "broker", "token", "/api/v1/organisations?limit=50", LIST_TARGET),
    ("API health", "broker", "token", "/api/v1/partnerships/{partnership_id}/health",
     PAGE_TARGET),
]
LABELS = {"partnership overview": "partnership overview, Safe Childhoods",
          "portfolio": "portfolio, whole platform",
          "API partnerships": "API partnerships?limit=50",
          "API organisations": "API organisations?limit=50",
          "API health": "API health of one partnership"}


# --- Inside Django (a child process with the benchmark's settings) --------------------------

def inside() -> None:
    """Resolve each row's URL, make the personas' API tokens, count each row's queries; print
    them as one JSON line."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from partnering.accounts.services import create_token
    from partnering.partnerships.models import Partnership

    safe = Partnership.objects.get(title__startswith=SAFE_CHILDHOODS)
    users = {u.username: u for u in get_user_model().objects.filter(
        username__in={row[1] for row in ROWS if row[1]})}
    tokens = {}
    for name in {row[1] for row in ROWS if row[2] == "token"}:
        users[name].api_tokens.filter(name="signed-in bench").delete()
        tokens[name] = create_token(users[name], "signed-in bench")[1]
    rows = []
    for name, persona, auth, target, _ in ROWS:
        if target.startswith("/"):
            path = target.format(partnership_id=safe.pk)
        else:
            path = _reverse(target, safe.pk)
        headers = {"Authorization": f"Bearer {tokens[persona]}"} if auth == "token" else {}
        queries, status = count_queries(users.get(persona), auth, path, headers)
        rows.append({"name": name, "path": path, "queries": queries, "status": status})
    print(json.dumps({"rows": rows, "tokens": tokens}))


def _reverse(url_name: str, partnership_id: int) -> str:
    """The page's path: about the Safe Childhoods partnership where it takes one."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(url_name, kwargs={"partnership_id": partnership_id})
    except NoReverseMatch:
        return reverse(url_name)


def count_queries(user, auth: str, path: str, headers: dict) -> tuple[int, int]:
    """Queries of one request to `path` as `user` (after one warm-up request)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if auth == "session":
        client.force_login(user)
    client.get(path, headers=headers)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, headers=headers)
    return len(captured.captured_queries), response.status_code


# --- The run --------------------------------------------------------------------------------

def partnering(env: dict, *arguments: str) -> str:
    return subprocess.run([BIN / "partnering", *arguments], env=env, check=True,
                          capture_output=True, text=True).stdout


def environment(data_dir: Path, database_url: str) -> dict:
    env = {**os.environ, "PARTNERING_DATA_DIR": str(data_dir), "DEBUG": "off",
           "DJANGO_SETTINGS_MODULE": "bench.bench_settings", "DISCOVERY_EMBEDDINGS": "off",
           "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    for key in ("TASKS_IMMEDIATE", "BACKGROUND_INLINE", "IATI_IMPORT_INLINE", "DATABASE_URL"):
        env.pop(key, None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def prepare(env: dict, args, data_dir: Path) -> str:
    """Build the data unless --keep-data finds it built; say what was done."""
    marker = data_dir / "built.json"
    wanted = {"organisations": args.organisations, "partnerships": args.partnerships,
              "database": args.database_url or "sqlite"}
    if args.keep_data and marker.exists() and json.loads(marker.read_text()) == wanted:
        return "reused from an earlier run (--keep-data)"
    if args.database_url:
        fresh_postgres(args.database_url)
    else:
        (data_dir / "partnering.sqlite3").unlink(missing_ok=True)
    started = time.perf_counter()
    partnering(env, "migrate", "--no-input", "-v", "0")
    partnering(env, "demo")
    build_data(env, args.organisations, args.partnerships)
    marker.write_text(json.dumps(wanted))
    return f"built in {time.perf_counter() - started:.1f} s"


def sign_in(port: int, username: str) -> str:
    """Post the login form (with its CSRF token) as `username`; the session cookie."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/accounts/login/")
    response = connection.getresponse()
    form = response.read().decode()
    csrf = SimpleCookie(response.getheader("Set-Cookie", ""))["csrftoken"].value
    field = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    body = f"csrfmiddlewaretoken={field}&username={username}&password={PASSWORD}"
    connection.request("POST", "/accounts/login/", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}"})
    response = connection.getresponse()
    response.read()
    cookies = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    if response.status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"signing in as {username} failed (status {response.status})")
    return cookies["sessionid"].value


def credentials(port: int, tokens: dict) -> dict:
    """The headers of each (persona, auth)."""
    headers = {("", ""): {}}
    for _, persona, auth, _, _ in ROWS:
        if auth == "session" and (persona, auth) not in headers:
            headers[persona, auth] = {"Cookie": f"sessionid={sign_in(port, persona)}"}
        elif auth == "token":
            headers[persona, auth] = {"Authorization": f"Bearer {tokens[persona]}"}
    return headers


def measure(generator: str, server_pid: int, port: int, path: str, headers: dict,
            args) -> dict:
    drive(generator, port, path, headers, args.connections, 1)  # warm up
    before = process_cpu_seconds(server_pid)
    result = drive(generator, port, path, headers, args.connections, args.seconds)
    spent = process_cpu_seconds(server_pid) - before
    return {**result, "cpu_ms": 1000 * spent / max(1, result["requests"])}


def verdict(target, share: float, cpu_ms: float) -> str:
    if target is None:
        return "-"
    misses = ([f"<{target}%"] if share < target else []) + (
        [f">{CPU_TARGET_MS}ms"] if target == PAGE_TARGET and cpu_ms > CPU_TARGET_MS else [])
    return "MISS " + " ".join(misses) if misses else "ok"


def report(measured: list[tuple], generator: str, args, data: str) -> None:
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"\n{database}; demo portfolio + {args.organisations:,} organisations, "
          f"{args.partnerships:,} partnerships (data {data}); partnering serve --workers 2 "
          f"--no-worker; load: {generator}"
          f"{'' if generator == 'wrk' else ' (built-in; wrk is not installed)'}, "
          f"{args.connections} connections, {args.seconds:g} s a row\n")
    print(f"| {'page':40} | {'persona':7} | {'req/s':>7} | {'÷ hello':>7} | {'p50 ms':>7} | "
          f"{'p99 ms':>7} | {'CPU ms':>6} | {'queries':>7} | target |")
    print("| " + " | ".join(["-" * 40, "-" * 7, *["-" * 6 + ":"] * 4, "-" * 5 + ":",
                             "-" * 6 + ":", "------"]) + " |")
    hello = next((r["rps"] for row, _, r in measured if row[0] == "hello-world"), None)
    for (name, persona, _, _, target), found, r in measured:
        share = 100 * r["rps"] / hello if hello else float("nan")
        note = f" ({r['errors']} errors)" if r["errors"] else ""
        note += f" (status {found['status']} in-process)" if found["status"] != 200 else ""
        print(f"| {LABELS.get(name, name):40} | {persona or '-':7} | {r['rps']:7.0f} | "
              f"{share:6.1f}% | {r['p50']:7.1f} | {r['p99']:7.1f} | {r['cpu_ms']:6.1f} | "
              f"{found['queries']:7} | {verdict(target, share, r['cpu_ms'])}{note} |")
    print(f"\ntargets: pages ≥ {PAGE_TARGET} % of hello-world and ≤ {CPU_TARGET_MS} ms CPU; "
          f"JSON lists ≥ {LIST_TARGET} %")


def selected(only: str) -> list[tuple]:
    if not only:
        return ROWS
    names = {name.strip() for name in only.split(",")} | {"hello-world"}
    unknown = names - {row[0] for row in ROWS}
    if unknown:
        raise SystemExit(f"--only: unknown rows {sorted(unknown)}; rows are "
                         f"{[row[0] for row in ROWS]}")
    return [row for row in ROWS if row[0] in names]


def serve_and_measure(env: dict, args, resolved: dict) -> tuple[list, str]:
    if args.database_url:
        print(settle_postgres(args.database_url), file=sys.stderr)
    server = subprocess.Popen([BIN / "partnering", "serve", "--port", str(args.port),
                               "--workers", "2", "--no-worker"], env=env,
                              stdout=subprocess.DEVNULL, start_new_session=True)
    generator, measured = load_generator(), []
    try:
        wait_until_up(f"http://127.0.0.1:{args.port}/bench/hello")
        headers = credentials(args.port, resolved["tokens"])
        found = {row["name"]: row for row in resolved["rows"]}
        for row in selected(args.only):
            name, persona, auth = row[:3]
            result = measure(generator, server.pid, args.port, found[name]["path"],
                             headers[persona, auth], args)
            measured.append((row, found[name], result))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return measured, generator


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--partnerships", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--database-url", default="",
                        help="a postgres:// URL (the database is dropped and made again)")
    parser.add_argument("--only", default="",
                        help=f"comma-separated rows: {', '.join(row[0] for row in ROWS)}")
    parser.add_argument("--keep-data", action="store_true",
                        help="keep the built data and reuse it when the next run asks for "
                             "the same sizes and database")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = arguments()
    if args.inside:
        return inside()
    selected(args.only)  # complain early
    kept = Path(tempfile.gettempdir()) / (
        f"partnering-signed-in-{args.organisations}-{args.partnerships}"
        f"{'-pg' if args.database_url else ''}")
    data_dir = kept if args.keep_data else Path(tempfile.mkdtemp(prefix="partnering-signed-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    env = environment(data_dir, args.database_url)
    try:
        data = prepare(env, args, data_dir)
        out = subprocess.run([sys.executable, __file__, "--inside"], env=env, check=True,
                             capture_output=True, text=True).stdout
        resolved = json.loads(out.strip().splitlines()[-1])
        measured, generator = serve_and_measure(env, args, resolved)
        report(measured, generator, args, data)
    finally:
        if not args.keep_data:
            shutil.rmtree(data_dir, ignore_errors=True)
    return None


if __name__ == "__main__":
    main()
