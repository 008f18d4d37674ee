"""The query embedding of a web worker: ONNX Runtime (the model exported by the job worker,
discovery/onnxmodel.py) against torch (the fallback), each in a fresh process as a worker
starts.

For each: the process's memory (/proc/self/smaps_rollup: RSS and its anonymous part) when
Django has started, when the query model is loaded and after the queries; whether torch was
imported; and p50/p99 of embedding distinct queries (the IATI files' activity texts, cut
to embeddings.QUERY_TOKENS word pieces as on a request): wall time, and CPU time of the
calling thread (both run on it, one intra-op thread each), which a busy machine inflates
less. Then the cosine of the two vectors of each query (the export's fidelity).

    python bench/query_embedding.py [--queries N] [--json] FILE...
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def _memory() -> dict:
    fields = {}
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0]) / 1024
    return {"rss": round(fields["Rss"]), "anonymous": round(fields["Anonymous"])}


def _percentiles(values: list[float]) -> dict:
    ordered = sorted(values)
    pick = lambda share: round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 2)  # noqa: E731
    return {"p50": pick(0.5), "p99": pick(0.99)}


def child(queries: int, files: list[str]) -> dict:
    import django

    django.setup()
    import numpy as np

    from bench.matching import read_activities
    from partnering.discovery import embeddings, onnxmodel

    texts = [a["text"] for a in read_activities(files) if a["text"].strip()][:queries]
    steps = {"started": _memory()}
    assert embeddings.available()
    embeddings.embed_query("warming up")
    steps["model loaded"] = _memory()
    wall, cpu, vectors = [], [], []
    for text in texts:
        began, began_cpu = time.perf_counter(), time.thread_time()
        vectors.append(embeddings.embed_query(text))
        cpu.append((time.thread_time() - began_cpu) * 1000)
        wall.append((time.perf_counter() - began) * 1000)
    steps["after queries"] = _memory()
    np.save(os.environ["QUERY_VECTORS"], np.asarray(vectors))
    return {"model": "onnx" if onnxmodel.encoder() is not None else "torch",
            "torch_imported": "torch" in sys.modules, "queries": len(texts),
            "memory_mb": steps, "wall_ms": _percentiles(wall), "cpu_ms": _percentiles(cpu)}


def run(kind: str, queries: int, files: list[str], folder: Path) -> dict:
    vectors_dir = folder / kind
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="partnering.settings",
               DISCOVERY_EMBEDDINGS="1", DISCOVERY_VECTORS_DIR=str(vectors_dir),
               PARTNERING_DATA_DIR=str(folder / "data"),
               QUERY_VECTORS=str(folder / f"{kind}.npy"))
    command = [sys.executable, __file__, "--child", "--queries", str(queries), *files]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"the {kind} worker failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def export(folder: Path) -> float:
    """The job worker's export into the ONNX worker's folder; seconds it took."""
    import django

    os.environ["DISCOVERY_VECTORS_DIR"] = str(folder / "onnx")
    django.setup()
    from django.conf import settings

    from partnering.discovery import tasks

    settings.DISCOVERY_EMBEDDINGS = True
    began = time.perf_counter()
    assert tasks.export_query_model(), "the model could not be exported"
    return round(time.perf_counter() - began, 1)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = "partnering.settings"
    if args.child:
        print(json.dumps(child(args.queries, args.files)))
        return 0
    import numpy as np

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        os.environ["PARTNERING_DATA_DIR"] = str(folder / "data")
        report = {"export_s": export(folder),
                  "workers": [run(kind, args.queries, args.files, folder)
                              for kind in ("onnx", "torch", "onnx", "torch")]}
        onnx, torch = np.load(folder / "onnx.npy"), np.load(folder / "torch.npy")
        cosines = np.sum(onnx * torch, axis=1)
        report["cosine"] = {"min": round(float(cosines.min()), 6),
                            "mean": round(float(cosines.mean()), 6)}
    print(json.dumps(report) if args.json else render(report))
    return 0


def render(report: dict) -> str:
    lines = [f"export by the job worker's code: {report['export_s']} s"]
    for worker in report["workers"]:
        steps = worker["memory_mb"]
        torch = "imported" if worker["torch_imported"] else "not imported"
        lines.append(
            f"{worker['model']:>5} (torch {torch}): {worker['queries']} queries; cpu p50 "
            f"{worker['cpu_ms']['p50']} p99 "
            f"{worker['cpu_ms']['p99']} ms, wall p50 {worker['wall_ms']['p50']} p99 "
            f"{worker['wall_ms']['p99']} ms; RSS {steps['started']['rss']} → "
            f"{steps['model loaded']['rss']} → {steps['after queries']['rss']} MB "
            f"(anonymous {steps['started']['anonymous']} → "
            f"{steps['after queries']['anonymous']} MB)")
    lines.append(f"cosine of ONNX and torch query vectors: min {report['cosine']['min']}, "
                 f"mean {report['cosine']['mean']}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
