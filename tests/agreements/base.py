"""The persona world (tests.base) with a partnering agreement to work on."""

import datetime as dt

from partnering.agreements import services
from partnering.agreements.models import (
    SECTION_FIELDS,
    AgreementVersion,
    MemberTerms,
    ResourceCommitment,
    Signature,
)
from partnering.audit.models import AuditEvent
from tests.apitest import ApiTestCase

WORLD_BUILT = dt.datetime(2026, 10, 1, 8, 0, tzinfo=dt.UTC)

AGREED_TEXT = {
    "purpose_vision": "Every household in Tillabéri reaches safe water within 30 minutes.",
    "culture_values": "Openness; respect for every partner's contribution.",
    "common_goals": "1. Repair 40 boreholes.\n2. Train 40 water committees.",
    "governance_structure": "A steering group of one representative per partner meets "
                            "monthly; the broker facilitates.",
    "resourcing": "Each partner funds its own staff; the Trust funds the repairs.",
    "risks": "Underinvestment if the ministry budget is cut; reviewed quarterly.",
    "code_of_conduct": "Speak openly; credit every partner.",
    "kpis": "Boreholes working (baseline 12, target 40), checked quarterly.",
    "review_schedule": "Quarterly KPI review; annual health check.",
    "grievance_exit": "Concerns go to the broker; one month's notice to leave.",
    "data_ip": "Water point data is open (CC BY 4.0).",
}


class AgreementTestCase(ApiTestCase):
    @staticmethod
    def counts() -> dict:
        counts = ApiTestCase.counts()
        for model in (AgreementVersion, MemberTerms, ResourceCommitment, Signature, AuditEvent):
            counts[model._meta.label] = model.objects.count()
        return counts

    # -- paths ------------------------------------------------------------------------------
    def versions_path(self, partnership=None) -> str:
        return f"/partnerships/{(partnership or self.private).pk}/agreement/versions"

    def version_path(self, number: int, partnership=None) -> str:
        return f"{self.versions_path(partnership)}/{number}"

    # -- building ---------------------------------------------------------------------------
    def start(self, actor=None, partnership=None, **kwargs) -> AgreementVersion:
        return services.start_from_template(actor or self.alice, partnership or self.private,
                                            **kwargs)

    def complete(self, version: AgreementVersion, actor=None) -> AgreementVersion:
        """Replace every piece of template guidance with agreed text."""
        actor = actor or self.alice
        changed = services.update_version(actor, version, **AGREED_TEXT,
                                          change_note="Annual review." if version.number > 1
                                          else "")
        for terms in changed.member_terms.select_related("organisation"):
            services.update_terms(actor, terms, own_goals=f"{terms.organisation} goals.",
                                  interests=f"{terms.organisation} interests.",
                                  roles=f"{terms.organisation} roles.")
        return changed

    def ready(self, actor=None, partnership=None) -> AgreementVersion:
        """A complete draft, ready to propose."""
        return self.complete(self.start(actor, partnership))

    def give_carol_a_mandate(self) -> None:
        rep = self.ministry_membership.representatives.get(person=self.carol_person)
        rep.has_mandate = True
        rep.save()

    def agree(self, version: AgreementVersion) -> AgreementVersion:
        """Propose the version and have every member sign it."""
        services.propose(self.alice, version)
        self.give_carol_a_mandate()
        services.sign(self.alice, version, organisation=self.trust)
        services.sign(self.carol, version, organisation=self.ministry)
        version.refresh_from_db()
        return version


__all__ = ["AGREED_TEXT", "SECTION_FIELDS", "WORLD_BUILT", "AgreementTestCase"]
