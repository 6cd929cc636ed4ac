"""A drawn expert's scoring page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from littlegiant.recognition import forms, services
from littlegiant.recognition.models import (
    ExpertReview,
)
from littlegiant.recognition.views._common import act


@login_required
def expert_review(request: HttpRequest, pk: int) -> HttpResponse:
    """A drawn expert scores the application on the review form."""
    review = get_object_or_404(
        ExpertReview.objects.select_related(
            "draw__application__programme", "draw__application__enterprise", "expert"
        ),
        pk=pk,
        expert__user=request.user,
    )
    application = review.draw.application
    items = application.programme.review_form
    form = forms.ExpertReviewForm(request.POST or None, items=items, language=get_language() or "zh-hans")
    if (
        request.method == "POST"
        and form.is_valid()
        and act(
            request,
            lambda: services.submit_expert_review(
                review, by=request.user, scores=form.scores(), comment=form.cleaned_data["comment"]
            ),
            _("Review submitted."),
            form,
        )
    ):
        return redirect("recognition:home")
    latest = application.latest_version()
    return render(
        request,
        "recognition/expert_review.html",
        {
            "review": review,
            "application": application,
            "form": form,
            "latest": latest,
            "explanation": latest.explanation if latest else None,
        },
    )
