"""A programme's recommendation quota (cluster round: a province recommends at most 8 clusters, a city with
independent planning status at most 2, criteria.md §8.2), enforced when the provincial stage passes an
application, under concurrent recommendations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from littlegiant.accounts.models import ReviewLevel
from littlegiant.recognition.models import Application, Programme
from littlegiant.reference.models import Region

if TYPE_CHECKING:
    from littlegiant.accounts.models import User
    from littlegiant.recognition.models import ReviewStage


def recommending_unit(programme: Programme, region: Region) -> tuple[Region, int | None, list[Region]]:
    """Who recommends an application from `region`, its quota, and the units inside it that recommend apart:
    a region with its own quota in the programme (a 计划单列市) that holds `region`, else the province."""
    own = [q for q in programme.quotas.select_related("region") if region.path.startswith(q.region.path)]
    if own:
        deepest = max(own, key=lambda q: len(q.region.path))
        return deepest.region, deepest.quota, []
    province = Region.objects.get(pk=region.province_code)
    apart = [
        q.region for q in programme.quotas.select_related("region") if q.region.path.startswith(province.path)
    ]
    return province, programme.recommendation_quota, apart


def recommendations_used(programme: Programme, unit: Region, apart: list[Region]) -> int:
    """How many of the unit's applications were recommended (a recommendation stays counted, whatever the
    ministry later decides)."""
    used = Application.objects.filter(
        programme=programme, recommended_at__isnull=False, region_path__startswith=unit.path
    )
    for region in apart:
        used = used.exclude(region_path__startswith=region.path)
    return used.count()


def claim_recommendation(application: Application, stage: ReviewStage, *, by: User) -> None:
    """When the provincial stage of a programme with a quota passes an application, count it against its
    recommending unit's quota, or refuse when the quota is used up. The unit's region row is locked first, so
    that two reviewers recommending at once are counted one after the other (called inside the transaction
    of `pass_stage`)."""
    programme = application.programme
    if stage.level != ReviewLevel.PROVINCIAL or application.recommended_at is not None:
        return
    if programme.recommendation_quota is None and not programme.quotas.exists():
        return
    unit, quota, apart = recommending_unit(programme, application.region)
    if quota is None:
        return
    Region.objects.select_for_update().get(pk=unit.pk)
    used = recommendations_used(programme, unit, apart)
    if used >= quota:
        raise PermissionDenied(
            _("%(unit)s has used its quota: %(used)s of %(quota)s recommendations in this programme.")
            % {"unit": unit.name, "used": used, "quota": quota}
        )
    application.recommended_at = timezone.now()
    application.save(update_fields=["recommended_at"])
