"""Health and readiness, at the site root where probes expect them."""

from django.urls import path

from littlegiant.operations import health

app_name = "operations"
urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]
