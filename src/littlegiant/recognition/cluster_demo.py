"""The cluster round of the demo province (called at the end of the recognition demo, which may use the cluster
registry below it): five clusters in one Hangzhou county built from demo enterprises of that county through the
services, three recognised in last year's round, one applying this year and waiting at the province, and one
failing aspect 1 (criteria.md §8.3). Of the three recognised, one's report on last year was forwarded at once,
one's was sent back and forwarded once filed again, and one's was sent back and not filed again: it is overdue,
after the reminders the daily job sends (§8.4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from decimal import Decimal

from django.db.models import Count

from littlegiant.accounts.demo import DemoAccount
from littlegiant.accounts.models import User
from littlegiant.clusters import services as clusters
from littlegiant.clusters.records import DECLARED_FIELDS
from littlegiant.enterprises.models import Enterprise
from littlegiant.recognition import services
from littlegiant.recognition.models import Programme, RecommendationQuota, ReviewStage, Tier
from littlegiant.recognition.services.clusters import (
    remind_reports,
    start_cluster_application,
    submit_cluster_application,
)
from littlegiant.reference.models import IndustryClass, Region

YI = Decimal("100000000")
OFFICER = "demo_county"
# name, main industry, area km², last year's output in 亿, SME share, main-industry share, in last year's round
CLUSTERS = [
    ("西湖区光电仪器特色产业集群", 60, 75, "0.82", "0.78", True),
    ("西湖区智能传感特色产业集群", 45, 72, "0.76", "0.74", True),
    ("西湖区数字安防特色产业集群", 80, 70, "0.80", "0.75", True),  # recognised, last year's report missing
    ("西湖区工业软件特色产业集群", 30, 62, "0.88", "0.81", False),  # applying this year
    ("西湖区文创装备特色产业集群", 140, 44, "0.74", "0.70", False),  # fails aspect 1: area, exactly 70% share
]


def _officer(county: Region) -> User:
    user, _ = User.objects.get_or_create(
        username=OFFICER,
        defaults={"display_name": f"{county.name}中小企业主管部门", "email": "county@demo.littlegiant.cn"},
    )
    clusters.appoint_county_authority(user, county)
    return user


def _programme(year: int, opens: dt.date, closes: dt.date) -> Programme:
    """The cluster round: the province screens and recommends (at most 8; Ningbo, a city with independent planning
    status, at most 2: §8.2), the ministry publishes the notice and recognises."""
    programme = Programme.objects.create(
        tier=Tier.SME_CLUSTER, year=year, title=f"{year}年度中小企业特色产业集群", applications_open_on=opens,
        applications_close_on=closes, recommendation_quota=8,
    )  # fmt: skip
    RecommendationQuota.objects.create(programme=programme, region_id="330200", quota=2)
    for order, (level, notice) in enumerate((("provincial", False), ("national", True)), start=1):
        ReviewStage.objects.create(
            programme=programme, order=order, level=level, public_notice=notice, notice_days=5, opens_on=opens,
            closes_on=closes + dt.timedelta(days=120),
        )  # fmt: skip
    return programme


def build(
    *,
    today: dt.date,
    province: User,
    ministry: User,
    as_of: Callable[[dt.date], AbstractContextManager[None]],
    log: Callable[[str], None],
) -> list[DemoAccount]:
    # A cluster lies within one county and its members are enterprises of that county (§8.2): the Hangzhou county
    # with the most demo enterprises; with fewer than fifty, the clusters share some members.
    busiest = (
        Enterprise.objects.filter(region__parent_id="330100")
        .values("region_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "region_id")
        .first()
    )
    firms = (
        list(Enterprise.objects.filter(region_id=busiest["region_id"]).order_by("pk")[:50]) if busiest else []
    )
    if len(firms) < 10:
        log("  clusters: too few enterprises in a Hangzhou county for the cluster demo; skipped")
        return []
    county = firms[0].region
    officer = _officer(county)
    year = today.year
    made = []
    with as_of(dt.date(year - 1, 3, 1)):
        for index, (name, area, output, sme, main, _) in enumerate(CLUSTERS):
            cluster = clusters.register_cluster(
                by=officer, name=name, county=county, main_industry=IndustryClass.objects.get(pk=firms[index].industry_id),
                area_km2=Decimal(area),
            )  # fmt: skip
            clusters.add_members(
                cluster, [firms[(index * 10 + k) % len(firms)] for k in range(10)], by=officer
            )
            # Four years of output, growing 20% a year to last year's figure (the last year is entered later).
            for back in range(4):
                total = (Decimal(output) * YI / Decimal("1.2") ** back).quantize(Decimal("1"))
                clusters.record_output(
                    cluster, by=officer, year=year - 1 - back, total=total,
                    sme=(total * Decimal(sme)).quantize(Decimal("1")), main_industry=(total * Decimal(main)).quantize(Decimal("1")),
                )  # fmt: skip
            clusters.declare(
                cluster, by=officer, declarations=dict.fromkeys(DECLARED_FIELDS, True), single_champions=1
            )
            made.append(cluster)

    # Last year's round: applications in May, the province recommends in June, the notice in July, recognition on
    # 30 September; the reports on last year are due by 30 April this year.
    last = _programme(year - 1, dt.date(year - 1, 4, 1), dt.date(year - 1, 5, 31))
    with as_of(dt.date(year - 1, 5, 10)):
        applying = [
            submit_cluster_application(
                start_cluster_application(last, c, by=officer), by=officer, pledge=True
            )
            for c, spec in zip(made, CLUSTERS, strict=True)
            if spec[5]
        ]
    with as_of(dt.date(year - 1, 6, 10)):
        for application in applying:
            services.pass_stage(application, by=province, comment="省级推荐")
    with as_of(dt.date(year - 1, 7, 1)):
        for application in applying:
            application.refresh_from_db()
            services.pass_stage(application, by=ministry, comment="部级审核通过")
        notice = services.publish_notice(last.stages.get(level="national"), by=ministry)
    with as_of(notice.ends_on + dt.timedelta(days=1)):
        services.conclude_notice(notice, by=ministry)
    with as_of(dt.date(year - 1, 9, 30)):
        services.recognise(last, by=ministry, title=f"{year - 1}年度中小企业特色产业集群名单")
    # The reports on last year: reminders a month and a week before 30 April, on the day and the day after; the
    # province forwards one, sends two back; one of those is filed again and forwarded, the other is not.
    due = dt.date(year, 4, 30)
    with as_of(due - dt.timedelta(days=29)):
        remind_reports()
    reports = {}
    with as_of(dt.date(year, 4, 15)):
        for cluster in made[:3]:
            reports[cluster.pk] = clusters.file_report(
                cluster, by=officer, year=year - 1, text=f"{cluster.name}{year - 1}年度发展报告：产值稳步增长，梯度培育成效明显。"
            )  # fmt: skip
    with as_of(dt.date(year, 4, 18)):
        clusters.forward_report(reports[made[0].pk], by=province)
        clusters.return_report(
            reports[made[1].pk], by=province, reason="请补充主导产业产值占比和近三年增长数据。"
        )
        clusters.return_report(
            reports[made[2].pk], by=province, reason="请补充集群企业安全生产和环保合规情况。"
        )
    with as_of(dt.date(year, 4, 22)):
        again = clusters.file_report(
            made[1], by=officer, year=year - 1,
            text=f"{made[1].name}{year - 1}年度发展报告（修改稿）：主导产业产值占比74%，近三年产值年均增长20%。",
        )  # fmt: skip
    with as_of(due - dt.timedelta(days=7)):
        clusters.forward_report(again, by=province)
        remind_reports()
    for day in (due, due + dt.timedelta(days=1)):
        with as_of(day):
            remind_reports()

    # This year's round: one cluster applying, waiting at the province.
    current = _programme(year, today - dt.timedelta(days=45), today + dt.timedelta(days=45))
    submit_cluster_application(
        start_cluster_application(current, made[3], by=officer), by=officer, pledge=True
    )
    log(
        f"  clusters: {len(made)} in {county.name}; 3 recognised in {year - 1} (reports: 2 forwarded, 1 sent back and overdue), 1 applying, 1 failing aspect 1"
    )
    return [
        DemoAccount(
            OFFICER,
            "County SME authority",
            "县级中小企业主管部门",
            "Runs five distinctive industrial clusters: apply, file the yearly report.",
        )
    ]
