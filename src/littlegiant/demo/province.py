"""A synthetic Zhejiang: tens of thousands of enterprises with three years of plausible filings.

Everything follows from one seed (random.Random), so the same seed always gives the same credit codes and
numbers. Each enterprise has a hidden "capability" drawn from a normal distribution; R&D intensity, IP,
honours, R&D institutions, market share and growth all lean on it, which makes the tiers nest as they do in
life: most firms are ordinary, some are innovative SMEs, fewer are SRDI SMEs and a handful are little giants.
The distributions are chosen to look like Zhejiang's industrial SMEs, not taken from any official statistic.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from littlegiant.enterprises.credit_code import make_credit_code
from littlegiant.enterprises.models import AnnualFiling, Enterprise
from littlegiant.reference.models import IndustryClass, Region

PROVINCE_CODE = "330000"
YEARS = (2023, 2024, 2025)
# Revenue is drawn for two years before the first filing too: a filing reports two earlier years' revenue.
REVENUE_YEARS = tuple(range(YEARS[0] - 2, YEARS[-1] + 1))
BATCH_SIZE = 1000
# Characters allowed in a credit code (GB 32100: no I, O, S, V, Z), for the random organisation body.
CODE_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"

# Share of enterprises per prefecture (Hangzhou and Ningbo lead, as they do in Zhejiang's SME counts).
PREFECTURE_WEIGHTS: dict[str, float] = {
    "330100": 22, "330200": 17, "330300": 11, "330400": 9, "330500": 6, "330600": 9,
    "330700": 10, "330800": 3, "330900": 2, "331000": 8, "331100": 3,
}  # fmt: skip

# GB/T 4754-2017 divisions: weight, kind, and the words an enterprise in it puts in its name.
DIVISIONS: dict[str, tuple[float, str, tuple[str, ...]]] = {
    "13": (1.0, "manufacturing", ("食品", "农产品")),
    "14": (0.8, "manufacturing", ("食品", "调味品")),
    "15": (0.4, "manufacturing", ("饮料", "酒业")),
    "17": (4.0, "manufacturing", ("纺织", "印染", "织造")),
    "18": (2.5, "manufacturing", ("服饰", "制衣")),
    "19": (1.2, "manufacturing", ("皮革", "鞋业")),
    "20": (1.0, "manufacturing", ("木业", "竹木")),
    "21": (1.5, "manufacturing", ("家具", "家居")),
    "22": (1.2, "manufacturing", ("纸业", "包装")),
    "23": (0.8, "manufacturing", ("印刷", "彩印")),
    "24": (1.5, "manufacturing", ("文体用品", "工艺品")),
    "25": (0.2, "manufacturing", ("能源", "石化")),
    "26": (4.0, "manufacturing", ("化工", "新材料", "精细化工")),
    "27": (2.5, "manufacturing", ("药业", "生物医药", "制药")),
    "28": (1.0, "manufacturing", ("化纤", "纤维")),
    "29": (4.5, "manufacturing", ("塑业", "橡胶", "塑胶")),
    "30": (2.5, "manufacturing", ("建材", "陶瓷", "玻璃")),
    "31": (0.8, "manufacturing", ("特钢", "钢业")),
    "32": (1.2, "manufacturing", ("铜业", "合金材料")),
    "33": (5.0, "manufacturing", ("五金", "金属制品", "紧固件")),
    "34": (9.0, "manufacturing", ("机械", "精密机械", "泵业", "阀门", "轴承", "传动")),
    "35": (7.0, "manufacturing", ("装备", "智能装备", "医疗器械")),
    "36": (4.5, "manufacturing", ("汽车零部件", "汽配")),
    "37": (1.2, "manufacturing", ("船舶", "轨道交通装备")),
    "38": (7.5, "manufacturing", ("电气", "电机", "新能源", "电器")),
    "39": (5.5, "manufacturing", ("电子", "光电", "微电子", "通信设备")),
    "40": (2.5, "manufacturing", ("仪器仪表", "仪表", "传感")),
    "41": (1.0, "manufacturing", ("制品", "日用品")),
    "42": (0.3, "manufacturing", ("再生资源",)),
    "43": (0.5, "manufacturing", ("机电设备维修",)),
    "51": (6.0, "wholesale", ("贸易", "商贸", "供应链")),
    "64": (2.0, "software", ("网络科技", "互联网")),
    "65": (9.0, "software", ("软件", "信息技术", "数据科技", "网络技术")),
    "73": (1.5, "services", ("技术研究", "检测")),
    "74": (2.5, "services", ("工程技术", "检测技术", "设计")),
    "75": (2.5, "services", ("科技服务", "技术转移")),
}
# Main products in the six foundations, the ten key manufacturing industries or the cyberpower areas.
KEY_FIELD_DIVISIONS = frozenset({"26", "27", "34", "35", "36", "37", "38", "39", "40", "65"})

# By kind: median employees, median revenue per employee (yuan), median R&D intensity, asset turnover.
KIND_PROFILES: dict[str, tuple[float, float, float, float]] = {
    "manufacturing": (55, 550_000, 0.013, 0.9),
    "software": (35, 450_000, 0.05, 1.0),
    "wholesale": (12, 4_000_000, 0.003, 2.0),
    "services": (25, 300_000, 0.03, 0.8),
}

BRAND_CHARACTERS = (
    "恒达华盛鑫瑞宏远泰科创新天博联正昌永嘉德信光明海安诚中力通精锐峰源益丰汇凯润拓智"
    "星辰宇航万隆金银东南西北凌云晨曦聚合宝利兴旺佳美和顺康泽立方帆启明越舜禹之江钱塘"
)
NAME_ENDINGS: tuple[tuple[str, float], ...] = (
    ("有限公司", 0.55), ("科技有限公司", 0.25), ("股份有限公司", 0.15), ("集团有限公司", 0.05),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ProvinceSummary:
    """What the synthetic province holds after a build."""

    enterprises: int
    filings: int
    seconds: float


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def _clip(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _yuan(value: float) -> Decimal:
    """Money as filed: whole hundreds of yuan."""
    return Decimal(int(round(value, -2)))


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _poisson(rng: random.Random, mean: float) -> int:
    # Knuth's method: means here are small (IP counts), so it is quick and exact enough.
    limit, count, product = math.exp(-min(mean, 30.0)), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _binomial(rng: random.Random, n: int, p: float) -> int:
    return sum(1 for _ in range(n) if rng.random() < p)


def _short_place_name(region: Region) -> str:
    name = region.name
    for suffix in ("自治县", "新区", "区", "县", "市"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


class ProvinceGenerator:
    """Draws enterprises and their filings for the demo province, one seed, one outcome."""

    def __init__(self, *, seed: int) -> None:
        self.rng = random.Random(seed)
        counties = list(
            Region.objects.filter(province_code=PROVINCE_CODE, level="county").select_related("parent")
        )
        if not counties:
            raise RuntimeError(
                f"No counties of {PROVINCE_CODE} in the reference tables: run the migrations first."
            )
        self.counties_by_prefecture: dict[str, list[Region]] = {}
        for county in counties:
            self.counties_by_prefecture.setdefault(county.parent_id, []).append(county)
        self.prefecture_weights = {
            code: weight for code, weight in PREFECTURE_WEIGHTS.items() if code in self.counties_by_prefecture
        }
        classes = IndustryClass.objects.filter(division_id__in=DIVISIONS).values_list("code", "division_id")
        self.classes_by_division: dict[str, list[str]] = {}
        for code, division in classes:
            self.classes_by_division.setdefault(division, []).append(code)
        self.division_weights = {
            code: weight for code, (weight, _, _) in DIVISIONS.items() if code in self.classes_by_division
        }
        self.used_codes: set[str] = set()
        self.used_names: set[str] = set()

    def credit_code(self, county: str) -> str:
        """A valid, unused credit code of a company (91) registered in the county, organisation body "MA…"."""
        while True:
            body = "MA" + "".join(self.rng.choice(CODE_CHARACTERS) for _ in range(6))
            code = make_credit_code("91", county, body)
            if code not in self.used_codes:
                self.used_codes.add(code)
                return code

    def name(self, county: Region, division: str) -> str:
        """A plausible, unused registered name: place, brand, trade, ending."""
        words = DIVISIONS[division][2]
        while True:
            roll = self.rng.random()
            if roll < 0.05:
                place = "浙江"
            elif roll < 0.6:
                place = _short_place_name(county.parent)
            else:
                place = _short_place_name(county)
            brand = "".join(self.rng.sample(BRAND_CHARACTERS, 2))
            word = self.rng.choice(words)
            ending = self.rng.choices([e for e, _ in NAME_ENDINGS], weights=[w for _, w in NAME_ENDINGS])[0]
            if "科技" in word and ending.startswith("科技"):
                ending = "有限公司"
            name = f"{place}{brand}{word}{ending}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def enterprise(self) -> tuple[Enterprise, list[AnnualFiling]]:
        """One enterprise and its filings for each demo year (unsaved)."""
        rng = self.rng
        county = rng.choice(self.counties_by_prefecture[_weighted(rng, self.prefecture_weights)])
        division = _weighted(rng, self.division_weights)
        kind = DIVISIONS[division][1]
        capability = rng.gauss(0, 1)
        founded_year = int(_clip(2022 - rng.expovariate(1 / 9), 1985, 2022))
        founded = date(founded_year, rng.randint(1, 12), rng.randint(1, 28))
        enterprise = Enterprise(
            credit_code=self.credit_code(county.code),
            name=self.name(county, division),
            region_id=county.code,
            industry_id=rng.choice(self.classes_by_division[division]),
            founded_on=founded,
        )
        filings = [
            AnnualFiling(enterprise=enterprise, year=year, **values)
            for year, values in self.filing_values(kind, division, capability, founded).items()
        ]
        # The R&D breakdown draws from its own generator, seeded by the credit code: every other figure of the
        # province stays as it was before the breakdown existed.
        breakdown_rng = random.Random(f"rd-breakdown-{enterprise.credit_code}")
        for filing in filings:
            for name, value in rd_breakdown(breakdown_rng, filing).items():
                setattr(filing, name, value)
        return enterprise, filings

    def filing_values(  # noqa: PLR0915  (one draw per field, in one place, reads best as one function)
        self, kind: str, division: str, capability: float, founded: date
    ) -> dict[int, dict[str, object]]:
        """The canonical fields for each demo year, consistent across years (`_prev` is last year's)."""
        rng, q = self.rng, capability
        median_employees, median_rpe, median_rd, turnover = KIND_PROFILES[kind]
        employees_2025 = _clip(math.exp(rng.gauss(math.log(median_employees) + 0.4 * q, 0.8)), 5, 2400)
        revenue_per_employee = math.exp(rng.gauss(math.log(median_rpe) + 0.15 * q, 0.45))

        growth_mean = rng.gauss(0.04 + 0.035 * q, 0.07)
        growth = {year: _clip(rng.gauss(growth_mean, 0.10), -0.45, 1.2) for year in REVENUE_YEARS[1:]}
        revenue = {REVENUE_YEARS[-1]: employees_2025 * revenue_per_employee}
        for year in reversed(REVENUE_YEARS[:-1]):
            revenue[year] = revenue[year + 1] / (1 + growth[year + 1])
        main_share = _clip(rng.gauss(0.9, 0.08), 0.35, 1.0)
        main_share_by_year = {
            year: _clip(main_share + rng.gauss(0, 0.02), 0.3, 1.0) for year in REVENUE_YEARS
        }

        does_rd = kind != "wholesale" and rng.random() < _sigmoid(0.3 + 1.5 * q)
        rd_base = math.exp(rng.gauss(math.log(median_rd) + 0.5 * q, 0.45)) if does_rd else 0.0
        rd_intensity = {year: _clip(rd_base * math.exp(rng.gauss(0, 0.12)), 0, 0.6) for year in REVENUE_YEARS}
        rd_staff_share = (
            _clip(rng.gauss((0.35 if kind == "software" else 0.10) + 0.05 * q, 0.05), 0.01, 0.8)
            if does_rd
            else 0
        )
        margin = rng.gauss(0.055 + 0.02 * q, 0.06)
        debt_ratio = _clip(rng.gauss(0.52 - 0.03 * q, 0.17), 0.05, 0.97)
        asset_turnover = math.exp(rng.gauss(math.log(turnover), 0.35))

        makes_ip = kind in {"manufacturing", "software", "services"}
        ip1_last = _poisson(rng, math.exp(-1.6 + 1.3 * q)) if makes_ip and does_rd else 0
        ip2_last = _poisson(rng, math.exp(0.2 + 0.8 * q)) if makes_ip else 0
        share = _clip(math.exp(rng.gauss(math.log(0.01) + 1.1 * q, 0.7)), 0.0001, 0.6)
        exporter = rng.random() < 0.4
        equity = 0.0
        if rng.random() < _sigmoid(1.5 * q - (3.8 if kind == "software" else 4.6)):
            equity = math.exp(rng.gauss(math.log(25_000_000), 0.9))
        equity_recent = rng.random() < 0.6

        declared = {
            "main_product_strategic_emerging": rng.random()
            < _sigmoid(1.2 * q - 0.2 + (1.0 if kind == "software" else 0)),
            "main_product_chain_role": self._chain_role(q),
            "quality_provincial_award": rng.random() < _sigmoid(1.2 * q - 3.2),
            "quality_system_certified": rng.random() < _sigmoid(1.5 + q),
            "own_brand": rng.random() < _sigmoid(0.2 + 0.8 * q),
            "standards_participation": rng.random() < _sigmoid(q - 1.2),
            "local_indicator_score": Decimal(str(round(_clip(rng.gauss(7 + 2.5 * q, 2.5), 0, 15), 1))),
            "rd_institution_level": self._rd_institution(q) if does_rd else "none",
            "provincial_award_best_rank_3y": rng.randint(1, 8) if q + rng.gauss(0, 0.5) > 2.3 else None,
            "national_award_best_rank_3y": rng.randint(1, 10) if q + rng.gauss(0, 0.5) > 3.0 else None,
            "innovation_honour_valid": does_rd and rng.random() < _sigmoid(2.2 * q - 3.8),
            "makers_china_top500_3y": q > 1.8 and rng.random() < 0.1,
            "it_supported_core_processes": max(0, round(rng.gauss(1.2 + 0.8 * q, 1))),
            "management_or_intl_certification": rng.random() < _sigmoid(0.5 + q),
            "chain_key_link": rng.random() < _sigmoid(2.4 * q - 2.8),
            "main_product_key_field": rng.random()
            < _sigmoid(0.9 * q - 0.4 + (0.8 if division in KEY_FIELD_DIVISIONS else -0.8)),
            "holds_tech_innovative_title": rng.random() < _sigmoid(2 * q - 1.8),
            "holds_srdi_title": rng.random() < _sigmoid(2 * q - 3.6),
            "market_share_leading": share >= 0.05,
            "niche_market_rank_domestic": int(_clip(round(0.35 / share * rng.uniform(0.5, 1.5)), 1, 500)),
            "international_niche_market_share": Decimal(str(round(share * rng.uniform(0.02, 0.4), 6)))
            if exporter
            else Decimal("0"),
            "independent_legal_person": rng.random() < 0.995,
            "listed_abnormal_or_dishonest": rng.random() < 0.01,
            "restricted_industry": rng.random() < 0.004,
            "incident_or_violation_3y": rng.random() < 0.01,
        }
        digital = q * 0.6 + rng.gauss(0, 0.8)
        eval_score = _clip(rng.gauss(52 + 11 * q, 8), 0, 100)

        by_year: dict[int, dict[str, object]] = {}
        for index, year in enumerate(YEARS):
            years_back = len(YEARS) - 1 - index
            employees = max(3, round(employees_2025 * (revenue[year] / revenue[YEARS[-1]]) ** 0.5))
            ip1 = max(0, ip1_last - _binomial(rng, ip1_last, 0.12 * years_back))
            ip2 = max(0, ip2_last - _binomial(rng, ip2_last, 0.15 * years_back))
            self_developed = _binomial(rng, ip1, 0.85)
            assets = revenue[year] / asset_turnover
            year_debt = _clip(debt_ratio + rng.gauss(0, 0.03), 0.02, 0.99)
            by_year[year] = {
                "employees": employees,
                "operating_revenue": _yuan(revenue[year]),
                "operating_revenue_prev": _yuan(revenue[year - 1]),
                "operating_revenue_prev2": _yuan(revenue[year - 2]),
                "main_business_revenue": _yuan(revenue[year] * main_share_by_year[year]),
                "main_business_revenue_prev": _yuan(revenue[year - 1] * main_share_by_year[year - 1]),
                "main_business_revenue_prev2": _yuan(revenue[year - 2] * main_share_by_year[year - 2]),
                "total_assets": _yuan(assets),
                "total_liabilities": _yuan(assets * year_debt),
                "net_profit": _yuan(revenue[year] * (margin + rng.gauss(0, 0.015))),
                "rd_expense": _yuan(revenue[year] * rd_intensity[year]),
                "rd_expense_prev": _yuan(revenue[year - 1] * rd_intensity[year - 1]),
                "rd_staff": min(employees, round(employees * rd_staff_share)),
                "equity_financing_2y": _yuan(equity if equity_recent else 0),
                "equity_financing_3y": _yuan(equity),
                "niche_years": Decimal(
                    str(round(max(0.0, (year - founded.year) * rng.uniform(0.6, 1.0)), 1))
                ),
                "national_niche_market_share": Decimal(str(round(share * (0.92 + 0.04 * index), 6))),
                "ip_class1": ip1,
                "ip_class1_self_developed": self_developed,
                "ip_class1_high_value": _binomial(rng, ip1, 0.08 + 0.04 * max(q, 0)),
                "ip_class1_applied": _binomial(rng, ip1, 0.75),
                "ip_class2": ip2,
                "digital_level": 1 if digital < -0.6 else 2 if digital < 0.6 else 3 if digital < 1.6 else 4,
                "development_eval_score": Decimal(
                    str(round(_clip(eval_score - 1.5 * years_back, 0, 100), 1))
                ),
                "development_eval_score_prev": Decimal(
                    str(round(_clip(eval_score - 1.5 * (years_back + 1), 0, 100), 1))
                ),
                **declared,
            }
        return by_year

    def _chain_role(self, q: float) -> str:
        position = q + self.rng.gauss(0, 0.7)
        if position > 1.9:
            return "key_link_results"
        if position > 0.3:
            return "foundation_or_supplier"
        return "none"

    def _rd_institution(self, q: float) -> str:
        standing = q + self.rng.gauss(0, 0.6)
        for threshold, level in (
            (2.9, "national"),
            (1.9, "provincial"),
            (0.7, "municipal"),
            (-0.2, "below_municipal"),
        ):
            if standing > threshold:
                return level
        return "none"

    def batches(self, count: int) -> Iterator[tuple[list[Enterprise], list[AnnualFiling]]]:
        """Enterprises and filings in batches of BATCH_SIZE enterprises."""
        for start in range(0, count, BATCH_SIZE):
            enterprises: list[Enterprise] = []
            filings: list[AnnualFiling] = []
            for _ in range(min(BATCH_SIZE, count - start)):
                enterprise, its_filings = self.enterprise()
                enterprises.append(enterprise)
                filings.extend(its_filings)
            yield enterprises, filings


def build_province(*, seed: int, enterprises: int, log: Callable[[str], None]) -> ProvinceSummary:
    """Create the synthetic province's enterprises and their filings (the caller holds the transaction)."""
    import time

    started = time.perf_counter()
    generator = ProvinceGenerator(seed=seed)
    made_enterprises = made_filings = 0
    for batch, filings in generator.batches(enterprises):
        Enterprise.objects.bulk_create(batch, batch_size=BATCH_SIZE)
        for filing in filings:
            # bulk_create set the primary keys (SQLite and PostgreSQL both return them); re-point the filings.
            filing.enterprise_id = filing.enterprise.pk
        AnnualFiling.objects.bulk_create(filings, batch_size=BATCH_SIZE)
        made_enterprises += len(batch)
        made_filings += len(filings)
        log(f"{made_enterprises:,} enterprises, {made_filings:,} filings")
    return ProvinceSummary(made_enterprises, made_filings, time.perf_counter() - started)


def rd_breakdown(rng: random.Random, filing: AnnualFiling) -> dict[str, object]:
    """A plausible R&D breakdown (enterprise-data.md, criteria.md §6) of a filing's R&D expense: the five
    expense items, other related expenses now and then above their 10/90 cap, some commissioned R&D, taxable
    income near the profit, the quarterly averages near the year-end figures. Unknown where the R&D expense
    or the profit is."""
    if filing.rd_expense is None or filing.net_profit is None:
        return {}
    rd = float(filing.rd_expense)
    shares = [rng.uniform(0.5, 0.7), rng.uniform(0.12, 0.25), rng.uniform(0.04, 0.1), rng.uniform(0, 0.03)]
    items = [rd * 0.9 * share / sum(shares) * rng.uniform(0.92, 1.0) for share in shares]
    items.append(max(0.0, rd * 0.9 - sum(items)))
    other = sum(items) * rng.uniform(0.03, 0.16)
    domestic = rd * rng.uniform(0.05, 0.2) if rng.random() < 0.3 else 0.0
    overseas = rd * rng.uniform(0.02, 0.1) if rng.random() < 0.04 else 0.0
    capitalised = rd * rng.uniform(0.02, 0.08) if rng.random() < 0.1 else 0.0
    taxable = float(filing.net_profit) * rng.uniform(1.0, 1.3)
    return {
        "rd_personnel": _yuan(items[0]),
        "rd_direct_inputs": _yuan(items[1]),
        "rd_depreciation": _yuan(items[2]),
        "rd_amortisation": _yuan(items[3]),
        "rd_design_fees": _yuan(items[4]),
        "rd_other_related": _yuan(other),
        "rd_commissioned_domestic": _yuan(domestic),
        "rd_commissioned_overseas": _yuan(overseas),
        "rd_capitalised_amortisation": _yuan(capitalised),
        "taxable_income": _yuan(taxable),
        "hnte": bool(filing.innovation_honour_valid) and rng.random() < 0.8,
        "ic_or_mother_machine_listed": rng.random() < 0.01,
        "employees_avg": None
        if filing.employees is None
        else Decimal(str(round(filing.employees * rng.uniform(0.94, 1.01), 2))),
        "total_assets_avg": None
        if filing.total_assets is None
        else _yuan(float(filing.total_assets) * rng.uniform(0.9, 1.0)),
    }
