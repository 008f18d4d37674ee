"""Items travelling upward: a forum's facilitator forwards an item to the forum above,
merges duplicates into one item (which keeps every origin), or adds the forum's own
synthesis. Each move is a step of the item's path."""

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnering.audit.services import record
from partnering.guards import require
from partnering.platforms import access
from partnering.platforms.loops import facts
from partnering.platforms.models import Answer, Item, ItemOrigin, ItemStep
from partnering.platforms.vocabulary import ItemKind, StepAction


def waiting_items(forum):
    """The items at this forum that were not merged into another and are not answered: what
    its facilitator may forward, merge or take into a synthesis."""
    return Item.objects.filter(forum=forum, parent__isnull=True).exclude(
        pk__in=Answer.objects.values("item_id")).select_related("section")


def _require_facilitator(actor, forum) -> None:
    require(access.forum_access(actor, forum).can_facilitate,
            _("Only the forum's facilitator or the secretariat may do this."))


def _require_waiting(items, forum) -> None:
    waiting = set(waiting_items(forum).filter(pk__in=[i.pk for i in items]).values_list(
        "pk", flat=True))
    if any(item.pk not in waiting for item in items):
        raise ValidationError(_("Only items waiting at this forum can be moved."))


def _step(item, forum, action, actor, at) -> ItemStep:
    return ItemStep.objects.create(item=item, forum=forum, level_id=forum.level_id,
                                   action=action, by=actor, at=at)


@transaction.atomic
def forward_item(actor, item: Item) -> Item:
    """The item goes to the forum above."""
    forum = item.forum
    _require_facilitator(actor, forum)
    _require_waiting([item], forum)
    above = forum.parent
    if above is None:
        raise ValidationError(_("This forum has no forum above; the secretariat answers "
                                "items here."))
    now = timezone.now()
    item.forum, item.level_id, item.forwarded_at = above, above.level_id, now
    item.save(update_fields=["forum", "level", "forwarded_at"])
    _step(item, above, StepAction.FORWARDED, actor, now)
    record(actor, "item.forwarded", item, changes={"forum": [str(forum), str(above)]},
           summary=f"{forum} → {above}")
    return item


def _absorb(actor, new: Item, items, at) -> None:
    """`new` takes in `items`: each is merged into it and it carries all their origins."""
    submission_ids = set(ItemOrigin.objects.filter(item__in=items).values_list(
        "submission_id", flat=True))
    ItemOrigin.objects.bulk_create([ItemOrigin(item=new, submission_id=pk)
                                    for pk in sorted(submission_ids)])
    Item.objects.filter(pk__in=[i.pk for i in items]).update(parent=new)
    facts.refresh(submission_ids)
    for item in items:
        _step(item, new.forum, StepAction.MERGED, actor, at)


def _new_item(actor, forum, consultation, *, title, text, section, kind) -> Item:
    title, text = (title or "").strip(), (text or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("Give the item a title.")
    if not text:
        errors["text"] = _("Write the item's text.")
    if section is not None and section.consultation_id != consultation.pk:
        errors["section"] = _("That section belongs to another consultation.")
    if errors:
        raise ValidationError(errors)
    return Item.objects.create(consultation=consultation, section=section, forum=forum,
                               level_id=forum.level_id, title=title[:300], text=text,
                               kind=kind, created_by=actor)


@transaction.atomic
def merge_items(actor, forum, items, *, title: str, text: str, section=None) -> Item:
    """Duplicates at this forum become one item that keeps every origin."""
    _require_facilitator(actor, forum)
    items = list(items)
    if len(items) < 2:
        raise ValidationError(_("Choose at least two items to merge."))
    _require_waiting(items, forum)
    consultation_ids = {item.consultation_id for item in items}
    if len(consultation_ids) != 1:
        raise ValidationError(_("Only items of one consultation can be merged."))
    now = timezone.now()
    merged = _new_item(actor, forum, items[0].consultation, title=title, text=text,
                       section=section, kind=ItemKind.MERGED)
    _absorb(actor, merged, items, now)
    _step(merged, forum, StepAction.MERGED, actor, now)
    record(actor, "items.merged", merged, changes={"items": [None, [i.pk for i in items]]},
           summary=f"{forum}: {len(items)} items into “{merged.title[:200]}”")
    return merged


@transaction.atomic
def add_synthesis(actor, forum, consultation, *, title: str, text: str, section=None,
                  items=()) -> Item:
    """The forum's own synthesis, optionally taking in items waiting here (whose origins it
    then carries)."""
    _require_facilitator(actor, forum)
    if consultation.platform_id != forum.platform_id:
        raise ValidationError(_("That consultation belongs to another platform."))
    items = list(items)
    _require_waiting(items, forum)
    if any(item.consultation_id != consultation.pk for item in items):
        raise ValidationError(_("Only items of this consultation can be taken in."))
    now = timezone.now()
    synthesis = _new_item(actor, forum, consultation, title=title, text=text,
                          section=section, kind=ItemKind.SYNTHESIS)
    _absorb(actor, synthesis, items, now)
    _step(synthesis, forum, StepAction.SYNTHESISED, actor, now)
    record(actor, "synthesis.added", synthesis,
           changes={"items": [None, [i.pk for i in items]]},
           summary=f"{forum}: “{synthesis.title[:200]}”")
    return synthesis


def path_forums(steps) -> list:
    """The forums an item passed through, in order, each once in a row."""
    forums = []
    for step in steps:
        if not forums or forums[-1].pk != step.forum_id:
            forums.append(step.forum)
    return forums


def path_of(item) -> list:
    """The item's path: for a merged item or a synthesis, the path of the first item it took
    in up to here, then its own."""
    return paths_of([item])[0]


FIRST_MERGED = """
WITH RECURSIVE chain(parent_id, id) AS (
    SELECT id, id FROM {table} WHERE id IN ({ids})
    UNION ALL
    SELECT chain.id, (SELECT c.id FROM {table} c WHERE c.parent_id = chain.id
                      ORDER BY c.created_at, c.id LIMIT 1)
    FROM chain WHERE chain.id IS NOT NULL
)
SELECT parent_id, id FROM chain WHERE id IS NOT NULL AND id <> parent_id"""


def _first_merged(pks: set) -> dict:
    """For these items and, in turn, the items merged into them: each one's first merged
    item, followed down to any depth in one recursive query."""
    if not pks:
        return {}
    # Only the table name and one placeholder per id are joined in; ids are parameters.
    sql = FIRST_MERGED.format(table=Item._meta.db_table,  # noqa: S608
                              ids=", ".join(["%s"] * len(pks)))
    with connection.cursor() as cursor:
        cursor.execute(sql, sorted(pks))
        return dict(cursor.fetchall())


def paths_of(items) -> list[list]:
    """Each item's path (see `path_of`), for any number of items in two queries: the
    chains of first merged items, then the steps of every item on them."""
    first = _first_merged({item.pk for item in items})
    steps = {}
    for step in ItemStep.objects.filter(item_id__in={i.pk for i in items} | set(
            first.values())).select_related("forum").order_by("at", "id"):
        steps.setdefault(step.item_id, []).append(step)

    def path(pk) -> list:
        own = path_forums(steps.get(pk, []))
        if pk not in first:
            return own
        inner = path(first[pk])
        return inner + [f for f in own if not inner or f.pk != inner[-1].pk]

    return [path(item.pk) for item in items]


def path_names(items, user) -> list[list[str]]:
    """Each item's path as the names of its forums; a forum the reader may not see is named
    as such."""
    from partnering.platforms.access import visible_forums

    paths = paths_of(list(items))
    ids = {forum.pk for path in paths for forum in path}
    shown = set(visible_forums(user).filter(pk__in=ids).values_list("pk", flat=True))
    hidden = _("a private forum")
    return [[f.title if f.pk in shown else hidden for f in path] for path in paths]


def path_labels(items, user) -> list[str]:
    """Each item's path as one line ("Riverton CDC → St. Catherine parish development
    committee → national working group")."""
    return [" → ".join(names) for names in path_names(items, user)]
