from django.urls import path

from littlegiant.policies import views

app_name = "policies"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/runs/", views.run_start, name="run_start"),
    path("runs/<int:pk>/", views.run, name="run"),
    path("runs/<int:pk>/enterprises.<str:fmt>", views.run_export, name="run_export"),
    path("runs/<int:pk>/notify/", views.run_notify, name="run_notify"),
    path("enterprises/<int:pk>/", views.enterprise, name="enterprise"),
]
