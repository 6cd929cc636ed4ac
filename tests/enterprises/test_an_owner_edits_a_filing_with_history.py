"""Members edit a filing with the same checks as the import; history keeps each change."""

import pytest
from django.urls import reverse

from littlegiant.enterprises.models import AnnualFiling
from littlegiant.rules.schema import DATA_FIELDS
from tests.cast import good_filing_values

pytestmark = pytest.mark.django_db


def _form(**changes):
    data = {}
    for name in DATA_FIELDS:
        value = good_filing_values().get(name)
        if isinstance(value, bool):
            value = "true" if value else "false"
        data[name] = "" if value is None else str(value)
    data.update(changes)
    return data


def test_alice_changes_her_employees(client, alice, alpha):
    client.force_login(alice)
    url = reverse("enterprises:filing_edit", args=[alpha.pk, 2025])
    response = client.post(url, _form(employees="200", comment="annual report corrected"))
    assert response.status_code == 302
    filing = AnnualFiling.objects.get(enterprise=alpha, year=2025)
    assert filing.employees == 200 and filing.own_brand is True and filing.holds_srdi_title is None
    latest = filing.history.first()
    assert (latest.history_user, latest.history_change_reason) == (alice, "annual report corrected")


def test_a_bad_value_is_named_and_nothing_saved(client, alice, alpha):
    client.force_login(alice)
    response = client.post(
        reverse("enterprises:filing_edit", args=[alpha.pk, 2025]),
        _form(rd_staff="500", operating_revenue="-1"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["operating_revenue"] == ["cannot be negative"] or response.context[
        "form"
    ].errors["operating_revenue"] == ["不能为负数"]
    assert AnnualFiling.objects.get(enterprise=alpha, year=2025).rd_staff == 41


def test_a_new_year_is_added(client, alice, alpha):
    client.force_login(alice)
    client.post(reverse("enterprises:filing_edit", args=[alpha.pk, 2024]), _form(employees="150"))
    assert AnnualFiling.objects.get(enterprise=alpha, year=2024).employees == 150


def test_a_reviewer_may_read_but_not_edit(client, hangzhou_reviewer, alpha):
    client.force_login(hangzhou_reviewer)
    response = client.get(reverse("enterprises:filing_edit", args=[alpha.pk, 2025]))
    assert response.status_code == 403


def test_bob_cannot_even_find_alpha(client, bob, alpha):
    client.force_login(bob)
    assert client.get(reverse("enterprises:filing_edit", args=[alpha.pk, 2025])).status_code == 404
