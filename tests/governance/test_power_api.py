"""GET /api/v1/partnerships/{id}/power-balance: shares per member and per sector for each
measure (summing to 1), the index with its formula, flags and explanations; periods; bad
dates; who may see it."""

import datetime as dt

from tests.governance.power_world import PowerWorld


class PowerBalanceApiTest(PowerWorld):
    def url(self, partnership=None):
        return f"/partnerships/{(partnership or self.private).pk}/power-balance"

    def build(self):
        for _ in range(7):
            self.propose(self.trust)
        self.propose(self.bottler)
        self.propose(self.ministry)
        for day in (dt.date(2026, 3, 1), dt.date(2026, 4, 1), dt.date(2026, 5, 1)):
            self.action(self.bottler, day)

    def test_it_answers_the_shares_index_and_flags(self):
        self.build()
        self.sign_in(self.carol)
        body = self.assert_status(self.get(self.url()), 200)
        assert body["partnership_id"] == self.private.pk
        assert body["since"] is None and body["until"] is None
        assert [m["name"] for m in body["members"]] == [
            "Clearwater Bottling", "Ministry of Water", "Sahel Water Trust"]
        assert {s["sector"] for s in body["sectors"]} == {"civil_society", "private", "public"}
        measures = {m["key"]: m for m in body["measures"]}
        assert list(measures) == ["proposals", "positions", "decisions", "blocks", "actions",
                                  "resources", "attendance", "speaking"]
        proposals = measures["proposals"]
        assert proposals["has_data"] and proposals["total"] == 9
        by_member = {m["organisation_id"]: m for m in proposals["by_member"]}
        assert by_member[self.trust.pk]["amount"] == 7
        self.assertAlmostEqual(by_member[self.trust.pk]["share"], 7 / 9)
        for measure in body["measures"]:
            if measure["has_data"]:
                self.assertAlmostEqual(sum(m["share"] for m in measure["by_member"]), 1.0)
                self.assertAlmostEqual(sum(s["share"] for s in measure["by_sector"]), 1.0)
            else:
                assert measure["by_member"] == [] and measure["by_sector"] == []
                assert measure["equity"] is None
        assert not measures["speaking"]["has_data"]
        index = body["index"]
        assert 0 < index["value"] < 1
        assert index["measures"] == ["proposals", "actions", "attendance"]
        assert "ln n" in index["formula"] and "entropy" in index["why"]
        assert body["threshold"]["member"] == 2 / 3 and body["threshold"]["min_events"] == 3
        flags = {(f["kind"], f["measure"]) for f in body["flags"]}
        assert ("member_dominance", "proposals") in flags
        assert ("member_dominance", "actions") in flags
        assert ("sector_dominance", "proposals") in flags
        assert ("no_mandate", None) in flags
        [trust_flag] = [f for f in body["flags"] if f["kind"] == "member_dominance"
                        and f["measure"] == "proposals"]
        assert trust_flag["organisation_id"] == self.trust.pk
        assert trust_flag["explanation"].startswith(
            "Sahel Water Trust tabled 7 of the 9 proposals (78%); with 3 members here an "
            "equal share is 33.3%")
        assert trust_flag["advice"]

    def test_it_filters_by_period(self):
        self.build()
        self.sign_in(self.alice)
        body = self.assert_status(self.get(self.url(), since="2026-03-15",
                                           until="2026-04-15"), 200)
        assert body["since"] == "2026-03-15" and body["until"] == "2026-04-15"
        measures = {m["key"]: m for m in body["measures"]}
        assert not measures["proposals"]["has_data"]  # all tabled on 1 June
        assert measures["actions"]["total"] == 1

    def test_it_answers_no_data_for_an_empty_partnership(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.get(self.url(self.public)), 200)
        assert all(not m["has_data"] for m in body["measures"])
        assert body["index"]["value"] is None

    def test_it_refuses_bad_dates(self):
        self.sign_in(self.alice)
        body = self.assert_error(self.get(self.url(), since="2026-05-02", until="2026-05-01"),
                                 422)
        assert body["errors"][0]["loc"] == ["until"]
        for bad in ({"since": "yesterday"}, {"until": "2026-02-30"}, {"since": "2026-13-01"}):
            self.assert_error(self.get(self.url(), **bad), 422)

    def test_it_hides_private_partnerships_from_outsiders(self):
        self.sign_in(self.olga)
        response = self.get(self.url())
        self.assert_error(response, 404)
        assert self.private.title.encode() not in response.content
        self.client.logout()
        self.assert_error(self.get(self.url()), 404)

    def test_it_shows_public_partnerships_to_anyone(self):
        self.assert_status(self.get(self.url(self.public)), 200)

    def test_it_lets_members_brokers_and_admins_read_it(self):
        for user in (self.alice, self.carol, self.bob, self.admin):
            self.sign_in(user)
            self.assert_status(self.get(self.url()), 200)
        self.client.logout()
        self.assert_status(self.get(self.url(), headers=self.bearer(self.carol)), 200)

    def test_it_is_in_the_openapi_schema(self):
        schema = self.client.get("/api/v1/openapi.json").json()
        path = schema["paths"]["/api/v1/partnerships/{partnership_id}/power-balance"]["get"]
        assert {p["name"] for p in path["parameters"]} >= {"partnership_id", "since", "until"}
        assert {"200", "404", "422"} <= set(path["responses"])
