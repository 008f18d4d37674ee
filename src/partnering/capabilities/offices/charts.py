"""The office's competency heat map as SVG (competencies down, levels across, the number of
people in each cell), followed on the page by the same figures as a table."""

from django.utils.translation import gettext as _
from markupsafe import Markup, escape

from partnering.capabilities.framework.models import LEVEL_NAMES, LEVELS
from partnering.svgtext import ink_on, label

SHADES = ("#f4f7fb", "#c6dbef", "#6baed6", "#2171b5", "#08306b")
ROW, CELL, LEFT, TOP = 34, 70, 230, 40


def _shade(count: int, total: int) -> str:
    if not total or not count:
        return SHADES[0]
    return SHADES[min(4, 1 + int(3.999 * count / total))]


def _cell_tip(row: dict, level: int) -> str:
    """Why a grey cell shows no number."""
    if row["uniform"]:
        return _("%(competency)s: everyone assessed is at the same level, not shown") % {
            "competency": row["name"]}
    if row["suppressed"]:
        return _("%(competency)s: fewer than 5 people assessed, not shown") % {
            "competency": row["name"]}
    return _("%(competency)s, level %(level)s: fewer than 5 people, not shown") % {
        "competency": row["name"], "level": level}


def _row(index: int, row: dict) -> list[str]:
    y = TOP + index * ROW
    parts = [str(label(row["name"], 34, x=LEFT - 8, y=y + ROW / 2 + 4, line_height=12,
                       centre=True, text_anchor="end", font_size=12))]
    for column, level in enumerate(LEVELS):
        x = LEFT + column * CELL
        count = None if row["suppressed"] else row["counts"][column]
        if count is None:
            tip = _cell_tip(row, level)
            parts.append(f'<rect x="{x}" y="{y}" width="{CELL - 2}" height="{ROW - 2}" '
                         f'fill="#e6e6e6"><title>{escape(tip)}</title></rect>')
            continue
        colour = _shade(count, row["assessed"])
        tip = _("%(competency)s, level %(level)s: %(num)s people") % {
            "competency": row["name"], "level": level, "num": count}
        parts.append(f'<rect x="{x}" y="{y}" width="{CELL - 2}" height="{ROW - 2}" '
                     f'fill="{colour}"><title>{escape(tip)}</title></rect>'
                     f'<text x="{x + CELL / 2 - 1}" y="{y + ROW / 2 + 4}" text-anchor="middle" '
                     f'font-size="12" fill="{ink_on(colour)}">{count}</text>')
    return parts


def heat_map_svg(data: dict, chart_id: str = "competency-heat-map") -> Markup:
    rows = data["rows"]
    width, height = LEFT + len(LEVELS) * CELL + 10, TOP + len(rows) * ROW + 10
    title = _("Competency profile of the office")
    desc = _("How many of the office's people are at each level (1 to 4, left to right) of "
             "each competency; grey cells are not shown: fewer than 5 people, or a row "
             "where everyone is at one level. The table below gives the same figures.")
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" '
             f'aria-labelledby="{chart_id}-t {chart_id}-d">',
             f'<title id="{chart_id}-t">{escape(title)}</title>',
             f'<desc id="{chart_id}-d">{escape(desc)}</desc>']
    for column, level in enumerate(LEVELS):
        parts.append(f'<text x="{LEFT + column * CELL + CELL / 2}" y="{TOP - 10}" '
                     f'text-anchor="middle" font-size="11">{level} · '
                     f'{escape(LEVEL_NAMES[level])}</text>')
    for index, row in enumerate(rows):
        parts.extend(_row(index, row))
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text part is escaped
