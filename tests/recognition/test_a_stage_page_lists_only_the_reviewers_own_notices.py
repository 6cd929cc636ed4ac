"""A reviewer's stage page lists only the notices of their own region: another city's notice, its entry count
and its open objections are not theirs to see (security review F9)."""

from littlegiant.recognition import services
from tests.cast import PASSWORD


def _published(programme, enterprise, member, reviewer):
    application = services.submit(
        services.start_application(programme, enterprise, by=member), by=member, pledge=True
    )
    services.pass_stage(application, by=reviewer)
    application.refresh_from_db()
    services.draw_spot_checks(application.current_stage, by=reviewer, sample_size=1, seed=1)
    services.record_spot_check(application.spot_checks.get(), by=reviewer, result="consistent", findings="ok")
    return services.publish_notice(application.current_stage, by=reviewer)


def test_each_city_sees_its_own_notice_only(
    client, srdi_programme, alpha, alice, beta, bob, hangzhou_reviewer, ningbo_reviewer
):
    hangzhou = _published(srdi_programme, alpha, alice, hangzhou_reviewer)
    ningbo = _published(srdi_programme, beta, bob, ningbo_reviewer)
    stage = hangzhou.stage
    client.login(username="ningbo_reviewer", password=PASSWORD)
    page = client.get(f"/recognition/stages/{stage.pk}/").content.decode()
    assert f"/recognition/notices/{ningbo.pk}/manage/" in page
    assert f"/recognition/notices/{hangzhou.pk}/manage/" not in page
