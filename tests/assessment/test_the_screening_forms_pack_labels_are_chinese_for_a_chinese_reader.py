"""The screening form's pack labels are Chinese for a Chinese reader."""

from django.utils import translation

from littlegiant.assessment.forms import pack_choices


def test_the_labels_are_chinese_for_a_chinese_reader():
    with translation.override("zh-hans"):
        labels = dict(pack_choices())
    assert labels["cn.miit.srdi-sme.2026"].startswith("专精特新中小企业认定标准（2026）")
    assert labels["cn.miit.srdi-sme.2026"].endswith("暂定：依据二手资料")
