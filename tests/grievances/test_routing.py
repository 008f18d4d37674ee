"""Routing without conflict of interest, and who sees which case (grievances.access)."""

import time_machine

from partnering.grievances import access, services
from tests.grievances.base import NOW, GrievanceTestCase


def seen(user, case) -> bool:
    return access.visible_grievances(user).filter(pk=case.pk).exists()


@time_machine.travel(NOW, tick=True)
class RoutingTest(GrievanceTestCase):
    def test_a_case_about_a_partner_is_hidden_from_that_partners_people(self):
        case = self.file(about_organisation=self.ministry).grievance
        self.assertTrue(seen(self.henry, case))
        self.assertFalse(seen(self.fatima, case))  # her own organisation
        self.assertFalse(access.may_handle(self.fatima, case))
        self.assertNotIn(self.fatima, access.eligible_handlers(case))
        self.assertIn(self.henry, access.eligible_handlers(case))

    def test_representing_the_partner_is_a_conflict_too(self):
        from partnering.grievances.models import GrievanceHandler

        GrievanceHandler.objects.create(partnership=self.private, user=self.carol)
        case = self.file(about_organisation=self.ministry).grievance
        self.assertFalse(seen(self.carol, case))
        other = self.file(about_organisation=self.trust).grievance
        self.assertTrue(seen(self.carol, other))
        self.assertFalse(seen(self.henry, other))

    def test_restricted_cases_are_for_named_handlers_and_admins(self):
        case = self.file(category="safeguarding").grievance
        for user in (self.henry, self.fatima, self.admin):
            self.assertTrue(seen(user, case), user)
        for user in (self.bob, self.alice, self.carol, self.olga, self.gina):
            self.assertFalse(seen(user, case), user)

    def test_stewards_read_cases_that_are_not_restricted(self):
        case = self.file().grievance
        self.assertTrue(seen(self.bob, case))
        self.assertFalse(access.may_handle(self.bob, case))
        for user in (self.alice, self.carol, self.olga):
            self.assertFalse(seen(user, case), user)

    def test_nobody_without_an_account_sees_anything(self):
        from django.contrib.auth.models import AnonymousUser

        self.file()
        self.assertFalse(access.visible_grievances(AnonymousUser()).exists())

    def test_the_admin_is_never_conflicted(self):
        case = self.file(about_organisation=self.trust).grievance
        self.assertTrue(seen(self.admin, case))

    def test_the_governance_body_sees_what_is_escalated_to_it(self):
        case = self.file(category="safeguarding").grievance
        self.assertFalse(seen(self.gina, case))
        services.escalate(self.henry, case, to="governance_body", reason="Serious.")
        self.assertTrue(seen(self.gina, case))

    def test_notification_recipients_are_those_who_may_see(self):
        restricted = self.file(category="safeguarding").grievance
        self.assertEqual(access.recipients(restricted),
                         {self.henry.pk, self.fatima.pk, self.admin.pk})
        open_case = self.file(about_organisation=self.ministry).grievance
        self.assertEqual(access.recipients(open_case),
                         {self.henry.pk, self.bob.pk, self.admin.pk})
        self.assertEqual(access.recipients(open_case, [self.carol.pk, self.bob.pk]),
                         {self.bob.pk})
