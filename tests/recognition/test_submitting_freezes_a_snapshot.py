"""Submitting freezes the data, evidence list and explanation: later edits of the filing change nothing."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from littlegiant.recognition import services
from tests.recognition.conftest import PDF


def test_later_edits_to_the_filing_do_not_change_the_version(draft, alice, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    services.add_evidence(draft, SimpleUploadedFile("a.pdf", PDF), by=alice)
    application = services.submit(draft, by=alice, pledge=True)
    version = application.latest_version()
    filing = application.filing
    filing.operating_revenue = Decimal("1")
    filing.save()
    version.refresh_from_db()
    assert version.values["operating_revenue"] == "86000000.00"
    assert [item["file"] for item in version.evidence] == ["a.pdf"]
    assert version.explanation["schema"] == "littlegiant.explanation/1"
    assert version.pack_id == application.programme.pack_id


def test_submitting_without_the_pledge_is_refused(draft, alice):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="pledge"):
        services.submit(draft, by=alice, pledge=False)
