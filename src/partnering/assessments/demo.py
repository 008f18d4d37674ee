"""Demo assessments (called by platform/demo.py): Safe Childhoods' annual health checks
(Unite to Ignite: reflective health checks facilitated by the broker) with one small group
held back, the Jamaican working group's health check still open (its response rate only), and
World Vision Malawi's Partner of Choice survey of its staff and its partners (Unite to
Ignite: "how others see us"), with its summit's action plan."""

import random
from datetime import timedelta

from django.utils import timezone

from partnering.assessments import services
from partnering.assessments.models import Instrument, Round
from partnering.partnerships.models import Partnership

SAFE_TEXTS = [
    "Ministry colleagues should see the budget before it is final, not after.",
    "Meet in Tuzla as well as Sarajevo so Roma organisations can attend.",
    "Share the minutes in Bosnian and Romani within a week.",
    "Let the smaller partners chair a meeting each quarter.",
    "Agree together which cases we escalate to the centres for social work.",
    "Publish who pays for what, so nobody assumes World Vision decides alone.",
    "Keep the child at the centre when agencies disagree.",
    "Train new staff of every partner in the referral pathway.",
    "Visit the community kitchens together, not separately.",
    "Ask the refugee families how the services feel to them.",
]
MALAWI_PARTNER_TEXTS = [
    "Agreements arrive late and in English only; we sign what we cannot change.",
    "Reporting templates change every year and ask for more than the grant pays for.",
    "Area programme staff listen, but decisions are taken in Lilongwe.",
    "We are treated as implementers of World Vision's plan, not as partners.",
    "The relationship manager in Chikwawa calls us before decisions: that helps.",
    "Capacity building is welcome when it is what we asked for.",
    "Payments come after the activity is due, so we pre-finance from our savings.",
    "Joint planning in 2025 was the first time we shaped the budget.",
    "Please share what you learn from our monitoring data with us.",
    "Church partners bring trust in the villages that is not recognised.",
]


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
    if texts:
        for code in texts:
            answers.append({"question": code, "text": rng.choice(texts[code])})
    return answers


# The people asked to answer: names like those of the staff of the cases' organisations.
BOSNIAN = (["Amela", "Edin", "Jasmina", "Nermin", "Selma", "Haris", "Lejla", "Adnan", "Mirela",
            "Tarik", "Azra", "Damir", "Emina", "Kenan", "Sanela", "Goran", "Ivana", "Nikola"],
           ["Hodžić", "Kovačević", "Begić", "Mehmedović", "Salihović", "Jusić", "Delalić",
            "Marić", "Šehić", "Ramić", "Karić", "Omerović", "Babić", "Ahmetović", "Sejdić"])
JAMAICAN = (["Kemar", "Shanice", "Andre", "Tashana", "Damion", "Kerry-Ann", "Omar", "Nadine",
             "Garfield", "Latoya", "Rohan", "Simone", "Delroy", "Alecia"],
            ["Campbell", "Brown", "Williams", "Thompson", "Reid", "McKenzie", "Gordon",
             "Morgan", "Clarke", "Grant", "Henry", "Stewart", "Francis"])
MALAWIAN = (["Chikondi", "Tiwonge", "Yamikani", "Mphatso", "Kondwani", "Thokozani", "Chisomo",
             "Limbani", "Dalitso", "Tamanda", "Madalitso", "Wongani", "Khumbo", "Takondwa"],
            ["Banda", "Phiri", "Mwale", "Chirwa", "Nyirenda", "Kumwenda", "Gondwe",
             "Mkandawire", "Chisale", "Msiska", "Mbewe", "Kachingwe", "Munthali"])


def _person(round_, names, rng) -> tuple[str, str]:
    """A name not yet invited to the round, and its address."""
    from partnering.platform.demo import _email

    taken = set(round_.invitations.values_list("email", flat=True))
    while True:
        name = f"{rng.choice(names[0])} {rng.choice(names[1])}"
        if _email(name) not in taken:
            return name, _email(name)


def _fill(actor, round_, group, count, levels, rng, texts=None, names=BOSNIAN):
    for _n in range(count):
        name, email = _person(round_, names, rng)
        _, token = services.invite(actor, round_, group=group, send=False, email=email,
                                   name=name)
        services.save_answers(token, _answers(round_.instrument, levels, rng, texts),
                              submit=True)


def _close(round_, opened_days_ago: int, days_open: int = 21):
    now = timezone.now()
    Round.objects.filter(pk=round_.pk).update(
        opens_at=now - timedelta(days=opened_days_ago),
        closes_at=now - timedelta(days=opened_days_ago - days_open))


def _open_round(actor, health, rng) -> None:
    """Jamaica's working group is answering now: its page shows the response rate only."""
    jamaica = Partnership.objects.filter(title__startswith="Vision 2030 Jamaica").first()
    if jamaica is None:
        return
    now = timezone.now()
    round_ = services.create_round(actor, health, partnership=jamaica,
                                   title="Working group health check 2026",
                                   opens_at=now - timedelta(days=6),
                                   closes_at=now + timedelta(days=15))
    levels = {"purpose": 4.0, "trust": 3.7, "communication": 3.2, "equity": 3.0,
              "benefit": 3.5, "governance": 3.8, "accountability": 3.6, "resources": 2.9,
              "learning": 3.4}
    for group, count in zip(round_.groups.order_by("id"), [4, 3, 2, 2], strict=False):
        _fill(actor, round_, group, count, levels, rng, names=JAMAICAN)
        name, email = _person(round_, JAMAICAN, rng)  # not answered yet
        services.invite(actor, round_, group=group, send=False, name=name, email=email)


def load_assessments(loader) -> None:
    rng = random.Random(2026)
    admin = loader.users["admin"]
    broker = loader.users["broker"]
    now = timezone.now()
    health = Instrument.objects.get(key="partnership-health-check")
    fit = Instrument.objects.get(key="fit-for-partnering")

    safe = Partnership.objects.get(title__startswith="Safe Childhoods")
    earlier = services.create_round(broker, health, partnership=safe,
                                    title="Health check 2025", opens_at=now,
                                    closes_at=now + timedelta(days=1))
    groups = list(earlier.groups.order_by("id"))
    lower = {"purpose": 3.8, "trust": 2.9, "communication": 2.8, "equity": 2.4,
             "benefit": 3.4, "governance": 2.7, "accountability": 3.0, "resources": 3.2,
             "learning": 3.1}
    for group, count in zip(groups, [7, 6, 5, 5, 0], strict=False):
        _fill(broker, earlier, group, count, lower, rng)
    _close(earlier, 380)

    current = services.create_round(broker, health, partnership=safe,
                                    title="Health check 2026",
                                    opens_at=now - timedelta(days=12),
                                    closes_at=now + timedelta(days=1))
    groups = list(current.groups.order_by("id"))
    better = {"purpose": 4.2, "trust": 3.6, "communication": 3.5, "equity": 2.9,
              "benefit": 3.8, "governance": 3.4, "accountability": 3.5, "resources": 3.4,
              "learning": 3.9}
    texts = {"say_trust": SAFE_TEXTS, "say_equity": SAFE_TEXTS[:6], "say_learning": SAFE_TEXTS}
    # The lead organisation's 10 people may write free text; one member's 3 answers are
    # held back, and the next-smallest group with them.
    for group, count in zip(groups, [10, 6, 5, 3], strict=False):
        _fill(broker, current, group, count, better, rng, texts=texts)
    for group in groups[-2:]:
        for _n in range(2):  # not answered yet
            name, email = _person(current, BOSNIAN, rng)
            services.invite(broker, current, group=group, send=False, name=name, email=email)
    # Results appear once a round closes; the summit follows.
    _close(current, 30, days_open=27)
    lead_org = safe.memberships.filter(role="lead").first()
    other = safe.memberships.exclude(role="lead").first()
    equity = health.dimensions.get(code="equity")
    if other is not None:
        services.add_plan_item(
            broker, current, title="Rotate the chair of the steering group among members",
            due_date=timezone.localdate() + timedelta(days=60), dimension=equity,
            owner_organisation=other.organisation)
    if lead_org is not None:
        services.add_plan_item(
            broker, current, title="Share the draft budget with every partner before it is "
            "final", due_date=timezone.localdate() + timedelta(days=30),
            dimension=health.dimensions.get(code="trust"),
            owner_organisation=lead_org.organisation)

    _open_round(admin, health, rng)

    malawi = loader.orgs["wvmw"]
    survey = services.create_round(admin, fit, organisation=malawi,
                                   title="Partner of Choice survey 2026",
                                   opens_at=now - timedelta(days=40),
                                   closes_at=now + timedelta(days=1))
    staff = survey.groups.get(perspective="self")
    partners = survey.groups.get(perspective="partner")
    _fill(admin, survey, staff, 12, {"strategy": 4.2, "systems": 3.9, "skills": 3.8,
                                     "culture": 4.3, "relationships": 4.4}, rng,
          texts={"say_relationships": ["We see partners as equals.",
                                       "Partners are central to our programmes."]},
          names=MALAWIAN)
    _fill(admin, survey, partners, 10, {"strategy": 3.9, "systems": 2.3, "skills": 3.5,
                                        "culture": 3.1, "relationships": 2.8}, rng,
          texts={"say_relationships": MALAWI_PARTNER_TEXTS,
                 "say_systems": MALAWI_PARTNER_TEXTS[:3] + MALAWI_PARTNER_TEXTS[6:7]},
          names=MALAWIAN)
    Round.objects.filter(pk=survey.pk).update(closes_at=now - timedelta(days=5))
    for title, owner, days, code in (
            ("Appoint a Partnerships and Capacity Building lead within Operations",
             "Operations director", 30, "skills"),
            ("Write a Partnering Strategic Intent and new partnering guidelines",
             "Partnerships and Capacity Building lead", 90, "strategy"),
            ("Set up a Partner Review Committee", "National director", 120, "relationships"),
            ("Simplify partner agreements and reporting; translate them into Chichewa",
             "Grants and compliance manager", 150, "systems")):
        services.add_plan_item(admin, survey, title=title, owner_name=owner,
                               due_date=timezone.localdate() + timedelta(days=days),
                               dimension=fit.dimensions.get(code=code))
