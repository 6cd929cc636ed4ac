"""Synthetic enterprises for the benchmarks: N rows of the canonical columns, written to Parquet.

Deterministic (a seed and a row count give the same file), streaming (one chunk of rows in memory at a time,
written in row groups, so ten million rows never sit in memory at once) and vectorised with numpy.
The data are meant to look like a province's annual filings and to be hard on a criteria engine:

- realistic, skewed distributions (log-normal revenue and head-count, most firms without equity financing
  or IP);
- exact band edges on purpose: main-business revenue growth of exactly 15% / 10% / 5% / 0%, debt ratios of
  exactly 55% / 75% / 50% / 60% / 70%, R&D intensity of exactly 1% / 2% / 3% / 5% / 6% / 10%, revenue and
  assets exactly on the 2011 size floors of the enterprise's own industry, and one yuan or one fen below
  them (float32 turns 19,999,999 yuan into 20,000,000);
- unknown values (null, decision D5) in every data column and zero denominators (decision D4);
- valid unified social credit codes (GB 32100-2015, with the GB 11714 organisation-code check character).

Usage: ``python bench/synthetic.py --rows 1000000 --out bench/out/enterprises_1m.parquet``
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from littlegiant.identifiers import CREDIT_CODE_ALPHABET, CREDIT_CODE_WEIGHTS, ORGANISATION_CODE_WEIGHTS
from littlegiant.rules.industries import SizeIndustry, size_industry
from littlegiant.rules.schema import ENTERPRISE_FIELDS, FieldKind

REFERENCE_DATA = Path(__file__).resolve().parent.parent / "src" / "littlegiant" / "reference" / "data"
CHUNK_ROWS = 262_144
ROW_GROUP_ROWS = 131_072  # DuckDB reads row groups in parallel: keep several even in a 1-million-row file
REFERENCE_YEAR = 2025

MONEY = pa.decimal128(20, 2)
FRACTION = pa.decimal128(9, 6)
NUMBER = pa.decimal128(9, 2)
ARROW_TYPES: dict[FieldKind, pa.DataType] = {
    FieldKind.TEXT: pa.string(),
    FieldKind.INTEGER: pa.int32(),
    FieldKind.COUNT: pa.int64(),
    FieldKind.MONEY: MONEY,
    FieldKind.FRACTION: FRACTION,
    FieldKind.NUMBER: NUMBER,
    FieldKind.BOOLEAN: pa.bool_(),
    FieldKind.ENUM: pa.string(),
}
SCHEMA = pa.schema([pa.field(f.name, ARROW_TYPES[f.kind]) for f in ENTERPRISE_FIELDS])

# Share of enterprises by 2011 size industry: roughly a manufacturing province's register.
INDUSTRY_WEIGHTS: dict[SizeIndustry, float] = {
    SizeIndustry.AGRICULTURE: 0.02,
    SizeIndustry.INDUSTRY: 0.42,
    SizeIndustry.CONSTRUCTION: 0.05,
    SizeIndustry.WHOLESALE: 0.10,
    SizeIndustry.RETAIL: 0.07,
    SizeIndustry.TRANSPORT: 0.03,
    SizeIndustry.WAREHOUSING: 0.01,
    SizeIndustry.POSTAL: 0.005,
    SizeIndustry.ACCOMMODATION: 0.01,
    SizeIndustry.CATERING: 0.02,
    SizeIndustry.INFORMATION_TRANSMISSION: 0.01,
    SizeIndustry.SOFTWARE_IT: 0.09,
    SizeIndustry.REAL_ESTATE_DEVELOPMENT: 0.02,
    SizeIndustry.PROPERTY_MANAGEMENT: 0.01,
    SizeIndustry.LEASING_BUSINESS: 0.06,
    SizeIndustry.OTHER: 0.075,
}

# Revenue and asset floors and ceilings of the 2011 size classes, in yuan, per industry (criteria.md §1.3).
# Only used to put enterprises exactly on (and just below) the edges of their own industry's bands.
WAN = 10_000
REVENUE_EDGES: dict[SizeIndustry, tuple[int, ...]] = {
    SizeIndustry.AGRICULTURE: (50, 500, 20000),
    SizeIndustry.INDUSTRY: (300, 2000, 40000),
    SizeIndustry.CONSTRUCTION: (300, 6000, 80000),
    SizeIndustry.WHOLESALE: (1000, 5000, 40000),
    SizeIndustry.RETAIL: (100, 500, 20000),
    SizeIndustry.TRANSPORT: (200, 3000, 30000),
    SizeIndustry.WAREHOUSING: (100, 1000, 30000),
    SizeIndustry.POSTAL: (100, 2000, 30000),
    SizeIndustry.ACCOMMODATION: (100, 2000, 10000),
    SizeIndustry.CATERING: (100, 2000, 10000),
    SizeIndustry.INFORMATION_TRANSMISSION: (100, 1000, 100000),
    SizeIndustry.SOFTWARE_IT: (50, 1000, 10000),
    SizeIndustry.REAL_ESTATE_DEVELOPMENT: (100, 1000, 200000),
    SizeIndustry.PROPERTY_MANAGEMENT: (500, 1000, 5000),
    SizeIndustry.LEASING_BUSINESS: (1000, 5000, 10000),  # no revenue rule: tier-pack edges instead
    SizeIndustry.OTHER: (1000, 5000, 10000),
}
ASSET_EDGES: dict[SizeIndustry, tuple[int, ...]] = {
    SizeIndustry.CONSTRUCTION: (300, 5000, 80000),
    SizeIndustry.REAL_ESTATE_DEVELOPMENT: (2000, 5000, 10000),
    SizeIndustry.LEASING_BUSINESS: (100, 8000, 120000),
}
EMPLOYEE_EDGES = np.array([5, 10, 20, 50, 100, 200, 300, 1000, 2000])


def load_industry_classes() -> tuple[list[SizeIndustry], list[np.ndarray]]:
    """GB/T 4754-2017 classes grouped by size industry, from the reference data."""
    groups: dict[SizeIndustry, list[str]] = {industry: [] for industry in SizeIndustry}
    with open(REFERENCE_DATA / "gbt4754_2017_classes.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["class_code_2017"].strip()
            if len(code) == 4 and code.isdigit():
                groups[size_industry(code)].append(code)
    industries = [industry for industry in SizeIndustry if groups[industry]]
    return industries, [np.array(groups[industry]) for industry in industries]


def load_county_codes() -> np.ndarray:
    """County-level GB/T 2260 codes, from the reference data."""
    with open(REFERENCE_DATA / "regions_gbt2260_2026-09.csv", encoding="utf-8") as handle:
        codes = sorted({row["county_code"] for row in csv.DictReader(handle) if row["county_code"]})
    return np.array(codes)


class EnterpriseGenerator:
    """Makes chunks of synthetic enterprises; chunk k depends only on the seed and k."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.industries, self.classes = load_industry_classes()
        weights = np.array([INDUSTRY_WEIGHTS[industry] for industry in self.industries])
        self.industry_p = weights / weights.sum()
        self.counties = load_county_codes()
        self.county_digits = np.array([[int(c) for c in code] for code in self.counties], dtype=np.int64)
        alphabet = np.frombuffer(CREDIT_CODE_ALPHABET.encode(), dtype=np.uint8)
        self.alphabet = alphabet

    def chunk(self, start: int, rows: int) -> pa.Table:
        rng = np.random.default_rng([self.seed, start])
        columns: dict[str, pa.Array] = {}

        # Identity.
        industry_index = rng.choice(len(self.industries), size=rows, p=self.industry_p)
        class_codes = np.empty(rows, dtype="U4")
        for i, classes in enumerate(self.classes):
            mask = industry_index == i
            class_codes[mask] = classes[rng.integers(0, len(classes), size=int(mask.sum()))]
        county = rng.integers(0, len(self.counties), size=rows)
        ids = np.arange(start, start + rows, dtype=np.int64)
        columns["credit_code"] = self.credit_codes(ids, county)
        columns["name"] = pc.binary_join_element_wise(
            "合成企业", pc.cast(pa.array(ids + 1), pa.string()), "有限公司", ""
        )
        columns["region_code"] = pa.array(self.counties[county])
        columns["industry_code"] = pa.array(class_codes)
        columns["year"] = pa.array(np.full(rows, REFERENCE_YEAR, dtype=np.int32))

        # Size and finance, in fen (1/100 yuan) so that every edge is exact.
        employees = np.maximum(1, np.round(rng.lognormal(np.log(40), 1.3, rows))).astype(np.int64)
        revenue = np.round(rng.lognormal(np.log(2.0e9), 1.7, rows)).astype(np.int64)  # median 2000万 yuan
        industries = np.array(self.industries)[industry_index]
        self.put_on_size_edges(rng, industries, employees, revenue, REVENUE_EDGES, share=0.04)

        growth = rng.normal(0.08, 0.22, rows).clip(-0.6, 3.0)
        revenue_prev = np.round(revenue / (1 + growth)).astype(np.int64)
        main_share = (1 - rng.beta(1.1, 7.0, rows)).clip(0, 1)
        main = np.round(revenue * main_share).astype(np.int64)
        growth1 = rng.normal(0.08, 0.22, rows).clip(-0.6, 3.0)
        growth2 = rng.normal(0.08, 0.22, rows).clip(-0.6, 3.0)
        main_prev = np.round(main / (1 + growth1)).astype(np.int64)
        main_prev2 = np.round(main_prev / (1 + growth2)).astype(np.int64)
        assets = np.round(revenue * rng.lognormal(0.0, 0.6, rows)).astype(np.int64)
        self.put_on_size_edges(rng, industries, None, assets, ASSET_EDGES, share=0.08)
        debt_ratio = rng.beta(2.6, 2.6, rows)
        liabilities = np.round(assets * debt_ratio).astype(np.int64)
        margin = rng.normal(0.05, 0.08, rows).clip(-1.0, 0.6)
        net_profit = np.round(revenue * margin).astype(np.int64)
        rd_ratio = np.where(rng.random(rows) < 0.3, 0.0, rng.lognormal(np.log(0.025), 0.9, rows).clip(0, 0.6))
        rd = np.round(revenue * rd_ratio).astype(np.int64)
        rd_prev = np.round(rd / (1 + rng.normal(0.1, 0.25, rows).clip(-0.6, 2.0))).astype(np.int64)

        # Exact ratio edges: the numerator is an exact multiple of the denominator's hundredth.
        self.put_ratio_edges(rng, revenue, main, (0.50, 0.55, 0.60, 0.70, 0.80), share=0.03)
        self.put_ratio_edges(rng, assets, liabilities, (0.50, 0.55, 0.60, 0.70, 0.75), share=0.03)
        self.put_ratio_edges(rng, revenue, rd, (0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.10), share=0.03)
        self.put_ratio_edges(rng, revenue, net_profit, (0.02, 0.04, 0.06, 0.08, 0.10), share=0.01)
        self.put_growth_edges(rng, main_prev, main, (0.0, 0.05, 0.10, 0.15), share=0.03)
        self.put_growth_edges(rng, main_prev2, main_prev, (0.0, 0.04, 0.05, 0.10), share=0.01)
        rd_prev = np.where(rng.random(rows) < 0.02, rd, rd_prev)

        # Zero denominators (decision D4): no revenue, no assets, no main-business revenue the year before.
        zero = rng.random(rows)
        revenue[zero < 0.002] = 0
        main[zero < 0.002] = 0
        rd[zero < 0.002] = 0
        net_profit[zero < 0.002] = 0
        main_prev[(zero >= 0.002) & (zero < 0.004)] = 0
        assets[(zero >= 0.004) & (zero < 0.005)] = 0
        liabilities[(zero >= 0.004) & (zero < 0.005)] = 0

        rd_staff = np.minimum(employees, np.round(employees * rng.beta(1.2, 6.0, rows))).astype(np.int64)
        half = (rng.random(rows) < 0.01) & (employees % 2 == 0)
        rd_staff[half] = employees[half] // 2  # exactly 50%: the little giant's R&D-staff edge
        financed = rng.random(rows) < 0.12
        equity_2y = np.where(financed, np.round(rng.lognormal(np.log(1.5e9), 1.4, rows)), 0).astype(np.int64)
        equity_edges = np.array([500, 2000, 6000, 8000]) * WAN * 100
        on_edge = rng.random(rows) < 0.01
        equity_2y[on_edge] = rng.choice(equity_edges, int(on_edge.sum()))
        extra = np.where(rng.random(rows) < 0.3, np.round(rng.lognormal(np.log(3e8), 1.2, rows)), 0)
        equity_3y = equity_2y + extra.astype(np.int64)

        for name, fen in (
            ("operating_revenue", revenue),
            ("operating_revenue_prev", revenue_prev),
            ("main_business_revenue", main),
            ("main_business_revenue_prev", main_prev),
            ("main_business_revenue_prev2", main_prev2),
            ("total_assets", assets),
            ("total_liabilities", liabilities),
            ("net_profit", net_profit),
            ("rd_expense", rd),
            ("rd_expense_prev", rd_prev),
            ("equity_financing_2y", equity_2y),
            ("equity_financing_3y", equity_3y),
        ):
            columns[name] = decimal_array(fen, self.unknown(rng, rows, 0.01), MONEY)
        columns["employees"] = masked(employees, self.unknown(rng, rows, 0.01))
        columns["rd_staff"] = masked(rd_staff, self.unknown(rng, rows, 0.015))
        niche_years = np.round(rng.gamma(2.0, 3.0, rows) * 4) / 4  # quarter years
        on_edge = rng.random(rows) < 0.02
        niche_years[on_edge] = rng.choice([2.0, 3.0, 4.0, 6.0, 10.0], int(on_edge.sum()))
        columns["niche_years"] = decimal_array(
            np.round(niche_years * 100).astype(np.int64), self.unknown(rng, rows, 0.02), NUMBER
        )
        share = rng.beta(0.9, 12.0, rows)
        share[rng.random(rows) < 0.01] = 0.10
        columns["national_niche_market_share"] = decimal_array(
            np.round(share * 1e6).astype(np.int64), self.unknown(rng, rows, 0.05), FRACTION
        )

        # Intellectual property: most firms hold none; sub-counts never exceed the Class-I total.
        class1 = np.where(rng.random(rows) < 0.45, 0, rng.negative_binomial(1, 0.25, rows)).astype(np.int64)
        self_dev = rng.binomial(class1, 0.8).astype(np.int64)
        high_value = rng.binomial(class1, 0.15).astype(np.int64)
        applied = rng.binomial(class1, 0.6).astype(np.int64)
        class2 = np.where(rng.random(rows) < 0.35, 0, rng.negative_binomial(1, 0.12, rows)).astype(np.int64)
        for name, values in (
            ("ip_class1", class1),
            ("ip_class1_self_developed", self_dev),
            ("ip_class1_high_value", high_value),
            ("ip_class1_applied", applied),
            ("ip_class2", class2),
        ):
            columns[name] = masked(values, self.unknown(rng, rows, 0.01))

        # Declared facts and honours.
        def flag(name: str, p_true: float, p_unknown: float = 0.02) -> None:
            columns[name] = pa.array(rng.random(rows) < p_true, mask=self.unknown(rng, rows, p_unknown))

        flag("main_product_strategic_emerging", 0.35)
        columns["main_product_chain_role"] = choice_array(
            rng,
            ("key_link_results", "foundation_or_supplier", "none"),
            (0.08, 0.22, 0.70),
            self.unknown(rng, rows, 0.03),
        )
        columns["digital_level"] = masked(
            rng.choice([1, 2, 3, 4], rows, p=[0.35, 0.4, 0.2, 0.05]).astype(np.int32),
            self.unknown(rng, rows, 0.1),
        )
        flag("quality_provincial_award", 0.05)
        flag("quality_system_certified", 0.55)
        flag("own_brand", 0.45)
        flag("standards_participation", 0.12)
        columns["local_indicator_score"] = decimal_array(
            rng.integers(0, 16, rows).astype(np.int64) * 100, self.unknown(rng, rows, 0.2), NUMBER
        )
        columns["rd_institution_level"] = choice_array(
            rng,
            ("none", "below_municipal", "municipal", "provincial", "national"),
            (0.6, 0.15, 0.15, 0.09, 0.01),
            self.unknown(rng, rows, 0.02),
        )
        # Award ranks: empty means no award (the field's own meaning), not unknown.
        columns["provincial_award_best_rank_3y"] = pa.array(
            rng.integers(1, 11, rows).astype(np.int64), mask=rng.random(rows) >= 0.03
        )
        columns["national_award_best_rank_3y"] = pa.array(
            rng.integers(1, 11, rows).astype(np.int64), mask=rng.random(rows) >= 0.003
        )
        flag("innovation_honour_valid", 0.15)
        flag("makers_china_top500_3y", 0.01)
        columns["it_supported_core_processes"] = masked(
            rng.poisson(1.2, rows).astype(np.int64), self.unknown(rng, rows, 0.03)
        )
        flag("management_or_intl_certification", 0.4)
        flag("chain_key_link", 0.08)
        flag("main_product_key_field", 0.2)

        # 2026 packs.
        flag("holds_tech_innovative_title", 0.1)
        flag("holds_srdi_title", 0.04)
        for name in ("development_eval_score", "development_eval_score_prev"):
            columns[name] = decimal_array(
                np.round(rng.normal(55, 15, rows).clip(0, 100) * 100).astype(np.int64),
                self.unknown(rng, rows, 0.5),
                NUMBER,
            )
        flag("market_share_leading", 0.15, 0.1)
        columns["niche_market_rank_domestic"] = pa.array(
            rng.integers(1, 51, rows).astype(np.int64), mask=rng.random(rows) >= 0.2
        )
        columns["international_niche_market_share"] = decimal_array(
            np.round(rng.beta(0.6, 30.0, rows) * 1e6).astype(np.int64), rng.random(rows) >= 0.15, FRACTION
        )

        # General eligibility.
        flag("independent_legal_person", 0.995, 0.005)
        flag("listed_abnormal_or_dishonest", 0.02, 0.005)
        flag("restricted_industry", 0.01, 0.005)
        flag("incident_or_violation_3y", 0.02, 0.005)

        # The 2026 little giant's two-year growth (D20) and the application kind (D21), drawn last so that the
        # columns above stay as they were. A share sits exactly on the 1.05² edge.
        growth0 = rng.normal(0.08, 0.22, rows).clip(-0.6, 3.0)
        revenue_prev2 = np.round(revenue_prev / (1 + growth0)).astype(np.int64)
        on_edge = rng.random(rows) < 0.01
        revenue_prev2[on_edge] = revenue[on_edge] * 10000 // 11025
        columns["operating_revenue_prev2"] = decimal_array(
            revenue_prev2, self.unknown(rng, rows, 0.01), MONEY
        )
        columns["application_kind"] = choice_array(
            rng, ("new", "review"), (0.9, 0.1), self.unknown(rng, rows, 0.02)
        )

        # R&D super-deduction and income tax (criteria.md §6), drawn last so that the columns above stay as they
        # were. Items 1–5 split the R&D expense; 2% sit exactly on the 10/90 cap of other related expenses, and
        # 1% (no overseas R&D, not listed) exactly on the 300万 line after a deduction of 100% of E.
        shares = rng.dirichlet([5.0, 3.0, 1.0, 0.5, 0.5], rows)
        items = np.floor(shares * (rd * 0.85)[:, None]).astype(np.int64)
        on_cap = rng.random(rows) < 0.02
        items[on_cap, 0] -= items[on_cap].sum(axis=1) % 9  # items 1–5 a multiple of 9 fen
        items[:, 0] = np.maximum(items[:, 0], 0)
        items15 = items.sum(axis=1)
        other = np.round(items15 * rng.uniform(0.0, 0.16, rows)).astype(np.int64)
        other[on_cap] = items15[on_cap] // 9
        domestic = np.where(rng.random(rows) < 0.3, np.round(rd * rng.uniform(0, 0.3, rows)), 0).astype(
            np.int64
        )
        domestic -= domestic % 5  # 80% of it is a whole number of fen
        overseas = np.where(rng.random(rows) < 0.05, np.round(rd * rng.uniform(0, 1.2, rows)), 0).astype(
            np.int64
        )
        capitalised = np.where(rng.random(rows) < 0.1, np.round(rd * rng.uniform(0, 0.2, rows)), 0).astype(
            np.int64
        )
        taxable = np.round(net_profit * rng.uniform(1.0, 1.4, rows)).astype(np.int64)
        on_line = (rng.random(rows) < 0.01) & ~on_cap & (other * 9 <= items15)
        overseas[on_line] = 0
        capitalised[on_line] = 0
        e = items15 + other + domestic * 4 // 5
        taxable[on_line] = 300 * WAN * 100 + e[on_line]
        listed = rng.random(rows) < 0.03
        listed[on_line] = False
        for name, fen in (
            ("rd_personnel", items[:, 0]),
            ("rd_direct_inputs", items[:, 1]),
            ("rd_depreciation", items[:, 2]),
            ("rd_amortisation", items[:, 3]),
            ("rd_design_fees", items[:, 4]),
            ("rd_other_related", other),
            ("rd_commissioned_domestic", domestic),
            ("rd_commissioned_overseas", overseas),
            ("rd_capitalised_amortisation", capitalised),
            ("taxable_income", taxable),
        ):
            columns[name] = decimal_array(fen, self.unknown(rng, rows, 0.01), MONEY)
        flag("hnte", 0.1)
        columns["ic_or_mother_machine_listed"] = pa.array(listed, mask=self.unknown(rng, rows, 0.02))
        # Quarterly averages: a share of 300.5 and exactly 300 (2023年第12号's head-count line).
        employees_avg = employees * 100 + rng.integers(-50, 51, rows) * (employees > 1)
        edge = rng.random(rows)
        employees_avg[edge < 0.01] = 30000
        employees_avg[(edge >= 0.01) & (edge < 0.02)] = 30050
        columns["employees_avg"] = decimal_array(employees_avg, self.unknown(rng, rows, 0.02), NUMBER)
        assets_avg = np.round(assets * rng.uniform(0.85, 1.0, rows)).astype(np.int64)
        assets_avg[rng.random(rows) < 0.01] = 5000 * WAN * 100
        columns["total_assets_avg"] = decimal_array(assets_avg, self.unknown(rng, rows, 0.02), MONEY)

        return pa.table(
            [columns[f.name].cast(SCHEMA.field(f.name).type) for f in ENTERPRISE_FIELDS], schema=SCHEMA
        )

    @staticmethod
    def unknown(rng: np.random.Generator, rows: int, p: float) -> np.ndarray:
        return rng.random(rows) < p

    @staticmethod
    def put_on_size_edges(
        rng: np.random.Generator,
        industries: np.ndarray,
        employees: np.ndarray | None,
        fen: np.ndarray,
        edges: dict[SizeIndustry, tuple[int, ...]],
        share: float,
    ) -> None:
        """Move a share of enterprises exactly onto a floor of their industry, or 1 yuan or 1 fen below it."""
        rows = len(fen)
        chosen = rng.random(rows) < share
        offsets = np.array([0, -100, -1, 0, -100])  # fen: exact, one yuan below, one fen below
        for industry, wan in edges.items():
            mask = chosen & (industries == industry)
            count = int(mask.sum())
            if count:
                edge = rng.choice(np.array(wan, dtype=np.int64) * WAN * 100, count)
                fen[mask] = edge + rng.choice(offsets, count)
        if employees is not None:
            head = rng.random(rows) < share / 2
            employees[head] = rng.choice(EMPLOYEE_EDGES, int(head.sum())) + rng.choice(
                [0, 0, -1], int(head.sum())
            )

    @staticmethod
    def put_ratio_edges(
        rng: np.random.Generator,
        denominator: np.ndarray,
        numerator: np.ndarray,
        ratios: tuple[float, ...],
        share: float,
    ) -> None:
        """Make numerator / denominator exactly one of the ratios for a share of rows (in whole yuan)."""
        chosen = (rng.random(len(denominator)) < share) & (denominator > 0)
        count = int(chosen.sum())
        percent = np.round(np.array(ratios) * 100).astype(np.int64)
        picked = rng.choice(percent, count)
        base = np.maximum(
            denominator[chosen] // 100 * 100, 100
        )  # whole yuan, so a percent of it is whole fen
        denominator[chosen] = base
        numerator[chosen] = base // 100 * picked

    @staticmethod
    def put_growth_edges(
        rng: np.random.Generator,
        before: np.ndarray,
        after: np.ndarray,
        rates: tuple[float, ...],
        share: float,
    ) -> None:
        """Make after / before − 1 exactly one of the rates for a share of rows."""
        chosen = (rng.random(len(before)) < share) & (before > 0)
        count = int(chosen.sum())
        percent = np.round(np.array(rates) * 100).astype(np.int64)
        picked = rng.choice(percent, count)
        base = np.maximum(before[chosen] // 100 * 100, 100)
        before[chosen] = base
        after[chosen] = base // 100 * (100 + picked)

    def credit_codes(self, ids: np.ndarray, county: np.ndarray) -> pa.Array:
        """Valid, distinct GB 32100 codes: authority 9, type 1 (an enterprise), county, organisation code."""
        rows = len(ids)
        values = np.zeros((rows, 18), dtype=np.int64)  # alphabet indexes
        values[:, 0] = 9
        values[:, 1] = 1
        values[:, 2:8] = self.county_digits[county]
        # An odd multiplier not divisible by 5 permutes 0..10^8-1: distinct organisation bodies for 10^8 rows.
        body = (ids * 61_803_399 + 12_345_678) % 100_000_000
        for position in range(8):
            values[:, 8 + position] = body // 10 ** (7 - position) % 10
        weighted = (values[:, 8:16] * np.array(ORGANISATION_CODE_WEIGHTS)).sum(axis=1)
        remainder = 11 - weighted % 11
        # GB 11714: 10 is written X, 11 is written 0; both are characters of the GB 32100 alphabet.
        x_index = CREDIT_CODE_ALPHABET.index("X")
        values[:, 16] = np.where(remainder == 10, x_index, np.where(remainder == 11, 0, remainder))
        total = (values[:, :17] * np.array(CREDIT_CODE_WEIGHTS)).sum(axis=1)
        values[:, 17] = (31 - total % 31) % 31
        characters = self.alphabet[values].astype(np.uint8)
        return pa.array(characters.view("S18").ravel(), type=pa.binary()).cast(pa.string())


def masked(values: np.ndarray, unknown: np.ndarray) -> pa.Array:
    return pa.array(values, mask=unknown)


def decimal_array(scaled: np.ndarray, unknown: np.ndarray, decimal_type: pa.Decimal128Type) -> pa.Array:
    """A decimal128 array from integers already scaled by 10**scale, built from buffers (no Python loop)."""
    scaled = scaled.astype(np.int64)
    words = np.empty((len(scaled), 2), dtype=np.int64)
    words[:, 0] = scaled
    words[:, 1] = np.where(scaled < 0, -1, 0)  # two's-complement sign extension into the high 64 bits
    validity = np.packbits(~unknown, bitorder="little")
    return pa.Array.from_buffers(
        decimal_type,
        len(scaled),
        [pa.py_buffer(validity), pa.py_buffer(words.tobytes())],
        null_count=int(unknown.sum()),
    )


def choice_array(
    rng: np.random.Generator, choices: tuple[str, ...], p: tuple[float, ...], unknown: np.ndarray
) -> pa.Array:
    index = rng.choice(len(choices), len(unknown), p=np.array(p) / sum(p))
    return pa.DictionaryArray.from_arrays(
        pa.array(index.astype(np.int32), mask=unknown), pa.array(choices)
    ).cast(pa.string())


def write_enterprises(path: Path, rows: int, seed: int = 2026) -> Path:
    """Write `rows` synthetic enterprises to a Parquet file, one chunk at a time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    generator = EnterpriseGenerator(seed)
    partial = path.with_suffix(".partial")
    with pq.ParquetWriter(partial, SCHEMA, compression="snappy") as writer:
        for start in range(0, rows, CHUNK_ROWS):
            writer.write_table(
                generator.chunk(start, min(CHUNK_ROWS, rows - start)), row_group_size=ROW_GROUP_ROWS
            )
    partial.rename(path)  # a crash never leaves a half-written file under the final name
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    write_enterprises(args.out, args.rows, args.seed)
    print(
        f"{args.rows:,} enterprises -> {args.out} in {time.perf_counter() - started:.1f} s", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
