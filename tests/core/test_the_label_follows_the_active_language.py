"""`bilingual.choose` picks the Chinese label under zh-hans and the English one under en, never empty."""

from types import SimpleNamespace

from django.utils import translation

from littlegiant.bilingual import choose, label_of


def test_it_picks_by_language():
    with translation.override("zh-hans"):
        assert choose("营业收入", "Operating revenue") == "营业收入"
    with translation.override("en"):
        assert choose("营业收入", "Operating revenue") == "Operating revenue"


def test_it_falls_back_to_the_other_spelling():
    with translation.override("en"):
        assert choose("营业收入", "") == "营业收入"


def test_it_reads_zh_and_en_attributes():
    field = SimpleNamespace(label_zh="研发费用", label_en="R&D expense")
    with translation.override("en"):
        assert label_of(field) == "R&D expense"
