"""The portfolio page: the partnerships one may see, counted by phase, SDG, country, sector,
reporting status and health, with CSV and Excel exports."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import urlencode
from django.utils.translation import gettext
from markupsafe import Markup

from partnering.formats import local_datetime
from partnering.fragments import Memo
from partnering.monitoring import charts
from partnering.monitoring.forms import PortfolioFilterForm
from partnering.monitoring.portfolio import exports
from partnering.monitoring.portfolio.data import (
    PAGE_SIZE,
    TABLES,
    PagedRows,
    partnership_header,
    partnership_rows,
    partnership_table_row,
)
from partnering.monitoring.portfolio.data import portfolio as portfolio_data
from partnering.prepared import Prepared


def _organisation_choices(request, selected: str) -> list:
    """The user's own organisations, and the one asked for (a portfolio of any organisation
    covers only the partnerships the user may see)."""
    from partnering.registry.models import Organisation

    if request.user.is_authenticated and not selected:
        return _OWN_ORGANISATIONS("own", request.user.pk)
    wanted = Q(pk__in=[])
    if request.user.is_authenticated:
        wanted |= Q(people__user=request.user)
    if selected.isdigit() and len(selected) < 12:
        wanted |= Q(pk=int(selected))
    return [(o.pk, o.name) for o in Organisation.objects.filter(wanted).distinct()
            .order_by("name")]


def _own_organisations(_key, user_id: int):
    from partnering.registry.models import Organisation

    return (Organisation.objects.filter(people__user_id=user_id).distinct().order_by("name")
            .values_list("pk", "name"))


# The usual case (no organisation asked for) with SQL written once per process.
_OWN_ORGANISATIONS = Prepared(_own_organisations, int)


def _tables(data, query: str) -> Markup:
    """The tables and charts of `data`; the whole platform's kept figures (the same
    Portfolio object, in one language, while they are not recomputed) get theirs rendered
    once per process."""
    if data.computed_at is None or query:
        return _rendered_tables(data, query)
    kept = _TABLES.get(id(data))
    if kept is None or kept[0] is not data:
        kept = (data, _rendered_tables(data, query))  # holding data keeps its id unique
        _TABLES.set(id(data), kept)
    return kept[1]


_TABLES = Memo(16)


def _rendered_tables(data, query: str) -> Markup:
    return Markup(render_to_string("monitoring/_portfolio_tables.html",  # noqa: S704
                                   {"data": data, "query": query, "charts": _drawn(data)}))


def _drawn(data) -> dict:
    counted = {name: charts.bar_chart(rows, title, f"chart-{name}")
               for name, (title, _header, rows) in data.tables.items()
               if name not in ("kpi",) and rows and isinstance(rows[0][1], int)}
    counted["phase"] = charts.grouped_bar_chart(data.phase_groups, data.tables["phase"][0],
                                                "chart-phase")
    return counted


def portfolio_page(request):
    form = PortfolioFilterForm(request.GET or None, organisations=_organisation_choices(
        request, request.GET.get("organisation", "")))
    if form.is_bound and not form.is_valid():
        return render(request, "monitoring/portfolio.html", {"form": form, "data": None},
                      status=422)
    filters = {k: v for k, v in (form.cleaned_data if form.is_bound else {}).items() if v}
    export, fmt = request.GET.get("export", ""), request.GET.get("format", "csv")
    if export:
        return _export(request, filters, export, fmt)
    data = portfolio_data(request.user, **filters)
    rows = Paginator(PagedRows(request.user, **filters), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "monitoring/portfolio.html", {
        "form": form, "data": data, "page": rows, "query": urlencode(filters),
        "row_of": partnership_table_row, "header": partnership_header(),
        "tables": _tables(data, urlencode(filters)), "updated": _updated(data)})


def _updated(data) -> str:
    """When the kept figures of the whole platform were computed ("" when just now)."""
    if data.computed_at is None:
        return ""
    return local_datetime(data.computed_at)


def _export(request, filters: dict, table: str, fmt: str):
    if table not in TABLES or fmt not in ("csv", "xlsx"):
        raise Http404
    if table == "partnerships":
        title, header = gettext("Partnerships"), partnership_header()
        rows = (partnership_table_row(r) for r in
                partnership_rows(request.user, **filters).iterator(chunk_size=2000))
    else:
        title, header, rows = portfolio_data(request.user, **filters).tables[table]
    name = f"portfolio-{table}"
    if fmt == "csv":
        return exports.csv_response(name, header, rows)
    return exports.xlsx_response(name, title, header, rows)
