"""/api/v1/translations/<kind>/{id}: a record's original language and its translations;
PUT …/{language} adds or revises the translation of any of its fields (strict body: an
unknown field answers 422); PATCH sets the language the original is written in. One set of
endpoints per kind of record (registry.py), each named by the record's own id parameter."""

import inspect
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from ninja import Router, Schema
from pydantic import Field, create_model

from partnering.schemas import READ_ERRORS, WRITE_ERRORS, Payload, require_user
from partnering.translations import services
from partnering.translations.access import record_or_404
from partnering.translations.languages import MAX_LENGTH
from partnering.translations.models import ContentTranslation
from partnering.translations.registry import KINDS, Kind
from partnering.visitors import person

router = Router(tags=["translations"])


class TranslationOut(Schema):
    field: str
    language: str
    text: str
    translator: str = Field(description="Who translated it (empty: an import, or an "
                                        "anonymous reader, who sees no people's names)")
    outdated: bool = Field(description="The original changed since this translation")
    updated: datetime


class TranslatableOut(Schema):
    kind: str
    id: int
    language: str = Field(description="The language the original is written in (ISO 639-1)")
    fields: list[str]
    translations: list[TranslationOut]


class OriginalLanguageIn(Payload):
    language: str = Field(min_length=2, max_length=MAX_LENGTH,
                          description="ISO 639-1 code of the original's language")


def _answer(kind: Kind, record) -> dict:
    rows = ContentTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(kind.model), object_id=record.pk)
    return {"kind": kind.name, "id": record.pk, "language": record.language,
            "fields": list(kind.fields),
            "translations": [{"field": t.field, "language": t.language, "text": t.text,
                              "translator": person(t.translator_name, ""),
                              "updated": t.updated,
                              "outdated": t.is_outdated(getattr(record, t.field) or "")}
                             for t in rows]}


def _body_schema(kind: Kind):
    fields = {name: (str | None, Field(None, max_length=kind.max_length(name) or 20_000))
              for name in kind.fields}
    return create_model(f"{kind.name.capitalize()}TranslationIn", __base__=Payload, **fields)


def _signed(function, name: str, parameters: list[inspect.Parameter]):
    function.__name__ = name
    function.__signature__ = inspect.Signature(
        [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD), *parameters])
    return function


def _mount(kind: Kind) -> None:
    path = f"/{kind.name}/{{{kind.param}}}"
    record_id = inspect.Parameter(kind.param, inspect.Parameter.KEYWORD_ONLY, annotation=int)
    language = inspect.Parameter("language", inspect.Parameter.KEYWORD_ONLY, annotation=str)
    body_type = _body_schema(kind)
    body = inspect.Parameter("body", inspect.Parameter.KEYWORD_ONLY, annotation=body_type)
    original = inspect.Parameter("body", inspect.Parameter.KEYWORD_ONLY,
                                 annotation=OriginalLanguageIn)

    def read(request, **values):
        record, _ = record_or_404(request, kind, values[kind.param])
        return _answer(kind, record)

    def translate(request, **values):
        require_user(request)
        record, _ = record_or_404(request, kind, values[kind.param])
        texts = values["body"].model_dump(exclude_none=True)
        services.save_translations(request.user, record, language=values["language"],
                                   texts=texts)
        return _answer(kind, record)

    def set_language(request, **values):
        require_user(request)
        record, _ = record_or_404(request, kind, values[kind.param])
        services.set_original_language(request.user, record, values["body"].language)
        return _answer(kind, record)

    router.get(path, response={200: TranslatableOut, **READ_ERRORS},
               summary=f"A {kind.name}'s original language and translations")(
        _signed(read, f"{kind.name}_translations", [record_id]))
    router.put(path + "/{language}", response={200: TranslatableOut, **WRITE_ERRORS},
               summary=f"Add or revise the translation of a {kind.name} into a language")(
        _signed(translate, f"translate_{kind.name}", [record_id, language, body]))
    router.patch(path, response={200: TranslatableOut, **WRITE_ERRORS},
                 summary=f"Set the language a {kind.name} is written in")(
        _signed(set_language, f"set_{kind.name}_language", [record_id, original]))


def mount_all() -> Router:
    for kind in KINDS.values():
        _mount(kind)
    return router
