"""What content in several languages costs: our one translation table against django-parler.

Two measurements, each printed with its ratio to a hello-world measured the same way in the
same run:

1. The platform itself (`--worker`, this project's environment): 50 partnerships with French
   titles, listed by the Jinja macro the pages use (`prefetch_translations` then
   `translated(p, "title")`), in English (no lookup at all) and in French; queries and ms per
   render. Also the static count of the source lines that name a translatable field in a
   query, which django-parler would have to rewrite (it moves those fields to one
   translations table per model).
2. The two designs side by side on the same in-memory SQLite (`--standalone`): 50 items with
   titles in French, listed (a) from one `ContentTranslation`-like table, (b) with
   django-parler lazily (its default), (c) with `prefetch_related("translations")`. Parler is
   not a dependency of the project: give a Python that has it, e.g.

       python3 -m venv /tmp/parler-venv
       /tmp/parler-venv/bin/pip install "django>=5.2,<5.3" django-parler
       .venv/bin/python bench/content_translations.py --parler-python /tmp/parler-venv/bin/python
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROWS = 50
# Source lines that name a translatable field inside a query (filter, order, values...).
QUERY_CALL = re.compile(r"(order_by|values|values_list|filter|exclude|only|defer|annotate|"
                        r"get|Index|ordering)\b")
TRANSLATABLE = re.compile(r"""["'](?:\w+__)?(title|problem_statement|text|name|definition|"""
                          r"""purpose_vision|culture_values|common_goals|governance_structure|"""
                          r"""resourcing|risks|code_of_conduct|kpis|review_schedule|"""
                          r"""grievance_exit|data_ip)(?:__\w+)?["']""")


def timed(function, repeat: int) -> float:
    function()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def counted(function) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        function()
    return len(queries)


def measure(name: str, function, repeat: int) -> dict:
    return {"name": name, "ms": timed(function, repeat), "queries": counted(function)}


# --- 1. The platform --------------------------------------------------------------------

def _platform_data() -> None:
    from django.contrib.contenttypes.models import ContentType

    from partnering.partnerships.models import Partnership
    from partnering.translations.models import ContentTranslation, source_hash

    made = Partnership.objects.bulk_create(
        [Partnership(title=f"Water for district {i:02}", problem_statement="Water is scarce.",
                     visibility="public", language="en") for i in range(ROWS)])
    kind = ContentType.objects.get_for_model(Partnership)
    ContentTranslation.objects.bulk_create([ContentTranslation(
        content_type=kind, object_id=p.pk, field="title", language="fr",
        text=f"De l'eau pour le district {i:02}", source_hash=source_hash(p.title),
        source_language="en") for i, p in enumerate(made)])


LIST = ("{{ prefetch_translations(rows) }}<ul>{% for p in rows %}"
        "<li><a href='/partnerships/{{ p.id }}/'>{{ translated(p, 'title') }}</a></li>"
        "{% endfor %}</ul>")
PLAIN = "<ul>{% for p in rows %}<li><a href='/partnerships/{{ p.id }}/'>{{ p.title }}</a>" \
        "</li>{% endfor %}</ul>"


def _renderer(source: str, language: str):
    from django.template import engines
    from django.utils import translation

    from partnering.partnerships.models import Partnership

    template = engines["jinja2"].from_string(source)

    def render():
        with translation.override(language):
            rows = list(Partnership.objects.order_by("title", "id")[:ROWS])
            html = template.render({"rows": rows})
        assert html.count("<li>") == ROWS  # noqa: S101
        return html

    return render


def query_lines() -> int:
    """Lines of src/ that name a translatable field in a query: what parler would change."""
    found = 0
    for path in (ROOT / "src" / "partnering").rglob("*.py"):
        if "migrations" in path.parts or "translations" in path.parts:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if QUERY_CALL.search(line) and TRANSLATABLE.search(line):
                found += 1
    return found


def worker(repeat: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.template import engines

    call_command("migrate", verbosity=0)
    _platform_data()
    hello = engines["jinja2"].from_string("Hello, world")
    french = _renderer(LIST, "fr")
    assert "De l&#39;eau" in french()  # noqa: S101
    rows = [measure("hello-world", lambda: hello.render({}), repeat),
            measure("50 titles, no translation at all", _renderer(PLAIN, "en"), repeat),
            measure("50 titles, page in English", _renderer(LIST, "en"), repeat),
            measure("50 titles, page in French", french, repeat)]
    return {"rows": rows, "query_lines": query_lines()}


# --- 2. The two designs side by side ----------------------------------------------------------

def _configure(with_parler: bool) -> None:
    from django.conf import settings

    apps = ["django.contrib.contenttypes"] + (["parler"] if with_parler else [])
    settings.configure(
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        INSTALLED_APPS=apps, USE_I18N=True, LANGUAGE_CODE="en",
        LANGUAGES=[("en", "English"), ("fr", "French")],
        PARLER_LANGUAGES={None: ({"code": "en"}, {"code": "fr"}),
                          "default": {"fallbacks": ["en"], "hide_untranslated": False}},
        DEFAULT_AUTO_FIELD="django.db.models.AutoField")
    import django

    django.setup()


def _own_models():
    from django.db import models

    class OwnItem(models.Model):  # noqa: DJ008 - a benchmark's throwaway model
        title = models.CharField(max_length=200)
        language = models.CharField(max_length=8, default="en")

        class Meta:
            app_label = "contenttypes"

    class OwnTranslation(models.Model):  # noqa: DJ008 - a benchmark's throwaway model
        model = models.CharField(max_length=50)
        object_id = models.PositiveBigIntegerField()
        field = models.CharField(max_length=50)
        language = models.CharField(max_length=8)
        text = models.TextField()
        source_hash = models.CharField(max_length=64)

        class Meta:
            app_label = "contenttypes"
            constraints = [models.UniqueConstraint(
                fields=["model", "object_id", "field", "language"], name="one_per_field")]
            indexes = [models.Index(fields=["model", "language", "object_id"],
                                    name="own_lookup")]

    return OwnItem, OwnTranslation


def _parler_model():
    from django.db import models
    from parler.models import TranslatableModel, TranslatedFields

    class ParlerItem(TranslatableModel):
        translations = TranslatedFields(title=models.CharField(max_length=200))

        class Meta:
            app_label = "contenttypes"

    return ParlerItem


def _create(*models) -> None:
    from django.db import connection

    with connection.schema_editor() as editor:
        for model in models:
            editor.create_model(model)


def _own_case(repeat: int) -> dict:
    from django.db.models import Q

    item, translation = _own_models()
    _create(item, translation)
    made = item.objects.bulk_create([item(title=f"Water {i}") for i in range(ROWS)])
    translation.objects.bulk_create([translation(
        model="item", object_id=i.pk, field="title", language="fr", text=f"Eau {i.pk}",
        source_hash="x") for i in made])

    def listing():
        rows = list(item.objects.order_by("title")[:ROWS])
        found = {t.object_id: t.text for t in translation.objects.filter(
            Q(model="item", object_id__in=[r.pk for r in rows]), language="fr")}
        return "".join(f"<li>{found.get(r.pk, r.title)}</li>" for r in rows)

    return measure("own table, one query for the page", listing, repeat)


def _parler_cases(repeat: int) -> list[dict]:
    from django.core.cache import cache
    from django.utils import translation

    model = _parler_model()
    _create(model, model._parler_meta.root_model)
    for i in range(ROWS):
        obj = model()
        obj.set_current_language("en")
        obj.title = f"Water {i}"
        obj.set_current_language("fr")
        obj.title = f"Eau {i}"
        obj.save()

    def lazy():  # parler's cache (on by default) serves the titles after the first time
        with translation.override("fr"):
            return "".join(f"<li>{o.title}</li>" for o in model.objects.all()[:ROWS])

    def prefetched():
        with translation.override("fr"):
            return "".join(f"<li>{o.title}</li>" for o in
                           model.objects.prefetch_related("translations")[:ROWS])

    def ordered_by_title():
        with translation.override("fr"):
            rows = model.objects.language("fr").translated("fr").order_by(
                "translations__title").prefetch_related("translations")[:ROWS]
            return "".join(f"<li>{o.title}</li>" for o in rows)

    def lazy_cold():
        cache.clear()
        return lazy()

    return [measure("parler, default (lazy), warm cache", lazy, repeat),
            measure("parler, default (lazy), cold cache", lazy_cold, repeat),
            measure("parler, prefetch_related('translations')", prefetched, repeat),
            measure("parler, ordered by the translated title", ordered_by_title, repeat)]


def standalone(repeat: int, with_parler: bool) -> dict:
    _configure(with_parler)
    from django.db import connection

    def hello():  # the smallest round trip to the database
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()

    rows = [measure("hello-world query (SELECT 1)", hello, repeat), _own_case(repeat)]
    if with_parler:
        rows += _parler_cases(repeat)
    return {"rows": rows}


# --- Running and printing ---------------------------------------------------------------------

def _child(python: str, arguments: list[str], env: dict) -> dict:
    out = subprocess.run([python, __file__, *arguments], env=env, check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _print(title: str, rows: list[dict]) -> None:
    hello = rows[0]["ms"]
    print(title)
    print(f"  {'case':<44} {'ms':>9} {'x hello':>9} {'queries':>8}")
    for row in rows:
        print(f"  {row['name']:<44} {row['ms']:>9.3f} {row['ms'] / hello:>9.1f} "
              f"{row['queries']:>8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--parler-python", default="",
                        help="a Python with django and django-parler installed")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--standalone", choices=["own", "parler"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.repeat)))
        return
    if args.standalone:
        print(json.dumps(standalone(args.repeat, args.standalone == "parler")))
        return
    repeat = ["--repeat", str(args.repeat)]
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
               "PARTNERING_DATA_DIR": folder, "DEBUG": "off", "DISCOVERY_EMBEDDINGS": "off",
               "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
               "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'src'}"}
        platform = _child(sys.executable, ["--worker", *repeat], env)
    _print("1. The platform: a list of 50 partnerships (SQLite)", platform["rows"])
    print(f"  source lines naming a translatable field in a query: {platform['query_lines']}")
    own = _child(sys.executable, ["--standalone", "own", *repeat], dict(os.environ))
    _print("2. Side by side, in-memory SQLite: our table", own["rows"])
    if args.parler_python:
        parler = _child(args.parler_python, ["--standalone", "parler", *repeat],
                        dict(os.environ))
        _print("   django-parler (same harness, its own run)", parler["rows"])


if __name__ == "__main__":
    main()
