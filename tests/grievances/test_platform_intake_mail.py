"""Grievances by e-mail to a platform's mechanism: a message to grievances+<intake key>@…
(the address its setup page shows) or with the key in the subject is filed for that
platform, channel e-mail, the sender gets the case code and secret by return (through a
real SMTP server), anonymity and the safeguarding restriction hold as for a partnership,
and a private platform is reached by its key only.

The world is tests/platforms/world.py: Vision 2030 Jamaica (public; sam of its
secretariat handles its cases), the Hidden platform (private)."""

import time_machine
from django.core import mail
from django.test import override_settings

from partnering.grievances import access, intake_mail, services
from partnering.grievances.models import Grievance, GrievanceSettings
from tests.grievances.base import NOW
from tests.grievances.test_intake_mail import message, receive_through_smtp
from tests.platforms.world import PlatformWorld


@time_machine.travel(NOW, tick=False)
class PlatformMailTest(PlatformWorld):
    def setUp(self):
        self.key = GrievanceSettings.objects.create(platform=self.hidden).intake_key

    def test_it_files_for_the_platform_of_the_plus_tag_and_replies_with_code_and_secret(self):
        result = intake_mail.receive(message(to=f"grievances+{self.key}@example.org"))
        assert (result.status, result.platform_id, result.partnership_id) == (
            "filed", self.hidden.pk, None)
        case = Grievance.objects.get(code=result.code)
        assert (case.platform, case.partnership, case.channel) == (self.hidden, None, "email")
        assert case.complainant_contact == "thandiwe@example.org"
        reply, = mail.outbox
        assert "Hidden platform" in reply.body and case.code in reply.subject
        secret = reply.body.split("Secret: ")[1].split()[0]
        assert services.find_case(case.code, secret) == case

    def test_a_public_platform_is_named_by_platform_and_its_number_a_private_one_is_not(self):
        public = intake_mail.receive(message(subject=f"[platform-{self.platform.pk}] Tap"))
        assert (public.status, public.platform_id) == ("filed", self.platform.pk)
        hidden = intake_mail.receive(message(subject=f"[platform-{self.hidden.pk}] Tap"))
        assert hidden.status == "no_partnership"
        assert Grievance.objects.get().platform == self.platform

    def test_an_anonymous_message_keeps_no_identity_and_abuse_is_restricted(self):
        result = intake_mail.receive(message(
            subject=f"[{self.key}] anonymous", body="A driver abused a girl at the hub."))
        case = Grievance.objects.get(code=result.code)
        assert case.anonymous and (case.complainant_name, case.complainant_contact) == ("", "")
        assert (case.category, case.restricted) == ("safeguarding", True)
        assert "thandiwe" not in str(case.events.values_list("note", flat=True))
        assert not access.visible_grievances(self.sam).filter(pk=case.pk).exists(), \
            "another platform's secretariat sees nothing"

    def test_a_closed_platform_intake_files_nothing(self):
        GrievanceSettings.objects.filter(platform=self.hidden).update(intake_open=False)
        result = intake_mail.receive(message(subject=f"[{self.key}] Tap"))
        assert (result.status, result.platform_id) == ("closed", self.hidden.pk)
        assert not Grievance.objects.exists() and not mail.outbox


class PlatformSetupAddressTest(PlatformWorld):
    @override_settings(GRIEVANCE_MAIL_ADDRESS="grievances@partnering.example.org")
    def test_the_setup_page_shows_the_platforms_own_address_once_saved(self):
        self.sign_in(self.sam)
        base = f"/platforms/{self.platform.pk}/grievances/setup/"
        assert "grievances+" not in self.client.get(base).text
        self.client.post(f"{base}settings/", {"time_zone": "America/Jamaica",
                                              "closure_attempts": 3, "intake_open": "on"})
        key = GrievanceSettings.objects.get(platform=self.platform).intake_key
        page = self.client.get(base)
        assert f"grievances+{key}@partnering.example.org" in page.text
        assert f"/grievances/file/{key}/" in page.text

    def test_without_a_site_address_the_page_says_so(self):
        GrievanceSettings.objects.create(platform=self.platform)
        self.sign_in(self.sam)
        page = self.client.get(f"/platforms/{self.platform.pk}/grievances/setup/")
        assert "takes no grievances by e-mail" in page.text


class PlatformThroughSmtpTest(PlatformWorld):
    def test_the_answer_to_a_platforms_complainant_goes_through_a_real_smtp_server(self):
        key = GrievanceSettings.objects.create(platform=self.hidden).intake_key
        result, reply = receive_through_smtp(self, message(to=f"grievances+{key}@example.org"))
        assert "Hidden platform" in reply.get_content()
        assert Grievance.objects.get(code=result.code).platform == self.hidden
