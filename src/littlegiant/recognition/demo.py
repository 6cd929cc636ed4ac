"""Demo data for recognition: this year's open programmes with applications in every state, an expert pool,
and last year's recognitions with certificates, in the demo province (Zhejiang).

Applications move through the same service functions as on the site, so their histories are real event logs.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone

from littlegiant.accounts.demo import DemoAccount
from littlegiant.accounts.models import ReviewerAssignment, User
from littlegiant.enterprises.models import AnnualFiling, Enterprise, Membership
from littlegiant.recognition import cluster_demo, services
from littlegiant.recognition.models import (
    Application,
    Expert,
    Programme,
    ProgrammeKind,
    Recognition,
    ReviewStage,
    Tier,
)

DEMO_PROVINCE = "330000"
HANGZHOU, NINGBO = "330100", "330200"
EXPERT_REGIONS = [
    "110000",
    "310000",
    "440000",
    "320000",
    "420000",
    "510000",
    "110000",
    "310000",
    "440000",
    "330000",
    "610000",
    "370000",
]
EXPERT_FIELDS = [
    "精密制造",
    "新材料",
    "集成电路",
    "工业软件",
    "生物医药",
    "新能源",
    "高端装备",
    "光电",
    "汽车零部件",
    "节能环保",
    "数字经济",
    "精细化工",
]

STAGES = {
    Tier.INNOVATIVE_SME: [
        {"level": "municipal"},
        {"level": "provincial", "public_notice": True, "notice_days": 5},
    ],
    Tier.SRDI_SME: [
        {"level": "municipal", "spot_check": True, "public_notice": True, "notice_days": 5},
        {"level": "provincial"},
    ],
    Tier.LITTLE_GIANT: [
        {"level": "municipal"},
        {"level": "provincial", "spot_check": True},
        {
            "level": "national",
            "expert_review": True,
            "expert_count": 5,
            "exclude_same_province_experts": True,
            "public_notice": True,
            "notice_days": 7,
        },
    ],
}
TITLES = {
    Tier.INNOVATIVE_SME: "{year}年创新型中小企业评价",
    Tier.SRDI_SME: "{year}年浙江省专精特新中小企业认定",
    Tier.LITTLE_GIANT: "{year}年专精特新“小巨人”企业培育（第{batch}批）",
}


def _programme(
    tier: str, year: int, opens: dt.date, closes: dt.date, kind: str = ProgrammeKind.NEW
) -> Programme:
    title = TITLES[tier].format(year=year, batch=year - 2018)
    if kind == ProgrammeKind.REVIEW:
        title += "（复核）"
    programme = Programme.objects.create(
        tier=tier, year=year, kind=kind, title=title, applications_open_on=opens, applications_close_on=closes
    )
    for order, stage in enumerate(STAGES[tier], start=1):
        ReviewStage.objects.create(
            programme=programme,
            order=order,
            opens_on=opens,
            closes_on=closes + dt.timedelta(days=90),
            **stage,
        )
    return programme


def _pass(application: Application, *, by: User, comment: str) -> Application:
    """Pass as a reviewer would, giving the override reason the platform asks for when the assessment does not
    qualify (the demo keeps a few such cases so that the flag and the reason can be seen)."""
    application.refresh_from_db()
    override = "经实地核查，研发投入口径调整后符合条件。" if application.qualifies is False else ""
    return services.pass_stage(application, by=by, comment=comment, override_reason=override)


def _reviewer(level: str, region: str | None) -> User:
    assignment = (
        ReviewerAssignment.objects.filter(level=level, region_id=region)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if assignment is None:
        raise LookupError(f"the core demo has no {level} reviewer for {region or 'the country'}")
    return assignment.user


def _applicant(enterprise: Enterprise) -> User:
    """The person acting for a synthetic enterprise (its delegate), created on first need."""
    membership = enterprise.memberships.filter(role__in=["owner", "delegate"]).select_related("user").first()
    if membership is not None:
        return membership.user
    user = User(
        username=f"ent{enterprise.credit_code.lower()}",
        display_name=f"{enterprise.name[:20]} 经办人",
        email=f"{enterprise.credit_code.lower()}@demo.littlegiant.cn",
    )
    user.set_unusable_password()
    user.save()
    Membership.objects.create(user=user, enterprise=enterprise, role="delegate")
    return user


def _candidates(rng: random.Random, city: str, year: int, count: int, exclude: set[int]) -> list[Enterprise]:
    """Enterprises of a city with data for `year`, the larger R&D spenders first (those who would apply)."""
    ids = list(
        AnnualFiling.objects.filter(
            year=year,
            enterprise__region__path__startswith=f"{DEMO_PROVINCE}/{city}/",
            rd_expense__gt=0,
            operating_revenue__gte=20_000_000,
        )
        .exclude(enterprise__in=exclude)
        .order_by("-rd_expense")
        .values_list("enterprise_id", flat=True)[: count * 4]
    )
    chosen = sorted(rng.sample(ids, min(count, len(ids))))
    exclude.update(chosen)
    return list(Enterprise.objects.filter(pk__in=chosen).order_by("pk"))


def build(*, seed: int, log: Callable[[str], None]) -> list[DemoAccount]:
    """Open programmes for this year, applications in every state, experts, last year's recognitions and a
    login for a recognised enterprise."""
    return _build(seed=seed, log=log)


def _build(*, seed: int, log: Callable[[str], None]) -> list[DemoAccount]:
    rng = random.Random(seed)
    today = timezone.localdate()
    year = today.year
    city = {HANGZHOU: _reviewer("municipal", HANGZHOU), NINGBO: _reviewer("municipal", NINGBO)}
    province = _reviewer("provincial", DEMO_PROVINCE)
    ministry = _reviewer("national", None)

    opens, closes = today - dt.timedelta(days=45), today + dt.timedelta(days=45)
    programmes = {tier: _programme(tier, year, opens, closes) for tier in TITLES}
    log(f"  {len(programmes)} programmes open for {year}")

    experts = []
    for index, (region, field) in enumerate(zip(EXPERT_REGIONS, EXPERT_FIELDS, strict=True), start=1):
        # Every pool member has an account: a drawn expert signs in to score. The first is the demo's expert.
        if index == 1:
            user = User(username="expert", display_name="刘建国 教授", email="expert@demo.littlegiant.cn")
        else:
            user = User(username=f"expert{index:02d}", display_name=f"专家{index:02d}")
        user.set_unusable_password()
        user.save()
        experts.append(Expert.objects.create(
            user=user, name=user.display_name,
            organisation="评审专家库（合成）",
            region_id=region, fields=field, email=f"expert{index}@demo.littlegiant.cn",
        ))  # fmt: skip

    used: set[int] = set()
    reference_year = year - 1
    accounts = [DemoAccount(
        username="expert", role_en="Expert (little-giant review)", role_zh="评审专家",
        note="为“小巨人”申请评分（双随机抽取） · Scores little-giant applications drawn to you.",
    )]  # fmt: skip

    def start_and_submit(enterprise: Enterprise, tier: str) -> Application:
        applicant = _applicant(enterprise)
        application = services.start_application(programmes[tier], enterprise, by=applicant)
        return services.submit(application, by=applicant, pledge=True)

    # SRDI: every state of the municipal and provincial stages.
    srdi = programmes[Tier.SRDI_SME]
    hangzhou = _candidates(rng, HANGZHOU, reference_year, 14, used)
    ningbo = _candidates(rng, NINGBO, reference_year, 8, used)
    made = 0
    for enterprise in hangzhou[:4] + ningbo[:2]:
        start_and_submit(enterprise, Tier.SRDI_SME)  # in review at the city
        made += 1
    for enterprise in hangzhou[4:6]:
        application = start_and_submit(enterprise, Tier.SRDI_SME)
        services.return_for_correction(
            application, by=city[HANGZHOU], note="请补充上年度研发费用专项审计报告，并核对主营业务收入。"
        )
        made += 1
    rejections = [
        (hangzhou[8:9], "criteria_unmet", "研发费用占营业收入比重未达3%。"),
        (ningbo[2:3], "data_inconsistent", "申报营业收入与审计报告不一致。"),
    ]
    for enterprise, reason, comment in [(found[0], r, c) for found, r, c in rejections if found]:
        application = start_and_submit(enterprise, Tier.SRDI_SME)
        services.reject(
            application, by=city[enterprise.region.path.split("/")[1]], reason=reason, comment=comment
        )
        made += 1
    # Ningbo: a notice under way with an open objection; then some at the province; then passed.
    on_notice = [start_and_submit(enterprise, Tier.SRDI_SME) for enterprise in ningbo[3:5]]
    for application in on_notice:
        _pass(application, by=city[NINGBO], comment="推荐")
    stage = srdi.stages.get(order=1)
    if on_notice:
        draw = services.draw_spot_checks(stage, by=city[NINGBO], sample_size=1, seed=seed)
        for check in draw.checks.all():
            services.record_spot_check(
                check, by=city[NINGBO], result="consistent", findings="现场核查研发台账、专利证书与申报一致。"
            )
        notice = services.publish_notice(stage, by=city[NINGBO])
        services.lodge_objection(
            notice.entries.order_by("pk").first(),
            name="李先生",
            contact="13900000000",
            text="该企业主导产品的市场占有率数据来源存疑。",
            address="192.0.2.10",
        )
    made += len(on_notice)
    past = [start_and_submit(enterprise, Tier.SRDI_SME) for enterprise in hangzhou[9:14]]
    for application in past:
        _pass(application, by=city[HANGZHOU], comment="推荐")
    if past:
        # Published ten days ago and run its course: these show the path beyond the notice.
        old_notice = services.publish_notice(
            stage, by=city[HANGZHOU], starts_on=today - dt.timedelta(days=10)
        )
        services.conclude_notice(old_notice, by=city[HANGZHOU])
    for application in past[:2]:
        application.refresh_from_db()
        _pass(application, by=province, comment="同意认定")  # passed, awaiting recognition
    made += len(past)
    for enterprise in hangzhou[6:8]:
        application = start_and_submit(enterprise, Tier.SRDI_SME)
        _pass(application, by=city[HANGZHOU], comment="材料齐全，待公示")  # awaits the notice
        made += 1

    # The showcase enterprise's own SRDI application, kept as a draft for the demo owner to finish.
    owner = (
        Membership.objects.filter(user__username="owner", role="owner").select_related("enterprise").first()
    )
    if owner is not None:
        services.start_application(srdi, owner.enterprise, by=owner.user)
        made += 1

    # Innovative SMEs: a few at each stage.
    for enterprise in _candidates(rng, HANGZHOU, reference_year, 3, used):
        start_and_submit(enterprise, Tier.INNOVATIVE_SME)
        made += 1

    # Little giants: two at the ministry, experts drawn; the demo expert has a review to score.
    for enterprise in _candidates(rng, HANGZHOU, reference_year, 2, used):
        application = start_and_submit(enterprise, Tier.LITTLE_GIANT)
        _pass(application, by=city[HANGZHOU], comment="推荐")
        application.refresh_from_db()
        services.draw_spot_checks(application.current_stage, by=province, sample_size=1, seed=seed)
        for check in application.spot_checks.filter(recorded_at__isnull=True):
            services.record_spot_check(check, by=province, result="consistent", findings="生产线与申报一致。")
        application.refresh_from_db()
        _pass(application, by=province, comment="推荐至工业和信息化部")
        application.refresh_from_db()
        # A seed whose draw includes the demo expert, so that the demo account has a review to score; the draw
        # itself is the ordinary recorded one.
        eligible = [e.pk for e in experts if e.region_id[:2] != DEMO_PROVINCE[:2]]
        chosen = next(
            s for s in range(seed, seed + 10_000) if experts[0].pk in services._draw_sample(s, eligible, 5)
        )
        services.draw_experts(application, by=ministry, seed=chosen)
        made += 1
    log(f"  {made} applications this year, in every state")

    # Last year's recognitions, with certificates: the public list and verification have something to show.
    recognised = _last_years_recognitions(rng, year - 1, city, province, ministry, experts, used)
    log(f"  {recognised} recognitions from {year - 1}")
    accounts.append(_recognised_login())

    # The cluster round (criteria.md §8): five clusters of one Hangzhou county, through the services.
    accounts += cluster_demo.build(today=today, province=province, ministry=ministry, as_of=_as_of, log=log)

    return accounts


@contextmanager
def _as_of(day: dt.date) -> Iterator[None]:
    """Run the services as on `day` at 10:00: last year's round is replayed at last year's dates, through the
    same service functions as today's, so its rows, events and notices are ones the platform can reach."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _recognised_login() -> DemoAccount:
    """A demo login acting for a Hangzhou enterprise recognised last year: its title, certificate and yearly
    update are seen from the enterprise's side."""
    title = (
        Recognition.objects.filter(
            tier=Tier.SRDI_SME, application__region_path__startswith=f"{DEMO_PROVINCE}/{HANGZHOU}/"
        )
        .select_related("enterprise")
        .order_by("pk")
        .first()
    )
    if title is None:
        raise LookupError("the demo recognised no SRDI enterprise in Hangzhou")
    user = User(username="recognised", display_name="周敏", email="recognised@demo.littlegiant.cn")
    user.set_unusable_password()
    user.save()
    Membership.objects.create(user=user, enterprise=title.enterprise, role="owner")
    return DemoAccount(
        username="recognised",
        role_en="Owner of a recognised enterprise",
        role_zh="已认定企业负责人",
        note=f"{title.enterprise.name}：查看证书、年度更新 · Sees its title, certificate and yearly update.",
    )


def _last_years_recognitions(
    rng: random.Random,
    year: int,
    city: dict[str, User],
    province: User,
    ministry: User,
    experts: list[Expert],
    used: set[int],
) -> int:
    """Last year's round, replayed through the services: applications in May, each stage in turn (spot checks,
    expert scores, public notices), recognition on 30 September; the titles are valid today."""
    reviewers = {"municipal": city, "provincial": province, "national": ministry}
    count = 0
    for tier, size in [(Tier.SRDI_SME, 12), (Tier.INNOVATIVE_SME, 12), (Tier.LITTLE_GIANT, 3)]:
        programme = _programme(tier, year, dt.date(year, 4, 1), dt.date(year, 5, 31))
        enterprises = _candidates(rng, HANGZHOU, year - 1, size // 2, used) + _candidates(
            rng, NINGBO, year - 1, size - size // 2, used
        )
        if not enterprises:  # a small demo province may hold no candidate for a tier
            continue
        with _as_of(dt.date(year, 5, 10)):
            applications = []
            for enterprise in enterprises:
                applicant = _applicant(enterprise)
                draft = services.start_application(programme, enterprise, by=applicant)
                applications.append(services.submit(draft, by=applicant, pledge=True))
        day = dt.date(year, 6, 1)
        for stage in programme.stages.order_by("order"):
            day = _run_stage(stage, applications, reviewers, experts, day)
        with _as_of(dt.date(year, 9, 30)):
            batch = services.recognise(programme, by=reviewers[recognising_level(programme)])
        count += batch.recognitions.count()
    return count


def recognising_level(programme: Programme) -> str:
    """The level whose reviewers take the programme's recognition decision."""
    stage = services.recognising_stage(programme)
    assert stage is not None
    return stage.level


def _reviewer_of(reviewers: dict[str, object], level: str, application: Application) -> User:
    """The reviewer acting at this level for the application: its city's at the municipal level."""
    by_level = reviewers[level]
    if isinstance(by_level, dict):
        return by_level[application.region_path.split("/")[1]]
    return by_level  # type: ignore[return-value]


def _run_stage(
    stage: ReviewStage,
    applications: list[Application],
    reviewers: dict[str, object],
    experts: list[Expert],
    day: dt.date,
) -> dt.date:
    """Take every application through one stage as its reviewers would, from `day`; the day after it."""
    with _as_of(day):
        for application in applications:
            application.refresh_from_db()
        acting = {_reviewer_of(reviewers, stage.level, a) for a in applications}
        if stage.spot_check:
            for reviewer in sorted(acting, key=lambda user: user.pk):
                draw = services.draw_spot_checks(stage, by=reviewer, sample_size=1)
                for check in draw.checks.all():
                    services.record_spot_check(
                        check,
                        by=reviewer,
                        result="consistent",
                        findings="现场核查研发台账、专利证书与申报一致。",
                    )
        for application in applications:
            reviewer = _reviewer_of(reviewers, stage.level, application)
            if stage.expert_review:
                draw = services.draw_experts(application, by=reviewer)
                for review in draw.reviews.select_related("expert__user"):
                    scores = {
                        str(item["key"]): int(item["max"]) * 4 // 5
                        for item in application.programme.review_form
                    }
                    services.submit_expert_review(
                        review, by=review.expert.user, scores=scores, comment="同意推荐。"
                    )
            _pass(application, by=reviewer, comment="同意")
        notices = []
        if stage.public_notice:
            notices = [
                services.publish_notice(stage, by=reviewer) for reviewer in sorted(acting, key=lambda u: u.pk)
            ]
    if notices:
        day = max(notice.ends_on for notice in notices) + dt.timedelta(days=1)
        with _as_of(day):
            for notice in notices:
                services.conclude_notice(notice, by=notice.published_by)
    return day + dt.timedelta(days=7)
