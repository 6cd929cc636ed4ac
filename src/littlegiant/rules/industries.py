"""The 16 industries of the 2011 size classification, mapped from GB/T 4754-2017 (criteria.md §1.4b, [S]).

Framework-free: the size pack, the reference-data migration and the importers all use this one mapping.
"""

from __future__ import annotations

from enum import StrEnum


class SizeIndustry(StrEnum):
    """Industries named in Art. 4 of 工信部联企业〔2011〕300号, items (一)–(十六)."""

    AGRICULTURE = "agriculture"  # 农、林、牧、渔业
    INDUSTRY = "industry"  # 工业
    CONSTRUCTION = "construction"  # 建筑业
    WHOLESALE = "wholesale"  # 批发业
    RETAIL = "retail"  # 零售业
    TRANSPORT = "transport"  # 交通运输业（不含铁路运输业）
    WAREHOUSING = "warehousing"  # 仓储业
    POSTAL = "postal"  # 邮政业
    ACCOMMODATION = "accommodation"  # 住宿业
    CATERING = "catering"  # 餐饮业
    INFORMATION_TRANSMISSION = "information_transmission"  # 信息传输业
    SOFTWARE_IT = "software_it"  # 软件和信息技术服务业
    REAL_ESTATE_DEVELOPMENT = "real_estate_development"  # 房地产开发经营
    PROPERTY_MANAGEMENT = "property_management"  # 物业管理
    LEASING_BUSINESS = "leasing_business"  # 租赁和商务服务业
    OTHER = "other"  # 其他未列明行业


SIZE_INDUSTRY_NAMES_ZH: dict[SizeIndustry, str] = {
    SizeIndustry.AGRICULTURE: "农、林、牧、渔业",
    SizeIndustry.INDUSTRY: "工业",
    SizeIndustry.CONSTRUCTION: "建筑业",
    SizeIndustry.WHOLESALE: "批发业",
    SizeIndustry.RETAIL: "零售业",
    SizeIndustry.TRANSPORT: "交通运输业",
    SizeIndustry.WAREHOUSING: "仓储业",
    SizeIndustry.POSTAL: "邮政业",
    SizeIndustry.ACCOMMODATION: "住宿业",
    SizeIndustry.CATERING: "餐饮业",
    SizeIndustry.INFORMATION_TRANSMISSION: "信息传输业",
    SizeIndustry.SOFTWARE_IT: "软件和信息技术服务业",
    SizeIndustry.REAL_ESTATE_DEVELOPMENT: "房地产开发经营",
    SizeIndustry.PROPERTY_MANAGEMENT: "物业管理",
    SizeIndustry.LEASING_BUSINESS: "租赁和商务服务业",
    SizeIndustry.OTHER: "其他未列明行业",
}

# (first division, last division, industry), inclusive, from §1.4b. Division 53 (railways) is not listed:
# it falls through to OTHER, as the table says.
_DIVISION_RANGES: tuple[tuple[int, int, SizeIndustry], ...] = (
    (1, 5, SizeIndustry.AGRICULTURE),
    (6, 46, SizeIndustry.INDUSTRY),
    (47, 50, SizeIndustry.CONSTRUCTION),
    (51, 51, SizeIndustry.WHOLESALE),
    (52, 52, SizeIndustry.RETAIL),
    (54, 58, SizeIndustry.TRANSPORT),
    (59, 59, SizeIndustry.WAREHOUSING),
    (60, 60, SizeIndustry.POSTAL),
    (61, 61, SizeIndustry.ACCOMMODATION),
    (62, 62, SizeIndustry.CATERING),
    (63, 64, SizeIndustry.INFORMATION_TRANSMISSION),
    (65, 65, SizeIndustry.SOFTWARE_IT),
    (71, 72, SizeIndustry.LEASING_BUSINESS),
)
_CLASSES: dict[str, SizeIndustry] = {
    "7010": SizeIndustry.REAL_ESTATE_DEVELOPMENT,
    "7020": SizeIndustry.PROPERTY_MANAGEMENT,
}


def size_industry(industry_code: str) -> SizeIndustry:
    """The 2011 size-classification industry of a four-digit GB/T 4754-2017 class (or a two-digit division)."""
    code = industry_code.strip()
    if len(code) not in (2, 4) or not code.isdigit():
        raise ValueError(f"industry code must be 4 digits (a GB/T 4754-2017 class), not {industry_code!r}")
    if code in _CLASSES:
        return _CLASSES[code]
    division = int(code[:2])
    for first, last, industry in _DIVISION_RANGES:
        if first <= division <= last:
            return industry
    return SizeIndustry.OTHER
