"""Organisations as a network: who has worked with whom, as Kumu shows a system map.

Edges come from shared partnerships (visible to the viewer only: a private partnership's
membership is not for outsiders) and from resource flows between organisations in them.
Degree, betweenness and modularity communities come from networkx; the layout is computed
on the server (a seeded spring layout, so the picture is stable) and drawn as SVG."""

import math
import random
from collections import defaultdict
from itertools import combinations

import networkx as nx
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from markupsafe import Markup, escape

from partnering import svgtext
from partnering.finance.models import ResourceFlow
from partnering.partnerships.access import visible_partnerships
from partnering.partnerships.models import Membership
from partnering.registry.models import Organisation

MAX_NODES = 80
# Okabe–Ito's colour-blind-safe palette, one colour per community.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#999999")
WIDTH, HEIGHT, MARGIN = 760, 560, 60
LABELS = 20  # names drawn on the map; every node has a tooltip and a table row
# A partnership of hundreds of organisations (an IATI consortium) says little about who
# worked with whom; its pairs are left out.
MAX_MEMBERS_FOR_PAIRS = 40


def _edges(user) -> dict[tuple[int, int], dict]:
    visible = visible_partnerships(user).values("pk")
    members = defaultdict(list)
    for p_id, org_id in Membership.objects.filter(partnership__in=visible).values_list(
            "partnership_id", "organisation_id"):
        members[p_id].append(org_id)
    edges: dict[tuple[int, int], dict] = defaultdict(lambda: {"partnerships": 0, "flows": 0})
    for orgs in members.values():
        if len(orgs) > MAX_MEMBERS_FOR_PAIRS:
            continue
        for a, b in combinations(sorted(set(orgs)), 2):
            edges[(a, b)]["partnerships"] += 1
    for a, b in ResourceFlow.objects.filter(
            partnership__in=visible, provider__isnull=False, receiver__isnull=False,
    ).values_list("provider_id", "receiver_id"):
        if a != b:
            edges[tuple(sorted((a, b)))]["flows"] += 1
    return edges


def build(user, *, partnership=None, sector: str = "", country: str = "", sdg: int | None = None,
          limit: int = MAX_NODES) -> dict:
    """The network around a partnership (its members and who they worked with), or the whole
    registry filtered by sector, country and SDG; at most `limit` organisations, the most
    connected first."""
    limit = max(2, min(limit, MAX_NODES))
    edges = _edges(user)
    graph = nx.Graph()
    for (a, b), kinds in edges.items():
        graph.add_edge(a, b, weight=kinds["partnerships"] + kinds["flows"], **kinds)
    focus: set[int] = set()
    if partnership is not None:
        focus = set(partnership.memberships.values_list("organisation_id", flat=True))
        graph.add_nodes_from(focus)
        keep = set(focus)
        for org in focus:
            keep.update(graph.neighbors(org))
        graph = graph.subgraph(keep).copy()
    else:
        orgs = Organisation.objects.all()
        if sector:
            orgs = orgs.filter(sector=sector)
        if country:
            orgs = orgs.filter(country=country)
        if sdg:
            orgs = orgs.filter(sdg_goals__number=sdg)
        if sector or country or sdg:
            graph = graph.subgraph(set(orgs.values_list("pk", flat=True))).copy()
    total = graph.number_of_nodes()
    if total > limit:
        ranked = sorted(graph.nodes, key=lambda n: (n not in focus, -graph.degree(n), n))
        graph = graph.subgraph(ranked[:limit]).copy()
    return _measure(graph, focus, total)


def _measure(graph: nx.Graph, focus: set[int], total: int) -> dict:
    names = {o.pk: o for o in Organisation.objects.filter(pk__in=list(graph.nodes))}
    betweenness = nx.betweenness_centrality(graph, normalized=True) if graph else {}
    community_of = {}
    if graph.number_of_edges():
        groups = nx.community.greedy_modularity_communities(graph, weight="weight")
        for index, group in enumerate(sorted(groups, key=lambda g: (-len(g), min(g)))):
            for node in group:
                community_of[node] = index
    layout = spring_layout(graph)
    xs = [x for x, _ in layout.values()] or [0]
    ys = [y for _, y in layout.values()] or [0]
    span_x, span_y = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    nodes = []
    for node in sorted(graph.nodes, key=lambda n: (-graph.degree(n), n)):
        org = names.get(node)
        if org is None:
            continue
        x, y = layout.get(node, (0, 0))
        nodes.append({
            "organisation_id": node, "name": org.name, "sector": org.sector,
            "country": org.country, "degree": graph.degree(node),
            "betweenness": round(betweenness.get(node, 0.0), 4),
            "community": community_of.get(node, -1), "member": node in focus,
            "x": round(MARGIN + (x - min(xs)) / span_x * (WIDTH - 2 * MARGIN), 1),
            "y": round(MARGIN + (y - min(ys)) / span_y * (HEIGHT - 2 * MARGIN), 1),
        })
    edges = [{"source": a, "target": b, "partnerships": d["partnerships"], "flows": d["flows"]}
             for a, b, d in sorted(graph.edges(data=True)) if a in names and b in names]
    return {"nodes": nodes, "edges": edges, "total": total,
            "communities": len(set(community_of.values()))}


def spring_layout(graph: nx.Graph, iterations: int = 120, seed: int = 7) -> dict:
    """Fruchterman–Reingold in plain Python (networkx's needs numpy): at most MAX_NODES
    nodes, so n² per iteration is cheap. Seeded, hence the same picture every time."""
    rng = random.Random(seed)
    nodes = sorted(graph.nodes)
    if not nodes:
        return {}
    pos = {n: [rng.random(), rng.random()] for n in nodes}
    k = 2.5 * math.sqrt(1 / len(nodes))
    temperature = 0.1
    for _step in range(iterations):
        shift = {n: [0.0, 0.0] for n in nodes}
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                distance = max(math.hypot(dx, dy), 0.01)
                force = k * k / distance
                shift[a][0] += dx / distance * force
                shift[a][1] += dy / distance * force
                shift[b][0] -= dx / distance * force
                shift[b][1] -= dy / distance * force
        for a, b, data in graph.edges(data=True):
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            distance = max(math.hypot(dx, dy), 0.01)
            force = distance * distance / k * (1 + math.log(data.get("weight", 1)))
            for node, sign in ((a, -1), (b, 1)):
                shift[node][0] += sign * dx / distance * force
                shift[node][1] += sign * dy / distance * force
        for n in nodes:
            length = max(math.hypot(*shift[n]), 0.01)
            step = min(length, temperature)
            pos[n][0] += shift[n][0] / length * step
            pos[n][1] += shift[n][1] / length * step
        temperature *= 0.95
    return {n: tuple(p) for n, p in pos.items()}


def network_svg(network: dict, title: str) -> Markup:
    at = {n["organisation_id"]: n for n in network["nodes"]}
    out = [f'<svg class="network" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
           f'height="{HEIGHT}" aria-labelledby="net-title net-desc" '
           'xmlns="http://www.w3.org/2000/svg">',
           f'<title id="net-title">{escape(title)}</title>',
           f'<desc id="net-desc">{escape(_describe(network))}</desc>']
    for e in network["edges"]:
        a, b = at[e["source"]], at[e["target"]]
        dash = ' stroke-dasharray="5 3"' if e["flows"] and not e["partnerships"] else ""
        width = min(6, 1 + e["partnerships"] + e["flows"])
        out.append(f'<line x1="{a["x"]}" y1="{a["y"]}" x2="{b["x"]}" y2="{b["y"]}" '
                   f'stroke="#777" stroke-width="{width}"{dash}/>')
    ranked = sorted(network["nodes"],
                    key=lambda n: (not n["member"], -n["betweenness"], -n["degree"]))
    labelled = {n["organisation_id"] for n in ranked[:LABELS]}
    for n in network["nodes"]:
        colour = PALETTE[n["community"] % len(PALETTE)] if n["community"] >= 0 else "#cccccc"
        radius = 5 + min(9, n["degree"])
        stroke = ' stroke="#1b1f24" stroke-width="3"' if n["member"] else ' stroke="#ffffff"'
        out.append(f'<g><title>{escape(_node_title(n))}</title>'
                   f'<circle cx="{n["x"]}" cy="{n["y"]}" r="{radius}" fill="{colour}"{stroke}/>'
                   + (svgtext.label(n["name"], 28, x=n["x"], y=n["y"] + radius + 12,
                                    line_height=12, text_anchor="middle", font_size=11,
                                    fill="#1b1f24", stroke="#ffffff", stroke_width=3,
                                    paint_order="stroke")
                      if n["organisation_id"] in labelled else "") + '</g>')
    out.append("</svg>")
    return Markup("".join(out))  # noqa: S704  (every text above is escaped)


def _node_title(node: dict) -> str:
    return ngettext("%(name)s: %(num)s connection, betweenness %(betweenness)s",
                    "%(name)s: %(num)s connections, betweenness %(betweenness)s",
                    node["degree"]) % {"name": node["name"], "num": node["degree"],
                                       "betweenness": f"{node['betweenness']:.2f}"}


def _describe(network: dict) -> str:
    if not network["nodes"]:
        return _("No organisation has worked with another here yet.")
    top = sorted(network["nodes"], key=lambda n: -n["betweenness"])[:3]
    return " ".join([
        ngettext("%(num)s organisation,", "%(num)s organisations,", len(network["nodes"]))
        % {"num": len(network["nodes"])},
        ngettext("%(num)s link,", "%(num)s links,", len(network["edges"]))
        % {"num": len(network["edges"])},
        ngettext("%(num)s community.", "%(num)s communities.", network["communities"])
        % {"num": network["communities"]},
        _("Most bridging: %(names)s.") % {"names": ", ".join(n["name"] for n in top)},
        _("The table below lists every organisation.")])
