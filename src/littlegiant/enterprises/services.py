"""Every change to the enterprise register: enterprises, their annual filings and the duplicate flag.

Request-free: the web views, the API, the CLI and the demo call the same functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from littlegiant.accounts.jurisdiction import covers_region, is_administrator
from littlegiant.enterprises.filing_values import FilingValueError, check_value, cross_field_problems
from littlegiant.enterprises.models import AnnualFiling, Enterprise
from littlegiant.enterprises.permissions import enterprise_decision
from littlegiant.enterprises.signals import register_changed
from littlegiant.rules.schema import DATA_FIELDS, FIELDS_BY_NAME

if TYPE_CHECKING:
    from littlegiant.accounts.models import User
    from littlegiant.reference.models import IndustryClass, Region


def latest_filing_year(region: Region) -> int | None:
    """The latest year an enterprise registered in the region filed for (None before any filing)."""
    filings = AnnualFiling.objects.filter(enterprise__region__path__startswith=region.path)
    return filings.aggregate(year=Max("year"))["year"]


def filing_edit_refusal(user: User, enterprise: Enterprise) -> str | None:
    """Why this person may not change the enterprise's annual data, or None when they may."""
    decision = enterprise_decision(user, "change", enterprise)
    return None if decision else decision.reason


def register_refusal(user: User | None, region: Region) -> str | None:
    """Why this person may not add or change an enterprise registered in this region, or None."""
    if user is None:
        return None  # the platform operator at the command line
    if is_administrator(user) or covers_region(user, region):
        return None
    return _("%(region)s is outside your jurisdiction.") % {"region": region.name}


def flag_possible_duplicates(names_by_region: Iterable[tuple[str, str]]) -> int:
    """Mark every enterprise sharing its name and region with another as a possible duplicate, for a reviewer.

    The flag is never cleared here: a reviewer who has looked and found two real enterprises clears it.
    """
    pairs = set(names_by_region)
    if not pairs:
        return 0
    flagged = 0
    regions = {region for region, _name in pairs}
    names = {name for _region, name in pairs}
    clashes = (
        Enterprise.objects.filter(region_id__in=regions, name__in=names)
        .values("region_id", "name")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    for clash in clashes:
        if (clash["region_id"], clash["name"]) in pairs:
            flagged += Enterprise.objects.filter(
                region_id=clash["region_id"], name=clash["name"], possible_duplicate=False
            ).update(possible_duplicate=True)
    return flagged


def register_enterprise(
    *,
    credit_code: str,
    name: str,
    region: Region,
    industry: IndustryClass,
    founded_on: date | None = None,
    by: User | None,
) -> Enterprise:
    """Add an enterprise to the register (one credit code, one enterprise); flag a same-named neighbour."""
    refusal = register_refusal(by, region)
    if refusal:
        raise PermissionDenied(refusal)
    with transaction.atomic():
        enterprise = Enterprise(
            credit_code=credit_code.strip().upper(),
            name=name.strip(),
            region=region,
            industry=industry,
            founded_on=founded_on,
        )
        enterprise.full_clean()
        enterprise._history_user = by  # type: ignore[attr-defined]
        enterprise._change_reason = "register"  # type: ignore[attr-defined]
        enterprise.save()
        if flag_possible_duplicates([(region.pk, enterprise.name)]):
            enterprise.refresh_from_db(fields=["possible_duplicate"])
    return enterprise


def update_enterprise(
    enterprise: Enterprise,
    *,
    by: User | None,
    name: str | None = None,
    region: Region | None = None,
    industry: IndustryClass | None = None,
    comment: str = "",
) -> Enterprise:
    """Change an enterprise's registered name, region or industry; its credit code never changes."""
    with transaction.atomic():
        locked = Enterprise.objects.select_for_update().select_related("region").get(pk=enterprise.pk)
        for where in {locked.region, region or locked.region}:
            refusal = register_refusal(by, where)
            if refusal:
                raise PermissionDenied(refusal)
        if name is not None:
            locked.name = name.strip()
        if region is not None:
            locked.region = region
        if industry is not None:
            locked.industry = industry
        locked.full_clean()
        locked._history_user = by  # type: ignore[attr-defined]
        locked._change_reason = comment or "update"  # type: ignore[attr-defined]
        locked.save()
        if flag_possible_duplicates([(locked.region_id, locked.name)]):
            locked.refresh_from_db(fields=["possible_duplicate"])
        register_changed.send(sender=Enterprise, enterprise_ids={locked.pk})
    return locked


def save_filing(
    enterprise: Enterprise, year: int, values: Mapping[str, object | None], *, by: User, comment: str = ""
) -> tuple[AnnualFiling, bool]:
    """Create or change one year's data of an enterprise (kept in its history); returns (filing, created).

    Fields not in `values` keep what they hold. Raises ValidationError naming each bad field.
    """
    unknown = [name for name in values if name not in DATA_FIELDS]
    if unknown:
        raise ValidationError({name: _("unknown field") for name in unknown})
    year_problem = _year_problem(year)
    if year_problem:
        raise ValidationError({"year": year_problem})
    with transaction.atomic():
        locked = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
        refusal = filing_edit_refusal(by, locked)
        if refusal:
            raise PermissionDenied(refusal)
        filing = AnnualFiling.objects.filter(enterprise=locked, year=year).first()
        created = filing is None
        if filing is None:
            filing = AnnualFiling(enterprise=locked, year=year)
        problems: dict[str, str] = {}
        for name, value in values.items():
            try:
                check_value(FIELDS_BY_NAME[name], value)
            except FilingValueError as error:
                problems[name] = str(error)
            setattr(filing, name, value)
        if not problems:
            current = {name: getattr(filing, name) for name in DATA_FIELDS}
            problems.update(dict(cross_field_problems(current)))
        if problems:
            raise ValidationError(problems)
        filing._history_user = by  # type: ignore[attr-defined]
        filing._change_reason = comment  # type: ignore[attr-defined]
        filing.save()
        register_changed.send(sender=AnnualFiling, enterprise_ids={locked.pk})
    return filing, created


def _year_problem(year: int) -> str | None:
    field = FIELDS_BY_NAME["year"]
    if field.minimum is not None and year < field.minimum:
        return _("must be at least %(minimum)s") % {"minimum": int(field.minimum)}
    if field.maximum is not None and year > field.maximum:
        return _("must be at most %(maximum)s") % {"maximum": int(field.maximum)}
    return None
