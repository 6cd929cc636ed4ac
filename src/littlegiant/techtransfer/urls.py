from django.urls import path

from littlegiant.techtransfer import views

app_name = "techtransfer"
urlpatterns = [
    path("", views.search_page, name="home"),
    path("listings/new/", views.listing_edit, name="listing_new"),
    path("listings/import/", views.listing_import, name="import"),
    path("listings/mine/", views.my_listings, name="mine"),
    path("listings/<int:pk>/", views.listing_detail, name="listing"),
    path("listings/<int:pk>/edit/", views.listing_edit, name="listing_edit"),
    path("listings/<int:pk>/status/", views.listing_status, name="listing_status"),
    path("listings/<int:pk>/enquire/", views.enquire, name="enquire"),
    path("listings/<int:pk>/feedback/", views.give_feedback, name="feedback"),
    path("listings/<int:pk>/accept/", views.accept, name="accept"),
    path("listings/<int:pk>/offer/", views.offer_variation, name="offer"),
    path("enquiries/<int:pk>/answer/", views.answer, name="answer"),
    path("licences/", views.licence_list, name="licences"),
    path("licences/<int:pk>/", views.licence_detail, name="licence"),
    path("licences/<int:pk>/accept/", views.accept_offer, name="accept_offer"),
    path("licences/<int:pk>/report/", views.report, name="report"),
    path("licences/<int:pk>/payment/", views.record_payment, name="payment"),
    path("licences/<int:pk>/end/", views.end, name="end"),
    path("recommendations/", views.recommendations, name="recommendations"),
    path("reports/", views.reports, name="reports"),
]
