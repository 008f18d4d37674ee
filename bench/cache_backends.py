"""Which shared cache for the embedded install? The public page cache's hit path, measured on
each cache CACHE_URL can select (issue 14).

One SQLite database (migrated once, 200 public partnerships), then, for each cache, a child
process that serves in-process (Django's test client, no network), --rounds times with the
caches taken in turn (the best round of each is kept: other work on the machine only slows):
Django hello-world; the public directory page as an anonymous visitor, from the cache (the
hit path: the data version query, the cache read, the response); the cache read alone of
that page; and the write a miss adds (cache.set of the page). Prints requests per second,
the ratio of each to hello-world and to the local-memory cache (which no other process
shares: the floor).

    python bench/cache_backends.py [--requests 2000] [--rounds 3]
           [--redis redis://127.0.0.1:6379/15] [--no-redis]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def environment(folder: str, cache_url: str) -> dict:
    return {**os.environ, "PARTNERING_DATA_DIR": folder, "CACHE_URL": cache_url,
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
            "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'src'}"}


def prepare(folder: str) -> None:
    env = environment(folder, "locmem://")
    subprocess.run([str(BIN / "partnering"), "migrate", "--no-input", "-v", "0"], env=env,
                   check=True)
    script = """
from partnering.partnerships.models import Partnership
Partnership.objects.bulk_create([Partnership(
    title=f"Partnership {i}", problem_statement="Safe water for every school in the district",
    visibility="public", phase="running") for i in range(200)])
"""
    subprocess.run([str(BIN / "partnering"), "shell", "-c", script], env=env, check=True)


def rate(call, count: int) -> float:
    call()  # warm
    started = time.perf_counter()
    for _ in range(count):
        call()
    return count / (time.perf_counter() - started)


def child(count: int) -> None:
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client

    from partnering import pagecache

    client = Client()
    cache.clear()
    page = client.get("/directory/")  # a miss: built and kept
    assert page.status_code == 200, page.status_code
    key = pagecache._key(page.wsgi_request)
    assert cache.get(key) is not None, "the page was not kept"
    figures = {
        "hello": rate(lambda: client.get("/bench/hello"), count),
        "page_hit": rate(lambda: client.get("/directory/"), count),
        "page_bytes": len(page.content),
        "get": rate(lambda: cache.get(key), count),
        "set": rate(lambda: cache.set("bench:set", page.content, 60), count // 4),
    }
    print(json.dumps(figures))


def measure(folder: str, cache_url: str, count: int) -> dict:
    env = environment(folder, cache_url)
    out = subprocess.run([sys.executable, __file__, "--child", "--requests", str(count)],
                         env=env, capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"{cache_url}: the measuring child failed\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--no-redis", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.requests)
        return
    folder = tempfile.mkdtemp(prefix="cache-bench-")
    try:
        prepare(folder)
        subprocess.run([str(BIN / "partnering"), "createcachetable"],
                       env=environment(folder, "database://"), check=True)
        backends = [("local memory (one process)", "locmem://"),
                    ("file", f"file://{folder}/cache"),
                    ("database (SQLite)", "database://")]
        if not args.no_redis:
            backends.append(("Redis", args.redis))
        best: dict[str, dict] = {}
        for _ in range(args.rounds):
            for label, url in backends:
                figures = measure(folder, url, args.requests)
                kept = best.setdefault(label, figures)
                for name, value in figures.items():
                    kept[name] = max(kept[name], value)
        results = list(best.items())
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    floor = results[0][1]
    print(f"Public directory page ({results[0][1]['page_bytes'] / 1000:.0f} kB) from the "
          f"cache, {args.requests} requests in one process (Django test client), best of "
          f"{args.rounds} rounds\n")
    print(f"{'cache':28} {'hello/s':>9} {'hit/s':>8} {'hit/hello':>10} {'hit/locmem':>11} "
          f"{'get/s':>9} {'set/s':>8}")
    for label, r in results:
        print(f"{label:28} {r['hello']:9.0f} {r['page_hit']:8.0f} "
              f"{r['page_hit'] / r['hello']:10.2f} {r['page_hit'] / floor['page_hit']:11.2f} "
              f"{r['get']:9.0f} {r['set']:8.0f}")


if __name__ == "__main__":
    main()
