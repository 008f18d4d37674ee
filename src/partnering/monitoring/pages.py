"""What the monitoring pages share: the form page, the confirmation page before a
deletion, and the page helpers around them."""

from django.shortcuts import render


def form_page(request, partnership, *, title: str, back: str, tab: str = "results",
              intro: str = "", **extra):
    """`render_page` for viewhelpers.handle_form: the monitoring form page for `form`."""
    def render_page(form):
        return render(request, "monitoring/form.html", {
            "partnership": partnership, "form": form, "title": title, "back": back,
            "tab": tab, "intro": intro, **extra})
    return render_page


def confirm_page(request, partnership, *, title: str, consequences: list[str], back: str,
                 tab: str = "results"):
    return render(request, "monitoring/confirm_delete.html", {
        "partnership": partnership, "title": title, "consequences": consequences,
        "back": back, "tab": tab})


def indicator_url(partnership, indicator_id: int) -> str:
    return f"/partnerships/{partnership.pk}/indicators/{indicator_id}/"
