from django.http import Http404
from django.shortcuts import get_object_or_404, render

from partnering.reference import codelists
from partnering.reference.models import SdgGoal, SdgIndicator, SdgTarget


def sdg_goals(request):
    return render(request, "reference/sdg_goals.html", {"goals": SdgGoal.objects.all()})


def sdg_goal(request, number: int):
    goal = get_object_or_404(SdgGoal, number=number)
    targets = SdgTarget.objects.filter(goal=goal)
    indicators = {}
    for indicator in SdgIndicator.objects.filter(target__goal=goal):
        indicators.setdefault(indicator.target_id, []).append(indicator)
    return render(request, "reference/sdg_goal.html",
                  {"goal": goal, "targets": targets, "indicators": indicators})


def codelist_index(request):
    return render(request, "reference/codelists.html", {"names": codelists.available()})


def codelist_detail(request, name: str):
    if name not in codelists.available():
        raise Http404
    return render(request, "reference/codelist.html",
                  {"name": name, "items": codelists.codelist(name)})
