"""The demo's server-rendered SVG charts, as the platform admin sees them: every piece of chart
text meets WCAG's 4.5:1 contrast on what it is drawn over (axe can only mark SVG text "needs
review", so the ratio is computed here), and every chart has its data in a table after it.

What a text is drawn over: the last filled shape painted before it that contains its anchor
point, or a halo (`stroke`) it carries, or the page (white). Text without a fill is black, as
in browsers; a fill set on a <g> is inherited."""

from django.contrib.auth import get_user_model
from django.test import TestCase
from lxml import html

from partnering.assessments.models import Round
from partnering.monitoring.models import Indicator
from partnering.partnerships.models import Partnership
from partnering.platform.demo import load_demo
from tests.contrast import contrast_ratio, parse_css_colour

PAGE = "#ffffff"
TEXT_MINIMUM = 4.5
CHARTED = ("power", "results", "health", "stakeholders", "network", "health-checks", "risks")


def chart_pages() -> list[str]:
    pages = ["/portfolio/", "/network/"]
    for partnership in Partnership.objects.order_by("pk")[:4]:
        pages += [f"/partnerships/{partnership.pk}/"]
        pages += [f"/partnerships/{partnership.pk}/{section}/" for section in CHARTED]
    pages += [f"/assessments/rounds/{pk}/" for pk in Round.objects.values_list("pk", flat=True)]
    pages += [f"/partnerships/{i.partnership_id}/indicators/{i.pk}/"
              for i in Indicator.objects.order_by("pk")[:3]]
    return pages


def _number(element, name, default=0.0) -> float:
    try:
        return float(element.get(name, default))
    except ValueError:
        return default


def _contains(shape, x: float, y: float) -> bool:
    if shape.tag == "rect":
        left, top = _number(shape, "x"), _number(shape, "y")
        return (left <= x <= left + _number(shape, "width")
                and top <= y <= top + _number(shape, "height"))
    if shape.tag == "circle":
        cx, cy, r = _number(shape, "cx"), _number(shape, "cy"), _number(shape, "r")
        return (x - cx) ** 2 + (y - cy) ** 2 <= r ** 2
    return False


def _paint(element, name: str) -> str | None:
    """The fill or stroke colour an element paints with, inherited from its <g>s."""
    while element is not None and element.tag != "svg":
        value = element.get(name)
        if value:
            return None if value == "none" else value
        element = element.getparent()
    return None


def _blend(colour: str, opacity: float) -> tuple[int, int, int]:
    rgb = parse_css_colour(colour)
    return tuple(round(c * opacity + 255 * (1 - opacity)) for c in rgb)


def chart_texts(svg):
    """(text, its colour, the colour behind it) for every <text> in `svg`."""
    shapes = []
    for element in svg.iter():
        if element.tag in ("rect", "circle") and _paint(element, "fill"):
            shapes.append(element)
        elif element.tag == "text":
            yield element, _paint(element, "fill") or "#000000", _behind(element, shapes)


def _behind(text, shapes) -> tuple[int, int, int]:
    halo = text.get("stroke")
    if halo and halo != "none" and _number(text, "stroke-width", 1) >= 2:
        return parse_css_colour(halo)
    x = _number(text, "x")
    y = _number(text, "y") - _number(text, "font-size", 12) / 3
    for shape in reversed(shapes):
        if _contains(shape, x, y):
            opacity = _number(shape, "fill-opacity", 1) * _number(shape, "opacity", 1)
            return _blend(_paint(shape, "fill"), opacity)
    return parse_css_colour(PAGE)


def charts(document):
    return [svg for svg in document.iter("svg") if svg.get("aria-hidden") != "true"]


class ChartAccessibilityTest(TestCase):
    maxDiff = None

    @classmethod
    def setUpTestData(cls):
        load_demo()
        cls.documents = {}
        client = cls.client_class()
        client.force_login(get_user_model().objects.get(username="admin"))
        for url in chart_pages():
            response = client.get(url)
            if response.status_code == 200:
                cls.documents[url] = html.fromstring(response.content)

    def test_it_draws_chart_text_at_4_5_to_1_on_its_background(self):
        weak, colours = [], set()
        for url, document in self.documents.items():
            for svg in charts(document):
                for text, fill, background in chart_texts(svg):
                    ratio = contrast_ratio(fill, background)
                    colours.add((fill, background))
                    if ratio < TEXT_MINIMUM:
                        weak.append((url, text.text_content()[:30], fill, background,
                                     round(ratio, 2)))
        self.assertGreater(len(colours), 8)
        self.assertEqual(weak, [])

    def test_it_gives_every_chart_a_table_of_its_data(self):
        """Each chart is followed by a table before the next chart, in the same section."""
        count = 0
        for url, document in self.documents.items():
            found = [e for e in document.iter("svg", "table")
                     if e.tag == "table" or e.get("aria-hidden") != "true"]
            for position, element in enumerate(found):
                if element.tag != "svg":
                    continue
                count += 1
                following = found[position + 1] if position + 1 < len(found) else None
                self.assertIsNotNone(following, f"{url}: the last chart has no table")
                self.assertEqual(following.tag, "table", f"{url}: a chart without a table")
        self.assertGreater(count, 15)
