"""What every signed-in page and every API call with a token pays before its own work
(issue #16), against Django hello-world in the same process and run.

Rows: hello-world; hello-world with a session cookie (the session and its user read);
a page with nothing but the site's layout (bench/bare), for a visitor and for a signed-in
person (their unread count, the CSRF field, the session); the sources page signed in; the
API's /me and the token list with a Bearer token. Each row: requests through Django's test
Client, CPU time (time.process_time) per request, best of --rounds, the share of
hello-world, and the queries of one request.

    python bench/request_floor.py [--data DIR] [--requests 300] [--rounds 5]
                                  [--profile "bare page (signed-in)"]

--data reuses a data directory whose database is migrated (e.g. a copy of the one
bench/signed_in_pages.py --keep-data leaves); without it a fresh SQLite database is made in
a temporary directory (`partnering migrate`, a minute)."""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
USERNAME = "request-floor"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="a data directory with a migrated database")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", help="profile this row with cProfile instead")
    return parser.parse_args()


def setup(data: str | None) -> None:
    data_dir = Path(data) if data else Path(tempfile.mkdtemp(prefix="request-floor-"))
    os.environ.update({"PARTNERING_DATA_DIR": str(data_dir), "DEBUG": "off",
                       "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
                       "DISCOVERY_EMBEDDINGS": "off"})
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    import django

    django.setup()
    if not data:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def rows() -> list[tuple[str, object, str]]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from partnering.accounts.services import create_token

    user, _ = get_user_model().objects.get_or_create(
        username=USERNAME, defaults={"email": "request-floor@example.org"})
    user.api_tokens.all().delete()
    raw = create_token(user, "request floor")[1]
    visitor, signed_in = Client(), Client()
    signed_in.force_login(user)
    token = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return [("hello-world", visitor, "/bench/hello"),
            ("hello-world, session cookie", signed_in, "/bench/hello"),
            ("bare page (visitor)", visitor, "/bench/bare"),
            ("bare page (signed-in)", signed_in, "/bench/bare"),
            ("sources (signed-in)", signed_in, "/sources/"),
            ("API /me (token)", token, "/api/v1/me"),
            ("API /tokens (token)", token, "/api/v1/tokens?limit=5")]


def cpu_ms(client, path: str, requests: int) -> float:
    start = time.process_time()
    for _ in range(requests):
        response = client.get(path)
    elapsed = time.process_time() - start
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return elapsed / requests * 1000


def queries(client, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return len(captured)


def profile(row, requests: int) -> None:
    import cProfile
    import pstats

    _, client, path = row
    cpu_ms(client, path, 30)
    profiler = cProfile.Profile()
    profiler.runcall(cpu_ms, client, path, requests)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(50)


def main() -> None:
    options = arguments()
    setup(options.data)
    table = rows()
    if options.profile:
        profile(next(row for row in table if row[0] == options.profile), options.requests)
        return
    best = {name: float("inf") for name, _, _ in table}
    for _name, client, path in table:
        cpu_ms(client, path, 30)  # warm: templates compiled, SQL prepared
    for _ in range(options.rounds):  # the rows alternate, so a busy moment hits all alike
        for name, client, path in table:
            best[name] = min(best[name], cpu_ms(client, path, options.requests))
    hello = best["hello-world"]
    print(f"{'row':30} {'CPU ms':>8} {'% of hello':>11} {'queries':>8}")
    for name, client, path in table:
        print(f"{name:30} {best[name]:8.3f} {hello / best[name] * 100:10.1f}% "
              f"{queries(client, path):8}")


if __name__ == "__main__":
    main()
