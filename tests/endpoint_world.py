"""Two mirrored sides of the province for the every-endpoint permission test, built through the services.

Side A is Hangzhou (Alpha Photonics and alice, the Hangzhou reviewer, olivia's university, the Xihu and Hangzhou
service centres with carol and dave); side B is Ningbo (Beta Valves and bob, the Ningbo reviewer, oscar's
institute, the Ningbo centre with nina). Each side holds one of everything an endpoint can be asked about, so
an endpoint's path parameters can name an object inside a person's jurisdiction and one outside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.cast import good_filing_values

PDF = b"%PDF-1.4 endpoint world"
YEAR = 2025


@dataclass
class Side:
    """One side's objects, by the kind of path parameter that names them."""

    name: str
    people: list[str]
    objects: dict[str, object] = field(default_factory=dict)
    markers: list[str] = field(default_factory=list)  # text that only someone who may see this side reads


def _filing(enterprise, by) -> None:
    from littlegiant.enterprises.services import save_filing

    save_filing(enterprise, YEAR, good_filing_values(), by=by)


def _recognition_path(side: Side, programme, *, owner, enterprise, reviewer) -> None:
    """Apply with evidence, pass the city stage with a spot check and a public notice that drew an objection."""
    from littlegiant.recognition import services

    application = services.start_application(programme, enterprise, by=owner)
    evidence = services.add_evidence(application, SimpleUploadedFile("proof.pdf", PDF), by=owner)
    application = services.submit(application, by=owner, pledge=True)
    services.pass_stage(application, by=reviewer)
    application.refresh_from_db()
    services.draw_spot_checks(application.current_stage, by=reviewer, sample_size=1, seed=1)
    check = application.spot_checks.get()
    services.record_spot_check(check, by=reviewer, result="consistent", findings="ok")
    notice = services.publish_notice(application.current_stage, by=reviewer)
    objection = services.lodge_objection(
        notice.entries.get(application=application),
        name="公众",
        contact="13800000000",
        text=f"异议 {side.name}",
        address="203.0.113.7",
    )
    services.resolve_objection(objection, by=reviewer, resolution="查无实据", upheld=False)
    # The notice has run its course (as through_the_city_stage does): move its days into the past.
    notice.starts_on = notice.starts_on - dt.timedelta(days=30)
    notice.ends_on = notice.ends_on - dt.timedelta(days=30)
    notice.save()
    services.conclude_notice(notice, by=reviewer)
    application.refresh_from_db()
    side.objects.update(
        application=application, evidence=evidence, spot_check=check, notice=notice, objection=objection
    )


def _services_path(side: Side, *, owner, enterprise, institution) -> None:
    from littlegiant.services import services

    request = services.file_request(
        enterprise,
        by=owner,
        category="financing",
        title=f"融资需求 {side.name}",
        description="需要贷款",
        attachments=[SimpleUploadedFile("plan.pdf", PDF)],
    )
    from littlegiant.services.models import ServiceOffering

    offering = ServiceOffering.objects.create(
        institution=institution,
        category="financing",
        title=f"融资对接 {side.name}",
        fee="免费",
        delivery="线下",
    )
    side.objects.update(
        service_request=request,
        attachment=request.attachments.get(),
        institution=institution,
        offering=offering,
    )
    side.markers.append(request.title)


def _transfer_path(side: Side, *, officer, institution, owner, enterprise) -> None:
    from littlegiant.techtransfer import services
    from tests.techtransfer.conftest import click_through, list_patent

    number = {"A": "202210956187.7", "B": "202211411308.6"}[side.name]
    listing = list_patent(officer, institution, application_number=number)
    enquiry = services.make_enquiry(
        listing, enterprise=enterprise, by=owner, kind="question", message="价格？"
    )
    licence = services.accept_standard_licence(
        listing, enterprise=enterprise, by=owner, click=click_through(dt.date.today()), today=dt.date.today()
    )
    side.objects.update(listing=listing, enquiry=enquiry, licence=licence)


def _screening(side: Side, reviewer) -> None:
    from littlegiant.assessment.execution import execute_screening
    from littlegiant.assessment.services import start_screening

    run = start_screening(reviewer, ["cn.miit.srdi-sme.2022"], YEAR, enqueue=False)
    side.objects["screening"] = execute_screening(run.pk)


def _scenario(side: Side, reviewer) -> None:
    """A what-if of the side's reviewer that takes the SRDI outcome from the side's enterprise, run to the end."""
    from littlegiant.scenarios.execution import execute_run
    from littlegiant.scenarios.services import create_scenario, start_run

    scenario = create_scenario(
        reviewer,
        name=f"what-if {side.name}",
        base_pack_id="cn.miit.srdi-sme.2022",
        year=YEAR,
        changes={"criterion.revenue_condition.test.1": "900000000"},
    )
    side.objects["scenario"] = scenario
    side.objects["scenario_run"] = execute_run(start_run(scenario, by=reviewer, enqueue=False).pk)
    side.markers.append(scenario.name)


def _evaluation(enterprise, owner):
    """A digital-transformation self-evaluation, opened by the owner."""
    from littlegiant.digital.services import open_evaluation

    return open_evaluation(enterprise, by=owner, year=YEAR)


def _expert_review(side: Side, programme, expert_user) -> None:
    """An expert review row for the side's application (the draw itself is the national stage's business)."""
    from littlegiant.recognition.models import Expert, ExpertDraw, ExpertReview

    application = side.objects["application"]
    expert = Expert.objects.create(user=expert_user, name=expert_user.username, region_id="110000")
    draw = ExpertDraw.objects.create(
        application=application,
        stage=programme.stages.order_by("order").last(),
        seed=1,
        pool=[expert.pk],
        excluded=[],
        drawn=[expert.pk],
        drawn_by=expert_user,
    )
    side.objects["expert_review"] = ExpertReview.objects.create(draw=draw, expert=expert)


def _policy(side: Side, reviewer) -> None:
    """A municipal support policy of the side's city and a 免申即享 run of it."""
    from littlegiant.policies.execution import execute_run
    from littlegiant.policies.services import create_policy, start_run

    city = {"A": "330100", "B": "330200"}[side.name]
    policy = create_policy(
        {
            "title": f"政策 {side.name} 研发奖励", "issuer": f"经信局 {side.name}", "level": "municipal",
            "region": city, "valid_from": dt.date(2026, 1, 1), "benefit_kind": "described", "benefit_text": "奖励",
            "conditions": [{"label": "研发", "expression": "rd_expense >= 1000000"}],
        },
        by=reviewer,
    )  # fmt: skip
    run = execute_run(start_run(policy, by=reviewer, year=YEAR, enqueue=False).pk)
    side.objects.update(policy=policy, policy_run=run)
    side.markers.append(policy.title)


def build_world(cast: dict[str, object]) -> tuple[Side, Side, dict[str, object]]:
    """Both sides, and what is shared (programmes, stages, packs)."""
    from littlegiant.notifications.services import notify
    from littlegiant.recognition import services as recognition
    from littlegiant.recognition.models import Recognition
    from tests.cast import make_user
    from tests.recognition.conftest import make_programme

    a = Side("A", ["alice", "hangzhou_reviewer", "olivia", "carol", "dave", "expert_a"])
    b = Side("B", ["bob", "ningbo_reviewer", "oscar", "nina", "expert_b"])
    programme = make_programme("srdi_sme")
    for side, owner, enterprise, reviewer, officer, institution, centre in (
        (a, "alice", "alpha", "hangzhou_reviewer", "olivia", "hangzhou_university", "xihu_centre"),
        (b, "bob", "beta", "ningbo_reviewer", "oscar", "ningbo_institute", "ningbo_centre"),
    ):
        person, firm, checker = cast[owner], cast[enterprise], cast[reviewer]
        side.objects["enterprise"] = firm
        side.markers += [firm.name, firm.credit_code]
        _filing(firm, person)
        _recognition_path(side, programme, owner=person, enterprise=firm, reviewer=checker)
        _services_path(side, owner=person, enterprise=firm, institution=cast[centre])
        _transfer_path(
            side, officer=cast[officer], institution=cast[institution], owner=person, enterprise=firm
        )
        _screening(side, checker)
        _policy(side, checker)
        _scenario(side, checker)
        side.objects["evaluation"] = _evaluation(firm, person)
        cast[f"expert_{side.name.lower()}"] = make_user(f"expert_{side.name.lower()}")
        _expert_review(side, programme, cast[f"expert_{side.name.lower()}"])
    provincial = cast["provincial_reviewer"]
    for side in (a, b):
        application = side.objects["application"]
        recognition.pass_stage(application, by=provincial)
    batch = recognition.recognise(programme, by=provincial)
    for side in (a, b):
        title = Recognition.objects.get(batch=batch, enterprise=side.objects["enterprise"])
        owner = cast["alice" if side is a else "bob"]
        change = recognition.report_change(
            title, by=owner, kind="rename", occurred_on=dt.date.today(), description=f"更名 {side.name}"
        )
        side.objects.update(recognition=title, change=change)
        side.objects["notification"] = notify([owner], subject=f"通知 {side.name}", mail=False)[0]
    for side, county in ((a, "330106"), (b, "330212")):
        _cluster(side, cast, county)
    shared = {"programme": programme, "stage": programme.stages.order_by("order").first(), "batch": batch}
    return a, b, shared


def _cluster(side: Side, cast: dict[str, object], county: str) -> None:
    """A distinctive industrial cluster in the side's county, run by the county SME authority (a new person)."""
    from django.utils import timezone

    from littlegiant.clusters import services
    from littlegiant.reference.models import IndustryClass, Region
    from tests.cast import make_user

    name = f"county_{side.name.lower()}"
    officer = cast[name] = make_user(name)
    side.people.append(name)
    region = Region.objects.get(pk=county)
    services.appoint_county_authority(officer, region)
    cluster = services.register_cluster(
        by=officer,
        name=f"集群{side.name}号",
        county=region,
        main_industry=IndustryClass.objects.get(pk="3973"),
    )
    side.objects["cluster"] = cluster
    side.markers.append(cluster.name)
    # A member (the side's enterprise, of the same county) and a development report filed on last year.
    services.add_members(cluster, [side.objects["enterprise"]], by=officer)
    side.objects["cluster_report"] = services.file_report(
        cluster, by=officer, year=timezone.localdate().year - 1, text=f"集群{side.name}号发展报告"
    )
