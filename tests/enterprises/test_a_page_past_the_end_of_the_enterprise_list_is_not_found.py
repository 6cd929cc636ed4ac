"""The enterprise list pages like every other list: a page past the end is 404, not an empty table."""

import pytest
from django.urls import reverse

from tests.cast import COUNTY_A, make_enterprise

pytestmark = pytest.mark.django_db


def test_a_page_past_the_end_is_not_found(client, admin):
    make_enterprise("杭州分页测试有限公司", COUNTY_A, "MC000001")
    client.force_login(admin)
    assert client.get(reverse("enterprises:list"), {"page": "1"}).status_code == 200
    assert client.get(reverse("enterprises:list"), {"page": "2"}).status_code == 404


def test_a_bad_page_number_is_a_bad_request(client, admin):
    client.force_login(admin)
    assert client.get(reverse("enterprises:list"), {"page": "abc"}).status_code == 400
