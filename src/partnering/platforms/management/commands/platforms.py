"""`partnering platforms`: read platforms, their forums (as a tree) and consultations, and
the items waiting at a forum with their path; `loop-metrics <consultation>` prints a
consultation's feedback-loop closure and `rebuild-loop-facts [consultation]` rewrites the
facts it reads (platforms/loops/cli.py). The CLI is the operator's: it
reads as a platform admin."""

import json

from django.core.management.base import BaseCommand, CommandError

from partnering.platforms.consultations.items import path_labels, waiting_items
from partnering.platforms.forums.tree import forum_tree
from partnering.platforms.loops import cli as loops_cli
from partnering.platforms.models import Forum, Platform


class Command(BaseCommand):
    help = "List platforms, a platform's forums and consultations, or a forum's waiting items."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        sub.add_parser("list", help="Every platform.")
        forums = sub.add_parser("forums", help="A platform's forums, as a tree by level.")
        forums.add_argument("platform_id", type=int)
        consultations = sub.add_parser("consultations", help="A platform's consultations.")
        consultations.add_argument("platform_id", type=int)
        items = sub.add_parser("items", help="The items waiting at a forum, with their path.")
        items.add_argument("forum_id", type=int)
        for each in (forums, consultations, items):
            each.add_argument("--json", action="store_true", help="Print JSON.")
        sub.choices["list"].add_argument("--json", action="store_true", help="Print JSON.")
        metrics = sub.add_parser("loop-metrics", help="A consultation's loop metrics.")
        metrics.add_argument("consultation", help="The consultation's id or exact title.")
        metrics.add_argument("--json", action="store_true", help="Print JSON.")
        rebuild = sub.add_parser("rebuild-loop-facts",
                                 help="Rewrite the loop facts from the records.")
        rebuild.add_argument("consultation", nargs="?",
                             help="The consultation's id or exact title (default: all).")

    def handle(self, *args, what, **options):
        if what == "loop-metrics":
            loops_cli.print_loop_metrics(self.stdout, options["consultation"], options["json"])
            return
        if what == "rebuild-loop-facts":
            loops_cli.rebuild_loop_facts(self.stdout, options["consultation"])
            return
        rows = getattr(self, f"_{what}")(options)
        if options.get("json"):
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
            return
        for row in rows:
            self.stdout.write("  ".join(str(value) for value in row.values()))

    def _list(self, options):
        return [{"id": p.pk, "title": p.title, "visibility": p.visibility,
                 "time_zone": p.time_zone} for p in Platform.objects.order_by("title", "id")]

    def _platform(self, platform_id):
        platform = Platform.objects.filter(pk=platform_id).first()
        if platform is None:
            raise CommandError(f"no platform with id {platform_id}", returncode=2)
        return platform

    def _forums(self, options):
        platform = self._platform(options["platform_id"])
        rows = []

        def walk(nodes, depth):
            for node in nodes:
                rows.append({"id": node.forum.pk, "forum": "  " * depth + node.forum.title,
                             "level": node.forum.level.name,
                             "visibility": node.forum.visibility})
                walk(node.children, depth + 1)

        walk(forum_tree(platform.forums.select_related("level")), 0)
        return rows

    def _consultations(self, options):
        platform = self._platform(options["platform_id"])
        return [{"id": c.pk, "title": c.title, "opens_on": c.opens_on,
                 "closes_on": c.closes_on, "answer_deadline": c.answer_deadline,
                 "status": c.status} for c in platform.consultations.all()]

    def _items(self, options):
        forum = Forum.objects.filter(pk=options["forum_id"]).first()
        if forum is None:
            raise CommandError(f"no forum with id {options['forum_id']}", returncode=2)
        from django.contrib.auth import get_user_model

        operator = get_user_model()(is_superuser=True)
        items = list(waiting_items(forum))
        return [{"id": item.pk, "title": item.title, "kind": item.kind, "path": path}
                for item, path in zip(items, path_labels(items, operator), strict=True)]
