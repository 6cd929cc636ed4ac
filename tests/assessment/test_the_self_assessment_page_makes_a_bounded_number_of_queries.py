from django.urls import reverse

from littlegiant.enterprises.models import AnnualFiling
from tests.cast import good_filing_values


def test_it_stays_bounded_however_many_years_are_filed(client, alice, alpha, django_assert_max_num_queries):
    for year in range(2015, 2025):
        AnnualFiling.objects.create(enterprise=alpha, year=year, **good_filing_values())
    client.force_login(alice)
    url = reverse("assessment:self", args=[alpha.pk])
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["years"]) == 11
