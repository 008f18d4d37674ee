"""The notification jobs: the fan-out of one audit event, the sending of e-mails, the hourly
scan for what falls due, and the digests."""

from django.utils.translation import gettext_lazy as _

from partnering.jobs.queue import background_task, enqueue


@background_task(label=_("Tell the people concerned"), attempts=3, backoff=30)
def fan_out(event_id: int) -> dict:
    from partnering.audit.models import AuditEvent
    from partnering.notifications import ledger
    from partnering.notifications.rules import RULES

    event = AuditEvent.objects.filter(pk=event_id).first()
    rule = RULES.get(event.action) if event else None
    news = rule(event) if rule else None
    if news is None:
        return {"notified": 0}
    emails = ledger.write(news, f"event:{event.pk}", partnership_id=event.partnership_id,
                          event=event, actor_id=event.actor_id)
    if emails:
        enqueue(send_emails, emails)
    return {"emails": len(emails)}


@background_task(label=_("Send notification e-mails"), attempts=3, backoff=60)
def send_emails(delivery_ids: list[int]) -> dict:
    from partnering.notifications import mail

    return mail.send_deliveries(delivery_ids)


@background_task(label=_("Find what falls due"), attempts=3, backoff=60)
def scan_due() -> dict:
    from partnering.notifications import scan

    return scan.run()


@background_task(label=_("Send the digests"), attempts=3, backoff=60)
def send_digests() -> dict:
    from partnering.notifications import digests

    return digests.run()


@background_task(label=_("Send survey invitations and reminders"), attempts=3, backoff=60)
def send_outgoing(mail_ids: list[int]) -> dict:
    from partnering.notifications import outgoing

    return outgoing.send(mail_ids)
