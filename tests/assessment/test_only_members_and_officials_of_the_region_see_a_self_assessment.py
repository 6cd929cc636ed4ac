import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("alice", 200),
        ("hangzhou_reviewer", 200),
        ("provincial_reviewer", 200),
        ("admin", 200),
        ("bob", 404),
        ("ningbo_reviewer", 404),
    ],
)
def test_it_answers_by_jurisdiction(client, request, alpha, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("assessment:self", args=[alpha.pk])).status_code == status
