"""Public URLs of subscriptions, under /fr/ and /en/ (cms.urls includes them)."""

from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("follow/<slug:topic>/", views.follow, name="follow"),
    path("follow/<slug:topic>/<str:code>/", views.follow, name="follow_item"),
    path("follow-sent/", views.sent, name="sent"),
    path("subscriptions/confirm/<str:token>/", views.confirm, name="confirm"),
    path("subscriptions/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("subscriptions/<str:token>/", views.manage, name="manage"),
]
