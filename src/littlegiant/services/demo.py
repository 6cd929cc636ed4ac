"""Demo data for the service network: a national roll-up of synthetic institutions, months of requests.

Everything here is synthetic and marked so (`is_synthetic`), and the pages say so. The roll-up reproduces the
reported national figures (over 1,780 institutions; 84% of prefecture-level cities covered at municipal level
and above): 84% of 333 cities is 279.72, so 280 cities are covered (84.1%, shown as 84%). The demo province
(Zhejiang) gets a denser network with a municipal institution in every city, gaps at county level, staff, a
catalogue and nine months of requests.

The requests are lived through the services (`services.file_request`, `accept`, `decline`, `log_session`,
`record_outcome`, `close`, `rate`), each step dated in the past with `at`: the demo can only hold states the
platform reaches, with the trail, assignments, figures and notices the services write. The institutions are
reference data of the roll-up and are written in bulk. `build_network` also feeds the benchmark, whose 200,000
requests are loaded in bulk by bench/services_history.py.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from littlegiant.accounts.demo import DemoAccount, register_demo_account
from littlegiant.accounts.models import User
from littlegiant.enterprises.models import Enterprise, Membership
from littlegiant.enterprises.permissions import MembershipRole
from littlegiant.reference.models import Region, RegionLevel
from littlegiant.services import services
from littlegiant.services.models import (
    DeliveryMode,
    DemonstrationStatus,
    FeeBasis,
    InstitutionCategory,
    InstitutionKind,
    InstitutionLevel,
    InstitutionStaff,
    OutcomeKind,
    RequestStatus,
    ServiceCategory,
    ServiceInstitution,
    ServiceOffering,
    ServiceRequest,
    SessionMode,
    StaffRole,
    Urgency,
)

DEMO_PROVINCE = "330000"
SHOWCASE_COUNTY = "330106"  # 西湖区: the showcase enterprise's county (littlegiant.demo.people)
REPORTED_INSTITUTIONS = 1780
REPORTED_CITY_SHARE = Decimal("0.84")
DEMO_COUNTY_SHARE = 0.6
BATCH = 2000
HISTORY_DAYS = 270
HISTORY_REQUESTS = 1500
ALL_CATEGORIES = tuple(ServiceCategory.values)
# What SMEs ask for most (financing and policy first), for the synthetic history.
CATEGORY_WEIGHTS = {
    "financing": 25,
    "policy": 20,
    "digital": 12,
    "technical": 10,
    "ip": 8,
    "talent": 8,
    "market": 7,
    "management": 5,
    "legal": 5,
}
OFFERINGS = {
    "policy": ("惠企政策申报辅导", "梳理可申报的惠企政策，辅导准备申报材料。"),
    "ip": ("专利布局与维权咨询", "专利检索、布局建议与侵权应对指引。"),
    "financing": ("融资需求对接", "对接银行、担保与股权投资机构，辅导融资材料。"),
    "technical": ("检验检测与技术诊断", "产品检测、工艺诊断与共性技术服务。"),
    "talent": ("人才招聘与培训", "专场招聘、技能培训与经营管理人才研修。"),
    "digital": ("数字化转型诊断", "评估数字化水平，制定改造路线图并对接服务商。"),
    "market": ("市场开拓与展会对接", "组织参展、供需对接与品牌推广。"),
    "management": ("管理咨询", "战略、财务与质量管理体系咨询。"),
    "legal": ("法律服务", "合同审查、劳动用工与合规咨询。"),
}


@dataclass
class Network:
    """The synthetic institutions made, by region code (the national centre under the empty code)."""

    by_region: dict[str, list[ServiceInstitution]] = field(default_factory=dict)
    categories: dict[int, frozenset[str]] = field(default_factory=dict)
    total: int = 0
    cities_covered: int = 0

    def add(self, institution: ServiceInstitution, categories: Sequence[str]) -> None:
        self.by_region.setdefault(institution.region_id or "", []).append(institution)
        self.categories[id(institution)] = frozenset(categories)

    def chain(self, region_path: str, category: str) -> list[ServiceInstitution]:
        """The routing order for an enterprise in this region: county, city, province, country."""
        codes = [code for code in region_path.split("/") if code]
        found: list[ServiceInstitution] = []
        for code in [*reversed(codes), ""]:
            for institution in self.by_region.get(code, []):
                if category in self.categories[id(institution)]:
                    found.append(institution)
        return found


def _institution(rng: random.Random, name: str, level: str, region: Region | None, parent, *, demo: bool):  # noqa: ANN001, ANN202
    return ServiceInstitution(
        name=name,
        level=level,
        region=region,
        parent=parent,
        kind=InstitutionKind.ONE_STOP,
        capacity={"national": 400, "provincial": 200, "municipal": 80, "county": 25}[level],
        contact_name="服务热线"
        if not demo
        else rng.choice(["张", "李", "王", "刘", "陈", "杨", "赵", "周"]) + "老师",
        phone="12345" if not demo else f"0571-{rng.randint(80000000, 89999999)}",
        demonstration=DemonstrationStatus.NONE,
        is_synthetic=True,
    )


def _categories_for(rng: random.Random, level: str, *, must: Sequence[str] = ()) -> list[str]:
    if level in {InstitutionLevel.NATIONAL, InstitutionLevel.PROVINCIAL}:
        return list(ALL_CATEGORIES)
    size = rng.randint(6, 9) if level == InstitutionLevel.MUNICIPAL else rng.randint(3, 6)
    chosen = set(rng.sample(ALL_CATEGORIES, size)) | set(must)
    chosen.add("policy")  # every public institution explains policy
    return [category for category in ALL_CATEGORIES if category in chosen]


def _save(items: list[ServiceInstitution]) -> None:
    ServiceInstitution.objects.bulk_create(items, batch_size=BATCH)


def build_network(
    rng: random.Random,
    *,
    total: int = REPORTED_INSTITUTIONS,
    city_share: Decimal = REPORTED_CITY_SHARE,
    demo_province: str = DEMO_PROVINCE,
    log: Callable[[str], None] = print,
) -> Network:
    """A national network of `total` synthetic institutions covering `city_share` of prefecture-level cities.

    The demo province gets a municipal institution in every city and institutions in about 60% of its
    counties; the other provinces share the remaining cities (chosen at random with the seed) and counties.
    """
    network = Network()
    regions = list(
        Region.objects.exclude(level=RegionLevel.PROVINCE).only(
            "code", "path", "level", "province_code", "name", "parent_id"
        )
    )
    provinces = {region.code: region for region in Region.objects.filter(level=RegionLevel.PROVINCE)}
    with_counties = sorted({region.province_code for region in regions if region.level == RegionLevel.COUNTY})
    cities = sorted((r for r in regions if r.level == RegionLevel.PREFECTURE), key=lambda r: r.code)
    counties = sorted((r for r in regions if r.level == RegionLevel.COUNTY), key=lambda r: r.code)

    national = _institution(
        rng, "国家中小企业公共服务中心（演示）", InstitutionLevel.NATIONAL, None, None, demo=True
    )
    national.demonstration = DemonstrationStatus.NATIONAL
    _save([national])
    network.add(national, ALL_CATEGORIES)

    provincial: dict[str, ServiceInstitution] = {}
    for code in with_counties:
        province = provinces[code]
        institution = _institution(
            rng,
            f"{province.name}中小企业公共服务中心",
            InstitutionLevel.PROVINCIAL,
            province,
            national,
            demo=code == demo_province,
        )
        institution.demonstration = (
            DemonstrationStatus.NATIONAL if rng.random() < 0.5 else DemonstrationStatus.PROVINCIAL
        )
        provincial[code] = institution
    _save(list(provincial.values()))
    for institution in provincial.values():
        network.add(institution, ALL_CATEGORIES)

    # Cities: every city of the demo province, then a seeded sample of the others up to the reported share.
    target_cities = int((city_share * len(cities)).to_integral_value(rounding=ROUND_HALF_UP))
    demo_cities = [city for city in cities if city.province_code == demo_province]
    others = [city for city in cities if city.province_code != demo_province]
    covered = demo_cities + sorted(rng.sample(others, target_cities - len(demo_cities)), key=lambda r: r.code)
    municipal: dict[str, ServiceInstitution] = {}
    municipal_categories: dict[str, list[str]] = {}
    for city in covered:
        demo = city.province_code == demo_province
        institution = _institution(
            rng,
            f"{city.name}中小企业服务中心",
            InstitutionLevel.MUNICIPAL,
            city,
            provincial[city.province_code],
            demo=demo,
        )
        if rng.random() < 0.2:
            institution.demonstration = DemonstrationStatus.PROVINCIAL
        municipal[city.code] = institution
        municipal_categories[city.code] = list(ALL_CATEGORIES) if demo else _categories_for(rng, "municipal")
    # Specialised municipal platforms in the demo province's two largest cities.
    specialised = []
    for code, name, category in (
        ("330100", "杭州市知识产权服务平台", "ip"),
        ("330200", "宁波市数字化转型服务平台", "digital"),
    ):
        city = next((c for c in demo_cities if c.code == code), None)
        if city is not None:
            institution = _institution(
                rng, name, InstitutionLevel.MUNICIPAL, city, provincial[demo_province], demo=True
            )
            institution.kind = InstitutionKind.SPECIALISED
            specialised.append((institution, [category, "policy"]))
    _save([*municipal.values(), *(item for item, _ in specialised)])
    for code, institution in municipal.items():
        network.add(institution, municipal_categories[code])
    for institution, categories in specialised:
        network.add(institution, categories)
    network.cities_covered = len(covered)

    # Counties: about 60% of the demo province's (always the showcase county), then the rest of the total.
    made = 1 + len(provincial) + len(municipal) + len(specialised)
    demo_counties = [county for county in counties if county.province_code == demo_province]
    picked = {
        county.code for county in rng.sample(demo_counties, round(len(demo_counties) * DEMO_COUNTY_SHARE))
    }
    picked.add(SHOWCASE_COUNTY)
    chosen = [county for county in demo_counties if county.code in picked]
    remaining = total - made - len(chosen)
    if remaining < 0:
        raise ValueError(
            f"a network of {total} institutions is too small for {made + len(chosen)} required ones"
        )
    other_counties = [county for county in counties if county.province_code != demo_province]
    chosen += sorted(rng.sample(other_counties, min(remaining, len(other_counties))), key=lambda r: r.code)
    county_items: list[tuple[ServiceInstitution, list[str]]] = []
    for county in chosen:
        parent = municipal.get(county.parent_id or "") or provincial[county.province_code]
        institution = _institution(
            rng,
            f"{county.name}中小企业服务站",
            InstitutionLevel.COUNTY,
            county,
            parent,
            demo=county.province_code == demo_province,
        )
        must = ("financing",) if county.code == SHOWCASE_COUNTY else ()
        county_items.append((institution, _categories_for(rng, "county", must=must)))
    _save([item for item, _ in county_items])
    for institution, categories in county_items:
        network.add(institution, categories)

    everything = [institution for items in network.by_region.values() for institution in items]
    network.total = len(everything)
    InstitutionCategory.objects.bulk_create(
        [
            InstitutionCategory(institution=institution, category=category)
            for institution in everything
            for category in sorted(network.categories[id(institution)])
        ],
        batch_size=BATCH,
    )
    offerings = []
    for institution in everything:
        categories = sorted(network.categories[id(institution)])
        for category in rng.sample(categories, min(len(categories), 3)):
            title, description = OFFERINGS[category]
            offerings.append(
                ServiceOffering(
                    institution=institution,
                    category=category,
                    title=title,
                    description=description,
                    fee=FeeBasis.FREE if rng.random() < 0.75 else FeeBasis.FEE,
                    delivery=rng.choice(DeliveryMode.values),
                )
            )
    ServiceOffering.objects.bulk_create(offerings, batch_size=BATCH)
    log(
        f"{network.total:,} synthetic service institutions; "
        f"{network.cities_covered} of {len(cities)} cities covered"
    )
    return network


def lognormal(rng: random.Random, median: float, sigma: float) -> float:
    """A waiting time around `median`: most answers come quickly, a few take much longer."""
    return median * math.exp(rng.gauss(0, sigma))


def outcome_for(rng: random.Random, category: str) -> tuple[str | None, Decimal]:
    """The measured result a closed request of this category brought, if any: (kind, value) or (None, 0)."""
    if category == "financing" and rng.random() < 0.45:
        return OutcomeKind.FINANCING, Decimal(rng.randrange(50, 2000) * 10000)
    if category == "ip" and rng.random() < 0.6:
        return OutcomeKind.IP, Decimal(rng.randint(1, 6))
    if category == "talent" and rng.random() < 0.6:
        return OutcomeKind.HIRES, Decimal(rng.randint(1, 12))
    if category in {"market", "digital"} and rng.random() < 0.35:
        return OutcomeKind.REVENUE, Decimal(rng.randrange(10, 500) * 10000)
    return None, Decimal(0)


def request_fields(rng: random.Random, category: str) -> dict[str, str]:
    """A synthetic request's category, title, description and urgency (mostly normal)."""
    title, description = OFFERINGS[category]
    urgency = rng.choices(Urgency.values, [2, 7, 1])[0]
    return {"category": category, "title": f"{title}需求", "description": description, "urgency": urgency}


DECLINE_REASONS = ("本站暂无该类服务资源", "需上级平台协调", "超出本站服务能力")
RESOLUTION = "已完成服务并反馈企业。"


def build_request_history(
    rng: random.Random,
    *,
    enterprises: Sequence[Enterprise],
    filer_of: Callable[[Enterprise], User],
    counsellor_of: Callable[[ServiceInstitution], User],
    count: int,
    end: datetime,
    days: int = HISTORY_DAYS,
    log: Callable[[str], None] = print,
) -> int:
    """`count` synthetic requests filed over `days` up to `end` by `enterprises`, each lived through the services.

    Every step is the service a person would call, dated in the past (`at`): filing routes by the platform's
    rule; about one in six is declined by an institution below the national centre and goes on up; older
    requests are mostly accepted, served in sessions, closed with an outcome and rated; some stay open for
    months and some sessions have no time logged, so the data-quality page has something to show. The
    requests are lived in the order they were filed, so routing sees each month's load as it was.
    """
    categories, weights = list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values())
    filings = sorted(
        (
            (
                end - timedelta(seconds=rng.uniform(0, days * 86400)),
                rng.choice(enterprises),
                rng.choices(categories, weights)[0],
            )
            for _index in range(count)
        ),
        key=lambda filing: (filing[0], filing[1].pk),
    )
    for made, (filed_at, enterprise, category) in enumerate(filings, start=1):
        _live_through(
            rng, enterprise, filer_of(enterprise), category, filed_at, end=end, counsellor_of=counsellor_of
        )
        if made % 500 == 0:
            log(f"{made:,} service requests")
    return len(filings)


def _live_through(  # noqa: PLR0913
    rng: random.Random,
    enterprise: Enterprise,
    filer: User,
    category: str,
    filed_at: datetime,
    *,
    end: datetime,
    counsellor_of: Callable[[ServiceInstitution], User],
) -> None:
    """One request from filing to as far as it got by `end`: answered (or declined on up), served, closed, rated."""
    request = services.file_request(enterprise, by=filer, at=filed_at, **request_fields(rng, category))
    at = filed_at
    while request.status == RequestStatus.ROUTED:
        institution = request.institution
        at += timedelta(hours=lognormal(rng, 18 if institution.level == InstitutionLevel.COUNTY else 26, 0.9))
        if at > end:
            return  # still awaiting the institution's answer
        counsellor = counsellor_of(institution)
        # The national centre is the last stop: it takes what reaches it.
        if institution.level != InstitutionLevel.NATIONAL and rng.random() < 0.17:
            request = services.decline(request, by=counsellor, reason=rng.choice(DECLINE_REASONS), at=at)
        else:
            request = services.accept(request, by=counsellor, at=at)
    if request.status == RequestStatus.ACCEPTED:
        _serve(rng, request, counsellor, filer, accepted_at=at, end=end)


def _serve(
    rng: random.Random,
    request: ServiceRequest,
    counsellor: User,
    filer: User,
    *,
    accepted_at: datetime,
    end: datetime,
) -> None:
    """An accepted request's sessions, then (unless it stays open) its outcome, closing and rating."""
    resolution = timedelta(days=lognormal(rng, 11, 0.8))
    closed_at = accepted_at + resolution
    session_at = accepted_at
    for _number in range(rng.choice([1, 1, 2, 2, 3])):
        session_at += timedelta(days=rng.uniform(0.5, max(1.0, resolution.days / 2)))
        if session_at > min(end, closed_at):
            break  # the sessions come before the closing
        untimed = rng.random() < 0.03  # the sessions without time logged that the data-quality page lists
        services.log_session(
            request,
            by=counsellor,
            held_on=timezone.localdate(session_at),
            mode=rng.choice(SessionMode.values),
            contact_minutes=0 if untimed else rng.choice([30, 45, 60, 90, 120]),
            preparation_minutes=0 if untimed else rng.choice([0, 15, 30, 60]),
            at=session_at,
        )
    stays_open = rng.random() < 0.03  # the stale requests the data-quality page lists
    if stays_open or closed_at > end:
        return
    kind, value = outcome_for(rng, request.category)
    if kind:
        services.record_outcome(
            request,
            by=counsellor,
            kind=kind,
            value=value,
            achieved_on=timezone.localdate(closed_at),
            at=closed_at,
        )
    free = rng.random() < (
        0.85 if request.institution.level in {InstitutionLevel.COUNTY, InstitutionLevel.MUNICIPAL} else 0.7
    )
    services.close(request, by=counsellor, resolution=RESOLUTION, free_of_charge=free, at=closed_at)
    if rng.random() < 0.62:
        score = rng.choices([5, 4, 3, 2, 1], [50, 32, 11, 4, 3])[0]
        services.rate(request, by=filer, score=score, at=min(closed_at + timedelta(days=1), end))


def _staff_user(username: str, display_name: str) -> User:
    user = User(username=username, display_name=display_name, email=f"{username}@demo.littlegiant.cn")
    user.set_unusable_password()  # register_demo_account gives the demo accounts the demo password
    user.save()
    return user


def _requests_through_the_services(county_user: User, city_user: User) -> None:
    """The requests the demo accounts open first, made by the services as people would make them: the
    showcase county's owner files three; the county station answers one from filing to rating, declines one
    (it routes up to the Hangzhou centre, which takes it on) and leaves one to be answered."""
    membership = (
        Membership.objects.filter(enterprise__region_id=SHOWCASE_COUNTY, role=MembershipRole.OWNER)
        .select_related("user", "enterprise__region")
        .order_by("pk")
        .first()
    )
    if membership is None:
        return
    owner, enterprise = membership.user, membership.enterprise

    def file(category: str) -> ServiceRequest:
        title, description = OFFERINGS[category]
        return services.file_request(
            enterprise, by=owner, category=category, title=f"{title}需求", description=description
        )

    answered = file("financing")
    services.accept(answered, by=county_user, comment="已受理，三个工作日内联系企业。")
    services.log_session(
        answered,
        by=county_user,
        held_on=timezone.localdate(),
        mode=SessionMode.values[0],
        contact_minutes=60,
        preparation_minutes=30,
        notes="梳理融资需求，推荐两家合作银行。",
    )
    services.close(answered, by=county_user, resolution="已对接合作银行并辅导融资材料。", free_of_charge=True)
    services.rate(answered, by=owner, score=5, comment="响应及时。")
    declined = file("policy")
    services.decline(declined, by=county_user, reason="需上级平台协调")
    services.accept(declined, by=city_user, comment="由市中心统一辅导申报。")
    file("financing")


def staff_counsellors(institutions: Sequence[ServiceInstitution]) -> dict[int, User]:
    """One synthetic counsellor per institution (by institution id), so that every request routed there has a
    person to answer it and every session a person behind it. The counsellors never sign in."""
    counsellors = User.objects.bulk_create(
        [
            User(
                username=f"svc{institution.pk}",
                display_name=f"{institution.name} 服务专员",
                email=f"svc{institution.pk}@demo.littlegiant.cn",
                password="!",  # noqa: S106  (an unusable password: these counsellors never sign in)
            )
            for institution in institutions
        ],
        batch_size=BATCH,
    )
    InstitutionStaff.objects.bulk_create(
        [
            InstitutionStaff(user=user, institution=institution, role=StaffRole.COUNSELLOR)
            for user, institution in zip(counsellors, institutions, strict=True)
        ],
        batch_size=BATCH,
    )
    return {institution.pk: user for user, institution in zip(counsellors, institutions, strict=True)}


def _filers(enterprises: Sequence[Enterprise]) -> dict[int, User]:
    """Who files each enterprise's requests: its owner, or for an enterprise without accounts one synthetic
    contact, made its delegate so that the services let it file and rate."""
    owner_of = dict(
        Membership.objects.filter(enterprise__in=enterprises, role=MembershipRole.OWNER)
        .order_by("-pk")
        .values_list("enterprise_id", "user_id")
    )
    users = User.objects.in_bulk(set(owner_of.values()))
    contact = _staff_user("sme_contact_synthetic", "企业联系人（合成数据）")
    Membership.objects.bulk_create(
        [
            Membership(user=contact, enterprise=enterprise, role=MembershipRole.DELEGATE)
            for enterprise in enterprises
            if enterprise.pk not in owner_of
        ],
        batch_size=BATCH,
    )
    return {e.pk: users[owner_of[e.pk]] if e.pk in owner_of else contact for e in enterprises}


def build(*, seed: int, log: Callable[[str], None]) -> list[DemoAccount]:
    """The service network's demo: national roll-up, Zhejiang's staff and catalogue, months of requests."""
    rng = random.Random(seed)
    network = build_network(rng, log=log)
    # The demo province's institutions and the national centre, which takes requests too.
    counsellors = staff_counsellors(
        [
            institution
            for code, items in network.by_region.items()
            if code.startswith(DEMO_PROVINCE[:2]) or code == ""
            for institution in items
        ]
    )
    county = next(i for i in network.by_region[SHOWCASE_COUNTY] if i.level == InstitutionLevel.COUNTY)
    city = next(i for i in network.by_region["330100"] if i.kind == InstitutionKind.ONE_STOP)
    county_user = _staff_user("service_county", "西湖区服务站 刘敏")
    InstitutionStaff.objects.create(user=county_user, institution=county, role=StaffRole.MANAGER)
    city_user = _staff_user("service_city", "杭州市服务中心 赵磊")
    InstitutionStaff.objects.create(user=city_user, institution=city, role=StaffRole.MANAGER)

    enterprises = list(
        Enterprise.objects.filter(region__province_code=DEMO_PROVINCE)
        .select_related("region")
        .order_by("pk")[:3000]
    )
    if enterprises:
        filers = _filers(enterprises)
        made = build_request_history(
            rng,
            enterprises=enterprises,
            filer_of=lambda enterprise: filers[enterprise.pk],
            counsellor_of=lambda institution: counsellors[institution.pk],
            count=HISTORY_REQUESTS,
            end=timezone.now(),
            log=log,
        )
        log(f"{made:,} synthetic service requests over {HISTORY_DAYS} days")
    _requests_through_the_services(county_user, city_user)
    return [
        register_demo_account(
            county_user,
            "County service institution staff",
            "县级服务机构人员",
            "西湖区中小企业服务站: answer requests; decline one and watch it route up to Hangzhou.",
        ),
        register_demo_account(
            city_user,
            "Municipal service institution staff",
            "市级服务机构人员",
            "杭州市中小企业服务中心: take requests the county declined, record outcomes, close them.",
        ),
    ]
