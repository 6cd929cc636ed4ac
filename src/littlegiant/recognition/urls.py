"""Recognition URLs; the public ones (notices, objections, recognised list, verification) need no sign-in."""

from django.urls import path

from littlegiant.recognition.views import applications, clusters, dashboard, experts, public, stages, titles

app_name = "recognition"
urlpatterns = [
    path("", dashboard.home, name="home"),
    path("queue/", dashboard.queue, name="queue"),
    path("applications/start/", applications.application_start, name="application_start"),
    path("applications/<int:pk>/", applications.application_detail, name="application"),
    path("applications/<int:pk>/evidence/", applications.evidence_add, name="evidence_add"),
    path("applications/<int:pk>/submit/", applications.application_submit, name="application_submit"),
    path("applications/<int:pk>/decide/", applications.application_decide, name="application_decide"),
    path("applications/<int:pk>/confirm/", applications.application_confirm, name="application_confirm"),
    path(
        "applications/<int:pk>/experts/",
        applications.application_draw_experts,
        name="application_draw_experts",
    ),
    path("evidence/<int:pk>/", applications.evidence_file, name="evidence_file"),
    path("evidence/<int:pk>/remove/", applications.evidence_remove, name="evidence_remove"),
    path("expert-reviews/<int:pk>/", experts.expert_review, name="expert_review"),
    path("stages/<int:pk>/", stages.stage_detail, name="stage"),
    path("stages/<int:pk>/spot-checks/", stages.spot_check_draw, name="spot_check_draw"),
    path("stages/<int:pk>/notice/", stages.notice_publish, name="notice_publish"),
    path("spot-checks/<int:pk>/", stages.spot_check_record, name="spot_check_record"),
    path("notices/<int:pk>/manage/", stages.notice_manage, name="notice_manage"),
    path("notices/<int:pk>/conclude/", stages.notice_conclude, name="notice_conclude"),
    path("notices/<int:pk>/demo-end/", stages.notice_demo_end, name="notice_demo_end"),
    path("objections/<int:pk>/resolve/", stages.objection_resolve, name="objection_resolve"),
    path("programmes/<int:pk>/", titles.programme_detail, name="programme"),
    path("programmes/<int:pk>/recognise/", titles.programme_recognise, name="programme_recognise"),
    path("recognitions/<int:pk>/", titles.recognition_detail, name="recognition"),
    path("recognitions/<int:pk>/certificate.pdf", titles.certificate, name="certificate"),
    path("recognitions/<int:pk>/annual-update/", titles.annual_update, name="annual_update"),
    path("recognitions/<int:pk>/changes/", titles.change_report, name="change_report"),
    path("recognitions/<int:pk>/revoke/", titles.revoke, name="revoke"),
    path("changes/<int:pk>/assess/", titles.change_assess, name="change_assess"),
    # Public
    path("notices/", public.public_notices, name="public_notices"),
    path("notices/<int:pk>/", public.public_notice, name="public_notice"),
    path("recognised/", public.recognised_list, name="recognised_list"),
    path("verify/", public.verify, name="verify"),
    path("clusters/", clusters.public_clusters, name="clusters"),
    path("clusters/apply/", clusters.cluster_apply, name="cluster_apply"),
    path("clusters/overdue/", clusters.overdue_list, name="clusters_overdue"),
    path("clusters/overdue.<str:fmt>", clusters.overdue_export, name="clusters_overdue_export"),
    path("clusters/provinces.geojson", clusters.province_geojson, name="clusters_geojson"),
    path("objections/status/", public.objection_status, name="objection_status"),
    path("notices/<int:pk>/notice.pdf", public.notice_pdf, name="notice_pdf"),
    path("batches/<int:pk>/decision.pdf", public.decision_pdf, name="decision_pdf"),
]
