"""The resident's pages on their case, mounted under /mijn/ (Mijn toegang)."""

from django.urls import path

from .views import plan

app_name = "mijn_casus"
urlpatterns = [
    path("casussen/<int:pk>/plan/", plan.MijnPlanView.as_view(), name="plan"),
    path("casussen/<int:pk>/plan/pdf/", plan.MijnPlanPdfView.as_view(), name="plan_pdf"),
]
