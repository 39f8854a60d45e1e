from django.urls import path

from . import views

app_name = "perks"
urlpatterns = [
    path("", views.cards, name="cards"),
    path("cards/new/", views.card_issue, name="card_issue"),
    path("cards/lookup/", views.card_lookup, name="card_lookup"),
    path("cards/<int:pk>/", views.card, name="card"),
    path("cards/<int:pk>/lost/", views.card_report_lost, name="card_report_lost"),
    path("cards/<int:pk>/reissue/", views.card_reissue, name="card_reissue"),
    path("cards/<int:pk>/cancel/", views.card_cancel, name="card_cancel"),
    path("merchants/", views.merchants, name="merchants"),
    path("merchants/new/", views.merchant_create, name="merchant_create"),
    path("merchants/<int:pk>/", views.merchant, name="merchant"),
    path("merchants/<int:pk>/edit/", views.merchant_edit, name="merchant_edit"),
    path("merchants/<int:merchant_pk>/stores/new/", views.store_create, name="store_create"),
    path("stores/<int:pk>/edit/", views.store_edit, name="store_edit"),
    path("days/", views.perk_days, name="perk_days"),
    path("days/new/", views.perk_day_create, name="perk_day_create"),
    path("days/<int:pk>/", views.perk_day, name="perk_day"),
    path("days/<int:day_pk>/sales/new/", views.perk_sale_create, name="perk_sale_create"),
    path("sales/<int:pk>/", views.perk_sale, name="perk_sale"),
    path("sales/<int:pk>/edit/", views.perk_sale_edit, name="perk_sale_edit"),
]
