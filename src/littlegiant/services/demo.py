"""Demo data for the service network: a national roll-up of synthetic institutions, months of requests.

Everything here is synthetic and marked so (`is_synthetic`), and the pages say so. The roll-up reproduces the
reported national figures (over 1,780 institutions; 84% of prefecture-level cities covered at municipal level
and above): 84% of 333 cities is 279.72, so 280 cities are covered (84.1%, shown as 84%). The demo province
(Zhejiang) gets a denser network with a municipal institution in every city, gaps at county level, staff, a
catalogue and nine months of requests. `build_network` and `build_request_history` also feed the benchmark.
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
    AssignmentOutcome,
    DeliveryMode,
    DemonstrationStatus,
    FeeBasis,
    InstitutionCategory,
    InstitutionKind,
    InstitutionLevel,
    InstitutionStaff,
    OutcomeKind,
    RequestAssignment,
    RequestEvent,
    RequestStatus,
    RoutingReason,
    ServiceCategory,
    ServiceInstitution,
    ServiceOffering,
    ServiceOutcome,
    ServiceRating,
    ServiceRequest,
    ServiceSession,
    SessionMode,
    StaffRole,
    Urgency,
)
from littlegiant.services.services import outcome_comment, session_comment

DEMO_PROVINCE = "330000"
SHOWCASE_COUNTY = "330106"  # 西湖区: the showcase enterprise's county (littlegiant.demo.people)
REPORTED_INSTITUTIONS = 1780
REPORTED_CITY_SHARE = Decimal("0.84")
DEMO_COUNTY_SHARE = 0.6
BATCH = 2000
HISTORY_DAYS = 270
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


def _lognormal(rng: random.Random, median: float, sigma: float) -> float:
    return median * math.exp(rng.gauss(0, sigma))


@dataclass
class _Draft:
    request: ServiceRequest
    assignments: list[RequestAssignment]
    sessions: list[ServiceSession]
    outcomes: list[ServiceOutcome]
    rating: ServiceRating | None
    events: list[RequestEvent]


def build_request_history(
    rng: random.Random,
    network: Network,
    *,
    enterprises: Sequence[tuple[int, str]],
    filer_of: Callable[[int], int],
    filer_role_of: Callable[[int], str] = lambda _pk: MembershipRole.OWNER,
    counsellor_of: Callable[[ServiceInstitution], int],
    count: int,
    end: datetime,
    days: int = HISTORY_DAYS,
    with_events: bool = True,
    log: Callable[[str], None] = print,
) -> int:
    """`count` synthetic requests filed over `days` up to `end` by (enterprise id, region path) pairs.

    Requests follow the routing rule through `network`; about one in six is declined by its first institution;
    older requests are mostly closed, with sessions, outcomes and ratings; some stay open for months and some
    sessions have no time logged, so the data-quality page has something to show.
    """
    categories, weights = list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values())
    made = 0
    drafts: list[_Draft] = []
    for _index in range(count):
        enterprise_id, path = rng.choice(enterprises)
        category = rng.choices(categories, weights)[0]
        chain = network.chain(path, category)
        filed_at = end - timedelta(seconds=rng.uniform(0, days * 86400))
        drafts.append(
            _draft(
                rng,
                enterprise_id,
                filer_of(enterprise_id),
                filer_role_of(enterprise_id),
                path.rstrip("/").rsplit("/", 1)[-1],
                category,
                chain,
                filed_at,
                end,
                counsellor_of,
                with_events,
            )
        )
        if len(drafts) >= BATCH:
            made += _flush(drafts, with_events)
            drafts = []
            if made % 20000 == 0:
                log(f"{made:,} service requests")
    made += _flush(drafts, with_events)
    return made


def _draft(  # noqa: C901, PLR0912, PLR0913, PLR0915
    rng,  # noqa: ANN001
    enterprise_id,  # noqa: ANN001
    filer_id,  # noqa: ANN001
    filer_role,  # noqa: ANN001
    enterprise_region,  # noqa: ANN001
    category,  # noqa: ANN001
    chain,  # noqa: ANN001
    filed_at,  # noqa: ANN001
    end,  # noqa: ANN001
    counsellor_of,  # noqa: ANN001
    with_events,  # noqa: ANN001
) -> _Draft:
    title, _description = OFFERINGS[category]
    request = ServiceRequest(
        enterprise_id=enterprise_id,
        category=category,
        title=f"{title}需求",
        description=_description,
        urgency=rng.choices(Urgency.values, [2, 7, 1])[0],
        filed_by_id=filer_id,
        filed_at=filed_at,
        status=RequestStatus.UNROUTED,
        free_of_charge=None,
    )
    draft = _Draft(request, [], [], [], None, [])

    def event(  # noqa: PLR0913
        action: str,
        before: str,
        after: str,
        at: datetime,
        *,
        actor: int | None,
        role: str,
        held_at: ServiceInstitution | None = None,
        institution: ServiceInstitution | None = None,
        comment: str = "",
    ) -> None:
        """One trail entry shaped as services._record writes it: a role code, the institution the actor
        acted for, the region where the role is held, the institution the request stands at after it."""
        if with_events:
            region = (held_at.region_id or "") if held_at is not None else enterprise_region
            draft.events.append(
                RequestEvent(
                    actor_id=actor,
                    role=role,
                    held_at=held_at,
                    region=region,
                    action=action,
                    from_state=before,
                    to_state=after,
                    institution=institution,
                    comment=comment,
                    created_at=at,
                )
            )

    event(
        "file",
        "",
        RequestStatus.ROUTED if chain else RequestStatus.UNROUTED,
        filed_at,
        actor=filer_id,
        role=filer_role,
        institution=chain[0] if chain else None,
    )
    if not chain:
        return draft
    at = filed_at
    index = 0
    reason = RoutingReason.FILED
    # A first institution that cannot help declines; the next one up takes it.
    while True:
        institution = chain[index]
        assignment = RequestAssignment(institution=institution, reason=reason, routed_at=at)
        draft.assignments.append(assignment)
        answer = timedelta(hours=_lognormal(rng, 18 if institution.level == "county" else 26, 0.9))
        if at + answer > end:
            request.status = RequestStatus.ROUTED
            request.institution = institution
            request.respond_by = at + timedelta(hours=institution.first_response_hours)
            return draft
        at += answer
        assignment.responded_at = at
        assignment.response_seconds = int(answer.total_seconds())
        if index + 1 < len(chain) and rng.random() < 0.17:
            assignment.ended_at, assignment.outcome = at, AssignmentOutcome.DECLINED
            assignment.comment = rng.choice(["本站暂无该类服务资源", "需上级平台协调", "超出本站服务能力"])
            event(
                "decline",
                RequestStatus.ROUTED,
                RequestStatus.ROUTED,
                at,
                actor=counsellor_of(institution),
                role=StaffRole.COUNSELLOR,
                held_at=institution,
                institution=chain[index + 1],
                comment=assignment.comment,
            )
            index, reason = index + 1, RoutingReason.DECLINED
            continue
        break
    request.institution = institution
    request.status = RequestStatus.ACCEPTED
    request.first_response_at = at
    request.resolve_by = at + timedelta(days=institution.resolution_days)
    counsellor = counsellor_of(institution)
    staff = {
        "actor": counsellor,
        "role": StaffRole.COUNSELLOR,
        "held_at": institution,
        "institution": institution,
    }
    event("accept", RequestStatus.ROUTED, RequestStatus.ACCEPTED, at, **staff)
    resolution = timedelta(days=_lognormal(rng, 11, 0.8))
    session_day = at
    for _number in range(rng.choice([1, 1, 2, 2, 3])):
        session_day = session_day + timedelta(days=rng.uniform(0.5, max(1.0, resolution.days / 2)))
        if session_day > end:
            break
        untimed = rng.random() < 0.03
        session = ServiceSession(
            institution=institution,
            counsellor_id=counsellor,
            held_on=timezone.localdate(session_day),
            mode=rng.choice(SessionMode.values),
            contact_minutes=0 if untimed else rng.choice([30, 45, 60, 90, 120]),
            preparation_minutes=0 if untimed else rng.choice([0, 15, 30, 60]),
            notes="",
        )
        draft.sessions.append(session)
        event(
            "session",
            RequestStatus.ACCEPTED,
            RequestStatus.ACCEPTED,
            session_day,
            comment=session_comment(session),
            **staff,
        )
    stays_open = rng.random() < 0.03  # the stale requests the data-quality page lists
    if stays_open or at + resolution > end:
        return draft
    closed_at = at + resolution
    request.status = RequestStatus.CLOSED
    request.closed_at = closed_at
    request.resolve_by = None
    request.resolution = "已完成服务并反馈企业。"
    request.free_of_charge = rng.random() < (0.85 if institution.level in {"county", "municipal"} else 0.7)
    assignment.ended_at, assignment.outcome = closed_at, AssignmentOutcome.CLOSED
    assignment.resolution_seconds = int((closed_at - assignment.routed_at).total_seconds())
    kind, value = _outcome(rng, category)
    if kind:
        outcome = ServiceOutcome(
            institution=institution,
            kind=kind,
            value=value,
            achieved_on=timezone.localdate(closed_at),
            recorded_by_id=counsellor,
        )
        draft.outcomes.append(outcome)
        event(
            "outcome",
            RequestStatus.ACCEPTED,
            RequestStatus.ACCEPTED,
            closed_at,
            comment=outcome_comment(outcome),
            **staff,
        )
    event(
        "close",
        RequestStatus.ACCEPTED,
        RequestStatus.CLOSED,
        closed_at,
        comment=request.resolution,
        **staff,
    )
    if rng.random() < 0.62:
        score = rng.choices([5, 4, 3, 2, 1], [50, 32, 11, 4, 3])[0]
        draft.rating = ServiceRating(institution=institution, score=score, comment="", rated_by_id=filer_id)
        event(
            "rate",
            RequestStatus.CLOSED,
            RequestStatus.CLOSED,
            min(closed_at + timedelta(days=1), end),
            actor=filer_id,
            role=filer_role,
            institution=institution,
            comment=f"{score}/5",
        )
    return draft


def _outcome(rng: random.Random, category: str) -> tuple[str | None, Decimal]:
    if category == "financing" and rng.random() < 0.45:
        return OutcomeKind.FINANCING, Decimal(rng.randrange(50, 2000) * 10000)
    if category == "ip" and rng.random() < 0.6:
        return OutcomeKind.IP, Decimal(rng.randint(1, 6))
    if category == "talent" and rng.random() < 0.6:
        return OutcomeKind.HIRES, Decimal(rng.randint(1, 12))
    if category in {"market", "digital"} and rng.random() < 0.35:
        return OutcomeKind.REVENUE, Decimal(rng.randrange(10, 500) * 10000)
    return None, Decimal(0)


def _flush(drafts: list[_Draft], with_events: bool) -> int:
    if not drafts:
        return 0
    ServiceRequest.objects.bulk_create([draft.request for draft in drafts], batch_size=BATCH)
    assignments, sessions, outcomes, ratings, events = [], [], [], [], []
    for draft in drafts:
        pk = draft.request.pk
        for assignment in draft.assignments:
            assignment.request_id = pk
            assignments.append(assignment)
        for session in draft.sessions:
            session.request_id = pk
            sessions.append(session)
        for outcome in draft.outcomes:
            outcome.request_id = pk
            outcomes.append(outcome)
        if draft.rating is not None:
            draft.rating.request_id = pk
            ratings.append(draft.rating)
        for item in draft.events:
            item.request_id = pk
            events.append(item)
    RequestAssignment.objects.bulk_create(assignments, batch_size=BATCH)
    ServiceSession.objects.bulk_create(sessions, batch_size=BATCH)
    ServiceOutcome.objects.bulk_create(outcomes, batch_size=BATCH)
    ServiceRating.objects.bulk_create(ratings, batch_size=BATCH)
    if with_events:
        RequestEvent.objects.bulk_create(events, batch_size=BATCH)
    return len(drafts)


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


def build(*, seed: int, log: Callable[[str], None]) -> list[DemoAccount]:
    """The service network's demo: national roll-up, Zhejiang's staff and catalogue, months of requests."""

    rng = random.Random(seed)
    network = build_network(rng, log=log)
    demo_institutions = [
        institution
        for code, items in network.by_region.items()
        if code.startswith(DEMO_PROVINCE[:2]) or code == ""  # the national centre takes requests too
        for institution in items
    ]
    # One counsellor per institution of the demo province, so every session has a person behind it.
    counsellors = User.objects.bulk_create(
        [
            User(
                username=f"svc{institution.pk}",
                display_name=f"{institution.name} 服务专员",
                email=f"svc{institution.pk}@demo.littlegiant.cn",
                password="!",  # noqa: S106  (an unusable password: these counsellors never sign in)
            )  # unusable password
            for institution in demo_institutions
        ]
    )
    InstitutionStaff.objects.bulk_create(
        [
            InstitutionStaff(user=user, institution=institution, role=StaffRole.COUNSELLOR)
            for user, institution in zip(counsellors, demo_institutions, strict=True)
        ]
    )
    counsellor_by_institution = {
        institution.pk: user.pk for user, institution in zip(counsellors, demo_institutions, strict=True)
    }

    county = next(i for i in network.by_region[SHOWCASE_COUNTY] if i.level == InstitutionLevel.COUNTY)
    city = next(i for i in network.by_region["330100"] if i.kind == InstitutionKind.ONE_STOP)
    county_user = _staff_user("service_county", "西湖区服务站 刘敏")
    InstitutionStaff.objects.create(user=county_user, institution=county, role=StaffRole.MANAGER)
    city_user = _staff_user("service_city", "杭州市服务中心 赵磊")
    InstitutionStaff.objects.create(user=city_user, institution=city, role=StaffRole.MANAGER)

    members = dict(
        Membership.objects.filter(enterprise__region__province_code=DEMO_PROVINCE, role="owner").values_list(
            "enterprise_id", "user_id"
        )
    )
    # The synthetic enterprises have no accounts: one synthetic contact files and rates their requests.
    fallback_filer = _staff_user("sme_contact_synthetic", "企业联系人（合成数据）").pk
    enterprises = list(
        Enterprise.objects.filter(region__province_code=DEMO_PROVINCE)
        .order_by("pk")
        .values_list("pk", "region__path")[:3000]
    )
    # ...as their delegate, so the trail names a role the services would have let them file in.
    Membership.objects.bulk_create(
        [
            Membership(user_id=fallback_filer, enterprise_id=pk, role=MembershipRole.DELEGATE)
            for pk, _path in enterprises
            if pk not in members
        ],
        batch_size=BATCH,
    )
    if enterprises:
        made = build_request_history(
            rng,
            network,
            enterprises=enterprises,
            filer_of=lambda pk: members.get(pk, fallback_filer),
            filer_role_of=lambda pk: MembershipRole.OWNER if pk in members else MembershipRole.DELEGATE,
            counsellor_of=lambda institution: counsellor_by_institution.get(institution.pk, county_user.pk),
            count=1500,
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
