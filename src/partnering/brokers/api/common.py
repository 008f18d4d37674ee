"""The brokers API's router and the rows its endpoints answer."""

from ninja import Router

router = Router(tags=["brokers"])


def _dec(value):
    return float(value) if value is not None else None


def accreditation_row(a) -> dict:
    return {"id": a.pk, "body": a.body, "level": a.level, "awarded": a.awarded,
            "expires": a.expires, "status": a.status}


def broker_row(p, *, accreditations=True) -> dict:
    row = {"id": p.pk, "person_id": p.person_id, "name": p.person.name, "kind": p.kind,
           "organisation_id": p.organisation_id,
           "organisation": p.organisation.name if p.organisation_id else "",
           "bio": p.bio, "languages": p.languages, "regions": p.regions,
           "countries": p.countries, "sectors": p.sectors, "specialties": p.specialties,
           "days_per_month": _dec(p.days_per_month), "committed_days": _dec(p.committed_days),
           "free_days": _dec(p.free_days), "listed": p.listed,
           "accredited": p.is_accredited, "accredited_until": p.accredited_until,
           "mentor_id": p.mentor_id}
    row["accreditations"] = ([accreditation_row(a) for a in p.accreditations.all()]
                             if accreditations else [])
    return row


def assignment_row(a) -> dict:
    return {"id": a.pk, "partnership_id": a.partnership_id, "broker_id": a.broker_id,
            "terms_of_reference": a.terms_of_reference, "start": a.start, "end": a.end,
            "days_per_month": _dec(a.days_per_month), "ended_on": a.ended_on,
            "end_note": a.end_note, "current": a.is_current,
            "rating_round_id": a.rating_round_id}
