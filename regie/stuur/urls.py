from django.urls import path

from . import views

app_name = "regie"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/<slug:tabel>.<str:formaat>", views.export, name="export"),
    path("verversen/", views.verversen, name="verversen"),
]
