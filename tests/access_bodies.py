"""Request bodies for the access walker that pass validation, so that a write reaches the
view's access check: for the API, an instance of the operation's request schema in the
OpenAPI document; for pages, the fields of the POST forms a steward is shown."""

import json
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile

FILLERS = {"date": "2026-06-30", "datetime-local": "2026-06-30T12:00", "number": "1",
           "email": "walker@example.org", "url": "https://example.org", "month": "2026-06"}
STRING_FORMATS = {"date": "2026-06-30", "date-time": "2026-06-30T12:00:00Z",
                  "email": "walker@example.org", "uri": "https://example.org",
                  "uuid": "00000000-0000-0000-0000-000000000000"}


class ApiBodies:
    """Bodies for the operations of an OpenAPI document; `ids` gives real values to fields
    named like URL parameters (organisation_id, ...)."""

    def __init__(self, doc: dict, ids: dict):
        self.doc, self.ids = doc, ids

    def methods(self, route) -> list[str]:
        """The methods the document lists for a route."""
        return list(self.doc["paths"].get(route.openapi_path, {}))

    def request(self, route, method) -> dict:
        """Keyword arguments for the test client: the body and its content type."""
        operation = self.doc["paths"].get(route.openapi_path, {}).get(method, {})
        content = operation.get("requestBody", {}).get("content", {})
        if "application/json" in content:
            body = self.example(content["application/json"]["schema"])
            return {"data": json.dumps(body), "content_type": "application/json"}
        if "multipart/form-data" in content:
            body = self.example(content["multipart/form-data"]["schema"])
            return {"data": {k: v for k, v in body.items() if v is not None}}
        return {}

    def resolve(self, schema: dict) -> dict:
        while "$ref" in schema:
            schema = self.doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        return schema

    def example(self, schema: dict, name: str = ""):
        schema = self.resolve(schema)
        if name in self.ids and _allows(schema, "integer"):
            return self.ids[name]
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            return schema["enum"][0]
        for key in ("anyOf", "oneOf", "allOf"):
            if key in schema:
                options = [o for o in schema[key] if self.resolve(o).get("type") != "null"]
                return self.example(options[0], name)
        return self._typed(schema, schema.get("type"), name)

    def _typed(self, schema, kind, name):
        if kind == "object":
            properties = schema.get("properties", {})
            return {key: self.example(properties[key], key)
                    for key in schema.get("required", []) if key in properties}
        if kind == "array":
            return [self.example(schema.get("items", {}), name)] * schema.get("minItems", 0)
        if kind == "string":
            return self._string(schema)
        if kind in ("integer", "number"):
            return max(schema.get("minimum", 1), 1)
        if kind == "boolean":
            return False
        return None

    @staticmethod
    def _string(schema):
        if schema.get("format") == "binary":
            return SimpleUploadedFile("walk.csv", b"name\nwalker\n", content_type="text/csv")
        if schema.get("format") in STRING_FORMATS:
            return STRING_FORMATS[schema["format"]]
        return "Walked"[:schema.get("maxLength", 6)].ljust(schema.get("minLength", 0), "x")


def _allows(schema: dict, kind: str) -> bool:
    options = schema.get("anyOf", []) + [schema]
    return any(option.get("type") == kind for option in options)


# --- Page forms -----------------------------------------------------------------------------

class FormFields(HTMLParser):
    """The POST forms of a page: {action path: {field name: value}}, empty fields filled
    with a plausible value of their input type, a select with its first real option."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url, self.forms = page_url, {}
        self._fields, self._select, self._textarea = None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._start_form(a)
        elif self._fields is None:
            return
        elif tag == "input":
            self._input(a)
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select:
            self._option(a)
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._fields[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self._fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self._fields[self._textarea] = self._fields[self._textarea].strip() or "Walked"
            self._textarea = None
        elif tag == "form":
            self._fields = None

    def _start_form(self, a):
        if (a.get("method") or "get").lower() != "post":
            return
        action = urlsplit(urljoin(self.page_url, a.get("action") or self.page_url)).path
        self._fields = self.forms.setdefault(action, {})

    def _input(self, a):
        name, kind = a.get("name"), (a.get("type") or "text").lower()
        if not name or kind in ("file", "reset", "button", "image"):
            return
        if kind in ("checkbox", "radio"):
            if "checked" in a or (kind == "radio" and name not in self._fields):
                self._fields[name] = a.get("value", "on")
        elif kind == "submit":
            self._fields.setdefault(name, a.get("value", ""))
        else:
            self._fields[name] = a.get("value") or FILLERS.get(kind, "Walked")

    def _option(self, a):
        value = a.get("value", "")
        if "selected" in a or (value and not self._fields.get(self._select)):
            self._fields[self._select] = value


def page_forms(url: str, html: str) -> dict:
    parser = FormFields(url)
    parser.feed(html)
    return parser.forms
