"""WCAG 2.1 AA in a real browser: axe-core on every key page of every persona of the demo
(a visitor, a member without a mandate, the lead, the broker, the platform admin) with the
real Content-Security-Policy in place; any violation, whatever its impact, fails. And the
keyboard path into a partnership page: the skip link comes first and the page's first action
is a few Tab stops away, with a focus outline that stands out (3:1) from its background."""

import time

from partnering.middleware import STRICT_POLICY
from partnering.partnerships.models import Partnership
from partnering.platform.demo import DEMO_PASSWORD, load_demo
from partnering.reference.loaders import load_sdg_framework
from partnering.reference.models import SdgGoal, SdgIndicator, SdgTarget
from tests.contrast import contrast_ratio, parse_css_colour
from tests.e2e import axe
from tests.e2e.browser import BrowserTestCase
from tests.e2e.key_pages import PERSONAS, key_pages

MAX_TAB_STOPS = 8

# The focused element's outline colour, its ring (box-shadow) colour, and the background
# colour around the element, where the outline is drawn (the first opaque one up the tree).
FOCUS_STYLE_JS = """
() => {
  const el = document.activeElement, style = getComputedStyle(el);
  let node = el.parentElement, background = 'rgb(255, 255, 255)';
  while (node && node.nodeType === 1) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour && colour !== 'transparent' && !colour.endsWith(', 0)')) {
      background = colour; break;
    }
    node = node.parentElement;
  }
  return {tag: el.tagName, text: (el.innerText || el.value || '').trim().slice(0, 60),
          outline: style.outlineColor, outlineStyle: style.outlineStyle,
          outlineWidth: style.outlineWidth, shadow: style.boxShadow, background};
}
"""


def load_the_demo():
    """The demo, on the SDG framework that a migration loads and that the flush after any
    earlier browser test removed (serialized_rollback cannot help: Playwright's event loop
    gives this thread another connection object than the one serialized)."""
    if not SdgGoal.objects.exists():
        load_sdg_framework(SdgGoal, SdgTarget, SdgIndicator)
    load_demo()


class AccessibilityTest(BrowserTestCase):
    def sign_in_as(self, persona: str):
        self.visit("/accounts/login/")
        self.page.get_by_label("Username or e-mail").fill(persona)
        self.page.get_by_label("Password").fill(DEMO_PASSWORD)
        self.submit(self.page.locator("main form"), "Sign in")

    def check_pages(self, persona: str, found: dict, checked: dict):
        self.context.clear_cookies()
        if persona != "anonymous":
            self.sign_in_as(persona)
        for path in key_pages(persona):
            response = self.page.goto(self.live_server_url + path)
            assert response.ok, (persona, path, response.status)
            assert response.headers["content-security-policy"] == STRICT_POLICY, path
            result = axe.violations(self.page)
            if result:
                found[f"{persona} {path}"] = result
            checked.setdefault(persona, []).append(path)

    def test_it_finds_no_wcag_violation_on_any_key_page_of_any_persona(self):
        load_the_demo()
        found, checked, started = {}, {}, time.monotonic()
        for persona in PERSONAS:
            self.check_pages(persona, found, checked)
        print(f"\naxe checked {sum(map(len, checked.values()))} pages in "
              f"{time.monotonic() - started:.0f} s:")
        for persona, paths in checked.items():
            print(f"  {persona} ({len(paths)}): {' '.join(paths)}")
        assert sum(map(len, checked.values())) > 100
        assert found == {}, "axe found WCAG 2.1 A/AA violations:\n" + axe.describe(found)

    def test_the_axe_run_reports_what_it_finds(self):
        self.page.set_content('<html><body><main><img src="x.png"><label for="a">A</label>'
                              '<input id="a"><input id="a"></main></body></html>')
        found = {item["id"] for item in axe.violations(self.page)}
        assert {"image-alt", "html-has-lang", "duplicate-id"} <= found, found

    def test_it_reaches_a_partnership_pages_first_action_in_a_few_tab_stops(self):
        """A keyboard user: Tab to the skip link, Enter, then Tab past the section menu to
        the first action; every stop on the way shows a focus outline that stands out."""
        load_the_demo()
        self.sign_in_as("lead")
        partnership = Partnership.objects.get(title__startswith="Safe Childhoods")
        self.visit(f"/partnerships/{partnership.pk}/")
        first_action = self.page.locator("main .button").first.inner_text().strip()
        assert self.page.locator("nav.tabs summary, nav.tabs a:visible").count() <= 5
        self.page.keyboard.press("Tab")
        stops = [self.page.evaluate(FOCUS_STYLE_JS)]
        assert stops[0]["text"] == "Skip to content", stops[0]
        self.page.keyboard.press("Enter")
        while stops[-1]["text"] != first_action and len(stops) < 20:
            self.page.keyboard.press("Tab")
            stops.append(self.page.evaluate(FOCUS_STYLE_JS))
        assert len(stops) <= MAX_TAB_STOPS, [s["text"] for s in stops]
        for stop in stops:
            self.assert_focus_visible(stop)

    def assert_focus_visible(self, focused: dict):
        """A solid outline of at least 2px whose colour, or its outer ring's, stands out
        3:1 from the background behind the focused element."""
        assert focused["outlineStyle"] == "solid", focused
        assert float(focused["outlineWidth"].removesuffix("px")) >= 2, focused
        background = parse_css_colour(focused["background"])
        rings = [focused["outline"]] + [c for c in [focused["shadow"]] if "rgb" in c]
        best = max(contrast_ratio(parse_css_colour(ring), background) for ring in rings)
        assert best >= 3, focused

    def test_the_skip_link_moves_focus_to_the_content(self):
        self.visit("/directory/")
        self.page.keyboard.press("Tab")
        assert self.page.evaluate("document.activeElement.textContent") == "Skip to content"
        assert self.page.evaluate(FOCUS_STYLE_JS)["outlineStyle"] == "solid"
        self.page.keyboard.press("Enter")
        assert self.page.evaluate("document.activeElement.id") == "main"
