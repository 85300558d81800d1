from django.urls import path

from reports.views.review import review_edition

urlpatterns = [path("review/<str:token>/", review_edition, name="review_edition")]
