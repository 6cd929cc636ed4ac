from django.urls import path

from littlegiant.clusters import views

app_name = "clusters"

urlpatterns = [
    path("", views.cluster_list, name="list"),
    path("export.<str:fmt>", views.export, name="export"),
    path("<int:pk>/", views.cluster_detail, name="detail"),
    path("<int:pk>/report/", views.file_report, name="report"),
]
