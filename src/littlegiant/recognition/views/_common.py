"""What the recognition pages share: running a service call and showing its refusal, the preview-select-confirm
flow of a decision over a list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _

from littlegiant.bilingual import label_of
from littlegiant.rules.schema import FIELDS_BY_NAME

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from littlegiant.recognition.models import Application


def act(request: HttpRequest, call: Callable[[], object], done: str, form: object | None = None) -> bool:
    """Run a service call; show its refusal or its validation errors instead of failing."""
    try:
        call()
    except PermissionDenied as refusal:
        messages.error(request, str(refusal) or _("You may not do this."))
        return False
    except ValidationError as error:
        if form is not None and hasattr(error, "error_dict"):
            for field, problems in error.message_dict.items():
                target = field if field in getattr(form, "fields", {}) else None
                for problem in problems:
                    form.add_error(target, problem)  # type: ignore[attr-defined]
        for problem in error.messages:
            messages.error(request, problem)
        return False
    messages.success(request, done)
    return True


def act_on_form(
    request: HttpRequest, form: Form, call: Callable[[dict[str, Any]], object], *, done: str, invalid: str
) -> bool:
    """Run a service call on a posted form's cleaned data through `act`; say `invalid` when the form is not."""
    if not form.is_valid():
        messages.error(request, invalid)
        return False
    return act(request, lambda: call(form.cleaned_data), done)


def field_label(field: str) -> str:
    """A canonical field's name in the reader's language (the id itself for an unknown field)."""
    spec = FIELDS_BY_NAME.get(field)
    return field if spec is None else label_of(spec)


@dataclass
class Confirmation:
    """Where a preview-select-confirm page stands: its form, and the decision's result once it is taken."""

    form: Form
    previewing: bool = False
    decided: bool = False
    result: Any = None

    def selected(self, candidates: Sequence[Any]) -> list[Any]:
        """The candidates ticked, while previewing them before confirming."""
        chosen = set(self.form.cleaned_data.get("selected", [])) if self.previewing else set()
        return [candidate for candidate in candidates if candidate.pk in chosen]

    def listing(self, candidates: Sequence[Any]) -> dict[str, Any]:
        """What the page shows of the list: the form, the candidates, the ones ticked, and whether it previews."""
        return {
            "form": self.form,
            "candidates": candidates,
            "selected": self.selected(candidates),
            "previewing": self.previewing,
        }


def candidates_to_select(
    applications: QuerySet[Application],
) -> tuple[list[Application], list[tuple[int, str]]]:
    """The applications a decision over a list offers, with each subject and its place (which the list shows),
    and the form's choices among them: (pk, the subject's name)."""
    candidates = list(applications.select_related("enterprise__region", "cluster__county"))
    return candidates, [(application.pk, application.subject.name) for application in candidates]


def preview_then_confirm(
    request: HttpRequest,
    make_form: Callable[[QueryDict | None], Form],
    *,
    decide: Callable[[dict[str, Any]], object],
    done: str,
) -> Confirmation:
    """A decision over a list of candidates (a public notice, a recognition): a POST without `confirm` previews
    the ones selected; with `confirm` it runs `decide(cleaned_data)` through `act`, refusals shown on the form."""
    if request.method != "POST":
        return Confirmation(make_form(None))
    form = make_form(request.POST)
    if not form.is_valid():
        return Confirmation(form)
    if not form.cleaned_data["confirm"]:
        return Confirmation(form, previewing=True)
    results: list[object] = []
    decided = act(request, lambda: results.append(decide(form.cleaned_data)), done, form)
    return Confirmation(form, decided=decided, result=results[0] if decided else None)
