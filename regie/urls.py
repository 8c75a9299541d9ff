from django.urls import path

from . import views

app_name = "regie"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
