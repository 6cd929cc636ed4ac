from django.urls import path

from littlegiant.digital import views

app_name = "digital"

urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.start, name="start"),
    path("<int:pk>/", views.result, name="result"),
    path("<int:pk>/section/<slug:section>/", views.section, name="section"),
    path("<int:pk>/submit/", views.pledge, name="pledge"),
    path("tracker/", views.tracker, name="tracker"),
    path("tracker/export.<slug:fmt>", views.tracker_export, name="tracker_export"),
    path("import/", views.import_results, name="import"),
]
