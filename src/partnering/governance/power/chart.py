"""The power balance as a server-rendered SVG: one stacked bar per measure, one colour per
member (or sector), a legend, and a <title>/<desc> text alternative. No JavaScript; the
colours are presentation attributes, which the strict Content-Security-Policy allows."""

from markupsafe import Markup, escape

from partnering import svgtext
from partnering.governance.power.balance import MeasureResult, PowerBalance, amount_text, percent

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


def _luminance(colour: str) -> float:
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _ink(colour: str) -> str:
    return "#1b1f24" if _luminance(colour) > 0.45 else "#ffffff"


def series(report: PowerBalance, by: str, short: bool = False) -> list[tuple]:
    """(key, label, colour) for each member or sector, in the order of the legend."""
    if by == "sector":
        return [(s.sector, s.label, SECTOR_COLOURS.get(s.sector, PALETTE[i % len(PALETTE)]))
                for i, s in enumerate(report.sectors)]
    return [(m.organisation_id,
             (m.short_name if short else m.name) + ("" if m.is_member else " (former)"),
             PALETTE[i % len(PALETTE)]) for i, m in enumerate(report.members)]


def colours(report: PowerBalance, by: str = "member") -> dict:
    return {key: colour for key, _, colour in series(report, by)}


def _parts(result: MeasureResult, by: str):
    return result.by_sector if by == "sector" else result.by_member


def describe(report: PowerBalance, by: str = "member") -> str:
    """The chart's text alternative: every measure's shares in words."""
    who = "sectors" if by == "sector" else "member organisations"
    sentences = [f"Stacked bars, one per measure, each split between the {who} by their "
                 "share."]
    for result in report.measures:
        parts = [p for p in _parts(result, by) if p.amount]
        if not result.has_data:
            sentences.append(f"{result.measure.label}: no data.")
            continue
        parts.sort(key=lambda p: -p.share)
        sentences.append(f"{result.measure.label}: "
                         + ", ".join(f"{p.label} {percent(p.share)}" for p in parts) + ".")
    return " ".join(sentences)


def _bar(result: MeasureResult, by: str, colour_of: dict, *, x: float, y: float,
         width: float, height: int, font: int, compact: bool) -> list[str]:
    """One measure's stacked bar, or a dashed empty one that says "no data"."""
    if not result.has_data:
        return [f'<rect x="{x}" y="{y:.1f}" width="{width}" height="{height}" '
                'fill="#f4f6f8" stroke="#6e7781" stroke-dasharray="4 3"/>',
                f'<text x="{x + 8}" y="{y + height / 2 + font / 3:.1f}" '
                f'font-size="{font}" fill="#4d5661">no data</text>']
    out = []
    for part in _parts(result, by):
        if part.share <= 0:
            continue
        share_w = part.share * width
        colour = colour_of.get(part.key, "#999999")
        tip = (f"{part.label}: {amount_text(part.amount, result.measure.money)} of "
               f"{amount_text(result.total, result.measure.money)} ({percent(part.share)})")
        out.append(f'<rect x="{x:.2f}" y="{y:.1f}" width="{share_w:.2f}" height="{height}" '
                   f'fill="{colour}" stroke="#ffffff" stroke-width="1">'
                   f'<title>{escape(tip)}</title></rect>')
        if share_w >= (30 if compact else 36):
            out.append(f'<text x="{x + share_w / 2:.2f}" y="{y + height / 2 + font / 3:.1f}" '
                       f'text-anchor="middle" font-size="{font - 1}" '
                       f'fill="{_ink(colour)}">{escape(percent(part.share))}</text>')
        x += share_w
    return out


def power_chart(report: PowerBalance, *, by: str = "member", compact: bool = False,
                chart_id: str = "power-chart") -> Markup:
    label_w = 150 if compact else 175
    row_h, gap = (16, 6) if compact else (24, 10)
    font = 12 if compact else 13
    bar_x = label_w + 8
    bar_w = WIDTH - bar_x - 8
    top = 6
    legend_cols, legend_row = (3, 18) if compact else (2, 20)
    keyed = series(report, by, short=compact)
    colour_of = {key: colour for key, _, colour in keyed}
    out = []
    y = top
    line_h = font + 2
    label_chars = int(label_w / (font * 0.55))  # an average character is ~0.55 em wide
    for result in report.measures:
        lines = svgtext.wrap(result.measure.chart_label or result.measure.label, label_chars)
        band = max(row_h, len(lines) * line_h + 2)
        out.append(svgtext.text_lines(lines, x=label_w, y=y + band / 2 + font / 3,
                                      line_height=line_h, centre=True, text_anchor="end",
                                      font_size=font, fill="#1b1f24"))
        y += (band - row_h) / 2  # the bar sits in the middle of its band
        out.extend(_bar(result, by, colour_of, x=bar_x, y=y, width=bar_w, height=row_h,
                        font=font, compact=compact))
        y += row_h + (band - row_h) / 2 + gap
    if not compact:
        for tick in (0, 25, 50, 75, 100):
            tx = bar_x + bar_w * tick / 100
            out.append(f'<line x1="{tx:.1f}" y1="{top}" x2="{tx:.1f}" y2="{y - gap + 4:.1f}" '
                       'stroke="#1b1f24" stroke-opacity="0.25" stroke-dasharray="2 3"/>')
            anchor = {0: "start", 100: "end"}.get(tick, "middle")
            out.append(f'<text x="{tx:.1f}" y="{y - gap + 18:.1f}" text-anchor="{anchor}" '
                       f'font-size="{font - 2}" fill="#4d5661">{tick}%</text>')
        y += 18
    y += 8
    col_w = WIDTH / legend_cols
    legend_chars = int((col_w - 26) / (font * 0.55))
    for start in range(0, len(keyed), legend_cols):
        row = [(svgtext.wrap(label, legend_chars), colour)
               for _, label, colour in keyed[start:start + legend_cols]]
        for column, (lines, colour) in enumerate(row):
            lx = 8 + column * col_w
            out.append(f'<rect x="{lx:.1f}" y="{y:.1f}" width="12" height="12" '
                       f'fill="{colour}" stroke="#1b1f24" stroke-width="0.5"/>')
            out.append(svgtext.text_lines(lines, x=lx + 18, y=y + 10, line_height=line_h,
                                          font_size=font, fill="#1b1f24"))
        y += legend_row + (max(len(lines) for lines, _ in row) - 1) * line_h
    height = round(y + 4)
    who = "sector" if by == "sector" else "member"
    title = f"Power balance by {who}"
    if report.since or report.until:
        title += (f", {report.since.isoformat() if report.since else 'the start'} to "
                  f"{report.until.isoformat() if report.until else 'today'}")
    cid = escape(chart_id)
    # Every text that comes from data went through escape() above.
    return Markup(  # noqa: S704
        f'<svg class="power-chart{" compact" if compact else ""}" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{cid}-title {cid}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{cid}-title">{escape(title)}</title>'
        f'<desc id="{cid}-desc">{escape(describe(report, by))}</desc>'
        + "".join(out) + "</svg>")
