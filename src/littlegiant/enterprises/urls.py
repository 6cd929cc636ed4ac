from django.urls import path

from littlegiant.enterprises import views

app_name = "enterprises"
urlpatterns = [
    path("", views.enterprise_list, name="list"),
    path("upload/", views.upload, name="upload"),
    path("export/", views.export, name="export"),
    path("<int:pk>/", views.enterprise_detail, name="detail"),
    path("<int:pk>/filings/<int:year>/", views.filing_edit, name="filing_edit"),
]
