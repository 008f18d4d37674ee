"""Pages of answers back down: the secretariat answers items, an answer's page (with the
one-click "do you feel heard?" for its origins), a forum's and an invitation link's answers
to their input, and the receipt link of someone who took part without an account."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from partnering.platforms import access
from partnering.platforms.consultations import services as consultations
from partnering.platforms.consultations.items import path_labels
from partnering.platforms.loops import services
from partnering.platforms.loops.forms import AnswerForm, HeardForm
from partnering.platforms.models import Answer, Item, Submission
from partnering.viewhelpers import act, apply_errors, handle_form

PAGE_SIZE = 25


def consultation_answers(request, consultation_id: int):
    """The consultation's items where they stand, answered or waiting for an answer."""
    consultation = access.consultation_or_404(request, consultation_id)
    items = access.restrict_to_forums(
        Item.objects.filter(consultation=consultation, parent__isnull=True), request.user
    ).select_related("forum", "section", "answer").order_by("answer__answered_at", "id")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "platforms/loops/consultation_answers.html", {
        "consultation": consultation, "page": page, "may_answer": consultation.access.can_manage,
        "paths": path_labels(page.object_list, request.user)})


def _item_or_404(request, platform_item_id: int) -> Item:
    item = access.restrict_to_forums(Item.objects, request.user).select_related(
        "consultation__platform", "forum", "section").filter(pk=platform_item_id).first()
    if item is None:
        raise Http404
    return item


@login_required
@require_http_methods(["GET", "POST"])
def item_answer(request, platform_item_id: int):
    item = _item_or_404(request, platform_item_id)
    if not access.platform_access(request.user, item.consultation.platform).can_manage:
        raise PermissionDenied
    form = AnswerForm(request.POST or None)
    return handle_form(
        request, form, services.answer_item, request.user, item,
        message=_("Answer given: it is on its way to every origin."),
        success=lambda answer: reverse("answer", args=[answer.pk]),
        render_page=lambda form: render(request, "platforms/loops/answer_form.html", {
            "item": item, "form": form, "path": path_labels([item], request.user)[0]}))


def answer_or_404(request, platform_answer_id: int) -> Answer:
    """An answer is read by whoever sees the forum it was given at, or one of its origins'
    forums (the answer travels back down to them)."""
    visible = access.visible_forums(request.user).values("pk")
    answer = Answer.objects.select_related("item__section", "consultation__platform",
                                           "forum").filter(pk=platform_answer_id).first()
    if answer is None or not (
            access.visible_forums(request.user).filter(pk=answer.forum_id).exists()
            or answer.deliveries.filter(forum__in=visible).exists()):
        raise Http404
    return answer


def _own_submission(request, answer):
    if not request.user.is_authenticated:
        return None
    return Submission.objects.filter(origins__item__answer=answer,
                                     submitted_by=request.user).first()


def answer_detail(request, platform_answer_id: int):
    answer = answer_or_404(request, platform_answer_id)
    own = _own_submission(request, answer)
    heard = own.heard.filter(answer=answer).first() if own else None
    return render(request, "platforms/loops/answer_detail.html", {
        "answer": answer, "item": answer.item, "own": own, "heard": heard,
        "form": HeardForm(initial={"feeling": heard.feeling} if heard else None),
        "path": path_labels([answer.item], request.user)[0]})


@login_required
@require_POST
def answer_heard(request, platform_answer_id: int):
    answer = answer_or_404(request, platform_answer_id)
    own = _own_submission(request, answer)
    if own is None:
        raise PermissionDenied
    return act(request, services.say_heard, request.user, own,
               feeling=request.POST.get("feeling", ""),
               comment=request.POST.get("comment", ""),
               message=_("Thank you: the secretariat will see whether you feel heard."),
               back=reverse("answer", args=[answer.pk]))


def forum_answers(request, forum_id: int):
    """Answers delivered to input from this forum, or to items that passed through it, for
    everyone who reads the forum (people without an account included)."""
    forum = access.forum_or_404(request, forum_id)
    delivered = Answer.objects.filter(deliveries__delivered_at__isnull=False)
    answers = Answer.objects.filter(
        Q(pk__in=delivered.filter(deliveries__forum=forum).values("pk"))
        | Q(pk__in=delivered.filter(item__steps__forum=forum).values("pk")))
    answers = answers.select_related("item__section").order_by("-answered_at", "-id")
    page = Paginator(answers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "platforms/loops/forum_answers.html", {"forum": forum,
                                                                   "page": page})


def invitation_answers(request, token: str):
    """The answers to input given through this invitation link (no names)."""
    invitation = consultations.invitation_for(token)
    if invitation is None:
        raise Http404
    answers = Answer.objects.filter(
        deliveries__submission__invitation=invitation,
        deliveries__delivered_at__isnull=False).distinct().select_related("item__section")
    return render(request, "platforms/loops/invitation_answers.html", {
        "invitation": invitation, "consultation": invitation.consultation,
        "answers": answers.order_by("-answered_at", "-id")[:200]})


@require_http_methods(["GET", "POST"])
def receipt(request, token: str):
    """Someone without an account reads the answer to their input and says, in one click,
    whether they feel heard."""
    submission = consultations.submission_for_receipt(token)
    if submission is None:
        raise Http404
    answer = Answer.objects.filter(item__origins__submission=submission,
                                   deliveries__submission=submission,
                                   deliveries__delivered_at__isnull=False).first()
    form = HeardForm(request.POST or None)
    status, saved = 200, False
    if request.method == "POST" and answer is not None:
        if form.is_valid():
            try:
                services.say_heard_by_receipt(token, **form.cleaned_data)
                saved = True
            except services.ValidationError as error:
                apply_errors(form, error)
        status = 200 if saved else 422
    heard = submission.heard.filter(answer=answer).first() if answer else None
    return render(request, "platforms/loops/receipt.html", {
        "submission": submission, "answer": answer, "form": form, "heard": heard,
        "saved": saved}, status=status)
