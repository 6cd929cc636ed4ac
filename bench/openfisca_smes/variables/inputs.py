"""Inputs: the canonical fields the two packs read (enterprise-data.md).

OpenFisca has no unknown value: an empty cell arrives as the variable's default (0 or False)."""

from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DateUnit
from openfisca_core.variables import Variable

from openfisca_smes.entities import Enterprise

YEAR = DateUnit.YEAR


class employees(Variable):
    value_type = int
    entity = Enterprise
    definition_period = YEAR
    label = "从业人员, persons employed"


class operating_revenue(Variable):
    value_type = float
    entity = Enterprise
    definition_period = YEAR
    label = "营业收入, yuan"


class main_business_revenue(Variable):
    value_type = float
    entity = Enterprise
    definition_period = YEAR
    label = "主营业务收入, yuan"


class main_business_revenue_prev(Variable):
    value_type = float
    entity = Enterprise
    definition_period = YEAR
    label = "主营业务收入 of the year before, yuan"


class total_assets(Variable):
    value_type = float
    entity = Enterprise
    definition_period = YEAR
    label = "资产总额 at year end, yuan"


class total_liabilities(Variable):
    value_type = float
    entity = Enterprise
    definition_period = YEAR
    label = "负债总额 at year end, yuan"


class rd_expense(Variable):
    value_type = float
    entity = Enterprise
    definition_period = YEAR
    label = "研发费用总额, yuan"


class equity_financing_3y(Variable):
    value_type = float
    entity = Enterprise
    definition_period = YEAR
    label = "近3年新增股权融资总额 (qualified institutional investors, paid in), yuan"


class industry_division(Variable):
    value_type = int
    entity = Enterprise
    definition_period = YEAR
    label = "GB/T 4754-2017 division (first two digits of the class)"


class industry_class(Variable):
    value_type = int
    entity = Enterprise
    definition_period = YEAR
    label = "GB/T 4754-2017 class (four digits)"


class ip_class1(Variable):
    value_type = int
    entity = Enterprise
    definition_period = YEAR
    label = "Ⅰ类知识产权"


class ip_class1_self_developed(Variable):
    value_type = int
    entity = Enterprise
    definition_period = YEAR
    label = "自主研发的Ⅰ类知识产权"


class ip_class1_high_value(Variable):
    value_type = int
    entity = Enterprise
    definition_period = YEAR
    label = "Ⅰ类高价值知识产权"


class ip_class2(Variable):
    value_type = int
    entity = Enterprise
    definition_period = YEAR
    label = "Ⅱ类知识产权"


class main_product_strategic_emerging(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = YEAR
    label = "Main product within the Strategic Emerging Industries Classification"


class RdInstitutionLevel(Enum):
    none = "No R&D institution"
    below_municipal = "Below municipal level"
    municipal = "Municipal"
    provincial = "Provincial or ministerial"
    national = "National"


class rd_institution_level(Variable):
    value_type = Enum
    possible_values = RdInstitutionLevel
    default_value = RdInstitutionLevel.none
    entity = Enterprise
    definition_period = YEAR
    label = "研发机构级别"


class provincial_award_best_rank_3y(Variable):
    value_type = int
    entity = Enterprise
    definition_period = YEAR
    label = "Best rank in a provincial S&T award in the last 3 years (0: none)"


class national_award_best_rank_3y(Variable):
    value_type = int
    entity = Enterprise
    definition_period = YEAR
    label = "Best rank in a national S&T award in the last 3 years (0: none)"


class innovation_honour_valid(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = YEAR
    label = "Holds a valid 高新技术企业 or similar honour"


class independent_legal_person(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = YEAR
    label = "Registered in the PRC with independent legal-person status"


class listed_abnormal_or_dishonest(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = YEAR
    label = "On the abnormal-operations or serious-dishonesty list"


class restricted_industry(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = YEAR
    label = "Products or services in a prohibited, restricted or eliminated category"


class incident_or_violation_3y(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = YEAR
    label = "Major incident or violation in the last 3 years"
