"""The tier summary include shows someone else nothing."""

from tests.assessment.test_the_tier_summary_include_serves_the_home_page import _render


def test_someone_else_sees_nothing(bob, alpha):
    assert 'id="tier-summary"' not in _render(bob, alpha.pk)
