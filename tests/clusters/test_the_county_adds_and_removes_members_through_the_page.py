"""Entering members (issue 14: "member enterprises from the registry"): the county SME authority adds an enterprise
of the register by its credit code or from a search of the register in its county, and removes one; a refusal
names the field and the problem (unknown code, outside the county, already a member); each change is on the
cluster's trail; a reviewer reads the page but cannot change it."""

from __future__ import annotations

from littlegiant.clusters.models import ClusterEvent, ClusterMember
from littlegiant.enterprises.credit_code import make_credit_code
from tests.cast import COUNTY_A, COUNTY_B, make_enterprise
from tests.clusters.conftest import make_cluster


def members_url(cluster) -> str:
    return f"/clusters/{cluster.pk}/members/"


def test_it_adds_an_enterprise_of_the_county_by_its_credit_code(xihu_officer, client):
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    firm = make_enterprise("西湖光学仪器有限公司", COUNTY_A, "A0000001")
    client.force_login(xihu_officer)
    response = client.post(members_url(cluster), {"action": "add", "credit_code": firm.credit_code.lower()})
    assert response.status_code == 302
    assert ClusterMember.objects.filter(cluster=cluster, enterprise=firm).exists()
    event = ClusterEvent.objects.get(cluster=cluster, action="add_member")
    assert (event.actor, event.role, event.to_state) == (xihu_officer, "county_authority", firm.credit_code)
    assert "西湖光学仪器有限公司" in client.get(members_url(cluster)).content.decode()


def test_an_unknown_credit_code_is_refused_naming_the_field(xihu_officer, client):
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    unknown = make_credit_code("91", COUNTY_A, "A9999999")
    client.force_login(xihu_officer)
    response = client.post(members_url(cluster), {"action": "add", "credit_code": unknown})
    assert response.status_code == 400
    assert response.context["errors"] == {
        "credit_code": f"No enterprise in the register has the credit code {unknown}."
    }
    assert 'id="credit_code-error"' in response.content.decode()
    assert not ClusterMember.objects.filter(cluster=cluster).exists()


def test_a_malformed_credit_code_is_refused_naming_the_problem(xihu_officer, client):
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    client.force_login(xihu_officer)
    response = client.post(members_url(cluster), {"action": "add", "credit_code": "91330106"})
    assert response.status_code == 400
    assert "must be 18 characters long, not 8" in response.context["errors"]["credit_code"]
    client.cookies["django_language"] = "zh-hans"
    chinese = client.post(members_url(cluster), {"action": "add", "credit_code": "91330106"})
    assert "统一社会信用代码" in chinese.context["errors"]["credit_code"]


def test_an_enterprise_outside_the_county_is_refused(xihu_officer, client):
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    ningbo = make_enterprise("鄞州模具有限公司", COUNTY_B, "B0000001")
    client.force_login(xihu_officer)
    response = client.post(members_url(cluster), {"action": "add", "credit_code": ningbo.credit_code})
    assert response.status_code == 400
    message = response.context["errors"]["credit_code"]
    assert "鄞州模具有限公司" in message and "outside" in message
    assert not ClusterMember.objects.filter(cluster=cluster).exists()


def test_an_enterprise_already_a_member_is_refused(xihu_officer, client):
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    firm = make_enterprise("西湖光学仪器有限公司", COUNTY_A, "A0000001")
    client.force_login(xihu_officer)
    client.post(members_url(cluster), {"action": "add", "credit_code": firm.credit_code})
    response = client.post(members_url(cluster), {"action": "add", "enterprise": firm.pk})
    assert response.status_code == 400
    assert response.context["errors"] == {
        "enterprise": "西湖光学仪器有限公司 is already a member of this cluster."
    }
    assert ClusterMember.objects.filter(cluster=cluster).count() == 1


def test_the_search_lists_enterprises_of_the_county_that_are_not_members(xihu_officer, client):
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    make_enterprise("西湖光学仪器有限公司", COUNTY_A, "A0000001")
    make_enterprise("鄞州光学有限公司", COUNTY_B, "B0000001")
    client.force_login(xihu_officer)
    body = client.get(members_url(cluster), {"q": "光学"}).content.decode()
    assert "西湖光学仪器有限公司" in body and "鄞州光学有限公司" not in body
    fragment = client.get(members_url(cluster), {"q": "光学"}, headers={"HX-Request": "true"})
    assert 'id="search-results"' in fragment.content.decode()
    assert "<html" not in fragment.content.decode()


def test_it_removes_a_member_and_records_it(xihu_officer, client):
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    firm = make_enterprise("西湖光学仪器有限公司", COUNTY_A, "A0000001")
    client.force_login(xihu_officer)
    client.post(members_url(cluster), {"action": "add", "credit_code": firm.credit_code})
    response = client.post(members_url(cluster), {"action": "remove", "enterprise": firm.pk})
    assert response.status_code == 302
    assert not ClusterMember.objects.filter(cluster=cluster).exists()
    assert ClusterEvent.objects.filter(cluster=cluster, action="remove_member").count() == 1


def test_a_reviewer_reads_the_members_but_cannot_change_them(xihu_officer, provincial_reviewer, client):
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    firm = make_enterprise("西湖光学仪器有限公司", COUNTY_A, "A0000001")
    client.force_login(provincial_reviewer)
    page = client.get(members_url(cluster))
    assert page.status_code == 200 and "add-member" not in page.content.decode()
    response = client.post(members_url(cluster), {"action": "add", "credit_code": firm.credit_code})
    assert response.status_code == 403
    assert not ClusterMember.objects.filter(cluster=cluster).exists()


def test_the_api_adds_and_removes_a_member_with_field_named_errors(xihu_officer, client):
    cluster = make_cluster(xihu_officer, "西湖光电集群")
    firm = make_enterprise("西湖光学仪器有限公司", COUNTY_A, "A0000001")
    ningbo = make_enterprise("鄞州模具有限公司", COUNTY_B, "B0000001")
    client.force_login(xihu_officer)
    url = f"/api/clusters/{cluster.pk}/members"
    added = client.post(url, {"credit_code": firm.credit_code}, content_type="application/json")
    assert added.status_code == 201 and added.json()["enterprise_id"] == firm.pk
    refused = client.post(url, {"credit_code": ningbo.credit_code}, content_type="application/json")
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["credit_code"]
    assert client.delete(f"{url}/{firm.pk}").status_code == 204
    assert not ClusterMember.objects.filter(cluster=cluster).exists()
