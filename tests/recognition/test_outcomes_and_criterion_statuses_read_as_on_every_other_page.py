"""Recognition names an outcome and a criterion's status with engine_labels' words, as every other page does."""

import pytest
from django.utils import translation

from littlegiant import engine_labels
from littlegiant.recognition.templatetags.recognition import register

FILTERS = register.filters  # what `{% load recognition %}` gives a template


@pytest.mark.parametrize("code", ["qualified", "not_qualified", "insufficient_data", "small", "eligible"])
def test_an_outcome_reads_as_engine_labels_names_it(code):
    with translation.override("zh-hans"):
        assert FILTERS["outcome_label"](code) == engine_labels.outcome_label(code)
        assert FILTERS["criterion_value"](code) == engine_labels.outcome_label(code)


def test_the_chinese_words_are_those_of_the_official_texts():
    with translation.override("zh-hans"):
        assert FILTERS["outcome_label"]("qualified") == "符合"
        assert FILTERS["outcome_label"]("not_qualified") == "不符合"
        assert FILTERS["criterion_status_label"]("met") == "满足"
        assert FILTERS["criterion_status_label"]("unmet") == "未满足"


def test_the_english_words_are_the_same_as_elsewhere():
    with translation.override("en"):
        assert FILTERS["outcome_label"]("qualified") == "Qualified"
        assert FILTERS["criterion_status_label"]("unmet") == "not met"


def test_no_outcome_yet_reads_as_nothing_so_a_default_dash_shows():
    assert FILTERS["outcome_label"](None) == "" and FILTERS["outcome_label"]("") == ""
