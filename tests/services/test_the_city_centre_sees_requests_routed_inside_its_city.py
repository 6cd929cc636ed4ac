"""The comprehensive centre of a city sees every request routed to an institution inside its city (to follow
them up), but not another city's (UX review 2026-12, defect 4: service_city got a 404 on a Hangzhou request)."""

from __future__ import annotations

from littlegiant.services import services
from littlegiant.services.models import ServiceRequest


def test_dave_at_the_hangzhou_centre_sees_a_request_at_the_xihu_station(alice, alpha, carol, dave, nina):
    request = services.file_request(alpha, by=alice, category="financing", title="贷款", description="周转。")
    assert request.institution == carol.institution_roles.get().institution
    assert ServiceRequest.objects.for_user(dave).filter(pk=request.pk).exists()
    assert not ServiceRequest.objects.for_user(nina).filter(pk=request.pk).exists()


def test_the_city_centre_opens_the_request_page(client, alice, alpha, carol, dave):
    request = services.file_request(alpha, by=alice, category="financing", title="贷款", description="周转。")
    client.force_login(dave)
    assert client.get(f"/services/requests/{request.pk}/").status_code == 200
