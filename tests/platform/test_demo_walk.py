"""Every page of the demo, as each demo persona finds it by following links from the home
page: what a person clicking around sees must be safe and right."""

from django.contrib.auth import get_user_model

from partnering.platform.demo import load_demo
from tests.base import PartneringTestCase
from tests.platform.test_sources import INTERNAL
from tests.walker import post_forms_without_token, walk

# Visitors see few pages: walk all of them. Members see many: a few of each kind.
PERSONAS = {"anonymous": 40, "outsider": 40, "member": 3, "lead": 3, "broker": 3, "admin": 3}


class DemoWalkTest(PartneringTestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo()
        cls.walks = {}
        users = get_user_model().objects
        for persona, per_route in PERSONAS.items():
            client = cls.client_class()
            if persona != "anonymous":
                client.force_login(users.get(username=persona))
            cls.walks[persona] = walk(client, per_route=per_route, limit=900)

    def pages(self, *personas):
        for persona in personas or PERSONAS:
            for page in self.walks[persona].ok():
                yield persona, page

    def test_it_walks_the_pages_each_persona_can_reach(self):
        for persona, walked in self.walks.items():
            self.assertGreater(len(walked.ok()), 60, persona)
            errors = [(p.url, p.status) for p in walked.pages if p.status >= 500]
            self.assertEqual(errors, [], persona)
        broker = self.walks["broker"].urls()
        self.assertTrue(any(url.endswith("/recommendations/") for url in broker))

    def test_it_puts_a_csrf_token_in_every_form_that_posts(self):
        missing = [(persona, page.url, form) for persona, page in self.pages()
                   for form in post_forms_without_token(page.html)]
        self.assertEqual(missing, [])
        posting = sum("method=\"post\"" in page.html for _, page in self.pages("broker"))
        self.assertGreater(posting, 20)

    def test_it_never_says_seed_for_a_publication(self):
        said = [(persona, page.url, match.group(0)) for persona, page in self.pages()
                for match in INTERNAL.finditer(page.html)]
        self.assertEqual(said, [])
