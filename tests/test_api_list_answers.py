"""The JSON lists read as plain rows answer straight from their rows (schemas.paginate_rows):
byte for byte what ninja's validation of the documented schema gives, with only the fields
the schema names."""

import json

from ninja.pagination import LimitOffsetPagination
from pydantic import TypeAdapter

from partnering.api import api
from partnering.partnerships.api.partnerships import PartnershipOut
from partnering.registry.api import OrganisationOut
from tests.apitest import ApiTestCase

LISTS = {"/partnerships": PartnershipOut, "/organisations": OrganisationOut}


class ListAnswersTest(ApiTestCase):
    def validated(self, schema, body: dict) -> dict:
        """The answer as ninja would build it: validated and dumped by pydantic."""
        paged = type(f"Paged{schema.__name__}", (LimitOffsetPagination.Output,),
                     {"__annotations__": {"items": list[schema]}})
        dumped = TypeAdapter(paged).validate_python(body).model_dump()
        return json.loads(api.renderer.render(None, dumped, response_status=200))

    def test_it_answers_what_the_schema_would_validate(self):
        self.sign_in(self.alice)
        for path, schema in LISTS.items():
            for query in ({}, {"limit": 2, "offset": 1}, {"q": "a"}):
                response = self.get(path, **query)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
                body = response.json()
                self.assertTrue(body["items"], (path, query))
                self.assertEqual(body, self.validated(schema, body), (path, query))

    def test_it_gives_each_item_exactly_the_schemas_fields(self):
        self.sign_in(self.alice)
        for path, schema in LISTS.items():
            for item in self.get(path).json()["items"]:
                self.assertEqual(list(item), list(schema.model_fields), path)
