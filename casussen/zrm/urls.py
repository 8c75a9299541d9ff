"""The ZRM pages: for staff under /werk/casussen/<pk>/zrm/ (namespace `casussen`), for the
resident under /mijn/casussen/<pk>/zrm/ (namespace `casussen_mijn`)."""

from django.urls import path

from . import views

werk_urlpatterns = [
    path("casussen/<int:pk>/zrm/", views.ZrmView.as_view(), name="zrm"),
    path("casussen/<int:pk>/zrm/nieuw/", views.ZrmNieuwView.as_view(), name="zrm_nieuw"),
]

mijn_urlpatterns = [
    path("casussen/<int:pk>/zrm/", views.MijnZrmView.as_view(), name="zrm"),
    path("casussen/<int:pk>/zrm/invullen/", views.MijnZrmInvullenView.as_view(),
         name="zrm_invullen"),
]
