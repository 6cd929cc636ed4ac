"""The every-endpoint sweep: enumerate every URL pattern and API operation, ask each as each side's people.

Endpoints are read from the URL resolver and the ninja routers, never listed by hand, so a new page or
operation is swept as soon as it exists; one whose path parameters have no entry in PATH_PARAMETERS is
reported as a failure until it is given one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.endpoint_world import YEAR, Side

SRDI_PACK = "cn.miit.srdi-sme.2022"
GLOBAL_PEOPLE = ["provincial_reviewer", "national_reviewer", "admin"]
# Endpoints not swept: the admin site (Django's, staff only) and the language switch (no data).
SKIPPED_PREFIXES = ("admin:", "set_language")
# Public by design: these show any side's objects to anyone (notices, the recognised list, published patents,
# the service catalogue, certificates by code). A published patent may be enquired about, passed on or
# licensed by an SME anywhere: licensing across regions is the point of the listing.
PUBLIC = frozenset(
    {
        "recognition:public_notices",
        "recognition:public_notice",
        "recognition:notice_pdf",
        "recognition:decision_pdf",
        "recognition:recognised_list",
        "recognition:verify",
        "recognition:clusters",
        "recognition:clusters_geojson",
        "api:notices",
        "api:certificate",
        "techtransfer:home",
        "techtransfer:listing",
        "techtransfer:enquire",
        "techtransfer:feedback",
        "techtransfer:accept",
        "api:accept_listing",
        "api:search_listings",
        "api:get_listing",
        "services:catalogue",
        "services:institution",
        "api:list_institutions",
        "api:list_offerings",
        "api:openapi-json",
        "api:openapi-view",
        "dashboards:public",
        "api:public_board",
    }
)


def _object(kind: str, parameter: str = "pk") -> Callable[[Side, dict], dict]:
    return lambda side, shared: {parameter: side.objects[kind].pk}


def _shared(kind: str, parameter: str = "pk") -> Callable[[Side, dict], dict]:
    return lambda side, shared: {parameter: shared[kind].pk}


def _with(base: Callable[[Side, dict], dict], **extra: object) -> Callable[[Side, dict], dict]:
    return lambda side, shared: {**base(side, shared), **extra}


# How to fill each endpoint's path parameters with one side's objects (shared ones are the same on both).
PATH_PARAMETERS: dict[str, Callable[[Side, dict], dict]] = {
    "notifications:read": _object("notification"),
    "enterprises:detail": _object("enterprise"),
    "enterprises:filing_edit": _with(_object("enterprise"), year=YEAR),
    "assessment:self": _object("enterprise"),
    "assessment:explanation": _with(_object("enterprise"), year=YEAR),
    "assessment:rd_calculator": _object("enterprise"),
    "assessment:screening_run": _object("screening"),
    "assessment:screening_download": _with(_object("screening"), fmt="csv"),
    **{
        f"recognition:{name}": _object("application")
        for name in (
            "application",
            "evidence_add",
            "application_submit",
            "application_decide",
            "application_confirm",
            "application_draw_experts",
        )
    },
    "recognition:evidence_file": _object("evidence"),
    "recognition:evidence_remove": _object("evidence"),
    "recognition:expert_review": _object("expert_review"),
    "recognition:stage": _shared("stage"),
    "recognition:spot_check_draw": _shared("stage"),
    "recognition:notice_publish": _shared("stage"),
    "recognition:spot_check_record": _object("spot_check"),
    "recognition:notice_manage": _object("notice"),
    "recognition:notice_conclude": _object("notice"),
    "recognition:public_notice": _object("notice"),
    "recognition:objection_resolve": _object("objection"),
    "recognition:programme": _shared("programme"),
    "recognition:programme_recognise": _shared("programme"),
    **{
        f"recognition:{name}": _object("recognition")
        for name in ("recognition", "certificate", "annual_update", "change_report", "revoke")
    },
    "recognition:change_assess": _object("change"),
    "recognition:notice_demo_end": _object("notice"),
    "recognition:notice_pdf": _object("notice"),
    "recognition:decision_pdf": _shared("batch"),
    "services:institution": _object("institution"),
    "services:offering_add": _object("institution"),
    "services:offering_publish": _object("offering"),
    "services:export_requests": lambda side, shared: {"fmt": "csv"},
    "services:export_scorecards": lambda side, shared: {"fmt": "csv"},
    "services:request": _object("service_request"),
    "services:request_action": _with(_object("service_request"), action="accept"),
    "services:attachment": _object("attachment"),
    **{
        f"techtransfer:{name}": _object("listing")
        for name in ("listing", "listing_edit", "listing_status", "enquire", "feedback", "accept", "offer")
    },
    "techtransfer:answer": _object("enquiry"),
    **{
        f"techtransfer:{name}": _object("licence")
        for name in ("licence", "accept_offer", "report", "payment", "end")
    },
    "clusters:detail": _object("cluster"),
    "clusters:report": _object("cluster"),
    "clusters:export": lambda side, shared: {"fmt": "csv"},
    "clusters:members": _object("cluster"),
    "clusters:outputs": _object("cluster"),
    "clusters:forward_report": _object("cluster_report", "report_pk"),
    "clusters:return_report": _object("cluster_report", "report_pk"),
    "recognition:clusters_overdue_export": lambda side, shared: {"fmt": "csv"},
    "api:cluster_detail": _object("cluster"),
    "api:add_member": _object("cluster"),
    "api:remove_member": lambda side, shared: {
        "pk": side.objects["cluster"].pk,
        "enterprise_id": side.objects["enterprise"].pk,
    },
    "api:put_outputs": _object("cluster"),
    "api:file_report": _object("cluster"),
    "api:forward_report": _object("cluster_report", "report_pk"),
    "api:return_report": _object("cluster_report", "report_pk"),
    "api:enterprise_detail": _object("enterprise"),
    "api:upsert_filing": _with(_object("enterprise"), year=YEAR),
    "api:enterprise_assessment": _object("enterprise"),
    "api:rd_calculation": _object("enterprise"),
    "api:put_rd_breakdown": _with(_object("enterprise"), year=YEAR),
    "api:enterprise_explanation": _with(_object("enterprise"), pack_id=SRDI_PACK),
    "api:pack_detail": lambda side, shared: {"pack_id": SRDI_PACK},
    "api:screening": _object("screening"),
    **{
        f"api:{name}": _object("application")
        for name in ("application_detail", "submit", "decide", "confirm", "draw_experts")
    },
    "api:score": _object("expert_review"),
    "api:draw_spot_checks": _shared("stage"),
    "api:publish_notice": _shared("stage"),
    "api:record_spot_check": _object("spot_check"),
    "api:resolve_objection": _object("objection"),
    "api:conclude_notice": _object("notice"),
    "api:recognise": _shared("programme"),
    "api:revoke": _object("recognition"),
    "api:certificate": lambda side, shared: {"code": side.objects["recognition"].certificate_code},
    **{
        f"api:{name}": _object("service_request", "request_id")
        for name in (
            "get_request",
            "accept",
            "decline",
            "refer",
            "log_session",
            "record_outcome",
            "close",
            "rate",
        )
    },
    "api:get_listing": _object("listing", "listing_id"),
    "api:accept_listing": _object("listing", "listing_id"),
    "api:report_figures": _object("licence", "licence_id"),
    "digital:result": _object("evaluation"),
    "digital:section": _with(_object("evaluation"), section="foundation"),
    "digital:pledge": _object("evaluation"),
    "digital:tracker_export": lambda side, shared: {"fmt": "csv"},
    "api:get_evaluation": _object("evaluation"),
    "api:save_section": _with(_object("evaluation"), section="foundation"),
    "api:submit api/digital/evaluations/<pk>/submit": _object("evaluation"),
    "api:level": lambda side, shared: {"enterprise_id": side.objects["enterprise"].pk, "year": YEAR},
    **{f"policies:{name}": _object("policy") for name in ("detail", "edit", "withdraw", "run_start")},
    "policies:run": _object("policy_run"),
    "policies:run_export": _with(_object("policy_run"), fmt="csv"),
    "policies:run_notify": _object("policy_run"),
    "policies:enterprise": _object("enterprise"),
    **{
        f"api:{name}": _object("policy")
        for name in ("policy_detail", "policy_update", "policy_withdraw", "policy_run_start")
    },  # fmt: skip
    "api:policy_matches": _object("enterprise", "enterprise_id"),
    **{
        f"api:{name}": _object("policy_run", "run_id")
        for name in ("policy_run", "policy_run_enterprises", "policy_run_notify")
    },  # fmt: skip
    "scenarios:detail": _object("scenario"),
    "scenarios:edit": _object("scenario"),
    "scenarios:delete": _object("scenario"),
    "scenarios:run_start": _object("scenario"),
    "scenarios:run": _object("scenario_run"),
    "scenarios:result": _object("scenario_run"),
    "scenarios:movers_export": _with(_object("scenario_run"), fmt="csv"),
    "api:scenario_pack_numbers": lambda side, shared: {"pack_id": SRDI_PACK},
    "api:get_scenario": _object("scenario"),
    "api:run_scenario": _object("scenario"),
    "api:scenario_run_status": _object("scenario_run"),
    "api:scenario_run_result": _object("scenario_run"),
    "api:scenario_run_movers": _object("scenario_run"),
    # A region on the dashboards: the county of the side's enterprise, inside one city and outside the other.
    "dashboards:region": lambda side, shared: {"code": side.objects["enterprise"].region_id},
    "dashboards:export": lambda side, shared: {"figure": "funnel", "fmt": "csv"},
    "api:region_board": lambda side, shared: {"code": side.objects["enterprise"].region_id},
    "api:region_figure": lambda side, shared: {
        "code": side.objects["enterprise"].region_id,
        "figure": "funnel",
    },
}


@dataclass(frozen=True)
class Endpoint:
    """One URL pattern (a page, or an API path) and the methods it answers."""

    name: str
    route: str
    parameters: tuple[str, ...]
    methods: tuple[str, ...]

    @property
    def is_api(self) -> bool:
        return self.route.startswith("api/")


def _api_methods() -> dict[str, tuple[str, ...]]:
    from littlegiant.web.api import api

    methods: dict[str, set[str]] = {}
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                name = getattr(operation, "url_name", None) or api.get_operation_url_name(
                    operation, router=router
                )
                methods.setdefault(f"api:{name}", set()).update(operation.methods)
    return {name: tuple(sorted(found)) for name, found in methods.items()}


def _walk(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + str(pattern.pattern), namespace + pattern.name


def endpoints() -> list[Endpoint]:
    """Every named page and API operation the project serves (admin and the language switch aside)."""
    api_methods = _api_methods()
    found: dict[tuple[str, str], Endpoint] = {}
    for route, name in _walk(get_resolver().url_patterns):
        # Keyed by route as well: two API operations may share a name (each app has its own "submit").
        if name.startswith(SKIPPED_PREFIXES) or (name, route) in found:
            continue
        parameters = tuple(re.findall(r"<(?:\w+:)?(\w+)>", route))
        methods = api_methods.get(name, ("GET", "POST")) if route.startswith("api/") else ("GET", "POST")
        found[(name, route)] = Endpoint(name, route, parameters, methods)
    return list(found.values())


def url_of(endpoint: Endpoint, side: Side, shared: dict) -> str:
    """The endpoint's URL with the side's objects in its path (built from the route: names may repeat)."""
    kwargs = PATH_PARAMETERS[_key(endpoint)](side, shared) if endpoint.parameters else {}
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda match: str(kwargs[match.group(1)]), endpoint.route)


def _key(endpoint: Endpoint) -> str:
    """An endpoint's entry in PATH_PARAMETERS: its name, or `name route` when the name is shared."""
    with_route = f"{endpoint.name} {endpoint.route}"
    return with_route if with_route in PATH_PARAMETERS else endpoint.name


def ask(client: Client, endpoint: Endpoint, method: str, url: str):
    if method == "GET":
        return client.get(url)
    if endpoint.is_api:
        return client.generic(method, url, data="{}", content_type="application/json")
    return client.post(url, data={})


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def sweep(
    people: dict[str, object],
    a: Side,
    b: Side,
    shared: dict,
    *,
    only: Callable[[Endpoint], bool] | None = None,
) -> list[str]:
    """Every leak found: an outsider answered 2xx about the other side's object, or shown its markers."""
    failures: list[str] = []
    clients: dict[str, Client] = {}
    for person in [*a.people, *b.people, *GLOBAL_PEOPLE]:
        clients[person] = Client()
        clients[person].force_login(people[person])
    for endpoint in endpoints():
        if only is not None and not only(endpoint):
            continue
        if endpoint.parameters and _key(endpoint) not in PATH_PARAMETERS:
            failures.append(f"{endpoint.name} ({endpoint.route}): no fixture for {endpoint.parameters}")
            continue
        for mine, theirs in ((a, b), (b, a)):
            failures += _outsider_failures(endpoint, mine, theirs, shared, clients)
        if "GET" in endpoint.methods and endpoint.parameters and not _found(endpoint, a, shared, clients):
            failures.append(f"{endpoint.name}: side A's object is not found by anyone; its fixture is wrong")
    return failures


def _outsider_failures(endpoint, mine: Side, theirs: Side, shared: dict, clients: dict) -> list[str]:
    failures: list[str] = []
    public = endpoint.name in PUBLIC
    theirs_url = url_of(endpoint, theirs, shared)
    own_url = url_of(endpoint, mine, shared)
    names_their_object = endpoint.parameters and theirs_url != own_url
    for person in mine.people:
        client = clients[person]
        for method in endpoint.methods:
            if names_their_object and not public:
                response = ask(client, endpoint, method, theirs_url)
                if 200 <= response.status_code < 300:
                    failures.append(f"{person} {method} {theirs_url} → {response.status_code} (outside)")
            if method == "GET" and not public:
                response = client.get(own_url)
                if response.status_code == 200:
                    text = body_of(response)
                    for marker in theirs.markers:
                        if marker in text:
                            failures.append(f"{person} GET {own_url} shows {marker!r} of side {theirs.name}")
    return failures


def _found(endpoint, side: Side, shared: dict, clients: dict) -> bool:
    """Whether someone is not told 404 (a POST-only page answers 405 before it looks the object up)."""
    url = url_of(endpoint, side, shared)
    return any(clients[person].get(url).status_code != 404 for person in [*side.people, *GLOBAL_PEOPLE])
