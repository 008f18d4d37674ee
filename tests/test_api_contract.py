"""The OpenAPI document names each schema once and holds together (issue 13, items 3 and 6)."""

import re
import typing
from enum import Enum

from django.test import SimpleTestCase
from ninja.openapi.schema import OpenAPISchema
from pydantic import BaseModel

from partnering.api import api

PREFIX = "/api/v1/"


def _models_in(annotation, found: set) -> None:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        found.add(annotation)  # an enum is a named schema too
        return
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in found:
            return
        found.add(annotation)
        for field in annotation.model_fields.values():
            _models_in(field.annotation, found)
        return
    for argument in typing.get_args(annotation):
        _models_in(argument, found)


def operations():
    for router in api._get_bound_routers():
        for path, view in router.path_operations.items():
            for operation in view.operations:
                yield "/".join(i for i in (router.prefix, path) if i), operation


def models_used() -> set[type]:
    """Every model and enum that an operation reads or answers, nested ones included."""
    found: set = set()
    for _, operation in operations():
        for model in operation.models:  # ninja's generated parameter models hold ours
            _models_in(model, found)
        for model in operation.response_models.values():
            _models_in(model, found)
    return {model for model in found if not model.__module__.startswith("ninja")}


class CollisionRecorder(OpenAPISchema):
    """Ninja keeps the last definition of a name: record each name defined twice differently."""

    def __init__(self, *args, **kwargs):
        self.collisions = set()
        super().__init__(*args, **kwargs)

    def add_schema_definitions(self, definitions: dict) -> None:
        for name, definition in definitions.items():
            if name in self.schemas and self.schemas[name] != definition:
                self.collisions.add(name)
        super().add_schema_definitions(definitions)


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


class OpenApiDocumentTests(SimpleTestCase):
    def test_it_gives_each_schema_a_name_of_its_own(self):
        by_name: dict[str, set] = {}
        for model in models_used():
            by_name.setdefault(model.__name__, set()).add(f"{model.__module__}.{model.__name__}")
        shared = {name: sorted(paths) for name, paths in by_name.items() if len(paths) > 1}
        assert not shared, shared
        document = CollisionRecorder(api, PREFIX)
        assert not document.collisions, sorted(document.collisions)

    def test_it_documents_the_reference_shapes_for_sdg_targets_and_indicators(self):
        schemas = api.get_openapi_schema(path_prefix=PREFIX)["components"]["schemas"]
        assert set(schemas["SdgTargetOut"]["properties"]) == {"code", "goal", "title"}
        assert set(schemas["SdgIndicatorOut"]["properties"]) == {"code", "target", "title"}

    def test_it_is_a_well_formed_openapi_document(self):
        document = api.get_openapi_schema(path_prefix=PREFIX)
        assert document["openapi"].startswith("3.1")
        schemas = document["components"]["schemas"]
        for ref in set(_refs(document)):
            assert ref.startswith("#/components/schemas/"), ref
            assert ref.rsplit("/", 1)[1] in schemas, f"{ref} is not defined"
        schemes = set(document["components"]["securitySchemes"])
        operation_ids = []
        for path, methods in document["paths"].items():
            for method, operation in methods.items():
                operation_ids.append(operation["operationId"])
                assert operation["responses"], (method, path)
                declared = {p["name"] for p in operation.get("parameters", [])
                            if p["in"] == "path"}
                assert declared == set(re.findall(r"{(\w+)}", path)), (method, path)
                for requirement in operation.get("security", []):
                    assert set(requirement) <= schemes, (method, path, requirement)
        assert len(operation_ids) == len(set(operation_ids))


# A grievance is filed, answered, confirmed and appealed without an account: the case code
# and its secret are the credential (grievances/api.py).
COMPLAINANT_WRITES = {f"{PREFIX}grievances"} | {
    f"{PREFIX}grievances/{{code}}/{action}"
    for action in ("replies", "replies/with-files", "confirm", "appeals")}


def _operations_of(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield method, path, operation


class DocumentedBehaviourTests(SimpleTestCase):
    def setUp(self):
        self.document = api.get_openapi_schema(path_prefix=PREFIX)

    def test_it_lets_anyone_call_the_public_reads_without_credentials(self):
        open_reads = [path for method, path, operation in _operations_of(self.document)
                      if method == "get" and {} in operation.get("security", [{}])]
        assert f"{PREFIX}organisations" in open_reads
        assert f"{PREFIX}reference/sdg/goals" in open_reads
        assert f"{PREFIX}responses/{{token}}" in open_reads
        assert len(open_reads) >= 53, len(open_reads)  # issue 13 counted 53

    def test_it_requires_credentials_for_writes_and_signed_in_reads(self):
        for method, path, operation in _operations_of(self.document):
            if method != "get" and not path.startswith(f"{PREFIX}responses/") \
                    and path not in COMPLAINANT_WRITES:
                assert {} not in operation["security"], (method, path)
        for path in ("me", "tokens", "people", "people/{person_id}"):
            assert {} not in self.document["paths"][PREFIX + path]["get"]["security"], path

    def test_it_documents_the_errors_every_operation_can_answer(self):
        for method, path, operation in _operations_of(self.document):
            statuses = {str(status) for status in operation["responses"]}
            assert {"400", "401", "422"} <= statuses, (method, path, statuses)
            if "{" in path:
                assert "404" in statuses, (method, path)
            if method != "get":
                assert {"403", "404", "409"} <= statuses, (method, path, statuses)
            for status, answer in operation["responses"].items():
                if int(status) >= 400:
                    schema = answer["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/Error"}, (method, path)

    def test_it_documents_the_content_type_of_every_answer_with_a_body(self):
        for method, path, operation in _operations_of(self.document):
            for status, answer in operation["responses"].items():
                if int(status) != 204:
                    assert answer.get("content"), (method, path, status)
