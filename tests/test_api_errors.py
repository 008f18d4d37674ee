"""Every API error is JSON with `detail`, bodies hold only documented fields (issue 13, 4 and 5)."""

import json

from django.middleware.csrf import _get_failure_view
from django.test import RequestFactory

from partnering.errors import csrf_failure
from tests.apitest import API, ApiTestCase


class JsonErrorTests(ApiTestCase):
    def test_it_answers_json_404_to_a_write_to_an_unknown_api_url_with_a_session(self):
        client, token = self.csrf_client(self.alice)
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(f"{API}/no-such-thing", "{}",
                                               content_type="application/json")
            self.assert_error(response, 404)

    def test_it_answers_json_404_under_another_api_version(self):
        self.assert_error(self.client.post("/api/v2/organisations", {}), 404)

    def test_it_answers_json_403_when_the_csrf_check_fails_on_an_api_path(self):
        assert _get_failure_view() is csrf_failure  # what CsrfViewMiddleware answers with
        request = RequestFactory().post(f"{API}/organisations")
        response = csrf_failure(request, reason="CSRF cookie not set.")
        assert response.status_code == 403
        assert json.loads(response.content)["detail"]
        page = csrf_failure(RequestFactory().post("/organisations/new/"), reason="x")
        assert page["Content-Type"].startswith("text/html")

    def test_it_answers_json_403_when_a_session_write_lacks_its_csrf_token(self):
        client, _ = self.csrf_client(self.alice)
        self.assert_error(client.post(f"{API}/organisations", '{"name": "X"}',
                                      content_type="application/json"), 403)

    def test_it_answers_json_400_to_a_multipart_body_without_a_boundary(self):
        self.sign_in(self.admin)
        for path in ("/imports/iati", "/registry/imports/preview", "/instruments/xlsform"):
            response = self.client.post(API + path, b"--x\r\n", content_type="multipart/form-data")
            self.assert_error(response, 400)


class StrictBodyTests(ApiTestCase):
    def test_it_refuses_an_unknown_field_naming_it(self):
        self.sign_in(self.alice)
        with self.assert_nothing_saved(self.trust):
            body = self.assert_error(self.patch(f"/organisations/{self.trust.pk}",
                                                {"nam": "Renamed"}), 422)
        assert ["body", "payload", "nam"] in [error["loc"] for error in body["detail"]]
        with self.assert_nothing_saved():
            self.assert_error(self.post("/partnerships", {
                "title": "T", "problem_statement": "P", "lead_organisation_id": self.trust.pk,
                "visibilty": "public"}), 422)

    def test_it_refuses_an_array_or_a_bare_value_where_an_object_is_expected(self):
        self.sign_in(self.alice)
        for body in ("[null, null]", "[]", '"name"', "3", "null"):
            with self.assert_nothing_saved(self.trust):
                self.assert_error(self.patch(f"/organisations/{self.trust.pk}", body), 422)
                self.assert_error(self.post("/tokens", body), 422)

    def test_it_refuses_unknown_fields_in_nested_objects(self):
        self.sign_in(self.alice)
        with self.assert_nothing_saved():
            self.assert_error(self.post(f"/partnerships/{self.private.pk}/indicators", {
                "name": "Boreholes", "targets": [{"value": 3, "date": "2027-01-01",
                                                  "colour": "red"}]}), 422)
