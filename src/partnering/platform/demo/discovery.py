"""Discovery (section `discovery`): Safe Childhoods' stakeholder map and the child-protection
organisations of its region that recommendations should find, the Khayelitsha committee's
needs and gaps, and the Connectivity dialogue's open call with its responses."""

from datetime import timedelta

from partnering.discovery import services
from partnering.partnerships.models import Partnership
from partnering.platform.demo.data import cases


def load(loader) -> None:
    for case in cases():
        spec = case.section("discovery")
        if not spec:
            continue
        partnership = Partnership.objects.get(title=case.title)
        for fields in spec.get("regional_organisations", []):
            loader.organisation(loader.users["admin"], fields)
        _stakeholders(loader, partnership, spec)
        if spec.get("needs"):
            services.set_needs(loader.users["admin"], partnership, **spec["needs"])
        if spec.get("call"):
            _call(loader, partnership, spec["call"])


def _stakeholders(loader, partnership, spec: dict) -> None:
    made = {}
    for fields in spec.get("stakeholders", []):
        fields = dict(fields)
        key = fields.pop("org", None)
        if key:
            fields["organisation"] = loader.orgs[key]
        made[fields.get("name") or key] = services.add_stakeholder(
            loader.users["broker"], partnership, **fields)
    # Changes the history shows, e.g. the schools moved from talking to coordinating.
    for change in spec.get("stakeholder_changes", []):
        change = dict(change)
        stakeholder = made[change.pop("name")]
        services.update_stakeholder(loader.users[change.pop("by")], stakeholder, **change)


def _call(loader, partnership, spec: dict) -> None:
    call = services.publish_call(
        loader.users[spec["by"]], partnership, title=spec["title"], needs=spec["needs"],
        deadline=loader.today + timedelta(days=spec["deadline_in_days"]))
    for response in spec["responses"]:
        organisation = loader.orgs[response["organisation"]]
        services.respond(loader.users[response["by"]], call, organisation=organisation,
                         statement=response["statement"])
    for response in spec["responses"]:
        if response.get("decision"):
            made = call.responses.get(organisation=loader.orgs[response["organisation"]])
            services.decide(loader.users[spec["by"]], made, response["decision"])
