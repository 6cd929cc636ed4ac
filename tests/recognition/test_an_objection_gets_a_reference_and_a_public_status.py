"""An objector is given a reference number and follows the objection up on a public status page, which shows
the resolution once the reviewer records it; an unknown reference finds nothing."""

from littlegiant.recognition import services
from littlegiant.recognition.models import Objection


def _running_notice(submitted, reviewer):
    services.pass_stage(submitted, by=reviewer)
    submitted.refresh_from_db()
    services.draw_spot_checks(submitted.current_stage, by=reviewer, sample_size=1, seed=1)
    services.record_spot_check(submitted.spot_checks.get(), by=reviewer, result="consistent", findings="ok")
    return services.publish_notice(submitted.current_stage, by=reviewer)


def test_the_objector_follows_it_up(client, submitted, hangzhou_reviewer):
    notice = _running_notice(submitted, hangzhou_reviewer)
    entry = notice.entries.get()
    lodged = client.post(
        f"/recognition/notices/{notice.pk}/",
        {"entry": entry.pk, "name": "张三", "contact": "13800000000", "text": "专利与主导产品无关。"},
    )
    objection = Objection.objects.get()
    assert len(objection.reference) == 12
    assert lodged.status_code == 302 and objection.reference in lodged["Location"]
    page = client.get(
        f"/recognition/objections/status/?reference={objection.reference.lower()}"
    ).content.decode()
    assert "objection-status" in page and notice.title in page and "专利与主导产品无关" not in page
    services.resolve_objection(
        objection, by=hangzhou_reviewer, resolution="经核实，异议不成立。", upheld=False
    )
    page = client.get(f"/recognition/objections/status/?reference={objection.reference}").content.decode()
    assert "经核实，异议不成立。" in page
    missing = client.get("/recognition/objections/status/?reference=AAAAAAAAAAAA").content.decode()
    assert "经核实" not in missing


def test_the_notice_is_a_pdf_with_its_number(client, submitted, hangzhou_reviewer):
    notice = _running_notice(submitted, hangzhou_reviewer)
    response = client.get(f"/recognition/notices/{notice.pk}/notice.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    from tests.recognition.pdf_text import pdf_title

    assert pdf_title(response.content).startswith(notice.number)
