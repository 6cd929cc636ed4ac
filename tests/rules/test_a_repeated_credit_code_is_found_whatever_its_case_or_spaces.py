"""A batch file's credit codes are compared as the assessment reads them, trimmed and upper-cased: a code
repeated in lower case or with spaces is a duplicate, and two different codes are never taken for one, even
when they share the 64-bit fingerprint the duplicate check sorts."""

import csv
from pathlib import Path

import duckdb
import numpy as np
import pytest

from littlegiant.identifiers import make_credit_code
from littlegiant.rules import BatchError, assess_file, assessment

GOOD = make_credit_code("91", "330106", "0000000A")
OTHER = make_credit_code("91", "330106", "00000002")
SIZE = "cn.miit.sme-size.2011"


def write(path: Path, codes: list[str]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["credit_code", "employees"])
        writer.writerows([code, "10"] for code in codes)
    return path


def test_the_same_code_in_lower_case_with_spaces_is_named_as_a_duplicate(tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", [GOOD, OTHER, f"  {GOOD.lower()} "])
    with pytest.raises(BatchError, match=f"credit code {GOOD} appears on more than one row"):
        assess_file(source, tmp_path / "out.parquet", [SIZE])
    assert not (tmp_path / "out.parquet").exists()


def test_codes_to_trim_or_upper_case_are_written_trimmed_and_upper_cased(tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", [f" {GOOD.lower()}", OTHER])
    assert assess_file(source, tmp_path / "out.parquet", [SIZE]) == 2
    written = duckdb.sql(f"SELECT credit_code FROM '{tmp_path / 'out.parquet'}'").fetchall()
    assert written == [(GOOD,), (OTHER,)]


def test_two_codes_sharing_a_fingerprint_are_not_a_duplicate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def same_fingerprint(codes: object) -> np.ndarray:
        return np.zeros(len(codes), dtype=np.uint64)  # type: ignore[arg-type]

    monkeypatch.setattr(assessment, "valid_credit_code_fingerprints", same_fingerprint)
    source = write(tmp_path / "in.csv", [GOOD, OTHER])
    assert assess_file(source, tmp_path / "out.parquet", [SIZE]) == 2
