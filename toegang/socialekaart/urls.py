from django.urls import path

from . import views

app_name = "socialekaart"
urlpatterns = [
    path("", views.zoeken, name="zoeken"),
    path("<int:pk>/", views.detail, name="detail"),
]
