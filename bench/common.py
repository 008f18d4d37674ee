"""Helpers the database benchmarks share: a fresh PostgreSQL database, and running the
measuring half of a benchmark in a child process against a given DATABASE_URL."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fresh_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def run_worker(script: str, database_url: str, *arguments: str) -> dict:
    """Run `script --worker ARGUMENTS` with DATABASE_URL set; it prints one JSON line last."""
    env = {**os.environ, "DATABASE_URL": database_url,
           "DJANGO_SETTINGS_MODULE": "partnering.settings",
           "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    out = subprocess.run([sys.executable, script, "--worker", *arguments], env=env,
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def benchmark_arguments(description: str, scale_help: str, postgres_name: str):
    """The options both database benchmarks take."""
    import argparse

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--scale", type=float, default=1.0, help=scale_help)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--postgres",
                        default=f"postgres://postgres@127.0.0.1:5432/{postgres_name}")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def run_on_both_databases(script: str, args) -> list[dict]:
    """Run the measuring half on a fresh SQLite file, then on a fresh PostgreSQL database."""
    import tempfile

    worker_args = ("--scale", str(args.scale), "--repeat", str(args.repeat))
    with tempfile.TemporaryDirectory() as folder:
        results = [run_worker(script, f"sqlite:///{folder}/bench.sqlite3", *worker_args)]
    if not args.skip_postgres:
        fresh_postgres(args.postgres)
        results.append(run_worker(script, args.postgres, *worker_args))
    return results
