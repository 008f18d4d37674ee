"""The partnership's sections as four disclosure menus: no JavaScript, the current section
named in its group's summary and marked aria-current, members-only sections hidden from
visitors."""

from lxml import html

from tests.base import PartneringTestCase


class SectionMenuTest(PartneringTestCase):
    def menu(self, url: str):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return html.fromstring(response.content).xpath(
            "//nav[@aria-label='Partnership sections']")[0]

    def test_it_groups_the_sections_in_four_closed_menus_naming_the_current_one(self):
        self.sign_in(self.alice)
        menu = self.menu(f"/partnerships/{self.private.pk}/members/")
        groups = menu.xpath(".//details")
        self.assertEqual(len(groups), 4)
        self.assertEqual([g.get("open") for g in groups], [None] * 4)
        self.assertEqual(menu.xpath(".//script"), [])
        current = menu.xpath(".//a[@aria-current='page']")
        self.assertEqual([(a.text, a.get("href")) for a in current],
                         [("Members and brokers", f"/partnerships/{self.private.pk}/members/")])
        self.assertEqual(menu.xpath(".//details[@class='current']/summary")[0].text_content(),
                         "Partnership: Members and brokers")
        links = [a.text for a in menu.xpath(".//a")]
        self.assertIn("Stakeholders", links)
        self.assertIn("Grievance register", links)
        self.assertEqual(len(links), 21)

    def test_it_hides_members_only_sections_from_visitors(self):
        menu = self.menu(f"/partnerships/{self.public.pk}/")
        links = [a.text for a in menu.xpath(".//a")]
        self.assertIn("Overview", links)
        self.assertNotIn("Stakeholders", links)
        self.assertNotIn("Health checks", links)
        self.assertEqual(len(links), 19)
