"""IATI import throughput and memory (issue 3, "Measure it"; issue 16, point 4).

Imports the real sample files and a large file (at least --size-mb, 100 by default) built
by repeating the largest sample with fresh iati-identifiers, into a fresh SQLite database
and a fresh PostgreSQL database (created on the server given by --postgres and dropped
afterwards), then imports each again unchanged. Each import runs in a child process; the
figures are activities per second of the import itself (both passes: the check, then the
writes; Django start-up and partner discovery's re-index excluded) for the new import and
the unchanged re-import, and the child's peak resident memory (ru_maxrss). The floor is a
bare lxml `iterparse(tag="iati-activity")` pass over the same file, clearing elements as it
goes; each rate is also printed as how many times slower than that floor.

    python bench/iati_import.py [FILE...] [--size-mb 100] [--repeat-of FILE] [--samples]
           [--postgres postgres://postgres@127.0.0.1:5432] [--no-postgres] [--skip-reindex]

The large file is written to a temporary directory and deleted at the end.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "data" / "iati"
DEMO = ROOT / "src" / "partnering" / "interop" / "data" / "dportal-food-security.xml"
BIN = Path(sys.executable).parent


def activity_files(paths: list[Path]) -> list[Path]:
    """Only IATI activity files (the organisation sample is left out)."""
    keep = []
    for path in paths:
        _, root = next(etree.iterparse(str(path), events=("start",)))
        if root.tag == "iati-activities":
            keep.append(path)
    return keep


def build_large(source: Path, target: Path, size_mb: int) -> int:
    """Repeat the source's activities with fresh identifiers until the file is big enough;
    returns the number of activities."""
    chunks = []
    for _, element in etree.iterparse(str(source), tag="iati-activity"):
        chunks.append(etree.tostring(element, encoding="utf-8"))
        element.clear()
    identifier = re.compile(rb"<iati-identifier>([^<]*)</iati-identifier>")
    with open(target, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n')
        count, round_ = 0, 0
        while out.tell() < size_mb * 1024 * 1024:
            round_ += 1
            for chunk in chunks:
                out.write(identifier.sub(
                    lambda m, r=round_: b"<iati-identifier>" + m.group(1)
                    + f"-COPY{r}".encode() + b"</iati-identifier>", chunk, count=1))
                out.write(b"\n")
                count += 1
        out.write(b"</iati-activities>\n")
    return count


def floor(path: Path) -> tuple[float, int]:
    """A bare lxml pass: seconds and activities."""
    start, count = time.perf_counter(), 0
    for _, element in etree.iterparse(str(path), tag="iati-activity", resolve_entities=False,
                                      no_network=True, load_dtd=False):
        count += 1
        element.clear(keep_tail=False)
        while element.getprevious() is not None:
            del element.getparent()[0]
    return time.perf_counter() - start, count


def child(path: str, skip_reindex: bool) -> None:
    """Runs in the child process: import one file, print the timing as JSON."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnering.settings")
    django.setup()
    import resource

    from partnering.interop.iati import importer as iati_import

    # Partner discovery re-indexes the organisations a file touched once, at its end; its
    # memory and time are measured apart from the streaming import's.
    reindex, measured = iati_import.reindex_organisations, {"reindex_seconds": 0.0}

    def measured_reindex(ids):
        measured["stream_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        if not skip_reindex:
            reindex(ids)
        measured["reindex_seconds"] += time.perf_counter() - started

    iati_import.reindex_organisations = measured_reindex
    start, cpu = time.perf_counter(), time.process_time()
    report = iati_import.IatiImporter(None).run([path])
    seconds = time.perf_counter() - start
    print(json.dumps({**measured, "seconds": seconds, "created": report.created,
                      "cpu_seconds": time.process_time() - cpu,
                      "updated": report.updated, "unchanged": report.unchanged,
                      "skipped": report.skipped,
                      "activities": sum(f["activities"] for f in report.files),
                      "organisations": report.organisations_created}))


def run_child(path: Path, env: dict, skip_reindex: bool = False) -> dict:
    flags = ["--skip-reindex"] if skip_reindex else []
    process = subprocess.Popen([sys.executable, __file__, "--child", str(path), *flags], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    out, err = process.stdout.read().decode(), process.stderr.read().decode()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"import of {path.name} failed:\n{err[-2000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_mb"] = usage.ru_maxrss / 1024
    return result


def migrate(env: dict) -> None:
    subprocess.run([BIN / "partnering", "migrate", "--no-input", "-v0"], env=env, check=True,
                   cwd=ROOT)


def postgres_database(server: str, name: str, create: bool) -> None:
    import psycopg

    with psycopg.connect(f"{server.rstrip('/')}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if create:
            connection.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--size-mb", type=int, default=100)
    parser.add_argument("--repeat-of", type=Path, help="the file to repeat (default: the "
                        "largest activity file)")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--samples", action="store_true",
                        help="import the sample files too, not only the large file")
    parser.add_argument("--skip-reindex", action="store_true",
                        help="leave out partner discovery's re-index (it loads the model)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.skip_reindex)
        return

    files = args.files or sorted([*SAMPLES.glob("*.xml"), DEMO])
    files = activity_files(files)
    source = args.repeat_of or max(files, key=lambda p: p.stat().st_size)
    with tempfile.TemporaryDirectory(prefix="iati-bench-") as tmp:
        large = Path(tmp) / f"large-{source.stem}.xml"
        started = time.perf_counter()
        count = build_large(source, large, args.size_mb)
        print(f"Built {large.name}: {large.stat().st_size / 1e6:.0f} MB, {count} activities "
              f"({source.name} repeated with fresh identifiers) in "
              f"{time.perf_counter() - started:.0f} s")
        runs = [*files, large] if args.samples else [large]
        print("\nFloor: a bare lxml iterparse pass (activities per second)")
        floors = {}
        for path in runs:
            seconds, n = floor(path)
            floors[path] = n / seconds
            print(f"  {path.name:42} {n:7d} activities  {seconds:7.2f} s  "
                  f"{n / seconds:10.0f} /s")

        databases = [("SQLite", f"sqlite:///{tmp}/bench.sqlite3", None)]
        if not args.no_postgres:
            name = f"iati_bench_{os.getpid()}"
            databases.append(("PostgreSQL", f"{args.postgres.rstrip('/')}/{name}", name))
        for label, url, pg_name in databases:
            if pg_name:
                postgres_database(args.postgres, pg_name, create=True)
            env = {**os.environ, "DATABASE_URL": url, "PARTNERING_DATA_DIR": tmp}
            try:
                migrate(env)
                measure_database(label, runs, env, floors, args.skip_reindex)
            finally:
                if pg_name:
                    postgres_database(args.postgres, pg_name, create=False)


def measure_database(label: str, runs: list[Path], env: dict, floors: dict,
                     skip_reindex: bool) -> None:
    """Each file imported into a fresh database, then imported again unchanged; each import
    in a new process."""
    print(f"\n{label} (fresh database): each file imported, then again unchanged, each in a "
          "new process")
    print(f"  {'file':38} {'acts':>6} {'created':>7} {'new /s':>7} {'floor÷':>6} "
          f"{'unchanged':>9} {'again /s':>8} {'floor÷':>6} {'RSS new':>8} {'RSS again':>9} "
          f"{'re-index':>8} {'CPU new':>7} {'again':>7}")
    for path in runs:
        new = run_child(path, env, skip_reindex)
        again = run_child(path, env, skip_reindex)
        rates = [r["activities"] / max(r["seconds"] - r["reindex_seconds"], 1e-9)
                 for r in (new, again)]
        cpu_rates = [r["activities"] / max(r["cpu_seconds"] - r["reindex_seconds"], 1e-9)
                     for r in (new, again)]
        floor_rate = floors[path]
        print(f"  {path.name[:38]:38} {new['activities']:6d} {new['created']:7d} "
              f"{rates[0]:7.0f} {floor_rate / rates[0]:5.1f}x {again['unchanged']:9d} "
              f"{rates[1]:8.0f} {floor_rate / rates[1]:5.1f}x "
              f"{new.get('stream_peak_mb', new['peak_mb']):5.0f} MB "
              f"{again.get('stream_peak_mb', again['peak_mb']):6.0f} MB "
              f"{new['reindex_seconds'] + again['reindex_seconds']:7.1f}s "
              f"{cpu_rates[0]:7.0f} {cpu_rates[1]:7.0f}")
    print("  /s: activities per second of the import (both passes: the check, then the "
          "writes; the re-index apart); floor÷: how many times slower than the bare lxml "
          "pass; RSS: peak before partner discovery re-indexes the touched organisations; "
          "CPU: activities per second of the import process's own CPU time (what a loaded "
          "machine leaves comparable)")
    print("  targets: ≥ 1,000 new activities/s, ≥ 5,000/s unchanged, memory flat")


if __name__ == "__main__":
    main()
