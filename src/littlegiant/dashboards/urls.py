from django.urls import path

from littlegiant.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.home, name="home"),
    path("regions/<str:code>/", views.region, name="region"),
    path("figures/<str:figure>.<str:fmt>", views.export, name="export"),
    path("titles/", views.titles, name="titles"),
    path("public/", views.public, name="public"),
]
