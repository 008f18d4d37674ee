"""The power balance as a server-rendered SVG: one stacked bar per measure, one colour per
member (or sector), a legend, and a <title>/<desc> text alternative. No JavaScript; the
colours are presentation attributes, which the strict Content-Security-Policy allows."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from markupsafe import Markup, escape

from partnering import svgtext
from partnering.governance.power.arithmetic import amount_text, percent
from partnering.governance.power.report import MeasureResult, PowerBalance

# Okabe–Ito's colour-blind-safe palette, then Tol's muted one; segments are separated by a
# white line so that neighbours stay apart even when two colours are close.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#332288", "#999933", "#882255", "#44AA99", "#000000", "#AA4499", "#DDCC77")
SECTOR_COLOURS = {
    "public": "#0072B2", "private": "#E69F00", "civil_society": "#009E73",
    "academia": "#CC79A7", "faith_based": "#56B4E9", "community": "#D55E00",
    "multilateral": "#332288", "philanthropy": "#F0E442",
}
WIDTH = 720


def series(report: PowerBalance, by: str, short: bool = False) -> list[tuple]:
    """(key, label, colour) for each member or sector, in the order of the legend."""
    if by == "sector":
        return [(s.sector, s.label, SECTOR_COLOURS.get(s.sector, PALETTE[i % len(PALETTE)]))
                for i, s in enumerate(report.sectors)]
    return [(m.organisation_id,
             _former(m.short_name if short else m.name, m.is_member),
             PALETTE[i % len(PALETTE)]) for i, m in enumerate(report.members)]


def _former(name: str, is_member: bool) -> str:
    return name if is_member else _("%(name)s (former)") % {"name": name}


def colours(report: PowerBalance, by: str = "member") -> dict:
    return {key: colour for key, _, colour in series(report, by)}


def _parts(result: MeasureResult, by: str):
    return result.by_sector if by == "sector" else result.by_member


def describe(report: PowerBalance, by: str = "member") -> str:
    """The chart's text alternative: every measure's shares in words."""
    sentences = [_("Stacked bars, one per measure, each split between the sectors by their "
                   "share.") if by == "sector" else
                 _("Stacked bars, one per measure, each split between the member "
                   "organisations by their share.")]
    for result in report.measures:
        parts = [p for p in _parts(result, by) if p.amount]
        if not result.has_data:
            sentences.append(_("%(measure)s: no data.") % {"measure": result.measure.label})
            continue
        parts.sort(key=lambda p: -p.share)
        sentences.append(_("%(measure)s: %(shares)s.") % {
            "measure": result.measure.label,
            "shares": ", ".join(f"{p.label} {percent(p.share)}" for p in parts)})
    return " ".join(sentences)


def _bar(result: MeasureResult, by: str, colour_of: dict, *, x: float, y: float,
         width: float, height: int, font: int, compact: bool) -> list[str]:
    """One measure's stacked bar, or a dashed empty one that says "no data"."""
    if not result.has_data:
        return [f'<rect x="{x}" y="{y:.1f}" width="{width}" height="{height}" '
                'fill="#f4f6f8" stroke="#6e7781" stroke-dasharray="4 3"/>',
                f'<text x="{x + 8}" y="{y + height / 2 + font / 3:.1f}" '
                f'font-size="{font}" fill="#4d5661">{escape(_("no data"))}</text>']
    out = []
    for part in _parts(result, by):
        if part.share <= 0:
            continue
        share_w = part.share * width
        colour = colour_of.get(part.key, "#999999")
        tip = _("%(name)s: %(amount)s of %(total)s (%(share)s)") % {
            "name": part.label, "amount": amount_text(part.amount, result.measure.money),
            "total": amount_text(result.total, result.measure.money),
            "share": percent(part.share)}
        out.append(f'<rect x="{x:.2f}" y="{y:.1f}" width="{share_w:.2f}" height="{height}" '
                   f'fill="{colour}" stroke="#ffffff" stroke-width="1">'
                   f'<title>{escape(tip)}</title></rect>')
        if share_w >= (30 if compact else 36):
            out.append(f'<text x="{x + share_w / 2:.2f}" y="{y + height / 2 + font / 3:.1f}" '
                       f'text-anchor="middle" font-size="{font - 1}" '
                       f'fill="{svgtext.ink_on(colour)}">{escape(percent(part.share))}</text>')
        x += share_w
    return out


TOP = 6


@dataclass(frozen=True)
class _Layout:
    """The chart's measurements, compact (the partnership page) or full (its own page)."""

    compact: bool

    @property
    def font(self) -> int:
        return 12 if self.compact else 13

    @property
    def label_w(self) -> int:
        return 150 if self.compact else 175

    @property
    def row_h(self) -> int:
        return 16 if self.compact else 24

    @property
    def gap(self) -> int:
        return 6 if self.compact else 10

    @property
    def bar_x(self) -> int:
        return self.label_w + 8

    @property
    def bar_w(self) -> int:
        return WIDTH - self.bar_x - 8

    @property
    def line_h(self) -> int:
        return self.font + 2

    @property
    def legend(self) -> tuple[int, int]:
        """Columns, and the height of a legend row."""
        return (3, 18) if self.compact else (2, 20)


def _measure_rows(report: PowerBalance, by: str, colour_of: dict,
                  lay: _Layout) -> tuple[list[str], float]:
    """Each measure's label and bar, its label wrapped; and where the rows end."""
    out, y = [], TOP
    label_chars = int(lay.label_w / (lay.font * 0.55))  # an average character is ~0.55 em
    for result in report.measures:
        lines = svgtext.wrap(result.measure.chart_label or result.measure.label, label_chars)
        band = max(lay.row_h, len(lines) * lay.line_h + 2)
        out.append(svgtext.text_lines(lines, x=lay.label_w, y=y + band / 2 + lay.font / 3,
                                      line_height=lay.line_h, centre=True, text_anchor="end",
                                      font_size=lay.font, fill="#1b1f24"))
        y += (band - lay.row_h) / 2  # the bar sits in the middle of its band
        out.extend(_bar(result, by, colour_of, x=lay.bar_x, y=y, width=lay.bar_w,
                        height=lay.row_h, font=lay.font, compact=lay.compact))
        y += lay.row_h + (band - lay.row_h) / 2 + lay.gap
    return out, y


def _ticks(lay: _Layout, y: float) -> list[str]:
    """The 0-100% grid lines under the bars, and their labels."""
    out = []
    for tick in (0, 25, 50, 75, 100):
        tx = lay.bar_x + lay.bar_w * tick / 100
        out.append(f'<line x1="{tx:.1f}" y1="{TOP}" x2="{tx:.1f}" y2="{y - lay.gap + 4:.1f}" '
                   'stroke="#1b1f24" stroke-opacity="0.25" stroke-dasharray="2 3"/>')
        anchor = {0: "start", 100: "end"}.get(tick, "middle")
        out.append(f'<text x="{tx:.1f}" y="{y - lay.gap + 18:.1f}" text-anchor="{anchor}" '
                   f'font-size="{lay.font - 2}" fill="#4d5661">{tick}%</text>')
    return out


def _legend(keyed: list[tuple], lay: _Layout, y: float) -> tuple[list[str], float]:
    """One swatch and wrapped name per member or sector, in rows; and where it ends."""
    out = []
    columns, row_height = lay.legend
    col_w = WIDTH / columns
    legend_chars = int((col_w - 26) / (lay.font * 0.55))
    for start in range(0, len(keyed), columns):
        row = [(svgtext.wrap(label, legend_chars), colour)
               for _, label, colour in keyed[start:start + columns]]
        for column, (lines, colour) in enumerate(row):
            lx = 8 + column * col_w
            out.append(f'<rect x="{lx:.1f}" y="{y:.1f}" width="12" height="12" '
                       f'fill="{colour}" stroke="#1b1f24" stroke-width="0.5"/>')
            out.append(svgtext.text_lines(lines, x=lx + 18, y=y + 10, line_height=lay.line_h,
                                          font_size=lay.font, fill="#1b1f24"))
        y += row_height + (max(len(lines) for lines, _ in row) - 1) * lay.line_h
    return out, y


def _title(report: PowerBalance, by: str) -> str:
    title = _("Power balance by sector") if by == "sector" else _("Power balance by member")
    if report.since or report.until:
        title = _("%(title)s, %(start)s to %(end)s") % {
            "title": title,
            "start": report.since.isoformat() if report.since else _("the start"),
            "end": report.until.isoformat() if report.until else _("today")}
    return title


def power_chart(report: PowerBalance, *, by: str = "member", compact: bool = False,
                chart_id: str = "power-chart") -> Markup:
    lay = _Layout(compact)
    keyed = series(report, by, short=compact)
    out, y = _measure_rows(report, by, {key: colour for key, _, colour in keyed}, lay)
    if not compact:
        out.extend(_ticks(lay, y))
        y += 18
    legend, y = _legend(keyed, lay, y + 8)
    out.extend(legend)
    height = round(y + 4)
    cid = escape(chart_id)
    # Every text that comes from data went through escape() above.
    return Markup(  # noqa: S704
        f'<svg class="power-chart{" compact" if compact else ""}" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{cid}-title {cid}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{cid}-title">{escape(_title(report, by))}</title>'
        f'<desc id="{cid}-desc">{escape(describe(report, by))}</desc>'
        + "".join(out) + "</svg>")
