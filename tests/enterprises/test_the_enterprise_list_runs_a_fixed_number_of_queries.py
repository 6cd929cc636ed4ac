"""The enterprise list costs the same few queries for 3 enterprises or 60, and never counts the table."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.cast import COUNTY_A, make_enterprise

pytestmark = pytest.mark.django_db


def _many(n):
    for i in range(n):
        make_enterprise(f"杭州测试企业{i:03d}有限公司", COUNTY_A, f"MC{i:06d}")


def test_a_reviewer_page_is_a_few_queries(client, hangzhou_reviewer, django_assert_max_num_queries):
    _many(60)
    client.force_login(hangzhou_reviewer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("enterprises:list"), {"region": "330100", "sort": "region"})
    assert response.status_code == 200
    assert response.context["page"].next_link


def test_the_number_does_not_grow_with_the_rows(client, admin):
    client.force_login(admin)
    _many(3)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("enterprises:list"))
    for i in range(3, 60):
        make_enterprise(f"杭州测试企业{i:03d}有限公司", COUNTY_A, f"MC{i:06d}")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("enterprises:list"))
    assert len(many) == len(few)
    assert not any("COUNT(" in query["sql"].upper() for query in many.captured_queries)


def test_the_second_page_follows_the_first(client, admin):
    _many(55)
    client.force_login(admin)
    first = client.get(reverse("enterprises:list")).context["enterprises"]
    second = client.get(reverse("enterprises:list"), {"page": 2}).context["enterprises"]
    assert len(first) == 50 and len(second) == 5
    assert not {e.pk for e in first} & {e.pk for e in second}


def test_filters_find_by_name_code_industry_and_duplicate_flag(client, admin, alpha, beta):
    client.force_login(admin)

    def names(**query):
        return {e.name for e in client.get(reverse("enterprises:list"), query).context["enterprises"]}

    assert names(q="阿尔法") == {alpha.name}
    assert names(q=beta.credit_code[:10].lower()) == {beta.name}
    assert names(industry="34") == {beta.name}
    assert names(possible_duplicate="on") == set()
    make_enterprise(alpha.name, COUNTY_A, "MD000001", possible_duplicate=True)
    assert names(possible_duplicate="on") == {alpha.name}
