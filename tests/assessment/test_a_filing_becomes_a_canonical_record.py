from littlegiant.assessment.services import filing_record
from littlegiant.rules.schema import COLUMN_NAMES
from tests.cast import COUNTY_A


def test_it_has_every_canonical_field_and_the_identity(alpha):
    record = filing_record(alpha.filings.get())
    assert list(record) == list(COLUMN_NAMES)
    assert record["credit_code"] == alpha.credit_code
    assert record["region_code"] == COUNTY_A
    assert record["industry_code"] == "3973"
    assert record["year"] == 2025
    assert record["rd_expense"] == alpha.filings.get().rd_expense
