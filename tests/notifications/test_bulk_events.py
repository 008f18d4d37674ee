"""The events of a bulk write (an import) are announced with one signal for all of them:
each is still followed as an event written alone is."""

from partnering.audit.services import build_event, record_events
from partnering.partnerships.models import Membership
from tests.base import PartneringTestCase, make_person, make_user
from tests.notifications.base import Notified


class BulkEvents(Notified, PartneringTestCase):
    def test_it_tells_the_admins_of_an_organisation_that_joined_in_a_bulk_write(self):
        frank = make_user("frank")
        make_person("Frank Bottler", self.bottler, frank, is_organisation_admin=True)
        membership = Membership.objects.create(partnership=self.private,
                                               organisation=self.bottler)
        with self.fanned_out():
            record_events([
                build_event(self.alice, "update", self.private, partnership_id=self.private.pk,
                            summary="Imported"),
                build_event(self.alice, "membership.added", membership,
                            partnership_id=self.private.pk)])
        assert self.told("added") == {"frank"}
