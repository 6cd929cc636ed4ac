"""Enterprise records as the engine reads them: canonical fields checked and typed, one at a time or in SQL
for a file.

The same rules in both places (enterprise-data.md): empty is unknown (D5), money in yuan to the fen,
fractions to 8 places, booleans as true/false/1/0/yes/no/是/否, enums among their choices, credit codes per GB
32100-2015.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from littlegiant.identifiers import (
    CREDIT_CODE_ALPHABET,
    CREDIT_CODE_WEIGHTS,
    ORGANISATION_CODE_WEIGHTS,
    CreditCodeError,
    check_credit_code,
)
from littlegiant.rules.compiler import COLUMN_TYPES, MONEY_LIMIT, NUMBER_LIMIT, SCALES, quote
from littlegiant.rules.industries import size_industry
from littlegiant.rules.schema import FALSE_WORDS, FIELDS, TRUE_WORDS, Field, FieldKind

# MONEY_LIMIT and NUMBER_LIMIT (compiler.py): larger amounts are not an enterprise's; the bounds give the
# compiled SQL its narrow exact column types (compiler.COLUMN_TYPES).
# A binary double (the money type of pandas' and Spark's Parquet) is read as the whole number of fen (or of the
# field's smallest unit) it rounds to, when it lies within rounding of it: a thousandth of the unit, or, for
# large amounts, twice the worst error of reading a decimal amount into a double and scaling it to units (two
# roundings, each at most 2^-53 of the value). 152,079,641,687.27 yuan comes out 0.002 fen short of its
# 15,207,964,168,727 fen, a double's spacing there, while a tenth of a fen or a stray half-fen stays an
# error up to billions of yuan. Beyond 2^53 units a double cannot tell one unit from the next, so it cannot
# carry the amount exactly.
DOUBLE_TOLERANCE = 0.001
DOUBLE_RELATIVE_ROUNDING = 2.0**-51
DOUBLE_UNITS_LIMIT = 2**53
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


# The machine codes of InputError: what a caller may word in its own language.
INPUT_ERROR_CODES = frozenset(
    {
        "not_boolean",
        "not_a_choice",
        "credit_code",
        "industry_code",
        "region_code",
        "not_a_number",
        "too_large",
        "not_whole",
        "too_many_places",
        "negative",
        "below_minimum",
        "above_maximum",
    }
)


class InputError(ValueError):
    """A value that is not what its canonical field expects; names the field (and the row, for a file)."""

    def __init__(
        self,
        field: str,
        problem: str,
        row: int | None = None,
        *,
        code: str = "",
        params: dict[str, object] | None = None,
    ) -> None:
        self.field = field
        self.problem = problem
        self.row = row
        # What is wrong as a machine code and its parameters (INPUT_ERROR_CODES), for a caller that words the
        # problem in the reader's language; `problem` is the engine's English.
        self.code = code
        self.params = params or {}
        where = f"row {row}, column {field}" if row is not None else f"field {field}"
        super().__init__(f"{where}: {problem}")


def coerce_value(field: Field, raw: object) -> object:
    """The typed value of one field (Decimal, bool, str or None), or InputError saying what is wrong."""
    if raw is None:
        return None
    if isinstance(raw, str):
        raw = raw.strip()
        if raw == "":
            return None
    kind = field.kind
    if kind == FieldKind.BOOLEAN:
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise InputError(
            field.name, f"{raw!r} is not a boolean (true/false, 1/0, yes/no, 是/否)", code="not_boolean"
        )
    if kind == FieldKind.ENUM:
        if str(raw) not in field.choices:
            raise InputError(
                field.name,
                f"{raw!r} is not one of {', '.join(field.choices)}",
                code="not_a_choice",
                params={"choices": ", ".join(field.choices)},
            )
        return str(raw)
    if kind == FieldKind.TEXT:
        text = str(raw)
        if field.name == "credit_code":
            try:
                return check_credit_code(text)
            except CreditCodeError as error:
                raise InputError(
                    field.name, f"invalid credit code {text!r}: {error}", code="credit_code"
                ) from None
        if field.name == "industry_code":
            try:
                size_industry(text)
            except ValueError as error:
                raise InputError(field.name, str(error), code="industry_code") from None
        if field.name == "region_code" and not re.fullmatch(r"[0-9]{6}", text):
            raise InputError(field.name, f"{text!r} is not a six-digit region code", code="region_code")
        return text
    return _number(field, raw)


def _number(field: Field, raw: object) -> Decimal:
    if isinstance(raw, bool):
        raise InputError(field.name, f"{raw!r} is not a number", code="not_a_number")
    if isinstance(raw, float):
        raw = _double_value(field, raw)
    try:
        value = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        raise InputError(field.name, f"{raw!r} is not a number", code="not_a_number") from None
    if not value.is_finite():
        raise InputError(field.name, f"{raw!r} is not a finite number", code="not_a_number")
    limit = MONEY_LIMIT if field.kind == FieldKind.MONEY else NUMBER_LIMIT
    if abs(value) >= limit:
        raise InputError(field.name, f"{raw!r} is out of range", code="too_large", params={"limit": limit})
    scale = SCALES[field.kind]
    if value != value.quantize(Decimal(1).scaleb(-scale)):
        places = "a whole number" if scale == 0 else f"at most {scale} decimal places"
        raise InputError(
            field.name,
            f"{raw!r}: {field.label_en} must be {places}",
            code="not_whole" if scale == 0 else "too_many_places",
            params={"places": scale},
        )
    if value < 0 and not field.may_be_negative and field.kind != FieldKind.INTEGER:
        raise InputError(field.name, f"{raw!r} may not be negative", code="negative")
    if field.minimum is not None and value < Decimal(str(field.minimum)):
        raise InputError(
            field.name,
            f"{raw!r} is below the minimum {field.minimum:g}",
            code="below_minimum",
            params={"minimum": field.minimum},
        )
    if field.maximum is not None and value > Decimal(str(field.maximum)):
        raise InputError(
            field.name,
            f"{raw!r} is above the maximum {field.maximum:g}",
            code="above_maximum",
            params={"maximum": field.maximum},
        )
    return value


def _double_value(field: Field, raw: float) -> Decimal | str:
    """The exact value a double stands for (see DOUBLE_TOLERANCE), or its text when it stands for none, so
    that the checks that follow say what is wrong with it."""
    scale = SCALES[field.kind]
    units = raw * 10**scale
    if not math.isfinite(units) or abs(units) >= DOUBLE_UNITS_LIMIT:
        return repr(raw)
    nearest = round(units)
    if abs(units - nearest) > max(DOUBLE_TOLERANCE, abs(units) * DOUBLE_RELATIVE_ROUNDING):
        return repr(raw)
    return Decimal(nearest).scaleb(-scale)


def coerce_record(record: dict[str, object] | object) -> dict[str, object]:
    """Every canonical field of a record, typed; missing keys and keys that are not canonical fields are
    ignored."""
    assert hasattr(record, "get")
    typed: dict[str, object] = {}
    for field in FIELDS:
        typed[field.name] = coerce_value(field, record.get(field.name))  # type: ignore[attr-defined]
    return typed


# ----------------------------------------------------------------------------------------------------
# The same checks in SQL, over text columns read from a file


def credit_code_valid_sql(column: str) -> str:
    """DuckDB boolean: the (trimmed, upper-cased) code in `column` passes GB 32100 and its GB 11714 part."""
    alphabet = f"'{CREDIT_CODE_ALPHABET}'"

    def char(position: int) -> str:
        return f"substr({column}, {position}, 1)"

    total = " + ".join(
        f"(strpos({alphabet}, {char(i + 1)}) - 1) * {w}" for i, w in enumerate(CREDIT_CODE_WEIGHTS)
    )
    org_terms = []
    for i, weight in enumerate(ORGANISATION_CODE_WEIGHTS):
        c = char(i + 9)
        org_terms.append(
            f"(CASE WHEN {c} BETWEEN '0' AND '9' THEN ascii({c}) - 48 ELSE ascii({c}) - 55 END) * {weight}"
        )
    remainder = f"(11 - ({' + '.join(org_terms)}) % 11)"
    org_check = f"(CASE {remainder} WHEN 10 THEN 'X' WHEN 11 THEN '0' ELSE CAST({remainder} AS VARCHAR) END)"
    return (
        f"(regexp_full_match({column}, '[0-9A-HJ-NP-RTUWXY]{{2}}[0-9]{{6}}[0-9A-HJ-NP-RTUWXY]{{10}}') "
        f"AND {char(17)} = {org_check} "
        f"AND {char(18)} = substr({alphabet}, CAST((31 - ({total}) % 31) % 31 + 1 AS INTEGER), 1))"
    )


@lru_cache(maxsize=1)
def _credit_code_tables() -> tuple[Any, Any, Any, Any, Any]:
    """Byte -> value lookup tables for the vectorised credit-code check (GB 32100 and GB 11714).

    Values are bytes (a byte outside the alphabet is 255) and the weights 16-bit integers: a weighted sum
    stays below 30 * 30 * 17 = 15,300. The sums are integer einsums, not float matrix products: those go
    through BLAS, whose idle threads spin and, on a busy machine, cost more CPU than the sums themselves.
    """
    import numpy as np

    code_value = np.full(256, 255, dtype=np.uint8)
    organisation_value = np.zeros(256, dtype=np.uint8)
    for index, char in enumerate(CREDIT_CODE_ALPHABET):
        code_value[ord(char)] = index
        organisation_value[ord(char)] = int(char) if char.isdigit() else ord(char) - ord("A") + 10
    # Indexed by 11 - weighted % 11 (1..11): 10 is X, 11 is 0.
    organisation_check = np.frombuffer(b"0123456789X0", dtype=np.uint8)
    weights = np.array(CREDIT_CODE_WEIGHTS, dtype=np.uint16)
    organisation_weights = np.array(ORGANISATION_CODE_WEIGHTS, dtype=np.uint16)
    return code_value, organisation_value, organisation_check, weights, organisation_weights


def _code_bytes(codes: Any) -> Any | None:
    """The (n, 18) byte matrix of a PyArrow string array, or None when a code is null or not 18 bytes long.

    Read from the array's own buffers: a cast would cost the import of pyarrow.compute, a tenth of a CPU
    second, in every assessment whose codes are all good.
    """
    import numpy as np
    import pyarrow as pa

    if codes.null_count:
        return None
    if len(codes) == 0:
        return np.zeros((0, 18), dtype=np.uint8)
    if not (pa.types.is_string(codes.type) or pa.types.is_large_string(codes.type)):
        codes = codes.cast(pa.large_string())
    width = np.int64 if pa.types.is_large_string(codes.type) else np.int32
    offsets = np.frombuffer(codes.buffers()[1], dtype=width)[codes.offset : codes.offset + len(codes) + 1]
    if not (np.diff(offsets) == 18).all():
        return None
    data = np.frombuffer(codes.buffers()[2], dtype=np.uint8)
    return data[offsets[0] : offsets[0] + 18 * len(codes)].reshape(-1, 18)


def _code_rows_valid(raw: Any) -> Any:
    """GB 32100 / GB 11714 verdict of each row of an (n, 18) byte matrix of codes (numpy booleans)."""
    import numpy as np

    code_value, organisation_value, organisation_check, weights, organisation_weights = _credit_code_tables()
    values = code_value[raw]
    # Every character from the alphabet; characters 3 to 8 (the administrative division) digits. Tested
    # over the whole matrix first, row by row only when some row fails: for a million good codes 0.001 CPU s
    # instead of 0.04.
    if values.max(initial=0) < 31 and values[:, 2:8].max(initial=0) < 10:
        ok = np.ones(len(values), dtype=bool)
    else:
        ok = ~(values >= 31).any(axis=1) & ~(values[:, 2:8] >= 10).any(axis=1)
    weighted = np.einsum("ij,j->i", values[:, :17], weights, dtype=np.int32)
    ok &= values[:, 17] == (31 - weighted % 31) % 31
    organisation = np.einsum(
        "ij,j->i", organisation_value[raw[:, 8:16]], organisation_weights, dtype=np.int32
    )
    ok &= raw[:, 16] == organisation_check[11 - organisation % 11]
    return ok


def credit_codes_valid(codes: Any) -> Any:
    """Vectorised GB 32100 / GB 11714 check of a PyArrow string array of trimmed, upper-cased codes.

    Returns a boolean array (null codes are False). The same rules as identifiers.check_credit_code, with
    the check characters computed once per code over an (n, 18) byte matrix instead of per character in SQL.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(codes, pa.ChunkedArray):
        codes = codes.combine_chunks()
    valid = np.zeros(len(codes), dtype=bool)
    right_length = pc.fill_null(pc.equal(pc.binary_length(codes), 18), False)
    positions = np.flatnonzero(right_length.to_numpy(zero_copy_only=False))
    if len(positions) == 0:
        return pa.array(valid)
    chosen = codes if len(positions) == len(codes) else codes.take(pa.array(positions))
    valid[positions] = _code_rows_valid(_code_bytes(chosen))  # every chosen code is 18 bytes long
    return pa.array(valid)


# Odd multipliers (from the 64-bit golden ratio and xxHash's primes) that spread each 8-byte word of a code
# over the whole fingerprint: a product by an odd number is a bijection modulo 2^64.
_FINGERPRINT_MULTIPLIERS = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9)


def valid_credit_code_fingerprints(codes: Any) -> Any | None:
    """A 64-bit fingerprint (numpy uint64) of each code of a PyArrow string array when every code is a
    valid credit code exactly as it stands (18 characters of the alphabet: nothing to trim or upper-case,
    right check characters); None when one is not (or is null).

    Equal codes have equal fingerprints, so when no two fingerprints are equal no two codes are. Two
    different codes share a fingerprint with a chance of about n^2 / 2^65 (3 in 100 million for a million
    codes): a caller that finds two equal fingerprints must look at the codes themselves.
    """
    import numpy as np
    import pyarrow as pa

    if isinstance(codes, pa.ChunkedArray):
        codes = codes.combine_chunks()
    raw = _code_bytes(codes)
    if raw is None or not _code_rows_valid(raw).all():
        return None
    padded = np.zeros((len(raw), 24), dtype=np.uint8)
    padded[:, :18] = raw
    words = padded.view(np.uint64)
    fingerprints = words[:, 0] * np.uint64(_FINGERPRINT_MULTIPLIERS[0])
    fingerprints ^= words[:, 1] * np.uint64(_FINGERPRINT_MULTIPLIERS[1])
    fingerprints ^= words[:, 2] * np.uint64(_FINGERPRINT_MULTIPLIERS[2])
    return fingerprints


def typed_bad_sql(field: Field, column: str) -> str:
    """SQL that is TRUE where a value of an already typed column (a Parquet DECIMAL, integer or BOOLEAN of
    no more decimal places than the field allows) breaks the field's rules: only ranges and signs.

    The good values must stay one interval: assessment._proven_by_statistics judges a whole column by its
    least and greatest value.
    """
    if not field.is_numeric:
        return "FALSE"
    return f"({' OR '.join(_range_checks(field, column))})"


def double_bad_sql(field: Field, column: str) -> str:
    """SQL (DuckDB and Spark alike) that is TRUE where a DOUBLE value of a numeric column is not within
    rounding (DOUBLE_TOLERANCE, DOUBLE_RELATIVE_ROUNDING) of a whole number of the field's unit, is too large for a double to carry exactly, or
    breaks the field's range or sign. NaN is greater than every number in both engines, so the limit catches
    it, and infinity."""
    units = f"({column} * {10 ** SCALES[field.kind]}.0)"
    checks = [
        f"abs({units}) >= {DOUBLE_UNITS_LIMIT}.0",
        f"abs({units} - round({units})) > greatest({DOUBLE_TOLERANCE}, abs({units}) * {DOUBLE_RELATIVE_ROUNDING!r})",
        *_range_checks(field, column),
    ]
    return f"({column} IS NOT NULL AND ({' OR '.join(checks)}))"


def double_typed_sql(field: Field, column: str) -> str:
    """SQL for the exact value of a checked DOUBLE column: the whole number of units it rounds to (exact in
    a double below 2^53), then scaled by an exact decimal product rather than by the rounding of a cast."""
    scale = SCALES[field.kind]
    units = f"CAST(round({column} * {10**scale}.0) AS DECIMAL(18,0))"
    if scale == 0:
        return f"CAST({units} AS {COLUMN_TYPES[field.kind]})"
    unit = f"CAST('{Decimal(1).scaleb(-scale)}' AS DECIMAL({scale + 1},{scale}))"
    return f"CAST({units} * {unit} AS {COLUMN_TYPES[field.kind]})"


def _range_checks(field: Field, number: str) -> list[str]:
    """SQL conditions, each TRUE where the number `number` is outside the field's range or sign."""
    limit = MONEY_LIMIT if field.kind == FieldKind.MONEY else NUMBER_LIMIT
    checks = [f"{number} >= {limit}", f"{number} <= -{limit}"]
    if not field.may_be_negative and field.kind != FieldKind.INTEGER:
        checks.append(f"{number} < 0")
    if field.minimum is not None:
        checks.append(f"{number} < {Decimal(str(field.minimum))}")
    if field.maximum is not None:
        checks.append(f"{number} > {Decimal(str(field.maximum))}")
    return checks


def text_sql(name: str) -> str:
    """The raw text of a column, trimmed, empty as NULL."""
    return f"NULLIF(trim(CAST({quote(name)} AS VARCHAR)), '')"


def typed_sql(field: Field) -> str:
    """SQL turning the raw text of a column into the field's type; bad values become NULL."""
    raw = text_sql(field.name)
    if field.kind == FieldKind.BOOLEAN:
        trues = ", ".join(f"'{w}'" for w in sorted(TRUE_WORDS))
        falses = ", ".join(f"'{w}'" for w in sorted(FALSE_WORDS))
        return (
            f"(CASE WHEN lower({raw}) IN ({trues}) THEN TRUE WHEN lower({raw}) IN ({falses}) THEN FALSE END)"
        )
    if field.kind in (FieldKind.TEXT, FieldKind.ENUM):
        return f"upper({raw})" if field.name == "credit_code" else raw
    return f"TRY_CAST({raw} AS {COLUMN_TYPES[field.kind]})"


# The fixed forms of two text fields: a regular expression (both engines), and the same form as DuckDB GLOB
# patterns, which DuckDB's value guard matches for half the CPU of the regular expression (a million rows: 0.16
# against 0.32 CPU s for the guard of a Parquet file). [0-9] is an ASCII digit in both.
_TEXT_FORMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "industry_code": ("[0-9]{4}|[0-9]{2}", ("[0-9]" * 4, "[0-9]" * 2)),
    "region_code": ("[0-9]{6}", ("[0-9]" * 6,)),
}


def bad_sql(field: Field, raw: str | None = None, *, glob: bool = False) -> str:
    """SQL that is TRUE where a non-empty value of the column breaks the field's rules.

    `raw` is the SQL of the column's trimmed text (empty as NULL); by default it is computed from the column.
    `glob` checks the fixed-form text fields with DuckDB's GLOB instead of a regular expression (DuckDB only).
    """
    raw = raw or text_sql(field.name)
    if field.kind == FieldKind.BOOLEAN:
        words = ", ".join(f"'{w}'" for w in sorted(TRUE_WORDS | FALSE_WORDS))
        return f"({raw} IS NOT NULL AND lower({raw}) NOT IN ({words}))"
    if field.kind == FieldKind.ENUM:
        choices = ", ".join(f"'{c}'" for c in field.choices)
        return f"({raw} IS NOT NULL AND {raw} NOT IN ({choices}))"
    if field.kind == FieldKind.TEXT:
        if field.name == "credit_code":
            code = (
                f"upper({raw})" if raw.startswith("NULLIF") else raw
            )  # a cleaned column is upper-cased already
            return f"({raw} IS NULL OR NOT {credit_code_valid_sql(code)})"
        if field.name in _TEXT_FORMS:
            pattern, globs = _TEXT_FORMS[field.name]
            if glob:
                matches = " OR ".join(f"{raw} GLOB '{g}'" for g in globs)
                return f"({raw} IS NOT NULL AND NOT ({matches}))"
            return f"({raw} IS NOT NULL AND NOT regexp_full_match({raw}, '{pattern}'))"
        return "FALSE"
    scale = SCALES[field.kind]
    pattern = r"-?[0-9]+" if scale == 0 else rf"-?[0-9]+(\.[0-9]{{1,{scale}}})?"
    number = f"TRY_CAST({raw} AS DECIMAL(38,{scale}))"
    checks = [f"NOT regexp_full_match({raw}, '{pattern}')", *_range_checks(field, number)]
    return f"({raw} IS NOT NULL AND ({' OR '.join(checks)}))"
