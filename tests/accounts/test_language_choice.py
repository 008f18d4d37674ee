"""The interface's language (issue 18): the user's own setting beats the switcher's cookie,
which beats Accept-Language, which beats English; pages say which language they are in;
anything kept across requests is kept per language."""

from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.utils import translation

from partnering.accounts import services
from partnering.audit.models import AuditEvent
from partnering.jinja2 import environment
from tests.base import PartneringTestCase

CATEGORY = "proposal_decided"


class LanguageChoiceTest(PartneringTestCase):
    def lang_of(self, response) -> str:
        self.assertEqual(response.status_code, 200)
        text = response.content.decode()
        return text[text.index('<html lang="') + 12:].split('"')[0]

    def test_it_writes_in_english_unless_asked(self):
        page = self.client.get("/")
        self.assertEqual(self.lang_of(page), "en")
        self.assertContains(page, 'dir="ltr"')
        self.assertEqual(page["Content-Language"], "en")
        self.assertIn("Accept-Language", page["Vary"])
        self.assertIn("Cookie", page["Vary"])

    def test_it_follows_accept_language(self):
        page = self.client.get("/", HTTP_ACCEPT_LANGUAGE="de, fr-CA;q=0.8, en;q=0.5")
        self.assertEqual(self.lang_of(page), "fr")
        self.assertEqual(page["Content-Language"], "fr")

    def test_the_cookie_beats_accept_language(self):
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
        page = self.client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
        self.assertEqual(self.lang_of(page), "es")

    def test_the_users_setting_beats_the_cookie_and_the_header(self):
        services.set_language(self.carol, "pt")
        self.client.force_login(self.carol)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
        page = self.client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
        self.assertEqual(self.lang_of(page), "pt")

    def test_a_blank_setting_follows_the_browser(self):
        self.client.force_login(self.carol)
        self.assertEqual(self.carol.language, "")
        self.assertEqual(self.lang_of(self.client.get("/", HTTP_ACCEPT_LANGUAGE="es")), "es")

    def test_the_switcher_is_on_every_page_with_each_language_named_in_itself(self):
        page = self.client.get("/sources/")
        self.assertContains(page, '<label for="language-switcher">')
        for code, name in (("en", "English"), ("fr", "Français"), ("es", "Español"),
                           ("pt", "Português")):
            self.assertContains(page, f'<option value="{code}" lang="{code}"')
            self.assertContains(page, f">{name}</option>")
        # A visitor's switcher is a GET form without a token: the page stays cacheable.
        self.assertContains(page, 'method="get" action="/accounts/language/"')
        self.assertNotContains(page, "csrfmiddlewaretoken")

    def test_a_visitors_switch_is_a_cookie_and_back_to_the_page(self):
        answer = self.client.get("/accounts/language/", {"language": "fr", "next": "/sources/"})
        self.assertRedirects(answer, "/sources/", fetch_redirect_response=False)
        self.assertEqual(answer.cookies[settings.LANGUAGE_COOKIE_NAME].value, "fr")
        self.assertEqual(self.lang_of(self.client.get("/sources/")), "fr")

    def test_the_switch_never_sends_elsewhere(self):
        answer = self.client.get("/accounts/language/",
                                 {"language": "fr", "next": "https://evil.example/"})
        self.assertRedirects(answer, "/", fetch_redirect_response=False)
        answer = self.client.get("/accounts/language/", {"language": "xx", "next": "/"})
        self.assertNotIn(settings.LANGUAGE_COOKIE_NAME, answer.cookies)

    def test_a_signed_in_switch_is_saved_with_an_audit_event(self):
        self.client.force_login(self.carol)
        page = self.client.get("/sources/")
        self.assertContains(page, 'method="post" action="/accounts/language/"')
        answer = self.client.post("/accounts/language/", {"language": "es", "next": "/"})
        self.assertRedirects(answer, "/", fetch_redirect_response=False)
        self.carol.refresh_from_db()
        self.assertEqual(self.carol.language, "es")
        event = AuditEvent.objects.latest("id")
        self.assertEqual((event.action, event.changes), ("user.updated",
                                                         {"language": ["", "es"]}))
        self.assertEqual(self.lang_of(self.client.get("/")), "es")

    def test_a_signed_in_switch_needs_the_csrf_token(self):
        client = self.client_class(enforce_csrf_checks=True)
        client.force_login(self.carol)
        answer = client.post("/accounts/language/", {"language": "es", "next": "/"})
        self.assertEqual(answer.status_code, 403)
        self.carol.refresh_from_db()
        self.assertEqual(self.carol.language, "")

    def test_the_settings_page_chooses_the_language_or_the_browsers(self):
        self.client.force_login(self.carol)
        page = self.client.get("/accounts/settings/")
        self.assertContains(page, '<option value="" selected>As my browser asks</option>',
                            html=False)
        self.assertContains(page, 'lang="fr"')
        answer = self.client.post("/accounts/settings/", {"language": "fr"})
        self.assertRedirects(answer, "/accounts/settings/", fetch_redirect_response=False)
        self.carol.refresh_from_db()
        self.assertEqual(self.carol.language, "fr")
        self.client.post("/accounts/settings/", {"language": ""})
        self.carol.refresh_from_db()
        self.assertEqual(self.carol.language, "")
        refused = self.client.post("/accounts/settings/", {"language": "xx"})
        self.assertEqual(refused.status_code, 422)

    def test_an_api_call_with_a_token_answers_in_the_users_language(self):
        services.set_language(self.carol, "fr")
        answer = self.client.get("/api/v1/partnerships/999999", headers=self.bearer(self.carol))
        self.assertEqual(answer.status_code, 404)
        self.assertEqual(answer.json()["detail"], "Introuvable.")
        self.assertEqual(answer["Content-Language"], "fr")

    def test_the_service_refuses_a_language_not_offered(self):
        from django.core.exceptions import ValidationError

        with self.assertRaises(ValidationError):
            services.set_language(self.carol, "de")
        self.assertFalse(services.set_language(self.carol, ""))

    def test_the_users_setting_costs_no_query(self):
        self.client.force_login(self.carol)
        with self.assertNumQueries(self.page_queries("/sources/")):
            services_free = self.client.get("/sources/")
        services.set_language(self.carol, "fr")
        with self.assertNumQueries(self.page_queries("/sources/")):
            page = self.client.get("/sources/")
        self.assertEqual(self.lang_of(services_free), "en")
        self.assertEqual(self.lang_of(page), "fr")

    def page_queries(self, url) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            self.client.get(url)
        return len(context.captured_queries)


class KeptPerLanguageTest(PartneringTestCase):
    def test_an_anonymous_page_kept_in_english_is_not_served_in_french(self):
        url = f"/partnerships/{self.public.pk}/"
        english = self.client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(english, '<html lang="en"')
        with self.assertNumQueries(1):  # kept: only the data's version is asked
            self.client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(self.client.get(url, HTTP_ACCEPT_LANGUAGE="fr"), '<html lang="fr"')
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
        self.assertContains(self.client.get(url, HTTP_ACCEPT_LANGUAGE="en"), '<html lang="es"')

    def test_a_kept_section_is_kept_per_language(self):
        from partnering.pagecache import remember

        def compute():
            return translation.get_language()

        with translation.override("fr"):
            self.assertEqual(remember("test-section", 1, compute=compute), "fr")
        with translation.override("pt"):
            self.assertEqual(remember("test-section", 1, compute=compute), "pt")

    def test_the_open_api_lists_are_kept_per_language(self):
        from django.core.cache import cache

        from partnering.pagecache import _key

        class Request:
            def __init__(self, language):
                self.headers = {"Accept-Language": language}

            def get_full_path(self):
                return "/api/v1/partnerships"

        with translation.override("fr"):
            french = _key(Request("fr"), "api")
        with translation.override("en"):
            english = _key(Request("fr"), "api")
        self.assertNotEqual(french, english)
        cache.clear()

    def test_select_options_are_kept_per_language(self):
        from django.utils.translation import gettext_lazy

        from partnering.select_options import select_options

        choices = (("", gettext_lazy("Language")), ("x", "X"))
        with translation.override("fr"):
            self.assertIn(">Langue</option>", select_options(choices, ""))
        with translation.override("es"):
            self.assertIn(">Idioma</option>", select_options(choices, ""))
        self.assertIn(">Language</option>", select_options(choices, ""))

    def test_filter_options_are_rendered_per_language(self):
        from partnering.registry.forms import OrganisationSearchForm, _search_choices

        with translation.override("fr"):
            OrganisationSearchForm()
        with translation.override("es"):
            OrganisationSearchForm()
        self.assertGreaterEqual(_search_choices.cache_info().currsize, 2)


@override_settings(LANGUAGES=[*settings.LANGUAGES, ("ar", "العربية")])
class RightToLeftTest(PartneringTestCase):
    """Arabic is not shipped (no catalogue): the pages show that right-to-left works."""

    def test_a_bidi_language_is_written_right_to_left(self):
        page = self.client.get("/sources/", HTTP_ACCEPT_LANGUAGE="ar")
        self.assertContains(page, '<html lang="ar" dir="rtl">')
        self.assertContains(page, '<option value="ar" lang="ar" selected>العربية</option>')
        home = self.client.get("/", HTTP_ACCEPT_LANGUAGE="ar")
        self.assertContains(home, 'dir="rtl"')
        self.client.force_login(self.alice)
        self.assertContains(self.client.get(f"/partnerships/{self.private.pk}/",
                                            HTTP_ACCEPT_LANGUAGE="ar"), 'dir="rtl"')


class MailLanguageTest(PartneringTestCase):
    def test_the_password_reset_mail_is_in_the_accounts_language(self):
        services.set_language(self.carol, "fr")
        self.client.post("/accounts/password-reset/", {"email": self.carol.email},
                         HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].subject, "Réinitialisez votre mot de passe Partnering")

    def test_a_notification_mail_is_in_the_recipients_language(self):
        from partnering.notifications.ledger import mail_language
        from partnering.notifications.mail import notification_message
        from partnering.notifications.models import Notification

        services.set_language(self.carol, "fr")
        self.assertEqual(mail_language(self.carol), "fr")
        self.assertEqual(mail_language(self.bob), settings.LANGUAGE_CODE)
        notification = Notification.objects.create(
            recipient=self.carol, category=CATEGORY, cause="test:fr", title="Test")
        message = notification_message(notification)
        self.assertEqual(message.extra_headers["Content-Language"], "fr")
        self.assertIn('<html lang="fr">', message.alternatives[0][0])

    def test_the_mail_language_falls_back_to_the_one_chosen_for_e_mails(self):
        from partnering.notifications.ledger import mail_language
        from partnering.notifications.models import NotificationSettings

        NotificationSettings.objects.create(user=self.bob, language="pt")
        self.bob.refresh_from_db()
        self.assertEqual(mail_language(self.bob), "pt")
        services.set_language(self.bob, "es")
        self.assertEqual(mail_language(self.bob), "es")

    def test_a_survey_invitation_is_in_the_language_of_the_account_with_that_address(self):
        from partnering.notifications.outgoing import address_language

        services.set_language(self.carol, "pt")
        self.assertEqual(address_language(self.carol.email.upper()), "pt")
        self.assertEqual(address_language("nobody@example.org"), settings.LANGUAGE_CODE)


class TemplatesTest(PartneringTestCase):
    def test_the_environment_knows_the_page_language(self):
        env = environment()
        with translation.override("pt"):
            self.assertEqual(env.from_string("{{ current_language() }}").render(), "pt")


class StoredPortfolioTest(PartneringTestCase):
    """The whole platform's portfolio is kept in one row for every reader: its words are
    kept in English and read in the reader's language."""

    def test_it_keeps_english_and_reads_in_the_readers_language(self):
        from django.utils.translation import gettext_lazy

        from partnering.monitoring.portfolio.data import Portfolio
        from partnering.monitoring.rollup.models import PlatformPortfolio
        from partnering.monitoring.rollup.platform import loaded, refresh

        def compute():
            return Portfolio(partnerships=1, tables={"phase": (
                gettext_lazy("Partnerships"), (gettext_lazy("Status"), "n"),
                [(gettext_lazy("Public"), 1), ("Niger", 2)])})

        with translation.override("fr"):
            refresh(compute)
        row = PlatformPortfolio.objects.get(pk=1)
        self.assertEqual(row.data["tables"]["phase"][0], "Partnerships")
        with translation.override("es"):
            title, header, rows = loaded(row).tables["phase"]
        self.assertEqual((title, header, rows),
                         ("Alianzas", ("Estado", "n"), [("Pública", 1), ("Niger", 2)]))
