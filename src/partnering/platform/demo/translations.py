"""Content in other languages (section `translations` of a case): the Safe Childhoods
agreement in Bosnian, the Connectivity dialogue in French and Spanish, each translated by a
person of the partnership through the service, as a member would on the translate page.

A case's `translations` may hold `agreement` (version 1's translation; `next_version`: the
sections the next version changed, the others carried over where their text is the same),
`partnership` (a list of translations of the partnership itself) and `proposals` (by their
title)."""

from partnering.agreements.models import SECTION_FIELDS
from partnering.partnerships.models import Partnership
from partnering.platform.demo.data import cases
from partnering.platform.demo.decisions import _Decisions
from partnering.translations.services import save_translations


def load(loader) -> None:
    people = _Decisions(loader)
    for case in cases():
        spec = case.section("translations")
        partnership = Partnership.objects.filter(title=case.title).first()
        if not spec or partnership is None:
            continue
        for item in spec.get("partnership", []):
            _translate(people, partnership, item)
        for proposal in spec.get("proposals", []):
            record = partnership.proposals.filter(title=proposal["title"]).first()
            for item in proposal["translations"] if record is not None else []:
                _translate(people, record, item)
        if "agreement" in spec:
            _agreement(people, partnership, spec["agreement"], spec.get("next_version", {}))


def _translate(people, record, item: dict) -> None:
    save_translations(people.user_of(item["translator"]), record, language=item["language"],
                      texts=item["texts"])


def _agreement(people, partnership, item: dict, changed: dict) -> None:
    versions = list(partnership.agreement_versions.order_by("number"))
    if not versions:
        return
    first = versions[0]
    _translate(people, first, item)
    for version in versions[1:]:
        texts = {name: text for name, text in item["texts"].items()
                 if name not in SECTION_FIELDS or getattr(version, name) == getattr(first, name)}
        _translate(people, version, {**item, "texts": {**texts, **changed}})
