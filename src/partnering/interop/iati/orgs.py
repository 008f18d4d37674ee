"""Finding the registry organisation an IATI file means, or registering it.

Matching, in order:
1. by ref, when the file gives a usable one (not "N/A" and the like): a ref alias recorded by
   an earlier import, or the registry identifier; a bare OECD DAC code ("44000") and its
   org-id form ("XM-DAC-44000") are the same organisation;
2. by normalised name (case, accents, punctuation and spacing ignored), against names
   recorded by earlier imports and the registry's own names. An organisation that arrives
   with a new ref is matched by name only if the one found has no ref yet: two "Ministry of
   Health" with different refs stay two organisations.
A new organisation gets Organisation.identifier only when its ref is a valid org-id
(AGENCY-ID with a known agency) that no other organisation has; every ref and name it was
seen under is kept as an OrganisationAlias, so the next file, from any publisher, finds it.

The matcher keeps the registry's refs and names in memory for one import run, and undoes
what it learned when an activity's transaction rolls back.
"""

from functools import partial

from django.core.exceptions import ValidationError

from partnering.audit.services import record
from partnering.interop.iati.data import OrgRef, equivalent_refs, normalise_name
from partnering.interop.models import OrganisationAlias
from partnering.reference.codelists import codes
from partnering.registry.models import Organisation
from partnering.registry.validators import validate_org_identifier
from partnering.registry.vocabulary import SECTOR_OF_IATI_TYPE, Sector

PUBLIC_WORDS = ("ministry", "ministerio", "ministere", "ministerie", "ministerium",
                "ministero", "government", "gobierno", "gouvernement", "governo",
                "republic", "republica", "republique", "municipal", "municipio",
                "municipality", "prefeitura", "alcaldia", "gobernacion", "estado plurinacional",
                "secretaria de", "secretaria metro", "departamento nacional", "federal",
                "embassy", "embajada", "ambassade", "national government", "county council")
ACADEMIC_WORDS = ("university", "universidad", "universite", "universidade", "universitat",
                  "college", "school of", "research institute", "polytechnic")
COMPANY_ENDINGS = (" s a", " sa", " s a s", " sas", " ltd", " limited", " inc", " llc",
                   " plc", " gmbh", " s r l", " srl", " c a", " s a c", " bv", " b v", " ag",
                   " s de r l", " ltda", " corp", " company")


def _forget(mapping: dict | set, key) -> None:
    if isinstance(mapping, set):
        mapping.discard(key)
    else:
        mapping.pop(key, None)


def guess_sector(name: str, iati_type: str) -> tuple[str, bool]:
    """The registry sector, and whether it is a guess (the file gave no IATI type)."""
    if iati_type in SECTOR_OF_IATI_TYPE:
        return SECTOR_OF_IATI_TYPE[iati_type], False
    plain = f" {normalise_name(name)} "
    if any(f" {word} " in plain for word in PUBLIC_WORDS):
        return Sector.PUBLIC, True
    if any(f" {word} " in plain for word in ACADEMIC_WORDS):
        return Sector.ACADEMIA, True
    if any(plain.rstrip().endswith(ending) for ending in COMPANY_ENDINGS):
        return Sector.PRIVATE, True
    return Sector.CIVIL_SOCIETY, True


def valid_identifier(ref: str) -> bool:
    try:
        validate_org_identifier(ref)
    except ValidationError:
        return False
    return True


class OrganisationMatcher:
    def __init__(self, actor=None, *, source: str = ""):
        self.actor = actor
        self.source = source
        self.refs: dict[str, int] = {}
        self.names: dict[str, int] = {}
        self.identifiers: set[str] = set()
        self.with_ref: set[int] = set()
        self.orgs: dict[int, dict] = {}  # id → {name, sector}
        self.created: set[int] = set()
        self.matched: set[int] = set()
        self.guessed: int = 0
        self._journal: list | None = None
        self._pending: dict[int, Organisation] | None = None  # a batch's, by temporary id
        self._pending_aliases: list[OrganisationAlias] = []
        self._temporary: list[tuple[dict | set, object]] = []
        self._load()

    def _load(self) -> None:
        rows = Organisation.objects.values_list("pk", "name", "identifier", "sector", "acronym")
        for pk, name, identifier, sector, acronym in rows.iterator(chunk_size=5000):
            self.orgs[pk] = {"name": name, "sector": sector, "acronym": acronym}
            if identifier:
                self.identifiers.add(identifier.upper())
                self.refs.setdefault(identifier.upper(), pk)
                self.with_ref.add(pk)
        aliases = OrganisationAlias.objects.values_list("kind", "value", "organisation_id")
        for kind, value, pk in aliases.iterator(chunk_size=5000):
            if kind == OrganisationAlias.Kind.REF:
                self.refs[value] = pk
                self.with_ref.add(pk)
            else:
                self.names[value] = pk
        for pk, org in self.orgs.items():
            self.names.setdefault(normalise_name(org["name"]), pk)

    # -- the journal: what an activity taught us, undone when its transaction rolls back ---
    def begin(self) -> None:
        self._journal = []

    def commit(self) -> None:
        self._journal = None

    def rollback(self) -> None:
        for undo in reversed(self._journal or []):
            undo()
        self._journal = None

    def _remember(self, mapping: dict | set, key, value=None) -> None:
        if key in mapping:
            return
        if isinstance(mapping, set):
            mapping.add(key)
        else:
            mapping[key] = value
        if self._journal is not None:
            self._journal.append(partial(_forget, mapping, key))
        if self._pending is not None:
            self._temporary.append((mapping, key))

    # -- a batch: the new organisations of many activities in one INSERT -------------------
    def prepare(self, mentions: list[OrgRef], rows) -> None:
        """Resolve `mentions` in the order the batch's activities name them, registering the
        new organisations (and aliases) with one INSERT each, their audit events queued on
        `rows` (batch.Rows); the batch's writers then find every one. Inside the batch's
        transaction; if it rolls back, `restore(snapshot())` as taken before."""
        self._pending, self._pending_aliases, self._temporary = {}, [], []
        for org in mentions:
            self.resolve(org)
        pending, self._pending = self._pending, None
        created = Organisation.objects.bulk_create(list(pending.values()))
        real = {temporary: org.pk for temporary, org in zip(pending, created, strict=True)}
        for mapping, key in self._temporary:
            if isinstance(mapping, set):
                if key in real:
                    mapping.discard(key)
                    mapping.add(real[key])
            elif key in real:
                mapping[real[key]] = mapping.pop(key)
            elif mapping[key] in real:
                mapping[key] = real[mapping[key]]
        for alias in self._pending_aliases:
            alias.organisation_id = real.get(alias.organisation_id, alias.organisation_id)
        OrganisationAlias.objects.bulk_create(self._pending_aliases)
        self._pending_aliases, self._temporary = [], []
        for organisation in created:
            rows.record(self.actor, "create", organisation,
                        summary=f"Registered from the IATI file {self.source}"[:500])

    def snapshot(self) -> tuple:
        return set(self.created), set(self.matched), self.guessed

    def restore(self, snapshot: tuple) -> None:
        """After a batch rolled back: what the registry holds, read again."""
        self.created, self.matched, self.guessed = (set(snapshot[0]), set(snapshot[1]),
                                                    snapshot[2])
        self._pending, self._pending_aliases, self._temporary = None, [], []
        self.refs, self.names, self.identifiers, self.with_ref, self.orgs = {}, {}, set(), \
            set(), {}
        self._load()

    # -- matching --------------------------------------------------------------------------
    def find(self, org: OrgRef) -> int | None:
        """The organisation the reference means, without registering anything."""
        if org.ref:
            for ref in equivalent_refs(org.ref):
                if ref in self.refs:
                    return self.refs[ref]
        for name in org.names:
            pk = self.names.get(normalise_name(name))
            if pk is not None and (not org.ref or pk not in self.with_ref):
                return pk
        return None

    def resolve(self, org: OrgRef) -> int:
        """The organisation's id, registering it (and what it is called) if it is new."""
        pk = self.find(org)
        if pk is None:
            pk = self._create(org)
        elif pk not in self.created:
            self._remember(self.matched, pk)
        self._learn(pk, org)
        return pk

    def name_of(self, pk: int) -> str:
        return self.orgs.get(pk, {}).get("name", "")

    def sector_of(self, pk: int) -> str:
        return self.orgs.get(pk, {}).get("sector", "")

    def organisation(self, pk: int) -> Organisation:
        """The organisation as its audit events name it, without reading it again (one
        instance per organisation: it is a member of many of the file's activities)."""
        org = self.orgs.get(pk, {})
        stub = org.get("stub")
        if stub is None or stub.name != org.get("name", ""):
            stub = Organisation(pk=pk, name=org.get("name", ""), acronym=org.get("acronym", ""),
                                sector=org.get("sector", ""))
            if org:
                org["stub"] = stub
        return stub

    def _create(self, org: OrgRef) -> int:
        name = " ".join((org.name or org.ref).split())
        if len(name) > 200:
            name = name[:199] + "…"
        iati_type = org.type if org.type in codes("OrganisationType") else ""
        sector, guessed = guess_sector(name, iati_type)
        identifier = ""
        if org.ref and valid_identifier(org.ref) and org.ref.upper() not in self.identifiers:
            identifier = org.ref
        organisation = Organisation(name=name, identifier=identifier, iati_type=iati_type,
                                    sector=sector)
        if self._pending is not None:  # inserted with the batch's (prepare)
            pk = -1 - len(self._pending)
            self._pending[pk] = organisation
        else:
            # bulk_create: no per-row signals; the import re-indexes what it touched at the end
            Organisation.objects.bulk_create([organisation])
            record(self.actor, "create", organisation,
                   summary=f"Registered from the IATI file {self.source}"[:500])
            pk = organisation.pk
        self._remember(self.orgs, pk, {"name": name, "sector": sector, "acronym": ""})
        self._remember(self.created, pk)
        if identifier:
            self._remember(self.identifiers, identifier.upper())
        if guessed:
            self.guessed += 1
            if self._journal is not None:
                self._journal.append(self._unguess)
        return pk

    def _unguess(self) -> None:
        self.guessed -= 1

    def _learn(self, pk: int, org: OrgRef) -> None:
        aliases = []
        if pk in self.created and org.names and self.orgs[pk]["name"] == org.ref:
            # Registered under its ref because the first mention had no name; now it has one.
            name = " ".join(org.name.split())
            name = name if len(name) <= 200 else name[:199] + "…"
            if pk in (self._pending or {}):
                self._pending[pk].name = name
            else:
                Organisation.objects.filter(pk=pk).update(name=name)
            self.orgs[pk]["name"] = name
        if org.ref and org.ref not in self.refs:
            self._remember(self.refs, org.ref, pk)
            self._remember(self.with_ref, pk)
            aliases.append(OrganisationAlias(organisation_id=pk, kind=OrganisationAlias.Kind.REF,
                                             value=org.ref))
        for name in org.names:
            key = normalise_name(name)
            if key and key not in self.names:
                self._remember(self.names, key, pk)
                aliases.append(OrganisationAlias(organisation_id=pk,
                                                 kind=OrganisationAlias.Kind.NAME, value=key))
        if self._pending is not None:
            self._pending_aliases.extend(aliases)
        elif aliases:
            OrganisationAlias.objects.bulk_create(aliases)
