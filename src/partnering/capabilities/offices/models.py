"""Partnerships offices (a country office, a ministry's partnership unit) with their people,
assessment rounds, courses, cohorts and enrolments, and role profiles."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partnering.capabilities.framework.models import LEVELS
from partnering.limits import max_text


class Office(models.Model):
    name = models.CharField(max_length=200)
    organisation = models.ForeignKey("registry.Organisation", on_delete=models.CASCADE,
                                     related_name="partnerships_offices")
    manager = models.ForeignKey("registry.Person", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="managed_offices")
    description = models.TextField(blank=True, validators=[max_text])
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class OfficeMember(models.Model):
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("registry.Person", on_delete=models.CASCADE,
                               related_name="office_memberships")
    role = models.CharField(max_length=100, default="Relationship manager")

    class Meta:
        ordering = ["person__name", "id"]
        constraints = [models.UniqueConstraint(fields=["office", "person"],
                                               name="one_membership_per_office")]

    def __str__(self) -> str:
        return f"{self.person} ({self.office})"


class OfficeRound(models.Model):
    """An assessment round of an office: its people's self-assessments of that time."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(max_length=200)
    held_on = models.DateField()

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return self.name


class Course(models.Model):
    title = models.CharField(max_length=200)
    provider = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True, validators=[max_text])

    class Meta:
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title


class Cohort(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="cohorts")
    office = models.ForeignKey(Office, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="cohorts")
    name = models.CharField(max_length=200)
    starts = models.DateField()
    ends = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-starts", "id"]

    def __str__(self) -> str:
        return self.name


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", pgettext_lazy("enrolment", "Enrolled")
    COMPLETED = "completed", pgettext_lazy("enrolment", "Completed")
    WITHDRAWN = "withdrawn", pgettext_lazy("enrolment", "Withdrawn")


class Enrolment(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrolments")
    person = models.ForeignKey("registry.Person", on_delete=models.CASCADE,
                               related_name="course_enrolments")
    status = models.CharField(max_length=10, choices=EnrolmentStatus.choices,
                              default=EnrolmentStatus.ENROLLED)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["cohort", "person__name", "id"]
        constraints = [models.UniqueConstraint(fields=["cohort", "person"],
                                               name="one_enrolment_per_cohort")]

    def __str__(self) -> str:
        return f"{self.person} · {self.cohort}"


class RoleProfile(models.Model):
    """A role of the partnership officer job series. Without an office it is the platform's
    template; an office adapts a copy (`based_on`)."""

    office = models.ForeignKey(Office, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="role_profiles")
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    key = models.SlugField(max_length=60, blank=True)
    series = models.CharField(max_length=200, default="Partnership officer")
    grade = models.CharField(max_length=100)
    title = models.CharField(max_length=200)
    purpose = models.TextField(validators=[max_text])
    responsibilities = models.TextField(_("responsibilities (one a line)"),
                                        validators=[max_text])
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["office", "order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def responsibility_lines(self) -> list[str]:
        return [line.strip() for line in self.responsibilities.splitlines() if line.strip()]


class RoleRequirement(models.Model):
    profile = models.ForeignKey(RoleProfile, on_delete=models.CASCADE,
                                related_name="requirements")
    competency = models.ForeignKey("capabilities.Competency", on_delete=models.CASCADE,
                                   related_name="+")
    level = models.PositiveSmallIntegerField(choices=[(n, n) for n in LEVELS])

    class Meta:
        ordering = ["competency__group", "competency__order", "id"]
        constraints = [models.UniqueConstraint(fields=["profile", "competency"],
                                               name="one_requirement_per_competency")]

    def __str__(self) -> str:
        return f"{self.competency} {self.level}"
