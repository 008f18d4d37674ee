"""Assessments (section `assessments`): Safe Childhoods' annual health checks (Unite to
Ignite: reflective health checks facilitated by the broker) with one small group held back,
the Jamaican working group's health check still open (its response rate only), and World
Vision Malawi's Partner of Choice survey of its staff and its partners ("how others see us"),
with its summit's action plan.

Respondents answer around the `levels` of each dimension; `groups` are the respondent
groups in order (or by `perspective`): how many answered, and how many were invited but have
not answered yet. `window`: when the round opened and for how many days."""

import random
from datetime import timedelta

from django.utils import timezone

from partnering.assessments import services
from partnering.assessments.models import Instrument, Round
from partnering.partnerships.models import Partnership
from partnering.platform.demo.data import cases
from partnering.platform.demo.loader import email_for


def load(loader) -> None:
    rng = random.Random(2026)  # the same answers every time
    for case in cases():
        spec = case.section("assessments")
        if not spec:
            continue
        names = spec["respondent_names"]
        for round_spec in spec["rounds"]:
            _Round(loader, case, round_spec, names, rng).load()


def _answers(instrument, levels: dict, rng: random.Random, texts=None) -> list[dict]:
    """One respondent: Likert answers around the level of each dimension (agreement with a
    reverse-scored failure marker is the mirror image)."""
    answers = []
    for q in instrument.questions.filter(kind="likert").select_related("dimension"):
        level = levels.get(q.dimension.code if q.dimension_id else "", 3.5)
        if rng.random() < 0.05:
            answers.append({"question": q.code, "dont_know": True})
            continue
        score = max(1, min(5, round(level + rng.uniform(-1.1, 1.1))))
        answers.append({"question": q.code, "value": 6 - score if q.reverse_scored else score})
    for code in texts or {}:
        answers.append({"question": code, "text": rng.choice(texts[code])})
    return answers


class _Round:
    def __init__(self, loader, case, spec: dict, names: dict, rng: random.Random):
        self.loader, self.case, self.spec = loader, case, spec
        self.names, self.rng = names, rng
        self.actor = loader.users[spec["by"]]
        self.instrument = Instrument.objects.get(key=spec["instrument"])

    def load(self) -> None:
        now = timezone.now()
        window = self.spec["window"]
        opens = now - timedelta(days=window["opened_days_ago"])
        closes = opens + timedelta(days=window["days_open"])
        round_ = services.create_round(
            self.actor, self.instrument, title=self.spec["title"], opens_at=opens,
            closes_at=max(closes, now + timedelta(days=1)), **self.subject())
        for group, group_spec in self.groups(round_):
            self.fill(round_, group, group_spec)
        # Results appear once a round closes; the summit's plan follows.
        Round.objects.filter(pk=round_.pk).update(opens_at=opens, closes_at=closes)
        for item in self.spec.get("plan", []):
            self.plan_item(round_, item)

    def subject(self) -> dict:
        if "organisation" in self.spec:
            return {"organisation": self.loader.orgs[self.spec["organisation"]]}
        return {"partnership": Partnership.objects.get(title=self.case.title)}

    def groups(self, round_):
        groups = list(round_.groups.order_by("id"))
        for number, spec in enumerate(self.spec["groups"]):
            if "perspective" in spec:
                yield round_.groups.get(perspective=spec["perspective"]), spec
            elif number < len(groups):
                yield groups[number], spec

    def fill(self, round_, group, spec: dict) -> None:
        levels = spec.get("levels", self.spec.get("levels", {}))
        texts = spec.get("free_text", self.spec.get("free_text"))
        for _n in range(spec.get("answered", 0)):
            name, email = self.person(round_)
            _, token = services.invite(self.actor, round_, group=group, send=False,
                                       email=email, name=name)
            services.save_answers(token, _answers(self.instrument, levels, self.rng, texts),
                                  submit=True)
        for _n in range(spec.get("waiting", 0)):
            name, email = self.person(round_)
            services.invite(self.actor, round_, group=group, send=False, name=name,
                            email=email)

    def person(self, round_) -> tuple[str, str]:
        """A name not yet invited to the round, and its address."""
        taken = set(round_.invitations.values_list("email", flat=True))
        while True:
            name = f"{self.rng.choice(self.names['first'])} {self.rng.choice(self.names['last'])}"
            if email_for(name) not in taken:
                return name, email_for(name)

    def plan_item(self, round_, item: dict) -> None:
        owner = {"owner_name": item["owner_name"]} if "owner_name" in item else {
            "owner_organisation": self.loader.orgs[item["owner"]]}
        services.add_plan_item(
            self.actor, round_, title=item["title"],
            due_date=self.loader.today + timedelta(days=item["due_in"]),
            dimension=self.instrument.dimensions.get(code=item["dimension"]), **owner)
