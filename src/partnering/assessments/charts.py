"""Server-rendered SVG charts with <title>/<desc>; each page also shows the figures as a
table (the text alternative)."""

from django.utils.translation import gettext as _
from markupsafe import Markup, escape

from partnering import svgtext
from partnering.formats import number

WIDTH = 640
LABEL_W = 250
ROW_H = 26
LINE_H = 14
LABEL_CHARS = 36  # characters of a 12-pixel label line within LABEL_W


def _x(score: float) -> float:
    """Scores 1–5 across the plotting area."""
    return LABEL_W + (score - 1) / 4 * (WIDTH - LABEL_W - 40)


def _axis(height: int) -> str:
    parts = []
    for s in range(1, 6):
        x = _x(s)
        parts.append(f'<line x1="{x:.1f}" y1="20" x2="{x:.1f}" y2="{height - 20}" '
                     'stroke="#ccc"/>'
                     f'<text x="{x:.1f}" y="{height - 5}" font-size="11" '
                     f'text-anchor="middle">{s}</text>')
    return "".join(parts)


def _svg(title: str, desc: str, height: int, body: str) -> Markup:
    # role="img" with <title> first: its accessible name; <desc> carries the figures.
    return Markup(  # noqa: S704 - every text part is escaped
        f'<svg role="img" viewBox="0 0 {WIDTH} {height}" width="100%" class="chart" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        f'<desc>{escape(desc)}</desc>{body}</svg>')


def _rows(labels: list[str]) -> tuple[list[tuple[float, list[str]]], int]:
    """Each label's vertical middle and lines, wrapped to fit LABEL_W, and the chart's
    height; a row grows with its label."""
    rows, y = [], 20
    for text in labels:
        lines = svgtext.wrap(text, LABEL_CHARS)
        height = max(ROW_H, len(lines) * LINE_H + 10)
        rows.append((y + height / 2, lines))
        y += height
    return rows, y + 20


def _label(lines: list[str], middle: float, **attributes) -> str:
    """The label's <text>, as a plain string: what follows it is markup, not text to escape."""
    return str(svgtext.text_lines(lines, x=LABEL_W - 8, y=middle + 4, line_height=LINE_H,
                              centre=True, font_size=12, text_anchor="end", **attributes))


def bar_chart(rows: list[dict], title: str | None = None) -> Markup:
    title = title or _("Score per dimension")
    shown = [r for r in rows if r["shown"]]
    if not shown:
        return Markup("")
    placed, height = _rows([r["label"] for r in shown])
    body = [_axis(height)]
    for r, (middle, lines) in zip(shown, placed, strict=True):
        body.append(
            _label(lines, middle)
            + f'<rect x="{LABEL_W}" y="{middle - 8:.1f}" width="{_x(r["mean"]) - LABEL_W:.1f}" '
            f'height="16" fill="#2f6f8f"/>'
            f'<text x="{_x(r["mean"]) + 4:.1f}" y="{middle + 4:.1f}" font-size="11">'
            f'{number(r["mean"], 2)}</text>')
    desc = "; ".join(_("%(label)s: %(mean)s of 5") % {"label": r["label"],
                                                       "mean": number(r["mean"], 2)}
                     for r in shown)
    return _svg(title, desc, height, "".join(body))


def gap_chart(gaps: list[dict]) -> Markup:
    if not gaps:
        return Markup("")
    placed, height = _rows([g["label"] for g in gaps])
    body = [_axis(height)]
    for g, (y, lines) in zip(gaps, placed, strict=True):
        a, b = _x(g["self"]), _x(g["partners"])
        weight = "bold" if g.get("largest") else "normal"
        body.append(
            _label(lines, y, font_weight=weight)
            + f'<line x1="{min(a, b):.1f}" y1="{y:.1f}" x2="{max(a, b):.1f}" y2="{y:.1f}" '
            'stroke="#999" stroke-width="3"/>'
            f'<circle cx="{a:.1f}" cy="{y:.1f}" r="6" fill="#b35c00"/>'
            f'<rect x="{b - 6:.1f}" y="{y - 6:.1f}" width="12" height="12" fill="#2f6f8f"/>')
    desc = "; ".join(_("%(label)s: self-view %(self)s, partners %(partners)s, gap %(gap)s")
                     % {"label": g["label"], "self": number(g["self"], 2),
                        "partners": number(g["partners"], 2),
                        "gap": number(g["gap"], 2, signed=True)}
                     for g in gaps)
    own, theirs = escape(_("self-view")), escape(_("partners’ view"))
    legend = ('<circle cx="10" cy="10" r="5" fill="#b35c00"/><text x="20" y="14" '
              f'font-size="11">{own}</text><rect x="100" y="5" width="10" '
              'height="10" fill="#2f6f8f"/><text x="115" y="14" font-size="11">'
              f'{theirs}</text>')
    return _svg(_("Perception gap: self-view against partners’ view"), desc, height,
                legend + "".join(body))


def trend_chart(points: list[dict], dimensions: list[tuple[str, str]]) -> Markup:
    """The mean over all dimensions per round (dimensions hidden in a round are left out)."""
    values = []
    for p in points:
        scores = [v for v in p["scores"].values() if v is not None]
        values.append((p["round"], sum(scores) / len(scores) if scores else None))
    known = [(name, v) for name, v in values if v is not None]
    if len(known) < 2:
        return Markup("")
    step = (WIDTH - 80) / (len(known) - 1)
    chars = max(8, int(step / 6))  # a 10-pixel character is about 6 pixels wide
    names = [svgtext.wrap(name, chars) for name, _ in known]
    height = 190 + 12 * max(len(lines) for lines in names)

    def y(v):
        return 170 - (v - 1) / 4 * 150

    coords = [(40 + i * step, y(v)) for i, (_, v) in enumerate(known)]
    body = [f'<line x1="40" y1="{y(s):.1f}" x2="{WIDTH - 40}" y2="{y(s):.1f}" stroke="#eee"/>'
            f'<text x="30" y="{y(s) + 4:.1f}" font-size="11" text-anchor="end">{s}</text>'
            for s in range(1, 6)]
    body.append('<polyline fill="none" stroke="#2f6f8f" stroke-width="2" points="'
                + " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coords) + '"/>')
    for (cx, cy), lines in zip(coords, names, strict=True):
        body.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="#2f6f8f"/>'
                    + svgtext.text_lines(lines, x=cx, y=192, line_height=12, font_size=10,
                                         text_anchor="middle"))
    desc = "; ".join(f"{name}: {number(v, 2)}" for name, v in known)
    return _svg(_("Overall score over the rounds"), desc, height, "".join(body))
