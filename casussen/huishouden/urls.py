"""Earlier contacts and the household, under /werk/ (namespace `casussen`)."""

from django.urls import path

from . import views

werk_urlpatterns = [
    path("intakes/<int:pk>/bekend/", views.BekendView.as_view(), name="bekend"),
    path("intakes/<int:pk>/bekend/<int:kandidaat_id>/koppelen/", views.KoppelenView.as_view(),
         name="koppelen"),
    path("intakes/<int:pk>/bekend/<int:kandidaat_id>/apart/", views.ApartView.as_view(),
         name="apart"),
    path("casussen/<int:pk>/huishouden/", views.HuishoudenView.as_view(), name="huishouden"),
    path("casussen/<int:pk>/huishouden/lid/", views.LidToevoegenView.as_view(),
         name="huishouden_lid"),
    path("casussen/<int:pk>/huishouden/lid/<int:lid_id>/einde/", views.LidEindeView.as_view(),
         name="huishouden_lid_einde"),
]
