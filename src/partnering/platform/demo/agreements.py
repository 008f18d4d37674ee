"""The cases' partnering agreements and deliverables (section `agreement`).

Safe Childhoods has an agreed version 1, signed by every member, and a draft version 2 with
the changes from its annual health check; the Connectivity dialogue's agreement from its
second meeting (Innovation in Partnerships, step 4) is proposed and partly signed, waiting for
two organisations' internal sign-off. Both record their deliverables, some delivered, some
overdue; Safe Childhoods' indicators show the progress of theirs.

Signatures are given by the signatories themselves, so the people who sign get accounts
without a password (nobody can sign in with them). Where a member's representative at the
table has no mandate to decide, the organisation names a signatory who has one
(`signatories`), as the Safe Childhoods partners agreed for the ministry. Deliverables' days
count back (negative: due ahead)."""

from decimal import Decimal

from django.contrib.auth import get_user_model

from partnering.agreements import services
from partnering.agreements.models import AgreementVersion, Signature
from partnering.partnerships import services as partnerships
from partnering.partnerships.models import Partnership
from partnering.platform.demo.data import cases
from partnering.platform.demo.loader import at, email_for
from partnering.registry import services as registry


def load(loader) -> None:
    """Called once the partnerships are in place."""
    agreements = Agreements(loader)
    for case in cases():
        spec = case.section("agreement")
        if spec:
            partnership = Partnership.objects.get(title=case.title)
            agreements.agreement(partnership, spec)
            agreements.deliverables(partnership, spec.get("deliverables", []))


def link_indicators(loader) -> None:
    """Link the demo's indicators to the deliverables whose progress they show; called once
    both the agreements and the monitoring data are loaded. Links already made are kept."""
    from partnering.monitoring import services as monitoring
    from partnering.monitoring.models import Indicator

    admin = loader.users["admin"]
    for case in cases():
        partnership = Partnership.objects.filter(title=case.title).first()
        pairs = (case.section("agreement") or {}).get("indicator_deliverables", [])
        for pair in pairs if partnership is not None else []:
            indicator = Indicator.objects.filter(partnership=partnership, name=pair["indicator"],
                                                 deliverable__isnull=True).first()
            deliverable = partnership.deliverables.filter(
                title__startswith=pair["deliverable"]).first()
            if indicator is not None and deliverable is not None:
                monitoring.update_indicator(admin, indicator, deliverable=deliverable)


class Agreements:
    def __init__(self, loader):
        self.loader = loader
        self.admin = loader.users["admin"]

    def agreement(self, p: Partnership, spec: dict) -> None:
        for key, fields in spec.get("signatories", {}).items():
            self.signatory(key, fields, p)
        starter = self.loader.users[spec["started_by"]]
        v1 = services.start_from_template(
            starter, p, **{key: spec[key] for key in ("template", "valuation_currency")
                           if key in spec})
        broker = self.loader.users["broker"]
        self.fill(broker, v1, spec)
        services.propose(broker, v1)
        self.sign(v1, spec["signatures"])
        self.backdate(v1, **spec["dates"])
        if spec.get("next_version"):
            self.next_version(p, spec["next_version"])

    def next_version(self, p: Partnership, spec: dict) -> None:
        broker, orgs = self.loader.users["broker"], self.loader.orgs
        v2 = services.start_from_latest(broker, p)
        services.update_version(broker, v2, **spec["text"])
        for key, added in spec.get("added_roles", {}).items():
            terms = v2.member_terms.get(organisation=orgs[key])
            services.update_terms(self.account(added["by"]), terms,
                                  roles=terms.roles + added["text"])
        for change in spec.get("changed_commitments", []):
            commitment = v2.commitments.get(organisation=orgs[change["organisation"]],
                                            kind=change["kind"])
            services.update_commitment(
                broker, commitment, description=change["description"],
                amount=Decimal(change["amount"]),
                estimated_value=Decimal(change["estimated_value"]))
        for added in spec.get("added_commitments", []):
            self.commit(self.loader.users[added["by"]], v2, added)
        self.backdate(v2, **spec["dates"])

    def account(self, key: str):
        """The person's own account, made for the demo if they have none (no password)."""
        person = self.loader.people[key]
        if person.user_id:
            return person.user
        user = get_user_model().objects.create_user(
            username=f"demo-signatory-{key}", password=None, email=person.email,
            first_name=person.name.split()[0], last_name=" ".join(person.name.split()[1:]))
        registry.update_person(self.admin, person, user=user)
        return user

    def signatory(self, key: str, fields: dict, partnership: Partnership):
        """A signatory with a mandate, named by their organisation."""
        org = self.loader.orgs[fields["organisation"]]
        person = registry.create_person(self.admin, name=fields["name"], organisation=org,
                                        email=email_for(fields["name"]),
                                        job_title=fields["job_title"], partnering_role="leader")
        self.loader.people[key] = person
        membership = partnership.memberships.get(organisation=org)
        partnerships.add_representative(self.admin, membership, person=person,
                                        has_mandate=True)

    def fill(self, actor, version, spec: dict) -> None:
        services.update_version(actor, version, **spec["text"])
        terms = spec["terms"]
        by_org = {self.loader.orgs[key].pk: key for key in terms}
        for t in version.member_terms.select_related("organisation"):
            services.update_terms(actor, t, **terms[by_org[t.organisation_id]])
        for commitment in spec["commitments"]:
            self.commit(actor, version, commitment)

    def commit(self, actor, version, row: dict) -> None:
        amount, value = row.get("amount"), row.get("estimated_value")
        services.add_commitment(
            actor, version, organisation=self.loader.orgs[row["organisation"]],
            kind=row["kind"], description=row["description"],
            amount=Decimal(amount) if amount else None, currency=row.get("currency", ""),
            estimated_value=Decimal(value) if value else None)

    def sign(self, version, signatures: list) -> None:
        for row in signatures:
            signature = services.sign(self.account(row["person"]), version,
                                      organisation=self.loader.orgs[row["organisation"]])
            Signature.objects.filter(pk=signature.pk).update(
                signed_at=at(self.loader.ago(row["days_ago"])))

    def backdate(self, version, created: int, proposed: int | None = None,
                 agreed: int | None = None) -> None:
        ago = self.loader.ago
        AgreementVersion.objects.filter(pk=version.pk).update(
            created=at(ago(created), 9),
            proposed_at=at(ago(proposed), 11) if proposed is not None else None,
            agreed_at=at(ago(agreed), 16) if agreed is not None else None)

    def deliverables(self, partnership: Partnership, rows: list) -> None:
        if partnership.deliverables.exists():
            return
        broker, ago = self.loader.users["broker"], self.loader.ago
        for row in rows:
            delivered = row.get("delivered_days_ago")
            services.create_deliverable(
                broker, partnership, title=row["title"],
                responsible_organisation=self.loader.orgs[row["responsible"]],
                due_date=ago(row["due_days_ago"]), status=row["status"],
                delivered_on=ago(delivered) if delivered is not None else None)
