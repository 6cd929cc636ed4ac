from django.urls import path

from littlegiant.assessment import views

app_name = "assessment"
urlpatterns = [
    path("enterprises/<int:pk>/", views.self_assessment, name="self"),
    path("enterprises/<int:pk>/<int:year>/explanation.json", views.explanation_download, name="explanation"),
    path("enterprises/<int:pk>/rd-calculator/", views.rd_calculator, name="rd_calculator"),
    path("screening/", views.screening, name="screening"),
    path("screening/<int:pk>/", views.screening_run, name="screening_run"),
    path("screening/<int:pk>/results.<str:fmt>", views.screening_download, name="screening_download"),
]
