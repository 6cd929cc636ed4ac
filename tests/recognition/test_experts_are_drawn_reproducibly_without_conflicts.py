"""双随机: experts are drawn at random, conflicts excluded; the recorded draw replays identically."""

import pytest
from django.core.exceptions import PermissionDenied

from littlegiant.recognition import services
from littlegiant.recognition.models import Expert

# Alpha's figures do not make it a little giant: each stage passes it with the override reason that asks for.
OVERRIDE = "推荐理由见专家意见。"


@pytest.fixture
def at_national_stage(little_giant_programme, alice, alpha, hangzhou_reviewer, provincial_reviewer):
    application = services.submit(
        services.start_application(little_giant_programme, alpha, by=alice), by=alice, pledge=True
    )
    services.pass_stage(application, by=hangzhou_reviewer, override_reason=OVERRIDE)
    application.refresh_from_db()
    services.pass_stage(application, by=provincial_reviewer, override_reason=OVERRIDE)
    application.refresh_from_db()
    assert application.current_stage.level == "national"
    return application


@pytest.fixture
def pool(db, alpha):
    experts = [
        Expert.objects.create(name=f"专家{i}", region_id="110000" if i % 2 else "440000") for i in range(8)
    ]
    experts[0].linked_enterprises.add(alpha)
    experts.append(Expert.objects.create(name="浙江专家", region_id="330000"))
    return experts


def test_conflicts_are_excluded_and_the_draw_replays(at_national_stage, national_reviewer, pool):
    draw = services.draw_experts(at_national_stage, by=national_reviewer, seed=20260501)
    reasons = {item["id"]: item["reason"] for item in draw.excluded}
    assert reasons == {pool[0].pk: "linked", pool[-1].pk: "same_province"}
    assert len(draw.drawn) == 3
    assert not set(draw.drawn) & set(reasons)
    assert services.replay_expert_draw(draw) == draw.drawn


def test_the_same_seed_draws_the_same_experts(at_national_stage, national_reviewer, pool):
    draw = services.draw_experts(at_national_stage, by=national_reviewer, seed=42)
    eligible = [pk for pk in draw.pool if pk not in {item["id"] for item in draw.excluded}]
    assert services._draw_sample(42, eligible, 3) == draw.drawn


def test_passing_waits_for_every_expert(at_national_stage, national_reviewer, pool):
    services.draw_experts(at_national_stage, by=national_reviewer, seed=1)
    with pytest.raises(PermissionDenied, match="0 of 3 experts"):
        services.pass_stage(at_national_stage, by=national_reviewer, override_reason=OVERRIDE)


def test_a_small_pool_is_refused_with_the_numbers(at_national_stage, national_reviewer, alpha):
    Expert.objects.create(name="唯一专家", region_id="110000")
    with pytest.raises(PermissionDenied, match="Only 1 experts"):
        services.draw_experts(at_national_stage, by=national_reviewer)


def test_scores_are_aggregated_by_the_mean(at_national_stage, national_reviewer, pool):
    from tests.cast import make_user

    draw = services.draw_experts(at_national_stage, by=national_reviewer, seed=3)
    totals = []
    for index, review in enumerate(draw.reviews.select_related("expert")):
        user = make_user(f"expert{index}")
        review.expert.user = user
        review.expert.save()
        points = 15 + index * 2
        services.submit_expert_review(
            review,
            by=user,
            scores=dict.fromkeys(["specialisation", "refinement", "distinctiveness", "innovation"], points),
            comment="",
        )
        totals.append(points * 4)
    aggregate = services.expert_aggregate(at_national_stage, at_national_stage.current_stage)
    assert aggregate.submitted == 3
    assert str(aggregate.mean) == f"{sum(totals) / 3:.2f}"
    services.pass_stage(at_national_stage, by=national_reviewer, override_reason=OVERRIDE)
