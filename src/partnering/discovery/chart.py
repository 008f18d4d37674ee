"""The influence × interest grid as a server-rendered SVG, with the four classic strategies
labelled and a <title>/<desc> text alternative. The page shows the same data as a table."""

from markupsafe import Markup, escape

STANCE_COLOURS = {"supportive": "#009E73", "neutral": "#56B4E9", "opposed": "#D55E00",
                  "unknown": "#999999"}
SIZE, PAD = 440, 50  # plot square and margin for the axis labels


def _pos(value: float) -> float:
    """1..5 on the scale → pixels; 1 at the low edge, 5 at the high edge."""
    return PAD + (value - 0.5) / 5 * SIZE


def stakeholder_grid(stakeholders) -> Markup:
    stakeholders = list(stakeholders)
    width = height = SIZE + 2 * PAD
    mid = _pos(3.5)
    out = [f'<svg class="stakeholder-grid" role="img" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" aria-labelledby="grid-title grid-desc" '
           'xmlns="http://www.w3.org/2000/svg">',
           '<title id="grid-title">Stakeholders by influence and interest</title>',
           f'<desc id="grid-desc">{escape(_describe(stakeholders))}</desc>']
    top, bottom = PAD, PAD + SIZE
    left, right = PAD, PAD + SIZE
    quadrants = [  # (x, y, label): influence runs up, interest to the right
        (left, top, "Keep satisfied"), (mid, top, "Manage closely"),
        (left, mid, "Monitor"), (mid, mid, "Keep informed"),
    ]
    fills = {"Manage closely": "#fde2d0", "Keep satisfied": "#fff3c4",
             "Keep informed": "#dcefe6", "Monitor": "#eeeeee"}
    for x, y, label in quadrants:
        w = (mid - left) if x == left else (right - mid)
        h = (mid - top) if y == top else (bottom - mid)
        out.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" '
                   f'fill="{fills[label]}" stroke="#666"/>')
    # Influence is drawn upwards: 5 at the top.
    out.append(f'<text x="{PAD + SIZE / 2:.0f}" y="{height - 12}" text-anchor="middle" '
               'font-size="13" fill="#1b1f24">Interest →</text>')
    out.append(f'<text x="16" y="{PAD + SIZE / 2:.0f}" text-anchor="middle" font-size="13" '
               f'fill="#1b1f24" transform="rotate(-90 16 {PAD + SIZE / 2:.0f})">'
               'Influence →</text>')
    for n in range(1, 6):
        out.append(f'<text x="{_pos(n):.0f}" y="{bottom + 16}" text-anchor="middle" '
                   f'font-size="11" fill="#1b1f24">{n}</text>')
        out.append(f'<text x="{left - 8}" y="{height - _pos(n) + 4:.0f}" text-anchor="end" '
                   f'font-size="11" fill="#1b1f24">{n}</text>')
    seen: dict[tuple, int] = {}
    for number, s in enumerate(stakeholders, start=1):
        cell = (s.interest, s.influence)
        k = seen.get(cell, 0)
        seen[cell] = k + 1
        dx, dy = (k % 3 - 1) * 22, (k // 3 % 3 - 1) * 22
        cx, cy = _pos(s.interest) + dx, height - _pos(s.influence) + dy
        colour = STANCE_COLOURS.get(s.stance, "#999999")
        out.append(f'<g><title>{number}. {escape(s.display_name)}: influence {s.influence}, '
                   f'interest {s.interest}, {escape(s.get_stance_display().lower())}</title>'
                   f'<circle cx="{cx:.0f}" cy="{cy:.0f}" r="10" fill="{colour}" '
                   f'stroke="#1b1f24"/>'
                   f'<text x="{cx:.0f}" y="{cy + 4:.0f}" text-anchor="middle" font-size="11" '
                   f'fill="#1b1f24">{number}</text></g>')
    for x, y, label in quadrants:  # drawn last, with a halo, so dots never hide them
        out.append(f'<text x="{x + 6:.0f}" y="{y + 16:.0f}" font-size="13" font-weight="bold" '
                   f'fill="#1b1f24" stroke="{fills[label]}" stroke-width="4" '
                   f'paint-order="stroke">{label}</text>')
    out.append("</svg>")
    return Markup("".join(out))  # noqa: S704  (every text above is escaped)


def _describe(stakeholders) -> str:
    if not stakeholders:
        return "No stakeholders mapped yet."
    groups: dict[str, list[str]] = {}
    for s in stakeholders:
        groups.setdefault(s.strategy, []).append(s.display_name)
    return "; ".join(f"{k}: {', '.join(v)}" for k, v in groups.items()) + "."
