"""Patent-number validation: CN application numbers with their check digit, and publication numbers."""

from __future__ import annotations

import pytest

from littlegiant.techtransfer.patent_numbers import (
    PatentNumberError,
    parse_application_number,
    parse_publication_number,
)

# Real application numbers read in public documents; their check digits follow the weights 2–9,2–5 mod 11.
REAL_APPLICATION_NUMBERS = [
    "202210038761.0",
    "202210956187.7",
    "202211411308.6",
    "202211358632.6",
    "202210546060.8",
    "202210074403.5",
    "202011167667.2",
    "201911050262.8",
]


@pytest.mark.parametrize("number", REAL_APPLICATION_NUMBERS)
def test_real_application_numbers_pass(number):
    assert str(parse_application_number(number)) == number


@pytest.mark.parametrize(
    "raw", ["CN202210956187.7", "ZL 2022 1 0956187.7", "2022109561877", "cn202210956187.7"]
)
def test_prefixes_spaces_and_a_missing_dot_are_normalised(raw):
    assert str(parse_application_number(raw)) == "202210956187.7"


def test_a_check_digit_of_ten_is_written_x():
    from littlegiant.techtransfer.patent_numbers import application_check_digit

    digits = next(
        f"2023100{n:05d}" for n in range(100000) if application_check_digit(f"2023100{n:05d}") == "X"
    )
    assert parse_application_number(f"{digits}.X").check == "X"


def test_a_mistyped_digit_is_caught_by_the_check_digit():
    with pytest.raises(PatentNumberError, match="check digit is 8 but the digits give 7"):
        parse_application_number("202210956187.8")


def test_an_unknown_kind_digit_is_named():
    with pytest.raises(PatentNumberError, match="fifth digit"):
        parse_application_number("202250956187.7")


def test_a_short_number_says_what_is_expected():
    with pytest.raises(PatentNumberError, match="12 digits"):
        parse_application_number("2022109561.7")


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("CN110823978A", "CN110823978A"),
        ("CN 112415790 B", "CN112415790B"),
        ("CN1234567A", "CN1234567A"),
        ("cn212345678u", "CN212345678U"),
    ],
)
def test_publication_numbers_pass(raw, normal):
    assert parse_publication_number(raw) == normal


def test_an_unknown_kind_code_is_named():
    with pytest.raises(PatentNumberError, match="kind code E"):
        parse_publication_number("CN112345678E")


def test_a_publication_number_of_the_wrong_length_is_refused():
    with pytest.raises(PatentNumberError, match="7 or 9 digits"):
        parse_publication_number("CN12345678B")
