"""A consultation's submissions and the answers that came back to them, as CSV or XLSX
(openpyxl write-only). Anonymous input names no one: no person, no organisation, no name.
Only the platform's secretariat downloads it (pages.consultation_export checks). Each row
names the path of the item that carries the submission, computed a chunk of rows at a time
(a fixed number of queries per chunk)."""

from partnering.monitoring.portfolio.exports import csv_response, xlsx_response
from partnering.platforms.consultations.items import path_labels
from partnering.platforms.models import Answer, AnswerDelivery, HeardResponse, ItemOrigin

HEADER = ["submission_id", "submitted_at", "section", "forum", "level", "voice", "name",
          "organisation", "sector", "language", "text", "item_id", "item_title", "item_path",
          "outcome",
          "reason", "referred_to", "change_in_plan", "answered_at", "delivered_at", "heard",
          "heard_comment"]


def _submitter(s) -> tuple[str, str]:
    if s.anonymous:
        return "", ""
    name = s.name or (s.submitted_by.get_full_name() if s.submitted_by else "")
    return name, s.as_organisation.name if s.as_organisation else ""


CHUNK = 2000


def _chunks(queryset):
    chunk = []
    for row in queryset.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _paths(origins, user) -> dict:
    """{item id: its path as the reader sees it} for the items of these rows."""
    items = list({origin.item_id: origin.item for origin in origins}.values())
    return dict(zip([i.pk for i in items], path_labels(items, user), strict=True))


def _answer_columns(answer) -> list:
    if answer is None:
        return ["", "", "", "", ""]
    return [answer.outcome, answer.reason, answer.referred_to, answer.change_in_plan,
            answer.answered_at.isoformat()]


def rows(consultation, user):
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
    for chunk in _chunks(origins):
        paths = _paths(chunk, user)
        for origin in chunk:
            s, answer = origin.submission, answers.get(origin.item_id)
            key = (answer.pk, s.pk) if answer else None
            said = heard.get(key)
            yield [s.pk, s.created_at.isoformat(), s.section.number if s.section else "",
                   s.forum.title, s.level.name, s.voice, *_submitter(s),
                   "" if s.anonymous else s.sector, s.language, s.text, origin.item_id,
                   origin.item.title, paths[origin.item_id], *_answer_columns(answer),
                   deliveries[key].isoformat() if key and deliveries.get(key) else "",
                   said.feeling if said else "", said.comment if said else ""]


def response(consultation, fmt: str, user):
    name = f"consultation-{consultation.pk}-submissions-and-answers"
    if fmt == "csv":
        return csv_response(name, HEADER, rows(consultation, user))
    return xlsx_response(name, "Submissions and answers", HEADER, rows(consultation, user))
