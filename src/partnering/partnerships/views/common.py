"""What the partnership pages share: where an inline form goes back to, and how it
refuses an invalid post."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from partnering.viewhelpers import show_errors

PAGE_SIZE = 25


def back_to(partnership, anchor: str = "members") -> str:
    """The partnership page an inline form was posted from."""
    return f"/partnerships/{partnership.pk}/{anchor}/"


def refuse(request, partnership, message, anchor: str = "members"):
    """An inline form that did not validate: say what is missing (a text, or a list of
    texts) on the page it came from."""
    show_errors(request, ValidationError(message))
    return redirect(back_to(partnership, anchor))
