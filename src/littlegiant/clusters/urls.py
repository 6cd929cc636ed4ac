from django.urls import path

from littlegiant.clusters import views

app_name = "clusters"

urlpatterns = [
    path("", views.cluster_list, name="list"),
    path("export.<str:fmt>", views.export, name="export"),
    path("reports/", views.reports, name="reports"),
    path("reports/<int:report_pk>/forward/", views.forward_report, name="forward_report"),
    path("reports/<int:report_pk>/return/", views.return_report, name="return_report"),
    path("<int:pk>/", views.cluster_detail, name="detail"),
    path("<int:pk>/members/", views.members, name="members"),
    path("<int:pk>/outputs/", views.outputs, name="outputs"),
    path("<int:pk>/report/", views.file_report, name="report"),
]
