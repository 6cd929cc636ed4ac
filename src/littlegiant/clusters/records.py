"""A cluster as the criteria engine reads it (rules/schema.py CLUSTER_FIELDS), and its self-assessment against
the 2022 standard (pack cn.miit.sme-cluster.2022, criteria.md §8.3, decision D19)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from littlegiant.clusters.models import Cluster
from littlegiant.clusters.titles import GRADIENT_TIERS, LITTLE_GIANT, valid_titles
from littlegiant.enterprises.models import AnnualFiling
from littlegiant.rules import assess_record

PACK_ID = "cn.miit.sme-cluster.2022"

# Declaration key -> engine field (aspect 1's qualitative part, aspects 3-8, the compliance condition).
DECLARED_FIELDS = (
    "cluster_pillar_and_leading",
    "cluster_chain_collaboration",
    "cluster_collaborative_innovation",
    "cluster_digital_transformation",
    "cluster_green_development",
    "cluster_open_cooperation",
    "cluster_governance_service",
    "cluster_compliant_3y",
)


@dataclass(frozen=True)
class TitledMembers:
    """The members holding a valid title on a day, as aspect 2 counts them."""

    giants_in_main_industry: list[int]
    gradient: list[int]  # members holding any valid gradient title or an HNTE certificate (counted once each)
    by_enterprise: dict[int, frozenset[str]]
    hnte: frozenset[int] = frozenset()  # members whose latest filing says they hold a valid HNTE certificate


def hnte_members(enterprise_ids: list[int]) -> frozenset[int]:
    """The enterprises whose latest annual filing has `hnte` true (enterprise-data.md: "Holds a valid 高新技术企业
    certificate for the year"): national HNTEs are not recognised on the platform, so aspect 2 reads the
    certificate the enterprise files. A later filing without the field (unknown) does not count. One query."""
    latest: dict[int, bool | None] = {}
    rows = (
        AnnualFiling.objects.filter(enterprise__in=enterprise_ids)
        .order_by("enterprise_id", "-year")
        .values_list("enterprise_id", "hnte")
    )
    for enterprise_id, hnte in rows:
        latest.setdefault(enterprise_id, hnte)
    return frozenset(pk for pk, hnte in latest.items() if hnte is True)


def in_main_industry(cluster: Cluster, industry_code: str | None) -> bool:
    """Whether an enterprise's GB/T 4754 class is the cluster's main industry class."""
    return bool(industry_code) and industry_code == cluster.main_industry_id


def titled_members(cluster: Cluster, day: dt.date) -> TitledMembers:
    """Count the members' titles valid on `day` (criteria.md §8.3 aspect 2: "专精特新中小企业、创新型中小企业或国家
    高新技术企业不少于10家"): an expired or revoked title does not count; a member whose latest filing holds a
    valid HNTE certificate counts on the second route. Three queries: the members, their titles, their filings."""
    members = list(cluster.members.values_list("pk", "industry_id"))
    held = valid_titles([pk for pk, _ in members], day)
    hnte = hnte_members([pk for pk, _ in members])
    giants = [
        pk
        for pk, industry in members
        if LITTLE_GIANT in held.get(pk, ()) and in_main_industry(cluster, industry)
    ]
    gradient = [pk for pk, _ in members if held.get(pk, frozenset()) & GRADIENT_TIERS or pk in hnte]
    return TitledMembers(giants, gradient, held, hnte)


def cluster_record(cluster: Cluster, day: dt.date | None = None) -> dict[str, object]:
    """The engine's record of the cluster on `day`: the last three years of output before `day`'s year, the
    titled members counted from the registry, and the county's declarations (unknown where not given, D5)."""
    day = day or timezone.localdate()
    last = day.year - 1
    outputs = {o.year: o for o in cluster.outputs.filter(year__gte=last - 2, year__lte=last)}
    latest = outputs.get(last)
    titled = titled_members(cluster, day)
    champions = cluster.single_champions
    record: dict[str, object] = {
        "cluster_area_km2": cluster.area_km2,
        "cluster_output": latest.total if latest else None,
        "cluster_output_prev": outputs[last - 1].total if last - 1 in outputs else None,
        "cluster_output_prev2": outputs[last - 2].total if last - 2 in outputs else None,
        "cluster_sme_output": latest.sme if latest else None,
        "cluster_main_industry_output": latest.main_industry if latest else None,
        # Little giants are counted from the titles; single champions are declared (none declared: 0 besides).
        "cluster_champions_or_giants": len(titled.giants_in_main_industry) + (champions or 0),
        "cluster_titled_smes": len(titled.gradient),
    }
    for name in DECLARED_FIELDS:
        value = cluster.declarations.get(name)
        record[name] = value if isinstance(value, bool) else None
    return record


def assess_cluster(cluster: Cluster, day: dt.date | None = None) -> dict:
    """The explanation document of the cluster pack for this cluster on `day` (outcome, criteria, gaps)."""
    day = day or timezone.localdate()
    return assess_record(cluster_record(cluster, day), [PACK_ID], evaluation_date=day)[PACK_ID]
