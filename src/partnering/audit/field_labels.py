"""Fields named the way a person reads them, in the history's "What changed" lists, where
the model's own verbose name is a stored name rather than words ("kpis", "data ip") or is
not yet a message anywhere. Keyed by field name, or by (object type, field name) when a
name means something else on one kind of object. Everything else is the field's verbose
name, capitalised (audit.changes)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LABELS = {
    # A partnering agreement's sections, as the agreement names them.
    "purpose_vision": _("Shared purpose and vision"),
    "culture_values": _("Culture and values"),
    "kpis": _("KPIs set upfront"),
    "data_ip": _("Data sharing and intellectual property"),
    "grievance_exit": _("Grievance and exit"),
    "resourcing": _("Resourcing and benefits"),
    "parties": _("Parties"),
    "version": _("Version"),
    "majority_percent": _("Majority (%)"),
    "quorum_percent": _("Quorum (%)"),
    "signatory_name": _("Signatory’s name"),
    "signatory_title": _("Signatory’s title"),
    # Decisions and actions.
    ("governance.decision", "outcome"): pgettext_lazy("decision outcome", "Outcome"),
    ("governance.proposal", "outcome"): pgettext_lazy("decision outcome", "Outcome"),
    "decision": _("Decision"),
    "meeting": _("Meeting"),
    "options": _("Options"),
    "option": _("Option"),
    "chosen_option": _("Chosen option"),
    "proposed_by_organisation": _("Proposed by (organisation)"),
    "proposed_by_person": _("Proposed by (person)"),
    "rule_source": _("Where the rule comes from"),
    "weights": _("Weights of the votes"),
    "owner_person": _("Owner (person)"),
    "opens_at": _("Opens"),
    "closes_at": _("Closes"),
    "instrument": _("Instrument"),
    # Results and measurements.
    "baseline_comment": _("Comment on the baseline"),
    "disaggregation": _("Disaggregation"),
    "disaggregated": _("Disaggregated values"),
    "sdg_indicator": _("SDG indicator"),
    "evidence_file": _("Evidence (file)"),
    "evidence_url": _("Evidence (link)"),
    "reported_by_organisation": _("Reported by (organisation)"),
    "validated_by_organisation": _("Validated by (organisation)"),
    "validation_comment": _("Validation comment"),
    "is_query": _("Query"),
    "parent": _("Parent result"),
    "responsible_organisation": _("Responsible organisation"),
    # Partnerships, people and organisations.
    "description": _("Description"),
    "organisation": _("Organisation"),
    "date": _("Date"),
    "note": _("Note"),
    "notes": _("Notes"),
    "phase": _("Phase"),
    "impact": _("Impact"),
    "influence": _("Influence"),
    "joined": _("Joined"),
    "sdg_goals": _("SDGs"),
    "sdg_targets": _("SDG targets"),
    "stakeholder_mix": _("Stakeholder mix"),
    "status_reason": _("Reason for the status"),
    "mission": _("Mission"),
    "motivations": _("Motivations"),
    "is_organisation_admin": _("Organisation administrator"),
    # Brokers, capabilities, grievances and platforms.
    "regions": _("Regions"),
    "current_level": _("Current level"),
    "role_profile": _("Role profile"),
    "mentee": _("Mentee"),
    "days_per_month": _("Days per month"),
    "end": _("End"),
    "assigned_to": _("Assigned to"),
    "automatic": _("Automatic"),
    "channel": _("Channel"),
    "closure": _("Closure"),
    "items": _("Items"),
    "secretariat_organisations": _("Secretariat organisations"),
    "secretariat_people": _("Secretariat people"),
    "slug": _("Short name in addresses"),
}

# Fields an object records from another kind of object: a proposal records its decision's
# outcome, chosen option and review date.
BORROWED = {"governance.proposal": "governance.decision"}
