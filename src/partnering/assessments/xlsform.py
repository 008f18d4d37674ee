"""Instruments as XLSForm workbooks (survey / choices / settings sheets) for ODK and
KoboToolbox, both ways; responses as anonymised CSV."""

import csv
import io
import re
import secrets
import zipfile

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from partnering.assessments.models import (
    DONT_KNOW,
    LIKERT_LABELS,
    Dimension,
    Instrument,
    Question,
    QuestionKind,
    Section,
    label,
)
from partnering.audit.services import record

LIKERT_LIST = "agree5"
DONT_KNOW_VALUE = "dk"
# XLSForm names a label column by its language in English ("label::French (fr)").
LANG_NAMES = {"en": "English (en)", "fr": "French (fr)", "es": "Spanish (es)",
              "pt": "Portuguese (pt)"}


def _lang_name(lang: str) -> str:
    return LANG_NAMES.get(lang, f"{lang} ({lang})")


def _relevant(question) -> str:
    rule = question.show_if or {}
    if not rule:
        return ""
    parts = [f"selected(${{{rule['question']}}}, '{value}')" for value in rule.get("in", [])]
    return " or ".join(parts)


def instrument_languages(instrument) -> list[str]:
    langs = list(instrument.languages or []) or ["en"]
    return ["en"] + [lang for lang in langs if lang != "en"]


def _number_constraint(q) -> str:
    bounds = []
    if q.min_value is not None:
        bounds.append(f". >= {q.min_value:g}")
    if q.max_value is not None:
        bounds.append(f". <= {q.max_value:g}")
    return " and ".join(bounds)


def _question_type(q, choices, langs) -> tuple[str, str]:
    """(XLSForm type, constraint) of a question; its own choices go on the choices sheet."""
    if q.kind == QuestionKind.LIKERT:
        return f"select_one {LIKERT_LIST}", ""
    if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        list_name = f"{q.code}_choices"
        for choice in q.choices:
            choices.append([list_name, str(choice["value"])]
                           + [label(choice.get("label", {}), lang) for lang in langs])
        return f"{'select_one' if q.kind == 'single' else 'select_multiple'} {list_name}", ""
    if q.kind == QuestionKind.NUMBER:
        return "decimal", _number_constraint(q)
    return "text", ""


def _hint(q) -> str:
    hint = f"dimension: {q.dimension.code}" if q.dimension_id else ""
    return hint + " (reverse scored)" if q.reverse_scored else hint


def _choices_sheet(book, langs):
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name"] + [f"label::{_lang_name(lang)}" for lang in langs])
    for value, text in LIKERT_LABELS.items():
        choices.append([LIKERT_LIST, str(value)] + [label(text, lang) for lang in langs])
    choices.append([LIKERT_LIST, DONT_KNOW_VALUE] + [label(DONT_KNOW, lang) for lang in langs])
    return choices


def export_xlsform(instrument: Instrument) -> bytes:
    langs = instrument_languages(instrument)
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(["type", "name"] + [f"label::{_lang_name(lang)}" for lang in langs]
                  + ["required", "relevant", "constraint", "hint::English (en)"])
    choices = _choices_sheet(book, langs)
    questions = list(instrument.questions.select_related("section", "dimension"))
    for section in instrument.sections.all():
        survey.append(["begin group", section.code] + [label(section.title, lang)
                                                        for lang in langs])
        for q in (q for q in questions if q.section_id == section.pk):
            kind, constraint = _question_type(q, choices, langs)
            survey.append([kind, q.code] + [label(q.label, lang) for lang in langs]
                          + ["yes" if q.required else "", _relevant(q), constraint, _hint(q)])
        survey.append(["end group", section.code])
    settings_sheet = book.create_sheet("settings")
    settings_sheet.append(["form_title", "form_id", "version", "default_language"])
    settings_sheet.append([label(instrument.title), instrument.key.replace("-", "_"),
                           instrument.updated.strftime("%Y%m%d%H"), _lang_name("en")])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


LABEL_COLUMN = re.compile(r"^label(?:::.*\((?P<code>[a-z]{2,3})\))?$")
RELEVANT = re.compile(r"selected\(\$\{(?P<q>[a-z0-9_]+)\},\s*'(?P<v>[^']+)'\)")
DIMENSION_HINT = re.compile(r"dimension:\s*(?P<code>[a-z0-9_-]+)")


def _rows(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        return []
    header = [str(h or "").strip() for h in rows[0]]
    return [{h: ("" if v is None else str(v)).strip() for h, v in zip(header, row, strict=False)
             if h} for row in rows[1:] if any(v not in (None, "") for v in row)]


def _labels(row: dict) -> dict:
    out = {}
    for key, value in row.items():
        match = LABEL_COLUMN.match(key)
        if match and value:
            out[match.group("code") or "en"] = value[:2000]
    return out


def _read(data: bytes) -> tuple[list, list, list]:
    """(survey, choices, settings) rows of an XLSForm workbook."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        survey = _rows(book["survey"])
        choice_rows = _rows(book["choices"]) if "choices" in book.sheetnames else []
        settings_rows = _rows(book["settings"]) if "settings" in book.sheetnames else []
    except (KeyError, OSError, ValueError, TypeError, zipfile.BadZipFile,
            InvalidFileException) as error:
        raise ValidationError({"file": _("This is not an XLSForm workbook with a survey "
                                         "sheet.")}) from error
    return survey, choice_rows, settings_rows


def _choice_lists(choice_rows) -> dict:
    lists: dict = {}
    for row in choice_rows:
        lists.setdefault(row.get("list_name", ""), []).append(
            {"value": row.get("name", ""), "label": _labels(row) or {"en": row.get("name")}})
    return lists


SKIPPED = ("end group", "note", "start", "end", "today", "deviceid", "calculate")
LIKERT_VALUES = {"1", "2", "3", "4", "5"}


def _kind(kind: str, lists: dict, number: int) -> tuple[str, dict]:
    """(question kind, extra fields) of a survey row's type."""
    base, _sep, list_name = kind.partition(" ")
    if base == "select_one" and {c["value"] for c in lists.get(list_name, [])} >= LIKERT_VALUES:
        return QuestionKind.LIKERT, {}
    if base in ("select_one", "select_multiple"):
        if list_name not in lists:
            raise ValidationError({"file": _("survey row %(number)s: no choices list "
                                             "“%(list)s”.") % {"number": number,
                                                               "list": list_name}})
        kind = QuestionKind.SINGLE if base == "select_one" else QuestionKind.MULTIPLE
        return kind, {"choices": lists[list_name]}
    if base in ("integer", "decimal", "range"):
        return QuestionKind.NUMBER, {}
    if base == "text":
        return QuestionKind.TEXT, {}
    raise ValidationError({"file": _("survey row %(number)s: type “%(type)s” is not "
                                     "supported.") % {"number": number, "type": kind}})


class _Survey:
    """The instrument being built from the survey sheet, row by row."""

    def __init__(self, instrument: Instrument, lists: dict):
        self.instrument, self.lists = instrument, lists
        self.section, self.dims, self.order = None, {}, 0

    def add(self, number: int, row: dict) -> None:
        kind, name = row.get("type", ""), row.get("name", "")
        texts = _labels(row) or {"en": name}
        if kind == "begin group":
            self.section = Section.objects.create(instrument=self.instrument,
                                                  code=name or f"s{number}", title=texts,
                                                  order=number)
            return
        if kind in SKIPPED:
            return
        if not name:
            raise ValidationError({"file": _("survey row %(number)s: a question needs a "
                                             "name.") % {"number": number}})
        if self.section is None:
            self.section = Section.objects.create(instrument=self.instrument, code="main",
                                                  title={"en": "Questions"}, order=0)
        q_kind, extra = _kind(kind, self.lists, number)
        self._save(number, Question(
            instrument=self.instrument, section=self.section, code=name[:60], kind=q_kind,
            label=texts, order=self.order,
            required=row.get("required", "").lower() in ("yes", "true"),
            **extra, **self._dimension(row), **_show_if(row)))

    def _dimension(self, row: dict) -> dict:
        """A hint "dimension: <code>" puts the question in that dimension."""
        hint = " ".join(v for k, v in row.items() if k.startswith("hint"))
        match = DIMENSION_HINT.search(hint)
        if not match:
            return {}
        code = match.group("code")
        if code not in self.dims:
            self.dims[code] = Dimension.objects.create(
                instrument=self.instrument, code=code, label={"en": code.replace("_", " ")},
                order=len(self.dims))
        return {"dimension": self.dims[code], "reverse_scored": "reverse scored" in hint}

    def _save(self, number: int, question: Question) -> None:
        try:
            question.full_clean()
        except ValidationError as error:
            raise ValidationError({"file": _("survey row %(number)s: %(errors)s") % {
                "number": number, "errors": "; ".join(error.messages)}}) from error
        question.save()
        self.order += 1


def _show_if(row: dict) -> dict:
    relevant = RELEVANT.findall(row.get("relevant", ""))
    if relevant and len({q for q, _ in relevant}) == 1:
        return {"show_if": {"question": relevant[0][0], "in": [v for _, v in relevant]}}
    return {}


@transaction.atomic
def import_xlsform(actor, data: bytes, *, key: str) -> Instrument:
    """An instrument from an XLSForm. Likert questions are select_one lists with the values
    1–5 (and optionally "dk"); a hint "dimension: <code>" puts a question in a dimension."""
    survey, choice_rows, settings_rows = _read(data)
    if Instrument.objects.filter(key=key).exists():
        raise ValidationError({"key": _("An instrument with this key exists.")})
    title = (settings_rows[0].get("form_title") if settings_rows else "") or key
    langs = sorted({lang for row in survey for lang in _labels(row)}) or ["en"]
    instrument = Instrument(key=key, title={"en": title[:200]}, languages=langs)
    instrument.full_clean()
    instrument.save()
    builder = _Survey(instrument, _choice_lists(choice_rows))
    for number, row in enumerate(survey, start=2):
        builder.add(number, row)
    if not instrument.questions.exists():
        raise ValidationError({"file": _("The survey sheet has no questions.")})
    record(actor, "create", instrument, summary=f"Imported the instrument {key} from XLSForm")
    return instrument


def responses_csv(round_) -> str:
    """One row per submitted response, without names: rows are shuffled within their group,
    numbered afresh (not database ids, which follow the order of invitations), and groups
    hidden by the anonymity rules are left out. Only once the round has closed: two
    downloads of an open round would differ by the latest response."""
    from partnering.assessments.models import Answer
    from partnering.assessments.results import (
        hidden_groups,
        min_group,
        require_closed,
        respondent_counts,
    )

    require_closed(round_)
    counts = respondent_counts(round_)
    hidden = hidden_groups(counts, min_group())
    questions = list(round_.instrument.questions.order_by("section__order", "order", "id"))
    groups = {g.pk: g.name for g in round_.groups.all() if g.pk not in hidden}
    answers = (Answer.objects.filter(round=round_, counted=True, group_id__in=groups)
               .order_by("group_id", "response_id")
               .values("response_id", "group_id", "question_id", "value", "dont_know",
                       "choices", "text"))
    rows: dict = {}
    for a in answers:
        row = rows.setdefault(a["response_id"], {"group": groups[a["group_id"]]})
        if a["dont_know"]:
            value = DONT_KNOW_VALUE
        elif a["choices"]:
            value = " ".join(a["choices"])
        elif a["value"] is not None:
            value = f"{a['value']:g}"
        else:
            value = a["text"]
        row[a["question_id"]] = value
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["response", "group"] + [q.code for q in questions])
    shuffled = list(rows.values())
    secrets.SystemRandom().shuffle(shuffled)
    for number, row in enumerate(sorted(shuffled, key=lambda r: r["group"]), start=1):
        writer.writerow([number, row["group"]] + [_cell(row.get(q.pk, "")) for q in questions])
    return out.getvalue()


def _cell(value) -> str:
    text = str(value)
    # Spreadsheet formula injection: a leading =, +, - or @ is shown as text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
