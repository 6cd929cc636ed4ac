"""Running the screening demo again adds nothing."""

from littlegiant.assessment import demo
from littlegiant.assessment.models import ScreeningRun


def test_running_it_again_adds_nothing(provincial_reviewer, alpha):
    demo.build(seed=7, log=lambda line: None)
    demo.build(seed=7, log=lambda line: None)
    assert ScreeningRun.objects.count() == 1
