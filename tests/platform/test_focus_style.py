"""The stylesheet's focus indicator is visible on every background the stylesheet paints
(WCAG 2.1 1.4.11, non-text contrast 3:1): a dark outline ringed in a light colour, so that
on any background one of the two stands out, and the two stand out from each other."""

import re
from pathlib import Path

from django.test import SimpleTestCase

from tests.contrast import contrast_ratio

CSS = Path(__file__).resolve().parents[2] / "src/partnering/static/partnering/site.css"
NON_TEXT_MINIMUM = 3


def stylesheet() -> str:
    return CSS.read_text(encoding="utf-8")


def variables(css: str) -> dict[str, str]:
    return dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{3,6})\b", css))


def resolve(value: str, names: dict[str, str]) -> str:
    match = re.fullmatch(r"var\((--[\w-]+)\)", value.strip())
    return names[match.group(1)] if match else value.strip()


def backgrounds(css: str, names: dict[str, str]) -> set[str]:
    """Every solid colour the stylesheet paints as a background, the page's included."""
    found = {names["--paper"]}
    for value in re.findall(r"background(?:-color)?:\s*([^;}]+)", css):
        value = resolve(value, names)
        if re.fullmatch(r"#[0-9a-fA-F]{3,6}", value):
            found.add(value)
    return found


def focus_rule(css: str) -> str:
    """The declarations of the rule that styles a:focus."""
    match = re.search(r"(?:^|\n)([^{}]*\ba:focus\b[^{}]*)\{([^}]*)\}", css)
    return match.group(2)


class FocusStyleTest(SimpleTestCase):
    def setUp(self):
        css = stylesheet()
        self.names = variables(css)
        rule = focus_rule(css)
        outline = re.search(r"outline:\s*(\d+)px solid ([^;]+);", rule)
        ring = re.search(r"box-shadow:\s*0 0 0 (\d+)px ([^;]+);", rule)
        self.outline_width, self.outline = int(outline.group(1)), resolve(outline.group(2),
                                                                            self.names)
        self.ring_width, self.ring = int(ring.group(1)), resolve(ring.group(2), self.names)
        self.backgrounds = backgrounds(css, self.names)

    def test_it_draws_a_thick_outline_ringed_outside_it(self):
        offset = int(re.search(r"outline-offset:\s*(\d+)px", focus_rule(stylesheet()))[1])
        self.assertGreaterEqual(self.outline_width, 2)
        # The ring shows beyond the outline (its spread passes the offset and the outline).
        self.assertGreater(self.ring_width, offset + self.outline_width)
        self.assertGreaterEqual(contrast_ratio(self.outline, self.ring), NON_TEXT_MINIMUM)

    def test_it_stands_out_3_to_1_on_every_background_of_the_stylesheet(self):
        self.assertGreater(len(self.backgrounds), 10)
        weak = {}
        for background in sorted(self.backgrounds):
            best = max(contrast_ratio(self.outline, background),
                       contrast_ratio(self.ring, background))
            if best < NON_TEXT_MINIMUM:
                weak[background] = round(best, 2)
        self.assertEqual(weak, {})

    def test_it_covers_every_focusable_element(self):
        selectors = re.search(r"(?:^|\n)([^{}]*\ba:focus\b[^{}]*)\{", stylesheet()).group(1)
        for element in ("a", "button", "input", "select", "textarea", "summary"):
            self.assertRegex(selectors, rf"(^|[\s,]){element}:focus\b")
