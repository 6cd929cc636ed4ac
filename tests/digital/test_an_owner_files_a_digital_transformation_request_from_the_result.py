"""Issue 17 item 5: a "digital transformation" service request filed from the result page, pre-filled with the
weakest dimension, through the service network's own service function (its page's form, which calls
`services.file_request`; the digital app does not import the services app)."""

from django.urls import reverse

from littlegiant.services.models import ServiceCategory, ServiceRequest
from tests.cast import PASSWORD
from tests.digital.answers import TWENTY


def test_the_form_is_prefilled_with_the_weakest_dimension_and_files_a_digital_request(
    client, alpha, alice, submit
) -> None:
    evaluation = submit(alpha, alice, 2025, TWENTY)  # foundation 20/50, management 0/30, results 0/20
    client.login(username="alice", password=PASSWORD)
    page = client.get(reverse("digital:result", args=[evaluation.pk]))
    initial = page.context["request_form"].initial
    assert "数字化管理" in initial["title"]  # management: 0 of 30, tied with results at 0 %, comes first
    assert page.context["service_category"] == ServiceCategory.DIGITAL
    posted = {**initial, "enterprise": alpha.pk, "category": "digital", "urgency": "normal"}
    response = client.post(reverse("services:request_new"), posted)
    request = ServiceRequest.objects.get(enterprise=alpha)
    assert response.url == reverse("services:request", args=[request.pk])
    assert request.category == ServiceCategory.DIGITAL
    assert "数字化管理" in request.description


def test_a_reviewer_sees_the_result_but_is_offered_no_request_form(
    client, alpha, alice, hangzhou_reviewer, submit
):
    evaluation = submit(alpha, alice, 2025, TWENTY)
    client.login(username="hangzhou_reviewer", password=PASSWORD)
    page = client.get(reverse("digital:result", args=[evaluation.pk]))
    assert page.status_code == 200
    assert page.context["request_form"] is None
