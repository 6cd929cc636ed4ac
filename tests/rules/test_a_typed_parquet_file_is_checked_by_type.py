"""A Parquet file's typed columns (DECIMAL, integer, BOOLEAN) are checked by range and sign only, and
still fail naming row and column; the vectorised credit-code check agrees with GB 32100."""

import random
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from littlegiant.identifiers import CREDIT_CODE_ALPHABET, CreditCodeError, check_credit_code, make_credit_code
from littlegiant.rules import assess_file
from littlegiant.rules.assessment import BatchError
from littlegiant.rules.records import credit_codes_valid

GOOD = make_credit_code("91", "330106", "00000001")
OTHER = make_credit_code("91", "330106", "00000002")


def write(path: Path, revenue: list[Decimal | None], employees: list[int | None]) -> None:
    pq.write_table(
        pa.table(
            {
                "credit_code": pa.array([GOOD, OTHER]),
                "operating_revenue": pa.array(revenue, pa.decimal128(20, 2)),
                "employees": pa.array(employees, pa.int64()),
            }
        ),
        path,
    )


@pytest.mark.parametrize(
    "revenue, employees, message",
    [
        (
            [Decimal("1.00"), Decimal("-5.00")],
            [1, 2],
            "may not be negative",
        ),
        ([Decimal("1.00"), Decimal("1E+15")], [1, 2], "row 2, column operating_revenue"),
        ([Decimal("1.00"), None], [3, -1], "row 2, column employees"),
    ],
)
def test_a_bad_typed_value_is_named(
    tmp_path: Path, revenue: list[Decimal | None], employees: list[int | None], message: str
) -> None:
    write(tmp_path / "in.parquet", revenue, employees)
    with pytest.raises(BatchError, match="row 2") as error:
        assess_file(tmp_path / "in.parquet", tmp_path / "out.parquet", ["cn.miit.sme-size.2011"])
    assert message in str(error.value)
    assert not (tmp_path / "out.parquet").exists()


def test_good_typed_values_are_assessed(tmp_path: Path) -> None:
    write(tmp_path / "in.parquet", [Decimal("1.00"), None], [10, None])
    rows = assess_file(tmp_path / "in.parquet", tmp_path / "out.parquet", ["cn.miit.sme-size.2011"])
    assert rows == 2


def test_the_vectorised_credit_code_check_agrees_with_gb32100() -> None:
    chance = random.Random(11)
    codes: list[str | None] = [None, "", "9133010600000001", "X" * 18, "91一" + "0" * 15]
    for _ in range(300):
        body = "".join(chance.choice(CREDIT_CODE_ALPHABET) for _ in range(8))
        code = make_credit_code(
            chance.choice(["91", "92", "11"]), f"{chance.randrange(110000, 660000)}", body
        )
        position = chance.randrange(18)
        codes += [code, code[:position] + chance.choice(CREDIT_CODE_ALPHABET + "IOZ") + code[position + 1 :]]
    judged = credit_codes_valid(pa.array(codes)).to_pylist()
    for code, valid in zip(codes, judged, strict=True):
        try:
            check_credit_code(code or "")
            expected = True
        except CreditCodeError:
            expected = False
        assert valid == expected, code
    assert sum(judged) > 300
