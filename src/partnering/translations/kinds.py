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
                  field_labels={"title": _("Title"),
                                **{name: title for name, title, _help in SECTIONS}}))
    register(Kind("proposal", Proposal, ("title", "text"), via="partnership",
                  need="contribute", param="proposal_id", page=_proposal_page,
                  field_labels={"title": _("Title"), "text": _("Proposal")}))
    register(Kind("indicator", Indicator, ("name", "definition"), via="partnership",
                  need="manage", param="indicator_id", page=_indicator_page,
                  field_labels={"name": _("Name"), "definition": _("Definition")}))

