"""No chart cuts a label: every label a chart draws is there in full, wrapped onto as many
lines (<tspan>s) as it needs, and no text ends in an ellipsis."""

from datetime import date
from unittest import TestCase

from lxml import etree

from partnering import svgtext
from partnering.assessments import charts as assessment_charts
from partnering.discovery.network import network_svg
from partnering.governance.power.balance import balance
from partnering.governance.power.chart import power_chart
from partnering.governance.power.measures import MEASURES
from partnering.governance.power.report import Member, PowerData
from partnering.monitoring import charts as monitoring_charts
from partnering.monitoring.portfolio.data import phase_groups

SVG = "{http://www.w3.org/2000/svg}"
LONG = ("Running: implement, monitor, feed back and celebrate what the partners achieved "
        "together")
NAMES = ["Ministry of Human Rights and Refugees of Bosnia and Herzegovina",
         "Centre for Social Work Bihać (Una-Sana Canton)",
         "Udruženje Romano Drom for the rights of Roma children and families"]


def texts(markup) -> list[str]:
    """The words of each <text> as a reader sees them: its tspans joined by spaces."""
    svg = etree.fromstring(str(markup).encode())
    found = []
    for text in svg.iter(f"{SVG}text", "text"):  # inline SVG may leave out its namespace
        spans = text.findall(f"{SVG}tspan") or text.findall("tspan")
        words = [s.text or "" for s in spans] if spans else [text.text or ""]
        found.append(" ".join(words))
    return found


class LabelsTest(TestCase):
    def assert_whole(self, markup, labels):
        drawn = texts(markup)
        for label in labels:
            self.assertIn(label, drawn)
        for text in drawn:
            self.assertNotIn("…", text)

    def test_it_wraps_at_spaces_and_never_splits_a_word(self):
        self.assertEqual(svgtext.wrap("Running: implement, monitor, feed back", 20),
                         ["Running: implement,", "monitor, feed back"])
        self.assertEqual(svgtext.wrap("Interdisciplinarity matters", 5),
                         ["Interdisciplinarity", "matters"])

    def test_it_keeps_portfolio_labels_whole(self):
        rows = [(LONG, 3), (NAMES[0], 1), ("Kenya", 2)]
        self.assert_whole(monitoring_charts.bar_chart(rows, "By phase", "c"), [r[0] for r in rows])

    def test_it_orders_the_phase_chart_by_lifecycle_in_two_groups(self):
        groups = phase_groups({"running": 2, "exploration": 1, "scale": 1, "sustaining": 3})
        self.assertEqual([g[0] for g in groups], ["Generic multi-stakeholder cycle",
                                                  "Innovation in Partnerships (six steps)"])
        self.assertEqual([label[:2] for label, _ in groups[0][1]], ["1.", "2.", "3.", "4."])
        self.assertEqual([n for _, n in groups[0][1]], [1, 0, 2, 3])
        self.assertEqual([label[:2] for label, _ in groups[1][1]],
                         ["1.", "2.", "3.", "4.", "5.", "6."])
        chart = monitoring_charts.grouped_bar_chart(groups, "By phase", "c")
        drawn = texts(chart)
        self.assertIn("3. Running: implement, monitor, feed back, celebrate", drawn)
        self.assertLess(drawn.index("Generic multi-stakeholder cycle"),
                        drawn.index("Innovation in Partnerships (six steps)"))
        self.assertEqual(phase_groups({"exploration": 2})[0][0],
                         "Generic multi-stakeholder cycle")
        self.assertEqual(len(phase_groups({"exploration": 2})), 1)

    def test_it_keeps_health_check_labels_whole(self):
        rows = [{"label": LONG, "mean": 3.2, "shown": True},
                {"label": "Trust", "mean": 4.0, "shown": True}]
        self.assert_whole(assessment_charts.bar_chart(rows), [LONG, "Trust"])
        gaps = [{"label": LONG, "self": 4.0, "partners": 2.5, "gap": 1.5, "largest": True}]
        self.assert_whole(assessment_charts.gap_chart(gaps), [LONG])
        points = [{"round": f"Annual health check {year}, all members and partners",
                   "scores": {"trust": 3.0 + i}} for i, year in enumerate((2024, 2025))]
        self.assert_whole(assessment_charts.trend_chart(points, [("trust", "Trust")]),
                          [p["round"] for p in points])

    def test_it_keeps_power_labels_and_legend_whole(self):
        members = [Member(i + 1, name, "public", mandated=1, representatives=1)
                   for i, name in enumerate(NAMES)]
        report = balance(PowerData(members=members, amounts={"proposals": {1: 3, 2: 1, 3: 1}},
                                   events={"proposals": 5}, meetings=2,
                                   since=date(2025, 1, 1)))
        labels = [m.chart_label or m.label for m in MEASURES]
        for compact in (False, True):
            self.assert_whole(power_chart(report, compact=compact), labels + NAMES)
        self.assert_whole(power_chart(report, by="sector"), labels)

    def test_it_keeps_network_labels_whole(self):
        nodes = [{"organisation_id": i, "name": name, "x": 100 + 200 * i, "y": 200,
                  "degree": 1, "betweenness": 0.5, "community": 0, "member": i == 0}
                 for i, name in enumerate(NAMES)]
        network = {"nodes": nodes, "communities": 1,
                   "edges": [{"source": 0, "target": 1, "partnerships": 1, "flows": 0}]}
        self.assert_whole(network_svg(network, "Network"), NAMES)

    def test_it_draws_lines_below_one_another(self):
        text = svgtext.label("one two three four", 8, x=5, y=10, line_height=12)
        svg = etree.fromstring(f'<svg xmlns="http://www.w3.org/2000/svg">{text}</svg>')
        spans = list(svg.iter(f"{SVG}tspan"))
        self.assertEqual([s.text for s in spans], ["one two", "three", "four"])
        self.assertEqual([s.get("dy") for s in spans], ["0", "12", "12"])
        self.assertEqual({s.get("x") for s in spans}, {"5.0"})
