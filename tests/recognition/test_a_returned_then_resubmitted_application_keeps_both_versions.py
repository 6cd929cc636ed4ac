"""Return for correction, then resubmission: both versions stay, with the diff between them."""

from decimal import Decimal

from littlegiant.recognition import services
from littlegiant.recognition.models import ApplicationStatus
from tests.cast import PASSWORD


def test_both_versions_are_kept_with_a_field_diff(client, submitted, alice, hangzhou_reviewer):
    services.return_for_correction(
        submitted, by=hangzhou_reviewer, note="R&D expense excludes the 2025 audit."
    )
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.RETURNED
    filing = submitted.filing
    filing.rd_expense = Decimal("5600000")
    filing.save()
    services.submit(submitted, by=alice, pledge=True)
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.IN_REVIEW
    assert submitted.current_stage.level == "municipal"
    first, second = submitted.versions.order_by("number")
    assert first.values["rd_expense"] == "5200000.00"
    assert second.values["rd_expense"] == "5600000.00"
    diff = second.diff(first)
    assert diff["fields"] == [{"field": "rd_expense", "before": "5200000.00", "after": "5600000.00"}]
    client.login(username="hangzhou_reviewer", password=PASSWORD)
    page = client.get(f"/recognition/applications/{submitted.pk}/").content.decode()
    assert "5600000.00" in page and "5200000.00" in page
