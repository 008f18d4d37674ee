"""The difference between two versions, section by section, word or line level; member
terms and commitments too; as a page and as JSON."""

import time

import time_machine

from partnering.agreements import services
from partnering.agreements.diff import text_ops
from tests.agreements.base import WORLD_BUILT, AgreementTestCase


class ComparingText(AgreementTestCase):
    def test_it_marks_the_words_added_and_removed(self):
        ops = text_ops("The steering group meets monthly.",
                       "The steering group meets quarterly with a rotating chair.")
        assert "".join(o["text"] for o in ops if o["op"] != "insert") == \
            "The steering group meets monthly."
        assert "".join(o["text"] for o in ops if o["op"] != "delete") == \
            "The steering group meets quarterly with a rotating chair."
        assert {"op": "delete", "text": "monthly."} in ops
        assert {"op": "insert", "text": "quarterly with a rotating chair."} in ops

    def test_it_compares_whole_lines_in_line_mode(self):
        ops = text_ops("1. Repair boreholes.\n2. Train committees.\n",
                       "1. Repair boreholes.\n2. Train 40 committees.\n", "line")
        assert ops == [{"op": "equal", "text": "1. Repair boreholes.\n"},
                       {"op": "delete", "text": "2. Train committees.\n"},
                       {"op": "insert", "text": "2. Train 40 committees.\n"}]

    def test_it_stays_fast_on_long_repetitive_text(self):
        started = time.monotonic()
        text_ops(" ".join(["ab"] * 9000), " ".join(["ab", "cd"] * 4500))
        text_ops("\n".join(["a", "b"] * 5000), "\n".join(["b", "a", "c"] * 3000), "line")
        assert time.monotonic() - started < 2


@time_machine.travel(WORLD_BUILT, tick=True)
class ComparingVersions(AgreementTestCase):
    def setUp(self):
        v1 = self.ready()
        services.add_commitment(self.alice, v1, organisation=self.trust, kind="cash",
                                description="Repair fund", amount=1000, currency="USD")
        services.add_commitment(self.alice, v1, organisation=self.ministry, kind="data",
                                description="Water point register", estimated_value=500)
        self.v1 = self.agree(v1)
        v2 = services.update_version(self.carol, self.v1,
                                     governance_structure="A steering group meets quarterly "
                                                          "with a rotating chair.",
                                     quorum_percent=75,
                                     change_note="Rotating chair after the health check.")
        services.update_terms(self.carol, v2.member_terms.get(organisation=self.ministry),
                              roles="Ministry of Water roles. Chairs in turn.",
                              vote_weight=2)
        trust_cash = v2.commitments.get(organisation=self.trust)
        services.update_commitment(self.alice, trust_cash, amount=1500, estimated_value=1500)
        self.v2 = v2
        self.path = f"/partnerships/{self.private.pk}/agreement/diff"

    def test_it_answers_the_differences_as_json(self):
        self.sign_in(self.carol)
        body = self.assert_status(self.get(self.path, **{"from": 1, "to": 2}), 200)
        assert (body["from_version"], body["to_version"], body["mode"]) == (1, 2, "word")
        assert body["settings"] == [{"field": "quorum_percent", "title": "Quorum (%)",
                                     "old": "67", "new": "75"}]
        sections = {s["field"]: s for s in body["sections"]}
        governance = sections["governance_structure"]
        assert governance["changed"] and governance["added"] > 0 and governance["removed"] > 0
        assert any(o["op"] == "insert" and "rotating chair" in o["text"]
                   for o in governance["ops"])
        assert not sections["purpose_vision"]["changed"]
        assert sections["change_note"]["changed"]
        assert body["summary"]["sections"] == ["Governance structure", "What changes and why"]
        terms = {t["organisation"]: t for t in body["terms"]}
        ministry = terms["Ministry of Water"]
        assert ministry["changed"] and ministry["vote_weight"] == {"old": "", "new": "2",
                                                                   "changed": True}
        roles = next(f for f in ministry["fields"] if f["field"] == "roles")
        assert {"op": "insert", "text": " Chairs in turn."} in roles["ops"] or \
            any("Chairs in turn." in o["text"] for o in roles["ops"] if o["op"] == "insert")
        assert not terms["Sahel Water Trust (SWT)"]["changed"]
        commitments = {c["organisation"]: c for c in body["commitments"]}
        trust = commitments["Sahel Water Trust (SWT)"]
        assert trust["removed"] == ["Cash: Repair fund · 1,000 USD · estimated value 1,000 USD"]
        assert trust["added"] == ["Cash: Repair fund · 1,500 USD · estimated value 1,500 USD"]
        assert not commitments["Ministry of Water"]["changed"]
        assert body["summary"]["identical"] is False

    def test_it_compares_the_latest_version_with_the_one_it_is_based_on_by_default(self):
        self.sign_in(self.alice)
        body = self.assert_status(self.get(self.path), 200)
        assert (body["from_version"], body["to_version"]) == (1, 2)
        body = self.assert_status(self.get(self.path, **{"from": 2, "to": 2, "mode": "line"}),
                                  200)
        assert body["summary"]["identical"] is True

    def test_it_refuses_unknown_versions_and_modes(self):
        self.sign_in(self.alice)
        self.assert_error(self.get(self.path, **{"from": 1, "to": 9}), 404)
        self.assert_error(self.get(self.path, **{"from": 1, "to": 2, "mode": "char"}), 422)
        self.assert_error(self.get(self.path, **{"from": "one", "to": 2}), 422)
        self.assert_error(self.get(self.path, **{"from": 0, "to": 2}), 422)

    def test_it_shows_the_differences_on_a_page(self):
        self.sign_in(self.carol)
        response = self.client.get(f"/partnerships/{self.private.pk}/agreement/diff/",
                                   {"from": 1, "to": 2})
        assert response.status_code == 200
        page = response.content.decode()
        assert "Version 1 → version 2" in page
        assert "<ins><span class=\"visually-hidden\">[added: </span>" in page
        assert "rotating chair." in page
        assert "Quorum (%)" in page and "Ministry of Water" in page
        assert "1,500 USD" in page
        # Without a choice, the page compares the two latest versions.
        page = self.client.get(f"/partnerships/{self.private.pk}/agreement/diff/")
        assert "Version 1 → version 2" in page.content.decode()

    def test_it_hides_the_differences_from_outsiders(self):
        self.sign_in(self.olga)
        self.assert_error(self.get(self.path, **{"from": 1, "to": 2}), 404)
        page = self.client.get(f"/partnerships/{self.private.pk}/agreement/diff/")
        assert page.status_code == 404
