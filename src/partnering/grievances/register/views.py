"""The register page: a partnership's anonymised grievance figures by closed quarter, for
whoever may see the partnership (everyone, for a public one; 404 for the others)."""

from django.shortcuts import render

from partnering.grievances.register import min_group, register
from partnering.partnerships import access as partnerships


def page(request, partnership_id: int):
    partnership = partnerships.partnership_or_404(request, partnership_id)
    return render(request, "grievances/register.html", {
        "partnership": partnership, "periods": register(partnership),
        "threshold": min_group()})
