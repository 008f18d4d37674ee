"""Partner discovery at scale: memory per web worker and recommendation latency, before and
after the shared vector and BM25 files.

A registry of N organisations (bench/matching.py's build_registry: profiles from the IATI
files' vocabulary, vectors as means of the files' activity vectors, 0.3 N partnerships) is
built once; then for each mode a fresh process, as a web worker would, loads the model,
builds discovery's index and serves recommendations:

- memory: every vector read from the database into the process (float32), as before;
- mapped: the machine's vector file (discovery/vectorfile.py, int16), written first by
  the job worker's code (profiles.refresh_vector_file), mapped read-only; BM25 in memory;
- exact: the vector file and the machine's BM25 file (discovery/bm25file.py, written by
  profiles.refresh_bm25_file) both mapped read-only, each worker keeping only the overlay;
  every vector scored on each query, as before the coarse pass;
- shared: the same with the coarse pass (discovery/coarse.py) past coarse.COARSE_MIN rows:
  the sign bits' Hamming shortlist, then exact scores for it and BM25's best. Its line
  "coarse pass" gives how much of the exact scan's best the shortlist keeps, over the
  bench's query vectors: the share of the exact k best (by score, ties counted) it finds.

For each: the process's memory from /proc/self/smaps_rollup after Django starts, after the
model loads, after the index is built and after the recommendations: anonymous memory
(the process's own: its heap, the BM25 index, in-memory vectors) and file-backed resident
memory (the mapped vector file, shared by every process on the machine through the page
cache, and the libraries); and p50/p95/p99 of the search and of the whole recommendation
with the query embedded (bench/matching.py's time_recommendations), as ratios to a bare
numpy scan of float32 vectors in the same process. `--query-model onnx` (the default) has
the job worker's code export the model to ONNX first (discovery/onnxmodel.py), so workers
embed the query with ONNX Runtime and never import torch; `--query-model torch` removes the
export, so they embed it with torch as before. Each worker says which served and whether
torch was imported.

    python bench/discovery_scale.py [--organisations N] [--runs N] [--database URL] FILE...
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
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

MODES = ("memory", "mapped", "exact", "shared")


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
    from partnering.discovery import coarse, embeddings, profiles, served

    activities = read_activities(files)
    steps = {"started": memory()}
    embeddings.available()
    steps["model loaded"] = memory()
    if mode == "memory":
        served._generation = lambda revision, removed: None  # as before: no file
    if mode in ("memory", "mapped"):
        served._bm25_generation = lambda revision, removed, newer_than: None
    if mode == "exact":
        coarse.COARSE_MIN = sys.maxsize
    began = time.perf_counter()
    with profiles.reading() as index:
        mapped = index.generation is not None
    built = time.perf_counter() - began
    steps["index built"] = memory()
    timed = time_recommendations(SimpleNamespace(activities=activities), runs, True)
    steps["after recommendations"] = memory()
    kept = _shortlist_recall(activities) if mode == "shared" else None
    return {"mode": mode, "mapped": mapped, "query_model": _query_model(),
            "torch_imported": "torch" in sys.modules, "index_build_s": round(built, 1),
            "coarse": kept, "load_average": os.getloadavg(),
            "memory_mb": steps, "search": timed["search"], "whole": timed["whole"],
            "search_cpu": timed["search_cpu"], "whole_cpu": timed["whole_cpu"],
            "bare_scan_ms": _bare_scan(len(index.vectors.keys))}


def _query_model() -> str:
    from partnering.discovery import onnxmodel

    return "onnx" if onnxmodel.encoder() is not None else "torch"


def _shortlist_recall(activities, queries: int = 20) -> dict | None:
    """Share of the exact scan's k best rows (by score: rows tied with the k-th count) that
    the coarse pass scores, for k = 10, 100, 1000, over `queries` of the files' texts."""
    import numpy as np

    from partnering.discovery import coarse, embeddings, profiles

    with profiles.reading() as index:
        vectors = index.vectors
    if not vectors.coarse():
        return None
    kept: dict[int, list] = {10: [], 100: [], 1000: []}
    texts = [a["text"] for a in activities if a["text"].strip()]
    for n in range(queries):
        query = embeddings.embed_query(texts[(n * 7919) % len(texts)])
        found = vectors.scores(query).values
        exact = embeddings.FixedMatrix(vectors.matrix) @ query
        best = -np.sort(-exact)
        for k, shares in kept.items():
            shares.append(min(1.0, np.count_nonzero(found >= best[k - 1]) / k))
    return {"shortlist": coarse.SHORTLIST, "queries": queries,
            **{f"recall@{k}": round(float(np.mean(v)), 4) for k, v in kept.items()}}


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


def _registry(size: int, database: str | None, files: list[str], kept: Path | None) -> float:
    """The registry's database, built now or, with --keep, by an earlier run (building a
    million organisations takes the better part of an hour on a busy machine)."""
    from bench.matching import Corpus, build_registry, read_activities

    marker = kept / "built.json" if kept else None
    if marker and marker.exists() and json.loads(marker.read_text())["organisations"] == size:
        return json.loads(marker.read_text())["build_s"]
    corpus = Corpus(read_activities(files))
    _embed(corpus, files)
    built = build_registry(corpus, size, database)
    if marker:
        marker.write_text(json.dumps({"organisations": size, "build_s": round(built, 1)}))
    return built


def build(size: int, database: str | None, files: list[str], kept: Path | None,
          query_model: str = "onnx") -> dict:
    import django

    django.setup()
    from django.conf import settings

    from partnering.discovery import bm25file, embeddings, onnxmodel, profiles, tasks, vectorfile

    built = _registry(size, database, files, kept)
    settings.DISCOVERY_EMBEDDINGS = True
    if query_model == "onnx":
        tasks.export_query_model()
    else:
        shutil.rmtree(onnxmodel.directory(), ignore_errors=True)
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
            "signs_file_mb": round(generation.signs.nbytes / 2**20, 1)
            if generation.signs is not None else None,
            "embeddings": embeddings.installed()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--database", help="PostgreSQL URL (dropped and created); "
                                           "default: SQLite in a temporary file")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", metavar="DIR", help="build the SQLite registry in DIR "
                        "once and reuse it in later runs of the same size")
    parser.add_argument("--modes", type=lambda v: v.split(","), default=list(MODES),
                        help=f"the workers to measure, one fresh process each, "
                             f"comma-separated (default: {','.join(MODES)})")
    parser.add_argument("--query-model", choices=("onnx", "torch"), default="onnx",
                        help="what embeds the query in the workers (default: onnx)")
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args(argv)
    if set(args.modes) - set(MODES):
        parser.error(f"--modes: choose from {', '.join(MODES)}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "partnering.settings"
    if args.child:
        print(json.dumps(child(args.child, args.runs, args.files)))
        return 0
    folder = None if args.keep else tempfile.TemporaryDirectory()
    kept = Path(args.keep).resolve() if args.keep else None
    if kept:
        kept.mkdir(parents=True, exist_ok=True)
    name = str(kept) if kept else folder.name
    os.environ["DATABASE_URL"] = args.database or f"sqlite:///{name}/scale.sqlite3"
    os.environ["DISCOVERY_VECTORS_DIR"] = f"{name}/vectors"
    report = {"registry": build(args.organisations, args.database, args.files, kept,
                                args.query_model)}
    from django.db import connection

    report["database"] = connection.vendor
    connection.close()
    report["workers"] = [run_child(mode, args.runs, args.files) for mode in args.modes]
    if folder:
        folder.cleanup()
    print(json.dumps(report) if args.json else render(report))
    return 0


def render(report: dict) -> str:
    registry = report["registry"]
    lines = [f"{registry['organisations']:,} organisations ({report['database']}); vector "
             f"file {registry['vector_file_mb']} MB + ids {registry['ids_file_mb']} MB + sign "
             f"bits {registry['signs_file_mb']} MB, "
             f"written in {registry['vector_file_write_s']} s by the job worker's code; BM25 "
             f"files {registry['bm25_file_mb']} MB, written in "
             f"{registry['bm25_file_write_s']} s"]
    for worker in report["workers"]:
        steps = worker["memory_mb"]
        base, model = steps["started"], steps["model loaded"]
        index, after = steps["index built"], steps["after recommendations"]
        lines.append(
            f"{worker['mode']} (query by {worker['query_model']}, torch "
            f"{'imported' if worker['torch_imported'] else 'not imported'}): "
            f"index built in {worker['index_build_s']} s; discovery memory "
            f"of this worker (anonymous, MB): index {index['anonymous'] - model['anonymous']},"
            f" after recommendations {after['anonymous'] - model['anonymous']}, model "
            f"{model['anonymous'] - base['anonymous']}; file-backed resident "
            f"{after['file']} MB (shared); RSS {after['rss']} MB, PSS {after['pss']} MB")
        if worker.get("coarse"):
            lines.append(f"  coarse pass: shortlist {worker['coarse']['shortlist']:,} rows keeps "
                         + ", ".join(f"{k} {v}" for k, v in worker["coarse"].items()
                                     if k.startswith("recall"))
                         + f" of the exact scan's best ({worker['coarse']['queries']} queries)")
        lines.append(f"  load average during this worker: {worker['load_average']}")
        bare = worker["bare_scan_ms"]
        for label, figures in (("search", worker["search"]), ("whole", worker["whole"])):
            lines.append(f"  {label:<7} p50 {figures['p50']:>6} p95 {figures['p95']:>6} "
                         f"p99 {figures['p99']:>6} ms  (p99 = {figures['p99'] / bare:.1f}x a "
                         f"bare float32 scan, {bare} ms)")
        for label in ("search", "whole"):
            figures = worker[f"{label}_cpu"]
            lines.append(f"  {label:<7} CPU p50 {figures['p50']:>6} p95 {figures['p95']:>6} "
                         f"p99 {figures['p99']:>6} ms")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
