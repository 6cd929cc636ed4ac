"""An empty filing field stays unknown in the canonical record."""

from littlegiant.assessment.services import filing_record


def test_an_empty_field_stays_unknown(alpha):
    filing = alpha.filings.get()
    filing.rd_staff = None
    filing.save()
    assert filing_record(filing)["rd_staff"] is None
