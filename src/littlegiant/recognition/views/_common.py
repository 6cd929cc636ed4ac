"""What the recognition pages share: running a service call and showing its refusal."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from littlegiant.bilingual import label_of
from littlegiant.rules.schema import FIELDS_BY_NAME


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


def field_label(field: str) -> str:
    """A canonical field's name in the reader's language (the id itself for an unknown field)."""
    spec = FIELDS_BY_NAME.get(field)
    return field if spec is None else label_of(spec)
