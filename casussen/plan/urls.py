"""The support plan's pages: for staff under /werk/casussen/<pk>/plan/ (namespace `casussen`),
for the resident under /mijn/casussen/<pk>/plan/ (namespace `casussen_mijn`)."""

from django.urls import path

from . import views

werk_urlpatterns = [
    path("casussen/<int:pk>/plan/", views.PlanView.as_view(), name="plan"),
    path("casussen/<int:pk>/plan/bewerken/", views.PlanBewerkenView.as_view(),
         name="plan_bewerken"),
    path("casussen/<int:pk>/plan/delen/", views.PlanDelenView.as_view(), name="plan_delen"),
    path("casussen/<int:pk>/plan/sociale-kaart/", views.PlanSocialeKaartView.as_view(),
         name="plan_sociale_kaart"),
    path("casussen/<int:pk>/plan/pdf/", views.PlanPdfView.as_view(), name="plan_pdf"),
]

mijn_urlpatterns = [
    path("casussen/<int:pk>/plan/", views.MijnPlanView.as_view(), name="plan"),
    path("casussen/<int:pk>/plan/pdf/", views.MijnPlanPdfView.as_view(), name="plan_pdf"),
]
