"""Root URLs: each domain app mounts its own under its name."""

from django.contrib import admin
from django.urls import include, path

from littlegiant.web import views
from littlegiant.web.api import api

web_patterns = (
    [
        path("", views.home, name="home"),
        path("discovery/", views.discovery, name="discovery"),
    ],
    "web",
)

urlpatterns = [
    path("", include(web_patterns)),
    path("", include("littlegiant.operations.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("littlegiant.accounts.urls")),
    path("notifications/", include("littlegiant.notifications.urls")),
    path("enterprises/", include("littlegiant.enterprises.urls")),
    path("assessment/", include("littlegiant.assessment.urls")),
    path("recognition/", include("littlegiant.recognition.urls")),
    path("services/", include("littlegiant.services.urls")),
    path("techtransfer/", include("littlegiant.techtransfer.urls")),
    path("digital/", include("littlegiant.digital.urls")),
    path("policies/", include("littlegiant.policies.urls")),
    path("scenarios/", include("littlegiant.scenarios.urls")),
    path("clusters/", include("littlegiant.clusters.urls")),
    path("dashboards/", include("littlegiant.dashboards.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
