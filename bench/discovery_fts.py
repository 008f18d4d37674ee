"""Could the database's own full-text engine serve discovery's text relevance instead of the
in-process BM25 index (discovery/bm25.py) that every web worker builds?

The same N profiles (term counts sampled from the IATI files' vocabulary, as bench/matching.py
builds its registry) are put in each engine, and the same problem statements (the files'
activity texts, cut to their 64 most selective terms as bm25.MAX_QUERY_TERMS does) are ranked
by each, asking for the DEPTH (1,000) best, as a recommendation does:

- in-process: bm25.BM25Index, the platform's ranking today;
- SQLite FTS5: a virtual table of the profiles' terms, `MATCH 'a OR b OR …' ORDER BY
  bm25(...) LIMIT 1000` (Okapi BM25, the same k1 and b);
- PostgreSQL: a tsvector column ('simple' configuration: the terms are stemmed already) with
  a GIN index, `@@ to_tsquery('a | b | …') ORDER BY ts_rank_cd(...) DESC LIMIT 1000` (with
  --database).

For each: p50/p95/p99 ms of one ranking and the share of the in-process top 10 that the
engine's top 10 holds (how far the ranking moves; 1.0 = the same organisations).

    python bench/discovery_fts.py [--organisations N] [--queries N] [--database URL] FILE...
"""

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

DEPTH = 1000


def profiles(files: list[str], size: int) -> tuple[list[dict], list[str]]:
    from bench.matching import read_activities

    activities = read_activities(files)
    vocabulary = Counter()
    for a in activities:
        vocabulary.update(a["terms"])
    terms, freqs = zip(*vocabulary.most_common(20_000), strict=True)
    rng = random.Random(7)
    documents = [dict(Counter(rng.choices(terms, weights=freqs, k=rng.randint(20, 200))))
                 for _ in range(size)]
    texts = [a["text"] for a in activities if a["terms"]]
    return documents, texts


def body(counts: dict) -> str:
    return " ".join(" ".join([term] * count) for term, count in counts.items())


def percentiles(timings: list[float]) -> dict:
    timings = sorted(timings)
    return {share: round(timings[min(len(timings) - 1, int(share / 100 * len(timings)))], 1)
            for share in (50, 95, 99)}


def timed(rank, queries: list[list[str]]) -> tuple[dict, list[list[int]]]:
    timings, tops = [], []
    for terms in queries:
        began = time.perf_counter()
        best = rank(terms)
        timings.append((time.perf_counter() - began) * 1000)
        tops.append(best[:10])
    return percentiles(timings), tops


def in_process(documents: list[dict]):
    from partnering.discovery.bm25 import BM25Index

    index = BM25Index(enumerate(documents, start=1))
    return lambda terms: index.scores(terms).ranking(DEPTH).best(DEPTH)


def fts5(documents: list[dict], folder: str):
    connection = sqlite3.connect(f"{folder}/fts.sqlite3")
    connection.execute("CREATE VIRTUAL TABLE profile USING fts5(body, tokenize='unicode61')")
    connection.executemany("INSERT INTO profile(rowid, body) VALUES (?, ?)",
                           ((n, body(d)) for n, d in enumerate(documents, start=1)))
    connection.commit()
    sql = ("SELECT rowid FROM profile WHERE profile MATCH ? ORDER BY bm25(profile) "
           f"LIMIT {DEPTH}")

    def rank(terms):
        match = " OR ".join(f'"{t}"' for t in terms)
        return [row[0] for row in connection.execute(sql, (match,))]
    return rank


def postgres(documents: list[dict], url: str):
    import psycopg

    connection = psycopg.connect(url, autocommit=True)
    connection.execute("DROP TABLE IF EXISTS bench_profile")
    connection.execute("CREATE TABLE bench_profile (id integer PRIMARY KEY, "
                       "terms tsvector NOT NULL)")
    with connection.cursor().copy("COPY bench_profile (id, terms) FROM STDIN") as copy:
        for n, d in enumerate(documents, start=1):
            copy.write_row((n, " ".join(f"{t}:{','.join(map(str, range(1, c + 1)))}"
                                        for t, c in d.items())))
    connection.execute("CREATE INDEX bench_profile_terms ON bench_profile USING gin (terms)")
    connection.execute("ANALYZE bench_profile")
    sql = ("SELECT id FROM bench_profile, to_tsquery('simple', %s) q WHERE terms @@ q "
           f"ORDER BY ts_rank_cd(terms, q) DESC LIMIT {DEPTH}")

    def rank(terms):
        return [row[0] for row in connection.execute(sql, (" | ".join(terms),))]
    return rank


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--database", help="a PostgreSQL URL (a table bench_profile is made)")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args(argv)
    from partnering.discovery.bm25 import BM25Index

    documents, texts = profiles(args.files, args.organisations)
    reference = BM25Index(enumerate(documents, start=1))
    queries = [list(reference.query_terms(texts[(n * 7919) % len(texts)]))
               for n in range(args.queries)]
    engines = {"in-process BM25": lambda: in_process(documents)}
    folder = tempfile.TemporaryDirectory()
    engines["SQLite FTS5 bm25()"] = lambda: fts5(documents, folder.name)
    if args.database:
        engines["PostgreSQL tsvector+GIN ts_rank_cd"] = lambda: postgres(documents, args.database)
    print(f"{args.organisations:,} profiles, {len(queries)} problem statements "
          f"(≤ 64 terms each), the {DEPTH} best asked for:")
    baseline = None
    for name, make in engines.items():
        began = time.perf_counter()
        rank = make()
        built = time.perf_counter() - began
        figures, tops = timed(rank, queries)
        baseline = baseline or tops
        same = sum(len(set(a) & set(b)) for a, b in zip(tops, baseline, strict=True)) / max(
            1, sum(len(b) for b in baseline))
        print(f"  {name:<36} built in {built:5.1f} s; p50 {figures[50]:>7} p95 "
              f"{figures[95]:>7} p99 {figures[99]:>7} ms; top 10 shared with in-process "
              f"{same:.2f}")
    folder.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
