from django.urls import path

from littlegiant.scenarios import views

app_name = "scenarios"
urlpatterns = [
    path("", views.scenario_list, name="list"),
    path("new/", views.scenario_new, name="new"),
    path("comparison/", views.comparison_new, name="comparison"),
    path("<int:pk>/", views.scenario_detail, name="detail"),
    path("<int:pk>/edit/", views.scenario_edit, name="edit"),
    path("<int:pk>/delete/", views.scenario_delete, name="delete"),
    path("<int:pk>/run/", views.run_start, name="run_start"),
    path("runs/<int:pk>/", views.run_status, name="run"),
    path("runs/<int:pk>/result/", views.run_result, name="result"),
    path("runs/<int:pk>/movers.<str:fmt>", views.movers_export, name="movers_export"),
]
