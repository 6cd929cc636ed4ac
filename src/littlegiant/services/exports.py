"""CSV and XLSX exports of service requests and scorecards, from querysets already scoped by for_user()."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from littlegiant.services.models import ServiceInstitution, ServiceRequest
from littlegiant.services.scorecards import scorecards


def request_header() -> list[str]:
    return [
        _("Request"),
        _("Filed at"),
        _("Enterprise"),
        _("Credit code"),
        _("Region"),
        _("Category"),
        _("Title"),
        _("Urgency"),
        _("Status"),
        _("Current institution"),
        _("First accepted at"),
        _("Closed at"),
        _("Escalations"),
        _("Free of charge"),
    ]


def request_rows(requests: QuerySet[ServiceRequest]) -> Iterator[list[object]]:
    """One row per request; iterates the database in chunks, so big exports stay within memory."""
    local = timezone.localtime
    queryset = requests.select_related("enterprise__region", "institution").order_by("pk")
    for request in queryset.iterator(chunk_size=2000):
        yield [
            request.pk,
            local(request.filed_at).strftime("%Y-%m-%d %H:%M"),
            request.enterprise.name,
            request.enterprise.credit_code,
            request.enterprise.region.name,
            request.get_category_display(),
            request.title,
            request.get_urgency_display(),
            request.get_status_display(),
            request.institution.name if request.institution_id else "",
            local(request.first_response_at).strftime("%Y-%m-%d %H:%M") if request.first_response_at else "",
            local(request.closed_at).strftime("%Y-%m-%d %H:%M") if request.closed_at else "",
            request.escalations,
            "" if request.free_of_charge is None else (_("yes") if request.free_of_charge else _("no")),
        ]


def scorecard_header() -> list[str]:
    return [
        _("Institution"),
        _("Level"),
        _("Region"),
        _("Received"),
        _("Served"),
        _("Declined"),
        _("Median hours to first answer"),
        _("Median days to resolution"),
        _("Ratings"),
        _("Mean satisfaction"),
        _("Share served free (%)"),
        _("Open now"),
        _("Overdue now"),
        _("Synthetic"),
    ]


def scorecard_rows(institutions: QuerySet[ServiceInstitution]) -> Iterator[list[object]]:
    """One row per institution, aggregated in SQL for the whole selection at once."""
    for card in scorecards(institutions.select_related("region").order_by("name", "pk")):
        institution = card.institution
        yield [
            institution.name,
            institution.get_level_display(),
            institution.region.name if institution.region_id else _("Whole country"),
            card.received,
            card.served,
            card.declined,
            _number(card.median_answer_hours),
            _number(card.median_resolution_days),
            card.ratings,
            _number(card.satisfaction),
            _number(card.free_share),
            card.open_now,
            card.overdue_now,
            _("yes") if institution.is_synthetic else "",
        ]


def _number(value: object) -> object:
    return "" if value is None else float(value)
