"""What the home page shows in each role's section: the enterprise acted for, a jurisdiction, the platform."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Max
from django.utils import timezone

from littlegiant.accounts.jurisdiction import within_region
from littlegiant.accounts.models import LoginFailure, ReviewerAssignment, User
from littlegiant.accounts.roles import Role
from littlegiant.enterprises.models import AnnualFiling, Enterprise, Membership
from littlegiant.recognition.models import Expert, ExpertReview
from littlegiant.reference.models import Region


@dataclass(frozen=True, slots=True)
class EnterpriseSection:
    """An enterprise member's view: the enterprise, its latest data year and how many years it has filed."""

    enterprise: object
    membership_role: str
    latest_year: int | None
    filing_years: int


@dataclass(frozen=True, slots=True)
class RegionCount:
    """Enterprises registered in one region below a reviewer's jurisdiction."""

    code: str
    name: str
    enterprises: int


@dataclass(frozen=True, slots=True)
class ReviewerSection:
    """A reviewer's view: how many enterprises lie in the jurisdiction, and where."""

    level: str
    region_name: str
    enterprises: int
    with_latest_filing: int
    latest_year: int | None
    breakdown: list[RegionCount] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class AdministratorSection:
    """The platform at a glance, for an administrator."""

    users: int
    enterprises: int
    filings: int
    reviewers: int
    sign_in_failures_today: int


def enterprise_section(user: User, role: Role) -> EnterpriseSection | None:

    membership = (
        Membership.objects.filter(user=user, enterprise_id=role.object_id)
        .select_related("enterprise__region", "enterprise__industry")
        .annotate(latest_year=Max("enterprise__filings__year"), filing_years=Count("enterprise__filings"))
        .first()
    )
    if membership is None:
        return None
    return EnterpriseSection(
        enterprise=membership.enterprise,
        membership_role=membership.role,
        latest_year=membership.latest_year,
        filing_years=membership.filing_years,
    )


def reviewer_section(role: Role) -> ReviewerSection:

    if role.object_id is None:
        # National: the whole country, broken down by province.
        enterprises = Enterprise.objects.all()
        filings = AnnualFiling.objects.all()
        group_by, level, region_name = "region__province_code", "national", ""
    else:
        region = Region.objects.get(pk=role.object_id)
        enterprises = Enterprise.objects.filter(within_region(region, region_field="region"))
        filings = AnnualFiling.objects.filter(within_region(region, region_field="enterprise__region"))
        # A province is broken down by prefecture; a prefecture (or a municipality's district) by county.
        group_by = "region__parent_id" if region.level == "province" else "region_id"
        level, region_name = region.level, region.name
    latest_year = filings.aggregate(year=Max("year"))["year"]
    rows = list(enterprises.values(group_by).annotate(n=Count("pk")).order_by("-n")[:12])
    names = dict(Region.objects.filter(pk__in=[row[group_by] for row in rows]).values_list("code", "name"))
    return ReviewerSection(
        level=level,
        region_name=region_name,
        enterprises=enterprises.count(),
        with_latest_filing=filings.filter(year=latest_year).count() if latest_year else 0,
        latest_year=latest_year,
        breakdown=[RegionCount(row[group_by], names.get(row[group_by], ""), row["n"]) for row in rows],
    )


def administrator_section() -> AdministratorSection:

    a_day_ago = timezone.now() - timedelta(days=1)
    return AdministratorSection(
        users=User.objects.count(),
        enterprises=Enterprise.objects.count(),
        filings=AnnualFiling.objects.count(),
        reviewers=ReviewerAssignment.objects.values("user").distinct().count(),
        sign_in_failures_today=LoginFailure.objects.filter(created_at__gte=a_day_ago).count(),
    )


def expert_roles(user: User) -> list[Role]:
    """The expert role, for a person in the expert pool (registered from `WebConfig.ready()`).

    `web` registers it because the pool lives in `recognition`, whose own roles are the reviewers' (in accounts).
    """
    from django.utils.translation import gettext as _

    expert = Expert.objects.filter(user=user, active=True).first() if user.is_authenticated else None
    if expert is None:
        return []
    return [Role("expert", _("Expert reviewer"), expert.organisation or expert.name, expert.pk)]


def expert_section(user: User) -> list[object]:
    """The reviews drawn to the expert, the unscored ones first."""
    from django.db.models import F

    return list(
        ExpertReview.objects.filter(expert__user=user)
        .select_related("draw__application__enterprise", "draw__application__programme", "draw__stage")
        .order_by(F("submitted_at").desc(nulls_first=True), "draw__stage__closes_on")[:20]
    )


def section_for(user: User, role: Role) -> object | None:
    """The data the role's home template shows; None for roles whose app fills its own section."""
    if role.kind == "enterprise":
        return enterprise_section(user, role)
    if role.kind == "reviewer":
        return reviewer_section(role)
    if role.kind == "administrator":
        return administrator_section()
    if role.kind == "expert":
        return expert_section(user)
    return None
