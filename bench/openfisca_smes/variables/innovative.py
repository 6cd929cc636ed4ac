"""Innovative SME evaluation, 工信部企业〔2022〕63号 附件1 (criteria.md §2): six indicators, three categories,
the score route with its minimums, and the direct routes. A ratio whose denominator is zero scores 0 (D4)."""

from numpy import divide, maximum, select, zeros_like
from openfisca_core.periods import DateUnit
from openfisca_core.variables import Variable

from openfisca_smes.entities import Enterprise
from openfisca_smes.variables.inputs import RdInstitutionLevel
from openfisca_smes.variables.size import SizeClass

YEAR = DateUnit.YEAR


def ratio(numerator, denominator):
    """numerator / denominator, 0 where the denominator is 0 (the indicator is then not computable)."""
    return divide(numerator, denominator, out=zeros_like(numerator), where=denominator != 0)


class rd_intensity(Variable):
    value_type = float
    entity = Enterprise
    definition_period = YEAR
    label = "上年度研发费用总额占营业收入总额比重"

    def formula_2022_06_01(enterprise, period):
        return ratio(enterprise("rd_expense", period), enterprise("operating_revenue", period))


class main_business_revenue_growth(Variable):
    value_type = float
    entity = Enterprise
    definition_period = YEAR
    label = "上年度主营业务收入增长率"

    def formula_2022_06_01(enterprise, period):
        before = enterprise("main_business_revenue_prev", period)
        return ratio(enterprise("main_business_revenue", period) - before, before)


class debt_ratio(Variable):
    value_type = float
    entity = Enterprise
    definition_period = YEAR
    label = "上年度资产负债率"

    def formula_2022_06_01(enterprise, period):
        return ratio(enterprise("total_liabilities", period), enterprise("total_assets", period))


class main_business_share(Variable):
    value_type = float
    entity = Enterprise
    definition_period = YEAR
    label = "上年度主营业务收入总额占营业收入总额比重"

    def formula_2022_06_01(enterprise, period):
        return ratio(enterprise("main_business_revenue", period), enterprise("operating_revenue", period))


class innovative_ip_points(Variable):
    value_type = int
    entity = Enterprise
    definition_period = YEAR
    label = "Indicator 1: IP related to the main product (max 20)"

    def formula_2022_06_01(enterprise, period, parameters):
        points = parameters(period).innovative_sme_2022.ip_points
        return select(
            [
                enterprise("ip_class1_high_value", period) >= 1,
                enterprise("ip_class1_self_developed", period) >= 1,
                enterprise("ip_class1", period) >= 1,
                enterprise("ip_class2", period) >= 1,
            ],
            [points.class1_high_value, points.class1_self_developed, points.class1, points.class2],
            default=0,
        )


class innovative_rd_points(Variable):
    value_type = int
    entity = Enterprise
    definition_period = YEAR
    label = "Indicator 2: R&D intensity (max 20)"

    def formula_2022_06_01(enterprise, period, parameters):
        scale = parameters(period).innovative_sme_2022.rd_intensity_points
        return scale.calc(enterprise("rd_intensity", period))


class innovative_growth_points(Variable):
    value_type = int
    entity = Enterprise
    definition_period = YEAR
    label = "Indicator 3: main-business revenue growth (max 20)"

    def formula_2022_06_01(enterprise, period, parameters):
        before = enterprise("main_business_revenue_prev", period)
        points = parameters(period).innovative_sme_2022.growth_points.calc(
            enterprise("main_business_revenue_growth", period)
        )
        return points * (before != 0)


class innovative_debt_points(Variable):
    value_type = int
    entity = Enterprise
    definition_period = YEAR
    label = "Indicator 4: asset-liability ratio (max 10)"

    def formula_2022_06_01(enterprise, period, parameters):
        bands = parameters(period).innovative_sme_2022.debt_ratio
        ratio_ = enterprise("debt_ratio", period)
        computable = enterprise("total_assets", period) != 0
        points = select(
            [ratio_ <= bands.band_a_max, ratio_ <= bands.band_b_max],
            [bands.band_a_points, bands.band_b_points],
            0,
        )
        return points * computable


class innovative_field_points(Variable):
    value_type = int
    entity = Enterprise
    definition_period = YEAR
    label = "Indicator 5: field of the main product (max 10)"

    def formula_2022_06_01(enterprise, period, parameters):
        points = parameters(period).innovative_sme_2022.field_points
        return select(
            [enterprise("main_product_strategic_emerging", period)], [points.strategic_emerging], points.other
        )


class innovative_share_points(Variable):
    value_type = int
    entity = Enterprise
    definition_period = YEAR
    label = "Indicator 6: main-business share of revenue (max 20)"

    def formula_2022_06_01(enterprise, period, parameters):
        scale = parameters(period).innovative_sme_2022.main_business_share_points
        return scale.calc(enterprise("main_business_share", period))


class innovative_innovation_score(Variable):
    value_type = int
    entity = Enterprise
    definition_period = YEAR
    label = "创新能力 subtotal (max 40)"

    def formula_2022_06_01(enterprise, period):
        return enterprise("innovative_ip_points", period) + enterprise("innovative_rd_points", period)


class innovative_growth_score(Variable):
    value_type = int
    entity = Enterprise
    definition_period = YEAR
    label = "成长性 subtotal (max 30)"

    def formula_2022_06_01(enterprise, period):
        return enterprise("innovative_growth_points", period) + enterprise("innovative_debt_points", period)


class innovative_specialisation_score(Variable):
    value_type = int
    entity = Enterprise
    definition_period = YEAR
    label = "专业化 subtotal (max 30)"

    def formula_2022_06_01(enterprise, period):
        return enterprise("innovative_field_points", period) + enterprise("innovative_share_points", period)


class innovative_score(Variable):
    value_type = int
    entity = Enterprise
    definition_period = YEAR
    label = "Innovative-SME score (max 100)"

    def formula_2022_06_01(enterprise, period):
        return (
            enterprise("innovative_innovation_score", period)
            + enterprise("innovative_growth_score", period)
            + enterprise("innovative_specialisation_score", period)
        )


class innovative_score_route(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = YEAR
    label = "Announcement condition (A): 60 or more, innovation ≥ 20, growth ≥ 15, specialisation ≥ 15"

    def formula_2022_06_01(enterprise, period, parameters):
        minimums = parameters(period).innovative_sme_2022.minimums
        return (
            (enterprise("innovative_score", period) >= minimums.total)
            * (enterprise("innovative_innovation_score", period) >= minimums.innovation)
            * (enterprise("innovative_growth_score", period) >= minimums.growth)
            * (enterprise("innovative_specialisation_score", period) >= minimums.specialisation)
        )


class innovative_direct_route(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = YEAR
    label = "Announcement condition (B): award, honour, provincial R&D institution or equity financing"

    def formula_2022_06_01(enterprise, period, parameters):
        direct = parameters(period).innovative_sme_2022.direct_route
        award = maximum(
            enterprise("provincial_award_best_rank_3y", period),
            enterprise("national_award_best_rank_3y", period),
        )
        level = enterprise("rd_institution_level", period)
        return (
            (award >= 1)
            + enterprise("innovation_honour_valid", period)
            + (level == RdInstitutionLevel.provincial)
            + (level == RdInstitutionLevel.national)
            + (enterprise("equity_financing_3y", period) >= direct.equity_financing_3y)
        )


class general_eligibility(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = YEAR
    label = "General eligibility of all tiers (criteria.md §5.1), less the size condition"

    def formula_2022_06_01(enterprise, period):
        return (
            enterprise("independent_legal_person", period)
            * ~enterprise("listed_abnormal_or_dishonest", period)
            * ~enterprise("restricted_industry", period)
            * ~enterprise("incident_or_violation_3y", period)
        )


class innovative_sme(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = YEAR
    label = "Qualifies as an innovative SME: an SME, eligible, and by score or a direct route"

    def formula_2022_06_01(enterprise, period):
        return (
            (enterprise("size_class", period) != SizeClass.large)
            * enterprise("general_eligibility", period)
            * (enterprise("innovative_score_route", period) + enterprise("innovative_direct_route", period))
        )
