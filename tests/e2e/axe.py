"""axe-core (vendored in tests/e2e/vendor/, see its README) run on the page on screen, with the
page's real Content-Security-Policy in place: the script is handed to the page through the
DevTools protocol (Playwright's `evaluate`), which the policy does not govern, so no
`bypass_csp` and no <script> element are needed."""

from functools import cache
from pathlib import Path

AXE_FILE = Path(__file__).parent / "vendor" / "axe.min.js"
# WCAG 2.1 level A and AA; every impact counts.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN_AXE_JS = """
async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
  });
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + n.failureSummary),
  }));
}
"""


@cache
def axe_source() -> str:
    return AXE_FILE.read_text(encoding="utf-8")


def violations(page) -> list[dict]:
    """axe's WCAG 2.1 A/AA violations on `page` (a Playwright page), injected once a page."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    return page.evaluate(RUN_AXE_JS, TAGS) + duplicate_ids(page)


# WCAG 2.1's 4.1.1 (Parsing), which axe 4.7+ no longer checks (WCAG 2.2 dropped it): an id
# used twice, so a <label for> or aria-labelledby may point at the wrong element.
DUPLICATE_IDS_JS = """
() => {
  const seen = {};
  document.querySelectorAll('[id]').forEach(el => { seen[el.id] = (seen[el.id] || 0) + 1; });
  return Object.keys(seen).filter(id => seen[id] > 1);
}
"""


def duplicate_ids(page) -> list[dict]:
    """The ids used more than once on `page`, as violations in axe's shape."""
    return [{"id": "duplicate-id", "impact": "serious", "help": "ids must be unique",
             "nodes": [f"#{name}"]} for name in page.evaluate(DUPLICATE_IDS_JS)]


def describe(found: dict[str, list[dict]]) -> str:
    """Violations by page, readable in a test failure."""
    lines = []
    for where, items in found.items():
        for item in items:
            lines.append(f"{where}: {item['id']} ({item['impact']}): {item['help']}")
            lines += [f"    {node}" for node in item["nodes"]]
    return "\n".join(lines)
