"""Demo technology transfer: synthetic universities of Zhejiang, a few hundred Chinese patents, licences in
every stage.

Everything is synthetic: the institutions are named "某某" on purpose, the application numbers are made up
(with valid check digits), and the titles and abstracts are composed from templates per technical field.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from littlegiant.accounts.demo import DemoAccount, register_demo_account
from littlegiant.accounts.models import User
from littlegiant.enterprises.models import Enterprise, Membership
from littlegiant.techtransfer import services
from littlegiant.techtransfer.models import (
    FeedbackCategory,
    LicenceStatus,
    LicenceText,
    PatentListing,
    ResearchInstitution,
    TransferOfficer,
)
from littlegiant.techtransfer.patent_numbers import application_check_digit
from littlegiant.techtransfer.royalties import licence_year

LISTINGS = 320


@dataclass(frozen=True, slots=True)
class Field:
    """A technical field: the industries (GB/T 4754 divisions) it serves, and the words its patents are made
    of."""

    name: str
    divisions: tuple[str, ...]
    subjects: tuple[tuple[str, str], ...]  # (subject, IPC class)
    methods: tuple[str, ...]
    effects: tuple[str, ...]
    uses: tuple[str, ...]


FIELDS = (
    Field(
        "新材料",
        ("26", "29", "30", "32"),
        (
            ("石墨烯导热复合材料", "C08K 3/04"),
            ("高镍三元锂电池正极材料", "H01M 4/36"),
            ("可降解聚乳酸复合材料", "C08L 67/04"),
            ("碳化硅陶瓷涂层", "C04B 35/565"),
            ("高熵合金粉末", "B22F 9/08"),
            ("二氧化硅气凝胶隔热材料", "C01B 33/158"),
            ("钙钛矿光伏薄膜", "H10K 71/12"),
            ("固态电解质膜", "H01M 10/0562"),
            ("高强度铝锂合金", "C22C 21/00"),
        ),
        (
            "采用溶胶-凝胶法制备前驱体后低温烧结",
            "通过原位聚合在基体表面形成包覆层",
            "利用球磨与喷雾干燥实现纳米颗粒均匀分散",
            "采用梯度掺杂工艺调控晶格结构",
        ),
        ("导热系数提高40%以上", "循环寿命提高30%", "成本降低约25%", "高温稳定性显著提升", "力学强度提高35%"),
        ("新能源汽车动力电池", "电子器件散热", "建筑节能保温", "绿色包装", "航空航天结构件"),
    ),
    Field(
        "电子信息",
        ("39", "65"),
        (
            ("工业视觉缺陷检测系统", "G06T 7/00"),
            ("低功耗物联网传感节点", "H04W 52/02"),
            ("毫米波雷达目标识别方法", "G01S 13/89"),
            ("边缘计算任务调度方法", "G06F 9/50"),
            ("联邦学习隐私保护训练方法", "G06N 3/08"),
            ("芯片封装散热结构", "H01L 23/367"),
            ("工业互联网数据采集网关", "H04L 67/12"),
            ("语音识别降噪方法", "G10L 21/0208"),
        ),
        (
            "基于深度学习的卷积神经网络对图像进行特征提取",
            "采用自适应休眠调度降低节点功耗",
            "通过多传感器数据融合提高识别精度",
            "利用轻量化模型在边缘端完成推理",
        ),
        ("检测准确率达到99%以上", "功耗降低60%", "响应时延缩短至10毫秒以内", "部署成本降低一半"),
        ("电子制造质检", "智慧工厂", "智能网联汽车", "智慧城市", "远程运维"),
    ),
    Field(
        "高端装备",
        ("34", "35", "40"),
        (
            ("协作机器人关节减速器", "F16H 1/32"),
            ("数控机床热误差补偿方法", "G05B 19/404"),
            ("激光熔覆修复装置", "C23C 24/10"),
            ("高速精密电主轴", "B23Q 11/12"),
            ("智能巡检机器人", "B25J 5/00"),
            ("精密齿轮传动装置", "F16H 55/08"),
            ("工业机器人视觉引导抓取方法", "B25J 9/16"),
        ),
        (
            "采用摆线针轮与行星传动复合结构",
            "通过温度传感网络实时建模补偿",
            "利用同轴送粉与闭环功率控制",
            "采用多轴协同运动规划算法",
        ),
        ("传动精度提高到1弧分以内", "加工精度提高50%", "使用寿命延长一倍", "维护成本降低30%"),
        ("工业机器人", "数控加工", "工程机械再制造", "电力巡检", "汽车零部件制造"),
    ),
    Field(
        "生物医药",
        ("27",),
        (
            ("靶向PD-L1的单克隆抗体", "C07K 16/28"),
            ("中药复方提取物", "A61K 36/00"),
            ("可吸收镁合金骨钉", "A61L 27/04"),
            ("核酸快速检测微流控芯片", "B01L 3/00"),
            ("益生菌发酵制剂", "C12N 1/20"),
            ("医用水凝胶敷料", "A61L 15/60"),
        ),
        (
            "通过噬菌体展示技术筛选高亲和力抗体",
            "采用超临界萃取与大孔树脂纯化",
            "利用微通道结构实现样本自动混合",
            "采用低温冷冻干燥保持活性",
        ),
        ("检测时间缩短至30分钟", "有效成分得率提高45%", "生物相容性良好", "稳定性提高一倍"),
        ("肿瘤治疗", "基层医疗检测", "骨科植入", "功能食品", "创面修复"),
    ),
    Field(
        "节能环保",
        ("42", "44", "77"),
        (
            ("工业废水高级氧化处理方法", "C02F 1/72"),
            ("垃圾渗滤液膜处理系统", "C02F 9/00"),
            ("烟气余热回收装置", "F28D 21/00"),
            ("退役光伏组件回收方法", "B09B 3/00"),
            ("市政污泥低温干化设备", "C02F 11/12"),
            ("VOCs催化燃烧装置", "B01D 53/86"),
        ),
        (
            "采用臭氧与过氧化氢协同催化氧化",
            "通过多级膜分离与反渗透组合工艺",
            "利用热管换热器回收低温余热",
            "采用热解与物理分选相结合",
        ),
        ("COD去除率达到90%以上", "能耗降低35%", "资源回收率超过95%", "运行成本降低40%"),
        ("印染废水处理", "垃圾填埋场", "钢铁化工余热利用", "光伏产业循环利用", "工业园区环保"),
    ),
)
ENGLISH_SUBJECTS = (
    (
        "A graphene thermal interface material",
        "C08K 3/04",
        "thermal conductivity above 12 W/mK",
        "electronics cooling",
    ),
    (
        "A solid-state lithium battery electrolyte",
        "H01M 10/0562",
        "ionic conductivity doubled",
        "electric vehicles",
    ),
    (
        "A machine-vision defect inspection system",
        "G06T 7/00",
        "99% detection accuracy",
        "printed circuit boards",
    ),
    (
        "A magnesium alloy bioresorbable bone screw",
        "A61L 27/04",
        "controlled degradation",
        "orthopaedic implants",
    ),
)
INSTITUTIONS = (
    ("浙江某某理工大学", "university", "330106"),
    ("宁波某某大学", "university", "330212"),
    ("浙江某某农林大学", "university", "330502"),
    ("温州某某医科大学", "university", "330302"),
    ("浙江某某材料研究院", "institute", "330211"),
)
MATURITY = ("concept", "prototype", "pilot", "industrial")


def application_number(year: int, kind: str, serial: int) -> str:
    """A well-formed (synthetic) CN application number with its check digit."""
    digits = f"{year}{kind}{serial:07d}"
    return f"{digits}.{application_check_digit(digits)}"


def synthetic_patent(rng: random.Random, serial: int, *, english_share: float = 0.08) -> dict[str, object]:
    """The values of one synthetic listing: a Chinese (sometimes English) patent from a template of its
    field."""
    year = rng.randint(2016, 2024)
    kind = "1" if rng.random() < 0.85 else "2"
    granted = rng.random() < 0.7
    base = {
        "application_number": application_number(year, kind, serial),
        "publication_number": f"CN{110000000 + serial:09d}{'B' if granted else 'A'}"
        if kind == "1"
        else f"CN{210000000 + serial:09d}U",
        "legal_status": "granted" if granted or kind == "2" else "pending",
        "expires_on": date(year + (20 if kind == "1" else 10), rng.randint(1, 12), rng.randint(1, 28)),
        "maturity": rng.choice(MATURITY),
        "exclusive": rng.random() < 0.2,
        "free_months": rng.choice((6, 12, 12, 18, 24)),
        "territory": "中国大陆",
    }
    basis = rng.choices(("net_sales", "profit", "fixed_fee"), weights=(6, 2, 2))[0]
    base["royalty_basis"] = basis
    base["royalty_rate"] = (
        Decimal(rng.choice(("2.00", "3.00", "3.50", "5.00")))
        if basis == "net_sales"
        else (Decimal(rng.choice(("10.00", "15.00", "20.00"))) if basis == "profit" else None)
    )
    base["annual_fee"] = Decimal(rng.choice((30000, 50000, 80000, 120000))) if basis == "fixed_fee" else None
    base["annual_cap"] = Decimal(rng.choice((200000, 500000, 1000000))) if rng.random() < 0.5 else None
    if rng.random() < english_share:
        subject, ipc, effect, use = rng.choice(ENGLISH_SUBJECTS)
        field = next(f for f in FIELDS if any(ipc == s[1] for s in f.subjects))
        return {
            **base,
            "ipc_codes": ipc,
            "industries": list(field.divisions[:1]),
            "title": f"{subject} and its preparation method",
            "abstract": f"{subject} is disclosed, giving {effect}. "
            f"The process is simple, scalable and low-cost, suited to {use}.",
            "problem": f"Existing solutions for {use} are costly or unreliable.",
            "benefit": f"{effect}; lower cost than imported products.",
            "applications": use,
        }
    field = rng.choice(FIELDS)
    subject, ipc = rng.choice(field.subjects)
    method, effect, use = rng.choice(field.methods), rng.choice(field.effects), rng.choice(field.uses)
    second_ipc = rng.choice(field.subjects)[1]
    title = rng.choice(
        (f"一种{subject}及其制备方法", f"一种{subject}", f"{subject}及其应用", f"一种新型{subject}")
    )
    return {
        **base,
        "title": title,
        "ipc_codes": ipc if second_ipc == ipc else f"{ipc}; {second_ipc}",
        "industries": list(rng.sample(field.divisions, k=min(2, len(field.divisions)))),
        "abstract": f"本发明公开了{title.removeprefix('一种')}，{method}，{effect}。"
        f"该技术工艺简单、易于产业化，可用于{use}等领域。",
        "problem": f"现有{subject.removesuffix('方法')}技术存在效率低、成本高或稳定性不足的问题。",
        "benefit": f"{effect}，与现有技术相比具有明显优势。",
        "applications": f"{use}；{rng.choice(field.uses)}。",
    }


def build(*, seed: int, log: Callable[[str], None]) -> list[DemoAccount]:
    """Institutions and officers, a few hundred listings, enquiries and feedback, and licences in every
    stage."""

    rng = random.Random(seed)
    today = timezone.localdate()
    officers = _institutions_and_officers()
    listings = _published_listings(rng, officers)
    log(f"  {len(officers)} institutions, {len(listings)} patent listings indexed for search")

    owners = _licensee_owners()
    if not owners:
        log("  no enterprises in Zhejiang: licences skipped")
        return []
    candidates = [listing for listing in listings if not listing.exclusive and listing.expires_on > today]
    rng.shuffle(candidates)
    _enquiries_and_feedback(rng, candidates[:60], owners, officers)
    licences = _licences_in_every_stage(rng, candidates[60:], owners, officers, today=today)
    log("  licences: " + ", ".join(f"{status} {count}" for status, count in licences.items()))

    institution, first = next(iter(officers.items()))
    return [
        register_demo_account(
            first,
            "Tech-transfer officer",
            "技术转移专员",
            f"{institution.name}: list patents, answer enterprises, record royalty payments, see reports",
        )
    ]


def _institutions_and_officers() -> dict[ResearchInstitution, User]:
    """The synthetic institutions, each with its tech-transfer officer (in the order of INSTITUTIONS)."""
    officers = {}
    for number, (name, kind, county) in enumerate(INSTITUTIONS, start=1):
        institution = ResearchInstitution.objects.get_or_create(
            name=name, defaults={"kind": kind, "region_id": county}
        )[0]
        user, _ = User.objects.get_or_create(
            username=f"ttofficer{number}",
            defaults={
                "display_name": f"{institution.name}技术转移办公室",
                "email": f"ttofficer{number}@demo.littlegiant.cn",
            },
        )
        TransferOfficer.objects.get_or_create(user=user, institution=institution)
        officers[institution] = user
    return officers


def _published_listings(rng: random.Random, officers: dict[ResearchInstitution, User]) -> list[PatentListing]:
    """LISTINGS synthetic patents, each listed and published by an institution's officer through the service,
    on a day of the last two and a half years."""
    institutions = list(officers)
    published = timezone.now()
    listings = []
    for serial in range(1, LISTINGS + 1):
        values = synthetic_patent(rng, 4000000 + serial)
        industries = values.pop("industries")
        institution = institutions[rng.randrange(len(institutions))]
        listings.append(
            services.save_listing(
                by=officers[institution],
                institution=institution,
                values=values,
                industries=industries,
                publish=True,
                at=published - timedelta(days=rng.randint(30, 900)),
            )
        )
    return listings


def _licensee_owners() -> list[Membership]:
    """Owners of Zhejiang enterprises who enquire and take licences: the demo's first three, then a made-up owner
    for each of the next enterprises without one (up to 40 in all)."""
    owners = list(
        Membership.objects.filter(role="owner", enterprise__region__province_code="330000")
        .select_related("user", "enterprise")
        .order_by("pk")[:3]
    )
    enterprises = list(Enterprise.objects.filter(region__province_code="330000").order_by("pk")[:60])
    for number, enterprise in enumerate(enterprises[len(owners) : 40], start=1):
        if Membership.objects.filter(enterprise=enterprise, role="owner").exists():
            continue
        user, _ = User.objects.get_or_create(
            username=f"ttsme{number}",
            defaults={
                "display_name": f"{enterprise.name}负责人",
                "email": f"ttsme{number}@demo.littlegiant.cn",
            },
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        owners.append(Membership.objects.create(user=user, enterprise=enterprise, role="owner"))
    return owners


def _enquiries_and_feedback(
    rng: random.Random,
    listings: list[PatentListing],
    owners: list[Membership],
    officers: dict[ResearchInstitution, User],
) -> None:
    """Forty enquiries on the first listings (two in three answered), then twenty listings passed on with a
    reason."""
    for enquiry_number in range(40):
        owner = owners[enquiry_number % len(owners)]
        listing = listings[enquiry_number]
        enquiry = services.make_enquiry(
            listing,
            enterprise=owner.enterprise,
            by=owner.user,
            kind=rng.choice(("interest", "question")),
            message=rng.choice(
                (
                    "请问该专利是否已有中试样品？",
                    "我们希望了解许可后的技术支持方式。",
                    "该技术能否用于我们现有产线？",
                    "免费期结束后的提成比例可以协商吗？",
                )
            ),
        )
        if enquiry_number % 3:
            services.answer_enquiry(
                enquiry,
                by=officers[listing.institution],
                answer="已有中试样品，欢迎来校洽谈，可提供技术培训。",
            )
    for number in range(20):
        owner = owners[number % len(owners)]
        listing = listings[40 + number]
        services.pass_on_listing(
            listing,
            enterprise=owner.enterprise,
            by=owner.user,
            category=rng.choice(FeedbackCategory.values[:4]),
        )


def _licences_in_every_stage(
    rng: random.Random,
    listings: list[PatentListing],
    owners: list[Membership],
    officers: dict[ResearchInstitution, User],
    *,
    today: date,
) -> dict[str, int]:
    """Licences taken through the services on the given listings, backdated so the follow-up moves them to
    every stage (trial, paying with reported quarters, ended, assigned, offered, expired with its patent); the
    count by stage."""
    text = LicenceText.objects.order_by("effective_on").first()
    click = services.ClickThrough(licence_text=text, ip_address="127.0.0.1", user_agent="demo")
    plan = (
        [("trial", rng.randint(20, 150)) for _ in range(6)]
        + [("paying", rng.randint(420, 700)) for _ in range(8)]
        + [("terminated", 500), ("terminated", 300), ("assigned", 450), ("assigned", 600), ("offered", 0)]
    )
    licences = {status: 0 for status in LicenceStatus.values}
    for number, (stage, days_ago) in enumerate(plan):
        owner = owners[number % len(owners)]
        listing = listings[number]
        started = today - timedelta(days=days_ago)
        if stage == "offered":
            services.offer_varied_licence(
                listing,
                enterprise=owner.enterprise,
                by=officers[listing.institution],
                terms={"free_months": 18, "royalty_rate": Decimal("2.00"), "royalty_basis": "net_sales"},
                note="企业处于中试阶段，双方同意延长免费期并下调提成比例。",
                today=today,
            )
            licences[stage] += 1
            continue
        if stage == "paying" and listing.free_months > 12:
            listing.free_months = 12
            listing.save(update_fields=["free_months"])
        licence = services.accept_standard_licence(
            listing, enterprise=owner.enterprise, by=owner.user, click=click, today=started
        )
        services.follow_up_licences(today=today)
        licence.refresh_from_db()
        if licence.status == LicenceStatus.PAYING:
            _report_quarters(licence, owner.user, officers[listing.institution], today=today, rng=rng)
        if stage in ("terminated", "assigned"):
            services.end_licence(
                licence,
                by=officers[listing.institution],
                outcome=stage,
                today=today,
                comment="企业转产，双方协商终止。"
                if stage == "terminated"
                else "企业受让专利权，许可转为转让。",
            )
        licences[licence.status if stage not in ("terminated", "assigned") else stage] += 1
    # A patent that lapsed early (its annual fee unpaid): the licence taken on it expires with it.
    expiring = listings[len(plan)]
    owner = owners[0]
    services.accept_standard_licence(
        expiring, enterprise=owner.enterprise, by=owner.user, click=click, today=today - timedelta(days=300)
    )
    PatentListing.objects.filter(pk=expiring.pk).update(
        expires_on=today - timedelta(days=20), legal_status="lapsed"
    )
    services.withdraw_listing(expiring, by=officers[expiring.institution], comment="专利权因未缴年费终止。")
    services.follow_up_licences(today=today)
    licences["expired"] += 1
    return licences


def _report_quarters(licence, reporter: User, officer: User, *, today: date, rng: random.Random) -> None:
    """Report each whole quarter since the free period ended; the officer records payment for all but the
    last."""

    start = licence.paying_from
    statements = []
    while True:
        end = services.add_months(start, 3) - timedelta(days=1)
        year_end = licence_year(licence.terms(), start)[1]
        end = min(end, year_end)
        if end >= today:
            break
        sales = Decimal(rng.randrange(300_000, 3_000_000, 1000))
        figures = {"net_sales": {"net_sales": sales}, "profit": {"profit": (sales * Decimal("0.12"))}}
        statements.append(
            services.report_period(
                licence,
                by=reporter,
                period_start=start,
                period_end=end,
                today=end + timedelta(days=5),
                **figures.get(licence.royalty_basis, {}),
            )
        )
        start = end + timedelta(days=1)
    for statement in statements[:-1]:
        if statement.amount_due > 0:
            services.record_payment(
                statement,
                by=officer,
                amount=statement.amount_due,
                paid_on=statement.due_on - timedelta(days=rng.randint(0, 20)),
            )
