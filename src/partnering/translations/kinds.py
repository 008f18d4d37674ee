"""The kinds of records translated from the start: a partnership's title and problem
statement, an agreement version's title and sections, a proposal, an indicator."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnering.translations.registry import Kind, register


def _partnership_page(partnership) -> str:
    return reverse("partnership", args=[partnership.pk])


def _version_page(version) -> str:
    return reverse("agreement_version", args=[version.partnership_id, version.number])


def _proposal_page(proposal) -> str:
    return reverse("proposal", args=[proposal.partnership_id, proposal.pk])


def _indicator_page(indicator) -> str:
    return reverse("indicator", args=[indicator.partnership_id, indicator.pk])


def register_all() -> None:
    from partnering.agreements.models import SECTIONS, AgreementVersion
    from partnering.governance.models import Proposal
    from partnering.monitoring.models import Indicator
    from partnering.partnerships.models import Partnership

    register(Kind("partnership", Partnership, ("title", "problem_statement"), via="pk",
                  need="manage", param="partnership_id", page=_partnership_page,
                  field_labels={"title": _("Title"),
                                "problem_statement": _("Problem statement")}))
    register(Kind("agreement", AgreementVersion,
                  ("title", *(name for name, _title, _help in SECTIONS)),
                  via="partnership", need="contribute", param="version_id",
                  page=_version_page,
                  field_labels={"title": _("Title"), **SECTION_LABELS}))
    register(Kind("proposal", Proposal, ("title", "text"), via="partnership",
                  need="contribute", param="proposal_id", page=_proposal_page,
                  field_labels={"title": _("Title"), "text": _("Proposal")}))
    register(Kind("indicator", Indicator, ("name", "definition"), via="partnership",
                  need="manage", param="indicator_id", page=_indicator_page,
                  field_labels={"name": _("Name"), "definition": _("Definition")}))


# The agreement's section titles (agreements.models.SECTIONS), as the translate page and
# the exports name them.
SECTION_LABELS = {
    "purpose_vision": _("Shared purpose and vision"),
    "culture_values": _("Culture and values"),
    "common_goals": _("Common goals"),
    "governance_structure": _("Governance structure"),
    "resourcing": _("Resourcing and benefits"),
    "risks": _("Risks and how they are shared"),
    "code_of_conduct": _("Code of conduct"),
    "kpis": _("KPIs set upfront"),
    "review_schedule": _("Review schedule"),
    "grievance_exit": _("Grievance and exit"),
    "data_ip": _("Data sharing and intellectual property"),
}
