"""criteria.md §8.2: "the county-level SME authority applies" for a cluster: an enterprise's owner cannot open an
application to a cluster programme, and the enterprise's recognition home does not offer it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from littlegiant.recognition import services
from tests.clusters.conftest import cluster_programme


def test_an_owner_is_refused_and_not_offered_the_cluster_round(alice, alpha, client):
    programme = cluster_programme(title="2026年度中小企业特色产业集群")
    with pytest.raises(PermissionDenied, match="county SME authority"):
        services.start_application(programme, alpha, by=alice)
    client.force_login(alice)
    assert "2026年度中小企业特色产业集群" not in client.get("/recognition/").content.decode()
