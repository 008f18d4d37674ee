"""Inline SVG charts (no JavaScript): an indicator over time against its baseline and
milestones, progress bars, the risk heat map. Each has a <title>, a <desc> and a text
alternative on the page."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from markupsafe import Markup, escape

from partnering import svgtext
from partnering.monitoring.models import HIGH_RISK

WIDTH, HEIGHT, PAD = 560, 240, 44


def _num(value) -> str:
    return f"{Decimal(value).normalize():f}"


class _Plot:
    """Days and values scaled to the chart's drawing area."""

    def __init__(self, everything):
        days = [d for d, _v in everything]
        values = [v for _d, v in everything]
        self.d0, self.d1 = min(days), max(days)
        self.v0, self.v1 = min(values + [Decimal(0)]), max(values)
        self.span_d = max((self.d1 - self.d0).days, 1)
        self.span_v = (self.v1 - self.v0) or Decimal(1)

    def x(self, day) -> float:
        return PAD + (WIDTH - 2 * PAD) * (day - self.d0).days / self.span_d

    def y(self, value) -> float:
        return HEIGHT - PAD - float((HEIGHT - 2 * PAD) * (value - self.v0) / self.span_v)

    def line(self, pairs) -> str:
        return " ".join(f"{self.x(d):.1f},{self.y(v):.1f}" for d, v in pairs)


def _frame(plot: _Plot, chart_id: str, title: str, desc: str) -> list[str]:
    """The opening tag, the title and description, the axes and their end labels."""
    return [f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'aria-labelledby="{chart_id}-t {chart_id}-d">',
            f'<title id="{chart_id}-t">{escape(title)}</title>',
            f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
            f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" '
            'stroke="#666"/>',
            f'<line x1="{PAD}" y1="{PAD}" x2="{PAD}" y2="{HEIGHT - PAD}" stroke="#666"/>',
            f'<text x="{PAD - 4}" y="{PAD + 4}" text-anchor="end" font-size="11">'
            f'{escape(_num(plot.v1))}</text>',
            f'<text x="{PAD - 4}" y="{HEIGHT - PAD}" text-anchor="end" font-size="11">'
            f'{escape(_num(plot.v0))}</text>',
            f'<text x="{PAD}" y="{HEIGHT - PAD + 16}" font-size="11">'
            f'{plot.d0.isoformat()}</text>',
            f'<text x="{WIDTH - PAD}" y="{HEIGHT - PAD + 16}" text-anchor="end" '
            f'font-size="11">{plot.d1.isoformat()}</text>']


def _plan(plot: _Plot, base, marks) -> list[str]:
    """The baseline (dashed), the planned path from it and the milestones (diamonds)."""
    parts, baseline, planned = [], escape(_("Baseline")), escape(_("Planned path"))
    if base:
        by = plot.y(base[0][1])
        parts.append(f'<line x1="{PAD}" y1="{by:.1f}" x2="{WIDTH - PAD}" y2="{by:.1f}" '
                     f'stroke="#888" stroke-dasharray="4 4"><title>{baseline}</title>'
                     '</line>')
    if base and marks:
        parts.append(f'<polyline points="{plot.line(base + marks)}" fill="none" '
                     f'stroke="#2a7" stroke-dasharray="2 3"><title>{planned}'
                     '</title></polyline>')
    for d, v in marks:
        cx, cy = plot.x(d), plot.y(v)
        parts.append(f'<path d="M{cx:.1f} {cy - 6:.1f} l6 6 l-6 6 l-6 -6 z" fill="#2a7">'
                     f'<title>{escape(_milestone(v, d))}</title></path>')
    return parts


def _values(plot: _Plot, points) -> list[str]:
    """The reported values: a line and a dot for each."""
    if not points:
        return []
    parts = [f'<polyline points="{plot.line(points)}" fill="none" stroke="#1f5fa8" '
             'stroke-width="2"/>']
    for d, v in points:
        parts.append(f'<circle cx="{plot.x(d):.1f}" cy="{plot.y(v):.1f}" r="4" '
                     f'fill="#1f5fa8"><title>{escape(_value(v, d))}</title></circle>')
    return parts


def _milestone(value, day) -> str:
    return _("Milestone %(value)s by %(date)s") % {"value": _num(value), "date": day.isoformat()}


def _value(value, day) -> str:
    return _("%(value)s for the period ending %(date)s") % {"value": _num(value),
                                                            "date": day.isoformat()}


def indicator_chart(view, measurements, chart_id: str) -> Markup:
    """Values over time (line and dots), the baseline (dashed) and milestones (diamonds)."""
    i = view.indicator
    points = [(m.period_end, Decimal(m.value)) for m in measurements]
    marks = [(t.date, Decimal(t.value)) for t in view.targets]
    base = ([(i.baseline_date, Decimal(i.baseline_value))]
            if i.baseline_date and i.baseline_value is not None else [])
    if not points + marks + base:
        return Markup("")
    plot = _Plot(points + marks + base)
    title = _("%(indicator)s: values over time") % {"indicator": i.name}
    desc = ngettext("%(num)s reported value; baseline %(baseline)s; milestones %(milestones)s.",
                    "%(num)s reported values; baseline %(baseline)s; milestones "
                    "%(milestones)s.", len(points)) % {
        "num": len(points), "baseline": _num(i.baseline_value) if base else _("not set"),
        "milestones": ", ".join(_milestone(v, d) for d, v in marks) or _("none")}
    parts = [*_frame(plot, chart_id, title, desc), *_plan(plot, base, marks),
             *_values(plot, points), "</svg>"]
    return Markup("".join(parts))  # noqa: S704 - every text part is escaped


def progress_bar(value: Decimal | None, label: str) -> Markup:
    """A <meter>, with the figure in words next to it; unknown progress says so."""
    if value is None:
        unknown = escape(_("progress unknown"))
        return Markup(f'<span class="missing">{unknown}</span>')  # noqa: S704
    pct = round(float(value) * 100)
    return Markup(  # noqa: S704 - the label is escaped
        f'<meter min="0" max="100" low="40" high="80" optimum="100" value="{pct}" '
        f'aria-label="{escape(label)}">{pct} %</meter> {pct} %')


def _heat_map_desc(counts: dict) -> str:
    total = sum(len(v) for v in counts.values())
    return ngettext("Open risks by likelihood (1 to 5, bottom to top) and impact (1 to 5, left "
                    "to right); %(num)s risk in all. The table below lists them.",
                    "Open risks by likelihood (1 to 5, bottom to top) and impact (1 to 5, left "
                    "to right); %(num)s risks in all. The table below lists them.",
                    total) % {"num": total}


def _cell_tip(likelihood: int, impact: int, titles: list[str]) -> str:
    values = {"likelihood": likelihood, "impact": impact, "num": len(titles),
              "risks": "; ".join(titles)}
    if not titles:
        return _("Likelihood %(likelihood)s, impact %(impact)s: no risk") % values
    return ngettext("Likelihood %(likelihood)s, impact %(impact)s: %(num)s risk: %(risks)s",
                    "Likelihood %(likelihood)s, impact %(impact)s: %(num)s risks: %(risks)s",
                    len(titles)) % values


def risk_heat_map(risks, chart_id: str = "risk-heat-map") -> Markup:
    """A 5×5 grid, likelihood up, impact across, with the number of open risks per cell."""
    counts: dict = {}
    for risk in risks:
        counts.setdefault((risk.likelihood, risk.impact), []).append(risk.title)
    cell, pad = 56, 60
    size = pad + 5 * cell + 10
    title, impact_axis, likelihood_axis = (escape(_("Risk heat map")), escape(_("Impact →")),
                                           escape(_("Likelihood →")))
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {size} {size}" '
             f'aria-labelledby="{chart_id}-t {chart_id}-d">',
             f'<title id="{chart_id}-t">{title}</title>',
             f'<desc id="{chart_id}-d">{escape(_heat_map_desc(counts))}</desc>']
    for likelihood in range(1, 6):
        for impact in range(1, 6):
            score = likelihood * impact
            colour = "#d9534f" if score >= HIGH_RISK else "#f0ad4e" if score >= 8 else "#9fd49f"
            rx = pad + (impact - 1) * cell
            ry = 10 + (5 - likelihood) * cell
            titles = counts.get((likelihood, impact), [])
            tip = _cell_tip(likelihood, impact, titles)
            parts.append(f'<rect x="{rx}" y="{ry}" width="{cell - 2}" height="{cell - 2}" '
                         f'fill="{colour}"><title>{escape(tip)}</title></rect>')
            if titles:
                parts.append(f'<text x="{rx + cell / 2 - 1}" y="{ry + cell / 2 + 5}" '
                             f'text-anchor="middle" font-size="16">{len(titles)}</text>')
    parts.append(f'<text x="{pad + 5 * cell / 2}" y="{size - 2}" text-anchor="middle" '
                 f'font-size="12">{impact_axis}</text>')
    parts.append(f'<text x="14" y="{10 + 5 * cell / 2}" font-size="12" '
                 f'transform="rotate(-90 14 {10 + 5 * cell / 2})" text-anchor="middle">'
                 f'{likelihood_axis}</text>')
    for n in range(1, 6):
        parts.append(f'<text x="{pad + (n - 1) * cell + cell / 2}" y="{10 + 5 * cell + 14}" '
                     f'text-anchor="middle" font-size="11">{n}</text>')
        parts.append(f'<text x="{pad - 8}" y="{10 + (5 - n) * cell + cell / 2 + 4}" '
                     f'text-anchor="end" font-size="11">{n}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text part is escaped


def bar_chart(rows: list[tuple[str, int]], title: str, chart_id: str) -> Markup:
    """Horizontal bars for a count per label (the portfolio's breakdowns)."""
    return grouped_bar_chart([("", rows)], title, chart_id)


def grouped_bar_chart(groups: list[tuple[str, list[tuple[str, int]]]], title: str,
                      chart_id: str) -> Markup:
    """Horizontal bars in groups, each under its heading (none for an empty heading), on one
    scale. Labels wrap onto as many lines as they need."""
    groups = [(heading, rows) for heading, rows in groups if rows]
    if not groups:
        return Markup("")
    top = max(n for _h, rows in groups for _k, n in rows) or 1
    line_h, label_w, width, label_chars = 15, 220, 560, 32
    body, y = [], 5
    for heading, rows in groups:
        if heading:
            body.append(svgtext.label(heading, 80, x=4, y=y + 15, line_height=line_h,
                                      font_size=13, font_weight="bold"))
            y += 22
        for label, n in rows:
            lines = svgtext.wrap(str(label), label_chars)
            bar_h = max(22, len(lines) * line_h + 7)
            middle = y + bar_h / 2
            w = (width - label_w - 50) * n / top
            body.append(svgtext.text_lines(lines, x=label_w - 6, y=middle + 4,
                                           line_height=line_h, centre=True,
                                           text_anchor="end", font_size=12))
            body.append(f'<rect x="{label_w}" y="{middle - 8:.1f}" width="{w:.1f}" '
                        'height="16" fill="#1f5fa8"/>')
            body.append(f'<text x="{label_w + w + 4:.1f}" y="{middle + 4:.1f}" '
                        f'font-size="12">{n}</text>')
            y += bar_h
        y += 6
    desc = "; ".join((f"{heading}: " if heading else "")
                     + ", ".join(f"{k}: {n}" for k, n in rows) for heading, rows in groups)
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {y:.0f}" '
             f'aria-labelledby="{chart_id}-t {chart_id}-d">',
             f'<title id="{chart_id}-t">{escape(title)}</title>',
             f'<desc id="{chart_id}-d">{escape(desc)}</desc>', *body, "</svg>"]
    return Markup("".join(parts))  # noqa: S704 - every text part is escaped
