"""GB/T 4754-2017 as loaded by the reference migrations: divisions and groups have their own names, and the
class names that the first extraction cut short are whole (reference/data/README.md)."""

import pytest

from littlegiant.reference.models import IndustryClass, IndustryDivision, IndustryGroup

pytestmark = pytest.mark.django_db


def test_every_division_has_its_own_name():
    assert IndustryDivision.objects.count() == 97
    assert not IndustryDivision.objects.filter(name="").exists()
    assert IndustryDivision.objects.get(code="34").name == "通用设备制造业"
    assert IndustryDivision.objects.get(code="26").name == "化学原料和化学制品制造业"


def test_every_class_sits_in_a_named_group_of_its_division():
    assert IndustryGroup.objects.count() == 473
    assert not IndustryClass.objects.filter(group__isnull=True).exists()
    industry = IndustryClass.objects.select_related("group__division").get(code="3973")
    assert industry.group.code == "397"
    assert industry.group.division_id == industry.division_id == "39"


def test_the_names_cut_short_before_are_whole():
    # The UX review quotes "家用美容、保健护理电器具制" and "食品、酒、饮料及茶生产专用" as seen on screen.
    assert IndustryClass.objects.get(name__startswith="家用美容、保健护理电器具").name.endswith("制造")
    assert IndustryClass.objects.get(name__startswith="食品、酒、饮料及茶生产专用").name.endswith("设备制造")
    assert not IndustryClass.objects.filter(name_possibly_truncated=True).exists()
