"""Entering outputs (issue 14: "yearly output figures (total, SME share, main industry share) for three years"):
the county enters the last three years' total, SMEs' and main industry's output in yuan (enterprise-data.md:
"Money is in yuan, a plain number"; the pack cn.miit.sme-cluster.2022 reads yuan); the form writes all three
years or none, naming each wrong figure; the change is on the cluster's trail."""

from __future__ import annotations

from django.utils import timezone

from littlegiant.clusters.models import ClusterEvent, ClusterOutput
from littlegiant.clusters.services import register_cluster
from littlegiant.reference.models import IndustryClass, Region
from tests.cast import COUNTY_A


def empty_cluster(officer):
    return register_cluster(
        by=officer, name="西湖光电集群", county=Region.objects.get(pk=COUNTY_A),
        main_industry=IndustryClass.objects.get(pk="3973"),
    )  # fmt: skip


def figures(**overrides: str) -> dict[str, str]:
    last = timezone.localdate().year - 1
    data = {}
    for year, total in ((last - 2, "5000000000"), (last - 1, "6000000000"), (last, "7500000000")):
        data.update(
            {f"{year}-total": total, f"{year}-sme": "4000000000", f"{year}-main_industry": "4100000000"}
        )
    data.update(overrides)
    return data


def test_the_three_years_are_saved_together(xihu_officer, client):
    cluster = empty_cluster(xihu_officer)
    client.force_login(xihu_officer)
    assert client.get(f"/clusters/{cluster.pk}/outputs/").status_code == 200
    response = client.post(f"/clusters/{cluster.pk}/outputs/", figures())
    assert response.status_code == 302
    last = timezone.localdate().year - 1
    assert list(cluster.outputs.order_by("year").values_list("year", "total")) == [
        (last - 2, 5000000000), (last - 1, 6000000000), (last, 7500000000),
    ]  # fmt: skip
    assert ClusterEvent.objects.filter(cluster=cluster, action="record_output").count() == 3


def test_one_wrong_figure_saves_nothing_and_names_the_figure(xihu_officer, client):
    cluster = empty_cluster(xihu_officer)
    last = timezone.localdate().year - 1
    client.force_login(xihu_officer)
    response = client.post(f"/clusters/{cluster.pk}/outputs/", figures(**{f"{last}-sme": "4,000,000,000"}))
    assert response.status_code == 400
    assert list(response.context["errors"]) == [f"{last}-sme"]
    assert "without thousands separators" in response.context["errors"][f"{last}-sme"]
    assert not ClusterOutput.objects.filter(cluster=cluster).exists()


def test_an_output_above_the_total_saves_nothing(xihu_officer, client):
    cluster = empty_cluster(xihu_officer)
    last = timezone.localdate().year - 1
    client.force_login(xihu_officer)
    response = client.post(
        f"/clusters/{cluster.pk}/outputs/", figures(**{f"{last - 1}-main_industry": "6000000001"})
    )
    assert response.status_code == 400
    assert response.context["errors"] == {
        f"{last - 1}-main_industry": "This output must lie between zero and the total output."
    }
    assert 'aria-invalid="true"' in response.content.decode()
    assert not ClusterOutput.objects.filter(cluster=cluster).exists()


def test_a_missing_total_is_refused(xihu_officer, client):
    cluster = empty_cluster(xihu_officer)
    last = timezone.localdate().year - 1
    client.force_login(xihu_officer)
    response = client.post(f"/clusters/{cluster.pk}/outputs/", figures(**{f"{last - 2}-total": ""}))
    assert response.context["errors"] == {f"{last - 2}-total": "Give the total output, zero or more."}
    assert not ClusterOutput.objects.filter(cluster=cluster).exists()


def test_another_county_cannot_enter_the_output(xihu_officer, yinzhou_officer, provincial_reviewer, client):
    cluster = empty_cluster(xihu_officer)
    client.force_login(yinzhou_officer)
    assert client.post(f"/clusters/{cluster.pk}/outputs/", figures()).status_code == 404
    client.force_login(provincial_reviewer)
    assert client.post(f"/clusters/{cluster.pk}/outputs/", figures()).status_code == 403
    assert not ClusterOutput.objects.filter(cluster=cluster).exists()


def test_the_api_writes_all_years_or_none(xihu_officer, client):
    cluster = empty_cluster(xihu_officer)
    last = timezone.localdate().year - 1
    client.force_login(xihu_officer)
    url = f"/api/clusters/{cluster.pk}/outputs"
    bad = [{"year": last - 1, "total": "6000000000"}, {"year": last, "total": "7000000000", "sme": "-1"}]
    refused = client.put(url, bad, content_type="application/json")
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == [f"{last}-sme"]
    assert not ClusterOutput.objects.filter(cluster=cluster).exists()
    good = [
        {"year": last - 1, "total": "6000000000"},
        {"year": last, "total": "7000000000", "sme": "5000000000"},
    ]
    assert client.put(url, good, content_type="application/json").status_code == 200
    assert cluster.outputs.count() == 2
