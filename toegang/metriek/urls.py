from django.urls import path

from . import views

app_name = "metriek"

urlpatterns = [
    path("metrics/", views.metrics, name="metrics"),
]
