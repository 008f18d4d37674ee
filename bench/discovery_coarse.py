"""The semantic half of a recommendation at a million organisations, before and after the
coarse pass (discovery/coarse.py), in one process: no database, so it runs in minutes where
bench/discovery_scale.py needs the better part of an hour to build a million-organisation
registry.

The organisations' vectors are synthetic, as bench/matching.py's build_registry makes them:
each the normalised mean of 1-5 of the IATI files' activity vectors, written as the job
worker writes a vector file (int16 rows, then coarse.write_signs). Each query is an
activity text embedded by the real model (embeddings.embed_query, made distinct so that
nothing is cached); what is timed is what ranking._text_ranks does with vectors: embed the
query, score (exact scan, or shortlist + exact scores for it and 1,000 other keys, as BM25's
best), rank the DEPTH best and take the POOL best. Reports p50/p95/p99 per mode, the share
of the exact scan's k best the shortlist keeps, this process's own (anonymous) memory and
the load average.

    python bench/discovery_coarse.py [--organisations N] [--runs N] FILE...
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def vectors(activities, size: int, folder: Path):
    """`size` synthetic organisation vectors (mapped int16: embeddings.to_fixed), their
    signs and centre."""
    import numpy as np

    from partnering.discovery import coarse, embeddings

    acts = embeddings.embed([a["text"] for a in activities])
    rng = np.random.default_rng(7)
    half = np.lib.format.open_memmap(folder / "vectors.npy", mode="w+", dtype=np.int16,
                                     shape=(size, embeddings.DIMENSIONS))
    for start in range(0, size, 16_384):
        count = min(16_384, size - start)
        picks = rng.integers(0, len(acts), (count, 5))
        used = np.arange(5) < rng.integers(1, 6, count)[:, None]
        block = (acts[picks] * used[:, :, None]).sum(axis=1)
        half[start:start + count] = embeddings.to_fixed(
            block / np.linalg.norm(block, axis=1)[:, None])
    half.flush()
    del half
    half = np.load(folder / "vectors.npy", mmap_mode="r")
    centre = coarse.write_signs(half, folder / "signs.npy", embeddings.SCALE)
    return half, np.load(folder / "signs.npy", mmap_mode="r"), centre


def timed(index, texts, runs: int, label: str) -> dict:
    from bench.matching import _percentiles
    from partnering.discovery import embeddings, ranking

    also = list(range(1, 1001))
    timings = []
    for run in range(runs):
        began = time.perf_counter()
        query = embeddings.embed_query(f"{texts[(run * 7919) % len(texts)]} {label} {run}")
        ranks = index.scores(query, also=also).ranking(ranking.DEPTH)
        ranks.best(ranking.POOL)
        timings.append((time.perf_counter() - began) * 1000)
    return _percentiles(timings)


def kept(index, texts, queries: int = 20) -> dict:
    """Share of the exact scan's k best (rows tied with the k-th count) the shortlist scores."""
    import numpy as np

    from partnering.discovery import embeddings

    shares: dict[int, list] = {10: [], 100: [], 1000: []}
    for n in range(queries):
        query = embeddings.embed_query(texts[(n * 7919) % len(texts)])
        found = index.scores(query).values
        best = -np.sort(-(embeddings.FixedMatrix(index.matrix) @ query))
        for k, share in shares.items():
            share.append(min(1.0, np.count_nonzero(found >= best[k - 1]) / k))
    return {f"recall@{k}": round(float(np.mean(v)), 4) for k, v in shares.items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = "partnering.settings"
    import django

    django.setup()
    import numpy as np

    from bench.discovery_scale import memory
    from bench.matching import read_activities
    from partnering.discovery import coarse, embeddings

    activities = [a for a in read_activities(args.files) if a["text"].strip()]
    texts = [a["text"] for a in activities]
    folder = tempfile.TemporaryDirectory()
    half, signs, centre = vectors(activities, args.organisations, Path(folder.name))
    ids = np.arange(1, args.organisations + 1, dtype=np.int64)
    index = embeddings.VectorIndex.mapped(ids, half, signs, centre)
    report = {"organisations": args.organisations, "shortlist": coarse.SHORTLIST,
              "memory_before_mb": memory()}
    for label, minimum in (("exact", sys.maxsize), ("coarse", coarse.COARSE_MIN),
                           ("exact again", sys.maxsize), ("coarse again", coarse.COARSE_MIN)):
        coarse.COARSE_MIN = minimum
        runs = args.runs if "coarse" in label else max(5, args.runs // 5)
        report[label] = {**timed(index, texts, runs, label), "runs": runs,
                         "load_average": [round(x, 1) for x in os.getloadavg()]}
    report["memory_after_mb"] = memory()
    report["kept"] = kept(index, texts)
    folder.cleanup()
    print(json.dumps(report) if args.json else json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
