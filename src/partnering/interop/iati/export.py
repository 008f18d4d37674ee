"""Writing partnerships as IATI 2.03 activities (valid against the shipped schema).

An imported partnership is written back as it was published (identifier, reporting
organisation, all title and description languages, dates, status, sectors, regions, tags,
participating organisations with all their roles), except for what was changed by hand
since, which the export takes from the partnership. Other partnerships get the identifier
"<IATI_PUBLISHER_REF>-<id>" and the platform (IATI_PUBLISHER_REF / _NAME / _TYPE settings)
as reporting organisation. Members become participating organisations with their IATI role
(or, without one: lead → accountable, core and associate → implementing; observers are not
written); budgets, resource flows (transactions), results and indicators (baseline, and one
period per target or measurement) follow.

Lifecycle → activity status when the partnership was not imported or has moved since:
exploration, building and the innovation path's first four steps → 1 pipeline; running and
execute → 2 implementation; scale → 2; sustaining → 3 finalisation; closed or moved on →
4 closed.
"""

from datetime import datetime

from django.conf import settings
from django.utils import timezone
from lxml import etree

from partnering.interop.iati.data import INCOMING, OUTGOING
from partnering.interop.iati.data import format_number as number
from partnering.interop.iati.elements import XML_LANG, named, narratives, sub
from partnering.interop.iati.export_results import results
from partnering.interop.iati.values import tracked as _tracked
from partnering.interop.iati.xml import SCHEMA_VERSION
from partnering.interop.models import IatiActivity, OrganisationAlias
from partnering.monitoring.models import Indicator
from partnering.partnerships.models import Partnership
from partnering.partnerships.vocabulary import MemberRole, Status
from partnering.translations.iati import translations_of, with_translations

STATUS_OF_PHASE = {"exploration": "1", "building": "1", "running": "2", "sustaining": "3",
                   "lead_scope": "1", "solicit": "1", "pause": "1", "agreement": "1",
                   "execute": "2", "scale": "2"}
IATI_ROLE_OF_MEMBER = {MemberRole.LEAD: "2", MemberRole.CORE: "4", MemberRole.ASSOCIATE: "4"}


def _position(row, when) -> tuple:
    key = row.import_key
    if key[1:].isdigit():
        return (0, int(key[1:]), when, row.pk)
    return (1, 0, when, row.pk)


class _Context:
    """Everything one partnership's activity needs, read with a fixed number of queries."""

    def __init__(self, partnership: Partnership):
        self.partnership = p = partnership
        self.iati = IatiActivity.objects.filter(partnership=p).first()
        self.imported = self.iati.imported if self.iati else {}
        self.tracked = self.imported.get("partnership", {})
        self.translations = translations_of(p)  # narratives in other languages
        self.members = list(p.memberships.select_related("organisation").order_by("pk"))
        self.goals = list(p.sdg_goals.order_by("number").values_list("number", flat=True))
        self.targets = list(p.sdg_targets.values_list("code", flat=True))
        # Imported rows in the order they were published, then the others by date.
        self.budgets = sorted(p.budgets.all(), key=lambda b: _position(b, b.period_start))
        self.flows = sorted(p.resource_flows.select_related("provider", "receiver"),
                            key=lambda f: _position(f, f.date))
        self.results = list(p.results.order_by("position", "pk"))
        self.indicators = list(Indicator.objects.filter(partnership=p)
                               .select_related("sdg_indicator")
                               .prefetch_related("targets", "measurements")
                               .order_by("position", "pk"))
        org_ids = {m.organisation_id for m in self.members}
        org_ids |= {f.provider_id for f in self.flows} | {f.receiver_id for f in self.flows}
        org_ids.discard(None)
        self.refs = {}
        for alias in OrganisationAlias.objects.filter(
                organisation_id__in=org_ids, kind=OrganisationAlias.Kind.REF).order_by("pk"):
            self.refs.setdefault(alias.organisation_id, alias.value)
        for m in self.members:
            if m.organisation.identifier:
                self.refs[m.organisation_id] = m.organisation.identifier
        for f in self.flows:
            for org in (f.provider, f.receiver):
                if org is not None and org.identifier:
                    self.refs[org.pk] = org.identifier

    def edited(self, name: str) -> bool:
        """Changed by hand since the import (or never imported)."""
        if name not in self.tracked:
            return True
        return _tracked(name, getattr(self.partnership, name)) != self.tracked[name]


def activity_element(partnership: Partnership) -> etree._Element:
    c = _Context(partnership)
    iati = c.iati
    language = (iati.default_language if iati else "") or partnership.language or \
        settings.LANGUAGE_CODE
    activity = _activity_root(c, language)
    reporter_id = _reporting_org(activity, c)
    _title(activity, c, language)
    _descriptions(activity, c, language)
    _participants(activity, c, reporter_id)
    sub(activity, "activity-status", code=_status(c))
    for kind, value in sorted(_dates(c).items()):
        sub(activity, "activity-date", type=kind, iso_date=value)
    _places(activity, c)
    _classifications(activity, c)
    _budgets(activity, c)
    for flow in c.flows:
        _transaction(activity, c, flow, reporter_id)
    results(activity, c, language)
    return activity


def _activity_root(c: _Context, language: str) -> etree._Element:
    p, iati = c.partnership, c.iati
    activity = etree.Element("iati-activity")
    activity.set(XML_LANG, language)
    currency = (iati.default_currency if iati else "") or next(
        (row.currency for row in c.budgets + c.flows), "")
    last_updated = _last_updated(p, iati)
    if last_updated is not None:
        activity.set("last-updated-datetime", last_updated.isoformat())
    if currency:
        activity.set("default-currency", currency)
    identifier = iati.iati_identifier if iati else \
        f"{settings.IATI_PUBLISHER_REF}-{p.pk}"
    sub(activity, "iati-identifier", identifier)
    return activity


def _title(activity, c: _Context, language: str) -> None:
    titles = dict(c.iati.titles) if c.iati else {}
    if not titles or c.edited("title"):
        titles = {language: c.partnership.title,
                  **{k: v for k, v in titles.items() if k != language}}
    titles = with_translations(titles, c.translations.get("title", {}), language)
    narratives(sub(activity, "title"), titles, language)


def _coded(activity, tag: str, item: dict, **attributes) -> None:
    """A coded element as published (sector, tag), with its name when it had one."""
    element = sub(activity, tag, **attributes)
    if item.get("name"):
        sub(element, "narrative", item["name"])


def _places(activity, c: _Context) -> None:
    percentages = c.iati.country_percentages if c.iati else {}
    for code in c.partnership.countries:
        sub(activity, "recipient-country", code=code, percentage=percentages.get(code))
    for region in (c.iati.regions if c.iati else []):
        element = sub(activity, "recipient-region", code=region["code"],
                      vocabulary=region.get("vocabulary"), percentage=region.get("percentage"))
        if region.get("vocabulary") != "1" and region.get("name"):
            sub(element, "narrative", region["name"])


def _classifications(activity, c: _Context) -> None:
    """Sectors as published, the SDGs as tags, then the other published tags."""
    for sector in (c.iati.sectors if c.iati else []):
        _coded(activity, "sector", sector, vocabulary=sector.get("vocabulary"),
               vocabulary_uri=sector.get("vocabulary_uri"), code=sector["code"],
               percentage=sector.get("percentage"))
    for goal in c.goals:
        sub(activity, "tag", vocabulary="2", code=goal)
    for target in c.targets:
        sub(activity, "tag", vocabulary="3", code=target)
    for tag in (c.iati.tags if c.iati else []):
        _coded(activity, "tag", tag, vocabulary=tag["vocabulary"],
               vocabulary_uri=tag.get("vocabulary_uri"), code=tag["code"])


def _budgets(activity, c: _Context) -> None:
    for budget in c.budgets:
        element = sub(activity, "budget", type=budget.budget_type, status=budget.status)
        sub(element, "period-start", iso_date=budget.period_start.isoformat())
        sub(element, "period-end", iso_date=budget.period_end.isoformat())
        sub(element, "value", number(budget.value), currency=budget.currency,
            value_date=(budget.value_date or budget.period_start).isoformat())


def _last_updated(p: Partnership, iati: IatiActivity | None) -> datetime | None:
    """As published (possibly none), unless the partnership changed after its import."""
    if iati and p.updated <= iati.imported_at:
        return iati.last_updated
    return p.updated or timezone.now()


def _reporting_org(activity, c: _Context) -> int | None:
    iati = c.iati
    if iati:
        published = c.imported.get("reporting_org", {})
        org = iati.reporting_organisation
        kind = published.get("type") or (org.iati_type if org else "") or "90"
        name = published.get("name") or (org.name if org else "") or iati.reporting_org_ref
        named(activity, "reporting-org", name, ref=iati.reporting_org_ref, type=kind)
        return iati.reporting_organisation_id
    named(activity, "reporting-org", settings.IATI_PUBLISHER_NAME,
           ref=settings.IATI_PUBLISHER_REF, type=settings.IATI_PUBLISHER_TYPE)
    return None


def _descriptions(activity, c: _Context, language: str) -> None:
    p = c.partnership
    stored = {kind: dict(texts) for kind, texts in (c.iati.descriptions if c.iati else {})
              .items()}
    for kind, field in (("1", "problem_statement"), ("2", "scope")):
        value = getattr(p, field)
        if c.edited(field) and (value or kind in stored):
            texts = stored.setdefault(kind, {})
            texts.pop(language, None)
            if value:
                stored[kind] = {language: value, **texts}
            elif not texts:
                del stored[kind]
    if not stored:
        stored = {"1": {language: p.problem_statement}}
    if "1" in stored:
        stored["1"] = with_translations(stored["1"], c.translations.get("problem_statement",
                                                                        {}), language)
    for kind, texts in sorted(stored.items()):
        narratives(sub(activity, "description", type=kind), texts, language)


def _member_roles(c: _Context, membership) -> list[str]:
    published = [x for x in (c.iati.participants if c.iati else [])
                 if x["organisation"] == membership.organisation_id]
    roles = list(dict.fromkeys(x["role"] for x in published))
    if membership.iati_role and membership.iati_role not in roles:
        return [membership.iati_role]
    if roles:
        return roles
    if c.iati and membership.organisation_id == c.iati.reporting_organisation_id:
        return []  # the publisher itself, written as reporting-org only
    role = IATI_ROLE_OF_MEMBER.get(membership.role)
    return [role] if role else []


def _participants(activity, c: _Context, reporter_id: int | None) -> None:
    """As published (same order, names and roles) for the members still there, then the
    members added since."""
    members = {m.organisation_id: m for m in c.members}
    entries, seen = [], set()
    for published in (c.iati.participants if c.iati else []):
        membership = members.get(published["organisation"])
        key = (published["organisation"], published["role"])
        if membership and published["role"] in _member_roles(c, membership):
            entries.append((membership, published["role"], published))
            seen.add(key)
    for membership in c.members:
        for role in _member_roles(c, membership):
            if (membership.organisation_id, role) not in seen:
                entries.append((membership, role, None))
                seen.add((membership.organisation_id, role))
    for membership, role, published in entries:
        org = membership.organisation
        name = published["name"] if published else org.name
        named(activity, "participating-org", name, ref=c.refs.get(org.pk), role=role,
               type=(published or {}).get("type") or org.iati_type)
    if not entries:
        # The schema wants one: the reporting organisation, accountable for the activity.
        reporting = activity.find("reporting-org")
        named(activity, "participating-org", reporting.findtext("narrative") or "",
               ref=reporting.get("ref"), type=reporting.get("type"), role="2")


def _status(c: _Context) -> str:
    p = c.partnership
    if c.iati and c.iati.activity_status and (p.phase, p.status) == (
            c.imported.get("phase"), c.imported.get("status")):
        return c.iati.activity_status
    if p.status != Status.ACTIVE:
        return "4"
    return STATUS_OF_PHASE.get(p.phase, "2")


def _dates(c: _Context) -> dict[str, str]:
    p = c.partnership
    dates = dict(c.iati.dates) if c.iati else {}
    today = timezone.localdate()
    if not c.iati or c.edited("start_date"):
        dates.pop("1", None)
        dates.pop("2", None)
        if p.start_date:
            started = p.start_date <= today and p.phase not in {"exploration", "lead_scope"}
            dates["2" if started else "1"] = p.start_date.isoformat()
    if not c.iati or c.edited("end_date"):
        dates.pop("3", None)
        dates.pop("4", None)
        if p.end_date:
            ended = p.end_date <= today and p.status != Status.ACTIVE
            dates["4" if ended else "3"] = p.end_date.isoformat()
    if not dates:
        dates["1"] = timezone.localtime(p.created).date().isoformat()
    return dates


def _org_element(parent, tag: str, c: _Context, org, name: str) -> None:
    ref = c.refs.get(org.pk) if org is not None else None
    element = sub(parent, tag, ref=ref, type=org.iati_type if org is not None else None)
    if name or (org is not None and not ref):
        sub(element, "narrative", name or org.name)


def _transaction(activity, c: _Context, flow, reporter_id: int | None) -> None:
    element = sub(activity, "transaction", ref=flow.reference)
    sub(element, "transaction-type", code=flow.transaction_type)
    sub(element, "transaction-date", iso_date=flow.date.isoformat())
    sub(element, "value", number(flow.value), currency=flow.currency,
         value_date=(flow.value_date or flow.date).isoformat())
    if flow.description:
        narratives(sub(element, "description"), {"": flow.description}, "")
    # Where the publisher is the implicit provider (or receiver), IATI leaves it out.
    implicit_provider = (flow.transaction_type in OUTGOING and flow.provider_id == reporter_id
                         and reporter_id is not None and not flow.provider_name)
    implicit_receiver = (flow.transaction_type in INCOMING and flow.receiver_id == reporter_id
                         and reporter_id is not None and not flow.receiver_name)
    if (flow.provider_id or flow.provider_name) and not implicit_provider:
        _org_element(element, "provider-org", c, flow.provider, flow.provider_name)
    if (flow.receiver_id or flow.receiver_name) and not implicit_receiver:
        _org_element(element, "receiver-org", c, flow.receiver, flow.receiver_name)


def _root() -> etree._Element:
    return etree.Element("iati-activities", {
        "version": SCHEMA_VERSION,
        "generated-datetime": timezone.now().isoformat(timespec="seconds")})


def export_bytes(partnerships) -> bytes:
    root = _root()
    for partnership in partnerships:
        root.append(activity_element(partnership))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_file(partnerships, handle) -> int:
    """Stream the activities to a binary file; returns how many were written."""
    count = 0
    with etree.xmlfile(handle, encoding="UTF-8") as xf:
        xf.write_declaration()
        root = _root()
        with xf.element(root.tag, dict(root.attrib)):
            for partnership in partnerships:
                xf.write("\n  ")
                xf.write(activity_element(partnership), pretty_print=True)
                count += 1
            xf.write("\n")
    return count
