from django.urls import path

from littlegiant.services import views

app_name = "services"
urlpatterns = [
    path("", views.home, name="home"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("institutions/<int:pk>/", views.institution_detail, name="institution"),
    path("institutions/<int:pk>/offerings/", views.offering_add, name="offering_add"),
    path("offerings/<int:pk>/publish/", views.offering_publish, name="offering_publish"),
    path("requests/", views.request_list, name="requests"),
    path("requests/new/", views.request_new, name="request_new"),
    path("requests/export.<str:fmt>", views.export_requests, name="export_requests"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/<str:action>/", views.request_action, name="request_action"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("coverage/", views.coverage, name="coverage"),
    path("coverage/provinces.geojson", views.province_map, name="province_map"),
    path("scorecards/", views.scorecard_list, name="scorecards"),
    path("scorecards/export.<str:fmt>", views.export_scorecards, name="export_scorecards"),
    path("data-quality/", views.data_quality, name="data_quality"),
]
