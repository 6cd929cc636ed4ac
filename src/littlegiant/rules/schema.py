"""The canonical enterprise fields (shared/reference/enterprise-data.md).

These names are the contract between import files, the API, the criteria engine and every rule pack.
This module knows nothing of Django: the engine, the importers and the models all read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FieldKind(StrEnum):
    """How a field's value is written and checked."""

    TEXT = "text"
    INTEGER = "integer"  # a whole number that may be any sign (the reference year)
    COUNT = "count"  # a non-negative whole number
    MONEY = "money"  # yuan, exact decimal
    FRACTION = "fraction"  # 0.03 is 3%
    NUMBER = "number"  # a decimal that is neither money nor a fraction
    BOOLEAN = "boolean"
    ENUM = "enum"


@dataclass(frozen=True, slots=True)
class Field:
    """One canonical column."""

    name: str
    kind: FieldKind
    label_en: str
    label_zh: str
    group: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    may_be_negative: bool = False
    identity: bool = False
    filed: bool = True  # part of an annual filing; False for what describes the application (D21)
    # Whose field it is: an enterprise's (the default) or a distinctive industrial cluster's (criteria.md §8.3).
    # Only enterprise fields are filed, imported or exported with an enterprise.
    subject: str = "enterprise"

    @property
    def is_numeric(self) -> bool:
        return self.kind in {
            FieldKind.INTEGER,
            FieldKind.COUNT,
            FieldKind.MONEY,
            FieldKind.FRACTION,
            FieldKind.NUMBER,
        }


def _f(name: str, kind: FieldKind, en: str, zh: str, group: str, **extra: object) -> Field:
    return Field(name, kind, en, zh, group, **extra)  # type: ignore[arg-type]


K = FieldKind
FIELDS: tuple[Field, ...] = (
    # Identity
    _f("credit_code", K.TEXT, "Unified social credit code", "统一社会信用代码", "identity", identity=True),
    _f("name", K.TEXT, "Registered name", "企业名称", "identity", identity=True),
    _f(
        "region_code",
        K.TEXT,
        "County-level region code (GB/T 2260)",
        "所在县级行政区划代码",
        "identity",
        identity=True,
    ),
    _f(
        "industry_code",
        K.TEXT,
        "Industry class (GB/T 4754-2017)",
        "国民经济行业小类代码",
        "identity",
        identity=True,
    ),
    _f(
        "year", K.INTEGER, "Reference year", "数据年度", "identity", identity=True, minimum=1949, maximum=2100
    ),
    # Size and finance
    _f("employees", K.COUNT, "Persons employed", "从业人员", "finance"),
    _f("operating_revenue", K.MONEY, "Operating revenue", "营业收入", "finance"),
    _f(
        "operating_revenue_prev", K.MONEY, "Operating revenue, year before", "营业收入（前一年度）", "finance"
    ),
    _f(
        "operating_revenue_prev2",
        K.MONEY,
        "Operating revenue, two years before",
        "营业收入（前两年度）",
        "finance",
    ),
    _f("main_business_revenue", K.MONEY, "Main-business revenue", "主营业务收入", "finance"),
    _f(
        "main_business_revenue_prev",
        K.MONEY,
        "Main-business revenue, year before",
        "主营业务收入（前一年度）",
        "finance",
    ),
    _f(
        "main_business_revenue_prev2",
        K.MONEY,
        "Main-business revenue, two years before",
        "主营业务收入（前两年度）",
        "finance",
    ),
    _f("total_assets", K.MONEY, "Total assets at year end", "资产总额", "finance"),
    _f("total_liabilities", K.MONEY, "Total liabilities at year end", "负债总额", "finance"),
    _f("net_profit", K.MONEY, "Net profit", "净利润", "finance", may_be_negative=True),
    _f("rd_expense", K.MONEY, "R&D expense", "研发费用总额", "finance"),
    _f("rd_expense_prev", K.MONEY, "R&D expense, year before", "研发费用总额（前一年度）", "finance"),
    _f("rd_staff", K.COUNT, "R&D staff", "研发人员", "finance"),
    _f(
        "equity_financing_2y",
        K.MONEY,
        "New equity financing, last 2 years",
        "近2年新增股权融资总额",
        "finance",
    ),
    _f(
        "equity_financing_3y",
        K.MONEY,
        "New equity financing, last 3 years",
        "近3年新增股权融资总额",
        "finance",
    ),
    _f(
        "niche_years",
        K.NUMBER,
        "Years in the niche market",
        "从事特定细分市场时间（年）",
        "finance",
        minimum=0,
    ),
    _f(
        "national_niche_market_share",
        K.FRACTION,
        "National niche market share",
        "主导产品全国细分市场占有率",
        "finance",
    ),
    # Intellectual property
    _f("ip_class1", K.COUNT, "Class-I IP rights", "Ⅰ类知识产权", "ip"),
    _f("ip_class1_self_developed", K.COUNT, "Self-developed Class-I IP", "自主研发的Ⅰ类知识产权", "ip"),
    _f("ip_class1_high_value", K.COUNT, "Class-I high-value IP", "Ⅰ类高价值知识产权", "ip"),
    _f(
        "ip_class1_applied",
        K.COUNT,
        "Class-I IP applied with economic benefit",
        "实际应用并产生经济效益的Ⅰ类知识产权",
        "ip",
    ),
    _f("ip_class2", K.COUNT, "Class-II IP rights", "Ⅱ类知识产权", "ip"),
    # Declared facts, honours and qualitative criteria
    _f(
        "main_product_strategic_emerging",
        K.BOOLEAN,
        "Main product in a strategic emerging industry",
        "主导产品属于战略性新兴产业",
        "declared",
    ),
    _f(
        "main_product_chain_role",
        K.ENUM,
        "Main product's role in the industrial chain",
        "主导产品所属领域情况",
        "declared",
        choices=("key_link_results", "foundation_or_supplier", "none"),
    ),
    _f(
        "digital_level",
        K.INTEGER,
        "Digital level (1-4)",
        "数字化水平（级）",
        "declared",
        minimum=1,
        maximum=4,
    ),
    _f(
        "quality_provincial_award",
        K.BOOLEAN,
        "Provincial-or-higher quality award",
        "省级以上质量奖",
        "declared",
    ),
    _f(
        "quality_system_certified",
        K.BOOLEAN,
        "Quality management system certified",
        "质量管理体系认证",
        "declared",
    ),
    _f("own_brand", K.BOOLEAN, "Own brand", "拥有自主品牌", "declared"),
    _f("standards_participation", K.BOOLEAN, "Took part in drafting standards", "参与制修订标准", "declared"),
    _f(
        "local_indicator_score",
        K.NUMBER,
        "Local indicator score (0-15)",
        "地方特色指标得分",
        "declared",
        minimum=0,
        maximum=15,
    ),
    _f(
        "rd_institution_level",
        K.ENUM,
        "Level of R&D institution",
        "研发机构级别",
        "declared",
        choices=("none", "below_municipal", "municipal", "provincial", "national"),
    ),
    _f(
        "provincial_award_best_rank_3y",
        K.COUNT,
        "Best rank in a provincial S&T award, 3 years",
        "近三年省级科技奖励最好排名",
        "declared",
        minimum=1,
    ),
    _f(
        "national_award_best_rank_3y",
        K.COUNT,
        "Best rank in a national S&T award, 3 years",
        "近三年国家级科技奖励最好排名",
        "declared",
        minimum=1,
    ),
    _f(
        "innovation_honour_valid",
        K.BOOLEAN,
        "Holds a valid innovation honour (HNTE etc.)",
        "有效期内的高新技术企业等荣誉",
        "declared",
    ),
    _f(
        "makers_china_top500_3y",
        K.BOOLEAN,
        "Makers China national top 500, 3 years",
        "近三年进入“创客中国”全国500强",
        "declared",
    ),
    _f(
        "it_supported_core_processes",
        K.COUNT,
        "Core processes supported by IT systems",
        "采用信息系统支撑的核心业务",
        "declared",
    ),
    _f(
        "management_or_intl_certification",
        K.BOOLEAN,
        "Management-system or developed-country product certification",
        "管理体系认证或发达国家（地区）产品认证",
        "declared",
    ),
    _f(
        "chain_key_link", K.BOOLEAN, "At a key link of the industrial chain", "位于产业链关键环节", "declared"
    ),
    _f(
        "main_product_key_field", K.BOOLEAN, "Main product in a key field", "主导产品属于重点领域", "declared"
    ),
    # 2026 packs
    _f(
        "holds_tech_innovative_title",
        K.BOOLEAN,
        "Holds a tech-and-innovative SME title",
        "持有科技和创新型中小企业称号",
        "title",
    ),
    _f("holds_srdi_title", K.BOOLEAN, "Holds an SRDI SME title", "持有专精特新中小企业称号", "title"),
    _f(
        "development_eval_score",
        K.NUMBER,
        "SRDI development evaluation score",
        "专精特新发展评价得分",
        "title",
        minimum=0,
        maximum=100,
    ),
    _f(
        "development_eval_score_prev",
        K.NUMBER,
        "SRDI development evaluation score, last year",
        "上年度专精特新发展评价得分",
        "title",
        minimum=0,
        maximum=100,
    ),
    _f(
        "market_share_leading",
        K.BOOLEAN,
        "Main product's market share relatively high",
        "主导产品市场占有率较为靠前",
        "title",
    ),
    _f(
        "niche_market_rank_domestic",
        K.COUNT,
        "Domestic niche market rank",
        "国内细分市场排名",
        "title",
        minimum=1,
    ),
    _f(
        "international_niche_market_share",
        K.FRACTION,
        "International niche market share",
        "国际细分市场占有率",
        "title",
    ),
    # R&D super-deduction and income tax (enterprise-data.md; criteria.md §6, decisions D12-D16), the tax year
    _f("rd_personnel", K.MONEY, "R&D personnel costs (item 1)", "研发人员人工费用（第1项）", "rd_tax"),
    _f("rd_direct_inputs", K.MONEY, "R&D direct inputs (item 2)", "研发直接投入费用（第2项）", "rd_tax"),
    _f("rd_depreciation", K.MONEY, "R&D depreciation (item 3)", "研发折旧费用（第3项）", "rd_tax"),
    _f(
        "rd_amortisation",
        K.MONEY,
        "R&D amortisation of intangible assets (item 4)",
        "研发无形资产摊销（第4项）",
        "rd_tax",
    ),
    _f(
        "rd_design_fees",
        K.MONEY,
        "New-product design and similar fees (item 5)",
        "新产品设计费等（第5项）",
        "rd_tax",
    ),
    _f(
        "rd_other_related",
        K.MONEY,
        "Other related R&D expenses, before the 10% cap (item 6)",
        "其他相关费用（第6项，限额前）",
        "rd_tax",
    ),
    _f(
        "rd_commissioned_domestic",
        K.MONEY,
        "R&D commissioned in China, amount paid",
        "委托境内研发费用（实际发生额）",
        "rd_tax",
    ),
    _f(
        "rd_commissioned_overseas",
        K.MONEY,
        "R&D commissioned overseas, amount paid",
        "委托境外研发费用（实际发生额）",
        "rd_tax",
    ),
    _f(
        "rd_capitalised_amortisation",
        K.MONEY,
        "This year's amortisation of intangible assets formed by R&D",
        "研发形成的无形资产本年摊销额",
        "rd_tax",
    ),
    _f(
        "taxable_income",
        K.MONEY,
        "Taxable income before the R&D additional deduction",
        "加计扣除前应纳税所得额",
        "rd_tax",
        may_be_negative=True,
    ),
    _f(
        "hnte",
        K.BOOLEAN,
        "Valid high and new technology enterprise certificate",
        "有效高新技术企业证书",
        "rd_tax",
    ),
    _f(
        "ic_or_mother_machine_listed",
        K.BOOLEAN,
        "On the IC or industrial-mother-machine enterprise list",
        "列入集成电路或工业母机企业清单",
        "rd_tax",
    ),
    _f(
        "employees_avg",
        K.NUMBER,
        "Annual average head-count",
        "从业人数全年季度平均值",
        "rd_tax",
        minimum=0,
    ),
    _f(
        "total_assets_avg",
        K.MONEY,
        "Annual average total assets",
        "资产总额全年季度平均值",
        "rd_tax",
    ),
    # General eligibility
    _f(
        "independent_legal_person",
        K.BOOLEAN,
        "Independent legal person registered in the PRC",
        "境内注册的独立法人",
        "eligibility",
    ),
    _f(
        "listed_abnormal_or_dishonest",
        K.BOOLEAN,
        "On the abnormal-operations or dishonesty list",
        "列入经营异常名录或严重失信主体名单",
        "eligibility",
    ),
    _f(
        "restricted_industry",
        K.BOOLEAN,
        "Prohibited, restricted or eliminated category",
        "属于禁止、限制或淘汰类",
        "eligibility",
    ),
    _f(
        "incident_or_violation_3y",
        K.BOOLEAN,
        "Major incident or violation in the last 3 years",
        "近三年发生重大事故或违法行为",
        "eligibility",
    ),
    # The application, not the enterprise's year: set by whoever assesses (decision D21), never filed.
    _f(
        "application_kind",
        K.ENUM,
        "Application kind (new or review)",
        "申报类型（新申报或复核）",
        "application",
        choices=("new", "review"),
        filed=False,
    ),
)


def _cluster(name: str, kind: FieldKind, en: str, zh: str, **extra: object) -> Field:
    return Field(name, kind, en, zh, "cluster", subject="cluster", filed=False, **extra)  # type: ignore[arg-type]


# The fields of a distinctive industrial cluster of SMEs (中小企业特色产业集群, criteria.md §8.3, decision D19):
# the cluster pack reads them; the clusters app fills them from its registry (outputs, members' valid titles) and
# from the county's declarations. They are never part of an enterprise's filing, file or export.
CLUSTER_FIELDS: tuple[Field, ...] = (
    _cluster("cluster_area_km2", K.NUMBER, "Cluster area (km²)", "集群面积（平方公里）", minimum=0),
    _cluster("cluster_output", K.MONEY, "Cluster output, last year", "集群总产值（上年度）"),
    _cluster("cluster_output_prev", K.MONEY, "Cluster output, year before", "集群总产值（前一年度）"),
    _cluster("cluster_output_prev2", K.MONEY, "Cluster output, two years before", "集群总产值（前两年度）"),
    _cluster("cluster_sme_output", K.MONEY, "SMEs' output, last year", "中小企业产值（上年度）"),
    _cluster(
        "cluster_main_industry_output", K.MONEY, "Main industry's output, last year", "主导产业产值（上年度）"
    ),
    _cluster(
        "cluster_champions_or_giants",
        K.COUNT,
        "Single champions or little giants in the main industry",
        "主导产业领域单项冠军或专精特新“小巨人”企业数",
    ),
    _cluster(
        "cluster_titled_smes",
        K.COUNT,
        "SRDI SMEs, innovative SMEs or national HNTEs",
        "专精特新中小企业、创新型中小企业或国家高新技术企业数",
    ),
    _cluster(
        "cluster_pillar_and_leading",
        K.BOOLEAN,
        "Main industry is the county's pillar and ranks at the national forefront of its niche",
        "主导产业为县域支柱或特色产业且发展水平位居细分领域全国前列",
    ),
    _cluster(
        "cluster_chain_collaboration", K.BOOLEAN, "Efficient chain collaboration", "产业链供应链协作高效"
    ),
    _cluster(
        "cluster_collaborative_innovation",
        K.BOOLEAN,
        "Strong collaborative innovation",
        "具有较强协同创新能力",
    ),
    _cluster(
        "cluster_digital_transformation",
        K.BOOLEAN,
        "Clear digital-transformation results",
        "数字化转型效果明显",
    ),
    _cluster(
        "cluster_green_development", K.BOOLEAN, "High level of green development", "具有较高绿色化发展水平"
    ),
    _cluster("cluster_open_cooperation", K.BOOLEAN, "Active open cooperation", "积极参与产业开放合作"),
    _cluster(
        "cluster_governance_service",
        K.BOOLEAN,
        "Strong governance and service capacity",
        "具有较强治理和服务能力",
    ),
    _cluster(
        "cluster_compliant_3y",
        K.BOOLEAN,
        "No serious incident, tax evasion or serious dishonesty in the last three years",
        "近三年未发生较大及以上安全、质量、环境污染事故，重大及以上网络安全和数据安全事件，偷漏税、严重失信等",
    ),
)
FIELDS = FIELDS + CLUSTER_FIELDS
ENTERPRISE_FIELDS: tuple[Field, ...] = tuple(f for f in FIELDS if f.subject == "enterprise")

FIELDS_BY_NAME: dict[str, Field] = {field.name: field for field in FIELDS}
IDENTITY_FIELDS: tuple[str, ...] = tuple(f.name for f in ENTERPRISE_FIELDS if f.identity)
DATA_FIELDS: tuple[str, ...] = tuple(f.name for f in ENTERPRISE_FIELDS if f.filed and not f.identity)
APPLICATION_FIELDS: tuple[str, ...] = tuple(f.name for f in ENTERPRISE_FIELDS if not f.filed)
COLUMN_NAMES: tuple[str, ...] = tuple(f.name for f in ENTERPRISE_FIELDS)
FILING_COLUMNS: tuple[str, ...] = tuple(
    f.name for f in ENTERPRISE_FIELDS if f.filed
)  # an enterprise file's header

TRUE_WORDS = frozenset({"true", "1", "yes", "是", "t", "y"})
FALSE_WORDS = frozenset({"false", "0", "no", "否", "f", "n"})
