"""Decision D17 in a batch screening: "a level entered from the MIIT platform's own result wins; otherwise the
provisional level of the enterprise's submitted questionnaire". The SRDI SME pack's indicator 5, 数字化水平
(criteria.md §3.3, 附件2 评价指标5: "A. 三级以上 5 points; B. 二级 3 points"), reads that level for every filing of
the run, and each result row says where its level came from, as the self-assessment's note does."""

import csv
from decimal import Decimal

from littlegiant.assessment.services import screening_result_file
from littlegiant.enterprises.models import AnnualFiling
from tests.assessment.conftest import screen
from tests.digital.answers import SIXTY
from tests.digital.conftest import submit_answers

PACK = "cn.miit.srdi-sme.2022"


def test_the_questionnaire_level_counts_provisionally_and_an_entered_level_wins(
    provincial_reviewer, alpha, beta, alice, bob, django_capture_on_commit_callbacks
) -> None:
    AnnualFiling.objects.filter(enterprise=alpha, year=2025).update(digital_level=None)
    submit_answers(alpha, alice, 2025, SIXTY)  # level 3 (provisional); no MIIT result entered
    submit_answers(beta, bob, 2025, SIXTY)  # level 3 too, but the cast's filing holds MIIT level 2
    run = screen(provincial_reviewer, django_capture_on_commit_callbacks, packs=[PACK])
    assert run.status == "done", run.error
    with screening_result_file(run, "csv").open(newline="", encoding="utf-8-sig") as handle:
        rows = {row["credit_code"]: row for row in csv.DictReader(handle)}
    assert Decimal(rows[alpha.credit_code]["digital_level"]) == 5  # 三级以上: 5 points
    assert "provisional" in rows[alpha.credit_code]["digital_level_source"]
    assert "问卷暂定" in rows[alpha.credit_code]["digital_level_source"]
    assert Decimal(rows[beta.credit_code]["digital_level"]) == 3  # 二级 (MIIT): 3 points
    assert rows[beta.credit_code]["digital_level_source"].startswith("MIIT")
