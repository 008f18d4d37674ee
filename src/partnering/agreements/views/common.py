"""What the agreement pages share: where a version lives, which members have no terms yet,
whether a version can still be edited, and the edit idiom of a version or a member's row
(only the fields changed are saved; an edit of the agreed version lands in a new draft)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from partnering.agreements.vocabulary import VersionStatus
from partnering.viewhelpers import handle_form, show_errors


def version_url(partnership, number: int) -> str:
    return f"/partnerships/{partnership.pk}/agreement/versions/{number}/"


def editable(partnership, version) -> bool:
    """A draft changes in place and the agreed version into a new draft; nothing else."""
    return version.status in (VersionStatus.DRAFT, VersionStatus.AGREED) and \
        partnership.is_active


def members_without_terms(partnership, version) -> list:
    parties = {t.organisation_id for t in version.member_terms.all()}
    return [m.organisation for m in partnership.memberships.select_related("organisation")
            if m.organisation_id not in parties]


def refuse(request, message: str) -> None:
    """An inline form posted from the version page that cannot be read: say why there."""
    show_errors(request, ValidationError(message))


def landing(request, version, landed_in, anchor: str = ""):
    """The `success` of an edit form: back to the version the change landed in
    (`landed_in(saved)`), saying when that is a new draft (the agreed version was edited)."""
    def success(saved) -> str:
        draft = landed_in(saved)
        if draft.number != version.number:
            messages.info(request, _(
                "The change is in a new draft, version %(new)s. Version %(old)s stays agreed "
                "until every member signs the new one.") % {"new": draft.number,
                                                           "old": version.number})
        return version_url(version.partnership, draft.number) + anchor
    return success


def save_edit(request, form, update, obj, *, version, landed_in, anchor: str = "",
              render_page, exclude=()):
    """`update(user, obj, **changed)` with only the fields the form changed (none: nothing
    is saved and no draft is made), then back to the version the change landed in."""
    def service(**_cleaned):
        data = {name: form.cleaned_data[name] for name in form.changed_data
                if name not in exclude}
        return update(request.user, obj, **data) if data else obj

    return handle_form(request, form, service, message=_("Saved."),
                       success=landing(request, version, landed_in, anchor),
                       render_page=render_page)
