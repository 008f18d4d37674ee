"""A platform's forums as a tree: each forum under the forum above it."""

from dataclasses import dataclass, field


@dataclass
class Node:
    forum: object
    children: list = field(default_factory=list)


def forum_tree(forums) -> list[Node]:
    """The forums (those the reader may see) as trees from the highest level down; a forum
    whose forum above is hidden from the reader starts a tree of its own."""
    nodes = {forum.pk: Node(forum) for forum in forums}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.forum.parent_id)
        (parent.children if parent else roots).append(node)
    for node in nodes.values():
        node.children.sort(key=_order)
    return sorted(roots, key=_order)


def _order(node: Node):
    return (-node.forum.level.rank, node.forum.title.casefold(), node.forum.pk)
