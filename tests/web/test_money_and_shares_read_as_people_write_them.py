"""Issue 11, item 7: a stored fraction reads as a percentage, money with separators and (in Chinese) in 万元, a
boolean as yes/no, and an unknown value as a dash, never "None" (web/templatetags/display.py)."""

from decimal import Decimal

from django.utils import translation

from littlegiant.web.templatetags.display import money, percent, yes_no, yuan


def test_a_fraction_is_a_percentage():
    assert percent(Decimal("0.1004464286")) == "10.04%"
    assert percent(0.028) == "2.80%"
    assert percent(None) == "–"


def test_chinese_pages_write_large_amounts_in_wan_yuan():
    with translation.override("zh-hans"):
        assert money(Decimal("98600000")) == "9,860.00 万元"
        assert money(Decimal("500000.00")) == "50.00 万元"
        assert money(Decimal("9800")) == "9,800.00 元"


def test_english_pages_write_yuan_in_full():
    with translation.override("en"):
        assert money(Decimal("98600000")) == "98,600,000 yuan"
        assert money(Decimal("1234.5")) == "1,234.50 yuan"


def test_a_column_in_yuan_gets_separators_and_unknown_is_a_dash():
    assert yuan(Decimal("2419200")) == "2,419,200.00"
    assert yuan(None) == "–"
    assert money("") == "–"


def test_a_boolean_is_yes_or_no_and_unknown_is_not_none():
    with translation.override("zh-hans"):
        assert (yes_no(True), yes_no(False), yes_no(None)) == ("是", "否", "–")
