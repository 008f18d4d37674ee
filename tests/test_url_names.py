"""Every URL name names one route: `reverse()` (the query baselines, links in pages) must not
land on another area's endpoint that happens to share a view function's name."""

from collections import defaultdict

from django.urls import get_resolver

# Two names the SDG reference and the partnership's indicators have long shared; reverse()
# gives the partnership's, which is what every caller means.
KNOWN = {("api", "list_indicators"), ("api", "get_indicator")}


def _names(patterns, prefix="", namespace="", found=None):
    found = defaultdict(set) if found is None else found
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            _names(pattern.url_patterns, prefix + str(pattern.pattern),
                   pattern.namespace or namespace, found)
        elif pattern.name:
            found[(namespace, pattern.name)].add(prefix + str(pattern.pattern))
    return found


def test_it_gives_each_route_a_name_of_its_own():
    shared = {key: sorted(paths) for key, paths in _names(get_resolver().url_patterns).items()
              if len(paths) > 1 and key not in KNOWN}
    assert shared == {}
