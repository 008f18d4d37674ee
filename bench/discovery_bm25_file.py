"""The BM25 file at a million organisations, without a database: memory of a web worker that
maps it, and the latency of one ranking, against the same index built in the worker's memory.

N profiles (term counts sampled from the IATI files' vocabulary, as bench/discovery_fts.py
makes them) are built into the arrays of discovery/postings.py and saved as the job worker
saves them (bm25file.write does the same from the database); then a fresh process per mode:

- memory: builds bm25.BM25Index from the profiles itself (what each worker did);
- mapped: maps the files read-only (bm25file's Generation.index()), as every worker now does.

For each: anonymous memory (the process's own) after the index is ready and after the
rankings, file-backed resident memory (the page cache, shared), and p50/p99 ms of one
ranking of a problem statement (the files' activity texts) over the whole index.

    python bench/discovery_bm25_file.py [--organisations N] [--queries N] [--modes ...] FILE...
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def child(mode: str, folder: str, size: int, queries: int, files: list[str]) -> dict:
    import numpy as np

    from bench.discovery_fts import percentiles, profiles
    from bench.discovery_scale import memory
    from partnering.discovery.bm25 import BM25Index
    from partnering.discovery.embeddings import SortedKeys
    from partnering.discovery.postings import FIELDS, Arrays

    documents, texts = profiles(files, size if mode == "memory" else 0)
    started = memory()
    if mode == "memory":
        index = BM25Index(enumerate(documents, start=1))
        del documents
    else:
        meta = json.loads((Path(folder) / "meta.json").read_text())
        arrays = Arrays(weighed_for=meta["weighed_for"], **{
            name: np.load(Path(folder) / f"{name}.npy", mmap_mode="r") for name in FIELDS})
        index = BM25Index.mapped(SortedKeys(np.load(Path(folder) / "ids.npy", mmap_mode="r")),
                                 arrays)
    ready = memory()
    timings = []
    for text in (texts * (1 + queries // max(1, len(texts))))[:queries]:
        began = time.perf_counter()
        index.scores(text).top(1000)
        timings.append((time.perf_counter() - began) * 1000)
    after = memory()
    return {"mode": mode, "index_mb": ready["anonymous"] - started["anonymous"],
            "after_mb": after["anonymous"] - started["anonymous"], "file_mb": after["file"],
            "ms": {f"p{k}": v for k, v in percentiles(timings).items()}}


def write(folder: str, size: int, files: list[str]) -> dict:
    import numpy as np

    from bench.discovery_fts import profiles
    from partnering.discovery.bm25 import POSTINGS_CAP
    from partnering.discovery.postings import build

    documents, _ = profiles(files, size)
    began = time.perf_counter()
    keys, arrays = build(enumerate(documents, start=1), 1.2, 0.75, POSTINGS_CAP)
    np.save(Path(folder) / "ids.npy", np.asarray(keys, dtype=np.int64))
    for name, values in arrays.items():
        np.save(Path(folder) / f"{name}.npy", values)
    (Path(folder) / "meta.json").write_text(json.dumps({"weighed_for": arrays.weighed_for}))
    written = time.perf_counter() - began
    total = sum(p.stat().st_size for p in Path(folder).glob("*.npy"))
    return {"organisations": size, "postings": len(arrays.rows),
            "write_s": round(written, 1), "files_mb": round(total / 2**20, 1)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--modes", nargs="+", default=["mapped", "memory"],
                        choices=["mapped", "memory"])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.folder, args.organisations, args.queries,
                               args.files)))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        report = write(folder, args.organisations, args.files)
        workers = []
        for mode in args.modes:
            command = [sys.executable, __file__, "--child", mode, "--folder", folder,
                       "--organisations", str(args.organisations), "--queries",
                       str(args.queries), *args.files]
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            workers.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(render(report, workers))
    return 0


def render(report: dict, workers: list[dict]) -> str:
    lines = [f"{report['organisations']:,} profiles, {report['postings']:,} postings; BM25 "
             f"files {report['files_mb']} MB written in {report['write_s']} s"]
    for worker in workers:
        ms = worker["ms"]
        lines.append(f"{worker['mode']}: worker's own memory (anonymous) {worker['index_mb']} MB "
                     f"with the index, {worker['after_mb']} MB after the rankings; file-backed "
                     f"resident {worker['file_mb']} MB (shared); one ranking p50 {ms['p50']} "
                     f"p99 {ms['p99']} ms")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
