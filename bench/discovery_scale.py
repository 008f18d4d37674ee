"""Partner discovery at scale: memory per web worker and recommendation latency, before and
after the shared vector and BM25 files.

A registry of N organisations (bench/matching.py's build_registry: profiles from the IATI
files' vocabulary, vectors as means of the files' activity vectors, 0.3 N partnerships) is
built once; then for each mode a fresh process, as a web worker would, loads the model,
builds discovery's index and serves recommendations:

- memory: every vector read from the database into the process (float32), as before;
- mapped: the machine's vector file (discovery/vectorfile.py, float16), written first by
  the job worker's code (profiles.refresh_vector_file), mapped read-only; BM25 in memory;
- shared: the vector file and the machine's BM25 file (discovery/bm25file.py, written by
  profiles.refresh_bm25_file) both mapped read-only: each worker keeps only the overlay.

For each: the process's memory from /proc/self/smaps_rollup after Django starts, after the
model loads, after the index is built and after the recommendations: anonymous memory
(the process's own: its heap, the BM25 index, in-memory vectors) and file-backed resident
memory (the mapped vector file, shared by every process on the machine through the page
cache, and the libraries); and p50/p95/p99 of the search and of the whole recommendation
with the query embedded (bench/matching.py's time_recommendations), as ratios to a bare
numpy scan of float32 vectors in the same process.

    python bench/discovery_scale.py [--organisations N] [--runs N] [--database URL] FILE...
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

MODES = ("memory", "mapped", "shared")


def memory() -> dict:
    """MB of this process: anonymous (its own) and file-backed resident (shared maps)."""
    fields = {}
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0]) / 1024
    return {"rss": round(fields["Rss"]), "anonymous": round(fields["Anonymous"]),
            "file": round(fields["Rss"] - fields["Anonymous"]), "pss": round(fields["Pss"])}


def _bare_scan(size: int) -> float:
    """p50 ms of a float32 matrix-vector product over `size` unit vectors: the floor."""
    import numpy as np

    rng = np.random.default_rng(1)
    rows = rng.standard_normal((size, 384), dtype=np.float32)
    timings = []
    for n in range(30):
        began = time.perf_counter()
        rows @ rows[n]
        timings.append((time.perf_counter() - began) * 1000)
    return round(sorted(timings)[15], 1)


def child(mode: str, runs: int, files: list[str]) -> dict:
    """One web worker's view: memory at each step and the recommendations' latency."""
    import django

    django.setup()
    from bench.matching import read_activities, time_recommendations
    from partnering.discovery import embeddings, profiles, served

    activities = read_activities(files)
    steps = {"started": memory()}
    embeddings.available()
    steps["model loaded"] = memory()
    if mode == "memory":
        served._generation = lambda revision, removed: None  # as before: no file
    if mode in ("memory", "mapped"):
        served._bm25_generation = lambda revision, removed, newer_than: None
    began = time.perf_counter()
    with profiles.reading() as index:
        mapped = index.generation is not None
    built = time.perf_counter() - began
    steps["index built"] = memory()
    timed = time_recommendations(SimpleNamespace(activities=activities), runs, True)
    steps["after recommendations"] = memory()
    return {"mode": mode, "mapped": mapped, "index_build_s": round(built, 1),
            "memory_mb": steps, "search": timed["search"], "whole": timed["whole"],
            "bare_scan_ms": _bare_scan(len(index.vectors.keys))}


def run_child(mode: str, runs: int, files: list[str]) -> dict:
    command = [sys.executable, __file__, "--child", mode, "--runs", str(runs), *files]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"the {mode} worker failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _embed(corpus, files: list[str]) -> None:
    """The files' activity vectors, kept in the temporary folder between runs (embedding
    them takes minutes on a busy machine, and they depend on the files only)."""
    import hashlib

    import numpy as np

    from partnering.discovery import embeddings

    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(Path(name).read_bytes())
    kept = Path(tempfile.gettempdir()) / f"discovery-scale-{digest.hexdigest()[:16]}.npy"
    if kept.exists():
        corpus.vectors = np.load(kept)
        return
    corpus.vectors = embeddings.embed([a["text"] for a in corpus.activities])
    np.save(kept, corpus.vectors)


def build(size: int, database: str | None, files: list[str]) -> dict:
    import django

    django.setup()
    from django.conf import settings

    from bench.matching import Corpus, build_registry, read_activities
    from partnering.discovery import bm25file, embeddings, profiles, vectorfile

    corpus = Corpus(read_activities(files))
    _embed(corpus, files)
    built = build_registry(corpus, size, database)
    settings.DISCOVERY_EMBEDDINGS = True
    began = time.perf_counter()
    profiles.refresh_vector_file(force=True)
    written = time.perf_counter() - began
    generation = vectorfile.current()
    began = time.perf_counter()
    profiles.refresh_bm25_file(force=True)
    bm25_written = time.perf_counter() - began
    bm25_mb = sum(p.stat().st_size for p in bm25file.directory().glob("*.npy")) / 2**20
    return {"bm25_file_write_s": round(bm25_written, 1), "bm25_file_mb": round(bm25_mb, 1),
            "organisations": size, "build_s": round(built, 1),
            "vector_file_write_s": round(written, 1),
            "vector_file_mb": round(generation.matrix.nbytes / 2**20, 1),
            "ids_file_mb": round(generation.ids.nbytes / 2**20, 1),
            "embeddings": embeddings.installed()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--database", help="PostgreSQL URL (dropped and created); "
                                           "default: SQLite in a temporary file")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = "partnering.settings"
    if args.child:
        print(json.dumps(child(args.child, args.runs, args.files)))
        return 0
    folder = tempfile.TemporaryDirectory()
    os.environ["DATABASE_URL"] = args.database or f"sqlite:///{folder.name}/scale.sqlite3"
    os.environ["DISCOVERY_VECTORS_DIR"] = f"{folder.name}/vectors"
    report = {"registry": build(args.organisations, args.database, args.files)}
    from django.db import connection

    report["database"] = connection.vendor
    connection.close()
    report["workers"] = [run_child(mode, args.runs, args.files) for mode in MODES]
    folder.cleanup()
    print(json.dumps(report) if args.json else render(report))
    return 0


def render(report: dict) -> str:
    registry = report["registry"]
    lines = [f"{registry['organisations']:,} organisations ({report['database']}); vector "
             f"file {registry['vector_file_mb']} MB + ids {registry['ids_file_mb']} MB, "
             f"written in {registry['vector_file_write_s']} s by the job worker's code; BM25 "
             f"files {registry['bm25_file_mb']} MB, written in "
             f"{registry['bm25_file_write_s']} s"]
    for worker in report["workers"]:
        steps = worker["memory_mb"]
        base, model = steps["started"], steps["model loaded"]
        index, after = steps["index built"], steps["after recommendations"]
        lines.append(
            f"{worker['mode']}: index built in {worker['index_build_s']} s; discovery memory "
            f"of this worker (anonymous, MB): index {index['anonymous'] - model['anonymous']},"
            f" after recommendations {after['anonymous'] - model['anonymous']}, model "
            f"{model['anonymous'] - base['anonymous']}; file-backed resident "
            f"{after['file']} MB (shared); RSS {after['rss']} MB, PSS {after['pss']} MB")
        bare = worker["bare_scan_ms"]
        for label, figures in (("search", worker["search"]), ("whole", worker["whole"])):
            lines.append(f"  {label:<7} p50 {figures['p50']:>6} p95 {figures['p95']:>6} "
                         f"p99 {figures['p99']:>6} ms  (p99 = {figures['p99'] / bare:.1f}x a "
                         f"bare float32 scan, {bare} ms)")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
