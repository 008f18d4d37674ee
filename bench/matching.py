"""Does partner discovery find the right organisations? A leave-one-out test on IATI data.

For every activity with at least three distinct participating organisations, each of them is
hidden in turn (one query per hidden organisation); the organisations' profiles are built
only from the OTHER activities (no leakage: the activity's own text and membership are taken
out of every profile, and out of the BM25 statistics, with BM25Index.update, the same call
that keeps the platform's index current); the query is the activity's text and its
remaining members. We report recall@10 and the mean reciprocal rank of the hidden
organisation among all organisations but the remaining members, for:

- popularity: organisations in the most other activities first;
- bm25: partnering.discovery.bm25.BM25Index over profiles of the other activities' text;
- embeddings: all-MiniLM-L6-v2 (partnering.discovery.embeddings, the `[embeddings]` extra)
  when installed, else reported unavailable. As on the platform, each activity is embedded
  once, an organisation's vector is the normalised mean of its other activities' vectors,
  and the query is embedded with embeddings.embed_query;
- combined: the platform's ranker, partnering.discovery.ranking: text (BM25 and embeddings
  fused by rank), network (how often it worked with the remaining members) and geography
  (ranking.geography_value: 1 for an organisation based in one of the activity's
  recipient countries, ranking.GEO_REGION in another country of their region), combined
  by ranking.combine with ranking.DEFAULT_WEIGHTS, the weights the platform serves. An
  organisation's country is the one its IATI organisation identifier was registered in
  ("PH-SEC-…" → PH; "XM-DAC-…", a multilateral, and names without a ref: none). Nothing is
  fitted to these queries. The platform's other signals need what IATI files do not say (a
  partnership's needs, an organisation's SDGs) and are 0 here for everyone;
- embeddings_int16 and combined_int16: the same with the vectors stored as int16 (x * 32767),
  as the platform's vector file serves them (discovery/vectorfile.py);
- combined without geography: the same with the geography weight set to 0, to show what
  the geography signal adds or costs.

Profiles hold activity text only: the organisations' names are left out, so no query finds
an organisation by its name written in the activity. IATI 1.0x files, whose titles and names
have no narrative elements, are read too. `--split one` hides only one organisation per
activity, chosen by a hash of the activity identifier (never by looking at the rankings): a
quarter of the queries, so one query moves recall@10 by several points; `--split pairs`
evaluates the activities with exactly two organisations instead (one remaining member);
`per_file` gives the figures by the file the query activity came from. Rankings are
pessimistic about ties (a tied organisation is counted ahead of the hidden one).

Then the latency over a database of 100,000 organisations (SQLite in a temporary file, or
--database URL): profiles sampled from the files' vocabulary (vectors: means of the files'
activity vectors), 30,000 partnerships of 2-5 members for the network; p50, p95 and p99 over
distinct queries, lexical and with the query embedded, of the search itself (ranking the
registry by text: BM25, and the query's embedding and the vector scan) and of the whole
recommendation, ranking.recommend (the network, the needs, every candidate's signals and
reasons); and the time to embed 10,000 profiles.

    python bench/matching.py [--json] [--split each|one|pairs] FILE...
"""

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

K = 10
NO_REF = {"N/A", "NA", "-", "NONE", "0"}  # placeholders publishers write for "no identifier"


# -- reading IATI activity files -----------------------------------------------------------

def _texts(element, path: str) -> list[str]:
    """The narratives of the elements at `path`, or (IATI 1.0x, which had no narrative
    elements) their own text."""
    texts = []
    for found in element.xpath(path):
        parts = found.xpath("narrative/text()") or found.xpath("text()")
        texts += [t.strip() for t in parts if t.strip()]
    return texts


def org_key(org) -> str | None:
    ref = (org.get("ref") or "").strip()
    if ref and ref.upper() not in NO_REF:
        return ref.upper()
    names = _texts(org, ".")
    return ("name:" + " ".join(names[0].lower().split())) if names else None


def country_of(org: str) -> str:
    """The country an organisation identifier was registered in: its ISO 3166 prefix
    ("GB-CHC-123" → GB); "" for multilaterals (XM-, XI-) and organisations without a ref."""
    from partnering.reference.countries import is_country

    prefix = org.split("-", 1)[0]
    return prefix if "-" in org and len(prefix) == 2 and is_country(prefix) else ""


def read_activities(files) -> list[dict]:
    from partnering.discovery.bm25 import term_counts

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    activities = []
    for name in files:
        try:
            tree = etree.parse(str(name), parser)
        except (etree.XMLSyntaxError, OSError) as error:
            print(f"skipping {name}: {error}", file=sys.stderr)
            continue
        for activity in tree.iter("iati-activity"):
            orgs = list(dict.fromkeys(
                k for k in (org_key(o) for o in activity.iter("participating-org")) if k))
            text = " ".join(_texts(activity, "title") + _texts(activity, "description"))
            countries = {(c.get("code") or "").strip().upper()
                         for c in activity.iter("recipient-country")} - {""}
            activities.append({
                "id": (activity.findtext("iati-identifier") or "").strip(),
                "file": Path(name).name, "orgs": orgs, "text": text,
                "terms": term_counts(text), "countries": sorted(countries),
            })
    return activities


# -- the leave-one-out evaluation ----------------------------------------------------------

class Corpus:
    def __init__(self, activities):
        from partnering.discovery.bm25 import BM25Index

        self.activities = activities
        self.orgs = sorted({o for a in activities for o in a["orgs"]})
        self.counts: dict[str, Counter] = defaultdict(Counter)
        self.in_activities: dict[str, list[int]] = defaultdict(list)
        for i, a in enumerate(activities):
            for o in a["orgs"]:
                self.counts[o].update(a["terms"])
                self.in_activities[o].append(i)
        self.bm25 = BM25Index((o, dict(self.counts[o])) for o in self.orgs)
        self.country = {o: country_of(o) for o in self.orgs}
        self.vectors = None
        self.vector_index = None

    def embed(self) -> None:
        from partnering.discovery import embeddings

        self.vectors = embeddings.embed([a["text"] for a in self.activities])
        self.queries_embedded = {}
        self.vector_index = embeddings.VectorIndex(
            (o, self.org_vector(o)) for o in self.orgs)
        # As the platform serves them: int16 rows (discovery/vectorfile.py).
        self.half_index = embeddings.VectorIndex(
            ((o, self.org_vector(o)) for o in self.orgs), dtype=np.int16)

    def org_vector(self, org: str, without: int | None = None):
        from partnering.discovery import embeddings

        return embeddings.mean_vector(
            [self.vectors[j] for j in self.in_activities[org] if j != without])

    def queries(self, split: str):
        for i, a in enumerate(self.activities):
            n = len(a["orgs"])
            if split == "each" and n >= 3:
                for hidden in a["orgs"]:
                    yield i, hidden, [o for o in a["orgs"] if o != hidden]
            elif (split == "one" and n >= 3) or (split == "pairs" and n == 2):
                pick = int(hashlib.sha256(a["id"].encode() or str(i).encode()).hexdigest(), 16)
                hidden = a["orgs"][pick % n]
                yield i, hidden, [o for o in a["orgs"] if o != hidden]

    def leave_out(self, i: int):
        """Profiles and vectors of activity i's organisations without it (undo: restore)."""
        a = self.activities[i]
        self.bm25.update((o, dict(self.counts[o] - Counter(a["terms"]))) for o in a["orgs"])
        if self.vector_index is not None:
            for index in (self.vector_index, self.half_index):
                index.update((o, self.org_vector(o, without=i)) for o in a["orgs"])

    def restore(self, i: int):
        a = self.activities[i]
        self.bm25.update((o, dict(self.counts[o])) for o in a["orgs"])
        if self.vector_index is not None:
            for index in (self.vector_index, self.half_index):
                index.update((o, self.org_vector(o)) for o in a["orgs"])

    def semantic(self, i: int, index, known: list[str]):
        """Scores (as a dict) and ranks of one vector index for query i."""
        from partnering.discovery import embeddings, ranking

        if i not in self.queries_embedded:
            self.queries_embedded[i] = embeddings.embed_query(self.activities[i]["text"])
        semantic = index.scores(self.queries_embedded[i])
        semantic.exclude(known)
        return semantic.as_dict(), semantic.ranks(ranking.DEPTH)

    def rankings(self, i: int, known: list[str]) -> dict[str, dict[str, float]]:
        """Each method's scores of every organisation for query i, activity i left out."""
        from partnering.discovery import ranking

        a = self.activities[i]
        self.leave_out(i)
        try:
            lexical = self.bm25.scores(a["text"])
            lexical.exclude(known)
            result = {"bm25": lexical.as_dict()}
            lexical_ranks = lexical.ranks(ranking.DEPTH)
            semantic_ranks = half_ranks = None
            if self.vector_index is not None:
                result["embeddings"], semantic_ranks = self.semantic(i, self.vector_index, known)
                result["embeddings_int16"], half_ranks = self.semantic(i, self.half_index,
                                                                         known)
        finally:
            self.restore(i)
        network = ranking.network_signal(dict(self.network(i, known)))
        places = set(a["countries"])
        regions = ranking.regions_of(places)
        geography = {o: value for o, country in self.country.items() if o not in known
                     and (value := ranking.geography_value(country, places, regions))}
        for name, ranks in (("combined", semantic_ranks), ("combined_int16", half_ranks)):
            if name == "combined_int16" and half_ranks is None:
                continue
            text = ranking.text_signal(lexical_ranks, ranks)
            signals = {o: {"text": text.get(o, 0.0), "network": network.get(o, 0.0),
                           "geography": geography.get(o, 0.0)}
                       for o in set(text) | set(network) | set(geography)}
            result[name] = {o: ranking.combine(s, ranking.DEFAULT_WEIGHTS)
                            for o, s in signals.items()}
            if name == "combined":
                without = dict(ranking.DEFAULT_WEIGHTS, geography=0.0)
                result["combined_no_geography"] = {o: ranking.combine(s, without)
                                                   for o, s in signals.items()}
        result["popularity"] = {o: len(self.in_activities[o]) - (o in a["orgs"])
                                for o in self.orgs}
        return result

    def network(self, i: int, known: list[str]) -> Counter:
        times: Counter = Counter()
        for member in known:
            for j in self.in_activities[member]:
                if j != i:
                    times.update(o for o in self.activities[j]["orgs"] if o not in known)
        return times


def rank_of(hidden: str, scores: dict[str, float], candidates: list[str]) -> int:
    """1-based rank of `hidden`; ties broken against it (pessimistic), as a fair ranker would
    not know which of the tied organisations to put first."""
    mine = scores.get(hidden, 0.0)
    return 1 + sum(1 for o in candidates if o != hidden and scores.get(o, 0.0) >= mine)


def metrics(ranks: list[int]) -> dict:
    if not ranks:
        return {"recall@10": None, "mrr": None}
    return {"recall@10": round(sum(r <= K for r in ranks) / len(ranks), 4),
            "mrr": round(sum(1 / r for r in ranks) / len(ranks), 4)}


METHODS = ("popularity", "bm25", "embeddings", "embeddings_int16", "combined",
           "combined_int16", "combined_no_geography")


def evaluate(corpus: Corpus, split: str = "each") -> dict:
    ranks: dict[str, list] = defaultdict(list)
    files = defaultdict(lambda: defaultdict(list))
    findable = 0
    for i, hidden, known in corpus.queries(split):
        scores = corpus.rankings(i, known)
        candidates = [o for o in corpus.orgs if o not in known]
        findable += len(corpus.in_activities[hidden]) > 1
        for method, values in scores.items():
            rank = rank_of(hidden, values, candidates)
            ranks[method].append(rank)
            files[corpus.activities[i]["file"]][method].append(rank)
    unavailable = {"recall@10": None, "mrr": None,
                   "unavailable": "install the [embeddings] extra"}
    result = {m: metrics(ranks[m]) if m in ranks else unavailable for m in METHODS}
    per_file = {name: {"queries": len(by["bm25"]),
                       "methods": {m: metrics(by[m]) for m in METHODS if m in by}}
                for name, by in sorted(files.items())}
    return {"methods": result, "queries": len(ranks["bm25"]),
            "organisations": len(corpus.orgs), "split": split,
            # Queries whose hidden organisation is in another activity: no method can
            # find one that is not (its profile is empty), so recall@10 is at most this.
            "findable": findable, "per_file": per_file}


# -- latency of the platform's recommendation over a large registry -----------------------

def build_registry(corpus: Corpus, size: int, database: str | None) -> float:
    """A fresh database of `size` organisations with profiles (and vectors, when the corpus
    was embedded) and 0.3 x `size` partnerships of 2-5 members; returns seconds taken."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from partnering.discovery import embeddings
    from partnering.discovery.models import OrganisationProfile, ProfileIndexState
    from partnering.partnerships.models import Membership, Partnership
    from partnering.registry.models import Organisation

    if database:
        from bench.common import fresh_postgres

        fresh_postgres(database)
    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    vocabulary = Counter()
    for o in corpus.orgs:
        vocabulary.update(corpus.counts[o])
    terms, freqs = zip(*vocabulary.most_common(20_000), strict=True) if vocabulary else \
        (("water",), (1,))
    sectors = ["public", "private", "civil_society", "academia", "faith_based", "community",
               "multilateral", "philanthropy"]
    vectors = corpus.vectors
    started = time.perf_counter()
    with transaction.atomic():
        Organisation.objects.bulk_create([
            Organisation(name=f"Organisation {i}", sector=sectors[i % 8],
                         country=["KE", "BA", "JM", "NE", "CO"][i % 5])
            for i in range(size)], batch_size=5000)
        org_ids = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
        ProfileIndexState.objects.update_or_create(pk=1, defaults={"revision": 1})
        batch = []
        for pk in org_ids:
            counts = dict(Counter(rng.choices(terms, weights=freqs, k=rng.randint(20, 200))))
            vector = None
            if vectors is not None:
                vector = embeddings.to_bytes(embeddings.mean_vector(
                    [vectors[rng.randrange(len(vectors))] for _ in range(rng.randint(1, 5))]))
            batch.append(OrganisationProfile(organisation_id=pk, terms=counts,
                                             length=sum(counts.values()), vector=vector,
                                             revision=1))
            if len(batch) == 5000:
                OrganisationProfile.objects.bulk_create(batch)
                batch = []
        OrganisationProfile.objects.bulk_create(batch)
        Partnership.objects.bulk_create([
            Partnership(title=f"Partnership {i}", problem_statement="A shared problem")
            for i in range(size * 3 // 10)], batch_size=5000)
        p_ids = list(Partnership.objects.values_list("pk", flat=True))
        Membership.objects.bulk_create([
            Membership(partnership_id=p, organisation_id=o)
            for p in p_ids for o in set(rng.sample(org_ids, rng.randint(2, 5)))],
            batch_size=10_000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def _percentiles(timings: list[float]) -> dict:
    timings = sorted(timings)

    def at(share: float) -> float:
        return round(timings[min(len(timings) - 1, int(share * len(timings)))], 1)

    return {"p50": round(statistics.median(timings), 1), "p95": at(0.95), "p99": at(0.99)}


def time_recommendations(corpus: Corpus, runs: int, with_embeddings: bool) -> dict:
    """For `runs` distinct activity texts, each with the members of one partnership of the
    registry: the search itself (ranking._text_ranks: BM25, and with embeddings the query's
    vector and the vector scan) and, on another distinct text, the whole
    ranking.recommend; timed one by one (the first call, which loads the index, apart), in
    wall time and in this process's CPU time (`*_cpu`: SQLite's work included, a PostgreSQL
    server's not), which a busy machine inflates less."""
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from partnering.discovery import ranking
    from partnering.partnerships.models import Membership

    texts = [a["text"] for a in corpus.activities if a["terms"]] or ["clean water"]
    teams = defaultdict(set)
    for p, o in Membership.objects.order_by("partnership_id").values_list(
            "partnership_id", "organisation_id")[:runs * 6]:
        teams[p].add(o)
    teams = list(teams.values())
    settings.DISCOVERY_EMBEDDINGS = with_embeddings
    started = time.perf_counter()
    ranking.recommend(texts[0], ranking.Needs(), member_ids=teams[0])
    load = time.perf_counter() - started
    searches, timings, queries = [], [], set()
    cpu: dict[str, list] = {"search": [], "whole": []}
    for run in range(runs):
        text = texts[(run * 7919) % len(texts)]
        members = teams[run % len(teams)]
        began, began_cpu = time.perf_counter(), time.process_time()
        ranking._text_ranks(f"{text} search {run}", members)  # distinct: no cached vector
        searches.append((time.perf_counter() - began) * 1000)
        cpu["search"].append((time.process_time() - began_cpu) * 1000)
        with CaptureQueriesContext(connection) as captured:
            began, began_cpu = time.perf_counter(), time.process_time()
            ranking.recommend(f"{text} whole {run}", ranking.Needs(countries=["NE"]),
                              member_ids=members)
            timings.append((time.perf_counter() - began) * 1000)
            cpu["whole"].append((time.process_time() - began_cpu) * 1000)
        queries.add(len(captured))
    return {"search": _percentiles(searches), "whole": _percentiles(timings),
            "search_cpu": _percentiles(cpu["search"]), "whole_cpu": _percentiles(cpu["whole"]),
            "index_load_s": round(load, 1), "queries": sorted(queries)}


def latency(corpus: Corpus, size: int, runs: int, database: str | None) -> dict:
    from django.db import connection

    from partnering.discovery import profiles
    from partnering.registry.models import Organisation

    built = build_registry(corpus, size, database)
    lexical = time_recommendations(corpus, runs, with_embeddings=False)
    result = {"organisations": Organisation.objects.count(), "database": connection.vendor,
              "build_s": round(built, 1), **lexical["whole"],
              "search": lexical["search"], "index_build_s": lexical["index_load_s"],
              "queries_per_recommendation": lexical["queries"]}
    if corpus.vectors is not None:
        semantic = time_recommendations(corpus, runs, with_embeddings=True)
        result |= {f"embeddings_{k}": v for k, v in semantic["whole"].items()}
        result |= {"embeddings_search": semantic["search"],
                   "embeddings_index_build_s": semantic["index_load_s"]}
    profiles.forget()
    connection.close()
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--split", choices=("each", "one", "pairs"), default="each")
    parser.add_argument("--registry-size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200, help="recommendations timed")
    parser.add_argument("--database", help="a PostgreSQL URL for the latency part (its "
                                           "database is dropped and created); default: "
                                           "SQLite in a temporary file")
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--embed-profiles", type=int, default=1000,
                        help="profiles to embed for the timing (scaled to 10,000)")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args(argv)
    folder = tempfile.TemporaryDirectory()
    os.environ["DATABASE_URL"] = args.database or f"sqlite:///{folder.name}/matching.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "partnering.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from partnering.discovery import embeddings

    activities = read_activities(args.files)
    corpus = Corpus(activities)
    if embeddings.installed():
        corpus.embed()
    report = evaluate(corpus, args.split)
    if not args.skip_latency:
        report["latency_ms"] = latency(corpus, args.registry_size, args.runs, args.database)
    else:
        report["latency_ms"] = {}
    if embeddings.installed() and args.embed_profiles:
        texts = [a["text"] for a in activities] or ["water"]
        sample = [texts[n % len(texts)] for n in range(args.embed_profiles)]
        started = time.perf_counter()
        embeddings.embed(sample)
        report["latency_ms"]["embed_10000_profiles_s"] = round(
            (time.perf_counter() - started) * 10_000 / args.embed_profiles, 1)
    folder.cleanup()
    if args.json:
        print(json.dumps(report))
    else:
        print_report(report, embeddings.installed())
    return 0


def print_report(report: dict, embeddings_installed: bool) -> None:
    print(f"{report['queries']} queries ({report['split']} split; {report['findable']} with "
          f"the hidden organisation in another activity) over {report['organisations']} "
          f"organisations")
    print(f"{'method':<22}{'recall@10':>10}{'MRR':>8}")
    for name, values in report["methods"].items():
        r, m = values["recall@10"], values["mrr"]
        print(f"{name:<22}{'n/a' if r is None else f'{r:.3f}':>10}"
              f"{'n/a' if m is None else f'{m:.3f}':>8}")
    for name, figures in report["per_file"].items():
        cells = "  ".join(f"{m} {v['recall@10']:.2f}/{v['mrr']:.2f}"
                          for m, v in figures["methods"].items())
        print(f"  {name} ({figures['queries']} queries): {cells}")
    print_latency(report["latency_ms"], embeddings_installed)


def print_latency(lat: dict, embeddings_installed: bool) -> None:
    if "p50" in lat:
        print(f"one recommendation over {lat['organisations']:,} organisations "
              f"({lat['database']}, {lat['queries_per_recommendation']} queries; index built "
              f"in {lat['index_build_s']} s), p50 / p95 / p99 in ms:")
        rows = [("lexical: the search", lat["search"]),
                ("lexical: whole recommendation", lat)]
        if "embeddings_p50" in lat:
            rows += [("query embedded: the search", lat["embeddings_search"]),
                     ("query embedded: whole recommendation",
                      {k: lat[f"embeddings_{k}"] for k in ("p50", "p95", "p99")})]
        for label, figures in rows:
            print(f"  {label:<38}{figures['p50']:>7}{figures['p95']:>7}{figures['p99']:>7}")
    embed = lat.get("embed_10000_profiles_s")
    if embed is not None:
        print(f"time to embed 10,000 profiles: {embed} s")
    elif not embeddings_installed:
        print("time to embed 10,000 profiles: n/a (embeddings not installed)")


if __name__ == "__main__":
    sys.exit(main())
