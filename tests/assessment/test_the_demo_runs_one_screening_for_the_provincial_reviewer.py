from littlegiant.assessment import demo
from littlegiant.assessment.models import ScreeningRun


def test_it_leaves_a_finished_screening_and_creates_no_accounts(provincial_reviewer, alpha, beta):
    lines: list[str] = []
    assert demo.build(seed=7, log=lines.append) == []
    run = ScreeningRun.objects.get()
    assert (run.requested_by, run.region_id, run.status, run.total) == (
        provincial_reviewer,
        "330000",
        "done",
        2,
    )
    assert "2" in lines[-1]
