"""Addresses for machines, outside the language prefixes (one vocabulary for both)."""

from django.urls import path

from . import views

urlpatterns = [
    path("vocabulary.ttl", views.vocabulary_turtle, name="search_vocabulary"),
]
