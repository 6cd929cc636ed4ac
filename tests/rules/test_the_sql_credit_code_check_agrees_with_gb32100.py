"""The batch check of credit codes in SQL agrees with littlegiant.identifiers.check_credit_code (GB
32100-2015).
"""

import random

import duckdb

from littlegiant.identifiers import CREDIT_CODE_ALPHABET, CreditCodeError, check_credit_code, make_credit_code
from littlegiant.rules.records import credit_code_valid_sql


def test_valid_and_corrupted_codes_are_judged_alike() -> None:
    chance = random.Random(7)
    codes = []
    for _ in range(300):
        body = "".join(chance.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
        code = make_credit_code(
            chance.choice(["91", "92", "11", "51"]), f"{chance.randrange(110000, 660000)}", body
        )  # noqa: E501
        codes.append(code)
        position = chance.randrange(18)
        codes.append(code[:position] + chance.choice(CREDIT_CODE_ALPHABET + "IOZ") + code[position + 1 :])
    connection = duckdb.connect()
    judged = connection.execute(
        f"SELECT code, {credit_code_valid_sql('code')} FROM unnest(?::VARCHAR[]) AS t(code)", [codes]
    ).fetchall()
    for code, valid_in_sql in judged:
        try:
            check_credit_code(code)
            valid = True
        except CreditCodeError:
            valid = False
        assert bool(valid_in_sql) == valid, code
    assert sum(1 for _, v in judged if v) > 300
