"""Server-rendered SVG charts with <title>/<desc>; each page also shows the figures as a
table (the text alternative)."""

from markupsafe import Markup, escape

WIDTH = 640
LABEL_W = 250
ROW_H = 26


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


def bar_chart(rows: list[dict], title: str = "Score per dimension") -> Markup:
    shown = [r for r in rows if r["shown"]]
    if not shown:
        return Markup("")
    height = 40 + ROW_H * len(shown)
    body = [_axis(height)]
    for i, r in enumerate(shown):
        y = 20 + i * ROW_H
        body.append(
            f'<text x="{LABEL_W - 8}" y="{y + 16}" font-size="12" text-anchor="end">'
            f'{escape(r["label"][:38])}</text>'
            f'<rect x="{LABEL_W}" y="{y + 4}" width="{_x(r["mean"]) - LABEL_W:.1f}" '
            f'height="{ROW_H - 10}" fill="#2f6f8f"/>'
            f'<text x="{_x(r["mean"]) + 4:.1f}" y="{y + 16}" font-size="11">{r["mean"]:.2f}'
            '</text>')
    desc = "; ".join(f'{r["label"]}: {r["mean"]:.2f} of 5' for r in shown)
    return _svg(title, desc, height, "".join(body))


def gap_chart(gaps: list[dict]) -> Markup:
    if not gaps:
        return Markup("")
    height = 40 + ROW_H * len(gaps)
    body = [_axis(height)]
    for i, g in enumerate(gaps):
        y = 20 + i * ROW_H + 12
        a, b = _x(g["self"]), _x(g["partners"])
        weight = "bold" if g.get("largest") else "normal"
        body.append(
            f'<text x="{LABEL_W - 8}" y="{y + 4}" font-size="12" text-anchor="end" '
            f'font-weight="{weight}">{escape(g["label"][:38])}</text>'
            f'<line x1="{min(a, b):.1f}" y1="{y}" x2="{max(a, b):.1f}" y2="{y}" '
            'stroke="#999" stroke-width="3"/>'
            f'<circle cx="{a:.1f}" cy="{y}" r="6" fill="#b35c00"/>'
            f'<rect x="{b - 6:.1f}" y="{y - 6}" width="12" height="12" fill="#2f6f8f"/>')
    desc = "; ".join(f'{g["label"]}: self-view {g["self"]:.2f}, partners {g["partners"]:.2f}, '
                     f'gap {g["gap"]:+.2f}' for g in gaps)
    legend = ('<circle cx="10" cy="10" r="5" fill="#b35c00"/><text x="20" y="14" '
              'font-size="11">self-view</text><rect x="100" y="5" width="10" height="10" '
              'fill="#2f6f8f"/><text x="115" y="14" font-size="11">partners\' view</text>')
    return _svg("Perception gap: self-view against partners' view", desc, height,
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
    height = 200
    step = (WIDTH - 80) / (len(known) - 1)

    def y(v):
        return 170 - (v - 1) / 4 * 150

    coords = [(40 + i * step, y(v)) for i, (_, v) in enumerate(known)]
    body = [f'<line x1="40" y1="{y(s):.1f}" x2="{WIDTH - 40}" y2="{y(s):.1f}" stroke="#eee"/>'
            f'<text x="30" y="{y(s) + 4:.1f}" font-size="11" text-anchor="end">{s}</text>'
            for s in range(1, 6)]
    body.append('<polyline fill="none" stroke="#2f6f8f" stroke-width="2" points="'
                + " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coords) + '"/>')
    for (cx, cy), (name, _) in zip(coords, known, strict=True):
        body.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="#2f6f8f"/>'
                    f'<text x="{cx:.1f}" y="195" font-size="10" text-anchor="middle">'
                    f'{escape(name[:24])}</text>')
    desc = "; ".join(f"{name}: {v:.2f}" for name, v in known)
    return _svg("Overall score over the rounds", desc, height, "".join(body))
