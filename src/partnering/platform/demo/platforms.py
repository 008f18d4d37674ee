"""Vision 2030 Jamaica as a platform (section `platform` of a case): its levels and forums,
the MTF 2027–2030 consultation with input from every level, items forwarded and merged on
their way up, and answers back down — some late, some not yet delivered, some origins
saying whether they feel heard — so the loop metrics show a real picture.

Through the services, as the secretariat (the demo's platform admin) and the people taking
part would. The services stamp "now"; the days of the story are then set on the records, as
the other sections do (power.py). A platform already made (same slug) is not made again."""

import datetime as dt

from django.contrib.auth import get_user_model

from partnering.platform.demo.data import cases
from partnering.platform.demo.loader import at
from partnering.platforms.consultations import items as escalation
from partnering.platforms.consultations import services as consultations
from partnering.platforms.forums import services as forums
from partnering.platforms.loops import facts
from partnering.platforms.loops import services as loops
from partnering.platforms.models import Answer, Consultation, Item, Platform, Submission
from partnering.registry import services as registry

FEELINGS = {True: "yes", False: "no"}  # YAML reads yes / no as booleans


def load(loader) -> None:
    for case in cases():
        spec = case.section("platform")
        if spec and not Platform.objects.filter(slug=spec["slug"]).exists():
            _Story(loader, spec).tell()


class _Story:
    def __init__(self, loader, spec: dict):
        self.loader, self.spec = loader, spec
        self.admin = loader.users["admin"]
        self.forums, self.submissions, self.receipts = {}, {}, {}

    def tell(self) -> None:
        self._accounts()
        self._platform()
        self._consultation()
        for item in self.spec["submissions"]:
            self._submit(item)
        for move in self.spec["moves"]:
            self._move(move)
        for answer in self.spec["answers"]:
            self._answer(answer)
        self._dates()
        facts.rebuild(self.consultation)  # the story's dates were set after the services

    def _accounts(self) -> None:
        """People who take part with an account (no password: they never sign in here)."""
        users = get_user_model().objects
        for key in self.spec["accounts"]:
            person = self.loader.people[key]
            if person.user_id is None:
                user = users.create_user(username=f"v2030-{key}", password=None,
                                         first_name=person.name.split()[0],
                                         last_name=person.name.split()[-1])
                self.loader.people[key] = registry.update_person(self.admin, person, user=user)

    def _platform(self) -> None:
        spec, people = self.spec, self.loader.people
        self.platform = forums.create_platform(
            self.admin, title=spec["title"], slug=spec["slug"], visibility="public",
            description=spec["description"], time_zone=spec["time_zone"],
            secretariat_organisations=[self.loader.orgs[spec["secretariat"]]],
            secretariat_people=[people[k] for k in spec["secretariat_people"]])
        self.levels = {rank: forums.add_level(self.admin, self.platform, name=name, rank=rank)
                       for rank, name in enumerate(spec["levels"], start=1)}
        for item in spec["forums"]:
            self._forum(item)

    def _forum(self, item: dict) -> None:
        people = self.loader.people
        forum = forums.create_forum(
            self.admin, self.platform, level=self.levels[item["level"]], title=item["title"],
            parent=self.forums.get(item.get("parent")),
            visibility="private" if item.get("private") else "public",
            chair=people[item["chair"]] if item.get("chair") else None,
            chair_is_independent=item.get("independent", False))
        for key in item.get("members", []):
            forums.add_forum_member(self.admin, forum, organisation=self.loader.orgs[key])
        for key in item.get("people", []):
            if key != item.get("chair"):
                forums.add_forum_member(self.admin, forum, person=people[key])
        self.forums[item["key"]] = forum

    def _consultation(self) -> None:
        spec = self.spec["consultation"]
        today = self.loader.today
        self.consultation = consultations.open_consultation(
            self.admin, self.platform, title=spec["title"], document=spec["document"],
            description=spec["description"], opens_on=today - dt.timedelta(days=1),
            closes_on=today + dt.timedelta(days=1), levels=list(self.levels.values()),
            sections=[tuple(s) for s in spec["sections"]])
        self.sections = {s.number: s for s in self.consultation.sections.all()}
        self.invitations = {}

    def _token(self, forum_key: str) -> str:
        if forum_key not in self.invitations:
            _invitation, token = consultations.create_invitation(
                self.admin, self.consultation, self.forums[forum_key],
                label="Community meeting")
            self.invitations[forum_key] = token
        return self.invitations[forum_key]

    def _submit(self, item: dict) -> None:
        section = self.sections[item["section"]]
        if item.get("by"):
            user = self.loader.people[item["by"]].user
            submission = consultations.submit(user, self.consultation,
                                              self.forums[item["forum"]], text=item["text"],
                                              section=section, language="en")
        else:
            submission, self.receipts[item["key"]] = consultations.submit_by_invitation(
                self._token(item["forum"]), text=item["text"], section=section,
                language="en", name=item.get("name", ""),
                anonymous=item.get("anonymous", False))
        Submission.objects.filter(pk=submission.pk).update(
            created_at=at(self.loader.ago(item["days"])))
        self.submissions[item["key"]] = submission

    def _item(self, key: str) -> Item:
        """The item that carries the submission where it stands now."""
        return Item.objects.get(origins__submission=self.submissions[key],
                                parent__isnull=True)

    def _move(self, move: dict) -> None:
        for key in move.get("forward", []) if "merge" not in move else []:
            escalation.forward_item(self.admin, self._item(key))
        if "merge" in move:
            merged = escalation.merge_items(
                self.admin, self.forums[move["at"]], [self._item(k) for k in move["merge"]],
                title=move["title"], text=move["text"])
            if move.get("forward"):
                escalation.forward_item(self.admin, merged)

    def _answer(self, spec: dict) -> None:
        answer = loops.answer_item(
            self.admin, self._item(spec["of"]), outcome=spec["outcome"],
            reason=spec.get("reason", ""), referred_to=spec.get("referred", ""),
            change_in_plan=spec.get("change", ""), language="en", deliver=False)
        if not spec.get("undelivered"):  # the delivery job, run now
            loops.queue_deliveries(answer, inline=True)
        Answer.objects.filter(pk=answer.pk).update(
            answered_at=at(self.loader.ago(spec["days"]), hour=15))
        for key, feeling in spec.get("heard", {}).items():
            feeling = FEELINGS.get(feeling, feeling)
            if key in self.receipts:
                loops.say_heard_by_receipt(self.receipts[key], feeling=feeling)
            else:
                loops.say_heard(self.loader.people[self._by(key)].user,
                                self.submissions[key], feeling=feeling)

    def _by(self, key: str) -> str:
        return next(s["by"] for s in self.spec["submissions"] if s["key"] == key)

    def _dates(self) -> None:
        """The consultation's real dates: it closed weeks ago, its deadline has passed."""
        spec, ago = self.spec["consultation"], self.loader.ago
        closed = ago(spec["closed"])
        Consultation.objects.filter(pk=self.consultation.pk).update(
            opens_on=ago(spec["opened"]), closes_on=closed, status="closed",
            answer_deadline=closed + dt.timedelta(days=spec["answer_days"]))
