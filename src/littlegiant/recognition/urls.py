"""Recognition URLs; the public ones (notices, objections, recognised list, verification) need no sign-in."""

from django.urls import path

from littlegiant.recognition import views

app_name = "recognition"
urlpatterns = [
    path("", views.home, name="home"),
    path("queue/", views.queue, name="queue"),
    path("applications/start/", views.application_start, name="application_start"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("applications/<int:pk>/submit/", views.application_submit, name="application_submit"),
    path("applications/<int:pk>/decide/", views.application_decide, name="application_decide"),
    path("applications/<int:pk>/confirm/", views.application_confirm, name="application_confirm"),
    path("applications/<int:pk>/experts/", views.application_draw_experts, name="application_draw_experts"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("evidence/<int:pk>/remove/", views.evidence_remove, name="evidence_remove"),
    path("expert-reviews/<int:pk>/", views.expert_review, name="expert_review"),
    path("stages/<int:pk>/", views.stage_detail, name="stage"),
    path("stages/<int:pk>/spot-checks/", views.spot_check_draw, name="spot_check_draw"),
    path("stages/<int:pk>/notice/", views.notice_publish, name="notice_publish"),
    path("spot-checks/<int:pk>/", views.spot_check_record, name="spot_check_record"),
    path("notices/<int:pk>/manage/", views.notice_manage, name="notice_manage"),
    path("notices/<int:pk>/conclude/", views.notice_conclude, name="notice_conclude"),
    path("objections/<int:pk>/resolve/", views.objection_resolve, name="objection_resolve"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme"),
    path("programmes/<int:pk>/recognise/", views.programme_recognise, name="programme_recognise"),
    path("recognitions/<int:pk>/", views.recognition_detail, name="recognition"),
    path("recognitions/<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    path("recognitions/<int:pk>/annual-update/", views.annual_update, name="annual_update"),
    path("recognitions/<int:pk>/changes/", views.change_report, name="change_report"),
    path("recognitions/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("changes/<int:pk>/assess/", views.change_assess, name="change_assess"),
    # Public
    path("notices/", views.public_notices, name="public_notices"),
    path("notices/<int:pk>/", views.public_notice, name="public_notice"),
    path("recognised/", views.recognised_list, name="recognised_list"),
    path("verify/", views.verify, name="verify"),
]
