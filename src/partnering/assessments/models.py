"""Assessments: instruments (sections, questions, dimensions), rounds, invitations and
anonymous responses.

Anonymity by construction: an Invitation knows who was asked; a Response knows what was
answered. While a response is a draft it points at its invitation (so reminders can be sent
and drafts resumed); on submission that link is cut and only a hash derived from the
respondent's token (different from the invitation's token hash) lets the token holder edit
it until the round closes. Drafts are never counted in results.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from partnering.limits import max_text
from partnering.partnerships.models import Partnership
from partnering.registry.models import Organisation

LANGUAGES = ("en", "fr", "es", "pt")


def label(text: dict, lang: str | None = None) -> str:
    """A translated label: the language asked for (by default the interface's active
    language), else English, else any."""
    if not isinstance(text, dict):
        return str(text or "")
    lang = lang or content_language(get_language())
    return text.get(lang) or text.get("en") or next(iter(text.values()), "")


def content_language(code: str | None) -> str:
    """The plain language of an interface language code ("pt-br" → "pt")."""
    return (code or "en").split("-")[0].lower()


def group_name(name: str) -> str:
    """A respondent group's name to show: the names the platform gives ("Own staff",
    "Partners", a sector) are stored in English and shown in the reader's language;
    organisations' names stay as they are."""
    return gettext(name) if name else ""


def validate_translations(value):
    if not isinstance(value, dict) or not value:
        raise ValidationError(_("Give the text as {language: text}, with English at least."))
    for lang, text in value.items():
        if not isinstance(lang, str) or not (2 <= len(lang) <= 10) or not isinstance(text, str):
            raise ValidationError(_("Give the text as {language: text}."))


class InstrumentKind(models.TextChoices):
    HEALTH_CHECK = "health_check", _("Partnership health check")
    FIT = "fit_for_partnering", _("Fit for partnering (an organisation)")
    COMPETENCIES = "competencies", _("Partnering competencies (self-assessment)")
    OTHER = "other", _("Other survey")


class QuestionKind(models.TextChoices):
    LIKERT = "likert", _("Agreement, 1–5 with “don't know”")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    NUMBER = "number", _("Number")
    TEXT = "text", _("Free text")


LIKERT_LABELS = {
    1: {"en": "Strongly disagree", "fr": "Pas du tout d'accord", "es": "Muy en desacuerdo",
        "pt": "Discordo totalmente"},
    2: {"en": "Disagree", "fr": "Pas d'accord", "es": "En desacuerdo", "pt": "Discordo"},
    3: {"en": "Neither agree nor disagree", "fr": "Ni d'accord ni pas d'accord",
        "es": "Ni de acuerdo ni en desacuerdo", "pt": "Nem concordo nem discordo"},
    4: {"en": "Agree", "fr": "D'accord", "es": "De acuerdo", "pt": "Concordo"},
    5: {"en": "Strongly agree", "fr": "Tout à fait d'accord", "es": "Muy de acuerdo",
        "pt": "Concordo totalmente"},
}
DONT_KNOW = {"en": "Don't know", "fr": "Je ne sais pas", "es": "No sé", "pt": "Não sei"}


class Instrument(models.Model):
    key = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=20, choices=InstrumentKind.choices,
                            default=InstrumentKind.OTHER)
    title = models.JSONField(validators=[validate_translations])
    description = models.JSONField(default=dict, blank=True)
    languages = models.JSONField(default=list, blank=True)
    built_in = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "key"]

    def __str__(self) -> str:
        return label(self.title)


class Dimension(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE,
                                   related_name="dimensions")
    code = models.SlugField(max_length=60)
    label = models.JSONField(validators=[validate_translations])
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["instrument", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["instrument", "code"],
                                               name="one_dimension_code_per_instrument")]

    def __str__(self) -> str:
        return label(self.label)


class Section(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE,
                                   related_name="sections")
    code = models.SlugField(max_length=60)
    title = models.JSONField(validators=[validate_translations])
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["instrument", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["instrument", "code"],
                                               name="one_section_code_per_instrument")]

    def __str__(self) -> str:
        return label(self.title)


class Question(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE,
                                   related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(max_length=60)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)
    label = models.JSONField(validators=[validate_translations])
    dimension = models.ForeignKey(Dimension, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="questions")
    reverse_scored = models.BooleanField(
        default=False, help_text=_("Agreement is bad news (a failure marker such as "
                    "“competing agendas”): scored 6 − answer."))
    # [{"value": "a", "label": {"en": ...}}] for single and multiple choice.
    choices = models.JSONField(default=list, blank=True)
    min_value = models.FloatField(null=True, blank=True)
    max_value = models.FloatField(null=True, blank=True)
    required = models.BooleanField(default=False)
    # Skip logic: {"question": "<code of an earlier question>", "in": ["value", ...]}
    show_if = models.JSONField(default=dict, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["instrument", "section__order", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["instrument", "code"],
                                               name="one_question_code_per_instrument")]

    def __str__(self) -> str:
        return label(self.label)

    @property
    def is_scored(self) -> bool:
        return self.kind == QuestionKind.LIKERT and self.dimension_id is not None

    def choice_values(self) -> list[str]:
        return [str(choice.get("value")) for choice in self.choices or []]

    def clean(self):
        errors = {}
        if self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            values = self.choice_values()
            if not values or len(values) != len(set(values)):
                errors["choices"] = _("Give at least one choice, each with its own value.")
        if self.show_if and not (isinstance(self.show_if, dict)
                                 and isinstance(self.show_if.get("question"), str)
                                 and isinstance(self.show_if.get("in"), list)):
            errors["show_if"] = _('Write skip logic as {"question": "code", "in": [values]}.')
        if self.dimension_id and self.dimension.instrument_id != self.instrument_id:
            errors["dimension"] = _("That dimension belongs to another instrument.")
        if errors:
            raise ValidationError(errors)


class RoundQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Rounds whose results and respondents a user may see: the partnership's members,
        brokers and member organisations' admins; the organisation's own admins; admins."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        person = getattr(user, "person", None)
        own = Q(organisation__isnull=False, organisation_id=person.organisation_id) if (
            person and person.is_organisation_admin and person.organisation_id) else Q(pk=None)
        return self.filter(Q(partnership__in=Partnership.objects.involving(user)) | own)


class Round(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="rounds")
    partnership = models.ForeignKey(Partnership, null=True, blank=True,
                                    on_delete=models.CASCADE, related_name="assessment_rounds")
    organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="assessment_rounds")
    title = models.CharField(max_length=200)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at", "-id"]
        constraints = [models.CheckConstraint(
            condition=Q(partnership__isnull=True, organisation__isnull=False)
            | Q(partnership__isnull=False, organisation__isnull=True),
            name="round_of_a_partnership_or_an_organisation")]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The round must close after it opens.")
        if bool(self.partnership_id) == bool(self.organisation_id):
            errors["__all__"] = _("A round is of one partnership or of one organisation.")
        if self.pk and self.closes_at:
            closed = Round.objects.filter(pk=self.pk, closes_at__lte=timezone.now()).values_list(
                "closes_at", flat=True).first()
            if closed is not None and self.closes_at != closed:
                # Its results are out: new answers would show by comparing before and after.
                errors["closes_at"] = _("A closed round cannot reopen: start a new round.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.opens_at <= timezone.now() < self.closes_at

    @property
    def subject(self):
        return self.partnership or self.organisation

    def previous(self):
        return Round.objects.filter(
            instrument_id=self.instrument_id, partnership_id=self.partnership_id,
            organisation_id=self.organisation_id, closes_at__lte=self.opens_at,
        ).exclude(pk=self.pk).order_by("-closes_at", "-id").first()


class Perspective(models.TextChoices):
    SELF = "self", _("Self-view (own staff, the organisation itself)")
    PARTNER = "partner", _("Partners' view")
    MEMBER = "member", _("Member of the partnership")


class RespondentGroup(models.Model):
    """One partition of a round's respondents: a member organisation or a sector (health
    checks), own staff or partners (fit for partnering). A respondent is in one group."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=200)
    perspective = models.CharField(max_length=10, choices=Perspective.choices,
                                   default=Perspective.MEMBER)
    organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["round", "name", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "name"],
                                               name="one_group_name_per_round")]

    def __str__(self) -> str:
        return group_name(self.name)

    @property
    def display_name(self) -> str:
        return group_name(self.name)


def token_hash(token: str, purpose: str = "invitation") -> str:
    return hashlib.sha256(f"{purpose}:{token}".encode()).hexdigest()


class Invitation(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    group = models.ForeignKey(RespondentGroup, on_delete=models.CASCADE,
                              related_name="invitations")
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(max_length=254)
    token_hash = models.CharField(max_length=64, unique=True)
    submitted = models.BooleanField(default=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminders = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group__name", "email", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "email"],
                                               name="one_invitation_per_address")]
        # The response rate reads this index only.
        indexes = [models.Index(fields=["round", "submitted", "reminded_at"],
                                name="invitation_response_rate")]

    def __str__(self) -> str:
        return f"{self.name or self.email} ({self.group})"


class Response(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    group = models.ForeignKey(RespondentGroup, on_delete=models.CASCADE,
                              related_name="responses")
    language = models.CharField(max_length=10, default="en")
    submitted = models.BooleanField(default=False)
    # Only while a draft: cut on submission (see the module docstring).
    invitation = models.OneToOneField(Invitation, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="draft")
    key_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        indexes = [models.Index(fields=["round", "submitted", "group"])]

    def __str__(self) -> str:
        return f"Response {self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # Denormalised for aggregates (results are computed by the database).
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(RespondentGroup, on_delete=models.CASCADE, related_name="+")
    dimension = models.ForeignKey(Dimension, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    counted = models.BooleanField(default=False)
    value = models.FloatField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    dont_know = models.BooleanField(default=False)
    choices = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True, validators=[max_text])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"],
                                               name="one_answer_per_question")]
        # Covers the results' aggregates: they read no table row.
        indexes = [models.Index(fields=["round", "dimension", "group", "counted", "score",
                                        "response", "dont_know"], name="answer_results"),
                   # Free text of a round without reading its scored answers.
                   models.Index(fields=["round", "group"], condition=~Q(text=""),
                                name="answer_free_text")]

    def __str__(self) -> str:
        return f"Answer {self.pk}"


class ActionPlanItem(models.Model):
    """An action from the summit of an organisation's fit-for-partnering round. Rounds of a
    partnership turn results into governance Actions (owned by the partnership); an
    organisation's own change programme belongs to no partnership, so it lives here with the
    same fields (title, owner organisation / person, due date, status)."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("action plan item", "Open")
        DONE = "done", pgettext_lazy("action plan item", "Done")
        DROPPED = "dropped", pgettext_lazy("action plan item", "Dropped")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="plan_items")
    dimension = models.ForeignKey(Dimension, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    # For a partnership's round: the governance Action this item became.
    action = models.OneToOneField("governance.Action", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="plan_item")
    title = models.CharField(max_length=300)
    owner_name = models.CharField(_("owner (person or unit)"), max_length=200)
    due_date = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.title
from partnering.assessments.result_cells import ResultCell  # noqa: E402,F401  (a model)
