from django.urls import path

from . import views

app_name = "verwijzing"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/verstuurd/", views.verstuurd, name="verstuurd"),
]
