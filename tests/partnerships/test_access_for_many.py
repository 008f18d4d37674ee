"""The rule for telling many people at once is the rule for one: `users_who_may_see`
agrees with `Partnership.visible_to` for every persona and partnership."""

from partnering.partnerships.access import users_who_may_see, visible_partnerships
from partnering.partnerships.models import Partnership
from partnering.registry.models import Person
from tests.base import PartneringTestCase, make_user


class AccessForManyTest(PartneringTestCase):
    def personas(self):
        return [self.admin, self.alice, self.bob, self.carol, self.olga]

    def test_it_agrees_with_visible_to_for_every_persona(self):
        # An organisation admin of a member sees its partnerships without representing it.
        dana = make_user("dana")
        Person.objects.create(name="Dana Admin", organisation=self.ministry, user=dana,
                              is_organisation_admin=True)
        people = [*self.personas(), dana]
        for partnership in Partnership.objects.all():
            expected = {user.pk for user in people
                        if visible_partnerships(user).filter(pk=partnership.pk).exists()}
            assert users_who_may_see([u.pk for u in people], partnership.pk) == expected, \
                partnership.title

    def test_it_tells_nobody_about_a_partnership_that_is_gone(self):
        assert users_who_may_see([self.alice.pk], 10**9) == set()

    def test_it_leaves_out_inactive_accounts(self):
        self.olga.is_active = False
        self.olga.save()
        assert self.olga.pk not in users_who_may_see([self.olga.pk], self.public.pk)
