"""A French-speaking broker works in French: picks French in the switcher as a visitor, signs
in on the French sign-in page, keeps French on the account, and finds every key page of the
demo in French (`<html lang="fr">`, the partnership menu in French), with no WCAG
violation."""

from partnering.platform.demo import DEMO_PASSWORD
from tests.e2e import axe
from tests.e2e.browser import BrowserTestCase
from tests.e2e.key_pages import key_pages
from tests.e2e.test_accessibility import load_the_demo


class FrenchBrokerTest(BrowserTestCase):
    def choose_french_as_a_visitor(self):
        self.visit("/")
        self.page.locator("#language-switcher").select_option("fr")
        self.submit(self.page.locator("form.language-switcher"), "Change language")
        assert self.page.locator("html").get_attribute("lang") == "fr"

    def sign_in_as_broker(self, labels=("Username or e-mail", "Password", "Sign in")):
        self.visit("/accounts/login/")
        self.page.get_by_label(labels[0]).fill("broker")
        self.page.get_by_label(labels[1]).fill(DEMO_PASSWORD)
        self.submit(self.page.locator("main form"), labels[2])

    def keep_french_on_the_account(self):
        self.visit("/accounts/settings/")
        self.page.get_by_label("Langue de l’interface").select_option("fr")
        self.submit(self.page.locator("main form"), "Enregistrer")

    def test_it_lets_a_french_speaking_broker_do_the_demo_in_french(self):
        load_the_demo()
        self.choose_french_as_a_visitor()
        self.sign_in_as_broker(("Nom d’utilisateur ou e-mail", "Mot de passe", "Se connecter"))
        self.keep_french_on_the_account()
        # A new browser, no cookie, an English one: the account's setting brings French back.
        self.context.clear_cookies()
        self.sign_in_as_broker()
        assert self.page.locator("html").get_attribute("lang") == "fr"
        found, english = {}, []
        for path in key_pages("broker"):
            self.visit(path)
            if self.page.locator("html").get_attribute("lang") != "fr":
                english.append(path)
            result = axe.violations(self.page)
            if result:
                found[path] = result
        assert english == [], f"pages not in French: {english}"
        assert found == {}, "axe found WCAG 2.1 A/AA violations:\n" + axe.describe(found)
        self.visit("/partnerships/")
        self.page.get_by_role("link", name="Safe Childhoods", exact=False).first.click()
        menu = self.page.get_by_role("navigation", name="Rubriques du partenariat")
        assert menu.locator("summary").first.inner_text().startswith("Partenariat")
