"""/api/v1/offices: partnerships offices, their people, the competency heat map (groups
under 5 suppressed), trends across assessment rounds, cohorts and enrolments, and role
profiles (adapted from the partnership officer job series, downloadable as DOCX and PDF).
An office answers 404 to anyone capabilities/access.py does not allow."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext as _
from ninja import Router, Status

from partnering.capabilities import access
from partnering.capabilities.api.office_schemas import (
    AdaptIn,
    CohortIn,
    CohortOut,
    CourseIn,
    CourseOut,
    EnrolIn,
    HeatMapOut,
    OfficeIn,
    OfficeMemberIn,
    OfficeMemberOut,
    OfficeOut,
    OfficeRoundIn,
    OfficeRoundOut,
    RoleProfileOut,
    RoleProfilePatch,
    TrendOut,
)
from partnering.capabilities.api.rows import role_profile_row
from partnering.capabilities.offices import exports, queries, services
from partnering.capabilities.offices.models import Course, RoleProfile
from partnering.registry.models import Organisation, Person
from partnering.schemas import READ_ERRORS, WRITE_ERRORS, download, require_user

router = Router(tags=["partnerships offices"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _office_row(office) -> dict:
    return {"id": office.pk, "name": office.name, "organisation_id": office.organisation_id,
            "organisation_name": office.organisation.name, "manager_id": office.manager_id,
            "description": office.description, "people": office.members.count()}


def _person(pk: int, field: str = "person_id") -> Person:
    person = Person.objects.filter(pk=pk).first()
    if person is None:
        raise ValidationError({field: _("No such person.")})
    return person


@router.get("", response={200: list[OfficeOut], **READ_ERRORS},
            summary="Partnerships offices I belong to, manage or administer")
def list_offices(request):
    offices = access.offices_for(request.user).select_related("organisation")[:200]
    return [_office_row(o) for o in offices]


@router.post("", response={201: OfficeOut, **WRITE_ERRORS},
             summary="Open a partnerships office (the organisation's admins)")
def create_office(request, payload: OfficeIn):
    require_user(request)
    organisation = Organisation.objects.filter(pk=payload.organisation_id).first()
    if organisation is None:
        raise ValidationError({"organisation_id": _("No such organisation.")})
    manager = _person(payload.manager_id, "manager_id") if payload.manager_id else None
    office = services.create_office(request.user, organisation=organisation,
                                    name=payload.name, manager=manager,
                                    description=payload.description)
    return Status(201, _office_row(office))


@router.get("/courses", response={200: list[CourseOut], **READ_ERRORS},
            summary="Courses of the partnering curriculum (e.g. Partnering2030)")
def list_courses(request):
    return list(Course.objects.values("id", "title", "provider", "description")[:200])


@router.post("/courses", response={201: CourseOut, **WRITE_ERRORS},
             summary="Add a course to the curriculum (platform admins)")
def create_course(request, payload: CourseIn):
    require_user(request)
    course = services.create_course(request.user, **payload.model_dump())
    return Status(201, {"id": course.pk, "title": course.title, "provider": course.provider,
                        "description": course.description})


@router.get("/{office_id}", response={200: OfficeOut, **READ_ERRORS}, summary="An office")
def get_office(request, office_id: int):
    return _office_row(access.office_or_404(request.user, office_id))


@router.get("/{office_id}/members", response={200: list[OfficeMemberOut], **READ_ERRORS},
            summary="The office's people (relationship managers and others)")
def list_office_members(request, office_id: int):
    office = access.office_or_404(request.user, office_id)
    return [{"id": m.pk, "person_id": m.person_id, "name": m.person.name, "role": m.role}
            for m in office.members.select_related("person")]


@router.post("/{office_id}/members", response={201: OfficeMemberOut, **WRITE_ERRORS},
             summary="Add a person to the office (its manager)")
def add_office_member(request, office_id: int, payload: OfficeMemberIn):
    require_user(request)
    office = access.office_or_404(request.user, office_id)
    member = services.add_member(request.user, office, _person(payload.person_id),
                                 role=payload.role)
    return Status(201, {"id": member.pk, "person_id": member.person_id,
                        "name": member.person.name, "role": member.role})


@router.get("/{office_id}/heat-map", response={200: HeatMapOut, **READ_ERRORS},
            summary="The office's competency profile: people per level of each competency",
            description="No individual; a competency with fewer than 5 people assessed has "
                        "no figures (`suppressed`).")
def heat_map(request, office_id: int):
    return queries.heat_map(access.office_or_404(request.user, office_id))


@router.get("/{office_id}/trends", response={200: list[TrendOut], **READ_ERRORS},
            summary="Average levels per assessment round (suppressed under 5 people)")
def trends(request, office_id: int):
    return queries.trends(access.office_or_404(request.user, office_id))


@router.post("/{office_id}/rounds", response={201: OfficeRoundOut, **WRITE_ERRORS},
             summary="Open an assessment round of the office")
def open_round(request, office_id: int, payload: OfficeRoundIn):
    require_user(request)
    office = access.office_or_404(request.user, office_id)
    made = services.open_round(request.user, office, name=payload.name,
                               held_on=payload.held_on)
    return Status(201, {"id": made.pk, "name": made.name, "held_on": made.held_on})


@router.get("/{office_id}/cohorts", response={200: list[CohortOut], **READ_ERRORS},
            summary="Course cohorts with enrolments and completions")
def list_cohorts(request, office_id: int):
    return queries.enrolments(access.office_or_404(request.user, office_id))


@router.post("/{office_id}/cohorts", response={201: CohortOut, **WRITE_ERRORS},
             summary="Open a cohort of a course for the office")
def open_cohort(request, office_id: int, payload: CohortIn):
    require_user(request)
    office = access.office_or_404(request.user, office_id)
    course = Course.objects.filter(pk=payload.course_id).first()
    if course is None:
        raise ValidationError({"course_id": _("No such course.")})
    cohort = services.open_cohort(request.user, office, course, name=payload.name,
                                  starts=payload.starts, ends=payload.ends)
    return Status(201, next(r for r in queries.enrolments(office) if r["id"] == cohort.pk))


@router.post("/{office_id}/cohorts/{cohort_id}/enrolments",
             response={201: CohortOut, **WRITE_ERRORS},
             summary="Enrol one of the office's people in a cohort")
def enrol(request, office_id: int, cohort_id: int, payload: EnrolIn):
    require_user(request)
    office = access.office_or_404(request.user, office_id)
    cohort = get_object_or_404(office.cohorts, pk=cohort_id)
    services.enrol(request.user, cohort, _person(payload.person_id))
    return Status(201, next(r for r in queries.enrolments(office) if r["id"] == cohort.pk))


def _profile(request, office_id: int, role_profile_id: int):
    office = access.office_or_404(request.user, office_id)
    return office, access.role_profile_or_404(request.user, office, role_profile_id)


@router.get("/{office_id}/role-profiles", response={200: list[RoleProfileOut], **READ_ERRORS},
            summary="The office's role profiles and the job series' templates")
def list_role_profiles(request, office_id: int):
    office = access.office_or_404(request.user, office_id)
    return [role_profile_row(p) for p in RoleProfile.objects.filter(
        office__in=[office.pk, None]).order_by("office_id", "order", "id")]


@router.post("/{office_id}/role-profiles", response={201: RoleProfileOut, **WRITE_ERRORS},
             summary="Adapt a template role profile: the office's own copy to edit")
def adapt_role_profile(request, office_id: int, payload: AdaptIn):
    require_user(request)
    office, template = _profile(request, office_id, payload.template_id)
    return Status(201, role_profile_row(services.adapt_role_profile(request.user, office,
                                                                    template)))


@router.patch("/{office_id}/role-profiles/{role_profile_id}",
              response={200: RoleProfileOut, **WRITE_ERRORS},
              summary="Edit the office's role profile")
def update_role_profile(request, office_id: int, role_profile_id: int,
                        payload: RoleProfilePatch):
    require_user(request)
    office, profile = _profile(request, office_id, role_profile_id)
    if profile.office_id != office.pk:
        raise ValidationError(_("Adapt the template first: the office edits its own copy."))
    data = payload.model_dump(exclude_unset=True)
    if any(value is None for value in data.values()):
        raise ValidationError(_("A field sent cannot be null."))
    services.update_role_profile(request.user, profile, **data)
    return role_profile_row(profile)


def _file(profile, content: bytes, media_type: str, ext: str) -> HttpResponse:
    response = HttpResponse(content, content_type=media_type)
    name = slugify(profile.title) or "role-profile"
    response["Content-Disposition"] = f'attachment; filename="{name}.{ext}"'
    return response


@router.get("/{office_id}/role-profiles/{role_profile_id}/docx",
            response={200: None, **READ_ERRORS}, summary="A role profile as a Word file",
            openapi_extra=download(DOCX))
def role_profile_docx(request, office_id: int, role_profile_id: int):
    _office, profile = _profile(request, office_id, role_profile_id)
    return _file(profile, exports.to_docx(profile), DOCX, "docx")


@router.get("/{office_id}/role-profiles/{role_profile_id}/pdf",
            response={200: None, **READ_ERRORS}, summary="A role profile as a PDF",
            openapi_extra=download("application/pdf"))
def role_profile_pdf(request, office_id: int, role_profile_id: int):
    _office, profile = _profile(request, office_id, role_profile_id)
    return _file(profile, exports.to_pdf(profile), "application/pdf", "pdf")
