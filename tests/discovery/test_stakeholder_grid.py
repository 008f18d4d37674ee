"""The influence × interest grid agrees with the table: same strategy, points on their ticks,
quadrant labels never covered, points that share a cell spread apart inside it."""

import itertools
import math
import re

from django.test import SimpleTestCase
from lxml import etree, html

from partnering.discovery import chart
from partnering.discovery.models import QUADRANTS, Stakeholder, quadrant, strategy
from tests.discovery.test_stakeholders import StakeholderTestCase

SVG = "{http://www.w3.org/2000/svg}"


def stakeholder(influence: int, interest: int, name: str = "Group") -> Stakeholder:
    return Stakeholder(name=name, influence=influence, interest=interest, stance="neutral")


def parse(markup) -> etree._Element:
    return etree.fromstring(str(markup).encode())


def boxes(svg) -> dict[str, tuple[float, float, float, float]]:
    return {r.get("data-strategy"): tuple(float(r.get(k)) for k in ("x", "y", "width", "height"))
            for r in svg.iter(f"{SVG}rect") if r.get("class") == "quadrant"}


def circles(svg) -> list[tuple[str, float, float, float]]:
    return [(g.get("data-strategy"), *(float(g.find(f"{SVG}circle").get(k))
                                       for k in ("cx", "cy", "r")))
            for g in svg.iter(f"{SVG}g") if g.get("class") == "stakeholder"]


def inside(box, cx, cy, r) -> bool:
    x, y, w, h = box
    return x <= cx - r and cx + r <= x + w and y <= cy - r and cy + r <= y + h


class OneFunction(SimpleTestCase):
    def test_it_gives_every_cell_exactly_one_quadrant(self):
        for influence, interest in itertools.product(range(1, 6), repeat=2):
            holding = [q for q in QUADRANTS if q.holds(influence, interest)]
            self.assertEqual(len(holding), 1, (influence, interest))
            self.assertEqual(strategy(influence, interest), holding[0].strategy)
        self.assertEqual(strategy(3, 5), "Keep informed")
        self.assertEqual(strategy(3, 2), "Monitor")
        self.assertEqual(strategy(4, 3), "Keep satisfied")

    def test_it_refuses_a_value_off_the_scale(self):
        with self.assertRaises(ValueError):
            quadrant(0, 3)


class GridAgreesWithTable(SimpleTestCase):
    def test_it_draws_every_cell_inside_the_quadrant_the_table_names(self):
        people = [stakeholder(i, j, f"{i}/{j}")
                  for i, j in itertools.product(range(1, 6), repeat=2)]
        svg = parse(chart.stakeholder_grid(people))
        drawn = boxes(svg)
        for person, (named, cx, cy, r) in zip(people, circles(svg), strict=True):
            self.assertEqual(named, person.strategy)
            self.assertTrue(inside(drawn[person.strategy], cx, cy, r), person.display_name)

    def test_it_puts_a_lone_point_on_its_ticks(self):
        svg = parse(chart.stakeholder_grid([stakeholder(3, 4)]))
        (_, cx, cy, _), = circles(svg)
        texts = list(svg.iter(f"{SVG}text"))
        interest_tick = [float(t.get("x")) for t in texts
                         if t.text == "4" and t.get("text-anchor") == "middle"]
        influence_tick = [float(t.get("y")) - 4 for t in texts
                          if t.text == "3" and t.get("text-anchor") == "end"]
        self.assertEqual(interest_tick, [cx])
        self.assertEqual(influence_tick, [cy])

    def test_it_keeps_the_quadrant_labels_outside_the_plotting_area(self):
        svg = parse(chart.stakeholder_grid([stakeholder(i, j) for i in range(1, 6)
                                            for j in range(1, 6)] * 3))
        x0 = min(b[0] for b in boxes(svg).values())
        y0 = min(b[1] for b in boxes(svg).values())
        y1 = max(b[1] + b[3] for b in boxes(svg).values())
        labels = [t for t in svg.iter(f"{SVG}text") if t.get("class") == "quadrant-label"]
        self.assertEqual(sorted(t.text for t in labels), sorted(q.strategy for q in QUADRANTS))
        for label in labels:
            y = float(label.get("y"))
            self.assertTrue(y < y0 or y - 13 > y1, label.text)
        for _, cx, cy, r in circles(svg):
            self.assertTrue(cx - r >= x0 and y0 <= cy - r and cy + r <= y1)

    def test_it_spreads_points_that_share_a_cell_without_overlap(self):
        for count in (2, 3, 5, 9, 16, 30):
            svg = parse(chart.stakeholder_grid([stakeholder(5, 5)] * count))
            points = circles(svg)
            cell = (chart.x_of(5) - chart.CELL / 2, chart.y_of(5) - chart.CELL / 2,
                    chart.CELL, chart.CELL)
            for _, cx, cy, r in points:
                self.assertTrue(inside(cell, cx, cy, r), count)
                self.assertGreaterEqual(r, 5)
            for (_, ax, ay, r), (_, bx, by, _) in itertools.combinations(points, 2):
                self.assertGreater(math.hypot(ax - bx, ay - by), 2 * r, count)


class MapPage(StakeholderTestCase):
    def test_it_shows_in_the_grid_the_strategy_the_table_says(self):
        for name, influence, interest in (("Schools", 3, 4), ("Broadcaster", 3, 2),
                                          ("Council", 5, 3), ("Ministry", 5, 4)):
            self.make(name=name, influence=influence, interest=interest)
        self.sign_in(self.carol)
        page = self.client.get(f"/partnerships/{self.private.pk}/stakeholders/")
        document = html.fromstring(page.content)
        table = {row.xpath("td[1]")[0].text: row.xpath("td[8]")[0].text
                 for row in document.xpath("//table/tbody/tr")}
        svg = parse(re.search(r"<svg class=\"stakeholder-grid\".*?</svg>",
                              page.content.decode(), re.S).group(0))
        drawn = boxes(svg)
        for number, (named, cx, cy, r) in enumerate(circles(svg), start=1):
            self.assertEqual(named, table[str(number)])
            self.assertTrue(inside(drawn[named], cx, cy, r))
        self.assertEqual(table["3"], "Keep informed")  # influence 3, interest 4
