"""Submissions travel upward: forwarded, merged (keeping every origin) or taken into a
forum's synthesis, each item keeping its path."""

import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from partnering.audit.models import AuditEvent
from partnering.platforms.consultations import items as escalation
from partnering.platforms.consultations import services
from partnering.platforms.models import Item, Submission
from tests.platforms.world import TODAY, PlatformWorld


@time_machine.travel(TODAY, tick=False)
class EscalationTests(PlatformWorld):
    def submit(self, text, user=None, forum=None, **extra):
        return services.submit(user or self.alice, self.mtf, forum or self.cdc, text=text,
                               section=self.governance, **extra)

    def item_of(self, submission):
        return Item.objects.get(origins__submission=submission, kind="original")

    def test_it_raises_an_item_at_the_origin_forum_as_the_organisation(self):
        submission = self.submit("Fund the parish water committee")
        self.assertEqual(submission.as_organisation, self.trust)
        self.assertEqual(submission.sector, "civil_society")
        self.assertEqual(submission.level, self.community)
        item = self.item_of(submission)
        self.assertEqual(item.forum, self.cdc)
        self.assertTrue(AuditEvent.objects.filter(action="submission.made").exists())

    def test_it_lets_a_member_speak_for_the_forum(self):
        submission = self.submit("Our CDC asks for roads", voice="forum")
        self.assertIsNone(submission.as_organisation)
        self.assertEqual(submission.sector, "")

    def test_it_refuses_outsiders_and_closed_levels(self):
        with self.assertRaises(PermissionDenied):
            self.submit("x", user=self.olga)
        with self.assertRaises(ValidationError):  # national level may not submit
            services.submit(self.bob, self.mtf, self.nwg, text="x")
        self.assertFalse(Submission.objects.exists())

    def test_it_refuses_empty_input_and_writes_nothing(self):
        with self.assertRaises(ValidationError):
            self.submit("   ")
        self.assertFalse(Item.objects.exists())

    def test_it_forwards_an_item_up_the_path(self):
        item = self.item_of(self.submit("Fix the Riverton drains"))
        escalation.forward_item(self.sam, item)
        escalation.forward_item(self.carol, self.reload(item))
        item = self.reload(item)
        self.assertEqual(item.forum, self.nwg)
        self.assertEqual(item.level, self.national)
        self.assertEqual([f.title for f in escalation.path_of(item)],
                         ["Riverton CDC", "St. Catherine parish development committee",
                          "National working group on governance"])
        with self.assertRaises(ValidationError):  # nothing above the national group
            escalation.forward_item(self.bob, item)

    def test_it_refuses_a_member_who_does_not_facilitate(self):
        item = self.item_of(self.submit("Fix the Riverton drains"))
        with self.assertRaises(PermissionDenied):
            escalation.forward_item(self.alice, item)

    def test_it_merges_duplicates_keeping_every_origin(self):
        first = self.submit("Repair the school roof")
        second = self.submit("The school roof leaks", voice="forum")
        items = [self.item_of(first), self.item_of(second)]
        merged = escalation.merge_items(self.sam, self.cdc, items, title="School roof",
                                        text="Two members ask for the roof to be repaired.")
        self.assertEqual(merged.kind, "merged")
        self.assertEqual(set(merged.origins.values_list("submission_id", flat=True)),
                         {first.pk, second.pk})
        self.assertEqual({i.parent_id for i in Item.objects.filter(kind="original")},
                         {merged.pk})
        escalation.forward_item(self.sam, merged)
        self.assertEqual([f.title for f in escalation.path_of(self.reload(merged))],
                         ["Riverton CDC", "St. Catherine parish development committee"])
        with self.assertRaises(ValidationError):  # a merged item no longer waits here
            escalation.forward_item(self.sam, items[0])

    def test_it_refuses_merging_one_item(self):
        item = self.item_of(self.submit("Only one"))
        with self.assertRaises(ValidationError):
            escalation.merge_items(self.sam, self.cdc, [item], title="t", text="t")

    def test_it_adds_a_synthesis_that_carries_the_origins_it_takes_in(self):
        first = self.submit("Repair the school roof")
        synthesis = escalation.add_synthesis(
            self.sam, self.cdc, self.mtf, title="Our CDC's view", text="Schools first.",
            items=[self.item_of(first)])
        self.assertEqual(synthesis.kind, "synthesis")
        self.assertEqual(list(synthesis.origins.values_list("submission_id", flat=True)),
                         [first.pk])
        self.assertTrue(AuditEvent.objects.filter(action="synthesis.added").exists())


@time_machine.travel(TODAY, tick=False)
class InvitationTests(PlatformWorld):
    def test_it_keeps_no_identity_of_an_anonymous_submission(self):
        _invitation, token = services.create_invitation(self.sam, self.mtf, self.cdc,
                                                        label="Town meeting")
        submission, receipt = services.submit_by_invitation(
            token, text="Street lights, please", name="Jane Doe", anonymous=True)
        submission = self.reload(submission)
        self.assertEqual((submission.name, submission.submitted_by, submission.as_organisation),
                         ("", None, None))
        self.assertEqual(submission.voice, "anonymous")
        self.assertNotIn("Jane", str(AuditEvent.objects.filter(
            action="submission.made").values_list("summary", "object_repr", "actor_name")))
        self.assertEqual(services.submission_for_receipt(receipt), submission)
        self.assertEqual(self.reload(_invitation).used_count, 1)

    def test_it_keeps_the_name_when_not_anonymous(self):
        _invitation, token = services.create_invitation(self.sam, self.mtf, self.cdc)
        submission, _receipt = services.submit_by_invitation(token, text="Lights",
                                                              name="Jane Doe")
        self.assertEqual(submission.name, "Jane Doe")

    def test_it_refuses_a_bad_token(self):
        with self.assertRaises(ValidationError):
            services.submit_by_invitation("nope", text="x")
        self.assertFalse(Submission.objects.exists())


@time_machine.travel(TODAY, tick=False)
class CommandTests(PlatformWorld):
    def test_it_prints_the_forum_tree_and_waiting_items(self):
        from io import StringIO

        from django.core.management import call_command

        out = StringIO()
        call_command("platforms", "forums", str(self.platform.pk), stdout=out)
        self.assertIn("    Riverton CDC", out.getvalue())
        services.submit(self.alice, self.mtf, self.cdc, text="Drains")
        out = StringIO()
        call_command("platforms", "items", str(self.cdc.pk), "--json", stdout=out)
        self.assertIn('"path": "Riverton CDC"', out.getvalue())
