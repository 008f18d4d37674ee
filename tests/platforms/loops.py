"""The platform world with input on its way up: for the tests of answers back down.

- alice submits at Riverton CDC as Sahel Water Trust (an account: the ledger)
- someone without an account submits anonymously through Riverton's invitation link
- carol (chair of the St. Catherine committee) submits there as the Ministry of Water
- the two Riverton items are forwarded to St. Catherine, merged there with carol's into one
  item, which is forwarded to the national working group
"""

from partnering.platforms.consultations import items as escalation
from partnering.platforms.consultations import services
from partnering.platforms.models import Item
from tests.platforms.world import PlatformWorld


class LoopWorld(PlatformWorld):
    def submit(self, text, user=None, forum=None, **extra):
        return services.submit(user or self.alice, self.mtf, forum or self.cdc, text=text,
                               section=self.governance, **extra)

    def item_of(self, submission):
        return Item.objects.get(origins__submission=submission, kind="original")

    def merged_world(self):
        """Three origins carried by one item at the national working group."""
        self.s_alice = self.submit("Fix the Riverton drains before the rains")
        _invitation, token = services.create_invitation(self.sam, self.mtf, self.cdc)
        self.s_anonymous, self.receipt = services.submit_by_invitation(
            token, text="The drains flood our yards every year", anonymous=True)
        self.token = token
        self.s_carol = self.submit("Drainage in St. Catherine needs a plan", user=self.carol,
                                   forum=self.pdc)
        riverton = [self.item_of(self.s_alice), self.item_of(self.s_anonymous)]
        for item in riverton:
            escalation.forward_item(self.sam, item)
        pdc_items = riverton + [self.item_of(self.s_carol)]
        merged = escalation.merge_items(self.carol, self.pdc,
                                        [self.reload(i) for i in pdc_items],
                                        title="Drainage", text="Drainage before the rains")
        return escalation.forward_item(self.carol, merged)
