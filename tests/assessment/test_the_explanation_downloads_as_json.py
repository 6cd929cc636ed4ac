import json

from django.urls import reverse


def test_all_applicable_packs_download_as_one_document(client, alice, alpha):
    client.force_login(alice)
    response = client.get(reverse("assessment:explanation", args=[alpha.pk, 2025]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    body = json.loads(response.content)
    assert all(doc["schema"] == "littlegiant.explanation/1" for doc in body.values())
