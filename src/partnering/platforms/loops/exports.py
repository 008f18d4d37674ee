"""A consultation's submissions and the answers that came back to them, as CSV or XLSX
(openpyxl write-only). Anonymous input names no one: no person, no organisation, no name.
Only the platform's secretariat downloads it (pages.consultation_export checks)."""

from partnering.monitoring.portfolio.exports import csv_response, xlsx_response
from partnering.platforms.models import Answer, AnswerDelivery, HeardResponse, ItemOrigin

HEADER = ["submission_id", "submitted_at", "section", "forum", "level", "voice", "name",
          "organisation", "sector", "language", "text", "item_id", "item_title", "outcome",
          "reason", "referred_to", "change_in_plan", "answered_at", "delivered_at", "heard",
          "heard_comment"]


def _submitter(s) -> tuple[str, str]:
    if s.anonymous:
        return "", ""
    name = s.name or (s.submitted_by.get_full_name() if s.submitted_by else "")
    return name, s.as_organisation.name if s.as_organisation else ""


def rows(consultation):
    origins = ItemOrigin.objects.filter(
        item__consultation=consultation, item__parent__isnull=True).select_related(
        "item", "submission__section", "submission__forum", "submission__level",
        "submission__submitted_by", "submission__as_organisation").order_by("submission_id")
    answers = {a.item_id: a for a in Answer.objects.filter(consultation=consultation)}
    deliveries = {(d.answer_id, d.submission_id): d.delivered_at for d in
                  AnswerDelivery.objects.filter(
                      answer__consultation=consultation)}
    heard = {(h.answer_id, h.submission_id): h for h in
             HeardResponse.objects.filter(answer__consultation=consultation)}
    for origin in origins.iterator(chunk_size=2000):
        s, answer = origin.submission, answers.get(origin.item_id)
        key = (answer.pk, s.pk) if answer else None
        said = heard.get(key)
        yield [s.pk, s.created_at.isoformat(), s.section.number if s.section else "",
               s.forum.title, s.level.name, s.voice, *_submitter(s),
               "" if s.anonymous else s.sector, s.language, s.text, origin.item_id,
               origin.item.title, answer.outcome if answer else "",
               answer.reason if answer else "", answer.referred_to if answer else "",
               answer.change_in_plan if answer else "",
               answer.answered_at.isoformat() if answer else "",
               deliveries[key].isoformat() if key and deliveries.get(key) else "",
               said.feeling if said else "", said.comment if said else ""]


def response(consultation, fmt: str):
    name = f"consultation-{consultation.pk}-submissions-and-answers"
    if fmt == "csv":
        return csv_response(name, HEADER, rows(consultation))
    return xlsx_response(name, "Submissions and answers", HEADER, rows(consultation))
