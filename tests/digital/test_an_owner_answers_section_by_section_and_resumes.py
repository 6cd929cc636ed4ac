"""Issue 17 item 3: the evaluation goes one section per page, is saved as it goes and resumes where it
stopped, without JavaScript; submitting needs the truthfulness pledge."""

from django.urls import reverse

from littlegiant.digital.models import Evaluation, EvaluationStatus
from tests.cast import PASSWORD


def test_it_saves_each_page_resumes_at_the_next_and_submits_under_the_pledge(client, alpha, alice) -> None:
    client.login(username="alice", password=PASSWORD)
    response = client.post(reverse("digital:start"), {"enterprise": alpha.pk, "year": 2025})
    evaluation = Evaluation.objects.get(enterprise=alpha, year=2025)
    assert response.url == reverse("digital:section", args=[evaluation.pk, "foundation"])
    assert client.get(response.url).status_code == 200
    foundation = {
        "q1": ["B", "C"], "q2": "20", "q3": "10", "q4": ["B", "O"], "q5": "C", "q6": ["A"], "q7": ["B"],
        "stop": "1",
    }  # fmt: skip
    response = client.post(response.url, foundation)
    assert response.url == reverse("digital:home")
    evaluation.refresh_from_db()
    assert evaluation.answers["q2"] == "20" and evaluation.sections_saved == ["foundation"]
    # The second sitting starts where the first stopped.
    response = client.post(reverse("digital:start"), {"enterprise": alpha.pk, "year": 2025})
    assert response.url == reverse("digital:section", args=[evaluation.pk, "management"])
    client.post(response.url, {"q8": "C", "q9": ["B"], "q10": ["B", "C"], "q11": "15"})
    client.post(
        reverse("digital:section", args=[evaluation.pk, "results"]),
        {"q12": "B", "q13": "C", "q14": "C", "q15": "B"},
    )
    response = client.post(
        reverse("digital:section", args=[evaluation.pk, "operations"]), {"s1": "2", "s3": "3"}
    )
    assert response.url == reverse("digital:pledge", args=[evaluation.pk])
    # Without the pledge nothing is submitted.
    response = client.post(response.url, {})
    assert response.status_code == 200
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.DRAFT
    response = client.post(reverse("digital:pledge", args=[evaluation.pk]), {"pledge": "on"})
    assert response.url == reverse("digital:result", args=[evaluation.pk])
    evaluation.refresh_from_db()
    # 4 + 1.5 + 0 + 1.6 + 5 + 0 + 1.25 = 13.35; 3 + 1.875 + 3 + 1.875 = 9.75; 3.5 + 7 + 3 + 1.5 = 15
    assert str(evaluation.total_points) == "38.100"
    assert evaluation.provisional_level == 1
    page = client.get(response.url).content.decode()
    assert "38.1" in page and "+1.9" in page  # 1.9 points to level 2
    assert "+8.4" in page  # Q4: 10 - 1.6 points still open, written as a decimal, never a fraction


def test_a_bad_percentage_is_refused_naming_the_item(client, alpha, alice) -> None:
    client.login(username="alice", password=PASSWORD)
    client.post(reverse("digital:start"), {"enterprise": alpha.pk, "year": 2025})
    evaluation = Evaluation.objects.get(enterprise=alpha, year=2025)
    response = client.post(reverse("digital:section", args=[evaluation.pk, "foundation"]), {"q2": "120"})
    assert response.status_code == 200
    assert "q2" in response.context["form"].errors
