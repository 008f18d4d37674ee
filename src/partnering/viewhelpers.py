"""Small helpers the apps' views share."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def apply_errors(form, error: ValidationError) -> None:
    """Show a service's validation error on the form, next to the field it concerns."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item)
    else:
        for message in error.messages:
            form.add_error(None, message)


NOT_SAVED = object()


def save_form(request, form, service, *args, message: str):
    """For a valid POSTed form: `service(*args, **cleaned_data)` and show `message`,
    returning what the service returns; otherwise (not posted, invalid, or refused by the
    service, whose errors go on the form) NOT_SAVED."""
    if request.method != "POST" or not form.is_valid():
        return NOT_SAVED
    try:
        saved = service(*args, **form.cleaned_data)
    except ValidationError as error:
        apply_errors(form, error)
        return NOT_SAVED
    messages.success(request, message)
    return saved
