"""Small helpers the apps' views share."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _


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


def save_form(request, form, service, *args, message):
    """For a valid POSTed form: `service(*args, **cleaned_data)` and show `message` (text,
    or a function of what the service returned), returning what the service returns;
    otherwise (not posted, invalid, or refused by the service, whose errors go on the
    form) NOT_SAVED."""
    if request.method != "POST" or not form.is_valid():
        return NOT_SAVED
    try:
        saved = service(*args, **form.cleaned_data)
    except ValidationError as error:
        apply_errors(form, error)
        return NOT_SAVED
    messages.success(request, message(saved) if callable(message) else message)
    return saved


# --- One idiom for writes from pages ---------------------------------------------------
# A page that writes does one of two things:
#  * `handle_form`: valid form → service → message and redirect, or the same page with the
#    form and its errors inline (status 422);
#  * `act`: a button with no form fields (sign, withdraw, close) → service → message and
#    redirect; a refusal is shown as an error message on the page it came from.


def handle_form(request, form, service, *args, message, success, render_page):
    """`success` is a URL or a function of what the service returned; `render_page(form)`
    returns the page showing the form (given bound, its errors are inline)."""
    saved = save_form(request, form, service, *args, message=message)
    if saved is NOT_SAVED:
        response = render_page(form)
        if form.is_bound:
            response.status_code = 422
        return response
    return redirect(success(saved) if callable(success) else success)


def act(request, service, *args, message: str, back: str, **kwargs):
    """Run a one-click action and go `back`; a refusal (ValidationError or
    PermissionDenied) is shown as an error message there instead of a bare 403."""
    try:
        service(*args, **kwargs)
    except (ValidationError, PermissionDenied) as error:
        show_errors(request, error)
    else:
        messages.success(request, message)
    return redirect(back)


def show_errors(request, error) -> None:
    """A refused action's reasons as error messages (for actions without a form)."""
    if isinstance(error, PermissionDenied):
        messages.error(request, str(error) or _("You do not have permission to do this."))
        return
    for text in error.messages:
        messages.error(request, text)


def show_form_errors(request, form) -> None:
    """A form posted from another page (an inline form): its errors as messages."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
