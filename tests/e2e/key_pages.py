"""The key pages of the demo (partnering.platform.demo) as each persona reaches them: the
pages the accessibility run checks. Members, the lead, the broker and the platform admin see
the private Safe Childhoods; visitors see the public Connectivity dialogue, which has the
demo's open call."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from partnering.agreements.models import AgreementVersion
from partnering.assessments import services as assessments
from partnering.assessments.models import Round
from partnering.discovery.models import Call
from partnering.governance.models import Action, Proposal
from partnering.monitoring.models import Indicator, ProgressReport
from partnering.partnerships.models import Partnership
from partnering.registry.models import Organisation, Person

SIGNED_IN = ("member", "lead", "broker", "admin")
PERSONAS = ("anonymous", *SIGNED_IN)
# Sections only members, brokers and admins are offered.
MEMBERS_ONLY = ("stakeholders", "health-checks")
SECTIONS = ("", "lifecycle", "members", "meetings", "history", "agreement", "decisions",
            "actions", "power", "results", "reports", "risks", "health", "health-checks",
            "stakeholders", "gaps", "recommendations", "calls", "network")


def _first(queryset):
    return queryset.order_by("pk").values_list("pk", flat=True).first()


def partnership_pages(partnership: Partnership, *, member: bool) -> list[str]:
    base = f"/partnerships/{partnership.pk}/"
    pages = [base + (f"{s}/" if s else "") for s in SECTIONS
             if member or s not in MEMBERS_ONLY]
    versions = AgreementVersion.objects.filter(partnership=partnership)
    if versions.exists():
        pages.append(base + f"agreement/versions/{versions.order_by('number').last().number}/")
    if versions.count() > 1:
        pages.append(base + "agreement/diff/")
    detail = {"proposals": Proposal, "actions": Action, "indicators": Indicator,
              "reports": ProgressReport}
    for path, model in detail.items():
        pk = _first(model.objects.filter(partnership=partnership))
        if pk:
            pages.append(base + f"{path}/{pk}/")
    if member:
        pages += [f"/assessments/rounds/{pk}/"
                  for pk in Round.objects.filter(partnership=partnership).order_by("pk")
                  .values_list("pk", flat=True)[:1]]
    call = _first(Call.objects.filter(partnership=partnership))
    if call:
        pages.append(base + f"calls/{call}/")
    return pages


def respond_page() -> str:
    """The survey page of a new invitation to the demo's open round."""
    round_ = Round.objects.filter(closes_at__gt=timezone.now()).order_by("pk").first()
    admin = get_user_model().objects.get(username="admin")
    _, token = assessments.invite(admin, round_, group=round_.groups.order_by("pk").first(),
                                  email="respondent@example.org", send=False)
    return f"/respond/{token}/"


def people_power_pages(persona: str) -> list[str]:
    """The broker roster and a broker's profile (anyone), the competency framework; Ruth
    Achieng's log book and an entry (the broker, admins); World Vision Malawi's partnerships
    office (admins)."""
    from partnering.brokers.logbook.models import LogBook
    from partnering.capabilities.offices.models import Office

    ruth = Person.objects.get(name="Ruth Achieng").broker_profile
    pages = ["/brokers/", f"/brokers/{ruth.pk}/", "/competencies/"]
    book = LogBook.objects.get(broker=ruth)
    if persona in ("broker", "admin"):
        entry = book.entries.filter(submitted_at__isnull=False).order_by("-week").first()
        pages += [f"/logbooks/{book.pk}/", f"/logbooks/{book.pk}/entries/{entry.pk}/"]
    if persona == "admin":
        pages.append(f"/offices/{_first(Office.objects.all())}/")
    return pages


def key_pages(persona: str) -> list[str]:
    organisation = _first(Organisation.objects.filter(name__startswith="World Vision"))
    common = ["/", "/partnerships/", "/directory/", "/find-partners/", "/calls/", "/network/",
              "/organisations/", f"/organisations/{organisation}/", "/portfolio/",
              "/reference/sdg/", *people_power_pages(persona)]
    if persona == "anonymous":
        public = Partnership.objects.get(title__startswith="Partnership Dialogue")
        return ["/accounts/login/", *common, *partnership_pages(public, member=False),
                respond_page()]
    private = Partnership.objects.get(title__startswith="Safe Childhoods")
    public_call = _first(Call.objects.filter(partnership__visibility="public"))
    call_partnership = Call.objects.get(pk=public_call).partnership_id
    person = (_first(Person.objects.filter(user__username=persona))
              or _first(Person.objects.all()))
    admin_pages = ["/jobs/", "/interop/iati/", "/interop/registry/"] if persona == "admin" else []
    return [*common, "/people/", f"/people/{person}/", "/notifications/",
            "/notifications/settings/", *partnership_pages(private, member=True),
            f"/partnerships/{call_partnership}/calls/{public_call}/", *admin_pages]
