"""One pack's explanation downloads alone."""

import json

from django.urls import reverse


def test_one_pack_downloads_alone(client, alice, alpha):
    client.force_login(alice)
    url = reverse("assessment:explanation", args=[alpha.pk, 2025])
    body = json.loads(client.get(url, {"pack": "cn.miit.srdi-sme.2022"}).content)
    assert body["pack"]["id"] == "cn.miit.srdi-sme.2022"
