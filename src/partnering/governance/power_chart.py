"""The power balance as a server-rendered SVG: one stacked bar per measure, one colour per
member (or sector), a legend, and a <title>/<desc> text alternative. No JavaScript; the
colours are presentation attributes, which the strict Content-Security-Policy allows."""

from markupsafe import Markup, escape

from partnering.governance.power import MeasureResult, PowerBalance, amount_text, percent

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


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


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
    for result in report.measures:
        label = _clip(result.measure.chart_label or result.measure.label, 24)
        out.append(f'<text x="{label_w}" y="{y + row_h / 2 + font / 3:.1f}" '
                   f'text-anchor="end" font-size="{font}" fill="#1b1f24">{escape(label)}</text>')
        if not result.has_data:
            out.append(f'<rect x="{bar_x}" y="{y}" width="{bar_w}" height="{row_h}" '
                       f'fill="#f4f6f8" stroke="#6e7781" stroke-dasharray="4 3"/>')
            out.append(f'<text x="{bar_x + 8}" y="{y + row_h / 2 + font / 3:.1f}" '
                       f'font-size="{font}" fill="#4d5661">no data</text>')
            y += row_h + gap
            continue
        x = float(bar_x)
        for part in _parts(result, by):
            if part.share <= 0:
                continue
            width = part.share * bar_w
            colour = colour_of.get(part.key, "#999999")
            tip = (f"{part.label}: {amount_text(part.amount, result.measure.money)} of "
                   f"{amount_text(result.total, result.measure.money)} ({percent(part.share)})")
            out.append(f'<rect x="{x:.2f}" y="{y}" width="{width:.2f}" height="{row_h}" '
                       f'fill="{colour}" stroke="#ffffff" stroke-width="1">'
                       f'<title>{escape(tip)}</title></rect>')
            if width >= (30 if compact else 36):
                out.append(f'<text x="{x + width / 2:.2f}" y="{y + row_h / 2 + font / 3:.1f}" '
                           f'text-anchor="middle" font-size="{font - 1}" '
                           f'fill="{_ink(colour)}">{escape(percent(part.share))}</text>')
            x += width
        y += row_h + gap
    if not compact:
        for tick in (0, 25, 50, 75, 100):
            tx = bar_x + bar_w * tick / 100
            out.append(f'<line x1="{tx:.1f}" y1="{top}" x2="{tx:.1f}" y2="{y - gap + 4}" '
                       'stroke="#1b1f24" stroke-opacity="0.25" stroke-dasharray="2 3"/>')
            anchor = {0: "start", 100: "end"}.get(tick, "middle")
            out.append(f'<text x="{tx:.1f}" y="{y - gap + 18}" text-anchor="{anchor}" '
                       f'font-size="{font - 2}" fill="#4d5661">{tick}%</text>')
        y += 18
    y += 8
    col_w = WIDTH / legend_cols
    limit = 30 if compact else 46
    for i, (_, label, colour) in enumerate(keyed):
        lx = 8 + (i % legend_cols) * col_w
        ly = y + (i // legend_cols) * legend_row
        out.append(f'<rect x="{lx:.1f}" y="{ly}" width="12" height="12" fill="{colour}" '
                   'stroke="#1b1f24" stroke-width="0.5"/>')
        out.append(f'<text x="{lx + 18:.1f}" y="{ly + 10}" font-size="{font}" '
                   f'fill="#1b1f24">{escape(_clip(label, limit))}</text>')
    height = y + ((len(keyed) + legend_cols - 1) // legend_cols) * legend_row + 4
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
