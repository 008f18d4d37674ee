"""The influence × interest grid as a server-rendered SVG, with the four classic strategies
labelled and a <title>/<desc> text alternative. The page shows the same data as a table.

The quadrants and each stakeholder's strategy come from one place, models.quadrant(): a
stakeholder is drawn on its influence and interest ticks, inside the quadrant whose strategy
the table names. The quadrant labels sit outside the plotting area (above it for the top
quadrants, below the interest ticks for the bottom ones), so no point ever covers them;
stakeholders at the same cell are spread around the cell's centre, never past its edges."""

import math

from django.utils.translation import gettext as _
from markupsafe import Markup, escape

from partnering import svgtext
from partnering.discovery.models import QUADRANTS, quadrant

STANCE_COLOURS = {"supportive": "#009E73", "neutral": "#56B4E9", "opposed": "#D55E00",
                  "unknown": "#999999"}
FILLS = {"Manage closely": "#fde2d0", "Keep satisfied": "#fff3c4",
         "Keep informed": "#dcefe6", "Monitor": "#eeeeee"}
CELL = 88  # one step of the 1–5 scale
SIZE = 5 * CELL
LEFT, TOP, RIGHT, BOTTOM = 64, 34, 16, 70  # margins: ticks, axis titles, quadrant labels
INK = "#1b1f24"
RADIUS, SPACING = 10, 24  # a point, and the distance between points that share a cell


def x_of(interest: float) -> float:
    """Interest 1..5 → the centre of its column."""
    return LEFT + (interest - 0.5) * CELL


def y_of(influence: float) -> float:
    """Influence 1..5 → the centre of its row; influence runs upwards."""
    return TOP + (5.5 - influence) * CELL


def quadrant_box(q) -> tuple[float, float, float, float]:
    """(x, y, width, height) of a quadrant: its cells, edge to edge."""
    x0, x1 = LEFT + (q.interest[0] - 1) * CELL, LEFT + q.interest[1] * CELL
    y0, y1 = TOP + (5 - q.influence[1]) * CELL, TOP + (6 - q.influence[0]) * CELL
    return x0, y0, x1 - x0, y1 - y0


def spread(count: int) -> tuple[list[tuple[float, float]], float]:
    """Offsets from the cell's centre for `count` points sharing it, in rows of up to
    ceil(sqrt(count)), and the radius that keeps them apart and inside the cell."""
    columns = max(1, math.ceil(math.sqrt(count)))
    rows = math.ceil(count / columns)
    most = max(columns, rows)
    room, gap = CELL - 6, 4  # a 3-pixel margin inside the cell; 4 pixels between circles
    radius = min(RADIUS, (room - (most - 1) * gap) / (2 * most))
    step = min(SPACING, (room - 2 * radius) / (most - 1)) if most > 1 else SPACING
    offsets = []
    for k in range(count):
        row, column = divmod(k, columns)
        in_row = min(columns, count - row * columns)
        offsets.append(((column - (in_row - 1) / 2) * step, (row - (rows - 1) / 2) * step))
    return offsets, radius


def place(stakeholders) -> list[dict]:
    """Each stakeholder's number (as in the table), strategy and circle (cx, cy, r)."""
    stakeholders = list(stakeholders)
    cells: dict[tuple, list[int]] = {}
    for index, s in enumerate(stakeholders):
        cells.setdefault((s.influence, s.interest), []).append(index)
    points = [None] * len(stakeholders)
    for (influence, interest), indexes in cells.items():
        offsets, radius = spread(len(indexes))
        for index, (dx, dy) in zip(indexes, offsets, strict=True):
            points[index] = {"number": index + 1, "stakeholder": stakeholders[index],
                             "strategy": quadrant(influence, interest).strategy,
                             "label": str(quadrant(influence, interest).label),
                             "cx": x_of(interest) + dx, "cy": y_of(influence) + dy,
                             "r": radius}
    return points


def _frame() -> list[str]:
    out = []
    for q in QUADRANTS:
        x, y, w, h = quadrant_box(q)
        out.append(f'<rect class="quadrant" data-strategy="{q.strategy}" x="{x:.0f}" '
                   f'y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" fill="{FILLS[q.strategy]}" '
                   'stroke="#666"/>')
    bottom, right = TOP + SIZE, LEFT + SIZE
    for n in range(1, 6):  # faint lines through the ticks: every point sits on them
        out.append(f'<line x1="{x_of(n):.0f}" y1="{TOP}" x2="{x_of(n):.0f}" y2="{bottom}" '
                   f'stroke="{INK}" stroke-opacity="0.12"/>'
                   f'<line x1="{LEFT}" y1="{y_of(n):.0f}" x2="{right}" y2="{y_of(n):.0f}" '
                   f'stroke="{INK}" stroke-opacity="0.12"/>')
        out.append(f'<text x="{x_of(n):.0f}" y="{bottom + 16}" text-anchor="middle" '
                   f'font-size="11" fill="{INK}">{n}</text>'
                   f'<text x="{LEFT - 8}" y="{y_of(n) + 4:.0f}" text-anchor="end" '
                   f'font-size="11" fill="{INK}">{n}</text>')
    for q in QUADRANTS:  # outside the plotting area: above it, or below the interest ticks
        x, y, w, h = quadrant_box(q)
        ly = TOP - 10 if y == TOP else bottom + 36
        out.append(f'<text class="quadrant-label" x="{x + w / 2:.0f}" y="{ly}" '
                   f'text-anchor="middle" font-size="13" font-weight="bold" '
                   f'fill="{INK}">{escape(q.label)}</text>')
    interest, influence = _("Interest →"), _("Influence →")
    out.append(f'<text x="{LEFT + SIZE / 2:.0f}" y="{bottom + 60}" text-anchor="middle" '
               f'font-size="13" fill="{INK}">{escape(interest)}</text>')
    out.append(f'<text x="18" y="{TOP + SIZE / 2:.0f}" text-anchor="middle" font-size="13" '
               f'fill="{INK}" transform="rotate(-90 18 {TOP + SIZE / 2:.0f})">'
               f'{escape(influence)}</text>')
    return out


def stakeholder_grid(stakeholders) -> Markup:
    stakeholders = list(stakeholders)
    width, height = LEFT + SIZE + RIGHT, TOP + SIZE + BOTTOM
    title = _("Stakeholders by influence and interest")
    out = [f'<svg class="stakeholder-grid" role="img" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" aria-labelledby="grid-title grid-desc" '
           'xmlns="http://www.w3.org/2000/svg">',
           f'<title id="grid-title">{escape(title)}</title>',
           f'<desc id="grid-desc">{escape(_describe(stakeholders))}</desc>', *_frame()]
    for p in place(stakeholders):
        s = p["stakeholder"]
        colour = STANCE_COLOURS.get(s.stance, "#999999")
        font = 11 if p["r"] >= 9 else 9
        out.append(f'<g class="stakeholder" data-strategy="{p["strategy"]}">'
                   f'<title>{escape(_point_title(p))}</title>'
                   f'<circle cx="{p["cx"]:.1f}" cy="{p["cy"]:.1f}" r="{p["r"]:.1f}" '
                   f'fill="{colour}" stroke="{INK}"/>'
                   f'<text x="{p["cx"]:.1f}" y="{p["cy"] + font / 3:.1f}" '
                   f'text-anchor="middle" font-size="{font}" fill="{svgtext.ink_on(colour)}">'
                   f'{p["number"]}'
                   '</text></g>')
    out.append("</svg>")
    return Markup("".join(out))  # noqa: S704  (every text above is escaped)


def _point_title(point: dict) -> str:
    s = point["stakeholder"]
    return _("%(number)s. %(name)s: influence %(influence)s, interest %(interest)s, "
             "%(stance)s: %(strategy)s") % {
        "number": point["number"], "name": s.display_name, "influence": s.influence,
        "interest": s.interest, "stance": str(s.get_stance_display()).lower(),
        "strategy": point["label"]}


def _describe(stakeholders) -> str:
    if not stakeholders:
        return _("No stakeholders mapped yet.")
    groups: dict[str, list[str]] = {}
    for s in stakeholders:
        groups.setdefault(s.strategy_label, []).append(s.display_name)
    return "; ".join(_("%(strategy)s: %(names)s") % {"strategy": k, "names": ", ".join(v)}
                     for k, v in groups.items()) + "."
