"""SME size classification, 工信部联企业〔2011〕300号 (criteria.md §1): 16 industries, 4 classes."""

from numpy import array, asarray, select
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DateUnit
from openfisca_core.variables import Variable

from openfisca_smes.entities import Enterprise


class SizeIndustry(Enum):
    agriculture = "农、林、牧、渔业"
    industry = "工业"
    construction = "建筑业"
    wholesale = "批发业"
    retail = "零售业"
    transport = "交通运输业"
    warehousing = "仓储业"
    postal = "邮政业"
    accommodation = "住宿业"
    catering = "餐饮业"
    information_transmission = "信息传输业"
    software_it = "软件和信息技术服务业"
    real_estate_development = "房地产开发经营"
    property_management = "物业管理"
    leasing_business = "租赁和商务服务业"
    other = "其他未列明行业"


class size_industry(Variable):
    value_type = Enum
    possible_values = SizeIndustry
    default_value = SizeIndustry.other
    entity = Enterprise
    definition_period = DateUnit.YEAR
    label = "Industry of the 2011 size classification, from the GB/T 4754-2017 class (criteria.md §1.4b)"

    def formula_2011_06_18(enterprise, period):
        division = enterprise("industry_division", period)
        code = enterprise("industry_class", period)
        # Division 53 (railways) is in no range and falls through to "other", as §1.4b says.
        return select(
            [
                code == 7010,
                code == 7020,
                (division >= 1) & (division <= 5),
                (division >= 6) & (division <= 46),
                (division >= 47) & (division <= 50),
                division == 51,
                division == 52,
                (division >= 54) & (division <= 58),
                division == 59,
                division == 60,
                division == 61,
                division == 62,
                (division >= 63) & (division <= 64),
                division == 65,
                (division >= 71) & (division <= 72),
            ],
            [
                SizeIndustry.real_estate_development.index,
                SizeIndustry.property_management.index,
                SizeIndustry.agriculture.index,
                SizeIndustry.industry.index,
                SizeIndustry.construction.index,
                SizeIndustry.wholesale.index,
                SizeIndustry.retail.index,
                SizeIndustry.transport.index,
                SizeIndustry.warehousing.index,
                SizeIndustry.postal.index,
                SizeIndustry.accommodation.index,
                SizeIndustry.catering.index,
                SizeIndustry.information_transmission.index,
                SizeIndustry.software_it.index,
                SizeIndustry.leasing_business.index,
            ],
            default=SizeIndustry.other.index,
        )


def per_enterprise(thresholds, industry, group: str, indicator: str):
    """The threshold of each enterprise's industry, as an array.

    OpenFisca's own fancy indexing (`thresholds[industry]`) looks parameters up one enterprise at a time in
    Python (4x slower on a million enterprises), so the baseline uses a 16-entry lookup table, as a careful
    modeller would.
    """
    table = array([getattr(getattr(thresholds[member.name], group), indicator) for member in SizeIndustry])
    return table[asarray(industry)]


class SizeClass(Enum):
    large = "大型"
    medium = "中型"
    small = "小型"
    micro = "微型"


class within_sme_ceiling(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = DateUnit.YEAR
    label = "Below any one of the industry's SME ceilings (或)"

    def formula_2011_06_18(enterprise, period, parameters):
        thresholds = parameters(period).sme_size_2011.thresholds
        industry = enterprise("size_industry", period)
        return (
            (enterprise("employees", period) < per_enterprise(thresholds, industry, "ceiling", "employees"))
            + (
                enterprise("operating_revenue", period)
                < per_enterprise(thresholds, industry, "ceiling", "revenue")
            )
            + (enterprise("total_assets", period) < per_enterprise(thresholds, industry, "ceiling", "assets"))
        )


class meets_medium_floors(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = DateUnit.YEAR
    label = "Meets all of the industry's medium floors (且, 及以上)"

    def formula_2011_06_18(enterprise, period, parameters):
        thresholds = parameters(period).sme_size_2011.thresholds
        industry = enterprise("size_industry", period)
        return (
            (enterprise("employees", period) >= per_enterprise(thresholds, industry, "medium", "employees"))
            * (
                enterprise("operating_revenue", period)
                >= per_enterprise(thresholds, industry, "medium", "revenue")
            )
            * (enterprise("total_assets", period) >= per_enterprise(thresholds, industry, "medium", "assets"))
        )


class meets_small_floors(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = DateUnit.YEAR
    label = "Meets all of the industry's small floors (且, 及以上)"

    def formula_2011_06_18(enterprise, period, parameters):
        thresholds = parameters(period).sme_size_2011.thresholds
        industry = enterprise("size_industry", period)
        return (
            (enterprise("employees", period) >= per_enterprise(thresholds, industry, "small", "employees"))
            * (
                enterprise("operating_revenue", period)
                >= per_enterprise(thresholds, industry, "small", "revenue")
            )
            * (enterprise("total_assets", period) >= per_enterprise(thresholds, industry, "small", "assets"))
        )


class size_class(Variable):
    value_type = Enum
    possible_values = SizeClass
    default_value = SizeClass.micro
    entity = Enterprise
    definition_period = DateUnit.YEAR
    label = "Size class: the medium ceiling is the large floor; micro is below any small floor"

    def formula_2011_06_18(enterprise, period):
        within = enterprise("within_sme_ceiling", period)
        return select(
            [~within, enterprise("meets_medium_floors", period), enterprise("meets_small_floors", period)],
            [SizeClass.large.index, SizeClass.medium.index, SizeClass.small.index],
            default=SizeClass.micro.index,
        )
